// EnergyPlus weather (EPW) reader. Format: EnergyPlus "Auxiliary Programs", ch. 2 "Weather
// Converter Program", section "EnergyPlus Weather File (EPW) Data Dictionary": 8 header lines
// (LOCATION first), then one comma-separated record per hour. 1-based field numbers used here:
//    2 month, 3 day, 7 dry-bulb °C, 8 dew point °C, 9 relative humidity %, 10 station pressure Pa,
//   14 global horizontal, 15 direct normal, 16 diffuse horizontal radiation (Wh/m² over the
//   hour preceding the stamp = mean W/m²), 22 wind speed m/s.
// Missing-value codes from the same dictionary: 99.9 (temperatures), 999 (RH), 999999
// (pressure), 9999 (radiation), 999 (wind speed). Fields 1–5 (year, month, day, hour, minute)
// are integers and are parsed as such; every other value must be finite and, unless it is a
// missing code, inside the bounds of weather/validate.hpp (README.md, "Bounds").
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
#include "weather/validate.hpp"

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

using detail::Bound;
using weather_detail::format_number;
using weather_detail::parse_int;
using weather_detail::parse_number;
using weather_detail::trim;

constexpr int kHoursPerYear = 8760;
constexpr int kHeaderLines = 8;
constexpr int kMaxGapHours = 6;  // longer gaps of missing values are an error, not a guess
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Integer fields of a record (1-based EPW field number), read with parse_int, never through a
// double. Ranges: EPW data dictionary field descriptions (month 1-12; day "dependent on
// month"; hour 1-24, "Hour 1 is 00:01 to 01:00"; minute "1..60", here 0..60 because files
// converted from TMY3 carry minute 0); the year is not used and only has to be a calendar year
// of at most four digits.
struct IntField {
  int number;
  const char* name;
  int lo;
  int hi;
};
enum IntSlot { kYear, kMonth, kDay, kHour, kMinute, kIntCount };
constexpr std::array<IntField, kIntCount> kIntFields = {{
    {1, "year", 0, 9999},
    {2, "month", 1, 12},
    {3, "day", 1, 31},
    {4, "hour", 1, 24},
    {5, "minute", 0, 60},
}};

// Real fields we keep, in order of their EPW field number; values ≥ missing_at are the EPW
// missing code (the dictionary's \missing: "if values in this field are >= the following
// number, it is considered missing"); any other value must be finite and inside `bound`.
struct RealField {
  int number;          // 1-based EPW field number
  const char* name;    // as named in messages
  double missing_at;   // values ≥ this are the EPW missing code
  const Bound* bound;  // physical bounds (weather/validate.hpp)
};
enum RealSlot { kDryBulb, kDewPoint, kRh, kPressure, kGhi, kDni, kDhi, kWind, kRealCount };
constexpr std::array<RealField, kRealCount> kRealFields = {{
    {7, "dry-bulb", 99.9, &detail::kTemperatureBound},
    {8, "dew-point", 99.9, &detail::kTemperatureBound},
    {9, "relative humidity", 999.0, &detail::kEpwRelativeHumidityBound},
    {10, "pressure", 999999.0, &detail::kPressureBound},
    {14, "global horizontal radiation", 9999.0, &detail::kGhiBound},
    {15, "direct normal radiation", 9999.0, &detail::kDniBound},
    {16, "diffuse horizontal radiation", 9999.0, &detail::kDhiBound},
    {22, "wind speed", 999.0, &detail::kWindBound},
}};
constexpr int kLastField = 22;

// Field number → slot: 0..kIntCount-1 integer fields, kIntCount + RealSlot real fields, −1
// skipped.
constexpr std::array<int, kLastField + 1> kSlotOf = [] {
  std::array<int, kLastField + 1> slot{};
  for (int& s : slot) s = -1;
  for (int k = 0; k < kIntCount; ++k) slot[kIntFields[k].number] = k;
  for (int k = 0; k < kRealCount; ++k) slot[kRealFields[k].number] = kIntCount + k;
  return slot;
}();

// Calendar of the non-leap year the records must follow.
constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

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

// 1-based column of `field` (a view into `line`).
inline int column_of(std::string_view line, std::string_view field) {
  return static_cast<int>(field.data() - line.data()) + 1;
}

// Field `number` (1-based) of a record, for messages only (the parse loop keeps no views).
std::string_view field_at(std::string_view line, int number) {
  std::string_view rest = line;
  std::string_view field;
  for (int k = 1; k <= number; ++k) field = next_field(rest);
  return field;
}

std::string field_note(int number) { return "EPW field " + std::to_string(number); }

[[noreturn]] void bad_number(const std::string& file, int line, int column, const char* name,
                             std::string_view field, int number) {
  throw ConfigError(file, line, column, name,
                    std::string(name) + " = \"" + std::string(trim(field)) +
                        "\": expected a number (" + field_note(number) + ")");
}

// An integer field outside its range (or not an integer): `month = "3.5": expected a whole
// number from 1 to 12 (EPW field 2), got 3.5`.
[[noreturn]] void bad_int(const std::string& file, int line, int column, const char* name,
                          std::string_view field, int number, int lo, int hi,
                          const std::string& why = {}) {
  std::string msg = std::string(name) + " = \"" + std::string(trim(field)) +
                    "\": expected a whole number from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + " (" + (why.empty() ? "" : why + "; ") +
                    field_note(number) + ")";
  double v;
  if (parse_number(field, v)) msg += ", got " + format_number(v);
  throw ConfigError(file, line, column, name, msg);
}

// The record's month, day and hour against its place in the year: record r (0-based, 29
// February dropped) of a file with `per_hour` records per hour is hour r / per_hour of the year.
[[noreturn]] void out_of_order(const std::string& file, int line, int column, const char* name,
                               std::string_view field, int expected, std::size_t r, int per_hour,
                               int month, int day, int hour) {
  std::string where_in_year = "record " + std::to_string(r + 1) + " of the year falls on " +
                              std::to_string(day) + " " + kMonthNames[month - 1] + ", hour " +
                              std::to_string(hour) +
                              ": records run in order from 1 January hour 1, ";
  where_in_year +=
      per_hour == 1 ? std::string("one per hour") : std::to_string(per_hour) + " per hour";
  throw ConfigError(file, line, column, name,
                    std::string(name) + " = \"" + std::string(trim(field)) + "\": expected " +
                        std::to_string(expected) + " (" + where_in_year + "), got " +
                        std::string(trim(field)));
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
// DB 1 %, MCWB 1 %, DB 2 %, MCWB 2 %, WB 0.4 %, MCDB 0.4 %, WB 1 %, MCDB 1 %, … (checked on
// the Climate.OneBuilding TMYx files of seven Korean stations against the ASHRAE 2021 station
// tables). We anchor on the "Cooling" token, so both layouts read alike. N = 0 or no "Cooling"
// token: no header values (the caller computes them from the series).
//
// The extreme annual values (HoF ch. 14 Table 1, "Extreme annual design conditions") follow the
// "Extremes" token: extreme annual wind speeds 1 %, 2.5 %, 5 %, then — in the 2009 layout only —
// the extreme maximum wet-bulb, then the mean and standard deviation of the annual minimum and
// maximum dry-bulb, then the n = 5, 10, 20, 50-year return-period minimum and maximum dry-bulb:
// 16 fields in 2009, 15 in 2021, where the extreme maximum wet-bulb is instead the last of the
// 32 "Cooling" fields (e.g. Ulsan TMYx 2007–2021: "…,29.1,28.6,Extremes,6.9,6.0,5.3,-8.7,35.1,
// 2.2,1.4,-10.3,36.2,-11.5,37.0,-12.8,37.8,-14.3,38.9": extreme WB 28.6 °C, n = 20 max 37.8 °C).
// Values that are missing or not above their 0.4 % counterparts are left out (NaN; the design
// stage then falls back and says so).
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
  std::vector<std::string_view> cooling_fields;
  std::vector<std::string_view> extremes;
  bool in_extremes = false;
  while (!rest.empty()) {
    const std::string_view field = next_field(rest);
    if (trim(field) == "Extremes") {
      in_extremes = true;
      continue;
    }
    (in_extremes ? extremes : cooling_fields).push_back(field);
  }
  const int count = static_cast<int>(std::min<std::size_t>(cooling_fields.size(), kWanted));
  std::array<std::string_view, kWanted> f{};
  for (int k = 0; k < count; ++k) f[k] = cooling_fields[k];
  static constexpr const char* kNames[kWanted] = {
      "hottest month", "DBR", "DB 0.4 %", "MCWB 0.4 %", "DB 1 %", "MCWB 1 %",
      "DB 2 %", "MCWB 2 %", "WB 0.4 %", "MCDB 0.4 %", "WB 1 %"};
  std::array<double, kWanted> v{};
  for (int k = 0; k < kWanted; ++k) {
    const int column = k < count ? column_of(line, f[k]) : 0;
    const std::string name = std::string("DESIGN CONDITIONS Cooling field ") +
                             std::to_string(k + 1) + " (" + kNames[k] + ")";
    if (k >= count || !parse_number(f[k], v[k])) {
      throw ConfigError(file, line_no, column, "DESIGN CONDITIONS",
                        name + " = \"" + (k < count ? std::string(trim(f[k])) : std::string()) +
                            "\": expected a number");
    }
    // Fields 3–11 are dry- and wet-bulb temperatures (hottest month and DBR are not used).
    if (k >= 2 && !detail::kTemperatureBound.contains(v[k])) {
      throw ConfigError(file, line_no, column, "DESIGN CONDITIONS",
                        detail::bound_message(name, trim(f[k]), detail::kTemperatureBound, v[k]));
    }
  }
  out.db_004_c = v[2];
  out.mcwb_004_c = v[3];
  out.db_010_c = v[4];
  out.mcwb_010_c = v[5];
  out.wb_004_c = v[8];
  out.wb_010_c = v[10];
  out.from_header = true;
  out.mcdb_wb004_c = v[9];
  // Extreme annual values (layout above); a field that does not parse is simply not used.
  const auto number = [](std::string_view field) {
    double x = std::numeric_limits<double>::quiet_NaN();
    if (!parse_number(field, x) || !detail::kTemperatureBound.contains(x))
      x = std::numeric_limits<double>::quiet_NaN();
    return x;
  };
  double wb_extreme = std::numeric_limits<double>::quiet_NaN();
  double db_n20 = std::numeric_limits<double>::quiet_NaN();
  if (extremes.size() == 16) {
    wb_extreme = number(extremes[3]);
    db_n20 = number(extremes[13]);
  } else if (extremes.size() == 15) {
    if (cooling_fields.size() == 32) wb_extreme = number(cooling_fields[31]);
    db_n20 = number(extremes[12]);
  }
  if (wb_extreme > out.wb_004_c) out.wb_extreme_c = wb_extreme;
  if (db_n20 > out.db_004_c) out.db_n20_c = db_n20;
  if (std::isfinite(out.wb_extreme_c) || std::isfinite(out.db_n20_c))
    out.extremes_from = "EPW header";
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
  const std::string_view raw = next_field(rest);
  const std::string_view field = trim(raw);
  int v = 0;
  if (!parse_int(field, v) || v < 1 || v > 60 || 60 % v != 0) {
    std::string msg = "DATA PERIODS records per hour = \"" + std::string(field) +
                      "\": expected a whole number that divides 60 (1, 2, 4, 6, 12, 60…)";
    double d;
    if (parse_number(field, d)) msg += ", got " + format_number(d);
    throw ConfigError(file, line_no, raw.data() ? column_of(line, raw) : 0, "DATA PERIODS", msg);
  }
  return v;
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
    const Bound* bounds[] = {&detail::kLatitudeBound, &detail::kLongitudeBound,
                             &detail::kTimeZoneBound, &detail::kElevationBound};
    double* dest[] = {&w.latitude_deg, &w.longitude_deg, &w.timezone_h, &w.elevation_m};
    for (int k = 0; k < 4; ++k) {
      const std::string_view field = f[6 + k];
      const std::string key = std::string("LOCATION.") + names[k];
      const std::string name = std::string("LOCATION ") + names[k];
      if (!parse_number(field, *dest[k])) {
        throw ConfigError(file, 1, column_of(line, field), key,
                          name + " = \"" + std::string(trim(field)) + "\": expected a number");
      }
      if (!bounds[k]->contains(*dest[k])) {
        throw ConfigError(file, 1, column_of(line, field), key,
                          detail::bound_message(name, trim(field), *bounds[k], *dest[k]));
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
  std::vector<double> cols[kRealCount];
  for (auto& c : cols) c.reserve(static_cast<std::size_t>(expected));
  std::vector<int> months;
  months.reserve(static_cast<std::size_t>(expected));
  std::vector<int> lines;
  lines.reserve(static_cast<std::size_t>(expected));
  // Dew points above the dry-bulb read as the dry-bulb (validate.hpp, check_dew_point).
  std::size_t dew_clipped = 0;
  int dew_clipped_line = 0;
  double dew_clipped_max_k = 0.0;
  auto clip_dew_point = [&](double& dew, double dry, int line_no) {
    ++dew_clipped;
    if (dew_clipped == 1) dew_clipped_line = line_no;
    dew_clipped_max_k = std::max(dew_clipped_max_k, dew - dry);
    dew = dry;
  };

  // Each field's bounds as closed intervals (an open end moved to the next double, exact), so
  // the loop tests two compares with no flags.
  std::array<double, kRealCount> lo{};
  std::array<double, kRealCount> hi{};
  for (std::size_t k = 0; k < kRealCount; ++k) {
    const Bound& b = *kRealFields[k].bound;
    lo[k] = b.lo_open ? std::nextafter(b.lo, kInf) : b.lo;
    hi[k] = b.hi_open ? std::nextafter(b.hi, -kInf) : b.hi;
  }

  int last_record_line = reader.number();
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    const int line_no = reader.number();
    std::array<int, kIntCount> ints{};
    std::array<double, kRealCount> reals{};
    std::size_t pos = 0;  // start of the next field; > line.size() once all are consumed
    for (int number = 1; number <= kLastField; ++number) {
      if (pos > line.size()) {
        throw ConfigError(file, line_no, 0, "",
                          "truncated EPW record: " + std::to_string(number - 1) +
                              " fields, expected at least " + std::to_string(kLastField) +
                              " (wind speed is field 22)");
      }
      std::size_t end = line.find(',', pos);
      if (end == std::string_view::npos) end = line.size();
      const std::string_view field = line.substr(pos, end - pos);
      const int column = static_cast<int>(pos) + 1;
      pos = end + 1;
      const int slot = kSlotOf[static_cast<std::size_t>(number)];
      if (slot < 0) continue;
      if (slot < kIntCount) {
        const IntField& spec = kIntFields[static_cast<std::size_t>(slot)];
        int v;
        if (!parse_int(field, v) || v < spec.lo || v > spec.hi) {
          bad_int(file, line_no, column, spec.name, field, number, spec.lo, spec.hi);
        }
        ints[static_cast<std::size_t>(slot)] = v;
        continue;
      }
      const std::size_t k = static_cast<std::size_t>(slot - kIntCount);
      const RealField& spec = kRealFields[k];
      double v;
      if (!parse_number(field, v)) bad_number(file, line_no, column, spec.name, field, number);
      // Non-finite text is never the missing code; the code and above are missing; anything
      // else must be a physical value (NaN and -inf fail the closed bounds).
      if (v >= spec.missing_at && v != kInf) {
        v = kNaN;
      } else if (!(v >= lo[k] && v <= hi[k])) {
        throw ConfigError(
            file, line_no, column, spec.name,
            detail::bound_message(spec.name, trim(field), *spec.bound, v, field_note(number)));
      }
      reals[k] = v;
    }
    const int month = ints[kMonth];
    const int day = ints[kDay];
    const int days = kDaysInMonth[static_cast<std::size_t>(month - 1)] + (month == 2 ? 1 : 0);
    if (day > days) {
      const std::string_view field = field_at(line, kIntFields[kDay].number);
      bad_int(file, line_no, column_of(line, field), "day", field, kIntFields[kDay].number, 1, days,
              std::string("days of ") + kMonthNames[static_cast<std::size_t>(month - 1)]);
    }
    if (month == 2 && day == 29) continue;  // leap-year file: drop 29 February
    if (static_cast<int>(lines.size()) == expected) {
      throw ConfigError(file, line_no, 0, "",
                        "more than " + std::to_string(expected) + " records (8760 h × " +
                            std::to_string(per_hour) +
                            " per hour, after dropping 29 February); only one year is supported");
    }
    // Month, day and hour must be those of the record's place in the year: the series is
    // indexed by position (step k = hour k of a year from 1 January), the fields only label it.
    {
      const std::size_t r = lines.size();
      const int hour_of_year = static_cast<int>(r) / per_hour;
      int doy = hour_of_year / 24;
      int m = 0;
      while (doy >= kDaysInMonth[static_cast<std::size_t>(m)]) {
        doy -= kDaysInMonth[static_cast<std::size_t>(m++)];
      }
      const int want[] = {m + 1, doy + 1, hour_of_year % 24 + 1};
      const IntSlot slots[] = {kMonth, kDay, kHour};
      for (int q = 0; q < 3; ++q) {
        const IntSlot sl = slots[q];
        if (ints[sl] != want[q]) {
          const std::string_view field = field_at(line, kIntFields[sl].number);
          out_of_order(file, line_no, column_of(line, field), kIntFields[sl].name, field, want[q],
                       r, per_hour, want[0], want[1], want[2]);
        }
      }
    }
    // A dew point above the dry-bulb (both given): read as the dry-bulb within the RH the
    // dictionary accepts, an error beyond. Interpolated values are checked after gap filling.
    if (!std::isnan(reals[kDryBulb]) && !std::isnan(reals[kDewPoint])) {
      switch (detail::check_dew_point(reals[kDryBulb], reals[kDewPoint])) {
        case detail::DewPointCheck::kOk:
          break;
        case detail::DewPointCheck::kClip:
          clip_dew_point(reals[kDewPoint], reals[kDryBulb], line_no);
          break;
        case detail::DewPointCheck::kError: {
          const std::string_view field = field_at(line, kRealFields[kDewPoint].number);
          throw ConfigError(
              file, line_no, column_of(line, field), "dew-point",
              detail::dew_point_message("dew-point = \"" + std::string(trim(field)) + "\"",
                                        reals[kDryBulb], reals[kDewPoint]));
        }
      }
    }
    for (std::size_t k = 0; k < kRealCount; ++k) cols[k].push_back(reals[k]);
    months.push_back(month);
    lines.push_back(line_no);
    last_record_line = line_no;
  }
  if (static_cast<int>(lines.size()) < expected) {
    throw ConfigError(file, last_record_line + 1, 0, "",
                      "truncated EPW: " + std::to_string(lines.size()) +
                          (per_hour == 1 ? " hourly" : " sub-hourly") + " records end at line " +
                          std::to_string(last_record_line) + ", expected " +
                          std::to_string(expected));
  }

  for (std::size_t k = 0; k < kRealCount; ++k) {
    fill_gaps(cols[k], lines, file, kRealFields[k].name, per_hour, w.warnings);
  }
  // Relations between fields, on the filled records: dew point against dry-bulb (where either
  // was interpolated), and vapour below the station pressure (else there is no wet-bulb).
  for (std::size_t i = 0; i < lines.size(); ++i) {
    double& dew = cols[kDewPoint][i];
    const double dry = cols[kDryBulb][i];
    const auto c = detail::check_dew_point(dry, dew);
    if (c == detail::DewPointCheck::kClip) clip_dew_point(dew, dry, lines[i]);
    if (c == detail::DewPointCheck::kError) {
      throw ConfigError(file, lines[i], 0, "dew-point",
                        detail::dew_point_message(
                            "dew-point = " + format_number(dew) + " (interpolated)", dry, dew));
    }
    const double rh = std::clamp(cols[kRh][i] / 100.0, 0.0, 1.0);
    if (detail::vapour_reaches_pressure(dry, rh, cols[kPressure][i])) {
      throw ConfigError(file, lines[i], 0, "pressure",
                        "pressure = " + format_number(cols[kPressure][i]) +
                            ": expected a station pressure above the vapour pressure of air at " +
                            format_number(dry) + " °C and " + format_number(100.0 * rh) +
                            " % relative humidity (" +
                            format_number(rh * weather_detail::saturation_pressure_pa(dry)) +
                            " Pa)");
    }
  }
  if (dew_clipped > 0) {
    w.warnings.push_back(
        detail::dew_point_clip_warning(file, dew_clipped_line, dew_clipped, dew_clipped_max_k));
  }
  // Sub-hourly files: each hour is the mean of its records (interval means; for irradiance this
  // keeps the hour's energy). The engine resamples hourly weather to any step (resample.cpp).
  // The month of an hour is that of its first record.
  if (per_hour > 1) {
    for (std::vector<double>& c : cols) {
      for (int h = 0; h < kHoursPerYear; ++h) {
        double sum = 0.0;
        for (int r = 0; r < per_hour; ++r) sum += c[static_cast<std::size_t>(h * per_hour + r)];
        c[static_cast<std::size_t>(h)] = sum / per_hour;
      }
      c.resize(kHoursPerYear);
    }
    for (int h = 0; h < kHoursPerYear; ++h) {
      months[static_cast<std::size_t>(h)] = months[static_cast<std::size_t>(h * per_hour)];
    }
    months.resize(kHoursPerYear);
  }

  w.month = std::move(months);
  w.dry_bulb_c = std::move(cols[kDryBulb]);
  w.dew_point_c = std::move(cols[kDewPoint]);
  w.relative_humidity = std::move(cols[kRh]);
  for (double& rh : w.relative_humidity) rh = std::clamp(rh / 100.0, 0.0, 1.0);
  w.pressure_pa = std::move(cols[kPressure]);
  w.ghi_w_m2 = std::move(cols[kGhi]);
  w.dni_w_m2 = std::move(cols[kDni]);
  w.dhi_w_m2 = std::move(cols[kDhi]);
  w.wind_m_s = std::move(cols[kWind]);
  w.wet_bulb_c.resize(kHoursPerYear);
  weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, w.wet_bulb_c);
  // The same check a run applies to any Weather (validate.hpp): the reader and it agree.
  detail::check_weather(w, file);
  return w;
}

}  // namespace dcload
