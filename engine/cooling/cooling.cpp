// Cooling stage: the halls' loops on one shared plant, step by step, composed from the models in
// components.hpp and chiller.hpp the way the plant diagram connects them.
//
//   each hall: CRAH fans → chilled-water loop (air share of the heat)
//              CDUs → facility-water loop (liquid share; immersion: all IT heat)
//   plant:     water-side economizer (plate heat exchanger per loop) → chillers (staged, one
//              model for the plant) → condenser water → towers / dry coolers / adiabatic coolers
//
// The mode (free / partial / mechanical) of every loop follows the approach-temperature rule of
// Lei & Masanet (Energy 201 (2020) 117556; tool nuoaleon/Data-center-PUE-prediction-tool
// @11663ab7). Equipment limits come from the sized plant (PlantDesign); with `sizing` the plant
// is evaluated without limits at the design states (engine/design/design.cpp). Design notes and
// validation: engine/cooling/README.md.
#include <algorithm>
#include <cmath>
#include <limits>

#include "cooling/chiller.hpp"
#include "cooling/components.hpp"
#include "stages.hpp"
#include "weather/psychro.hpp"

namespace dcload::detail {

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

namespace {

// Dry-cooler air ΔT at design: the Modelica Buildings dry-cooler record sets the design
// coolant-to-air mass-flow ratio to c_p,air/c_p,water (balanced capacity rates; CoolingTowers/
// Data/DryCooler/Generic.mo @033e0e29), so the air warms by the fluid's design ΔT, 46.11 −
// 40.55 = 5.56 K in the BAC Trillium record.
constexpr double kDryCoolerAirDeltaK = 5.56;
// Chilled-water loops at or below this supply temperature are "air plant" loops for the Lei &
// Masanet regression, which was fitted on such plants; warmer loops use the Carnot fraction.
constexpr double kLeiMasanetMaxSupplyC = 20.0;

// One water loop on the plant: a hall's chilled-water (air) loop or facility-water loop.
struct Loop {
  double supply_c = 0, return_c = 0, hx_approach_k = 0;
  std::size_t hall = 0;
  bool liquid = false;
};

}  // namespace

CoolingSeries compute_cooling(const Site& site, const PlantDesign& d, const Weather& w,
                              const std::vector<Series>& hall_indoor_w,
                              const std::vector<Series>& hall_liquid_w, bool sizing) {
  const CoolingSpec& c = site.cooling;
  const std::size_t n_halls = site.halls.size();
  const Eigen::Index n = static_cast<Eigen::Index>(w.size());
  const bool tower = c.heat_rejection == HeatRejection::kTower;
  const bool adiabatic = c.heat_rejection == HeatRejection::kAdiabatic;
  const bool york = tower && c.tower_model == TowerModel::kYorkCalc;
  const bool psychrometric = tower && c.tower_water_model == TowerWaterModel::kPsychrometric;
  const bool air_cooled = c.chiller_type == ChillerType::kAirCooled;
  const ChillerCurveSet* eir_set = c.chiller_model == ChillerModel::kDoe2Centrifugal
                                       ? &doe2_centrifugal_set()
                                   : c.chiller_model == ChillerModel::kCarrier30rb390
                                       ? &carrier_30rb390_set()
                                       : nullptr;
  const double unit_w = in_si(c.chiller.unit);
  const double range = in_si(c.tower_range);
  const double step_h = w.timestep_s / 3600.0;
  const double chw_dp = in_si(c.chilled_water_pump_head);
  const double cw_dp = in_si(c.condenser_water_pump_head);
  const double pump_eta = c.pump_efficiency;
  const double approach_rej =
      tower ? in_si(c.tower_approach) : in_si(c.dry_cooler_approach);
  const double adiabatic_on_c = in_celsius(c.adiabatic_threshold);
  const double eps_pad = c.adiabatic_effectiveness;

  CoolingSeries out;
  for (Series* a : {&out.crah_fan_w, &out.chw_pump_w, &out.cw_pump_w, &out.chiller_w,
                    &out.tower_fan_w, &out.cdu_pump_w, &out.fw_pump_w, &out.total_w,
                    &out.chiller_load_w, &out.heat_rejected_w, &out.reusable_heat_w,
                    &out.water_kg_s, &out.evaporation_kg_s, &out.latent_w, &out.mode})
    a->assign(static_cast<size_t>(n), 0.0);
  out.hall_air_free_hours.assign(n_halls, 0.0);
  out.hall_liquid_free_hours.assign(n_halls, 0.0);
  out.component_max_w.assign(d.components.size(), 0.0);
  out.component_hours_over.assign(d.components.size(), 0.0);
  // Largest load and hours over the installed units of a component (index into d.components).
  auto load_on = [&](int comp, double load_w) {
    if (comp < 0) return;
    const auto i = static_cast<size_t>(comp);
    const ComponentSize& cs = d.components[i];
    out.component_max_w[i] = std::max(out.component_max_w[i], load_w);
    if (!sizing && load_w > cs.installed * cs.unit_w * (1 + 1e-9)) out.component_hours_over[i] += step_h;
  };
  auto hall_component = [&](std::size_t h, bool cdu) {
    if (h >= d.halls.size()) return -1;
    return cdu ? d.halls[h].cdu_component : d.halls[h].crah_component;
  };

  // The loops of the plant: an air loop per hall, a facility-water loop per liquid hall.
  std::vector<Loop> loops;
  for (std::size_t h = 0; h < n_halls; ++h) {
    const HallSpec& hs = site.halls[h];
    const double chws = in_celsius(hs.chilled_water_supply);
    loops.push_back({chws, chws + in_si(hs.chilled_water_delta_t), in_si(hs.economizer_approach),
                     h, false});
    if (hs.has_liquid_loop()) {
      const double fws = in_celsius(hs.facility_water_supply);
      loops.push_back({fws, fws + in_si(hs.facility_water_delta_t),
                       in_si(hs.economizer_approach), h, true});
    }
  }
  // Warmest loop return: the reusable heat (liquid halls' facility water, else chilled water).
  double warmest_c = -std::numeric_limits<double>::infinity();
  for (const Loop& l : loops) warmest_c = std::max(warmest_c, l.return_c);
  out.reusable_heat_c = warmest_c;

  // Per-hall constants.
  struct HallConst {
    double t_sa_c, dt_air, fan_dp, fan_eta, dt_chw, dt_fw, dt_cdu, cdu_dp;
    bool two_phase, air_econ;
    double pv_max_pa;
  };
  std::vector<HallConst> hc(n_halls);
  for (std::size_t h = 0; h < n_halls; ++h) {
    const HallSpec& hs = site.halls[h];
    HallConst& k = hc[h];
    k.t_sa_c = in_celsius(hs.supply_air());
    k.dt_air = in_si(hs.air_delta_t);
    k.fan_dp = in_si(hs.crah_fan_pressure);
    k.fan_eta = hs.crah_fan_efficiency;
    k.dt_chw = in_si(hs.chilled_water_delta_t);
    k.dt_fw = in_si(hs.facility_water_delta_t);
    k.dt_cdu = in_si(hs.cdu_delta_t);
    k.cdu_dp = in_si(hs.cdu_pump_head);
    k.two_phase = hs.technology == CoolingTechnology::kImmersionTwoPhase;
    k.air_econ = hs.air_economizer && hs.technology == CoolingTechnology::kAir;
    // Air-side economizer envelope: vapour pressure ≤ min(p_ws(dew-point limit),
    // RH limit · p_ws(T_sa)) — the ASHRAE class A1 allowable upper limits.
    k.pv_max_pa =
        k.air_econ ? std::min(weather_detail::saturation_pressure_pa(
                                  in_celsius(hs.air_economizer_max_dew_point)),
                              hs.air_economizer_max_rh *
                                  weather_detail::saturation_pressure_pa(k.t_sa_c))
                   : 0.0;
  }

  // Per-step scratch (a few loops; allocated once per block).
  std::vector<double> q_loop(loops.size()), q_loop_ch(loops.size()), need_loop(loops.size());
  std::vector<int> loop_mode(loops.size());
  std::vector<double> hall_exhaust(n_halls), hall_pad_water(n_halls);

  for (Eigen::Index k = 0; k < n; ++k) {
    const size_t ks = static_cast<size_t>(k);
    const double db = w.dry_bulb_c[ks], wb = w.wet_bulb_c[ks], p = w.pressure_pa[ks];
    // ---- halls: CRAH fans, chilled-water and facility-water loops ----
    double crah_fan = 0, chw_pump = 0, cdu_pump = 0, fw_pump = 0;
    size_t li = 0;
    for (std::size_t h = 0; h < n_halls; ++h) {
      const HallConst& k2 = hc[h];
      const double indoor = hall_indoor_w[h][ks];
      const double q_liq = std::clamp(hall_liquid_w[h][ks], 0.0, indoor);
      const double q_room = indoor - q_liq;
      // CRAH fans move the room heat at the design air ΔT; fan heat adds to the coil load.
      const double p_fan = crah_fan_power_w(q_room, supply_air_density(k2.t_sa_c, p), k2.dt_air,
                                            k2.fan_dp, k2.fan_eta);
      load_on(hall_component(h, false), q_room + p_fan);
      double q_chw = q_room + p_fan;
      hall_exhaust[h] = 0;
      hall_pad_water[h] = 0;
      if (k2.air_econ) {
        // Outdoor air (100 %, or mixed with return air below T_sa) pad-cooled toward its
        // wet-bulb, T_del = T_db − ε (T_db − T_wb) when T_db > T_sa, taking on the water it
        // evaporates, W_del = W_oa + c_p,a (T_db − T_del)/h_fg; supplied when that moisture keeps
        // the supply air in the envelope, else dry; the coil trims (T_del − T_sa)/(T_ra − T_sa).
        const double t_ra = k2.t_sa_c + k2.dt_air;
        const double w_oa = weather_detail::humidity_ratio_from_wet_bulb(db, wb, p);
        const double w_max = weather_detail::humidity_ratio(k2.pv_max_pa, p);
        double t_del = db, w_del = w_oa;
        if (db > k2.t_sa_c) {
          const double t_pad = db - eps_pad * (db - wb);
          const double w_pad = w_oa + kAirCp * (db - t_pad) / kWaterHfg;
          if (w_pad <= w_max) t_del = t_pad, w_del = w_pad;
        }
        int mode_ae = kMechanical;
        double share_ae = 1.0;
        if (w_del <= w_max) share_ae = economizer_chiller_share(t_del, k2.t_sa_c, t_ra, mode_ae);
        const double m_air = q_chw / (kAirCp * k2.dt_air);
        hall_exhaust[h] = q_chw * (1.0 - share_ae);  // leaves with the exhaust air
        hall_pad_water[h] = share_ae < 1.0 ? m_air * (w_del - w_oa) : 0.0;
        q_chw *= share_ae;
      }
      const double p_chw = pump_power_w(q_chw, k2.dt_chw, chw_dp, pump_eta);
      q_chw += p_chw;
      crah_fan += p_fan;
      chw_pump += p_chw;
      q_loop[li++] = q_chw;
      if (site.halls[h].has_liquid_loop()) {
        // CDU pumps drive the IT-side coolant; facility-water pumps the plant side (head: the
        // chilled-water distribution head, the same kind of loop). Two-phase tanks need no
        // IT-side pump: boiling carries the heat to the condenser coil.
        double q_fw = 0, p_cdu = 0, p_fwp = 0;
        if (q_liq > 0) {
          p_cdu = k2.two_phase ? 0.0 : pump_power_w(q_liq, k2.dt_cdu, k2.cdu_dp, pump_eta);
          q_fw = q_liq + p_cdu;
          p_fwp = pump_power_w(q_fw, k2.dt_fw, chw_dp, pump_eta);
          q_fw += p_fwp;
        }
        load_on(hall_component(h, true), q_liq + p_cdu);
        cdu_pump += p_cdu;
        fw_pump += p_fwp;
        q_loop[li++] = q_fw;
      }
    }
    double q_loops = 0, q_exhaust = 0, pad_water = 0;
    for (double q : q_loop) q_loops += q;
    for (std::size_t h = 0; h < n_halls; ++h) {
      q_exhaust += hall_exhaust[h];
      pad_water += hall_pad_water[h];
    }

    // ---- fluid leaving the heat rejection ----
    // Load fraction of the towers / coolers against the design (sizing: at design by
    // definition). YorkCalc: condenser water flows ∝ load at the design range and fans follow
    // load (≥ minimum speed), so L/G = LG_des·f/max(f, f_min).
    const double f = sizing ? 1.0 : (d.loop_heat_w > 0 ? q_loops / d.loop_heat_w : 0.0);
    double approach = approach_rej;
    if (york) {
      const double lg = f > 0 ? d.tower_lg * f / std::max(f, c.tower_fan_min_speed) : d.tower_lg;
      bool oor = false;
      approach = yorkcalc_approach(wb, range, lg, oor);
      if (oor) out.tower_curve_out_of_range_hours += step_h;
    }
    // Adiabatic coolers: the pads run only when the dry coil would leave any loop carrying heat
    // short of free cooling (vendor control: dry first, spray when the dry coil at full fan
    // misses the set point), and above adiabatic_threshold.
    bool pads = false;
    if (adiabatic && db > adiabatic_on_c) {
      for (size_t i = 0; i < loops.size(); ++i)
        if (q_loop[i] > 0 && db + approach_rej + loops[i].hx_approach_k > loops[i].supply_c)
          pads = true;
    }
    const double coil_air_c = pads ? db - eps_pad * (db - wb) : db;
    const double t_rej = (tower ? wb : coil_air_c) + approach;

    // ---- economizer per loop, then chillers ----
    double q_ch = 0;
    bool any_on = false, all_free = true, all_mech = true;
    bool air_free_all = true, liq_free_all = true, air_any = false, liq_any = false;
    for (size_t i = 0; i < loops.size(); ++i) {
      const Loop& l = loops[i];
      const bool exhaust_part = !l.liquid && hall_exhaust[l.hall] > 0;
      const bool carries = q_loop[i] > 0 || exhaust_part;
      int m = kFree;
      double share = 0.0;
      if (q_loop[i] > 0) share = economizer_chiller_share(t_rej + l.hx_approach_k, l.supply_c, l.return_c, m);
      // Outdoor air carrying part of a hall's load makes a mechanical water side partial.
      if (exhaust_part && m == kMechanical) m = kPartial;
      loop_mode[i] = m;
      q_loop_ch[i] = q_loop[i] * share;
      q_ch += q_loop_ch[i];
      if (!carries) continue;
      any_on = true;
      all_free = all_free && m == kFree;
      all_mech = all_mech && m == kMechanical;
      if (l.liquid) {
        liq_any = true;
        liq_free_all = liq_free_all && m == kFree;
        if (m == kFree) out.hall_liquid_free_hours[l.hall] += step_h;
      } else {
        air_any = true;
        air_free_all = air_free_all && m == kFree;
        if (m == kFree) out.hall_air_free_hours[l.hall] += step_h;
      }
    }
    out.mode[ks] = !any_on || all_free ? kFree : all_mech ? kMechanical : kPartial;
    if (air_any && air_free_all) out.air_loop_free_hours += step_h;
    if (liq_any && liq_free_all) out.liquid_loop_free_hours += step_h;

    double p_chiller = 0.0;
    if (q_ch > 0.0) {
      // Condenser entering: outdoor dry-bulb (air-cooled) or the condenser water leaving the
      // heat rejection, not below the chillers' minimum (water-cooled).
      const double t_cond_in = air_cooled ? db : std::max(t_rej, kMinCondenserC);
      bool clamped = false, low_load = false;
      // Unit-equivalents needed: Σ Q_loop/(Q_unit·CAPFT_loop) (CAPFT = 1 for the Carnot and
      // regression models, rated at their capacity everywhere); staged so just enough run.
      double need = 0;
      for (size_t i = 0; i < loops.size(); ++i) {
        need_loop[i] = q_loop_ch[i] > 0
                           ? q_loop_ch[i] / (unit_w * (eir_set ? eir_set->capft(loops[i].supply_c,
                                                                                t_cond_in, clamped)
                                                               : 1.0))
                           : 0.0;
        need += need_loop[i];
      }
      // Chillers: capacity in unit-equivalents (CAPFT-corrected for the EIR sets).
      if (d.chiller_component >= 0) {
        const auto ci = static_cast<size_t>(d.chiller_component);
        out.component_max_w[ci] = std::max(out.component_max_w[ci], q_ch);
        if (!sizing && need > d.chillers_installed * (1 + 1e-12)) out.component_hours_over[ci] += step_h;
      }
      if (!sizing && need > d.chillers_duty * (1 + 1e-12)) out.redundancy_lost_hours += step_h;
      const int on = std::max(1, static_cast<int>(std::ceil(need - 1e-9)));
      const double plr = std::min(1.0, need / on);
      bool lm_oor = false;
      for (size_t i = 0; i < loops.size(); ++i) {
        const double q = q_loop_ch[i];
        if (!(q > 0)) continue;
        const double leaving = loops[i].supply_c;
        if (eir_set != nullptr) {
          p_chiller += chiller_power_eir(*eir_set, leaving, t_cond_in, q, unit_w,
                                         on * need_loop[i] / need, clamped);
        } else if (c.chiller_model == ChillerModel::kLeiMasanet && leaving <= kLeiMasanetMaxSupplyC) {
          p_chiller += chiller_power_lm(q, t_cond_in, plr, lm_oor, low_load);
        } else {
          p_chiller += chiller_power_carnot(q, leaving, t_cond_in + range, plr, low_load);
        }
      }
      if (clamped || lm_oor) out.chiller_curve_out_of_range_hours += step_h;
      if (low_load || (eir_set != nullptr && plr < eir_set->min_unload))
        out.chiller_cycling_hours += step_h;
    }
    out.chiller_w[ks] = p_chiller;
    out.chiller_load_w[ks] = q_ch;
    out.reusable_heat_w[ks] = q_loops;

    // ---- condenser water, heat rejection, water ----
    // Condenser water carries the loop heat plus compressor work (water-cooled chillers); with
    // air-cooled chillers only the economizer's share, the chillers' heat leaving through their
    // own coils.
    double q_cw = air_cooled ? q_loops - q_ch : q_loops + p_chiller;
    const double v_cw = q_cw / (kWaterRho * kWaterCp * range);
    const double p_cw = v_cw * cw_dp / pump_eta;
    q_cw += p_cw;
    out.cw_pump_w[ks] = p_cw;
    out.heat_rejected_w[ks] = q_cw + (air_cooled ? q_ch + p_chiller : 0.0) + q_exhaust;
    const double speed = sizing ? 1.0 : (d.rejection_w > 0 ? q_cw / d.rejection_w : 0.0);
    const double ratio = tower ? c.tower_fan_power_ratio : c.dry_cooler_fan_power_ratio;
    const double fan_design_w = sizing ? ratio * q_cw : d.fan_design_w;
    out.tower_fan_w[ks] = affinity_fan_power_w(fan_design_w, speed, c.tower_fan_min_speed, q_cw > 0);
    load_on(d.rejection_component, q_cw);
    const double fr = std::max(speed, c.tower_fan_min_speed);  // air-flow ratio of the fans
    double evap = 0, water = 0;
    if (tower && q_cw > 0) {
      if (psychrometric) {
        // Air: the design volume flow × the fans' air-flow ratio, at the inlet moist-air density.
        const double w_in = weather_detail::humidity_ratio_from_wet_bulb(db, wb, p);
        const double rho = weather_detail::density_kg_m3(db, w_in, p);
        const double v_air = sizing ? c.tower_air_m3_s_per_w * q_cw : d.tower_air_m3_s * fr;
        const TowerEvaporation e =
            tower_evaporation(q_cw, v_air * rho, db, wb, p, t_rej + range, w_in);
        evap = e.evaporation_kg_s;
      } else {
        // EnergyPlus LossFactor mode: evaporation = factor (per K) × range × water flow.
        evap = c.tower_evaporation_per_k * range * v_cw * kWaterRho;
      }
      // Drift: a fraction of the design water flow × the air-flow ratio (EnergyPlus); blowdown
      // holds the cycles of concentration: evap/(CR − 1) − drift.
      const double v_cw_design = sizing ? v_cw : d.rejection_w / (kWaterRho * kWaterCp * range);
      const double drift = c.tower_drift * v_cw_design * fr * kWaterRho;
      const double blowdown = std::max(0.0, evap / (c.cycles_of_concentration - 1.0) - drift);
      water = evap + drift + blowdown;
      out.latent_w[ks] = evap * kWaterHfg;
    } else if (pads && q_cw > 0) {
      // Adiabatic spray: the fan air (design flow Q_des/(c_p,air·5.56 K) × speed) is cooled by
      // T_db − T_in; the water evaporated takes that sensible heat as latent heat; bleed-off
      // holds the pads' water at the towers' cycles of concentration (assumption).
      const double m_air = (sizing ? q_cw : d.rejection_w) / (kAirCp * kDryCoolerAirDeltaK) * fr;
      evap = m_air * kAirCp * (db - coil_air_c) / kWaterHfg;
      water = evap * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
      out.latent_w[ks] = evap * kWaterHfg;
    }
    // Air-economizer pads: their water plus bleed-off at the same cycles of concentration.
    if (pad_water > 0) {
      evap += pad_water;
      water += pad_water * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
    }
    load_on(d.chw_pump_component, chw_pump);
    load_on(d.cw_pump_component, p_cw);
    load_on(d.fw_pump_component, fw_pump);
    out.evaporation_kg_s[ks] = evap;
    out.water_kg_s[ks] = water;
    out.crah_fan_w[ks] = crah_fan;
    out.chw_pump_w[ks] = chw_pump;
    out.cdu_pump_w[ks] = cdu_pump;
    out.fw_pump_w[ks] = fw_pump;
  }
  as_array(out.total_w) = as_array(out.crah_fan_w) + as_array(out.chw_pump_w) +
                          as_array(out.cw_pump_w) + as_array(out.chiller_w) +
                          as_array(out.tower_fan_w) + as_array(out.cdu_pump_w) +
                          as_array(out.fw_pump_w);
  return out;
}

}  // namespace dcload::detail
