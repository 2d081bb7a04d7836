// load_weather: dispatch on the source string, and the CSV weather reader (format in README.md).
#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "weather/psychro.hpp"
#include "weather/text.hpp"

namespace dcload {
namespace {

using weather_detail::parse_number;
using weather_detail::trim;

constexpr std::size_t kHours = 8760;

enum Column : std::size_t {
  kMonth, kDryBulb, kRh, kPressure, kGhi, kDni, kDhi, kWind, kDewPoint, kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "month", "dry_bulb_c", "relative_humidity_pct", "pressure_pa", "ghi_w_m2",
    "dni_w_m2", "dhi_w_m2", "wind_m_s", "dew_point_c"};
constexpr std::string_view kRequired =
    "month,dry_bulb_c,relative_humidity_pct,pressure_pa,ghi_w_m2,dni_w_m2,dhi_w_m2,wind_m_s "
    "(dew_point_c optional)";

// Split one CSV line on commas (no quoting: the format has only numbers).
void split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = line.find(',', pos);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(pos));
      return;
    }
    out.push_back(line.substr(pos, comma - pos));
    pos = comma + 1;
  }
}

Weather read_csv(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = weather_detail::read_whole_file(path);
  std::string_view rest = text;
  int line_no = 0;
  auto next_line = [&](std::string_view& line) {
    if (rest.empty()) return false;
    const std::size_t nl = rest.find('\n');
    line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    return true;
  };

  std::string_view line;
  std::vector<std::string_view> fields;
  if (!next_line(line)) {
    throw ConfigError(file, 1, 0, "", "empty weather CSV; expected a header row " +
                                          std::string(kRequired));
  }
  split(line, fields);
  std::array<std::size_t, kColumnCount> index;
  index.fill(static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view name = trim(fields[i]);
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (name == kColumnNames[c]) index[c] = i;
    }
  }
  for (std::size_t c = 0; c < kDewPoint; ++c) {
    if (index[c] == static_cast<std::size_t>(-1)) {
      throw ConfigError(file, 1, 0, std::string(kColumnNames[c]),
                        "missing column " + std::string(kColumnNames[c]) +
                            "; the header must name " + std::string(kRequired));
    }
  }
  const bool has_dew = index[kDewPoint] != static_cast<std::size_t>(-1);
  const std::size_t needed = *std::max_element(
      index.begin(), index.end(), [](std::size_t a, std::size_t b) {
        return (a == static_cast<std::size_t>(-1) ? 0 : a) <
               (b == static_cast<std::size_t>(-1) ? 0 : b);
      });

  Weather w;
  w.source = file;
  w.location = path.stem().string();
  w.timestep_s = 3600.0;
  std::array<std::vector<double>, kColumnCount> cols;
  for (auto& c : cols) c.reserve(kHours);

  int last_line = 1;
  while (next_line(line)) {
    if (trim(line).empty()) continue;
    if (cols[0].size() == kHours) {
      throw ConfigError(file, line_no, 0, "",
                        "more than 8760 rows; a weather CSV holds one hourly year");
    }
    split(line, fields);
    if (fields.size() <= needed) {
      throw ConfigError(file, line_no, 0, "",
                        "row has " + std::to_string(fields.size()) + " fields, the header " +
                            std::to_string(needed + 1));
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (c == kDewPoint && !has_dew) continue;
      double v;
      if (!parse_number(fields[index[c]], v)) {
        throw ConfigError(file, line_no, 0, std::string(kColumnNames[c]),
                          std::string(kColumnNames[c]) + " = \"" +
                              std::string(trim(fields[index[c]])) + "\": expected a number");
      }
      cols[c].push_back(v);
    }
    const double month = cols[kMonth].back();
    if (month < 1 || month > 12 || month != std::floor(month)) {
      throw ConfigError(file, line_no, 0, "month",
                        "month = " + std::string(trim(fields[index[kMonth]])) +
                            ": expected 1..12");
    }
    const double rh = cols[kRh].back();
    if (rh < 0.0 || rh > 105.0) {
      throw ConfigError(file, line_no, 0, "relative_humidity_pct",
                        "relative_humidity_pct = " + std::string(trim(fields[index[kRh]])) +
                            ": expected a percentage 0..100");
    }
    last_line = line_no;
  }
  if (cols[0].size() < kHours) {
    throw ConfigError(file, last_line + 1, 0, "",
                      "truncated weather CSV: " + std::to_string(cols[0].size()) +
                          " rows end at line " + std::to_string(last_line) + ", expected 8760");
  }

  w.month.resize(kHours);
  for (std::size_t i = 0; i < kHours; ++i) w.month[i] = static_cast<int>(cols[kMonth][i]);
  w.dry_bulb_c = std::move(cols[kDryBulb]);
  w.relative_humidity = std::move(cols[kRh]);
  for (double& rh : w.relative_humidity) rh = std::clamp(rh / 100.0, 0.0, 1.0);
  w.pressure_pa = std::move(cols[kPressure]);
  w.ghi_w_m2 = std::move(cols[kGhi]);
  w.dni_w_m2 = std::move(cols[kDni]);
  w.dhi_w_m2 = std::move(cols[kDhi]);
  w.wind_m_s = std::move(cols[kWind]);
  if (has_dew) {
    w.dew_point_c = std::move(cols[kDewPoint]);
  } else {
    w.dew_point_c.resize(kHours);
    for (std::size_t i = 0; i < kHours; ++i) {
      const double t = w.dry_bulb_c[i];
      const double e = w.relative_humidity[i] * weather_detail::saturation_pressure_pa(t);
      w.dew_point_c[i] = std::min(t, weather_detail::dew_point_c(e));
    }
  }
  w.wet_bulb_c.resize(kHours);
  weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, w.wet_bulb_c);
  return w;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string names() {
  std::string s;
  for (const auto& n : builtin_stations()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

Weather load_weather(const std::string& source, const std::filesystem::path& base_dir,
                     std::uint64_t seed) {
  constexpr std::string_view kBuiltin = "builtin:";
  if (source.rfind(kBuiltin, 0) == 0) {
    Weather w = synthesize_builtin(source.substr(kBuiltin.size()), seed);
    w.source = source;
    w.design = design_conditions(w);
    return w;
  }
  std::filesystem::path path(source);
  if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
  const std::string ext = lower(path.extension().string());
  // A bare station name ("ulsan", "Ulsan") means builtin:ulsan, unless such a file exists.
  if (std::error_code exists_ec; ext.empty() && !std::filesystem::exists(path, exists_ec)) {
    // (the file name: `run --weather ulsan` arrives made absolute against the current folder)
    const std::string key = lower(path.filename().string());
    const auto names = builtin_stations();
    if (std::find(names.begin(), names.end(), key) != names.end()) {
      Weather w = synthesize_builtin(key, seed);
      w.source = "builtin:" + key;
      w.design = design_conditions(w);
      return w;
    }
  }
  if (ext != ".epw" && ext != ".csv") {
    throw ConfigError("", 0, 0, "weather",
                      "weather = \"" + source +
                          "\": expected builtin:NAME or a built-in station name (" + names() +
                          "), a .epw file or a .csv file");
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw ConfigError(path.string(), 0, 0, "weather",
                      "weather = \"" + source + "\": file not found: " + path.string());
  }
  Weather w = ext == ".epw" ? read_epw(path) : read_csv(path);
  w.source = source;
  if (!w.design.from_header) w.design = design_conditions(w);
  return w;
}

}  // namespace dcload
