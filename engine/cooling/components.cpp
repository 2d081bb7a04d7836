// Cooling-plant components (see components.hpp for the sources of each model).
#include "cooling/components.hpp"

#include <algorithm>
#include <cmath>

#include "weather/psychro.hpp"

namespace dcload::detail {

double pump_power_w(double heat_w, double delta_t_k, double head_pa, double efficiency) {
  return heat_w / (kWaterRho * kWaterCp * delta_t_k) * head_pa / efficiency;
}

double pump_part_load(PumpCurve curve, double x) {
  switch (curve) {
    case PumpCurve::kDpReset: return x * (0.0205 + x * (0.4101 + x * 0.5753));
    case PumpCurve::kNoReset: return x * (0.5726 + x * (-0.301 + x * 0.7347));
    case PumpCurve::kRidingCurve: return x * (3.2485 + x * (-4.7443 + x * 2.5294));
    case PumpCurve::kLinear: break;
  }
  return x;
}

double controlled_pump_power_w(double at_flow_w, double design_w, PumpControl control,
                               PumpCurve curve, double min_flow) {
  if (!(at_flow_w > 0)) return 0.0;
  if (!(design_w > 0)) return at_flow_w;
  if (control == PumpControl::kConstant) return design_w;
  return design_w * pump_part_load(curve, std::max(at_flow_w / design_w, min_flow));
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

namespace {
// Saturated enthalpy at standard pressure every 0.5 K on −40…80 °C: a table lookup gives
// Newton a start within ~0.01 K at 101.325 kPa (within ~1 K at 800 m elevation), so the inversion
// takes 2–3 evaluations instead of 4–5.
struct SaturationTable {
  static constexpr double kT0 = -40.0, kDt = 0.5;
  static constexpr int kN = 241;
  double h[kN];
  SaturationTable() {
    for (int i = 0; i < kN; ++i) h[i] = saturated_enthalpy_j_kg(kT0 + kDt * i, 101325.0);
  }
  double guess(double h_j_kg) const {
    const double* it = std::upper_bound(h, h + kN, h_j_kg);
    if (it == h) return kT0;
    if (it == h + kN) return kT0 + kDt * (kN - 1);
    const int i = static_cast<int>(it - h) - 1;
    return kT0 + kDt * (i + (h_j_kg - h[i]) / (h[i + 1] - h[i]));
  }
};
}  // namespace

double saturation_temperature_from_enthalpy(double h_j_kg, double pressure_pa, double guess_c,
                                            double* ws_out) {
  static const SaturationTable table;
  // Start: the table (standard pressure) within 3 kPa of it or without a guess of the caller's;
  // the caller's guess at other pressures (the table's start drifts with the pressure).
  if (std::abs(pressure_pa - 101325.0) < 3000.0 || !std::isfinite(guess_c))
    guess_c = table.guess(h_j_kg);
  // Up to 80 °C (saturation pressure 47 kPa): near 100 °C it approaches the air pressure and the
  // saturation humidity ratio diverges. Tower exit air stays below its hot water (≤ 60 °C).
  // An enthalpy outside the range ends at its bound (the bracket closes on it).
  double lo = -40.0, hi = 80.0;
  double t = std::isfinite(guess_c) ? std::clamp(guess_c, lo, hi) : 20.0;
  double ws = 0;
  for (int i = 0; i < 200; ++i) {
    double h = 0, slope = 0;
    weather_detail::saturated_state(t, pressure_pa, h, slope, ws);
    const double f = h - h_j_kg;
    (f < 0 ? lo : hi) = t;
    double next = slope > 0 ? t - f / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // keep the bracket
    // Converged: the Newton step is below 1e-7 K (ws of `t`, 1e-7 K away: relative error
    // ≈ 6e-9), or the bracket has closed.
    if (std::abs(next - t) < 1e-7 || hi - lo < 1e-7) break;
    t = next;
  }
  if (ws_out != nullptr) *ws_out = ws;
  return t;
}

TowerInlet tower_inlet(double dry_bulb_c, double wet_bulb_c, double pressure_pa) {
  // Inlet enthalpy: saturated at the inlet wet-bulb (EnergyPlus: PsyHFnTdbRhPb(T_wb, 1, p)), and
  // the saturated-air heat capacity there for Newton's first guess; the saturation humidity
  // ratio of the same evaluation gives the inlet humidity ratio (eq. 33/35).
  TowerInlet in;
  double ws = 0;
  weather_detail::saturated_state(wet_bulb_c, pressure_pa, in.h_j_kg, in.c_sat, ws);
  in.w = weather_detail::humidity_ratio_from_wet_bulb_ws(dry_bulb_c, wet_bulb_c, ws);
  return in;
}

TowerEvaporation tower_evaporation(double heat_w, double air_kg_s, double dry_bulb_c,
                                   double wet_bulb_c, double pressure_pa, double water_in_c,
                                   double w_in) {
  if (!(heat_w > 0) || !(air_kg_s > 0)) return {};
  TowerInlet in = tower_inlet(dry_bulb_c, wet_bulb_c, pressure_pa);
  if (std::isfinite(w_in)) in.w = w_in;
  return tower_evaporation(heat_w, air_kg_s, wet_bulb_c, pressure_pa, water_in_c, in);
}

TowerEvaporation tower_evaporation(double heat_w, double air_kg_s, double wet_bulb_c,
                                   double pressure_pa, double water_in_c, const TowerInlet& in) {
  TowerEvaporation out;
  if (!(heat_w > 0) || !(air_kg_s > 0)) return out;
  const double w_in = in.w, h_in = in.h_j_kg, c_sat = in.c_sat;
  double m = air_kg_s;
  const double h_out = h_in + heat_w / m;
  double w_out = 0;
  double t_out = saturation_temperature_from_enthalpy(
      h_out, pressure_pa, wet_bulb_c + (h_out - h_in) / std::max(c_sat, 1006.0), &w_out);
  // Guard: exit air no warmer than the hot water (a tower cannot heat air above its water);
  // the air flow is then the least that keeps it there.
  if (t_out > water_in_c && water_in_c > wet_bulb_c) {
    double h_cap = 0, slope = 0;
    weather_detail::saturated_state(water_in_c, pressure_pa, h_cap, slope, w_out);
    m = heat_w / (h_cap - h_in);
    t_out = water_in_c;
    out.capped = true;
  }
  // Specific humidities (per kg moist air), as EnergyPlus does for a moist-air mass flow.
  const double q_in = w_in / (1.0 + w_in), q_out = w_out / (1.0 + w_out);
  out.evaporation_kg_s = std::max(0.0, m * (q_out - q_in));
  out.exit_air_c = t_out;
  return out;
}

}  // namespace dcload::detail
