// EnergyPlus weather (EPW) reader. Format: EnergyPlus "Auxiliary Programs", ch. 2 "Weather
// Converter Program", section "EnergyPlus Weather File (EPW) Data Dictionary": 8 header lines
// (LOCATION first), then one comma-separated record per hour. 1-based field numbers used here:
//    2 month, 3 day, 7 dry-bulb °C, 8 dew point °C, 9 relative humidity %, 10 station pressure Pa,
//   14 global horizontal, 15 direct normal, 16 diffuse horizontal radiation (Wh/m² over the
//   hour preceding the stamp = mean W/m²), 22 wind speed m/s.
// Missing-value codes from the same dictionary: 99.9 (temperatures), 999 (RH), 999999
// (pressure), 9999 (radiation), 999 (wind speed).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "io/files.hpp"
#include "weather/psychro.hpp"
#include "weather/text.hpp"

namespace dcload {
namespace weather_detail {

std::string read_whole_file(const std::filesystem::path& path) {
  detail::InputFile f;
  f.path = path;
  f.what = "weather file";
  f.key = "weather";
  return detail::read_input_file(f);
}

}  // namespace weather_detail

namespace {

using weather_detail::parse_number;
using weather_detail::trim;

constexpr int kHoursPerYear = 8760;
constexpr int kHeaderLines = 8;
constexpr int kMaxGapHours = 6;  // longer gaps of missing values are an error, not a guess
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Fields of one record we read, in order of their 1-based EPW field number.
struct FieldSpec {
  int number;            // 1-based EPW field number
  const char* name;      // as named in messages
  double missing_at;     // values ≥ this are the EPW missing code
};
constexpr std::array<FieldSpec, 10> kFields = {{
    {2, "month", std::numeric_limits<double>::infinity()},
    {3, "day", std::numeric_limits<double>::infinity()},
    {7, "dry-bulb", 99.9},
    {8, "dew-point", 99.9},
    {9, "relative humidity", 999.0},
    {10, "pressure", 999999.0},
    {14, "global horizontal radiation", 9999.0},
    {15, "direct normal radiation", 9999.0},
    {16, "diffuse horizontal radiation", 9999.0},
    {22, "wind speed", 999.0},
}};
constexpr int kLastField = 22;

// Cursor over the lines of the file text; no allocation.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    const char* begin = text_.data() + pos_;
    const void* nl = std::memchr(begin, '\n', text_.size() - pos_);
    std::size_t len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - begin)
                         : text_.size() - pos_;
    pos_ += len + 1;
    if (len > 0 && begin[len - 1] == '\r') --len;
    line = std::string_view(begin, len);
    ++number_;
    return true;
  }
  int number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
};

// Split off the next comma-separated field.
inline std::string_view next_field(std::string_view& rest) {
  const std::size_t comma = rest.find(',');
  std::string_view field = rest.substr(0, comma);
  rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  return field;
}

[[noreturn]] void bad_number(const std::string& file, int line, const char* name,
                             std::string_view field, int number) {
  throw ConfigError(file, line, 0, name,
                    std::string(name) + " = \"" + std::string(trim(field)) +
                        "\": expected a number (EPW field " + std::to_string(number) + ")");
}

// Fill runs of NaN of at most kMaxGapHours by linear interpolation between the valid
// neighbours (held constant when the run touches the start or end of the year).
void fill_gaps(std::vector<double>& v, const std::vector<int>& lines, const std::string& file,
               const char* name, int per_hour, std::vector<std::string>& warnings) {
  const std::size_t n = v.size();
  const std::size_t max_gap = static_cast<std::size_t>(kMaxGapHours * per_hour);
  std::size_t i = 0;
  while (i < n) {
    if (!std::isnan(v[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && std::isnan(v[j])) ++j;
    const std::size_t len = j - i;
    if (len > max_gap || len == n) {
      const std::string unit = per_hour == 1 ? " consecutive hours" : " consecutive records";
      throw ConfigError(file, lines[i], 0, name,
                        std::string(name) + ": " + std::to_string(len) + unit +
                            " hold the EPW missing-value code from this record on; at most " +
                            std::to_string(kMaxGapHours) + " h are interpolated");
    }
    warnings.push_back(file + ":" + std::to_string(lines[i]) + ": " + name + ": " +
                       std::to_string(len) + (len == 1 ? " record" : " records") +
                       " with the EPW missing-value code interpolated");
    const bool has_before = i > 0;
    const bool has_after = j < n;
    for (std::size_t k = i; k < j; ++k) {
      if (has_before && has_after) {
        const double f = static_cast<double>(k - i + 1) / static_cast<double>(len + 1);
        v[k] = v[i - 1] + f * (v[j] - v[i - 1]);
      } else {
        v[k] = has_before ? v[i - 1] : v[j];
      }
    }
    i = j;
  }
}

// DESIGN CONDITIONS (header line 2). The Climate.OneBuilding / EnergyPlus layout is
// "DESIGN CONDITIONS,N,SOURCE,,Heating,…,Cooling,c1,c2,…,Extremes,…". The 2009 and the 2021
// Handbook layouts differ in the number of Heating fields (2021 adds one), but in both the
// fields after "Cooling" are, in the order of ASHRAE HoF ch. 14 Table 1 ("Cooling and
// dehumidification design conditions"): hottest month, daily range DBR, DB 0.4 %, MCWB 0.4 %,
// DB 1 %, MCWB 1 %, DB 2 %, MCWB 2 %, WB 0.4 %, MCDB 0.4 %, WB 1 %, MCDB 1 %, …  (checked
// against shared/reference/korea_design_conditions.csv, which tabulates both layouts). We anchor
// on the "Cooling" token, so both layouts read alike. N = 0 or no "Cooling" token: no header
// values (the caller computes them from the series).
void read_design_conditions(const std::string& file, int line_no, std::string_view line,
                            DesignConditions& out) {
  if (line.substr(0, 17) != "DESIGN CONDITIONS") return;
  std::string_view rest = line;
  bool cooling = false;
  while (!rest.empty()) {
    if (trim(next_field(rest)) == "Cooling") {
      cooling = true;
      break;
    }
  }
  if (!cooling) return;
  // index after "Cooling" → destination
  constexpr int kWanted = 11;
  std::array<std::string_view, kWanted> f{};
  int count = 0;
  while (!rest.empty() && count < kWanted) f[count++] = next_field(rest);
  static constexpr const char* kNames[kWanted] = {
      "hottest month", "DBR", "DB 0.4 %", "MCWB 0.4 %", "DB 1 %", "MCWB 1 %",
      "DB 2 %", "MCWB 2 %", "WB 0.4 %", "MCDB 0.4 %", "WB 1 %"};
  std::array<double, kWanted> v{};
  for (int k = 0; k < kWanted; ++k) {
    if (k >= count || !parse_number(f[k], v[k])) {
      throw ConfigError(file, line_no, 0, "DESIGN CONDITIONS",
                        std::string("DESIGN CONDITIONS Cooling field ") + std::to_string(k + 1) +
                            " (" + kNames[k] + ") = \"" +
                            (k < count ? std::string(trim(f[k])) : std::string()) +
                            "\": expected a number");
    }
  }
  out.db_004_c = v[2];
  out.mcwb_004_c = v[3];
  out.db_010_c = v[4];
  out.mcwb_010_c = v[5];
  out.wb_004_c = v[8];
  out.wb_010_c = v[10];
  out.from_header = true;
}

// DATA PERIODS (header line 8): "DATA PERIODS,N,RECORDS_PER_HOUR,NAME,START_DAY,START,END"
// (EnergyPlus Auxiliary Programs, EPW data dictionary). Records per hour must divide 60.
int read_records_per_hour(const std::string& file, int line_no, std::string_view line) {
  if (line.substr(0, 12) != "DATA PERIODS") {
    throw ConfigError(file, line_no, 0, "DATA PERIODS",
                      "expected the EPW DATA PERIODS header on line 8, got \"" +
                          std::string(line.substr(0, 40)) + "\"");
  }
  std::string_view rest = line;
  next_field(rest);  // "DATA PERIODS"
  next_field(rest);  // number of periods
  const std::string_view field = trim(next_field(rest));
  double v = 0;
  if (!parse_number(field, v) || v < 1 || v > 60 || v != static_cast<int>(v) ||
      60 % static_cast<int>(v) != 0) {
    throw ConfigError(file, line_no, 0, "DATA PERIODS",
                      "DATA PERIODS records per hour = \"" + std::string(field) +
                          "\": expected a whole number that divides 60 (1, 2, 4, 6, 12, 60…)");
  }
  return static_cast<int>(v);
}

}  // namespace

Weather read_epw(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = weather_detail::read_whole_file(path);
  LineReader reader(text);
  std::string_view line;
  int per_hour = 1;  // records per hour, DATA PERIODS field 3

  Weather w;
  w.source = file;
  w.timestep_s = 3600.0;

  // ---- LOCATION,city,state,country,source,WMO,lat,lon,tz,elevation
  if (!reader.next(line) || line.substr(0, 8) != "LOCATION") {
    throw ConfigError(file, 1, 0, "LOCATION",
                      "expected the EPW LOCATION header on line 1, got \"" +
                          std::string(line.substr(0, 40)) + "\"");
  }
  {
    std::string_view rest = line;
    std::array<std::string_view, 10> f{};
    std::size_t count = 0;
    while (!rest.empty() && count < f.size()) f[count++] = next_field(rest);
    if (count < 10) {
      throw ConfigError(file, 1, 0, "LOCATION",
                        "LOCATION has " + std::to_string(count) +
                            " fields, expected 10 (city, state, country, source, WMO, "
                            "latitude, longitude, time zone, elevation)");
    }
    w.location = std::string(trim(f[1]));
    const char* names[] = {"latitude", "longitude", "time zone", "elevation"};
    double* dest[] = {&w.latitude_deg, &w.longitude_deg, &w.timezone_h, &w.elevation_m};
    for (int k = 0; k < 4; ++k) {
      if (!parse_number(f[6 + k], *dest[k])) {
        throw ConfigError(file, 1, 0, std::string("LOCATION.") + names[k],
                          std::string("LOCATION ") + names[k] + " = \"" +
                              std::string(trim(f[6 + k])) + "\": expected a number");
      }
    }
  }
  for (int k = 1; k < kHeaderLines; ++k) {
    if (!reader.next(line)) {
      throw ConfigError(file, reader.number() + 1, 0, "",
                        "truncated EPW: the file ends inside the 8 header lines");
    }
    if (k == 1) read_design_conditions(file, reader.number(), line, w.design);
    if (k == kHeaderLines - 1) per_hour = read_records_per_hour(file, reader.number(), line);
  }
  const int expected = kHoursPerYear * per_hour;

  // ---- hourly records
  std::vector<double> cols[kFields.size()];
  for (auto& c : cols) c.reserve(kHoursPerYear);
  std::vector<int> lines;
  lines.reserve(kHoursPerYear);

  int last_record_line = reader.number();
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    std::array<double, kFields.size()> values{};
    std::size_t want = 0;
    std::size_t pos = 0;  // start of the next field; > line.size() once all are consumed
    for (int number = 1; number <= kLastField; ++number) {
      if (pos > line.size()) {
        throw ConfigError(file, reader.number(), 0, "",
                          "truncated EPW record: " + std::to_string(number - 1) +
                              " fields, expected at least " + std::to_string(kLastField) +
                              " (wind speed is field 22)");
      }
      std::size_t end = line.find(',', pos);
      if (end == std::string_view::npos) end = line.size();
      const std::string_view field = line.substr(pos, end - pos);
      pos = end + 1;
      if (number != kFields[want].number) continue;
      double v;
      if (!parse_number(field, v)) bad_number(file, reader.number(), kFields[want].name,
                                              field, number);
      values[want] = v >= kFields[want].missing_at ? kNaN : v;
      ++want;
    }
    const int month = static_cast<int>(values[0]);
    const int day = static_cast<int>(values[1]);
    if (month < 1 || month > 12 || values[0] != month) {
      throw ConfigError(file, reader.number(), 0, "month",
                        "month = " + std::to_string(values[0]) + ": expected 1..12");
    }
    if (month == 2 && day == 29) continue;  // leap-year file: drop 29 February
    if (static_cast<int>(lines.size()) == expected) {
      throw ConfigError(file, reader.number(), 0, "",
                        "more than " + std::to_string(expected) +
                            " records (8760 h × " + std::to_string(per_hour) +
                            " per hour, after dropping 29 February); only one year is supported");
    }
    for (std::size_t k = 0; k < kFields.size(); ++k) cols[k].push_back(values[k]);
    lines.push_back(reader.number());
    last_record_line = reader.number();
  }
  if (static_cast<int>(lines.size()) < expected) {
    throw ConfigError(file, last_record_line + 1, 0, "",
                      "truncated EPW: " + std::to_string(lines.size()) +
                          (per_hour == 1 ? " hourly" : " sub-hourly") + " records end at line " +
                          std::to_string(last_record_line) + ", expected " +
                          std::to_string(expected));
  }

  for (std::size_t k = 2; k < kFields.size(); ++k) {
    fill_gaps(cols[k], lines, file, kFields[k].name, per_hour, w.warnings);
  }
  // Sub-hourly files: each hour is the mean of its records (interval means; for irradiance this
  // keeps the hour's energy). The engine resamples hourly weather to any step (resample.cpp).
  if (per_hour > 1) {
    for (std::size_t k = 0; k < kFields.size(); ++k) {
      std::vector<double>& c = cols[k];
      for (int h = 0; h < kHoursPerYear; ++h) {
        if (k <= 1) {  // month, day: those of the hour's first record
          c[static_cast<std::size_t>(h)] = c[static_cast<std::size_t>(h * per_hour)];
          continue;
        }
        double sum = 0.0;
        for (int r = 0; r < per_hour; ++r) sum += c[static_cast<std::size_t>(h * per_hour + r)];
        c[static_cast<std::size_t>(h)] = sum / per_hour;
      }
      c.resize(kHoursPerYear);
    }
  }

  w.month.resize(kHoursPerYear);
  for (int i = 0; i < kHoursPerYear; ++i) w.month[i] = static_cast<int>(cols[0][i]);
  w.dry_bulb_c = std::move(cols[2]);
  w.dew_point_c = std::move(cols[3]);
  w.relative_humidity = std::move(cols[4]);
  for (double& rh : w.relative_humidity) rh = std::clamp(rh / 100.0, 0.0, 1.0);
  w.pressure_pa = std::move(cols[5]);
  w.ghi_w_m2 = std::move(cols[6]);
  w.dni_w_m2 = std::move(cols[7]);
  w.dhi_w_m2 = std::move(cols[8]);
  w.wind_m_s = std::move(cols[9]);
  w.wet_bulb_c.resize(kHoursPerYear);
  weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, w.wet_bulb_c);
  return w;
}

}  // namespace dcload
