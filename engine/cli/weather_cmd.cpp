// `dcload weather` and `dcload psychro` (see weather_cmd.hpp and README "Using the command").
#include "cli/weather_cmd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "config/quantity.hpp"
#include "output/json_text.hpp"
#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "weather/psychro.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kWeatherHelp = R"(Usage: dcload weather SOURCE [--json]

SOURCE: builtin:NAME, a bare station name (e.g. ulsan), or a path to an EPW or CSV file.
Prints the monthly means (dry-bulb, wet-bulb, dew point, RH, GHI sum, wind), the annual
extremes, the cooling design conditions (from the EPW DESIGN CONDITIONS line when present,
otherwise computed from the series), the extreme annual wet-bulb and 20-year dry-bulb (EPW
header, or the ASHRAE 2021 station values of a built-in year) and the hours with wet-bulb above
10/15/20/25 °C.
  --json     the same as JSON (keys: monthly, annual, design, hours_wb_above)
  --seed N   day-to-day weather of a built-in year (default 1)
)";

constexpr const char* kPsychroHelp =
    R"(Usage: dcload psychro --dry-bulb T --rh RH [--pressure P | --elevation Z] [--json]

Moist-air state after ASHRAE Handbook—Fundamentals 2017 ch. 1, e.g.
  dcload psychro --dry-bulb "30 °C" --rh "50 %" --elevation "35 m"
Pressure defaults to the standard atmosphere at sea level (101.325 kPa); --elevation uses the
standard atmosphere at that height. Valid for dry-bulb −40…+60 °C.
  --json     print the values as one JSON object
)";

constexpr std::array<double, 4> kWetBulbThresholds_c = {10.0, 15.0, 20.0, 25.0};

using detail::json_string;
// The shortest round-trip text (`decimals` is how many the terminal table shows; the JSON
// carries the value itself, as every JSON number of dcload).
std::string num(double v, int /*decimals*/) { return detail::json_number(v); }

double parse(const std::string& option, const std::string& text, detail::Dimension dim) {
  try {
    return detail::parse_quantity(text, dim).value_si;
  } catch (const detail::QuantityError& e) {
    throw ConfigError("", 0, 0, option, option + " = \"" + text + "\": " + e.what());
  }
}

}  // namespace

int cmd_weather(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {"--seed"});
  if (a.flag("--help")) {
    std::cout << kWeatherHelp;
    return 0;
  }
  if (a.positional.size() != 1)
    throw UsageError("weather takes one SOURCE (see dcload weather --help)");
  std::uint64_t seed = 1;
  if (const std::string s = a.value("--seed"); !s.empty()) {
    std::size_t used = 0;
    try {
      seed = std::stoull(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size() || s[0] == '-')
      throw UsageError("--seed \"" + s + "\": expected a non-negative integer");
  }
  const Weather w = load_weather(a.positional[0], {}, seed);
  for (const auto& warning : w.warnings) std::cerr << "warning: " << warning << '\n';
  const double step_h = w.timestep_s / 3600.0;

  struct Month {
    double db = 0, wb = 0, dp = 0, rh = 0, ghi_wh = 0, wind = 0;
    int n = 0;
  };
  std::array<Month, 12> months{};
  std::array<double, 4> hours_above{};
  double db_max = -1e300, db_min = 1e300, wb_max = -1e300, dp_max = -1e300;
  for (std::size_t i = 0; i < w.size(); ++i) {
    Month& m = months[static_cast<std::size_t>(w.month[i] - 1)];
    m.db += w.dry_bulb_c[i];
    m.wb += w.wet_bulb_c[i];
    m.dp += w.dew_point_c[i];
    m.rh += w.relative_humidity[i];
    m.ghi_wh += w.ghi_w_m2[i] * step_h;
    m.wind += w.wind_m_s[i];
    ++m.n;
    db_max = std::max(db_max, w.dry_bulb_c[i]);
    db_min = std::min(db_min, w.dry_bulb_c[i]);
    wb_max = std::max(wb_max, w.wet_bulb_c[i]);
    dp_max = std::max(dp_max, w.dew_point_c[i]);
    for (std::size_t k = 0; k < kWetBulbThresholds_c.size(); ++k)
      if (w.wet_bulb_c[i] > kWetBulbThresholds_c[k]) hours_above[k] += step_h;
  }
  const DesignConditions& d = w.design;
  const char* design_from = d.from_header ? "file header" : "computed from the series";

  if (a.flag("--json")) {
    std::string o = "{\n";
    o += "  \"source\": " + json_string(w.source) + ",\n";
    o += "  \"location\": " + json_string(w.location) + ",\n";
    o += "  \"latitude_deg\": " + num(w.latitude_deg, 4) + ",\n";
    o += "  \"longitude_deg\": " + num(w.longitude_deg, 4) + ",\n";
    o += "  \"elevation_m\": " + num(w.elevation_m, 1) + ",\n";
    o += "  \"timestep_s\": " + num(w.timestep_s, 3) + ",\n";
    o += "  \"monthly\": [\n";
    for (std::size_t m = 0; m < 12; ++m) {
      const Month& x = months[m];
      const double n = x.n > 0 ? x.n : std::nan("");
      o += "    {\"month\": " + std::to_string(m + 1) + ", \"dry_bulb_c\": " + num(x.db / n, 2) +
           ", \"wet_bulb_c\": " + num(x.wb / n, 2) + ", \"dew_point_c\": " + num(x.dp / n, 2) +
           ", \"rh_pct\": " + num(100.0 * x.rh / n, 1) +
           ", \"ghi_kwh_m2\": " + num(x.ghi_wh / 1000.0, 1) +
           ", \"wind_m_s\": " + num(x.wind / n, 2) + "}" + (m < 11 ? ",\n" : "\n");
    }
    o += "  ],\n";
    o += "  \"annual\": {\"dry_bulb_max_c\": " + num(db_max, 2) + ", \"dry_bulb_min_c\": " +
         num(db_min, 2) + ", \"wet_bulb_max_c\": " + num(wb_max, 2) +
         ", \"dew_point_max_c\": " + num(dp_max, 2) + "},\n";
    o += "  \"design\": {\"db_004_c\": " + num(d.db_004_c, 2) + ", \"mcwb_004_c\": " +
         num(d.mcwb_004_c, 2) + ", \"db_010_c\": " + num(d.db_010_c, 2) +
         ", \"mcwb_010_c\": " + num(d.mcwb_010_c, 2) + ", \"wb_004_c\": " + num(d.wb_004_c, 2) +
         ", \"wb_010_c\": " + num(d.wb_010_c, 2) + ", \"mcdb_wb004_c\": " +
         num(d.mcdb_wb004_c, 2) + ", \"wb_extreme_c\": " + num(d.wb_extreme_c, 2) +
         ", \"db_n20_c\": " + num(d.db_n20_c, 2) + ", \"from\": " +
         json_string(d.from_header ? "header" : "computed") + ", \"extremes_from\": " +
         (d.extremes_from.empty() ? std::string("null") : json_string(d.extremes_from)) + "},\n";
    o += "  \"hours_wb_above\": {";
    for (std::size_t k = 0; k < kWetBulbThresholds_c.size(); ++k)
    {
      o += '"';
      o += num(kWetBulbThresholds_c[k], 0);
      o += "\": ";
      o += num(hours_above[k], 2);
      if (k + 1 < kWetBulbThresholds_c.size()) o += ", ";
    }
    o += "}\n}\n";
    std::cout << o;
    return 0;
  }

  std::printf("%s — %s (%.4f°N, %.4f°E, %.0f m), %zu steps of %g s\n\n", w.source.c_str(),
              w.location.c_str(), w.latitude_deg, w.longitude_deg, w.elevation_m, w.size(),
              w.timestep_s);
  std::printf("month  dry-bulb °C  wet-bulb °C  dew point °C  RH %%   GHI kWh/m²  wind m/s\n");
  for (std::size_t m = 0; m < 12; ++m) {
    const Month& x = months[m];
    const double n = x.n > 0 ? x.n : std::nan("");
    std::printf("%5zu  %11.2f  %11.2f  %12.2f  %5.1f  %10.1f  %8.2f\n", m + 1, x.db / n, x.wb / n,
                x.dp / n, 100.0 * x.rh / n, x.ghi_wh / 1000.0, x.wind / n);
  }
  std::printf("\nannual: dry-bulb %.1f … %.1f °C, max wet-bulb %.1f °C, max dew point %.1f °C\n",
              db_min, db_max, wb_max, dp_max);
  std::printf("design (%s): 0.4 %% DB %.1f °C / MCWB %.1f °C, 1 %% DB %.1f °C / MCWB %.1f °C, "
              "0.4 %% WB %.1f °C, 1 %% WB %.1f °C\n",
              design_from, d.db_004_c, d.mcwb_004_c, d.db_010_c, d.mcwb_010_c, d.wb_004_c,
              d.wb_010_c);
  if (d.extremes_from.empty())
    std::printf("extreme annual: none in the source (design basis ashrae_n_year_20 falls back to "
                "the year's highest hours)\n");
  else
    std::printf("extreme annual (%s): wet-bulb %.1f °C, 20-year dry-bulb %.1f °C\n",
                d.extremes_from.c_str(), d.wb_extreme_c, d.db_n20_c);
  std::printf("hours with wet-bulb above 10/15/20/25 °C: %.0f / %.0f / %.0f / %.0f\n",
              hours_above[0], hours_above[1], hours_above[2], hours_above[3]);
  return 0;
}

int cmd_psychro(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"},
                            {"--dry-bulb", "--rh", "--pressure", "--elevation"});
  if (a.flag("--help")) {
    std::cout << kPsychroHelp;
    return 0;
  }
  if (!a.positional.empty()) throw UsageError("psychro takes no positional arguments");
  const std::string db_text = a.value("--dry-bulb"), rh_text = a.value("--rh");
  if (db_text.empty() || rh_text.empty())
    throw UsageError("psychro needs --dry-bulb and --rh, e.g. --dry-bulb \"30 °C\" --rh \"50 %\"");
  const std::string p_text = a.value("--pressure"), z_text = a.value("--elevation");
  if (!p_text.empty() && !z_text.empty())
    throw UsageError("give --pressure or --elevation, not both");

  const double t_c = parse("--dry-bulb", db_text, detail::Dimension::kTemperature) - 273.15;
  if (!(t_c >= -40.0 && t_c <= 60.0))
    throw ConfigError("", 0, 0, "--dry-bulb",
                      "--dry-bulb = \"" + db_text + "\": expected −40 … 60 °C, given " +
                          num(t_c, 2) + " °C");
  const double rh = parse("--rh", rh_text, detail::Dimension::kFraction);
  if (!(rh >= 0.0 && rh <= 1.0))
    throw ConfigError("", 0, 0, "--rh",
                      "--rh = \"" + rh_text + "\": expected 0 … 100 %, given " +
                          num(100.0 * rh, 2) + " %");
  double p_pa = 101325.0;  // standard atmosphere at sea level, ASHRAE HoF 2017 ch. 1 Table 1
  if (!p_text.empty()) p_pa = parse("--pressure", p_text, detail::Dimension::kPressure);
  if (!z_text.empty()) {
    const double z_m = parse("--elevation", z_text, detail::Dimension::kLength);
    if (!(z_m >= -500.0 && z_m <= 11000.0))  // eq. 3 holds in the troposphere (≤ 11 km)
      throw ConfigError("", 0, 0, "--elevation",
                        "--elevation = \"" + z_text + "\": expected −500 … 11000 m, given " +
                            num(z_m, 1) + " m");
    p_pa = weather_detail::standard_pressure_pa(z_m);
  }
  const double pws = weather_detail::saturation_pressure_pa(t_c);
  if (!(p_pa > 2.0 * pws && p_pa <= 2e5))
    throw ConfigError("", 0, 0, "--pressure",
                      "--pressure = \"" + p_text + "\": expected more than twice the saturation "
                      "pressure (" + num(pws / 1000.0, 3) + " kPa) and at most 200 kPa, given " +
                          num(p_pa / 1000.0, 3) + " kPa");
  const double pw = rh * pws;
  const double w = weather_detail::humidity_ratio(pw, p_pa);
  const double dew = weather_detail::dew_point_c(pw);
  const double wb = weather_detail::wet_bulb_c(t_c, rh, p_pa);
  const double h = weather_detail::enthalpy_j_kg(t_c, w);
  const double rho = weather_detail::density_kg_m3(t_c, w, p_pa);

  // Each value with the decimals the terminal shows; the JSON carries the value itself.
  struct Row {
    const char* key;
    double value;
    int decimals;
  };
  const std::array<Row, 9> rows = {{
      {"dry_bulb_c", t_c, 2},
      {"rh_pct", 100.0 * rh, 2},
      {"pressure_kpa", p_pa / 1000.0, 3},
      {"dew_point_c", rh > 0.0 ? dew : std::nan(""), 2},
      {"wet_bulb_c", wb, 2},
      {"humidity_ratio_kg_kg", w, 6},
      {"enthalpy_kj_kg", h / 1000.0, 3},
      {"density_kg_m3", rho, 4},
      {"saturation_pressure_pa", pws, 1},
  }};
  if (a.flag("--json")) {
    std::string o = "{";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i) o += ", ";
      o += '"';
      o += rows[i].key;
      o += "\": ";
      o += detail::json_number(rows[i].value);
    }
    std::cout << o << "}\n";
  } else {
    for (const Row& r : rows) {
      if (std::isfinite(r.value)) std::printf("%-24s %.*f\n", r.key, r.decimals, r.value);
      else std::printf("%-24s —\n", r.key);
    }
  }
  return 0;
}

}  // namespace dcload::cli
