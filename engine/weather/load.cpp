// load_weather: dispatch on the source string, and the CSV weather reader (format and bounds in
// README.md).
#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "config/names.hpp"
#include "dcload/weather.hpp"
#include "weather/psychro.hpp"
#include "weather/text.hpp"
#include "weather/validate.hpp"

namespace dcload {
namespace {

using weather_detail::parse_int;
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

// Bounds of each column (weather/validate.hpp; README.md "Bounds"), month checked apart.
constexpr std::array<const detail::Bound*, kColumnCount> kBounds = {
    nullptr,
    &detail::kTemperatureBound,
    &detail::kCsvRelativeHumidityBound,
    &detail::kPressureBound,
    &detail::kGhiBound,
    &detail::kDniBound,
    &detail::kDhiBound,
    &detail::kWindBound,
    &detail::kTemperatureBound};

// Calendar of the non-leap year the rows follow.
constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Month (1..12) of hour `h` (0-based) of the year.
int month_of_hour(std::size_t h) {
  std::size_t day = h / 24;
  int m = 0;
  while (m < 11 && day >= static_cast<std::size_t>(kDaysInMonth[static_cast<std::size_t>(m)])) {
    day -= static_cast<std::size_t>(kDaysInMonth[static_cast<std::size_t>(m++)]);
  }
  return m + 1;
}

// 1-based column of `field` (a view into `line`).
int column_of(std::string_view line, std::string_view field) {
  return static_cast<int>(field.data() - line.data()) + 1;
}

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
  std::array<std::vector<double>, kColumnCount> cols;  // cols[kMonth] unused: see months
  for (std::size_t c = 1; c < kColumnCount; ++c) cols[c].reserve(kHours);
  std::vector<int> months;
  months.reserve(kHours);
  std::size_t dew_clipped = 0;
  int dew_clipped_line = 0;
  double dew_clipped_max_k = 0.0;

  int last_line = 1;
  while (next_line(line)) {
    if (trim(line).empty()) continue;
    if (months.size() == kHours) {
      throw ConfigError(file, line_no, 0, "",
                        "more than 8760 rows; a weather CSV holds one hourly year");
    }
    split(line, fields);
    if (fields.size() <= needed) {
      throw ConfigError(file, line_no, 0, "",
                        "row has " + std::to_string(fields.size()) + " fields, the header " +
                            std::to_string(needed + 1));
    }
    // month: an integer, and that of the row's place in the year (row r = hour r from
    // 1 January 00:00; the series is indexed by position, the column only labels it).
    {
      const std::string_view field = fields[index[kMonth]];
      const std::string_view month_text = trim(field);  // for messages only
      int month;
      if (!parse_int(field, month) || month < 1 || month > 12) {
        std::string msg =
            "month = \"" + std::string(month_text) + "\": expected a whole number from 1 to 12";
        double v;
        if (parse_number(field, v)) msg += ", got " + weather_detail::format_number(v);
        throw ConfigError(file, line_no, column_of(line, field), "month", msg);
      }
      const int want = month_of_hour(months.size());
      if (month != want) {
        throw ConfigError(file, line_no, column_of(line, field), "month",
                          "month = \"" + std::string(month_text) + "\": expected " +
                              std::to_string(want) + " (row " + std::to_string(months.size() + 1) +
                              " of an hourly year from 1 January 00:00 falls in " +
                              kMonthNames[static_cast<std::size_t>(want - 1)] + "), got " +
                              std::string(month_text));
      }
      months.push_back(month);
    }
    for (std::size_t c = 1; c < kColumnCount; ++c) {
      if (c == kDewPoint && !has_dew) continue;
      const std::string_view field = fields[index[c]];
      double v;
      if (!parse_number(field, v)) {
        throw ConfigError(file, line_no, column_of(line, field), std::string(kColumnNames[c]),
                          std::string(kColumnNames[c]) + " = \"" + std::string(trim(field)) +
                              "\": expected a number");
      }
      if (!kBounds[c]->contains(v)) {
        throw ConfigError(file, line_no, column_of(line, field), std::string(kColumnNames[c]),
                          detail::bound_message(kColumnNames[c], trim(field), *kBounds[c], v));
      }
      cols[c].push_back(v);
    }
    const double dry = cols[kDryBulb].back();
    if (has_dew) {
      double& dew = cols[kDewPoint].back();
      switch (detail::check_dew_point(dry, dew)) {
        case detail::DewPointCheck::kOk:
          break;
        case detail::DewPointCheck::kClip:
          if (++dew_clipped == 1) dew_clipped_line = line_no;
          dew_clipped_max_k = std::max(dew_clipped_max_k, dew - dry);
          dew = dry;
          break;
        case detail::DewPointCheck::kError: {
          const std::string_view field = fields[index[kDewPoint]];
          throw ConfigError(file, line_no, column_of(line, field), "dew_point_c",
                            detail::dew_point_message(
                                "dew_point_c = \"" + std::string(trim(field)) + "\"", dry, dew));
        }
      }
    }
    const double rh = std::clamp(cols[kRh].back() / 100.0, 0.0, 1.0);
    if (detail::vapour_reaches_pressure(dry, rh, cols[kPressure].back())) {
      throw ConfigError(
          file, line_no, column_of(line, fields[index[kPressure]]), "pressure_pa",
          "pressure_pa = \"" + std::string(trim(fields[index[kPressure]])) +
              "\": expected a station pressure above the vapour pressure of air "
              "at that dry-bulb and relative humidity (" +
              weather_detail::format_number(rh * weather_detail::saturation_pressure_pa(dry)) +
              " Pa)");
    }
    last_line = line_no;
  }
  if (months.size() < kHours) {
    throw ConfigError(file, last_line + 1, 0, "",
                      "truncated weather CSV: " + std::to_string(months.size()) +
                          " rows end at line " + std::to_string(last_line) + ", expected 8760");
  }

  w.month = std::move(months);
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
  if (dew_clipped > 0) {
    w.warnings.push_back(
        detail::dew_point_clip_warning(file, dew_clipped_line, dew_clipped, dew_clipped_max_k));
  }
  w.wet_bulb_c.resize(kHours);
  weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, w.wet_bulb_c);
  // The same check a run applies to any Weather (validate.hpp): the reader and it agree.
  detail::check_weather(w, file);
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

namespace {

// The file a non-builtin source names, and whether it is a bare built-in station name.
struct Resolved {
  std::filesystem::path path;
  std::string ext;
  std::string station;  // non-empty: a built-in station
};

Resolved resolve(const std::string& source, const std::filesystem::path& base_dir) {
  constexpr std::string_view kBuiltin = "builtin:";
  Resolved r;
  if (source.rfind(kBuiltin, 0) == 0) {
    r.station = lower(source.substr(kBuiltin.size()));
    return r;
  }
  r.path = source;
  if (r.path.is_relative() && !base_dir.empty()) r.path = base_dir / r.path;
  r.ext = lower(r.path.extension().string());
  // A bare station name ("ulsan", "Ulsan") means builtin:ulsan, unless such a file exists.
  // (the file name: `run --weather ulsan` arrives made absolute against the current folder)
  if (std::error_code ec; r.ext.empty() && !std::filesystem::exists(r.path, ec)) {
    const std::string key = lower(r.path.filename().string());
    const auto names = builtin_stations();
    if (std::find(names.begin(), names.end(), key) != names.end()) r.station = key;
  }
  return r;
}

}  // namespace

std::string weather_source_problem(const std::string& source,
                                   const std::filesystem::path& base_dir) {
  constexpr std::string_view kBuiltin = "builtin:";
  const Resolved r = resolve(source, base_dir);
  const auto stations = builtin_stations();
  if (source.rfind(kBuiltin, 0) == 0) {
    if (std::find(stations.begin(), stations.end(), r.station) != stations.end()) return "";
    const std::string s = detail::closest(r.station, stations);
    return "weather = \"" + source + "\": unknown built-in station" +
           (s.empty() ? "" : "; did you mean \"builtin:" + s + "\"?") + " (known: " + names() + ")";
  }
  if (!r.station.empty()) return "";
  if (r.ext != ".epw" && r.ext != ".csv") {
    const std::string s =
        r.ext.empty() ? detail::closest(lower(r.path.filename().string()), stations) : "";
    return "weather = \"" + source + "\": expected builtin:NAME or a built-in station name" +
           (s.empty() ? "" : " (did you mean \"" + s + "\"?)") + " (" + names() +
           "), a .epw file or a .csv file";
  }
  std::error_code ec;
  if (!std::filesystem::exists(r.path, ec))
    return "weather = \"" + source + "\": file not found: " + r.path.string();
  if (!std::filesystem::is_regular_file(r.path, ec))
    return "weather = \"" + source + "\": not a regular file: " + r.path.string();
  return "";
}

Weather load_weather(const std::string& source, const std::filesystem::path& base_dir,
                     std::uint64_t seed) {
  const Resolved r = resolve(source, base_dir);
  if (!r.station.empty()) {
    Weather w = synthesize_builtin(r.station, seed);
    w.source = source.rfind("builtin:", 0) == 0 ? source : "builtin:" + r.station;
    w.design = design_conditions(w);
    return w;
  }
  if (const std::string problem = weather_source_problem(source, base_dir); !problem.empty())
    throw ConfigError("", 0, 0, "weather", problem);
  Weather w = r.ext == ".epw" ? read_epw(r.path) : read_csv(r.path);
  w.source = source;
  if (!w.design.from_header) w.design = design_conditions(w);
  return w;
}

}  // namespace dcload
