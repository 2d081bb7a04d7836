// Cooling stage: technologies "air" (CRAH fans + chilled water, optionally an air-side
// economizer with evaporative assist), "liquid" (direct-to-chip cold plates on facility water,
// the air-cooled share by CRAHs) and "immersion" (all IT heat into single-phase tanks), each with
// a water-side economizer, staged water- or air-cooled chillers (regression, Carnot fraction or
// DOE-2 EIR curves), and heat rejection by open towers (wet-bulb; constant or YorkCalc approach),
// dry coolers (dry-bulb) or adiabatic coolers (pad-cooled air). Each step is computed from that
// step's weather; the mode (free / partial / mechanical) of every loop follows the approach-
// temperature rule of Lei & Masanet (Energy 201 (2020) 117556; tool nuoaleon/Data-center-PUE-
// prediction-tool @11663ab7). Design notes and validation: engine/cooling/README.md.
#include <algorithm>
#include <cmath>

#include "cooling/chiller.hpp"
#include "stages.hpp"
#include "weather/psychro.hpp"

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
// Latent heat of vaporization of water at 20 °C, 2,453.5 kJ/kg (ASHRAE HoF 2017 ch. 1,
// Table 3, h_fg at 20 °C), for the spray water of adiabatic coolers.
constexpr double kWaterHfg = 2.4535e6;
// Dry-cooler air ΔT at design: the Modelica Buildings dry-cooler record sets the design
// coolant-to-air mass-flow ratio to c_p,air/c_p,water (balanced capacity rates; CoolingTowers/
// Data/DryCooler/Generic.mo @033e0e29), so the air warms by the fluid's design ΔT, 46.11 −
// 40.55 = 5.56 K in the BAC Trillium record.
constexpr double kDryCoolerAirDeltaK = 5.56;

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
  const bool adiabatic = c.heat_rejection == HeatRejection::kAdiabatic;
  const double adiabatic_on_c = in_celsius(c.adiabatic_threshold);
  const double eps_pad = c.adiabatic_effectiveness;
  // Air entering the dry coolers: outdoor dry-bulb, pre-cooled by the pads toward the wet-bulb
  // above the threshold (adiabatic): T_in = T_db − ε (T_db − T_wb).
  auto coil_air_c = [&](double db, double wb) {
    return adiabatic && db > adiabatic_on_c ? db - eps_pad * (db - wb) : db;
  };
  const bool york = tower && c.tower_model == TowerModel::kYorkCalc;
  const bool air_cooled = c.chiller_type == ChillerType::kAirCooled;
  const ChillerCurveSet* eir_set = c.chiller_model == ChillerModel::kDoe2Centrifugal
                                       ? &doe2_centrifugal_set()
                                   : c.chiller_model == ChillerModel::kCarrier30rb390
                                       ? &carrier_30rb390_set()
                                       : nullptr;
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
  const bool two_phase = c.technology == CoolingTechnology::kImmersionTwoPhase;
  const double step_h = w.timestep_s / 3600.0;
  // Air-side economizer (technology air). Supply air T_sa = CHW + coil approach, return
  // T_ra = T_sa + air ΔT. Outdoor air (100 %, or mixed with return air below T_sa) is pad-cooled
  // toward its wet-bulb, T_del = T_db − ε (T_db − T_wb) when T_db > T_sa, taking on the water
  // it evaporates, W_del = W_oa + c_p,a (T_db − T_del)/h_fg (the sensible heat becomes latent).
  // It may be supplied when that moisture keeps the supply air in the envelope: vapour pressure
  // ≤ min(p_ws(dew-point limit), RH limit · p_ws(T_sa)) — the class A1 allowable upper limits;
  // drier air than the A1 minimum is supplied too (humidification is not modelled). If the pads
  // would break the limit the air goes in dry. Then the air side follows the same approach rule
  // as the water side, with T_del for x: free when T_del ≤ T_sa, the coil trims
  // (T_del − T_sa)/(T_ra − T_sa) of the load below T_ra, all of it above or outside the envelope.
  const bool air_econ = c.air_economizer && !has_liquid;
  const double t_sa_c = chws_c + kCoilApproachK;
  const double t_ra_c = t_sa_c + dt_air;
  const double pv_max_pa =
      air_econ ? std::min(weather_detail::saturation_pressure_pa(
                              in_celsius(c.air_economizer_max_dew_point)),
                          c.air_economizer_max_rh * weather_detail::saturation_pressure_pa(t_sa_c))
               : 0.0;

  Eigen::Map<const ArrayXd> dry_bulb(w.dry_bulb_c.data(), n);
  Eigen::Map<const ArrayXd> wet_bulb(w.wet_bulb_c.data(), n);
  Eigen::Map<const ArrayXd> pressure(w.pressure_pa.data(), n);

  // Pass 1: loop loads. Until pass 3, chiller_w holds the chilled-water loop heat and
  // reusable_heat_w the facility-water loop heat; with the air economizer cw_pump_w holds the
  // heat leaving with the exhaust air and fw_pump_w (zero for technology air) the evaporative-
  // assist water, kg/s (scratch: no extra allocation).
  double q_chw_peak = 0, q_fw_peak = 0, q_loop_peak = 0;
  auto& q_chw_s = chiller_w;
  auto& q_fw_s = reusable_heat_w;
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_liq = has_liquid ? std::clamp(liquid_heat_w[k], 0.0, indoor_heat_w[k]) : 0.0;
    const double q_room = indoor_heat_w[k] - q_liq;
    // Air loop. CRAH fans move the room heat at the design air ΔT: V = Q/(ρ c_p ΔT); P = V·Δp/η
    // (fan law, Lei & Masanet 2020). Fan heat adds to the chilled-water load.
    const double t_supply_air = chws_c + kCoilApproachK;  // = supply_air_temperature_c()
    const double rho_air = 1.293 * (pressure[k] / 101325.0) * 273.15 / (273.15 + t_supply_air);
    const double p_fan = q_room / (rho_air * kAirCp * dt_air) * fan_dp / c.crah_fan_efficiency;
    double q_chw = q_room + p_fan;
    double share_ae = 1.0;
    if (air_econ) {
      const double db = dry_bulb[k], wb = wet_bulb[k], p = pressure[k];
      const double w_oa = weather_detail::humidity_ratio_from_wet_bulb(db, wb, p);
      const double w_max = weather_detail::humidity_ratio(pv_max_pa, p);
      double t_del = db, w_del = w_oa;
      if (db > t_sa_c) {
        const double t_pad = db - eps_pad * (db - wb);
        const double w_pad = w_oa + kAirCp * (db - t_pad) / kWaterHfg;
        if (w_pad <= w_max) t_del = t_pad, w_del = w_pad;
      }
      int mode_ae = kMechanical;
      if (w_del <= w_max) share_ae = economizer_chiller_share(t_del, t_sa_c, t_ra_c, mode_ae);
      // Outdoor-air flow at the design air ΔT carries the room heat (100 % outdoor air when
      // the pads run); the pads evaporate ṁ_air (W_del − W_oa).
      const double m_air = q_chw / (kAirCp * dt_air);
      cw_pump_w[k] = q_chw * (1.0 - share_ae);  // exhausted outdoors
      fw_pump_w[k] = share_ae < 1.0 ? m_air * (w_del - w_oa) : 0.0;
      q_chw *= share_ae;  // what the chilled-water coil still carries
    }
    // Chilled-water pump: V = Q/(ρ c_p ΔT_chw); P = V·Δp/η; pump heat enters the water.
    const double p_chw_pump = q_chw / (kWaterRho * kWaterCp * dt_chw) * chw_dp / c.pump_efficiency;
    q_chw += p_chw_pump;
    // Liquid loop: CDU pumps drive the IT-side coolant (flow Q/(ρ c_p ΔT_cdu), head Δp_cdu);
    // facility-water pumps the primary side. Both pump heats enter the water.
    double q_fw = 0, p_cdu = 0, p_fw = 0;
    if (q_liq > 0) {
      // Two-phase tanks need no IT-side pump: boiling carries the heat to the condenser coil.
      p_cdu = two_phase ? 0.0
                        : q_liq / (kWaterRho * kWaterCp * dt_cdu) * cdu_dp / c.pump_efficiency;
      q_fw = q_liq + p_cdu;
      // Facility-water pump head: the chilled-water pump head (same kind of distribution loop).
      p_fw = q_fw / (kWaterRho * kWaterCp * dt_fw) * chw_dp / c.pump_efficiency;
      q_fw += p_fw;
    }
    crah_fan_w[k] = p_fan;
    chw_pump_w[k] = p_chw_pump;
    cdu_pump_w[k] = p_cdu;
    if (!air_econ) fw_pump_w[k] = p_fw;  // (air economizer: scratch water, p_fw = 0 for air)
    q_chw_s[k] = q_chw;
    q_fw_s[k] = q_fw;
    q_chw_peak = std::max(q_chw_peak, q_chw);
    q_fw_peak = std::max(q_fw_peak, q_fw);
    q_loop_peak = std::max(q_loop_peak, q_chw + q_fw);
  }

  // Tower approach. YorkCalc (EnergyPlus CoolingTower:VariableSpeed): the towers are matched
  // to tower_design_approach at the design wet-bulb (ASHRAE 0.4 %; the run's highest wet-bulb
  // when the weather carries no design conditions), design range and full fan speed, which fixes the
  // design liquid-to-gas ratio LG_des (EnergyPlus's FR_water,reference). In operation the
  // condenser water flows ∝ load (constant range, as the pump model) and the fans follow the
  // affinity control below (speed ∝ load, at least tower_fan_min_speed), so
  // L/G = LG_des·f/max(f, f_min) with f = loop heat / its peak (assumption: the compressor work
  // is left out of f; it only matters below the minimum fan speed).
  const bool has_design = !(w.design.wb_004_c == 0.0 && w.design.db_004_c == 0.0);
  double lg_des = 0.0;
  if (york) {
    const double wb_des = has_design ? w.design.wb_004_c : (n > 0 ? wet_bulb.maxCoeff() : 25.6);
    lg_des = yorkcalc_design_lg(wb_des, range, in_si(c.tower_design_approach));
  }

  // Pass 2: outdoor fluid temperature, economizer shares, modes. water_kg_s holds the fluid
  // temperature leaving the heat rejection until pass 3 (scratch); chiller_w / reusable_heat_w
  // become the loops' chiller loads.
  auto& t_rej_s = water_kg_s;
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_chw = q_chw_s[k], q_fw = q_fw_s[k];
    double approach = approach_rej;
    if (york) {
      const double f = q_loop_peak > 0 ? (q_chw + q_fw) / q_loop_peak : 0.0;
      const double lg = f > 0 ? lg_des * f / std::max(f, c.tower_fan_min_speed) : lg_des;
      bool oor = false;
      approach = yorkcalc_approach(wet_bulb[k], range, lg, oor);
      if (oor) out.tower_curve_out_of_range_hours += step_h;
    }
    // Fluid leaving the heat rejection: tower T_wb + approach; dry cooler T_air,in + approach.
    const double t_rej = (tower ? wet_bulb[k] : coil_air_c(dry_bulb[k], wet_bulb[k])) + approach;
    t_rej_s[k] = t_rej;
    const double x = t_rej + approach_hx;
    int mode_air = kFree, mode_liq = kFree;
    const double share_air = economizer_chiller_share(x, chws_c, chwr_c, mode_air);
    // Air economizer: heat exhausted outdoors (scratch in cw_pump_w). The air loop carries heat
    // when either path does; no coil load means no compressor; outdoor air carrying part of the
    // load makes a mechanical water side partial.
    const double q_exh = air_econ ? cw_pump_w[k] : 0.0;
    if (q_chw <= 0.0) mode_air = kFree;
    else if (q_exh > 0.0 && mode_air == kMechanical) mode_air = kPartial;
    const double share_liq = q_fw > 0 ? economizer_chiller_share(x, fws_c, fwr_c, mode_liq) : 0.0;
    // The step's mode over the loops carrying heat: free = no compressor runs in any loop;
    // mechanical = every loop on chillers alone; partial = anything between (e.g. the liquid
    // loop free while the small air loop needs chillers).
    const bool air_on = q_chw > 0 || q_exh > 0, liq_on = q_fw > 0;
    if ((!air_on || mode_air == kFree) && (!liq_on || mode_liq == kFree))
      mode[k] = kFree;
    else if ((!air_on || mode_air == kMechanical) && (!liq_on || mode_liq == kMechanical))
      mode[k] = kMechanical;
    else
      mode[k] = kPartial;
    if (air_on && mode_air == kFree) out.air_loop_free_hours += step_h;
    if (liq_on && mode_liq == kFree) out.liquid_loop_free_hours += step_h;
    heat_rejected_w[k] = q_chw + q_fw;  // loop heat; completed in pass 3
    q_chw_s[k] = q_chw * share_air;     // air-loop chiller load (scratch until pass 3)
    q_fw_s[k] = q_fw * share_liq;       // liquid-loop chiller load (scratch)
    chiller_load_w[k] = q_chw_s[k] + q_fw_s[k];
  }

  // Chiller plant sized at the ASHRAE 0.4 % cooling design condition (HoF 2017 ch. 14): the
  // peak loop loads of the run with the economizer share at the design wet-bulb (towers) or
  // dry-bulb (dry coolers); N duty units of chiller_unit_capacity + spares. Hours beyond the
  // design condition may exceed the duty units (standby runs: redundancy lost) or the whole
  // plant (shortfall) — reported in the run status.
  // A weather built in code without design conditions (all zero) sizes to the run's largest
  // chiller load instead.
  if (!has_design) {
    out.chiller_design_load_w = n > 0 ? chiller_load_w.maxCoeff() : 0.0;
  } else {
    // Adiabatic: the pads at the design dry-bulb and its mean coincident wet-bulb.
    const double design_out_c = tower ? w.design.wb_004_c
                                      : coil_air_c(w.design.db_004_c, w.design.mcwb_004_c);
    // At the design wet-bulb the YorkCalc towers give their design approach (by construction).
    const double approach_design = york ? in_si(c.tower_design_approach) : approach_rej;
    const double x_design = design_out_c + approach_design + approach_hx;
    int m = 0;
    out.chiller_design_load_w = q_chw_peak * economizer_chiller_share(x_design, chws_c, chwr_c, m) +
                                q_fw_peak * economizer_chiller_share(x_design, fws_c, fwr_c, m);
  }
  const int duty =
      out.chiller_design_load_w > 0
          ? std::max(1, static_cast<int>(std::ceil(out.chiller_design_load_w / unit_w - 1e-9)))
          : 0;
  out.chillers_installed = duty + (duty > 0 ? c.chiller_spares : 0);

  // Pass 3: chillers (staged: just enough units on), condenser water, heat rejection, water.
  // tower_fan_w holds the heat through the towers / dry coolers until the fan law below.
  for (Eigen::Index k = 0; k < n; ++k) {
    const double q_air_ch = q_chw_s[k], q_liq_ch = q_fw_s[k];
    const double q_ch = q_air_ch + q_liq_ch;
    const double t_rej = t_rej_s[k];
    const double q_exh = air_econ ? cw_pump_w[k] : 0.0;  // read before cw_pump_w is set
    double p_chiller = 0.0;
    if (q_ch > 0.0) {
      // Condenser entering: outdoor dry-bulb (air-cooled) or the condenser water leaving the
      // heat rejection, not below the chillers' minimum (water-cooled).
      const double t_cond_in = air_cooled ? dry_bulb[k] : std::max(t_rej, kMinCondenserC);
      bool clamped = false;
      // Capacity available per unit: unit × CAPFT at each loop's leaving water (1 for the
      // regression and Carnot models, which are rated at their capacity everywhere).
      double cap_air = 1.0, cap_liq = 1.0;
      if (eir_set != nullptr) {
        if (q_air_ch > 0) cap_air = eir_set->capft(chws_c, t_cond_in, clamped);
        if (q_liq_ch > 0) cap_liq = eir_set->capft(fws_c, t_cond_in, clamped);
      }
      // Unit-equivalents needed; staged so that just enough units run, one shared PLR.
      const double need_air = q_air_ch / (unit_w * cap_air);
      const double need_liq = q_liq_ch / (unit_w * cap_liq);
      const double need = need_air + need_liq;
      if (need > out.chillers_installed * (1 + 1e-12)) out.shortfall_hours += step_h;
      if (need > duty * (1 + 1e-12)) out.redundancy_lost_hours += step_h;
      const int on = std::max(1, static_cast<int>(std::ceil(need - 1e-9)));
      const double plr = std::min(1.0, need / on);
      if (eir_set != nullptr) {
        p_chiller = chiller_power_eir(*eir_set, chws_c, t_cond_in, q_air_ch, unit_w,
                                      on * need_air / need, clamped) +
                    chiller_power_eir(*eir_set, fws_c, t_cond_in, q_liq_ch, unit_w,
                                      on * need_liq / need, clamped);
        if (clamped) out.chiller_curve_out_of_range_hours += step_h;
      } else {
        const bool lm = c.chiller_model == ChillerModel::kLeiMasanet && tower;
        // Air loop (chilled water ≤ 20 °C) with towers: Lei & Masanet regression; otherwise
        // (dry-cooler condensers, warm liquid loops, chiller_model = carnot) the Carnot fraction.
        if (q_air_ch > 0)
          p_chiller += q_air_ch / (lm ? chiller_cop_lm(t_cond_in, plr)
                                      : chiller_cop_carnot(chws_c, t_cond_in + range, plr));
        if (q_liq_ch > 0) p_chiller += q_liq_ch / chiller_cop_carnot(fws_c, t_cond_in + range, plr);
      }
    }
    chiller_w[k] = p_chiller;
    // Reusable heat: the warmest facility loop — facility-water return (liquid, immersion) or
    // chilled-water return (air) — carries the room/IT heat plus its pumps' heat.
    const double q_loops = heat_rejected_w[k];
    reusable_heat_w[k] = q_loops;
    // Condenser water (through the economizer heat exchangers and water-cooled condensers to
    // the towers / dry coolers): the loop heat plus compressor work; with air-cooled chillers
    // only the economizer's share, the chillers' heat (load + work, fans included in the
    // curve-set COP) leaving through their own condensers.
    double q_cw = air_cooled ? q_loops - q_ch : q_loops + p_chiller;
    const double v_cw = q_cw / (kWaterRho * kWaterCp * range);
    const double p_cw_pump = v_cw * cw_dp / c.pump_efficiency;
    q_cw += p_cw_pump;
    cw_pump_w[k] = p_cw_pump;
    tower_fan_w[k] = q_cw;
    heat_rejected_w[k] = q_cw + (air_cooled ? q_ch + p_chiller : 0.0) + q_exh;
    if (tower) {
      // Make-up water (EnergyPlus Engineering Reference, cooling towers): evaporation = loss
      // factor (per K) × range × flow; drift = fraction × flow; blowdown = evap/(CR − 1) − drift.
      const double evap_m3_s = c.tower_evaporation_per_k * range * v_cw;
      const double drift_m3_s = c.tower_drift * v_cw;
      const double blowdown_m3_s =
          std::max(0.0, evap_m3_s / (c.cycles_of_concentration - 1.0) - drift_m3_s);
      water_kg_s[k] = (evap_m3_s + drift_m3_s + blowdown_m3_s) * kWaterRho;
    } else {
      water_kg_s[k] = 0.0;  // closed dry coolers evaporate nothing (adiabatic spray: below)
    }
    if (air_econ) {
      // Evaporative-assist water (scratch in fw_pump_w) plus bleed-off evap/(CR − 1), the
      // towers' cycles of concentration (assumption: the same water treatment).
      water_kg_s[k] += fw_pump_w[k] * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
      fw_pump_w[k] = 0.0;
    }
  }
  out.reusable_heat_c = has_liquid && q_fw_peak > 0 ? fwr_c : chwr_c;

  // Heat-rejection fans: design power = ratio × design heat through the towers / dry coolers
  // (the run's largest), speed ∝ load with a minimum speed, power ∝ speed³ (affinity laws;
  // EnergyPlus CoolingTower:VariableSpeed fan power P_des·FR_air³). Ratio: towers 90.1 App. G;
  // dry coolers the BAC Trillium record (cooling.toml).
  const double q_rej_design = n > 0 ? tower_fan_w.maxCoeff() : 0.0;
  // Adiabatic spray water: the air the fans move (design flow Q_des/(c_p,air·5.56 K), times the
  // fan speed below) is cooled by T_db − T_in; the water evaporated takes that sensible heat as
  // latent heat, m_evap = m_air·c_p,air·(T_db − T_in)/h_fg. Bleed-off to hold the pad water's
  // concentration: evap/(CR − 1), with the towers' cycles of concentration (assumption: the
  // same water treatment as a tower).
  if (adiabatic && q_rej_design > 0.0) {
    const double m_air_des = q_rej_design / (kAirCp * kDryCoolerAirDeltaK);
    const double bleed = 1.0 / (c.cycles_of_concentration - 1.0);
    for (Eigen::Index k = 0; k < n; ++k) {
      const double cooled_k = dry_bulb[k] - coil_air_c(dry_bulb[k], wet_bulb[k]);
      if (cooled_k <= 0.0 || tower_fan_w[k] <= 0.0) continue;
      const double speed = std::max(tower_fan_w[k] / q_rej_design, c.tower_fan_min_speed);
      const double evap_kg_s = m_air_des * speed * kAirCp * cooled_k / kWaterHfg;
      water_kg_s[k] = evap_kg_s * (1.0 + bleed);
    }
  }
  const double ratio = tower ? c.tower_fan_power_ratio : c.dry_cooler_fan_power_ratio;
  if (q_rej_design > 0.0) {
    // No heat through them (air-cooled chillers carrying everything): fans off.
    tower_fan_w = (tower_fan_w > 0.0)
                      .select(ratio * q_rej_design *
                                  (tower_fan_w / q_rej_design).max(c.tower_fan_min_speed).cube(),
                              0.0);
  } else {
    tower_fan_w.setZero();
  }
  // Fan heat leaves with the exhaust air: not part of heat rejected by the water loop.
  total_w = crah_fan_w + chw_pump_w + cw_pump_w + chiller_w + tower_fan_w + cdu_pump_w + fw_pump_w;
  return out;
}

}  // namespace dcload::detail
