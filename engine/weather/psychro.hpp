#pragma once
// Psychrometrics on plain doubles (°C, Pa, fractions) for the weather kernels. The public,
// unit-typed functions in include/dcload/weather.hpp are thin wrappers over these, so every
// formula lives once, in psychro.cpp. Sources: ASHRAE Handbook—Fundamentals 2017 (SI), ch. 1.
#include <span>

namespace dcload::weather_detail {

/// Saturation vapour pressure, Pa: over ice for t < 0 °C (eq. 5), over water otherwise (eq. 6).
double saturation_pressure_pa(double t_c);
/// Humidity ratio, kg/kg dry air, from vapour and total pressure, Pa (eq. 20).
double humidity_ratio(double vapour_pa, double total_pa);
/// Dew point, °C, from vapour pressure, Pa (Newton inversion of saturation_pressure_pa);
/// clamped to the −100…200 °C validity range of eq. 5–6.
double dew_point_c(double vapour_pa);
/// Thermodynamic wet-bulb, °C, from dry-bulb °C, relative humidity 0..1 and pressure Pa
/// (eq. 33 for t* ≥ 0 °C, eq. 35 below), solved by a bracketed secant (Illinois) iteration.
double wet_bulb_c(double dry_bulb_c, double relative_humidity, double pressure_pa);
/// Standard-atmosphere pressure, Pa, at an elevation, m (eq. 3).
double standard_pressure_pa(double elevation_m);

/// Humidity ratio, kg/kg, of air at dry-bulb t_c whose thermodynamic wet-bulb is t_star_c, at
/// total pressure p_pa: eq. 33 (t* ≥ 0 °C) / eq. 35 (t* < 0 °C), closed form.
double humidity_ratio_from_wet_bulb(double t_c, double t_star_c, double p_pa);
/// The same from the saturation humidity ratio at the wet-bulb, `ws_star` (eq. 23, e.g. from
/// saturated_state at t*), saving its exp and log: the identical value.
double humidity_ratio_from_wet_bulb_ws(double t_c, double t_star_c, double ws_star);
/// Moist-air specific enthalpy, J/kg dry air (eq. 30).
double enthalpy_j_kg(double t_c, double humidity_ratio);
/// Saturated moist-air enthalpy h, J/kg dry air (eq. 30 at the saturation humidity ratio of
/// eq. 23), and its exact derivative dh/dt, J/(kg·K), from d ln pws/dT of eq. 5–6 (for Newton
/// inversions: one exp and one log per evaluation).
void saturated_enthalpy_and_slope(double t_c, double p_pa, double& h, double& dh_dt);
/// The same, also giving the saturation humidity ratio ws, kg/kg.
void saturated_state(double t_c, double p_pa, double& h, double& dh_dt, double& ws);
/// Moist-air specific volume, m³/kg dry air (eq. 26).
double specific_volume_m3_kg(double t_c, double humidity_ratio, double p_pa);
/// Moist-air density, kg/m³ of moist air: (1 + W)/v (eq. 11 with eq. 26).
double density_kg_m3(double t_c, double humidity_ratio, double p_pa);

/// wet_bulb_c for whole series: out[i] = wet_bulb_c(dry_bulb_c[i], rh[i], pressure_pa[i]).
/// All spans must have the same length.
void wet_bulb_c(std::span<const double> dry_bulb_c, std::span<const double> relative_humidity,
                std::span<const double> pressure_pa, std::span<double> out);

}  // namespace dcload::weather_detail
