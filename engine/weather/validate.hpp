#pragma once
// Physical bounds of the weather quantities dcload reads (EPW, CSV) or is handed (a Weather
// built in code), and check_weather(), the check every reader ends with, so a reader and the
// check cannot disagree. Each bound's source is given here and in engine/weather/README.md
// ("Bounds").
#include <string>
#include <string_view>

#include "dcload/weather.hpp"

namespace dcload::detail {

/// An interval of a physical quantity, for range checks and the messages that report them.
struct Bound {
  const char* quantity;  ///< for messages: "temperature", "station pressure", ...
  double lo;             ///< lower end, in `unit`
  double hi;             ///< upper end, in `unit`
  bool lo_open;          ///< true: lo itself is outside ("above lo"), false: inside
  bool hi_open;          ///< true: hi itself is outside ("below hi"), false: inside
  const char* unit;      ///< display unit for messages ("°C", "%", "Pa", "W/m²", "m/s", "")
  const char* source;    ///< where the interval comes from, short, for messages
  /// True when v is inside; NaN and ±∞ never are (every bound is finite).
  constexpr bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
};

inline constexpr const char* kEpwDictionary = "EnergyPlus EPW data dictionary";
inline constexpr const char* kBsrnIrradiance =
    "minimum: EnergyPlus EPW data dictionary; maximum: BSRN physically possible limit, sun "
    "overhead";

// EnergyPlus Auxiliary Programs, ch. 2 "Weather Converter Program", section "EnergyPlus
// Weather File (EPW) Data Dictionary" (\minimum> / \maximum< are open ends):
//   N6, N7 dry-bulb and dew point: \minimum> -70 \maximum< 70 (°C); N8 relative humidity:
//   \minimum 0 \maximum 110 (%); N9 station pressure: \minimum> 31000 \maximum< 120000 (Pa;
//   "chosen from the standard barometric pressure for all elevations of the World");
//   N13–N15 irradiation: \minimum 0; N21 wind speed: \minimum 0 \maximum 40 (m/s);
//   LOCATION latitude −90…+90, longitude −180…+180, elevation −1000…<9999.9 m.
inline constexpr Bound kTemperatureBound{.quantity = "temperature",
                                         .lo = -70.0,
                                         .hi = 70.0,
                                         .lo_open = true,
                                         .hi_open = true,
                                         .unit = "°C",
                                         .source = kEpwDictionary};
inline constexpr Bound kEpwRelativeHumidityBound{.quantity = "relative humidity",
                                                 .lo = 0.0,
                                                 .hi = 110.0,
                                                 .lo_open = false,
                                                 .hi_open = false,
                                                 .unit = "%",
                                                 .source = kEpwDictionary};
inline constexpr Bound kPressureBound{.quantity = "station pressure",
                                      .lo = 31000.0,
                                      .hi = 120000.0,
                                      .lo_open = true,
                                      .hi_open = true,
                                      .unit = "Pa",
                                      .source = kEpwDictionary};
inline constexpr Bound kWindBound{.quantity = "wind speed",
                                  .lo = 0.0,
                                  .hi = 40.0,
                                  .lo_open = false,
                                  .hi_open = false,
                                  .unit = "m/s",
                                  .source = kEpwDictionary};
inline constexpr Bound kLatitudeBound{.quantity = "latitude",
                                      .lo = -90.0,
                                      .hi = 90.0,
                                      .lo_open = false,
                                      .hi_open = false,
                                      .unit = "°",
                                      .source = kEpwDictionary};
inline constexpr Bound kLongitudeBound{.quantity = "longitude",
                                       .lo = -180.0,
                                       .hi = 180.0,
                                       .lo_open = false,
                                       .hi_open = false,
                                       .unit = "°",
                                       .source = kEpwDictionary};
inline constexpr Bound kElevationBound{.quantity = "elevation",
                                       .lo = -1000.0,
                                       .hi = 9999.9,
                                       .lo_open = false,
                                       .hi_open = true,
                                       .unit = "m",
                                       .source = kEpwDictionary};
// The dictionary gives −12…+12 h; civil time zones in use reach UTC+14 (Line Islands, IANA
// time zone database Pacific/Kiritimati), so the upper end is +14 here.
inline constexpr Bound kTimeZoneBound{.quantity = "time zone",
                                      .lo = -12.0,
                                      .hi = 14.0,
                                      .lo_open = false,
                                      .hi_open = false,
                                      .unit = "h",
                                      .source = "UTC-12 to UTC+14, the civil time zones in use"};
// The CSV format takes relative humidity in % up to 105 (read as 100): the limit it had before
// these bounds, kept so no CSV that read before stops reading.
inline constexpr Bound kCsvRelativeHumidityBound{
    .quantity = "relative humidity",
    .lo = 0.0,
    .hi = 105.0,
    .lo_open = false,
    .hi_open = false,
    .unit = "%",
    .source = "dcload weather CSV format; above 100 % is read as 100 %"};
// Weather::relative_humidity is a fraction; the readers clamp to 1.
inline constexpr Bound kRelativeHumidityFractionBound{.quantity = "relative humidity",
                                                      .lo = 0.0,
                                                      .hi = 1.0,
                                                      .lo_open = false,
                                                      .hi_open = false,
                                                      .unit = "",
                                                      .source = "a fraction"};

// Irradiance maxima: the BSRN "physically possible limits" (Long & Shi 2008, The Open
// Atmospheric Science Journal 2:23–37, doi:10.2174/1874282300802010023; BSRN recommended QC
// tests V2.0): GHI ≤ 1.5·Sa·μ0^1.2 + 100, DNI ≤ Sa, DHI ≤ 0.95·Sa·μ0^1.2 + 50 W/m², Sa the
// solar constant at the day's Earth–Sun distance, μ0 the cosine of the solar zenith angle.
// Taken at their largest, sun overhead (μ0 = 1) at perihelion: Sa = 1367 W/m² (the World
// Radiation Centre solar constant of Iqbal 1983; above the 1361 W/m² of Kopp & Lean 2011 that
// builtin.cpp uses, so the bound errs towards accepting) × 1.0351 (the early-January maximum of
// Spencer's 1971 eccentricity series, 1.03507) = 1415.0 W/m²; the maxima below are those
// values rounded up to whole W/m². Those limits are made for 1-min records, so they
// hold for any sub-hourly EPW; hourly means stay far below (the Korean TMYx years of
// Climate.OneBuilding peak at GHI 1017, DNI 934, DHI 540 W/m²). An EPW value is Wh/m² over the
// record's interval, i.e. its mean W/m², and is checked against the same numbers.
inline constexpr double kSolarNormalMax_w_m2 = 1367.0 * 1.0351;
inline constexpr Bound kGhiBound{.quantity = "irradiance",
                                 .lo = 0.0,
                                 .hi = 2223.0,
                                 .lo_open = false,
                                 .hi_open = false,
                                 .unit = "W/m²",
                                 .source = kBsrnIrradiance};
inline constexpr Bound kDniBound{.quantity = "irradiance",
                                 .lo = 0.0,
                                 .hi = 1415.0,
                                 .lo_open = false,
                                 .hi_open = false,
                                 .unit = "W/m²",
                                 .source = kBsrnIrradiance};
inline constexpr Bound kDhiBound{.quantity = "irradiance",
                                 .lo = 0.0,
                                 .hi = 1395.0,
                                 .lo_open = false,
                                 .hi_open = false,
                                 .unit = "W/m²",
                                 .source = kBsrnIrradiance};
static_assert(kGhiBound.hi >= 1.5 * kSolarNormalMax_w_m2 + 100.0);
static_assert(kDniBound.hi >= kSolarNormalMax_w_m2);
static_assert(kDhiBound.hi >= 0.95 * kSolarNormalMax_w_m2 + 50.0);

/// A dew point above the dry-bulb is read as the dry-bulb (with a warning) while the relative
/// humidity it implies, p_ws(dew point)/p_ws(dry-bulb), is at most this: the 110 % the EPW data
/// dictionary itself accepts for relative humidity. Above it the record contradicts the
/// format's own bounds (swapped columns, a unit slip) and is an error.
inline constexpr double kMaxImpliedRelativeHumidity = 1.10;
/// A wet-bulb handed in code may exceed the dry-bulb by this much, K: half the 0.1 K to which
/// weather files state temperatures (the readers compute wet-bulb ≤ dry-bulb exactly).
inline constexpr double kWetBulbAboveDryTolerance_k = 0.05;

/// "a finite temperature above -70 and below 70 °C (EnergyPlus EPW data dictionary; NOTE)".
std::string expected_text(const Bound& b, std::string_view note = {});

/// The message for a value read from a file: `NAME = "TEXT": expected a finite … (SOURCE;
/// NOTE), got V UNIT` (`got -inf`, `got nan` for non-finite values).
std::string bound_message(std::string_view name, std::string_view text, const Bound& b, double v,
                          std::string_view note = {});

/// Where a dew point stands against its dry-bulb (both inside kTemperatureBound).
enum class DewPointCheck {
  kOk,     ///< at most the dry-bulb
  kClip,   ///< above it, implied relative humidity ≤ kMaxImpliedRelativeHumidity
  kError,  ///< above that
};
DewPointCheck check_dew_point_above(double dry_bulb_c, double dew_point_c);
inline DewPointCheck check_dew_point(double dry_bulb_c, double dew_point_c) {
  return dew_point_c <= dry_bulb_c ? DewPointCheck::kOk
                                   : check_dew_point_above(dry_bulb_c, dew_point_c);
}
/// Message for DewPointCheck::kError: `LHS: expected a dew point …, got …`, LHS the value as
/// the reader names it (`dew-point = "25.0"`).
std::string dew_point_message(std::string_view lhs, double dry_bulb_c, double dew_point_c);

/// The warning a reader adds for the dew points it read as the dry-bulb: `FILE:LINE:
/// dew-point: N records above the dry-bulb (by at most X K, …) read as the dry-bulb`, LINE the
/// first such record.
std::string dew_point_clip_warning(const std::string& file, int first_line, std::size_t count,
                                   double max_excess_k);

/// True when the water vapour of air at dry-bulb t_c and relative humidity rh (0..1) would
/// reach the total pressure p_pa (the air would boil: no humidity ratio, no wet-bulb). Inside
/// the bounds above this needs t > 69 °C and p < 31.2 kPa, so it costs one compare per value.
bool vapour_reaches_pressure_hot(double t_c, double rh, double p_pa);
inline bool vapour_reaches_pressure(double t_c, double rh, double p_pa) {
  // p_ws(69 °C) = 29.9 kPa is below the 31 kPa lower end of kPressureBound.
  return t_c > 69.0 && vapour_reaches_pressure_hot(t_c, rh, p_pa);
}

/// Check a weather series before a run, whoever made it (a reader, the built-in generator, a
/// library user filling a Weather by hand): every series as long as dry_bulb_c and not empty;
/// every value finite and inside the bounds above (relative humidity as a fraction 0..1);
/// dew point against dry-bulb as check_dew_point (kError only), wet-bulb at most the dry-bulb
/// + kWetBulbAboveDryTolerance_k; vapour below the station pressure; months 1..12 and
/// non-decreasing; timestep_s finite and > 0; location and design conditions in bounds.
/// Throws ConfigError with `where` as the file and the step index in the message, e.g.
/// `weather (built in code): step 4711: dry_bulb_c = -inf: expected a finite temperature above
/// -70 and below 70 °C (EnergyPlus EPW data dictionary)`. O(steps), no allocation unless it
/// throws.
void check_weather(const Weather& w, const std::string& where);

}  // namespace dcload::detail
