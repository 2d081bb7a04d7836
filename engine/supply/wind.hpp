#pragma once
// Wind farm output from a weather series (engine/supply). Kernels over SI doubles: one call per
// run fills a series; nothing is allocated per step.
//
// Chain per step (each stage sourced in wind.cpp):
//   wind at the measurement height → hub height by the power law (shear exponent α)
//   → optional rescaling of the series to a target hub-height mean
//   → air-density normalisation v_n = v·(ρ/ρ_ref)^(1/3) with ρ from station pressure, dry-bulb
//     and humidity (IEC 61400-12-1 data normalisation for pitch-regulated turbines)
//   → power curve (piecewise linear, zero below cut-in and above cut-out)
//   → × capacity × availability × (1 − wake loss) × (1 − electrical loss).
// The power curve is applied to each step's speed: on hourly data with realistic variability
// that is what SAM and REopt do. The built-in typical years carry hourly variability for that
// reason (engine/weather/builtin.cpp).

#include <string>
#include <vector>

#include "dcload/weather.hpp"

namespace dcload::detail {

/// Net power of one turbine as a fraction of its rating against hub-height wind speed at the
/// standard air density ρ_ref = 1.225 kg/m³ (the density of published power curves).
struct PowerCurve {
  std::vector<double> speed_m_s;  ///< strictly increasing
  std::vector<double> fraction;   ///< 0..1, same length
  double cut_in = 0;              ///< m/s; output 0 below
  double cut_out = 25;            ///< m/s; output 0 above
};

/// A wind farm of identical turbines. Defaults: 10 m measurement height (WMO anemometer height,
/// the EPW wind field); α = 1/7 (the classic open-terrain power law, Peterson & Hennessey 1978,
/// J. Appl. Meteorol. 17:390). assumption: 97 % availability, 10 % wake and 2 % electrical loss
/// as round generic values for direct callers; site files take the sourced per-type values of
/// configs/catalog/supply.toml (onshore 94.5 % / 8 % / 2 %, offshore 99 % / 12 % / 3 %).
struct WindFarm {
  double capacity_w = 0;              ///< nameplate of the farm, W
  double hub_height_m = 100;          ///< m above ground (or sea)
  double measurement_height_m = 10;   ///< height of the weather's wind speed, m
  double shear_exponent = 1.0 / 7;    ///< power-law α
  double availability = 0.97;         ///< share of time turbines can run
  double wake_loss = 0.1;             ///< array wake loss, fraction of energy
  double electrical_loss = 0.02;      ///< collection and export losses, fraction
  double mean_speed_hub_m_s = 0;      ///< 0 = don't rescale; > 0: hub-height mean to rescale to
  /// Mean measured (10 m) speed of the whole weather year the rescaling refers to (0: the mean
  /// of the weather passed to wind_power; a block or window of a year needs the year's).
  double measured_mean_m_s = 0;
  PowerCurve curve;
};

/// Problems with a WindFarm (empty when valid), e.g. "power curve speeds must increase".
std::vector<std::string> validate(const WindFarm& farm);

/// Standard air density of power curves, kg/m³ (IEC 61400-12-1 reference density; ISO 2533 sea level).
inline constexpr double kReferenceAirDensity = 1.225;

/// Density of moist air, kg/m³, from station pressure (Pa), dry-bulb (°C) and relative humidity
/// (0..1): the moist-air formula of IEC 61400-12-1 (data normalisation). Exposed for the tests.
double air_density_kg_m3(double pressure_pa, double dry_bulb_c, double relative_humidity);

/// Power-curve fraction at a (density-normalised) hub-height speed: linear between points,
/// 0 below cut-in, below the first point or above cut-out, the last value beyond the last point.
double power_fraction(const PowerCurve& curve, double speed_m_s);

/// Mean of the weather's wind speed at its measurement height (negative values as 0), m/s; the
/// base of the `mean_speed_hub_m_s` rescaling. 0 for an empty weather.
double mean_measured_wind_m_s(const Weather& w);

/// Fill out_w (resized to weather steps) with AC power delivered, W.
void wind_power(const WindFarm& farm, const Weather& w, std::vector<double>& out_w);

}  // namespace dcload::detail
