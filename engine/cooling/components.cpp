// Cooling-plant components (see components.hpp for the sources of each model).
#include "cooling/components.hpp"

#include <algorithm>
#include <cmath>

#include "weather/psychro.hpp"

namespace dcload::detail {

double pump_power_w(double heat_w, double delta_t_k, double head_pa, double efficiency) {
  return heat_w / (kWaterRho * kWaterCp * delta_t_k) * head_pa / efficiency;
}

double supply_air_density(double supply_air_c, double pressure_pa) {
  return 1.293 * (pressure_pa / 101325.0) * 273.15 / (273.15 + supply_air_c);
}

double crah_fan_power_w(double heat_w, double air_density, double delta_t_k,
                        double fan_pressure_pa, double efficiency) {
  return heat_w / (air_density * kAirCp * delta_t_k) * fan_pressure_pa / efficiency;
}

double affinity_fan_power_w(double design_w, double speed, double min_speed, bool running) {
  if (!running) return 0.0;
  const double s = std::max(speed, min_speed);
  return design_w * s * s * s;
}

double saturated_enthalpy_j_kg(double t_c, double pressure_pa) {
  const double ps = weather_detail::saturation_pressure_pa(t_c);
  const double ws = weather_detail::humidity_ratio(ps, pressure_pa);
  return weather_detail::enthalpy_j_kg(t_c, ws);
}

double saturation_temperature_from_enthalpy(double h_j_kg, double pressure_pa) {
  double lo = -40.0, hi = 100.0;
  // h_sat rises monotonically with t; bisection to 1e-6 K (≈ 28 halvings of 140 K).
  for (int i = 0; i < 60 && hi - lo > 1e-6; ++i) {
    const double mid = 0.5 * (lo + hi);
    (saturated_enthalpy_j_kg(mid, pressure_pa) < h_j_kg ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

TowerEvaporation tower_evaporation(double heat_w, double air_kg_s, double dry_bulb_c,
                                   double wet_bulb_c, double pressure_pa, double water_in_c) {
  TowerEvaporation out;
  if (!(heat_w > 0) || !(air_kg_s > 0)) return out;
  const double w_in = weather_detail::humidity_ratio_from_wet_bulb(dry_bulb_c, wet_bulb_c,
                                                                   pressure_pa);
  // Inlet enthalpy: saturated at the inlet wet-bulb (EnergyPlus: PsyHFnTdbRhPb(T_wb, 1, p)).
  const double h_in = saturated_enthalpy_j_kg(wet_bulb_c, pressure_pa);
  double m = air_kg_s;
  double h_out = h_in + heat_w / m;
  // Guard: exit air no warmer than the hot water (a tower cannot heat air above its water).
  const double h_cap = saturated_enthalpy_j_kg(water_in_c, pressure_pa);
  if (h_out > h_cap && h_cap > h_in) {
    m = heat_w / (h_cap - h_in);
    h_out = h_cap;
    out.capped = true;
  }
  const double t_out = saturation_temperature_from_enthalpy(h_out, pressure_pa);
  const double w_out = weather_detail::humidity_ratio(
      weather_detail::saturation_pressure_pa(t_out), pressure_pa);
  // Specific humidities (per kg moist air), as EnergyPlus does for a moist-air mass flow.
  const double q_in = w_in / (1.0 + w_in), q_out = w_out / (1.0 + w_out);
  out.evaporation_kg_s = std::max(0.0, m * (q_out - q_in));
  out.exit_air_c = t_out;
  return out;
}

}  // namespace dcload::detail
