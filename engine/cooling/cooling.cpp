// Cooling stage (technology "air", heat rejection "tower"): CRAH fans, chilled-water plant with a
// water-side economizer, centrifugal chillers, open cooling towers, pumps and make-up water.
// Each step is computed from that step's wet-bulb; the mode (free / partial / mechanical) follows
// the approach-temperature rule of Lei & Masanet (Energy 201 (2020) 117556; tool
// nuoaleon/Data-center-PUE-prediction-tool@11663ab7).
#include <algorithm>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {
namespace {

// Water properties at 20–30 °C: ρ = 997 kg/m³, c_p = 4180 J/(kg·K) (ASHRAE HoF 2017 ch. 33,
// Table 2, water at 25 °C: 997.0 kg/m³, 4.180 kJ/(kg·K)).
constexpr double kWaterRho = 997.0;
constexpr double kWaterCp = 4180.0;
// Dry air c_p = 1006 J/(kg·K) (ASHRAE HoF 2017 ch. 1, §3, c_pa = 1.006 kJ/(kg·K)).
constexpr double kAirCp = 1006.0;
// Air density ρ = 1.293·(p/101325)·273.15/(273.15 + T) kg/m³ (Lei & Masanet tool), at the
// supply-air temperature; supply air = chilled-water supply + 3 K coil approach (assumption,
// cooling.toml comment on chilled_water_supply).
constexpr double kCoilApproachK = 3.0;
// Minimum condenser-water temperature a chiller accepts: 15.56 °C (60 °F), the lower clamp of
// the condenser-water set point T_wb + approach in Modelica Buildings
// DataCenters/ChillerCooled/Examples/BaseClasses/PartialDataCenter.mo @0488a549.
constexpr double kMinCondenserC = 15.56;

// Chiller COP regression of Lei & Masanet (2020), t = condenser water entering °C (wet-bulb +
// tower approach), L = chiller load fraction 0..1:
// COP = 16.798751 + 0.008840 t² − 8.528931 L² + 9.885294 L − 0.760621 t + 0.084615 L t.
// Checks (datacenter-models.md b.7): 5.8 at L = 1, t = 30 °C; 8.2 at L = 1, t = 20 °C.
double chiller_cop(double t_c, double load_fraction) {
  const double t = t_c, l = load_fraction;
  return 16.798751 + 0.008840 * t * t - 8.528931 * l * l + 9.885294 * l - 0.760621 * t +
         0.084615 * l * t;
}

}  // namespace

Series supply_air_temperature_c(const Site& site, const Weather& w) {
  return Series(w.size(), in_celsius(site.cooling.chilled_water_supply) + kCoilApproachK);
}

CoolingSeries compute_cooling(const Site& site, const Weather& w, const Series& indoor,
                              const Series& liquid) {
  // Technology "air" treats every watt as room heat: liquid-cooled IT is not supported by this
  // plant model (the key table only offers "air"); the liquid series is used by later designs.
  (void)liquid;
  const CoolingSpec& c = site.cooling;
  const Eigen::Index n = static_cast<Eigen::Index>(indoor.size());
  CoolingSeries out;
  for (Series* a : {&out.crah_fan_w, &out.chw_pump_w, &out.cw_pump_w, &out.chiller_w,
                    &out.tower_fan_w, &out.total_w, &out.chiller_load_w, &out.heat_rejected_w,
                    &out.water_kg_s, &out.mode})
    a->resize(static_cast<size_t>(n));
  const auto indoor_heat_w = as_array(indoor);
  auto crah_fan_w = as_array(out.crah_fan_w), chw_pump_w = as_array(out.chw_pump_w),
       cw_pump_w = as_array(out.cw_pump_w), chiller_w = as_array(out.chiller_w),
       tower_fan_w = as_array(out.tower_fan_w), total_w = as_array(out.total_w),
       chiller_load_w = as_array(out.chiller_load_w), heat_rejected_w = as_array(out.heat_rejected_w),
       water_kg_s = as_array(out.water_kg_s), mode = as_array(out.mode);

  const double chws_c = in_celsius(c.chilled_water_supply);
  const double dt_chw = in_si(c.chilled_water_delta_t);
  const double chwr_c = chws_c + dt_chw;
  const double approach_tower = in_si(c.tower_approach);
  const double approach_hx = in_si(c.economizer_approach);
  const double range = in_si(c.tower_range);
  const double dt_air = in_si(c.air_delta_t);
  const double fan_dp = in_si(c.crah_fan_pressure);
  const double chw_dp = in_si(c.chilled_water_pump_head);
  const double cw_dp = in_si(c.condenser_water_pump_head);
  const double unit_w = in_si(c.chiller_unit_capacity);

  Eigen::Map<const ArrayXd> wet_bulb(w.wet_bulb_c.data(), n);
  Eigen::Map<const ArrayXd> pressure(w.pressure_pa.data(), n);

  // Pass 1: loads and modes.
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_room = indoor_heat_w[k];
    // CRAH fans move the IT heat at the design air ΔT: V = Q/(ρ c_p ΔT); P = V·Δp/η (fan law,
    // Lei & Masanet 2020). Fan heat adds to the chilled-water load.
    const double t_supply_air = chws_c + kCoilApproachK;  // = supply_air_temperature_c()
    const double rho_air = 1.293 * (pressure[k] / 101325.0) * 273.15 / (273.15 + t_supply_air);
    const double v_air = q_room / (rho_air * kAirCp * dt_air);
    const double p_fan = v_air * fan_dp / c.crah_fan_efficiency;
    // Chilled-water pump: V = Q/(ρ c_p ΔT_chw); P = V·Δp/η; pump heat enters the water.
    double q_chw = q_room + p_fan;
    const double v_chw = q_chw / (kWaterRho * kWaterCp * dt_chw);
    const double p_chw_pump = v_chw * chw_dp / c.pump_efficiency;
    q_chw += p_chw_pump;
    // Water-side economizer (Lei & Masanet): the tower + heat exchanger can deliver
    // x = T_wb + AT_CT + AT_HX. Free when x ≤ T_chws; partial when x < T_chwr, the chiller
    // trimming the share (x − T_chws)/(T_chwr − T_chws); mechanical otherwise.
    const double x = wet_bulb[k] + approach_tower + approach_hx;
    double chiller_share;
    if (x <= chws_c) {
      chiller_share = 0.0;
      mode[k] = kFree;
    } else if (x < chwr_c) {
      chiller_share = (x - chws_c) / (chwr_c - chws_c);
      mode[k] = kPartial;
    } else {
      chiller_share = 1.0;
      mode[k] = kMechanical;
    }
    crah_fan_w[k] = p_fan;
    chw_pump_w[k] = p_chw_pump;
    chiller_load_w[k] = q_chw * chiller_share;
    heat_rejected_w[k] = q_chw;  // completed below with compressor and pump heat
  }

  // Chiller plant sized to the largest chiller load of the run, N + spares units.
  out.chiller_design_load_w = chiller_load_w.maxCoeff();
  const int duty = std::max(1, static_cast<int>(std::ceil(out.chiller_design_load_w / unit_w - 1e-9)));
  out.chillers_installed = duty + c.chiller_spares;

  // Pass 2: chillers (staged: just enough units on), condenser water, towers, water.
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_ch = chiller_load_w[k];
    double p_chiller = 0.0;
    if (q_ch > 0.0) {
      const int on = std::max(1, static_cast<int>(std::ceil(q_ch / unit_w - 1e-9)));
      const double plr = q_ch / (on * unit_w);
      const double t_cond = std::max(wet_bulb[k] + approach_tower, kMinCondenserC);
      p_chiller = q_ch / chiller_cop(t_cond, plr);
    }
    chiller_w[k] = p_chiller;
    // Condenser water carries the chilled-water heat plus compressor work; its pump heat too.
    double q_rej = heat_rejected_w[k] + p_chiller;
    const double v_cw = q_rej / (kWaterRho * kWaterCp * range);
    const double p_cw_pump = v_cw * cw_dp / c.pump_efficiency;
    q_rej += p_cw_pump;
    cw_pump_w[k] = p_cw_pump;
    heat_rejected_w[k] = q_rej;
    // Make-up water (EnergyPlus Engineering Reference, cooling towers): evaporation = loss
    // factor (per K) × range × flow; drift = fraction × flow; blowdown = evap/(CR − 1) − drift.
    const double evap_m3_s = c.tower_evaporation_per_k * range * v_cw;
    const double drift_m3_s = c.tower_drift * v_cw;
    const double blowdown_m3_s = std::max(0.0, evap_m3_s / (c.cycles_of_concentration - 1.0) - drift_m3_s);
    water_kg_s[k] = (evap_m3_s + drift_m3_s + blowdown_m3_s) * kWaterRho;
  }

  // Tower fans: design power = ratio × design heat rejection (the run's largest), speed ∝ load
  // with a minimum speed, power ∝ speed³ (affinity laws; EnergyPlus CoolingTower:VariableSpeed
  // fan power P_des·FR_air³).
  const double q_rej_design = heat_rejected_w.maxCoeff();
  const double p_tower_design = c.tower_fan_power_ratio * q_rej_design;
  if (q_rej_design > 0.0) {
    tower_fan_w =
        p_tower_design * (heat_rejected_w / q_rej_design).max(c.tower_fan_min_speed).cube();
  } else {
    tower_fan_w.setZero();
  }
  // Tower fan heat leaves with the exhaust air: not part of heat rejected by the water loop.
  total_w = crah_fan_w + chw_pump_w + cw_pump_w + chiller_w + tower_fan_w;
  return out;
}

}  // namespace dcload::detail
