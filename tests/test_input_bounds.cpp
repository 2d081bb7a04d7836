// Input bounds ("no silent wrong answers"): every value read from an EPW, a weather CSV or a
// workload trace is finite and inside its documented bounds (engine/weather/README.md,
// "Bounds"), integer fields are parsed as integers, records follow their place in the year,
// and a Weather built in code passes the same check (check_weather). Each error names the
// file, line, column and field. The files are small synthetic years written to a temp folder,
// so these tests need no shared data.
#include <catch2/catch.hpp>

#include "support.hpp"
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "it/workload.hpp"
#include "weather/validate.hpp"

using namespace dcload;
namespace fs = std::filesystem;

namespace {

constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

// Files written by these tests, removed when the test program exits (a synthetic EPW year is
// 1.6 MB).
struct TempFiles {
  std::vector<fs::path> paths;
  ~TempFiles() {
    std::error_code ec;
    for (const fs::path& p : paths) fs::remove(p, ec);
  }
};

fs::path write_text(const std::string& name, const std::string& text) {
  static TempFiles written;
  const fs::path p = fs::temp_directory_path() / ("dcload_bounds_" + name);
  std::ofstream(p, std::ios::binary) << text;
  written.paths.push_back(p);
  return p;
}

fs::path write_lines(const std::string& name, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return write_text(name, text);
}

using dcload::testing::column_of_field;
using dcload::testing::split;
using dcload::testing::with_field;

// A valid synthetic EPW year: 8 header lines, then 8760 hourly records (record k on file line
// 9 + k, lines[8 + k]): dry-bulb 10 + 0.5·(hour − 1) °C, dew point 6 K below, RH 67 %,
// 101325 Pa, daytime GHI/DNI/DHI 500/400/200 W/m², wind 3 m/s, 35 fields as in real files.
std::vector<std::string> epw_lines() {
  std::vector<std::string> lines = {"LOCATION,Testville,TS,KOR,test,000000,37.5,127.0,9.0,50.0",
                                    "DESIGN CONDITIONS,0",
                                    "TYPICAL/EXTREME PERIODS,0",
                                    "GROUND TEMPERATURES,0",
                                    "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
                                    "COMMENTS 1,synthetic test year",
                                    "COMMENTS 2,",
                                    "DATA PERIODS,1,1,Data,Sunday,1/ 1,12/31"};
  char buf[256];
  int month = 1, day = 1;
  for (int k = 0; k < 8760; ++k) {
    const int hour = k % 24 + 1;
    if (k > 0 && hour == 1 && ++day > kDays[month - 1]) {
      day = 1;
      ++month;
    }
    const double db = 10.0 + 0.5 * (hour - 1);
    const bool sun = hour >= 8 && hour <= 17;
    std::snprintf(buf, sizeof buf,
                  "2001,%d,%d,%d,60,?9?9?9?9E0?9?9?9?9*9?9?9?9?9?9?9?9?9*9*9?9*9,%.1f,%.1f,67,"
                  "101325,0,0,300,%d,%d,%d,0,0,0,0,180,3.0,5,5,20,77777,9,999999999,10,0.1,0,88,"
                  "0.2,0,0",
                  month, day, hour, db, db - 6.0, sun ? 500 : 0, sun ? 400 : 0, sun ? 200 : 0);
    lines.push_back(buf);
  }
  return lines;
}

// `lines` with field `field` of record `k` replaced, written as `name`.
fs::path epw_with(const std::string& name, int k, int field, const std::string& value) {
  auto lines = epw_lines();
  lines[static_cast<std::size_t>(8 + k)] =
      with_field(lines[static_cast<std::size_t>(8 + k)], field, value);
  return write_lines(name, lines);
}

// "FILE:LINE:COLUMN: " for field `field` of record `k` of the synthetic EPW.
std::string epw_at(const fs::path& p, int k, int field) {
  const auto lines = epw_lines();
  return p.string() + ":" + std::to_string(9 + k) + ":" +
         std::to_string(column_of_field(lines[static_cast<std::size_t>(8 + k)], field)) + ": ";
}

// A valid synthetic weather CSV year (same values as the EPW above), dew point column last.
std::vector<std::string> csv_lines() {
  std::vector<std::string> lines = {
      "month,dry_bulb_c,relative_humidity_pct,pressure_pa,ghi_w_m2,dni_w_m2,dhi_w_m2,wind_m_s,"
      "dew_point_c"};
  char buf[160];
  int month = 1, day = 1;
  for (int k = 0; k < 8760; ++k) {
    const int hour = k % 24 + 1;
    if (k > 0 && hour == 1 && ++day > kDays[month - 1]) {
      day = 1;
      ++month;
    }
    const double db = 10.0 + 0.5 * (hour - 1);
    const bool sun = hour >= 8 && hour <= 17;
    std::snprintf(buf, sizeof buf, "%d,%.1f,67,101325,%d,%d,%d,3.0,%.1f", month, db, sun ? 500 : 0,
                  sun ? 400 : 0, sun ? 200 : 0, db - 6.0);
    lines.push_back(buf);
  }
  return lines;
}

fs::path csv_with(const std::string& name, int row, int field, const std::string& value) {
  auto lines = csv_lines();
  lines[static_cast<std::size_t>(row)] =
      with_field(lines[static_cast<std::size_t>(row)], field, value);
  return write_lines(name, lines);
}

// "FILE:LINE:COLUMN: " for field `field` of CSV line `row` (0 = header; row r is file line r+1).
std::string csv_at(const fs::path& p, int row, int field) {
  const auto lines = csv_lines();
  return p.string() + ":" + std::to_string(row + 1) + ":" +
         std::to_string(column_of_field(lines[static_cast<std::size_t>(row)], field)) + ": ";
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * fraction);
  return buf;
}

}  // namespace

// ---- EPW: finite values inside the data dictionary's bounds --------------------------------

TEST_CASE("weather: the synthetic EPW and CSV years of these tests read cleanly",
          "[weather][bounds]") {
  const fs::path epw = write_lines("clean.epw", epw_lines());
  const Weather w = read_epw(epw);
  REQUIRE(w.size() == 8760);
  CHECK(w.warnings.empty());
  CHECK(w.month[8759] == 12);
  CHECK(w.dry_bulb_c[23] == Approx(21.5));
  CHECK(w.relative_humidity[0] == Approx(0.67));
  CHECK_NOTHROW(detail::check_weather(w, "test"));
  const Weather c = load_weather(write_lines("clean.csv", csv_lines()).string());
  CHECK(c.size() == 8760);
  CHECK(c.dry_bulb_c == w.dry_bulb_c);
  CHECK(c.dew_point_c == w.dew_point_c);
  CHECK(c.warnings.empty());
}

TEST_CASE("weather: an EPW record with dry-bulb -inf is an error naming file, line and field",
          "[weather][bounds]") {
  // Found by fuzzing: record 761 (line 769) at -inf ran to exit 0 with NaN hours and PUE null.
  const fs::path p = epw_with("dry_inf.epw", 760, 7, "-inf");
  CHECK(error_of([&] { read_epw(p); }) ==
        epw_at(p, 760, 7) +
            "dry-bulb = \"-inf\": expected a finite temperature above -70 and below 70 °C "
            "(EnergyPlus EPW data dictionary; EPW field 7), got -inf");
  // "+inf" used to count as the missing code (≥ 99.9) and "nan" as a gap: both silently
  // interpolated. Non-finite text is never a missing code.
  const fs::path pinf = epw_with("dry_pinf.epw", 10, 7, "+inf");
  CHECK(error_of([&] { read_epw(pinf); }) ==
        epw_at(pinf, 10, 7) +
            "dry-bulb = \"+inf\": expected a finite temperature above -70 and below 70 °C "
            "(EnergyPlus EPW data dictionary; EPW field 7), got inf");
  const fs::path pnan = epw_with("dew_nan.epw", 11, 8, "nan");
  CHECK(error_of([&] { read_epw(pnan); }) ==
        epw_at(pnan, 11, 8) +
            "dew-point = \"nan\": expected a finite temperature above -70 and below 70 °C "
            "(EnergyPlus EPW data dictionary; EPW field 8), got nan");
}

TEST_CASE("weather: EPW values outside the data dictionary's bounds are errors naming the field",
          "[weather][bounds]") {
  struct Case {
    int field;
    const char* text;
    const char* message;  // after "FILE:LINE:COLUMN: "
  };
  const Case cases[] = {
      {10, "0",
       "pressure = \"0\": expected a finite station pressure above 31000 and below 120000 Pa "
       "(EnergyPlus EPW data dictionary; EPW field 10), got 0 Pa"},
      {10, "31000",
       "pressure = \"31000\": expected a finite station pressure above 31000 and below 120000 Pa "
       "(EnergyPlus EPW data dictionary; EPW field 10), got 31000 Pa"},
      {7, "-1e308",
       "dry-bulb = \"-1e308\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary; EPW field 7), got -1e+308 °C"},
      {7, "90",
       "dry-bulb = \"90\": expected a finite temperature above -70 and below 70 °C (EnergyPlus "
       "EPW data dictionary; EPW field 7), got 90 °C"},
      {8, "-70",
       "dew-point = \"-70\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary; EPW field 8), got -70 °C"},
      {9, "-1",
       "relative humidity = \"-1\": expected a finite relative humidity from 0 to 110 % "
       "(EnergyPlus EPW data dictionary; EPW field 9), got -1 %"},
      {9, "150",
       "relative humidity = \"150\": expected a finite relative humidity from 0 to 110 % "
       "(EnergyPlus EPW data dictionary; EPW field 9), got 150 %"},
      {14, "-5000",
       "global horizontal radiation = \"-5000\": expected a finite irradiance from 0 to 2223 "
       "W/m² (minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, "
       "sun overhead; EPW field 14), got -5000 W/m²"},
      {14, "2500",
       "global horizontal radiation = \"2500\": expected a finite irradiance from 0 to 2223 "
       "W/m² (minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, "
       "sun overhead; EPW field 14), got 2500 W/m²"},
      {15, "1500",
       "direct normal radiation = \"1500\": expected a finite irradiance from 0 to 1415 W/m² "
       "(minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, sun "
       "overhead; EPW field 15), got 1500 W/m²"},
      {16, "-0.5",
       "diffuse horizontal radiation = \"-0.5\": expected a finite irradiance from 0 to 1395 "
       "W/m² (minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, "
       "sun overhead; EPW field 16), got -0.5 W/m²"},
      {22, "998",
       "wind speed = \"998\": expected a finite wind speed from 0 to 40 m/s (EnergyPlus EPW "
       "data dictionary; EPW field 22), got 998 m/s"},
      {22, "-3",
       "wind speed = \"-3\": expected a finite wind speed from 0 to 40 m/s (EnergyPlus EPW data "
       "dictionary; EPW field 22), got -3 m/s"},
  };
  for (const Case& c : cases) {
    INFO("field " << c.field << " = " << c.text);
    const fs::path p = epw_with("bound.epw", 4710, c.field, c.text);
    CHECK(error_of([&] { read_epw(p); }) == epw_at(p, 4710, c.field) + c.message);
  }
  // The ends that are inside are accepted: RH 110 % (read as 100 %), wind 40 m/s, GHI 2223.
  auto lines = epw_lines();
  lines[8 + 100] = with_field(with_field(lines[8 + 100], 9, "110"), 22, "40");
  lines[8 + 101] = with_field(lines[8 + 101], 14, "2223");
  const Weather w = read_epw(write_lines("bound_ok.epw", lines));
  CHECK(w.relative_humidity[100] == 1.0);
  CHECK(w.wind_m_s[100] == 40.0);
  CHECK(w.ghi_w_m2[101] == 2223.0);
}

TEST_CASE("weather: EPW missing-value codes are still interpolated, not taken for bad values",
          "[weather][bounds]") {
  // The dictionary's \missing: values ≥ the code are missing (99.9 °C, 999 %, 999999 Pa,
  // 9999 W/m², 999 m/s); short runs are interpolated with a warning, as before.
  auto lines = epw_lines();
  lines[8 + 200] = with_field(with_field(lines[8 + 200], 7, "99.9"), 22, "999");
  lines[8 + 201] = with_field(lines[8 + 201], 10, "999999");
  lines[8 + 202] = with_field(lines[8 + 202], 14, "9999");
  const fs::path p = write_lines("missing.epw", lines);
  const Weather w = read_epw(p);
  CHECK(w.dry_bulb_c[200] == Approx((w.dry_bulb_c[199] + w.dry_bulb_c[201]) / 2));
  CHECK(w.wind_m_s[200] == Approx(3.0));
  CHECK(w.pressure_pa[201] == Approx(101325.0));
  CHECK(w.warnings == std::vector<std::string>{
                          p.string() + ":209: dry-bulb: 1 record with the EPW missing-value code "
                                       "interpolated",
                          p.string() + ":210: pressure: 1 record with the EPW missing-value code "
                                       "interpolated",
                          p.string() + ":211: global horizontal radiation: 1 record with the EPW "
                                       "missing-value code interpolated",
                          p.string() + ":209: wind speed: 1 record with the EPW missing-value "
                                       "code interpolated"});
}

// ---- EPW: integer fields, calendar order -----------------------------------------------------

TEST_CASE("weather: EPW integer fields are parsed as integers: 1e10, nan, 3.5 and -1 are errors",
          "[weather][bounds]") {
  struct Case {
    int field;
    const char* text;
    const char* message;
  };
  // Before: the day and month went through a double and static_cast<int>, undefined for 1e10
  // and nan (C++20 [conv.fpint]).
  const Case cases[] = {
      {3, "1e10", "day = \"1e10\": expected a whole number from 1 to 31 (EPW field 3), got 1e+10"},
      {3, "nan", "day = \"nan\": expected a whole number from 1 to 31 (EPW field 3), got nan"},
      {2, "3.5", "month = \"3.5\": expected a whole number from 1 to 12 (EPW field 2), got 3.5"},
      {2, "-1", "month = \"-1\": expected a whole number from 1 to 12 (EPW field 2), got -1"},
      {2, "abc", "month = \"abc\": expected a whole number from 1 to 12 (EPW field 2)"},
      {4, "25", "hour = \"25\": expected a whole number from 1 to 24 (EPW field 4), got 25"},
      {4, "7.0", "hour = \"7.0\": expected a whole number from 1 to 24 (EPW field 4), got 7"},
      {5, "61", "minute = \"61\": expected a whole number from 0 to 60 (EPW field 5), got 61"},
      {1, "1e4", "year = \"1e4\": expected a whole number from 0 to 9999 (EPW field 1), got 10000"},
  };
  for (const Case& c : cases) {
    INFO("field " << c.field << " = " << c.text);
    const fs::path p = epw_with("int.epw", 57, c.field, c.text);
    CHECK(error_of([&] { read_epw(p); }) == epw_at(p, 57, c.field) + c.message);
  }
  // Records per hour on DATA PERIODS (line 8) likewise: "nan" was a float→int cast.
  auto lines = epw_lines();
  lines[7] = with_field(lines[7], 3, "nan");
  const fs::path dp = write_lines("dp_nan.epw", lines);
  CHECK(error_of([&] { read_epw(dp); }) ==
        dp.string() +
            ":8:16: DATA PERIODS records per hour = \"nan\": expected a whole number that "
            "divides 60 (1, 2, 4, 6, 12, 60…), got nan");
}

TEST_CASE("weather: EPW month, day and hour must follow the record's place in the year",
          "[weather][bounds]") {
  // Record 25 (line 33) is 2 January hour 1.
  const fs::path day = epw_with("order_day.epw", 24, 3, "3");
  CHECK(error_of([&] { read_epw(day); }) ==
        epw_at(day, 24, 3) +
            "day = \"3\": expected 2 (record 25 of the year falls on 2 January, hour 1: records "
            "run in order from 1 January hour 1, one per hour), got 3");
  // A day that the month does not have (30 April holds; 31 April does not).
  auto lines = epw_lines();
  const int k_apr30 = (31 + 28 + 31 + 29) * 24;  // first record of 30 April
  lines[static_cast<std::size_t>(8 + k_apr30)] =
      with_field(lines[static_cast<std::size_t>(8 + k_apr30)], 3, "31");
  const fs::path apr = write_lines("order_apr31.epw", lines);
  CHECK(error_of([&] { read_epw(apr); }) ==
        epw_at(apr, k_apr30, 3) +
            "day = \"31\": expected a whole number from 1 to 30 (days of April; EPW field 3), "
            "got 31");
  // One hour missing (record 4711 deleted): the next record is out of place, not "truncated".
  lines = epw_lines();
  lines.erase(lines.begin() + 8 + 4711);
  const fs::path gap = write_lines("order_gap.epw", lines);
  CHECK(error_of([&] { read_epw(gap); }) ==
        gap.string() + ":" + std::to_string(9 + 4711) + ":" +
            std::to_string(column_of_field(lines[8 + 4711], 4)) +
            ": hour = \"9\": expected 8 (record 4712 of the year falls on 16 July, hour 8: "
            "records run in order from 1 January hour 1, one per hour), got 9");
  // Months repeated as 1 all year (the column only labels the series): an error at 1 February.
  lines = epw_lines();
  lines[8 + 31 * 24] = with_field(lines[8 + 31 * 24], 2, "1");
  const fs::path month = write_lines("order_month.epw", lines);
  CHECK_THAT(
      error_of([&] { read_epw(month); }),
      Catch::StartsWith(epw_at(month, 31 * 24, 2) + "month = \"1\": expected 2 (record 745"));
}

// ---- EPW: relations between fields, header values -------------------------------------------

TEST_CASE(
    "weather: an EPW dew point above the dry-bulb is read as the dry-bulb within RH 110 %, "
    "an error beyond",
    "[weather][bounds]") {
  // Record 300: dry-bulb 16.0 °C (hour 13). 0.4 K above implies RH 102.6 %: read as 16.0, with
  // one warning naming the first such line.
  auto lines = epw_lines();
  lines[8 + 300] = with_field(lines[8 + 300], 8, "16.4");
  lines[8 + 301] = with_field(lines[8 + 301], 8, "16.6");  // dry-bulb 16.5
  const fs::path ok = write_lines("dew_clip.epw", lines);
  const Weather w = read_epw(ok);
  CHECK(w.dew_point_c[300] == w.dry_bulb_c[300]);
  CHECK(w.dew_point_c[301] == w.dry_bulb_c[301]);
  CHECK(w.warnings == std::vector<std::string>{
                          ok.string() + ":309: dew-point: 2 records above the dry-bulb (by at most "
                                        "0.40 K, within the relative humidity of 110.0 % the "
                                        "EnergyPlus EPW data dictionary accepts) read as the "
                                        "dry-bulb"});
  // 5 K above: RH p_ws(21)/p_ws(16) = 137 % — beyond what the dictionary allows: an error.
  const fs::path bad = epw_with("dew_bad.epw", 300, 8, "21.0");
  const double implied =
      in_si(saturation_pressure(celsius(21.0))) / in_si(saturation_pressure(celsius(16.0)));
  CHECK(error_of([&] { read_epw(bad); }) ==
        epw_at(bad, 300, 8) +
            "dew-point = \"21.0\": expected a dew point at most the dry-bulb (16 °C), or above it "
            "by no more than a relative humidity of 110.0 % allows (EnergyPlus EPW data "
            "dictionary maximum), got 21 °C (relative humidity " +
            percent(implied) + ")");
  // Air at 69.9 °C, saturated, at 31,001 Pa would boil (p_ws(69.9 °C) ≈ 31.0 kPa).
  lines = epw_lines();
  lines[8 + 5] =
      with_field(with_field(with_field(with_field(lines[8 + 5], 7, "69.9"), 8, "69.9"), 9, "100"),
                 10, "31001");
  const fs::path boil = write_lines("boil.epw", lines);
  CHECK_THAT(error_of([&] { read_epw(boil); }),
             Catch::StartsWith(boil.string() +
                               ":14: pressure = 31001: expected a station pressure above the "
                               "vapour pressure of air at 69.9 °C and 100 % relative humidity"));
}

TEST_CASE("weather: EPW LOCATION and DESIGN CONDITIONS values are range-checked",
          "[weather][bounds]") {
  auto lines = epw_lines();
  lines[0] = with_field(lines[0], 7, "95");
  const fs::path lat = write_lines("lat.epw", lines);
  CHECK(error_of([&] { read_epw(lat); }) ==
        lat.string() + ":1:" + std::to_string(column_of_field(lines[0], 7)) +
            ": LOCATION latitude = \"95\": expected a finite latitude from -90 to 90 ° "
            "(EnergyPlus EPW data dictionary), got 95 °");
  lines = epw_lines();
  lines[0] = with_field(lines[0], 9, "inf");
  const fs::path tz = write_lines("tz.epw", lines);
  CHECK(error_of([&] { read_epw(tz); }) ==
        tz.string() + ":1:" + std::to_string(column_of_field(lines[0], 9)) +
            ": LOCATION time zone = \"inf\": expected a finite time zone from -12 to 14 h "
            "(UTC-12 to UTC+14, the civil time zones in use), got inf");
  lines = epw_lines();
  lines[1] =
      "DESIGN CONDITIONS,1,x,,Heating,1,Cooling,8,6.3,150,24.4,31.4,23.6,30.2,22.7,26.0,"
      "30.2,25.2";
  const fs::path dc = write_lines("design.epw", lines);
  CHECK(error_of([&] { read_epw(dc); }) ==
        dc.string() +
            ":2:48: DESIGN CONDITIONS Cooling field 3 (DB 0.4 %) = \"150\": expected a finite "
            "temperature above -70 and below 70 °C (EnergyPlus EPW data dictionary), got 150 °C");
}

// ---- weather CSV ------------------------------------------------------------------------

TEST_CASE(
    "weather: a weather CSV with out-of-range or non-finite cells is an error naming line, "
    "column and field",
    "[weather][bounds][csv]") {
  struct Case {
    int row;
    int field;
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {42, 2, "-inf",
       "dry_bulb_c = \"-inf\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary), got -inf"},
      {42, 2, "-1e308",
       "dry_bulb_c = \"-1e308\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary), got -1e+308 °C"},
      {42, 2, "90",
       "dry_bulb_c = \"90\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary), got 90 °C"},
      {42, 4, "0",
       "pressure_pa = \"0\": expected a finite station pressure above 31000 and below 120000 Pa "
       "(EnergyPlus EPW data dictionary), got 0 Pa"},
      {42, 4, "1013",
       "pressure_pa = \"1013\": expected a finite station pressure above 31000 and below 120000 "
       "Pa (EnergyPlus EPW data dictionary), got 1013 Pa"},
      {42, 5, "-5000",
       "ghi_w_m2 = \"-5000\": expected a finite irradiance from 0 to 2223 W/m² (minimum: "
       "EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, sun overhead), "
       "got -5000 W/m²"},
      {42, 8, "998",
       "wind_m_s = \"998\": expected a finite wind speed from 0 to 40 m/s (EnergyPlus EPW data "
       "dictionary), got 998 m/s"},
      {42, 3, "106",
       "relative_humidity_pct = \"106\": expected a finite relative humidity from 0 to 105 % "
       "(dcload weather CSV format; above 100 % is read as 100 %), got 106 %"},
      {42, 3, "nan",
       "relative_humidity_pct = \"nan\": expected a finite relative humidity from 0 to 105 % "
       "(dcload weather CSV format; above 100 % is read as 100 %), got nan"},
      {42, 9, "inf",
       "dew_point_c = \"inf\": expected a finite temperature above -70 and below 70 °C "
       "(EnergyPlus EPW data dictionary), got inf"},
      {42, 1, "1.5", "month = \"1.5\": expected a whole number from 1 to 12, got 1.5"},
      {42, 1, "nan", "month = \"nan\": expected a whole number from 1 to 12, got nan"},
      {42, 1, "2",
       "month = \"2\": expected 1 (row 42 of an hourly year from 1 January 00:00 falls in "
       "January), got 2"},
      {745, 1, "1",
       "month = \"1\": expected 2 (row 745 of an hourly year from 1 January 00:00 falls in "
       "February), got 1"},
  };
  for (const Case& c : cases) {
    INFO("row " << c.row << " field " << c.field << " = " << c.text);
    const fs::path p = csv_with("bound.csv", c.row, c.field, c.text);
    CHECK(error_of([&] { load_weather(p.string()); }) == csv_at(p, c.row, c.field) + c.message);
  }
  // A dew point 5 K above the dry-bulb is an error; 0.4 K above is read as the dry-bulb.
  const fs::path dew = csv_with("dew.csv", 14, 9, "21.5");  // dry-bulb 16.5 °C
  CHECK_THAT(error_of([&] { load_weather(dew.string()); }),
             Catch::StartsWith(csv_at(dew, 14, 9) +
                               "dew_point_c = \"21.5\": expected a dew point at most the dry-bulb "
                               "(16.5 °C), or above it"));
  const fs::path clip = csv_with("dew_clip.csv", 14, 9, "16.9");
  const Weather w = load_weather(clip.string());
  CHECK(w.dew_point_c[13] == w.dry_bulb_c[13]);
  REQUIRE(w.warnings.size() == 1);
  CHECK_THAT(w.warnings[0], Catch::StartsWith(clip.string() + ":15: dew-point: 1 record above "
                                                              "the dry-bulb (by at most 0.40 K"));
}

// ---- a Weather built in code -------------------------------------------------------------

TEST_CASE(
    "weather: check_weather rejects a hand-built series with non-finite or out-of-range "
    "values, naming the step",
    "[weather][bounds][check]") {
  const std::string where = "weather (built in code)";
  const Weather good = synthesize_builtin("ulsan");
  CHECK_NOTHROW(detail::check_weather(good, where));

  Weather w = good;
  w.dry_bulb_c[4711] = -INFINITY;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 4711: dry_bulb_c = -inf: expected a finite temperature "
        "above -70 and below 70 °C (EnergyPlus EPW data dictionary)");
  w = good;
  w.pressure_pa[12] = 0.0;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 12: pressure_pa = 0: expected a finite station pressure "
        "above 31000 and below 120000 Pa (EnergyPlus EPW data dictionary)");
  w = good;
  w.relative_humidity[7] = 79.0;  // a percentage where a fraction belongs
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 7: relative_humidity = 79: expected a finite relative "
        "humidity from 0 to 1 (a fraction)");
  w = good;
  w.ghi_w_m2[100] = NAN;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 100: ghi_w_m2 = nan: expected a finite irradiance from 0 "
        "to 2223 W/m² (minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically "
        "possible limit, sun overhead)");
  w = good;
  w.wind_m_s[5] = 998.0;
  CHECK_THAT(error_of([&] { detail::check_weather(w, where); }),
             Catch::StartsWith("weather (built in code): step 5: wind_m_s = 998: expected a "
                               "finite wind speed from 0 to 40 m/s"));
  w = good;
  w.wet_bulb_c[9] = w.dry_bulb_c[9] + 1.0;
  CHECK_THAT(error_of([&] { detail::check_weather(w, where); }),
             Catch::StartsWith("weather (built in code): step 9: wet_bulb_c = "));
  w = good;
  w.dew_point_c[9] = w.dry_bulb_c[9] + 5.0;
  CHECK_THAT(error_of([&] { detail::check_weather(w, where); }),
             Catch::StartsWith("weather (built in code): step 9: dew_point_c = "));
}

TEST_CASE("weather: check_weather rejects unequal lengths, bad months and a bad time step",
          "[weather][bounds][check]") {
  const std::string where = "weather (built in code)";
  const Weather good = synthesize_builtin("jeju");
  Weather w = good;
  w.wind_m_s.pop_back();
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): wind_m_s has 8759 steps, dry_bulb_c 8760: expected every "
        "series of a Weather to have the same length");
  w = good;
  w.month[4000] = 13;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 4000: month = 13: expected a month from 1 to 12");
  w = good;
  w.month[4000] = 1;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): step 4000: month = 1: expected a month not before the previous "
        "step's 6 (steps run forward in time)");
  w = good;
  w.timestep_s = 0.0;
  CHECK(error_of([&] { detail::check_weather(w, where); }) ==
        "weather (built in code): timestep_s = 0: expected a finite step length above 0 s");
  w = good;
  w.latitude_deg = NAN;
  CHECK_THAT(error_of([&] { detail::check_weather(w, where); }),
             Catch::StartsWith("weather (built in code): latitude_deg = nan: expected a finite "
                               "latitude from -90 to 90"));
  CHECK(error_of([] { detail::check_weather(Weather{}, "w"); }) ==
        "w: dry_bulb_c has no steps: expected at least one");
}

TEST_CASE("weather: every built-in year and its resampling pass check_weather",
          "[weather][bounds][check]") {
  for (const auto& name : builtin_stations()) {
    INFO(name);
    const Weather w = synthesize_builtin(name);
    CHECK_NOTHROW(detail::check_weather(w, name));
  }
  CHECK_NOTHROW(
      detail::check_weather(resample(synthesize_builtin("ulsan"), seconds(900.0)), "ulsan 900 s"));
}

// ---- workload traces ---------------------------------------------------------------------

namespace {
std::string trace_error(const std::string& name, const std::string& text) {
  const fs::path p = write_text(name, text);
  return error_of([&] { detail::read_utilization_trace(p, "cluster[0].workload"); });
}
std::string trace_path(const std::string& name) {
  return (fs::temp_directory_path() / ("dcload_bounds_" + name)).string();
}
}  // namespace

TEST_CASE("trace: hours of ±1e308, nan or outside the year are errors naming line and column",
          "[trace][bounds]") {
  // Found by fuzzing: rows at -1e308 and 1e308 ran to exit 0 with null energy.
  CHECK(trace_error("t_huge.csv", "hour,utilization\n-1e308,0.5\n1e308,0.5\n") ==
        trace_path("t_huge.csv") +
            ":2:1: hour = \"-1e308\": expected a finite hour from 0 to 8760 (hours since 1 "
            "January 00:00 of the typical year a run simulates), got -1e+308");
  CHECK(trace_error("t_nan.csv", "hour,utilization\n0,0.5\nnan,0.5\n") ==
        trace_path("t_nan.csv") +
            ":3:1: hour = \"nan\": expected a finite hour from 0 to 8760 (hours since 1 January "
            "00:00 of the typical year a run simulates), got nan");
  CHECK(trace_error("t_late.csv", "hour,utilization\n8759,0.5\n8760,0.5\n8761,0.5\n") ==
        trace_path("t_late.csv") +
            ":4:1: hour = \"8761\": expected a finite hour from 0 to 8760 (hours since 1 January "
            "00:00 of the typical year a run simulates), got 8761");
  // Utilization inf / nan: the documented 0..1.5.
  CHECK(trace_error("t_uinf.csv", "hour,utilization\n0,0.5\n1,inf\n") ==
        trace_path("t_uinf.csv") +
            ":3:3: utilization \"inf\": expected a number from 0 to 1.5 (1 = node_full_power)");
  CHECK(trace_error("t_unan.csv", "hour,utilization\n0,nan\n1,0.5\n") ==
        trace_path("t_unan.csv") +
            ":2:3: utilization \"nan\": expected a number from 0 to 1.5 (1 = node_full_power)");
}

TEST_CASE("trace: rows must increase at a constant step of at least 1 s", "[trace][bounds]") {
  CHECK(trace_error("t_same.csv", "hour,utilization\n5,0.5\n5,0.5\n") ==
        trace_path("t_same.csv") +
            ":3:1: hour = \"5\": expected an hour at least 1 s (0.000277778 h) after the previous "
            "row's 5 (rows increase at a constant step), got 5");
  CHECK(trace_error("t_back.csv", "hour,utilization\n5,0.5\n4,0.5\n") ==
        trace_path("t_back.csv") +
            ":3:1: hour = \"4\": expected an hour at least 1 s (0.000277778 h) after the previous "
            "row's 5 (rows increase at a constant step), got 4");
  CHECK(trace_error("t_uneven.csv", "hour,utilization\n0,0.5\n1,0.5\n2.5,0.5\n") ==
        trace_path("t_uneven.csv") +
            ":4:1: hour = \"2.5\": expected 2 (rows evenly spaced at the step of the first two "
            "rows, 1 h, within 1e-06 h), got 2.5");
  // 15-min rows printed to 6 decimals are evenly spaced within the tolerance.
  std::string text = "hour,utilization\n";
  char buf[64];
  for (int k = 0; k < 96; ++k) {
    std::snprintf(buf, sizeof buf, "%.6f,%.3f\n", k / 4.0 + 1.0 / 3.0, 0.5);
    text += buf;
  }
  const fs::path p = write_text("t_15min.csv", text);
  const WorkloadSpec w = detail::read_utilization_trace(p, "cluster[0].workload");
  CHECK(w.trace.size() == 96);
  CHECK(w.trace_step_s == Approx(900.0).epsilon(1e-6));
  CHECK(w.trace_start_s == Approx(1200.0).margin(0.01));  // 0.333333 h
}

TEST_CASE("trace: an empty trace, a header alone or a single row is an error", "[trace][bounds]") {
  CHECK(trace_error("t_empty.csv", "") ==
        trace_path("t_empty.csv") +
            ":1:1: expected the header \"hour,utilization\", got an empty file");
  CHECK(trace_error("t_header.csv", "hour,utilization\n") ==
        trace_path("t_header.csv") +
            ":2: a trace needs at least two rows after the header \"hour,utilization\", got 0");
  CHECK(trace_error("t_one.csv", "hour,utilization\n0,0.5\n") ==
        trace_path("t_one.csv") +
            ":3: a trace needs at least two rows after the header \"hour,utilization\", got 1");
}
