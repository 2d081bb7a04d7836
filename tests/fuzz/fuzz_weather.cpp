// Harness "weather": the input is written to <scratch>/weather.epw and <scratch>/weather.csv;
// the first is read with dcload::read_epw and dcload::load_weather, the second with
// dcload::load_weather. A short input is also read as a whole year: its last line repeated up
// to 8,760 records (weather_year.epw/.csv), so that a value the fuzzer puts into one record
// reaches the checks only an accepted year gets. An accepted year must hold finite values of
// one length (fuzz_support.hpp), and the default site must run on it over one day (24 h at
// 1 h, the day chosen by the input size) with finite results. A ConfigError is the expected
// answer to bad input.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::size_t kEpwLines = 8 + 8760;  // header + one hourly year
constexpr std::size_t kCsvLines = 1 + 8760;
constexpr std::size_t kMaxPaddedLine = 512;  // longer last lines are not repeated

// `text` plus copies of its last line until it has `lines` lines; "" when it has them already
// (or the last line is empty or long).
std::string padded(std::string_view text, std::size_t lines) {
  std::size_t have = 0;
  for (char c : text) have += c == '\n';
  if (!text.empty() && text.back() != '\n') ++have;
  if (have >= lines) return {};
  std::string_view body = text;
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  const std::size_t nl = body.rfind('\n');
  const std::string_view last = nl == std::string_view::npos ? body : body.substr(nl + 1);
  if (last.empty() || last.size() > kMaxPaddedLine) return {};
  std::string out(body);
  out.reserve(out.size() + (lines - have) * (last.size() + 1) + 1);
  for (std::size_t k = have; k < lines; ++k) out.append("\n").append(last);
  return out.append("\n");
}

void run_one_day(const dcload::Weather& w, std::size_t size) {
  static const dcload::Site site = dcload::default_site();
  dcload::RunOptions options;
  options.start = dcload::hours(24.0 * static_cast<double>(size % 365));
  options.duration = dcload::hours(24.0);
  dcload::fuzz::guarded([&] {
    const dcload::RunResult r = dcload::run(site, w, options);
    dcload::fuzz::check_result(r, "run on fuzzed weather");
  });
}

void read(const std::filesystem::path& path, std::size_t size) {
  dcload::fuzz::guarded([&] {
    if (path.extension() == ".epw") dcload::fuzz::check_weather(dcload::read_epw(path), "read_epw");
    const dcload::Weather w = dcload::load_weather(path.string());
    if (dcload::fuzz::check_weather(w, "load_weather")) run_one_day(w, size);
  });
}

void read_as(const std::string& name, std::string_view text, std::size_t size) {
  const std::filesystem::path path = dcload::fuzz::scratch_dir() / name;
  dcload::fuzz::write_file(path, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  read(path, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  read_as("weather.epw", text, size);
  read_as("weather.csv", text, size);
  if (const std::string year = padded(text, kEpwLines); !year.empty()) {
    read_as("weather_year.epw", year, size);
  }
  if (const std::string year = padded(text, kCsvLines); !year.empty()) {
    read_as("weather_year.csv", year, size);
  }
  return 0;
}
