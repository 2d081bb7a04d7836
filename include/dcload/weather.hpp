#pragma once
/// \file weather.hpp
/// Weather for a run: a typical year of hourly (or resampled) outdoor conditions, read from an
/// EPW file, a CSV file, or synthesized for a built-in Korean station from its 1991–2020 normals;
/// plus the ASHRAE psychrometric functions the cooling stage relies on.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "dcload/units.hpp"

namespace dcload {

/// Cooling design conditions, ASHRAE Handbook—Fundamentals ch. 14 definitions: the dry-bulb
/// exceeded in 0.4 % / 1 % of the hours of a year with its mean coincident wet-bulb, and the
/// wet-bulb exceeded in 0.4 % / 1 % of the hours with its mean coincident dry-bulb; and the
/// extreme annual values: the extreme annual wet-bulb and the 20-year return-period dry-bulb.
/// NaN marks a value the source does not give.
struct DesignConditions {
  double db_004_c = 0;    ///< 0.4 % dry-bulb, °C
  double mcwb_004_c = 0;  ///< mean coincident wet-bulb at db_004, °C
  double db_010_c = 0;    ///< 1 % dry-bulb, °C
  double mcwb_010_c = 0;  ///< mean coincident wet-bulb at db_010, °C
  double wb_004_c = 0;    ///< 0.4 % wet-bulb, °C
  double wb_010_c = 0;    ///< 1 % wet-bulb, °C
  double mcdb_wb004_c = std::numeric_limits<double>::quiet_NaN();  ///< mean coincident dry-bulb at wb_004
  double wb_extreme_c = std::numeric_limits<double>::quiet_NaN();  ///< extreme annual wet-bulb
  double db_n20_c = std::numeric_limits<double>::quiet_NaN();      ///< 20-year return-period max dry-bulb
  bool from_header = false;  ///< true: read from an EPW DESIGN CONDITIONS line; false: computed
  /// Where the extreme values come from ("EPW header", "ASHRAE 2021 (station)", ...; "" none).
  std::string extremes_from;
};

/// Outdoor conditions, one value per time step, all series the same length.
/// Step k covers [k·timestep_s, (k+1)·timestep_s) seconds after 1 January 00:00 local standard
/// time of a non-leap typical year (EPW hour 1 = the hour ending 01:00).
struct Weather {
  std::string source;        ///< what was asked for: "builtin:ulsan" or the file path
  std::string location;      ///< station or city name
  double latitude_deg = 0;   ///< north positive
  double longitude_deg = 0;  ///< east positive
  double timezone_h = 0;     ///< hours from UTC of local standard time
  double elevation_m = 0;    ///< station elevation, m above sea level
  double timestep_s = 3600;  ///< length of one step, s
  /// Start of step 0, s after 1 January 00:00 local standard time (0 for a whole year; the
  /// start of a window or of a block of a run otherwise).
  double start_s = 0;

  std::vector<int> month;                ///< 1..12, calendar month of each step
  std::vector<double> dry_bulb_c;        ///< dry-bulb temperature, °C
  std::vector<double> dew_point_c;       ///< dew-point temperature, °C
  std::vector<double> relative_humidity; ///< relative humidity, fraction 0..1
  std::vector<double> pressure_pa;       ///< station pressure, Pa
  std::vector<double> wet_bulb_c;        ///< thermodynamic wet-bulb, °C (ASHRAE, computed)
  std::vector<double> ghi_w_m2;          ///< global horizontal irradiance, W/m² (step mean)
  std::vector<double> dni_w_m2;          ///< direct normal irradiance, W/m²
  std::vector<double> dhi_w_m2;          ///< diffuse horizontal irradiance, W/m²
  std::vector<double> wind_m_s;          ///< wind speed at 10 m, m/s

  /// Design conditions: from the EPW header when it has them, else computed from the series
  /// (see design_conditions()).
  DesignConditions design;

  /// Notes on repaired input (e.g. "FILE:LINE: dry-bulb: 3 records with the EPW missing-value
  /// code interpolated"); empty for clean files. `dcload weather` prints them to stderr.
  std::vector<std::string> warnings;

  /// Number of steps.
  std::size_t size() const { return dry_bulb_c.size(); }
};

/// Design conditions computed from a series: the 0.4 % and 1 % dry-bulb and wet-bulb (values
/// exceeded by that share of the steps) and the mean wet-bulb of the steps within ±0.5 K of each
/// design dry-bulb (ASHRAE HoF ch. 14 "mean coincident wet-bulb").
DesignConditions design_conditions(const Weather& w);

/// Load weather from a source string:
///  - `builtin:NAME` (lower case station name, e.g. `builtin:ulsan`) synthesizes a typical year
///    from the station's 1991–2020 normals shipped in configs/catalog/climate_normals.toml;
///  - a path ending in `.epw` (EnergyPlus weather) or `.csv` (documented columns, see README),
///    relative paths resolved against `base_dir` (the site file's folder).
/// Throws ConfigError naming the file and line for a missing, truncated or malformed file, or an
/// unknown built-in station (with the list of known ones).
///  - a bare station name (`ulsan`, any case) that is not an existing file means `builtin:ulsan`.
/// `seed` selects the day-to-day weather of a built-in year (deterministic for a seed).
Weather load_weather(const std::string& source, const std::filesystem::path& base_dir = {},
                     std::uint64_t seed = 1);

/// Read an EPW file (EnergyPlus/Climate.OneBuilding format). Throws ConfigError on error.
Weather read_epw(const std::filesystem::path& path);

/// Synthesize the typical hourly year for a built-in station (lower-case name): normals plus a
/// calibrated day-to-day weather generator driven by `seed` (method in engine/weather/README.md).
/// Throws ConfigError for an unknown station.
Weather synthesize_builtin(const std::string& station, std::uint64_t seed = 1);

/// Names of the built-in stations (lower case).
std::vector<std::string> builtin_stations();

/// Why `load_weather(source, base_dir)` could not even start — an unknown built-in station (with
/// the closest name), a file that does not exist or is not a regular file, an extension that is
/// neither .epw nor .csv — or "" when it can. Does not read the file (the site reader calls it so
/// the error names the site file's `weather` line; the records are checked when read).
std::string weather_source_problem(const std::string& source,
                                   const std::filesystem::path& base_dir = {});

/// Resample hourly weather to a step that divides one hour (e.g. 900 s, 60 s, 1 s):
/// temperatures, humidity, pressure and wind are interpolated linearly between hour midpoints;
/// irradiance is held over the hour so hourly energy is preserved. Throws ConfigError when
/// the step does not divide 3600 s or is below 1 ms.
Weather resample(const Weather& hourly, Duration timestep);

// ---- psychrometrics (ASHRAE Handbook—Fundamentals 2017, ch. 1) ---------------------------

/// Saturation vapour pressure over liquid water (t ≥ 0 °C) or ice (t < 0 °C), Hyland–Wexler
/// (ASHRAE HoF 2017 ch.1 eq. 5 and 6); valid −100…+200 °C.
Pressure saturation_pressure(Temperature t);
/// Humidity ratio (kg water / kg dry air) from vapour pressure and total pressure (eq. 20).
double humidity_ratio_from_vapour_pressure(Pressure vapour, Pressure total);
/// Dew point from vapour pressure (inverse of saturation_pressure, by Newton iteration).
Temperature dew_point_from_vapour_pressure(Pressure vapour);
/// Thermodynamic wet-bulb temperature from dry-bulb, relative humidity (0..1) and pressure,
/// solved by iteration of eq. 33 (above freezing) / eq. 35 (below).
Temperature wet_bulb(Temperature dry_bulb, double relative_humidity, Pressure pressure);
/// Standard-atmosphere pressure at an elevation (ASHRAE HoF 2017 ch.1 eq. 3).
Pressure standard_pressure(Length elevation);
/// Moist-air specific enthalpy, J per kg of dry air, from dry-bulb and humidity ratio (eq. 30).
double moist_air_enthalpy_j_per_kg(Temperature dry_bulb, double humidity_ratio);
/// Moist-air specific volume, m³ per kg of dry air (eq. 26).
double moist_air_specific_volume_m3_per_kg(Temperature dry_bulb, double humidity_ratio,
                                           Pressure pressure);
/// Moist-air density, kg of moist air per m³: (1 + W)/v (eq. 11).
double moist_air_density_kg_per_m3(Temperature dry_bulb, double humidity_ratio,
                                   Pressure pressure);
/// Relative humidity (0..1) from dry-bulb and dew point: p_ws(t_dew)/p_ws(t_db) (eq. 22 with
/// p_w = p_ws(t_dew), eq. 37).
double relative_humidity_from_dew_point(Temperature dry_bulb, Temperature dew_point);

}  // namespace dcload
