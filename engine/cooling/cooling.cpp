// Cooling stage: technologies "air" (CRAH fans + chilled water), "liquid" (direct-to-chip cold
// plates on facility water, the air-cooled share by CRAHs) and "immersion" (all IT heat into
// single-phase tanks), each with a water-side economizer, staged chillers, and heat rejection by
// open towers (wet-bulb) or dry coolers (dry-bulb). Each step is computed from that step's
// weather; the mode (free / partial / mechanical) of every loop follows the approach-temperature
// rule of Lei & Masanet (Energy 201 (2020) 117556; tool nuoaleon/Data-center-PUE-prediction-tool
// @11663ab7). Design notes and validation: engine/cooling/README.md.
#include <algorithm>
#include <cmath>

#include "cooling/chiller.hpp"
#include "stages.hpp"

namespace dcload::detail {
namespace {

// Water properties at 20–30 °C: ρ = 997 kg/m³, c_p = 4180 J/(kg·K) (ASHRAE HoF 2017 ch. 33,
// Table 2, water at 25 °C: 997.0 kg/m³, 4.180 kJ/(kg·K)). Used for the facility and CDU loops
// too (assumption: water; a PG25 loop has ~5 % lower c_p and needs ~5 % more flow).
constexpr double kWaterRho = 997.0;
constexpr double kWaterCp = 4180.0;
// Dry air c_p = 1006 J/(kg·K) (ASHRAE HoF 2017 ch. 1, §3, c_pa = 1.006 kJ/(kg·K)).
constexpr double kAirCp = 1006.0;
// Air density ρ = 1.293·(p/101325)·273.15/(273.15 + T) kg/m³ (Lei & Masanet tool), at the
// supply-air temperature; supply air = chilled-water supply + 3 K coil approach (assumption,
// cooling.toml comment on chilled_water_supply).
constexpr double kCoilApproachK = 3.0;

}  // namespace

Series supply_air_temperature_c(const Site& site, const Weather& w) {
  return Series(w.size(), in_celsius(site.cooling.chilled_water_supply) + kCoilApproachK);
}

double economizer_chiller_share(double x_c, double supply_c, double return_c, int& mode) {
  // Lei & Masanet: the economizer can deliver x (outdoor fluid + heat-exchanger approach). Free
  // when x ≤ supply; partial when x < return, the chiller trimming (x − supply)/(return −
  // supply) of the load; mechanical otherwise.
  if (x_c <= supply_c) {
    mode = kFree;
    return 0.0;
  }
  if (x_c < return_c) {
    mode = kPartial;
    return (x_c - supply_c) / (return_c - supply_c);
  }
  mode = kMechanical;
  return 1.0;
}

CoolingSeries compute_cooling(const Site& site, const Weather& w, const Series& indoor,
                              const Series& liquid) {
  const CoolingSpec& c = site.cooling;
  const Eigen::Index n = static_cast<Eigen::Index>(indoor.size());
  const bool tower = c.heat_rejection == HeatRejection::kTower;
  CoolingSeries out;
  for (Series* a : {&out.crah_fan_w, &out.chw_pump_w, &out.cw_pump_w, &out.chiller_w,
                    &out.tower_fan_w, &out.cdu_pump_w, &out.fw_pump_w, &out.total_w,
                    &out.chiller_load_w, &out.heat_rejected_w, &out.reusable_heat_w,
                    &out.water_kg_s, &out.mode})
    a->resize(static_cast<size_t>(n));
  const auto indoor_heat_w = as_array(indoor);
  const auto liquid_heat_w = as_array(liquid);
  auto crah_fan_w = as_array(out.crah_fan_w), chw_pump_w = as_array(out.chw_pump_w),
       cw_pump_w = as_array(out.cw_pump_w), chiller_w = as_array(out.chiller_w),
       tower_fan_w = as_array(out.tower_fan_w), cdu_pump_w = as_array(out.cdu_pump_w),
       fw_pump_w = as_array(out.fw_pump_w), total_w = as_array(out.total_w),
       chiller_load_w = as_array(out.chiller_load_w), heat_rejected_w = as_array(out.heat_rejected_w),
       reusable_heat_w = as_array(out.reusable_heat_w), water_kg_s = as_array(out.water_kg_s),
       mode = as_array(out.mode);

  const double chws_c = in_celsius(c.chilled_water_supply);
  const double chwr_c = chws_c + in_si(c.chilled_water_delta_t);
  const double dt_chw = in_si(c.chilled_water_delta_t);
  const double fws_c = in_celsius(c.facility_water_supply);
  const double dt_fw = in_si(c.facility_water_delta_t);
  const double fwr_c = fws_c + dt_fw;
  const double approach_rej = tower ? in_si(c.tower_approach) : in_si(c.dry_cooler_approach);
  const double approach_hx = in_si(c.economizer_approach);
  const double range = in_si(c.tower_range);
  const double dt_air = in_si(c.air_delta_t);
  const double dt_cdu = in_si(c.cdu_delta_t);
  const double fan_dp = in_si(c.crah_fan_pressure);
  const double chw_dp = in_si(c.chilled_water_pump_head);
  const double cw_dp = in_si(c.condenser_water_pump_head);
  const double cdu_dp = in_si(c.cdu_pump_head);
  const double unit_w = in_si(c.chiller_unit_capacity);
  const bool has_liquid = c.technology != CoolingTechnology::kAir;

  Eigen::Map<const ArrayXd> dry_bulb(w.dry_bulb_c.data(), n);
  Eigen::Map<const ArrayXd> wet_bulb(w.wet_bulb_c.data(), n);
  Eigen::Map<const ArrayXd> pressure(w.pressure_pa.data(), n);
  // Fluid leaving the heat rejection: tower T_wb + approach; dry cooler T_db + approach.
  auto rejection_c = [&](Eigen::Index k) {
    return (tower ? wet_bulb[k] : dry_bulb[k]) + approach_rej;
  };

  // Pass 1: loads, economizer shares, modes. Until pass 2, chiller_w holds the air-loop
  // chiller load and reusable_heat_w the liquid-loop chiller load (scratch: no extra allocation).
  double q_chw_peak = 0, q_fw_peak = 0;
  Series& liquid_chiller_load = out.reusable_heat_w;  // reused as scratch, overwritten in pass 2
  auto liquid_ch = as_array(liquid_chiller_load);
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_liq = has_liquid ? std::clamp(liquid_heat_w[k], 0.0, indoor_heat_w[k]) : 0.0;
    const double q_room = indoor_heat_w[k] - q_liq;
    const double x = rejection_c(k) + approach_hx;
    // Air loop. CRAH fans move the room heat at the design air ΔT: V = Q/(ρ c_p ΔT); P = V·Δp/η
    // (fan law, Lei & Masanet 2020). Fan heat adds to the chilled-water load.
    const double t_supply_air = chws_c + kCoilApproachK;  // = supply_air_temperature_c()
    const double rho_air = 1.293 * (pressure[k] / 101325.0) * 273.15 / (273.15 + t_supply_air);
    const double p_fan = q_room / (rho_air * kAirCp * dt_air) * fan_dp / c.crah_fan_efficiency;
    double q_chw = q_room + p_fan;
    // Chilled-water pump: V = Q/(ρ c_p ΔT_chw); P = V·Δp/η; pump heat enters the water.
    const double p_chw_pump = q_chw / (kWaterRho * kWaterCp * dt_chw) * chw_dp / c.pump_efficiency;
    q_chw += p_chw_pump;
    int mode_air = kFree, mode_liq = kFree;
    const double share_air = economizer_chiller_share(x, chws_c, chwr_c, mode_air);
    // Liquid loop: CDU pumps drive the IT-side coolant (flow Q/(ρ c_p ΔT_cdu), head Δp_cdu);
    // facility-water pumps the primary side. Both pump heats enter the water.
    double q_fw = 0, p_cdu = 0, p_fw = 0, share_liq = 0;
    if (q_liq > 0) {
      p_cdu = q_liq / (kWaterRho * kWaterCp * dt_cdu) * cdu_dp / c.pump_efficiency;
      q_fw = q_liq + p_cdu;
      // Facility-water pump head: the chilled-water pump head (same kind of distribution loop).
      p_fw = q_fw / (kWaterRho * kWaterCp * dt_fw) * chw_dp / c.pump_efficiency;
      q_fw += p_fw;
      share_liq = economizer_chiller_share(x, fws_c, fwr_c, mode_liq);
    }
    // The step's mode over the loops carrying heat: free = no compressor runs in any loop;
    // mechanical = every loop on chillers alone; partial = anything between (e.g. the liquid
    // loop free while the small air loop needs chillers).
    const bool air_on = q_chw > 0, liq_on = q_liq > 0;
    if ((!air_on || mode_air == kFree) && (!liq_on || mode_liq == kFree))
      mode[k] = kFree;
    else if ((!air_on || mode_air == kMechanical) && (!liq_on || mode_liq == kMechanical))
      mode[k] = kMechanical;
    else
      mode[k] = kPartial;
    crah_fan_w[k] = p_fan;
    chw_pump_w[k] = p_chw_pump;
    cdu_pump_w[k] = p_cdu;
    fw_pump_w[k] = p_fw;
    chiller_w[k] = q_chw * share_air;   // air-loop chiller load (scratch until pass 2)
    liquid_ch[k] = q_fw * share_liq;    // liquid-loop chiller load (scratch)
    chiller_load_w[k] = chiller_w[k] + liquid_ch[k];
    heat_rejected_w[k] = q_chw + q_fw;  // completed below with compressor and pump heat
    q_chw_peak = std::max(q_chw_peak, q_chw);
    q_fw_peak = std::max(q_fw_peak, q_fw);
  }

  // Chiller plant sized at the ASHRAE 0.4 % cooling design condition (HoF 2017 ch. 14): the
  // peak loop loads of the run with the economizer share at the design wet-bulb (towers) or
  // dry-bulb (dry coolers); N duty units of chiller_unit_capacity + spares. Hours beyond the
  // design condition may exceed the duty units (standby runs: redundancy lost) or the whole
  // plant (shortfall) — reported in the run status.
  // A weather built in code without design conditions (all zero) sizes to the run's largest
  // chiller load instead.
  if (w.design.wb_004_c == 0.0 && w.design.db_004_c == 0.0) {
    out.chiller_design_load_w = chiller_load_w.maxCoeff();
  } else {
    const double design_out_c = tower ? w.design.wb_004_c : w.design.db_004_c;
    const double x_design = design_out_c + approach_rej + approach_hx;
    int m = 0;
    out.chiller_design_load_w = q_chw_peak * economizer_chiller_share(x_design, chws_c, chwr_c, m) +
                                q_fw_peak * economizer_chiller_share(x_design, fws_c, fwr_c, m);
  }
  const int duty =
      out.chiller_design_load_w > 0
          ? std::max(1, static_cast<int>(std::ceil(out.chiller_design_load_w / unit_w - 1e-9)))
          : 0;
  out.chillers_installed = duty + (duty > 0 ? c.chiller_spares : 0);
  const double installed_w = out.chillers_installed * unit_w;
  const double step_h = w.timestep_s / 3600.0;

  // Pass 2: chillers (staged: just enough units on), condenser water, heat rejection, water.
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_air_ch = chiller_w[k], q_liq_ch = liquid_ch[k];
    const double q_ch = q_air_ch + q_liq_ch;
    double p_chiller = 0.0;
    if (q_ch > 0.0) {
      if (q_ch > installed_w * (1 + 1e-12)) out.shortfall_hours += step_h;
      if (q_ch > duty * unit_w * (1 + 1e-12)) out.redundancy_lost_hours += step_h;
      const int on = std::max(1, static_cast<int>(std::ceil(q_ch / unit_w - 1e-9)));
      const double plr = std::min(1.0, q_ch / (on * unit_w));
      const double t_rej = rejection_c(k);
      const double t_cond_in = std::max(t_rej, kMinCondenserC);
      // Air loop (chilled water ≤ 20 °C) with towers: Lei & Masanet regression; otherwise
      // (dry-cooler condensers, warm liquid loops) the Carnot-fraction model.
      if (q_air_ch > 0)
        p_chiller += q_air_ch / (tower ? chiller_cop_lm(t_cond_in, plr)
                                       : chiller_cop_carnot(chws_c, t_cond_in + range, plr));
      if (q_liq_ch > 0) p_chiller += q_liq_ch / chiller_cop_carnot(fws_c, t_cond_in + range, plr);
    }
    chiller_w[k] = p_chiller;
    // Reusable heat: the warmest facility loop — facility-water return (liquid, immersion) or
    // chilled-water return (air) — carries the room/IT heat plus its pumps' heat.
    reusable_heat_w[k] = heat_rejected_w[k];
    // Condenser water carries the loop heat plus compressor work; its pump heat too.
    double q_rej = heat_rejected_w[k] + p_chiller;
    const double v_cw = q_rej / (kWaterRho * kWaterCp * range);
    const double p_cw_pump = v_cw * cw_dp / c.pump_efficiency;
    q_rej += p_cw_pump;
    cw_pump_w[k] = p_cw_pump;
    heat_rejected_w[k] = q_rej;
    if (tower) {
      // Make-up water (EnergyPlus Engineering Reference, cooling towers): evaporation = loss
      // factor (per K) × range × flow; drift = fraction × flow; blowdown = evap/(CR − 1) − drift.
      const double evap_m3_s = c.tower_evaporation_per_k * range * v_cw;
      const double drift_m3_s = c.tower_drift * v_cw;
      const double blowdown_m3_s =
          std::max(0.0, evap_m3_s / (c.cycles_of_concentration - 1.0) - drift_m3_s);
      water_kg_s[k] = (evap_m3_s + drift_m3_s + blowdown_m3_s) * kWaterRho;
    } else {
      water_kg_s[k] = 0.0;  // closed dry coolers evaporate nothing
    }
  }
  out.reusable_heat_c = has_liquid && q_fw_peak > 0 ? fwr_c : chwr_c;

  // Heat-rejection fans: design power = ratio × design heat rejection (the run's largest), speed
  // ∝ load with a minimum speed, power ∝ speed³ (affinity laws; EnergyPlus
  // CoolingTower:VariableSpeed fan power P_des·FR_air³). Ratio: towers 90.1 App. G; dry coolers
  // the BAC Trillium record (cooling.toml).
  const double q_rej_design = heat_rejected_w.maxCoeff();
  const double ratio = tower ? c.tower_fan_power_ratio : c.dry_cooler_fan_power_ratio;
  if (q_rej_design > 0.0) {
    tower_fan_w =
        ratio * q_rej_design * (heat_rejected_w / q_rej_design).max(c.tower_fan_min_speed).cube();
  } else {
    tower_fan_w.setZero();
  }
  // Fan heat leaves with the exhaust air: not part of heat rejected by the water loop.
  total_w = crah_fan_w + chw_pump_w + cw_pump_w + chiller_w + tower_fan_w + cdu_pump_w + fw_pump_w;
  return out;
}

}  // namespace dcload::detail
