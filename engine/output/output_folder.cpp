// Output sets (OutputFolder), safe names, and the streaming CSV writer (see dcload/output.hpp).
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "dcload/error.hpp"
#include "dcload/output.hpp"
#include "metrics/metrics.hpp"

namespace dcload {
namespace {

namespace fs = std::filesystem;

ConfigError folder_error(const std::string& what, const fs::path& dir, const std::string& msg) {
  return ConfigError("", 0, 0, what, what + " " + dir.string() + ": " + msg);
}

bool has_marker(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / std::string(kOutputMarker), ec);
}

bool is_empty_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

// A process that exists and is not a zombie (a killed run whose parent has not reaped it yet).
bool process_alive(pid_t pid) {
  if (kill(pid, 0) != 0 && errno != EPERM) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;  // no /proc: trust kill()
  const std::size_t paren = text.rfind(')');
  return !(paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z');
}

// "NAME.partial-PID" / "NAME.old-PID" siblings of `dir` whose process is gone and which carry
// the marker (so nothing dcload did not create is ever removed).
void remove_stale_siblings(const fs::path& dir) {
  std::error_code ec;
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  const std::string base = dir.filename().string();
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    for (const char* tag : {".partial-", ".old-"}) {
      const std::string prefix = base + tag;
      if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string pid_text = name.substr(prefix.size());
      if (pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9)
        continue;
      const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
      const bool alive = pid == getpid() || process_alive(pid);
      if (!alive && has_marker(entry.path())) fs::remove_all(entry.path(), ec);
    }
  }
}

void write_marker(const fs::path& dir) {
  std::ofstream m(dir / std::string(kOutputMarker), std::ios::trunc);
  m << "written by dcload; a folder with this file may be replaced by the next run\n";
  if (!m) throw ConfigError((dir / std::string(kOutputMarker)).string(), 0, 0, "",
                            "cannot write the output marker");
}

}  // namespace

OutputFolder::OutputFolder(fs::path dir, std::uintmax_t expected_bytes, std::string what)
    : dir_(std::move(dir)), what_(std::move(what)) {
  std::error_code ec;
  if (dir_.empty()) throw folder_error(what_, dir_, "empty folder name");
  // "out/" and "out" are the same folder; the temporary is its sibling.
  if (!dir_.has_filename()) dir_ = dir_.parent_path();
  dir_ = fs::absolute(dir_, ec).lexically_normal();
  if (!dir_.has_filename()) dir_ = dir_.parent_path();
  if (dir_.filename() == "." || dir_.filename() == ".." || dir_ == dir_.root_path())
    throw folder_error(what_, dir_, "name a folder of its own (not ., .. or /)");
  const fs::path parent = dir_.parent_path();
  if (fs::exists(dir_, ec)) {
    if (!fs::is_directory(dir_, ec)) throw folder_error(what_, dir_, "exists and is not a folder");
    if (!is_empty_dir(dir_) && !has_marker(dir_))
      throw folder_error(what_, dir_,
                         "exists, is not empty and was not written by dcload (no " +
                             std::string(kOutputMarker) +
                             "); choose a new folder or empty this one");
  } else {
    fs::create_directories(parent, ec);
    if (ec) throw folder_error(what_, parent, "cannot create the folder: " + ec.message());
  }
  if (access(parent.c_str(), W_OK) != 0)
    throw folder_error(what_, parent, std::string("cannot write here: ") + std::strerror(errno));
  remove_stale_siblings(dir_);
  tmp_ = parent / (dir_.filename().string() + ".partial-" + std::to_string(getpid()));
  fs::remove_all(tmp_, ec);
  if (!fs::create_directory(tmp_, ec) || ec)
    throw folder_error(what_, dir_, "cannot create the temporary folder " + tmp_.string() + ": " +
                                        (ec ? ec.message() : std::string("already exists")));
  try {
    write_marker(tmp_);
  } catch (...) {
    fs::remove_all(tmp_, ec);
    throw;
  }
  if (expected_bytes > 0) {
    const fs::space_info space = fs::space(parent, ec);
    if (!ec && space.available < expected_bytes) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "needs about %.1f GB for the outputs, %.1f GB are free; write fewer steps "
                    "(a window, a longer --timestep) or another disk",
                    static_cast<double>(expected_bytes) / 1e9,
                    static_cast<double>(space.available) / 1e9);
      fs::remove_all(tmp_, ec);
      throw folder_error(what_, dir_, buf);
    }
  }
}

OutputFolder::~OutputFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(tmp_, ec);
}

fs::path OutputFolder::path(std::string_view relative) const { return tmp_ / fs::path(relative); }

void OutputFolder::commit() {
  if (committed_) return;
  std::error_code ec;
  const auto fail = [&](const std::string& msg) {
    fs::remove_all(tmp_, ec);
    committed_ = true;  // nothing left to clean up
    return folder_error(what_, dir_, msg);
  };
  if (fs::exists(dir_, ec)) {
    // Re-checked: the folder may have changed while the run ran.
    if (!fs::is_directory(dir_, ec) || (!is_empty_dir(dir_) && !has_marker(dir_)))
      throw fail("changed during the run and is no longer a dcload output folder; not replaced");
    if (renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(tmp_, ec);  // now holds the earlier set
      committed_ = true;
      return;
    }
    // File systems without RENAME_EXCHANGE: move the earlier set aside first (DIR is absent for
    // the instant between the two renames, never half-written).
    const fs::path old =
        dir_.parent_path() / (dir_.filename().string() + ".old-" + std::to_string(getpid()));
    fs::remove_all(old, ec);
    fs::rename(dir_, old, ec);
    if (ec) throw fail("cannot move the earlier outputs aside: " + ec.message());
    fs::rename(tmp_, dir_, ec);
    if (ec) {
      std::error_code ec2;
      fs::rename(old, dir_, ec2);
      throw fail("cannot rename the new outputs into place: " + ec.message());
    }
    fs::remove_all(old, ec);
    committed_ = true;
    return;
  }
  fs::rename(tmp_, dir_, ec);
  if (ec) throw fail("cannot rename the new outputs into place: " + ec.message());
  committed_ = true;
}

std::string safe_file_name(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    const char put = keep ? ch : '_';
    if (put == '_' && !out.empty() && out.back() == '_') continue;  // one '_' per run of others
    out += put;
    if (out.size() >= 64) break;
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  return out.empty() || out == "_" ? std::string("site") : out;
}

std::uintmax_t csv_size_estimate(std::size_t steps, std::size_t channels) {
  // "123456789,2029-12-31T23:59:59+09:00" (≤ 35) + per value "," + "%.7g" (≤ 14, typically
  // ≈ 9) + "\n".
  return static_cast<std::uintmax_t>(steps) * (36 + 11 * channels);
}

namespace {

class CsvSink final : public ChannelSink {
 public:
  explicit CsvSink(fs::path file) : file_(std::move(file)) {}

  void calendar(int year, double utc_offset_h) override {
    calendar_given_ = true;
    year_ = year;
    // ISO 8601 offset ±HH:MM (local standard time; no daylight saving in the weather year).
    const int minutes = static_cast<int>(std::lround(std::clamp(utc_offset_h, -14.0, 14.0) * 60.0));
    std::snprintf(offset_text_, sizeof offset_text_, "%c%02d:%02d", minutes < 0 ? '-' : '+',
                  std::abs(minutes) / 60 % 100, std::abs(minutes) % 60);
  }

  void begin(const std::vector<Channel>& layout, std::size_t, double timestep_s,
             double start_s) override {
    // Without calendar() the time stamps would carry a year and UTC offset nobody gave.
    if (!calendar_given_)
      throw std::logic_error("csv_sink: calendar() was not called before begin(); run() calls it, "
                             "and a sink that wraps this one must forward it");
    out_.open(file_, std::ios::binary | std::ios::trunc);
    if (!out_) throw ConfigError(file_.string(), 0, 0, "", "cannot write " + file_.string());
    dt_ = timestep_s;
    start_ = start_s;
    scale_.clear();
    offset_.clear();
    std::string header = "step,time";
    for (const auto& c : layout) {
      header += "," + c.name + (c.display_unit.empty() ? "" : "_" + c.display_unit);
      scale_.push_back(c.display_scale);
      offset_.push_back(c.display_offset);
    }
    out_ << header << '\n';
  }

  void block(std::size_t first, const std::vector<std::span<const double>>& values) override {
    const std::size_t n = values.empty() ? 0 : values.front().size();
    std::string text;
    text.reserve(n * (36 + 11 * values.size()) + 64);
    char buf[96];
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t step = first + k;
      const detail::StepTime t = detail::step_time(static_cast<Eigen::Index>(step), dt_, start_);
      // ISO 8601 local time with its UTC offset, e.g. 2029-07-15T14:00:00+09:00.
      std::snprintf(buf, sizeof buf, "%zu,%04d-%02d-%02dT%02d:%02d:%02d%s", step, year_, t.month,
                    t.day, t.hour, t.minute, t.second, offset_text_);
      text += buf;
      for (std::size_t c = 0; c < values.size(); ++c) {
        const double v = values[c][k] * scale_[c] + offset_[c];
        if (std::isfinite(v)) {
          std::snprintf(buf, sizeof buf, ",%.7g", v);
          text += buf;
        } else {
          text += ",";  // an empty field, never "nan"/"inf" (a run with such values says so)
        }
      }
      text += '\n';
      if (text.size() > (1u << 20)) {
        out_ << text;
        text.clear();
      }
    }
    out_ << text;
    if (!out_) throw ConfigError(file_.string(), 0, 0, "", "writing failed (disk full?)");
  }

  void end() override {
    out_.flush();
    if (!out_) throw ConfigError(file_.string(), 0, 0, "", "writing failed (disk full?)");
    out_.close();
  }

 private:
  fs::path file_;
  std::ofstream out_;
  double dt_ = 3600, start_ = 0;
  int year_ = kReferenceYear;
  bool calendar_given_ = false;
  char offset_text_[16] = "+00:00";
  std::vector<double> scale_, offset_;
};

}  // namespace

std::unique_ptr<ChannelSink> csv_sink(const fs::path& file) {
  return std::make_unique<CsvSink>(file);
}

void write_run_files(const RunResult& result, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ConfigError(dir.string(), 0, 0, "", "cannot create output folder: " + ec.message());
  // A summary-only result (channels {"none"}) has no time series to write.
  if (!result.channels.empty()) {
    const std::size_t steps = result.channels.front().values.size();
    for (const auto& c : result.channels)
      if (c.values.size() != steps)
        throw std::logic_error("write_run_files: channel " + c.name + " has " +
                               std::to_string(c.values.size()) + " values, not " +
                               std::to_string(steps));
    CsvSink csv(dir / "timeseries.csv");
    csv.calendar(result.summary.calendar_year > 0 ? result.summary.calendar_year : kReferenceYear,
                 result.summary.utc_offset_h);
    csv.begin(result.channels, steps, in_si(result.summary.timestep), in_si(result.summary.start));
    std::vector<std::span<const double>> values;
    constexpr std::size_t kBlock = 65536;
    for (std::size_t first = 0; first < steps; first += kBlock) {
      const std::size_t n = std::min(kBlock, steps - first);
      values.clear();
      for (const auto& c : result.channels) values.emplace_back(c.values.data() + first, n);
      csv.block(first, values);
    }
    csv.end();
  }
  std::ofstream json(dir / "summary.json", std::ios::binary | std::ios::trunc);
  json << to_json(result.summary);
  json.flush();
  if (!json) throw ConfigError((dir / "summary.json").string(), 0, 0, "", "writing failed (disk full?)");
}

void write_outputs(const RunResult& result, const fs::path& dir) {
  OutputFolder folder(dir, csv_size_estimate(result.summary.steps, result.channels.size()),
                      "output folder");
  write_run_files(result, folder.path(""));
  folder.commit();
}

}  // namespace dcload
