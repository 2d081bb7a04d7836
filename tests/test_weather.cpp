// Weather: EPW reader, built-in typical years, CSV, load_weather and resampling.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "dcload/run.hpp"
#include "dcload/error.hpp"
#include "dcload/units.hpp"
#include "dcload/weather.hpp"
#include "weather/normals.hpp"

using namespace dcload;
namespace fs = std::filesystem;

namespace {

const fs::path kSeoulEpw = fs::path(DCLOAD_EPW_DIR) / "KOR_Seoul.epw";

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

fs::path write_temp(const std::string& name, const std::vector<std::string>& lines) {
  const fs::path p = fs::temp_directory_path() / ("dcload_test_" + name);
  std::ofstream out(p);
  for (const auto& l : lines) out << l << '\n';
  return p;
}

using dcload::testing::column_of_field;
using dcload::testing::with_field;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

void check_invariants(const Weather& w, std::size_t n) {
  REQUIRE(w.size() == n);
  CHECK(w.month.size() == n);
  CHECK(w.dew_point_c.size() == n);
  CHECK(w.relative_humidity.size() == n);
  CHECK(w.pressure_pa.size() == n);
  CHECK(w.wet_bulb_c.size() == n);
  CHECK(w.ghi_w_m2.size() == n);
  CHECK(w.dni_w_m2.size() == n);
  CHECK(w.dhi_w_m2.size() == n);
  CHECK(w.wind_m_s.size() == n);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (w.relative_humidity[i] < 0.0 || w.relative_humidity[i] > 1.0) ++bad;
    if (w.wet_bulb_c[i] > w.dry_bulb_c[i] + 1e-9) ++bad;
    if (w.dew_point_c[i] > w.dry_bulb_c[i] + 1e-9) ++bad;
    if (w.month[i] < 1 || w.month[i] > 12) ++bad;
    if (w.ghi_w_m2[i] < 0.0 || w.dni_w_m2[i] < 0.0 || w.dhi_w_m2[i] < 0.0) ++bad;
  }
  CHECK(bad == 0);
}

}  // namespace

// ---- EPW ---------------------------------------------------------------------------------

TEST_CASE("weather: reads the Seoul EPW header and hourly values", "[weather][epw]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not found (shared weather folder absent)");
    return;
  }
  const Weather w = read_epw(kSeoulEpw);
  // line 1: LOCATION,Seoul.WS,SO,KOR,SRC-TMYx,471080,37.57140,126.9658,9.0,87.1
  CHECK(w.location == "Seoul.WS");
  CHECK(w.latitude_deg == Approx(37.5714));
  CHECK(w.longitude_deg == Approx(126.9658));
  CHECK(w.timezone_h == Approx(9.0));
  CHECK(w.elevation_m == Approx(87.1));
  CHECK(w.timestep_s == 3600.0);
  check_invariants(w, 8760);

  // line 9 (first record, 1 Jan hour 1): dry-bulb -0.10, dew point -3.00, RH 79, 101858 Pa,
  // GHI/DNI/DHI 0, wind 2.10
  CHECK(w.month[0] == 1);
  CHECK(w.dry_bulb_c[0] == Approx(-0.10));
  CHECK(w.dew_point_c[0] == Approx(-3.00));
  CHECK(w.relative_humidity[0] == Approx(0.79));
  CHECK(w.pressure_pa[0] == Approx(101858));
  CHECK(w.ghi_w_m2[0] == 0.0);
  CHECK(w.wind_m_s[0] == Approx(2.10));
  // line 4000 (16 June hour 8 = step 151·24 + 15·24 + 7 = 3991): 21.10, 17.80, 81, 100311 Pa,
  // GHI 370, DNI 417, DHI 153, wind 1.50
  const std::size_t k = 3991;
  CHECK(w.month[k] == 6);
  CHECK(w.dry_bulb_c[k] == Approx(21.10));
  CHECK(w.dew_point_c[k] == Approx(17.80));
  CHECK(w.relative_humidity[k] == Approx(0.81));
  CHECK(w.pressure_pa[k] == Approx(100311));
  CHECK(w.ghi_w_m2[k] == Approx(370));
  CHECK(w.dni_w_m2[k] == Approx(417));
  CHECK(w.dhi_w_m2[k] == Approx(153));
  CHECK(w.wind_m_s[k] == Approx(1.50));
  // wet-bulb lies between dew point and dry-bulb
  CHECK(w.wet_bulb_c[k] > 17.80);
  CHECK(w.wet_bulb_c[k] < 21.10);
  CHECK(w.month[8759] == 12);
}

TEST_CASE("weather: a truncated or malformed EPW is an error naming file and line",
          "[weather][epw]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not found");
    return;
  }
  const auto lines = read_lines(kSeoulEpw);

  // 8 header lines + 100 records: the 101st record was expected on line 109.
  std::vector<std::string> cut(lines.begin(), lines.begin() + 108);
  const fs::path truncated = write_temp("truncated.epw", cut);
  const std::string msg = error_of([&] { read_epw(truncated); });
  CHECK_THAT(msg, Catch::Contains(truncated.string() + ":109:"));
  CHECK_THAT(msg, Catch::Contains("truncated"));
  CHECK_THAT(msg, Catch::Contains("100 hourly records"));

  // a record cut after field 10
  auto short_record = lines;
  short_record[56] = short_record[56].substr(0, short_record[56].find(",0,0,220"));
  const fs::path short_path = write_temp("short_record.epw", short_record);
  CHECK_THAT(error_of([&] { read_epw(short_path); }),
             Catch::Contains(short_path.string() + ":57: truncated EPW record: 10 fields"));

  // a non-number in the dry-bulb field (7) of line 57
  auto bad = lines;
  bad[56] = with_field(bad[56], 7, "abc");
  const fs::path bad_path = write_temp("bad_number.epw", bad);
  CHECK(error_of([&] { read_epw(bad_path); }) ==
        bad_path.string() + ":57:" + std::to_string(column_of_field(bad[56], 7)) +
            ": dry-bulb = \"abc\": expected a number (EPW field 7)");
}

TEST_CASE("weather: short gaps of EPW missing codes are interpolated, long ones rejected",
          "[weather][epw]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not found");
    return;
  }
  const auto lines = read_lines(kSeoulEpw);
  const Weather ref = read_epw(kSeoulEpw);

  auto gap = lines;  // records 100..102 (lines 109..111): dry-bulb 99.9, pressure 999999
  for (int i = 108; i <= 110; ++i) {
    gap[i] = with_field(with_field(gap[i], 7, "99.9"), 10, "999999");
  }
  const fs::path gap_path = write_temp("gap3.epw", gap);
  const Weather w = read_epw(gap_path);
  // each repaired run is reported once per field, naming the first record's line
  CHECK(w.warnings == std::vector<std::string>{
                          gap_path.string() + ":109: dry-bulb: 3 records with the EPW "
                                              "missing-value code interpolated",
                          gap_path.string() + ":109: pressure: 3 records with the EPW "
                                              "missing-value code interpolated"});
  CHECK(ref.warnings.empty());
  for (int k = 100; k <= 102; ++k) {
    const double f = (k - 99) / 4.0;
    CHECK(w.dry_bulb_c[k] == Approx(ref.dry_bulb_c[99] + f * (ref.dry_bulb_c[103] -
                                                              ref.dry_bulb_c[99])));
    CHECK(w.pressure_pa[k] == Approx(ref.pressure_pa[99] + f * (ref.pressure_pa[103] -
                                                                ref.pressure_pa[99])));
  }

  // The repairs travel into a run's status messages (the run stays ok: they are findings).
  const dcload::RunResult run = dcload::run(dcload::testing::single_hall_site(), w);
  CHECK(run.status.ok());
  CHECK(std::count(run.status.messages.begin(), run.status.messages.end(),
                   "weather: " + w.warnings[0]) == 1);
  CHECK(std::count(run.summary.status.messages.begin(), run.summary.status.messages.end(),
                   "weather: " + w.warnings[1]) == 1);

  auto long_gap = lines;  // 7 hours of missing wind speed (field 22, code 999) from line 201
  for (int i = 200; i < 207; ++i) long_gap[i] = with_field(long_gap[i], 22, "999");
  const fs::path long_path = write_temp("gap7.epw", long_gap);
  const std::string msg = error_of([&] { read_epw(long_path); });
  CHECK_THAT(msg, Catch::Contains(long_path.string() + ":201: wind speed: 7 consecutive hours"));
}

TEST_CASE("weather: a leap-year EPW (8784 records) drops 29 February", "[weather][epw]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not found");
    return;
  }
  auto lines = read_lines(kSeoulEpw);
  // insert 24 records dated 2/29 after 28 February hour 24 (record 59·24 − 1 = line 8 + 1416)
  std::vector<std::string> feb29;
  for (int h = 1; h <= 24; ++h) {
    feb29.push_back(with_field(with_field(with_field(lines[8 + 1416 - 1], 2, "2"), 3, "29"), 7,
                               "55.5"));
  }
  lines.insert(lines.begin() + 8 + 1416, feb29.begin(), feb29.end());
  REQUIRE(lines.size() == 8 + 8784);
  const Weather leap = read_epw(write_temp("leap.epw", lines));
  const Weather ref = read_epw(kSeoulEpw);
  check_invariants(leap, 8760);
  CHECK(leap.dry_bulb_c == ref.dry_bulb_c);
  CHECK(*std::max_element(leap.dry_bulb_c.begin(), leap.dry_bulb_c.end()) < 55.0);
}

// ---- built-in typical years ------------------------------------------------------------

TEST_CASE("weather: builtin ulsan keeps the monthly normals", "[weather][builtin]") {
  const Weather w = synthesize_builtin("ulsan");
  check_invariants(w, 8760);
  CHECK(w.location == "Ulsan");
  CHECK(w.timezone_h == 9.0);
  // configs/catalog/climate_normals.toml, station Ulsan (WMO 47152), WMO CLINO 1991–2020
  const std::array<double, 12> tmax = {7.4, 9.6, 13.7, 19.3, 23.7, 26.1,
                                       29.2, 30.0, 26.0, 21.8, 15.9, 9.6};
  const std::array<double, 12> tmin = {-1.8, -0.3, 3.5, 8.5, 13.4, 17.7,
                                       22.1, 22.8, 18.2, 12.1, 5.7, -0.1};
  const std::array<double, 12> tmean = {2.3, 4.3, 8.4, 13.7, 18.3, 21.6,
                                        25.2, 26.0, 21.7, 16.5, 10.3, 4.3};
  const std::array<double, 12> ghi_kwh = {87.2, 99.8, 133.1, 156.4, 174.6, 155.7,
                                          149.7, 148.4, 122.8, 114.4, 87.8, 81.7};
  std::array<double, 12> sum{}, sum_max{}, sum_min{}, ghi{};
  std::array<int, 12> hours{}, days{};
  for (std::size_t d = 0; d < 365; ++d) {
    const auto first = w.dry_bulb_c.begin() + static_cast<long>(d * 24);
    const int m = w.month[d * 24] - 1;
    sum_max[m] += *std::max_element(first, first + 24);
    sum_min[m] += *std::min_element(first, first + 24);
    ++days[m];
  }
  for (std::size_t i = 0; i < w.size(); ++i) {
    const int m = w.month[i] - 1;
    sum[m] += w.dry_bulb_c[i];
    ghi[m] += w.ghi_w_m2[i];
    ++hours[m];
  }
  for (int m = 0; m < 12; ++m) {
    INFO("month " << m + 1);
    CHECK(sum[m] / hours[m] == Approx(tmean[m]).margin(0.3));
    CHECK(sum_max[m] / days[m] == Approx(tmax[m]).margin(0.3));
    CHECK(sum_min[m] / days[m] == Approx(tmin[m]).margin(0.3));
    CHECK(ghi[m] / 1000.0 == Approx(ghi_kwh[m]).epsilon(1e-9));  // Wh → kWh per m²
  }
  // irradiance closes: GHI = DHI + beam on the horizontal (beam ≥ 0), night is dark
  for (std::size_t i = 0; i < w.size(); ++i) {
    CHECK(w.dhi_w_m2[i] <= w.ghi_w_m2[i] + 1e-9);
  }
  CHECK(w.ghi_w_m2[0] == 0.0);               // 00–01 h on 1 January
  CHECK(w.ghi_w_m2[12] > 200.0);             // 12–13 h on 1 January
  // the same input gives the same year
  CHECK(synthesize_builtin("ulsan").dry_bulb_c == w.dry_bulb_c);
}

TEST_CASE("weather: every built-in station synthesizes; wind borrowed from the nearest",
          "[weather][builtin]") {
  const auto names = builtin_stations();
  CHECK(names.size() == 26);
  CHECK(std::find(names.begin(), names.end(), "ulsan") != names.end());
  for (const auto& n : names) {
    INFO(n);
    check_invariants(synthesize_builtin(n), 8760);
  }
  // Haenam has no TMY wind; the nearest station with one is named in the location.
  CHECK_THAT(synthesize_builtin("haenam").location, Catch::StartsWith("Haenam (wind from "));
  CHECK(synthesize_builtin("seoul").location == "Seoul");
}

TEST_CASE("weather: an unknown built-in station lists the known ones", "[weather][builtin]") {
  const std::string msg = error_of([] { load_weather("builtin:atlantis"); });
  CHECK_THAT(msg, Catch::Contains("builtin:atlantis"));
  CHECK_THAT(msg, Catch::Contains("unknown built-in station"));
  CHECK_THAT(msg, Catch::Contains("ulsan"));
  CHECK_THAT(msg, Catch::Contains("haenam"));
}

// ---- load_weather and CSV ------------------------------------------------------------

TEST_CASE("weather: load_weather dispatches on the source", "[weather][load]") {
  const Weather b = load_weather("builtin:ulsan");
  CHECK(b.source == "builtin:ulsan");
  CHECK(b.size() == 8760);

  const std::string missing = error_of([] { load_weather("nowhere/KOR_X.epw", "/tmp"); });
  CHECK_THAT(missing, Catch::Contains("/tmp/nowhere/KOR_X.epw"));
  CHECK_THAT(missing, Catch::Contains("not found"));
  CHECK_THAT(error_of([] { load_weather("weather.txt"); }), Catch::Contains("builtin:NAME"));

  if (fs::exists(kSeoulEpw)) {
    const Weather e = load_weather("KOR_Seoul.epw", kSeoulEpw.parent_path());
    CHECK(e.source == "KOR_Seoul.epw");
    CHECK(e.location == "Seoul.WS");
  }
}

TEST_CASE("weather: a CSV year round-trips and bad cells name line and column",
          "[weather][csv]") {
  const Weather b = synthesize_builtin("jeju");
  std::vector<std::string> lines = {
      "month,dry_bulb_c,relative_humidity_pct,pressure_pa,ghi_w_m2,dni_w_m2,dhi_w_m2,wind_m_s"};
  char buf[256];
  for (std::size_t i = 0; i < b.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g", b.month[i],
                  b.dry_bulb_c[i], b.relative_humidity[i] * 100.0, b.pressure_pa[i],
                  b.ghi_w_m2[i], b.dni_w_m2[i], b.dhi_w_m2[i], b.wind_m_s[i]);
    lines.push_back(buf);
  }
  const fs::path p = write_temp("jeju.csv", lines);
  const Weather c = load_weather(p.string());
  check_invariants(c, 8760);
  CHECK(c.location == "dcload_test_jeju");
  for (std::size_t i = 0; i < c.size(); i += 97) {
    CHECK(c.dry_bulb_c[i] == Approx(b.dry_bulb_c[i]));
    CHECK(c.wet_bulb_c[i] == Approx(b.wet_bulb_c[i]).margin(1e-6));
    CHECK(c.dew_point_c[i] == Approx(b.dew_point_c[i]).margin(1e-6));
    CHECK(c.ghi_w_m2[i] == Approx(b.ghi_w_m2[i]));
  }

  auto bad = lines;
  bad[41] = "1,abc,50,101325,0,0,0,2";
  const fs::path bad_path = write_temp("bad.csv", bad);
  CHECK_THAT(error_of([&] { load_weather(bad_path.string()); }),
             Catch::Contains(bad_path.string() + ":42:3: dry_bulb_c = \"abc\": expected a number"));

  std::vector<std::string> short_file(lines.begin(), lines.begin() + 11);
  const fs::path short_path = write_temp("short.csv", short_file);
  CHECK_THAT(error_of([&] { load_weather(short_path.string()); }),
             Catch::Contains(short_path.string() + ":12: truncated weather CSV: 10 rows"));
}

// ---- resampling ------------------------------------------------------------------------

TEST_CASE("weather: resample to 900 s keeps hourly energy and passes through hour midpoints",
          "[weather][resample]") {
  const Weather h = synthesize_builtin("ulsan");
  const Weather q = resample(h, seconds(900.0));
  check_invariants(q, 8760 * 4);
  CHECK(q.timestep_s == 900.0);

  const double ghi_h = std::accumulate(h.ghi_w_m2.begin(), h.ghi_w_m2.end(), 0.0) * 3600.0;
  const double ghi_q = std::accumulate(q.ghi_w_m2.begin(), q.ghi_w_m2.end(), 0.0) * 900.0;
  CHECK(ghi_q == Approx(ghi_h).epsilon(1e-12));
  for (std::size_t k = 0; k < h.size(); k += 37) {
    double e = 0.0;
    for (int j = 0; j < 4; ++j) e += q.ghi_w_m2[4 * k + j] * 900.0;
    CHECK(e == Approx(h.ghi_w_m2[k] * 3600.0));
    CHECK(q.month[4 * k] == h.month[k]);
  }
  // Values are sampled at step midpoints on the line through hour midpoints: the sub-steps
  // either side of the midpoint of hour k (at 1350 s and 2250 s) lie 450 s = 1/8 h from it.
  for (std::size_t k = 1; k + 1 < h.size(); k += 53) {
    const double t = h.dry_bulb_c[k];
    CHECK(q.dry_bulb_c[4 * k + 1] == Approx(t - (t - h.dry_bulb_c[k - 1]) / 8.0));
    CHECK(q.dry_bulb_c[4 * k + 2] == Approx(t + (h.dry_bulb_c[k + 1] - t) / 8.0));
  }
  // With an odd number of sub-steps (1200 s) the middle one sits on the hour midpoint.
  const Weather t3 = resample(h, seconds(1200.0));
  for (std::size_t k = 0; k < h.size(); k += 41) {
    CHECK(t3.dry_bulb_c[3 * k + 1] == Approx(h.dry_bulb_c[k]));
    CHECK(t3.wet_bulb_c[3 * k + 1] == Approx(h.wet_bulb_c[k]));
  }
  // 3600 s is the identity
  CHECK(resample(h, hours(1.0)).dry_bulb_c == h.dry_bulb_c);
}

TEST_CASE("weather: resample rejects steps that do not divide an hour", "[weather][resample]") {
  const Weather h = synthesize_builtin("ulsan");
  CHECK_THAT(error_of([&] { resample(h, seconds(700.0)); }),
             Catch::Contains("must divide one hour"));
  CHECK_THAT(error_of([&] { resample(h, seconds(1e-4)); }), Catch::Contains("at least 1 ms"));
  CHECK_NOTHROW(resample(h, seconds(60.0)));
}

// ---- calibrated day-to-day variability (builtin) ---------------------------------------------

namespace {
// Monthly normals of one station read from the shipped catalog (the generator's own input), so
// the check is "the synthesized year reproduces what it was built from".
struct Normals {
  std::array<double, 12> tmax{}, tmin{}, tmean{}, vapour_hpa{};
};
Normals normals_of(const std::string& key) {
  const toml::table root =
      toml::parse_file(std::string(DCLOAD_SOURCE_DIR) + "/configs/catalog/climate_normals.toml");
  Normals n;
  for (const auto& node : *root["station"].as_array()) {
    const toml::table& t = *node.as_table();
    std::string name = *t["name"].value<std::string>();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != key) continue;
    auto fill = [&](const char* f, std::array<double, 12>& out) {
      for (std::size_t m = 0; m < 12; ++m) out[m] = *(*t[f].as_array())[m].value<double>();
    };
    fill("tmax_mean_degC", n.tmax);
    fill("tmin_mean_degC", n.tmin);
    fill("tmean_degC", n.tmean);
    fill("vapour_pressure_hPa", n.vapour_hpa);
  }
  return n;
}
}  // namespace

TEST_CASE("weather: every synthesized year reproduces the normals it is built from",
          "[weather][builtin][variability]") {
  // Issue 4 "done when": monthly mean dry-bulb within 0.3 °C, mean daily maximum and minimum
  // within 0.5 °C, mean vapour pressure within 5 %.
  for (const auto& key : builtin_stations()) {
    INFO(key);
    const Weather w = synthesize_builtin(key);
    const Normals n = normals_of(key);
    std::array<double, 12> sum{}, sum_max{}, sum_min{}, vapour{};
    std::array<int, 12> hours{}, days{};
    for (std::size_t d = 0; d < 365; ++d) {
      const auto first = w.dry_bulb_c.begin() + static_cast<long>(d * 24);
      const int m = w.month[d * 24] - 1;
      sum_max[m] += *std::max_element(first, first + 24);
      sum_min[m] += *std::min_element(first, first + 24);
      ++days[m];
    }
    for (std::size_t i = 0; i < w.size(); ++i) {
      const int m = w.month[i] - 1;
      sum[m] += w.dry_bulb_c[i];
      // vapour pressure = RH · p_ws(t) (ASHRAE HoF 2017 ch. 1 eq. 24)
      vapour[m] += w.relative_humidity[i] * in_si(saturation_pressure(celsius(w.dry_bulb_c[i])));
      ++hours[m];
    }
    for (int m = 0; m < 12; ++m) {
      INFO("month " << m + 1);
      CHECK(sum[m] / hours[m] == Approx(n.tmean[m]).margin(0.3));
      CHECK(sum_max[m] / days[m] == Approx(n.tmax[m]).margin(0.5));
      CHECK(sum_min[m] / days[m] == Approx(n.tmin[m]).margin(0.5));
      CHECK(vapour[m] / hours[m] / 100.0 == Approx(n.vapour_hpa[m]).epsilon(0.05));
    }
  }
}

TEST_CASE("weather: builtin years reproduce the ASHRAE 2021 design values they are calibrated to",
          "[weather][builtin][variability]") {
  // ASHRAE Handbook—Fundamentals 2021 ch. 14 station tables (as in the DESIGN CONDITIONS lines
  // of the Climate.OneBuilding TMYx files): DB004, WB_DB004 (MCWB), DB010, WB004, WB010, °C.
  struct Row {
    const char* key;
    double db004, mcwb004, db010, wb004, wb010;
  };
  const std::array<Row, 4> rows = {{{"seoul", 32.8, 24.4, 31.4, 26.0, 25.2},
                                    {"ulsan", 33.2, 25.0, 31.9, 26.4, 25.8},
                                    {"busan", 31.5, 25.6, 30.4, 26.6, 26.0},
                                    {"daegu", 34.5, 24.1, 33.2, 25.7, 25.2}}};
  for (const Row& r : rows) {
    INFO(r.key);
    const DesignConditions d = design_conditions(synthesize_builtin(r.key));
    // calibrated: to the bisection tolerance and the 0.1 K printing of the Handbook
    CHECK(d.db_004_c == Approx(r.db004).margin(0.05));
    CHECK(d.wb_004_c == Approx(r.wb004).margin(0.05));
    // not calibrated, follow from the generator: stated tolerances
    CHECK(d.db_010_c == Approx(r.db010).margin(0.8));
    CHECK(d.wb_010_c == Approx(r.wb010).margin(0.5));
    CHECK(d.mcwb_004_c == Approx(r.mcwb004).margin(1.0));
  }
  // Stations without ASHRAE values borrow the excess from the nearest station that has them.
  const Weather suwon = synthesize_builtin("suwon");
  CHECK(suwon.location == "Suwon (wind from Seoul) (design targets from Seoul)");
}

TEST_CASE("weather: a builtin year is deterministic for a seed and differs between seeds",
          "[weather][builtin][variability]") {
  const Weather a = synthesize_builtin("ulsan", 7), b = synthesize_builtin("ulsan", 7);
  const Weather c = synthesize_builtin("ulsan", 8);
  CHECK(a.dry_bulb_c == b.dry_bulb_c);
  CHECK(a.relative_humidity == b.relative_humidity);
  CHECK(a.dry_bulb_c != c.dry_bulb_c);
  // …but every seed is calibrated to the same design dry-bulb (33.2 °C, ASHRAE 2021 Ulsan)
  CHECK(design_conditions(c).db_004_c == Approx(33.2).margin(0.05));
  // days differ from each other: the day-to-day standard deviation of the July daily mean is
  // well above zero (the pre-variability years had only the smooth seasonal curve, < 0.5 K).
  std::vector<double> july;
  for (std::size_t d = 181; d < 212; ++d)
    july.push_back(std::accumulate(a.dry_bulb_c.begin() + static_cast<long>(d * 24),
                                   a.dry_bulb_c.begin() + static_cast<long>(d * 24 + 24), 0.0) /
                   24.0);
  const double mean = std::accumulate(july.begin(), july.end(), 0.0) / july.size();
  double var = 0;
  for (double v : july) var += (v - mean) * (v - mean);
  CHECK(std::sqrt(var / july.size()) > 1.0);
}

TEST_CASE("weather: a bare station name means builtin, an existing path wins",
          "[weather][load]") {
  const Weather w = load_weather("Ulsan");
  CHECK(w.source == "builtin:ulsan");
  CHECK(w.dry_bulb_c == synthesize_builtin("ulsan").dry_bulb_c);
  // `run --weather ulsan` hands over an absolute path made from the name
  CHECK(load_weather((fs::temp_directory_path() / "dcload-no-such-dir" / "jeju").string()).source ==
        "builtin:jeju");
  CHECK_THAT(error_of([] { load_weather("atlantis"); }), Catch::Contains("builtin:NAME"));
  const fs::path dir = fs::temp_directory_path() / "dcload_wx_bare";
  fs::create_directories(dir / "ulsan");  // exists, so not the station; not a file either
  CHECK_THAT(error_of([&] { load_weather("ulsan", dir); }), Catch::Contains("builtin:NAME"));
  fs::remove_all(dir);
}

TEST_CASE("weather: EPW DESIGN CONDITIONS are read in the 2021 and the 2009 layout",
          "[weather][epw][design]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not present");
    return;
  }
  const Weather w = read_epw(kSeoulEpw);
  // Header line 2 of KOR_Seoul.epw (2021 Handbook):
  // Cooling,8,6.3,32.8,24.4,31.4,23.6,30.2,22.7,26.0,30.2,25.2
  CHECK(w.design.from_header);
  CHECK(w.design.db_004_c == 32.8);
  CHECK(w.design.mcwb_004_c == 24.4);
  CHECK(w.design.db_010_c == 31.4);
  CHECK(w.design.mcwb_010_c == 23.6);
  CHECK(w.design.wb_004_c == 26.0);
  CHECK(w.design.wb_010_c == 25.2);

  // The same records under a 2009-layout header (the ASHRAE 2009 layout of the IWEC Inch'on
  // file: one Heating field fewer).
  auto lines = read_lines(kSeoulEpw);
  lines[1] =
      "DESIGN CONDITIONS,1,Climate Design Data 2009 ASHRAE Handbook,,Heating,1,-10.7,-8.9,-20.4,"
      "0.6,-8.3,-18.6,0.7,-6.7,12.1,-1.4,10.2,-3.3,4.5,320,Cooling,8,5.8,31.1,24.7,29.8,23.9,"
      "28.6,23.3,25.7,29.1,25.1,28.2,24.5,27.4,2.9,290,24.8,20,27.6,24.2,19.3,27.1,23.6,18.6,"
      "26.5,80.2,29.3,77.4,28.2,74.9,27.5,29.6,733,Extremes,9.5,8,6.8,-12.8,33.2,2.3,1.8";
  fs::path p2009 = write_temp("wx_2009.epw", lines);
  const Weather old = read_epw(p2009);
  CHECK(old.design.from_header);
  CHECK(old.design.db_004_c == 31.1);
  CHECK(old.design.mcwb_004_c == 24.7);
  CHECK(old.design.db_010_c == 29.8);
  CHECK(old.design.wb_004_c == 25.7);
  CHECK(old.design.wb_010_c == 25.1);

  // No design conditions: computed from the series.
  lines[1] = "DESIGN CONDITIONS,0";
  p2009 = write_temp("wx_2009.epw", lines);
  const Weather none = load_weather(p2009.string());
  CHECK_FALSE(none.design.from_header);
  CHECK(none.design.db_004_c == design_conditions(none).db_004_c);

  // A malformed cooling value names file, line 2 and the field.
  lines[1] = "DESIGN CONDITIONS,1,x,,Heating,1,Cooling,8,6.3,abc";
  p2009 = write_temp("wx_2009.epw", lines);
  CHECK(error_of([&] { read_epw(p2009); }) ==
        p2009.string() +
            ":2:48: DESIGN CONDITIONS Cooling field 3 (DB 0.4 %) = \"abc\": expected a number");
  fs::remove(p2009);
}

TEST_CASE("weather: a sub-hourly EPW is averaged to hours; DATA PERIODS is checked",
          "[weather][epw]") {
  if (!fs::exists(kSeoulEpw)) {
    WARN("skipped: " << kSeoulEpw << " not found");
    return;
  }
  const auto lines = read_lines(kSeoulEpw);
  const Weather ref = read_epw(kSeoulEpw);
  // 15-min file: every hourly record becomes 4 records (minute field 5 = 15, 30, 45, 60) whose
  // dry-bulb is the hour's value −0.3, −0.1, +0.1, +0.3 K and GHI ×0.5, ×1, ×1, ×1.5: the hour
  // means must be the original values exactly.
  std::vector<std::string> sub(lines.begin(), lines.begin() + 8);
  sub[7] = with_field(sub[7], 3, "4");
  const std::array<double, 4> offset = {-0.3, -0.1, 0.1, 0.3};
  const std::array<double, 4> scale = {0.5, 1.0, 1.0, 1.5};
  for (std::size_t i = 8; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(lines[i]);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    for (int r = 0; r < 4; ++r) {
      char db[32], ghi[32];
      std::snprintf(db, sizeof db, "%.2f", std::stod(f[6]) + offset[r]);
      std::snprintf(ghi, sizeof ghi, "%.2f", std::stod(f[13]) * scale[r]);
      sub.push_back(with_field(with_field(with_field(lines[i], 5, std::to_string(15 * (r + 1))),
                                          7, db),
                               14, ghi));
    }
  }
  const fs::path p = write_temp("sub15.epw", sub);
  const Weather w = read_epw(p);
  REQUIRE(w.size() == 8760);
  CHECK(w.timestep_s == 3600.0);
  for (std::size_t i = 0; i < w.size(); i += 97) {
    CHECK(w.dry_bulb_c[i] == Approx(ref.dry_bulb_c[i]).margin(1e-9));
    CHECK(w.ghi_w_m2[i] == Approx(ref.ghi_w_m2[i]).margin(1e-9));
    CHECK(w.month[i] == ref.month[i]);
  }
  // one record short: truncated, naming the line after the last record
  sub.pop_back();
  const fs::path short_path = write_temp("sub15_short.epw", sub);
  CHECK_THAT(error_of([&] { read_epw(short_path); }),
             Catch::Contains("sub-hourly records end at line " + std::to_string(sub.size()) +
                             ", expected 35040"));
  // records per hour that do not divide an hour
  auto bad = lines;
  bad[7] = with_field(bad[7], 3, "7");
  const fs::path bad_path = write_temp("dp7.epw", bad);
  CHECK(error_of([&] { read_epw(bad_path); }) ==
        bad_path.string() +
            ":8:16: DATA PERIODS records per hour = \"7\": expected a whole "
            "number that divides 60 (1, 2, 4, 6, 12, 60…), got 7");
}

TEST_CASE("weather: EPW extreme annual wet-bulb and 20-year dry-bulb, 2021 and 2009 layouts",
          "[weather][epw][design]") {
  const fs::path ulsan = fs::path(DCLOAD_EPW_DIR) / "KOR_Ulsan.epw";
  if (!fs::exists(ulsan)) {
    WARN("skipped: " << ulsan << " not present");
    return;
  }
  // Header line 2 of KOR_Ulsan.epw (Climate.OneBuilding TMYx, 2021 ASHRAE Handbook layout):
  // DESIGN CONDITIONS,1,2021 ASHRAE Handbook -- Fundamentals - Chapter 14 Climatic Design
  // Information,,Heating,1,-5.9,-4.3,-22.3,0.5,-1.8,-20.1,0.6,-0.5,8.1,-1.5,7.2,0.2,3.1,340,
  // 0.371,Cooling,8,6.4,33.2,25.0,31.9,24.7,30.6,24.2,26.4,30.4,25.8,29.6,25.2,29.1,3.3,140,
  // 25.4,20.6,28.3,24.7,19.8,28.0,24.1,19.0,27.7,82.5,30.5,80.0,29.6,77.5,29.1,28.6,Extremes,
  // 6.9,6.0,5.3,-8.7,35.1,2.2,1.4,-10.3,36.2,-11.5,37.0,-12.8,37.8,-14.3,38.9
  // Cooling fields (ASHRAE HoF 2021 ch. 14 Table 1 order): 3rd DB 0.4 % = 33.2, 9th WB 0.4 % =
  // 26.4, 10th its MCDB = 30.4; the 32nd, last of Cooling, is the extreme annual wet-bulb 28.6;
  // Extremes: wind 1/2.5/5 %, mean min/max DB, their standard deviations, then n = 5, 10, 20, 50
  // year min/max DB: the 13th field, n = 20 max, is 37.8.
  const Weather w = read_epw(ulsan);
  CHECK(w.design.from_header);
  CHECK(w.design.db_004_c == 33.2);
  CHECK(w.design.wb_004_c == 26.4);
  CHECK(w.design.mcdb_wb004_c == 30.4);
  CHECK(w.design.wb_extreme_c == 28.6);
  CHECK(w.design.db_n20_c == 37.8);
  CHECK(w.design.extremes_from == "EPW header");

  // The same records under a 2009-layout header (as the Climate.OneBuilding / EnergyPlus files
  // of the 2009 Handbook, e.g. CHN_Shaanxi.Xian.570360_CSWD.epw "…,730,Extremes,7.8,6.5,5.4,
  // 29.7,-9.9,38.4,2.5,1.6,-11.7,39.6,-13.2,40.6,-14.6,41.5,-16.5,42.6"): one Heating field
  // fewer, the 32nd Cooling field an hour count, and 16 Extremes fields with the extreme annual
  // wet-bulb 4th (index 3) and the n = 20 max dry-bulb 14th (index 13).
  auto lines = read_lines(ulsan);
  std::string l2 = lines[1];
  const std::size_t ext = l2.find(",Extremes,");
  REQUIRE(ext != std::string::npos);
  std::string head = l2.substr(0, ext);                // …,29.1,28.6
  head = head.substr(0, head.rfind(',')) + ",733";     // 32nd Cooling field: hours, not a WB
  const std::size_t h = head.find(",0.371,Cooling,");  // the 2021-only Heating field
  REQUIRE(h != std::string::npos);
  head.erase(h, 6);
  const std::string src2021 =
      "2021 ASHRAE Handbook -- Fundamentals - Chapter 14 Climatic Design Information";
  REQUIRE(head.find(src2021) != std::string::npos);
  head.replace(head.find(src2021), src2021.size(), "Climate Design Data 2009 ASHRAE Handbook");
  lines[1] = head + ",Extremes,6.9,6.0,5.3,28.9,-8.7,35.1,2.2,1.4,-10.3,36.2,-11.5,37.0,-12.8,"
                    "38.1,-14.3,38.9";
  REQUIRE(lines[1].find("Climate Design Data 2009 ASHRAE Handbook,,Heating,1,-5.9,") !=
          std::string::npos);
  const fs::path p = write_temp("ulsan_2009.epw", lines);
  const Weather old = read_epw(p);
  CHECK(old.design.from_header);
  CHECK(old.design.db_004_c == 33.2);
  CHECK(old.design.wb_004_c == 26.4);
  CHECK(old.design.mcdb_wb004_c == 30.4);
  CHECK(old.design.wb_extreme_c == 28.9);  // Extremes index 3, not the 32nd Cooling field
  CHECK(old.design.db_n20_c == 38.1);      // Extremes index 13, not the 2021 index 12
  CHECK(old.design.extremes_from == "EPW header");

  // An Extremes list of neither length: no extreme values (NaN, the design stage falls back
  // and says so), never a misread field.
  lines[1] = head + ",Extremes,6.9,6.0,5.3,-8.7,35.1";
  fs::remove(p);
  const fs::path q = write_temp("ulsan_short_extremes.epw", lines);
  const Weather none = read_epw(q);
  CHECK(none.design.from_header);
  CHECK(std::isnan(none.design.wb_extreme_c));
  CHECK(std::isnan(none.design.db_n20_c));
  CHECK(none.design.extremes_from.empty());
  fs::remove(q);
}

TEST_CASE("weather: the compiled station table holds exactly the climate catalog's values",
          "[weather][builtin]") {
  // engine/weather/gen_normals.cpp writes the catalog into a C++ table at build time; every
  // field a built-in year reads must equal what toml++ reads from the file, bit for bit.
  const toml::table root =
      toml::parse_file(std::string(DCLOAD_SOURCE_DIR) + "/configs/catalog/climate_normals.toml");
  const toml::array& stations = *root["station"].as_array();
  const auto table = dcload::detail::station_normals();
  REQUIRE(table.size() == stations.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const toml::table& t = *stations[i].as_table();
    const dcload::detail::StationNormals& s = table[i];
    INFO(s.name);
    CHECK(std::string(s.name) == *t["name"].value<std::string>());
    CHECK(s.lat_deg == *t["lat_deg"].value<double>());
    CHECK(s.lon_deg == *t["lon_deg"].value<double>());
    CHECK(s.elev_m == *t["elev_m"].value<double>());
    auto same = [](const toml::node_view<const toml::node>& a, const std::array<double, 12>& b) {
      for (std::size_t m = 0; m < 12; ++m)
        if (*a[m].value<double>() != b[m]) return false;
      return a.as_array()->size() == 12;
    };
    CHECK(same(t["tmax_mean_degC"], s.tmax_c));
    CHECK(same(t["tmin_mean_degC"], s.tmin_c));
    CHECK(same(t["tmean_degC"], s.tmean_c));
    CHECK(same(t["vapour_pressure_hPa"], s.vapour_hpa));
    CHECK(same(t["ghi_angstrom_derived_kWh_per_m2"], s.ghi_kwh_m2));
    CHECK(s.has_pressure == t.contains("station_pressure_derived_hPa"));
    if (s.has_pressure) CHECK(same(t["station_pressure_derived_hPa"], s.pressure_hpa));
    const bool wind = t["tmy"]["wind_speed_mean_m_per_s"].is_array();
    CHECK(s.has_wind == wind);
    if (wind) CHECK(same(t["tmy"]["wind_speed_mean_m_per_s"], s.wind_m_s));
  }
}
