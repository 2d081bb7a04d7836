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
#include "cooling/cold_source.hpp"
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

// A hall's loop figures, in plain doubles.
struct HallConst {
  double t_sa_c, dt_air, fan_dp, fan_eta, dt_chw, dt_fw, dt_cdu, cdu_dp;
  // the pumps' power at design flow, from the sized plant (0 in the sizing pass)
  double chw_pump_design_w = 0, fw_pump_design_w = 0;
  bool two_phase, air_econ, liquid_loop;
  // DX CRAC units (technology dx): no chilled-water loop; the coils' entering wet-bulb (the
  // hall's return air at its dew point), rated unit capacity and COP
  bool dx = false;
  double dx_entering_wb_c = 0, dx_unit_w = 0, dx_cop = 0;
  double pv_max_pa;  // air-side economizer: largest vapour pressure of the supply air
};

// The plant's figures, once per call.
struct PlantConst {
  bool tower, adiabatic, york, psychrometric, air_cooled;
  const ChillerCurveSet* eir_set;
  ChillerModel model;
  double unit_w, range, chw_dp, cw_dp, pump_eta, approach_rej, adiabatic_on_c, eps_pad;
  // pump and tower-fan control (engine/cooling/README.md, "Pumps and tower fans")
  PumpControl chw_ctl, cw_ctl, fw_ctl;
  PumpCurve pump_curve;
  double pump_min = 0, cw_pump_design_w = 0;
  TowerFanControl fan_ctl;
  bool setpoint_fans = false;  // the fans hold a condenser set point (not in sizing)
  std::vector<Loop> loops;  // an air loop per hall, a facility-water loop per liquid hall
  std::vector<HallConst> halls;
};

// `rej`: the heat rejection to model (the site's, or towers for the reference of a
// seawater-only plant); `d` the sized plant (its pumps' design power; none while sizing).
PlantConst plant_const(const Site& site, HeatRejection rej, const PlantDesign& d, bool sizing) {
  const CoolingSpec& c = site.cooling;
  PlantConst k;
  k.tower = rej == HeatRejection::kTower;
  k.adiabatic = rej == HeatRejection::kAdiabatic;
  k.york = k.tower && c.tower_model == TowerModel::kYorkCalc;
  k.psychrometric = k.tower && c.tower_water_model == TowerWaterModel::kPsychrometric;
  k.air_cooled = c.chiller_type == ChillerType::kAirCooled;
  k.model = c.chiller_model;
  k.eir_set = c.chiller_model == ChillerModel::kDoe2Centrifugal  ? &doe2_centrifugal_set()
              : c.chiller_model == ChillerModel::kCarrier30rb390 ? &carrier_30rb390_set()
                                                                  : nullptr;
  k.unit_w = in_si(c.chiller.unit);
  k.range = in_si(c.tower_range);
  k.chw_dp = in_si(c.chilled_water_pump_head);
  k.cw_dp = in_si(c.condenser_water_pump_head);
  k.pump_eta = c.pump_efficiency;
  k.approach_rej = k.tower ? in_si(c.tower_approach) : in_si(c.dry_cooler_approach);
  k.adiabatic_on_c = in_celsius(c.adiabatic_threshold);
  k.eps_pad = c.adiabatic_effectiveness;
  k.chw_ctl = c.chilled_water_pump_control;
  k.cw_ctl = c.condenser_water_pump_control;
  k.fw_ctl = c.facility_water_pump_control;
  k.pump_curve = c.pump_curve;
  k.pump_min = c.pump_min_flow;
  k.fan_ctl = c.tower_fan_control;
  k.setpoint_fans = !sizing && k.york && c.tower_fan_control != TowerFanControl::kFollowLoad;
  if (!sizing && d.cw_pump_component >= 0)
    k.cw_pump_design_w = d.components[static_cast<size_t>(d.cw_pump_component)].design_load_w;
  for (std::size_t h = 0; h < site.halls.size(); ++h) {
    const HallSpec& hs = site.halls[h];
    const double chws = in_celsius(hs.chilled_water_supply);
    const bool dx = hs.technology == CoolingTechnology::kDx;
    if (!dx)
      k.loops.push_back({chws, chws + in_si(hs.chilled_water_delta_t),
                         in_si(hs.economizer_approach), h, false});
    if (hs.has_liquid_loop()) {
      const double fws = in_celsius(hs.facility_water_supply);
      k.loops.push_back({fws, fws + in_si(hs.facility_water_delta_t),
                         in_si(hs.economizer_approach), h, true});
    }
    HallConst x;
    x.t_sa_c = in_celsius(hs.supply_air());
    x.dt_air = in_si(hs.air_delta_t);
    x.fan_dp = in_si(hs.crah_fan_pressure);
    x.fan_eta = hs.crah_fan_efficiency;
    x.dt_chw = in_si(hs.chilled_water_delta_t);
    x.dt_fw = in_si(hs.facility_water_delta_t);
    x.dt_cdu = in_si(hs.cdu_delta_t);
    x.cdu_dp = in_si(hs.cdu_pump_head);
    x.two_phase = hs.technology == CoolingTechnology::kImmersionTwoPhase;
    x.air_econ = hs.air_economizer && (hs.technology == CoolingTechnology::kAir || dx);
    x.dx = dx;
    if (dx) {
      // Entering the coil: the return air, supply + air ΔT, at the hall's dew point (the sealed
      // room's humidity), at the site's mean pressure.
      const double t_ra = x.t_sa_c + x.dt_air;
      const double pv = weather_detail::saturation_pressure_pa(in_celsius(c.dx_room_dew_point));
      const double p = d.pressure_pa > 0 ? d.pressure_pa : 101325.0;
      x.dx_entering_wb_c = weather_detail::wet_bulb_c(
          t_ra, std::min(1.0, pv / weather_detail::saturation_pressure_pa(t_ra)), p);
      x.dx_unit_w = in_si(c.dx.unit);
      x.dx_cop = c.dx_cop;
    }
    x.liquid_loop = hs.has_liquid_loop();
    // Design flow of the pumps: the design heat of the hall's loops (CRAH coils, CDUs) at
    // their ΔT, the same flow the sizing pass gave them.
    if (!sizing && !dx && h < d.halls.size()) {
      x.chw_pump_design_w = pump_power_w(d.halls[h].air_heat_w, x.dt_chw, k.chw_dp, k.pump_eta);
      x.fw_pump_design_w = pump_power_w(d.halls[h].liquid_heat_w, x.dt_fw, k.chw_dp, k.pump_eta);
    }
    // Air-side economizer envelope: vapour pressure ≤ min(p_ws(dew-point limit),
    // RH limit · p_ws(T_sa)) — the ASHRAE class A1 allowable upper limits.
    x.pv_max_pa = x.air_econ ? std::min(weather_detail::saturation_pressure_pa(
                                            in_celsius(hs.air_economizer_max_dew_point)),
                                        hs.air_economizer_max_rh *
                                            weather_detail::saturation_pressure_pa(x.t_sa_c))
                             : 0.0;
    k.halls.push_back(x);
  }
  return k;
}

struct Outdoor {
  double db, wb, p;
};

// ---- a hall's air loop: CRAH fans, optional air-side economizer, chilled-water pumps --------
struct AirLoopStep {
  double crah_load_w = 0;  // heat through the CRAHs (room heat + fan heat)
  double fan_w = 0, pump_w = 0;
  double chw_w = 0;        // heat into the chilled-water loop (after the air economizer)
  double exhaust_w = 0;    // heat leaving with the exhaust air (air economizer)
  double pad_water_kg_s = 0;
};

AirLoopStep air_loop_step(const HallConst& k, const PlantConst& pc, double q_room, Outdoor o) {
  AirLoopStep r;
  // CRAH fans move the room heat at the design air ΔT; fan heat adds to the coil load.
  r.fan_w = crah_fan_power_w(q_room, supply_air_density(k.t_sa_c, o.p), k.dt_air, k.fan_dp,
                             k.fan_eta);
  r.crah_load_w = q_room + r.fan_w;
  double q_chw = r.crah_load_w;
  if (k.air_econ) {
    // Outdoor air (100 %, or mixed with return air below T_sa) pad-cooled toward its
    // wet-bulb, T_del = T_db − ε (T_db − T_wb) when T_db > T_sa, taking on the water it
    // evaporates, W_del = W_oa + c_p,a (T_db − T_del)/h_fg; supplied when that moisture keeps
    // the supply air in the envelope, else dry; the coil trims (T_del − T_sa)/(T_ra − T_sa).
    const double t_ra = k.t_sa_c + k.dt_air;
    const double w_oa = weather_detail::humidity_ratio_from_wet_bulb(o.db, o.wb, o.p);
    const double w_max = weather_detail::humidity_ratio(k.pv_max_pa, o.p);
    double t_del = o.db, w_del = w_oa;
    if (o.db > k.t_sa_c) {
      const double t_pad = o.db - pc.eps_pad * (o.db - o.wb);
      const double w_pad = w_oa + kAirCp * (o.db - t_pad) / kWaterHfg;
      if (w_pad <= w_max) t_del = t_pad, w_del = w_pad;
    }
    int mode = kMechanical;
    double share = 1.0;
    if (w_del <= w_max) share = economizer_chiller_share(t_del, k.t_sa_c, t_ra, mode);
    const double m_air = q_chw / (kAirCp * k.dt_air);
    r.exhaust_w = q_chw * (1.0 - share);
    r.pad_water_kg_s = share < 1.0 ? m_air * (w_del - w_oa) : 0.0;
    q_chw *= share;
  }
  // DX units: the coil load goes to their compressors, no chilled-water pumps.
  r.pump_w = k.dx ? 0.0
                  : controlled_pump_power_w(pump_power_w(q_chw, k.dt_chw, pc.chw_dp, pc.pump_eta),
                                            k.chw_pump_design_w, pc.chw_ctl, pc.pump_curve,
                                            pc.pump_min);
  r.chw_w = q_chw + r.pump_w;
  return r;
}

// ---- a hall's liquid loop: CDU pumps (IT side) and facility-water pumps ---------------------
struct LiquidLoopStep {
  double cdu_load_w = 0, cdu_pump_w = 0, fw_pump_w = 0;
  double fw_w = 0;  // heat into the facility-water loop
};

LiquidLoopStep liquid_loop_step(const HallConst& k, const PlantConst& pc, double q_liq) {
  // CDU pumps drive the IT-side coolant; facility-water pumps the plant side (head: the
  // chilled-water distribution head, the same kind of loop). Two-phase tanks need no IT-side
  // pump: boiling carries the heat to the condenser coil.
  LiquidLoopStep r;
  if (q_liq > 0) {
    r.cdu_pump_w = k.two_phase ? 0.0 : pump_power_w(q_liq, k.dt_cdu, k.cdu_dp, pc.pump_eta);
    r.fw_pump_w = controlled_pump_power_w(
        pump_power_w(q_liq + r.cdu_pump_w, k.dt_fw, pc.chw_dp, pc.pump_eta), k.fw_pump_design_w,
        pc.fw_ctl, pc.pump_curve, pc.pump_min);
    r.fw_w = q_liq + r.cdu_pump_w + r.fw_pump_w;
  }
  r.cdu_load_w = q_liq + r.cdu_pump_w;
  return r;
}

// ---- the fluid the heat rejection delivers: towers (YorkCalc or constant approach), dry or
// adiabatic coolers ------------------------------------------------------------------------
struct RejectionFluid {
  double t_rej_c = 0;      // condenser / economizer water leaving the heat rejection
  double coil_air_c = 0;   // air entering a dry coil (pad-cooled when the pads run)
  bool pads = false;       // adiabatic pads running
  bool york_out_of_range = false;
  // set-point tower control: the fans' time-mean air-flow and power ratios (< 0: fans follow
  // the load), and whether full speed missed the set point
  double air_ratio = -1, fan_power_ratio = -1;
  bool setpoint_unmet = false;
};

// The condenser-water water-flow ratio and actual range at load fraction f: variable pumps
// carry the heat at the design range (not below their minimum flow), constant pumps design
// flow with the range shrinking with the heat.
struct CondenserFlow {
  double water_ratio = 1, range_k = 0;
};
CondenserFlow condenser_flow(const PlantConst& pc, double f, bool sizing) {
  if (sizing || !(f > 0)) return {1.0, pc.range};
  const double wr = pc.cw_ctl == PumpControl::kConstant ? 1.0 : std::max(f, pc.pump_min);
  return {wr, pc.range * f / wr};
}

RejectionFluid rejection_fluid(const PlantConst& pc, const PlantDesign& d, const CoolingSpec& c,
                               const std::vector<double>& q_loop, double load_fraction,
                               Outdoor o, bool sizing) {
  RejectionFluid r;
  // YorkCalc: condenser water at its flow ratio (condenser_flow) and fans following the load
  // (≥ minimum speed), so L/G = LG_des·FR_water/max(f, f_min); or fans holding a set point.
  double approach = pc.approach_rej;
  if (pc.york) {
    const double f = load_fraction;
    const CondenserFlow cf = condenser_flow(pc, f, sizing);
    if (pc.setpoint_fans && f > 0) {
      // The set point, or colder while a loaded loop's economizer could still take more of its
      // load (the towers then make the water that frees it fully; Stein 2009's free-cooling
      // mode runs the towers for the economizer, not the chillers).
      const double setpoint = c.condenser_setpoint_control == CondenserSetpoint::kFixed
                          ? in_celsius(c.condenser_setpoint)
                          : std::clamp(o.wb + in_si(c.condenser_setpoint_approach),
                                       in_celsius(c.condenser_setpoint_min),
                                       in_celsius(c.condenser_setpoint));
      double target = setpoint;
      const double lg_full = d.tower_lg * cf.water_ratio;
      bool oor = false;
      const double t_full = o.wb + yorkcalc_approach(o.wb, cf.range_k, lg_full, oor);
      for (size_t i = 0; i < pc.loops.size(); ++i)
        if (q_loop[i] > 0 && t_full + pc.loops[i].hx_approach_k < pc.loops[i].return_c)
          target = std::min(target, pc.loops[i].supply_c - pc.loops[i].hx_approach_k);
      const TowerFans tf = tower_fans_for_setpoint(
          pc.fan_ctl, o.wb, cf.range_k, d.tower_lg, cf.water_ratio, target,
          c.tower_fan_min_speed, c.tower_low_speed_flow, c.tower_low_speed_power);
      r.t_rej_c = tf.leaving_c;
      r.air_ratio = tf.air_ratio;
      r.fan_power_ratio = tf.power_ratio;
      r.setpoint_unmet = tf.leaving_c > setpoint + 1e-9;  // the user's set point, not the economizer's
      r.york_out_of_range = tf.out_of_range;
      return r;
    }
    const double lg = f > 0 ? d.tower_lg * cf.water_ratio / std::max(f, c.tower_fan_min_speed)
                            : d.tower_lg;
    approach = yorkcalc_approach(o.wb, cf.range_k, lg, r.york_out_of_range);
  }
  // Adiabatic coolers: the pads run only when the dry coil would leave any loop carrying heat
  // short of free cooling (vendor control: dry first, spray when the dry coil at full fan
  // misses the set point), and above adiabatic_threshold.
  if (pc.adiabatic && o.db > pc.adiabatic_on_c)
    for (size_t i = 0; i < pc.loops.size(); ++i)
      if (q_loop[i] > 0 && o.db + pc.approach_rej + pc.loops[i].hx_approach_k > pc.loops[i].supply_c)
        r.pads = true;
  r.coil_air_c = r.pads ? o.db - pc.eps_pad * (o.db - o.wb) : o.db;
  r.t_rej_c = (pc.tower ? o.wb : r.coil_air_c) + approach;
  return r;
}

// ---- chillers: staged units of one model for the whole plant -------------------------------
struct ChillerStep {
  double power_w = 0;
  double need_units = 0;   // unit-equivalents carried (CAPFT-corrected for EIR sets)
  bool curve_clamped = false, low_load = false;
};

// `range_k`: the condenser water's actual range (smaller than the design's with constant flow).
ChillerStep chiller_step(const PlantConst& pc, const std::vector<double>& q_loop_ch,
                         std::vector<double>& need_loop, double t_cond_in, double range_k) {
  ChillerStep r;
  const ChillerCurveSet* eir = pc.eir_set;
  // Unit-equivalents needed: Σ Q_loop/(Q_unit·CAPFT_loop) (CAPFT = 1 for the Carnot and
  // regression models, rated at their capacity everywhere); staged so just enough run.
  for (size_t i = 0; i < pc.loops.size(); ++i) {
    need_loop[i] =
        q_loop_ch[i] > 0
            ? q_loop_ch[i] / (pc.unit_w * (eir ? eir->capft(pc.loops[i].supply_c, t_cond_in,
                                                            r.curve_clamped)
                                               : 1.0))
            : 0.0;
    r.need_units += need_loop[i];
  }
  const int on = std::max(1, static_cast<int>(std::ceil(r.need_units - 1e-9)));
  const double plr = std::min(1.0, r.need_units / on);
  bool lm_out_of_range = false;
  for (size_t i = 0; i < pc.loops.size(); ++i) {
    const double q = q_loop_ch[i];
    if (!(q > 0)) continue;
    const double leaving = pc.loops[i].supply_c;
    if (eir != nullptr) {
      r.power_w += chiller_power_eir(*eir, leaving, t_cond_in, q, pc.unit_w,
                                     on * need_loop[i] / r.need_units, r.curve_clamped);
    } else if (pc.model == ChillerModel::kLeiMasanet && leaving <= kLeiMasanetMaxSupplyC) {
      r.power_w += chiller_power_lm(q, t_cond_in, plr, lm_out_of_range, r.low_load);
    } else {
      r.power_w += chiller_power_carnot(q, leaving, t_cond_in + range_k, plr, r.low_load);
    }
  }
  r.curve_clamped = r.curve_clamped || lm_out_of_range;
  if (eir != nullptr && plr < eir->min_unload) r.low_load = true;
  return r;
}

// ---- condenser water, heat-rejection fans and make-up water --------------------------------
struct RejectionStep {
  double q_cw_w = 0;        // heat through the towers / dry coolers (incl. condenser pumps)
  double cw_pump_w = 0, fan_w = 0;
  double evaporation_kg_s = 0, water_kg_s = 0, latent_w = 0;
};

// The towers / coolers taking `q_heat` (their share of the condenser heat, pumps included) with
// `v_cw` m³/s of condenser water through them.
RejectionStep rejection_step(const PlantConst& pc, const PlantDesign& d, const CoolingSpec& c,
                             double q_heat, double v_cw, double fan_design_w,
                             const RejectionFluid& fluid, Outdoor o, bool sizing) {
  RejectionStep r;
  const double q_cw = q_heat;
  r.q_cw_w = q_cw;
  const double speed = sizing ? 1.0 : (d.rejection_w > 0 ? q_cw / d.rejection_w : 0.0);
  const double ratio = pc.tower ? c.tower_fan_power_ratio : c.dry_cooler_fan_power_ratio;
  const double fan_des = sizing ? ratio * q_cw : fan_design_w;
  r.fan_w = affinity_fan_power_w(fan_des, speed, c.tower_fan_min_speed, q_cw > 0);
  double fr = std::max(speed, c.tower_fan_min_speed);  // air-flow ratio of the fans
  if (!sizing && fluid.fan_power_ratio >= 0) {  // fans holding the set point
    r.fan_w = q_cw > 0 ? fan_design_w * fluid.fan_power_ratio : 0.0;
    fr = fluid.air_ratio;
  }
  // The water's actual range (constant condenser flow: smaller than the design range).
  const double range_k = v_cw > 0 && q_cw > 0 ? q_cw / (kWaterRho * kWaterCp * v_cw) : pc.range;
  if (pc.tower && q_cw > 0) {
    if (pc.psychrometric) {
      // Air: the design volume flow × the fans' air-flow ratio, at the inlet moist-air density.
      const TowerInlet in = tower_inlet(o.db, o.wb, o.p);
      const double rho = weather_detail::density_kg_m3(o.db, in.w, o.p);
      const double v_air = sizing ? c.tower_air_m3_s_per_w * q_cw : d.tower_air_m3_s * fr;
      r.evaporation_kg_s =
          tower_evaporation(q_cw, v_air * rho, o.wb, o.p, fluid.t_rej_c + range_k, in)
              .evaporation_kg_s;
    } else {
      // EnergyPlus LossFactor mode: evaporation = factor (per K) × range × water flow.
      r.evaporation_kg_s = c.tower_evaporation_per_k * range_k * v_cw * kWaterRho;
    }
    // Drift: a fraction of the design water flow × the air-flow ratio (EnergyPlus); blowdown
    // holds the cycles of concentration: evap/(CR − 1) − drift.
    const double v_cw_design = sizing ? v_cw : d.rejection_w / (kWaterRho * kWaterCp * pc.range);
    const double drift = c.tower_drift * v_cw_design * fr * kWaterRho;
    const double blowdown =
        std::max(0.0, r.evaporation_kg_s / (c.cycles_of_concentration - 1.0) - drift);
    r.water_kg_s = r.evaporation_kg_s + drift + blowdown;
    r.latent_w = r.evaporation_kg_s * kWaterHfg;
  } else if (fluid.pads && q_cw > 0) {
    // Adiabatic spray: the fan air (design flow Q_des/(c_p,air·5.56 K) × speed) is cooled by
    // T_db − T_in; the water evaporated takes that sensible heat as latent heat; bleed-off
    // holds the pads' water at the towers' cycles of concentration (assumption).
    const double m_air = (sizing ? q_cw : d.rejection_w) / (kAirCp * kDryCoolerAirDeltaK) * fr;
    r.evaporation_kg_s = m_air * kAirCp * (o.db - fluid.coil_air_c) / kWaterHfg;
    r.water_kg_s = r.evaporation_kg_s * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
    r.latent_w = r.evaporation_kg_s * kWaterHfg;
  }
  return r;
}

// ---- the plant at one step: economizer, chillers, condenser water, cold source, rejection --
// Per-loop scratch, allocated once per call.
struct LoopScratch {
  std::vector<double> q_loop_ch, need_loop;
  std::vector<int> mode;
  explicit LoopScratch(std::size_t n) : q_loop_ch(n), need_loop(n), mode(n) {}
};

struct PlantStep {
  int mode = kFree;
  bool air_any = false, air_free_all = true, liq_any = false, liq_free_all = true;
  double q_ch = 0, p_chiller = 0;
  ChillerStep chiller;
  bool york_out_of_range = false, setpoint_unmet = false;
  RejectionStep rej;         // the towers / coolers (cw_pump_w: all condenser water)
  double q_cond_w = 0;       // heat the condenser water carries to its sinks, pumps included
  // the cold source
  double q_sea_w = 0, sea_flow_kg_s = 0, sea_pump_w = 0, discharge_c = 0, unserved_w = 0;
  double cold_capacity_w = 0;  // what the seawater could take at the settled return
  bool converged = true;       // the seawater/backup split settled
};

// Where the cold source sits: the seawater exchanger in series with the towers (or coolers) on
// the condenser water, which returns at supply + the design range R. Its campus side cannot
// leave colder than intake + approach (t_sea); its seawater side cannot warm by more than the
// permit allows nor past the campus water entering it less the approach. When the seawater alone
// can take the heat (flow × c_p × permit ≥ heat) it holds the supply at t_alone = max(t_sea,
// t_sea − R + Q/(ṁc_p)) and the towers stay off, unless they would bring the water colder while
// some loop still needs a compressor at t_alone. Otherwise both run, in the site's
// `arrangement`: "after" (default) — the towers cool the return to their leaving temperature
// t_tow and the seawater trims the supply below it, taking min(Q, ṁ c_p min(permit, t_tow −
// t_sea), Q (t_tow − t_sea)/R), the supply t_tow − q_sea R/Q; "before" — the seawater pre-cools
// the return, min(Q, ṁ c_p min(permit, return − t_sea), Q (return − t_sea)/R), and the towers
// bring it to t_tow. The colder source downstream saves chiller work, upstream tower water. The
// towers' approach is taken at the plant's load; their fans and water follow their share. The chillers' work changes the heat and the heat the split:
// the step iterates to the fixed point (a few passes; the heat balance closes exactly at every
// pass because the backup takes the rest; a step that does not settle is counted).
constexpr int kColdIterations = 30;

PlantStep plant_step(const PlantConst& pc, const PlantDesign& d, const CoolingSpec& c,
                     double fan_design_w, const std::vector<double>& q_loop,
                     const std::vector<double>& hall_exhaust, LoopScratch& ls, double q_loops,
                     double f, Outdoor o, bool sizing, const ColdStep* cold, bool backup) {
  const std::vector<Loop>& loops = pc.loops;
  PlantStep r;
  double share = 0.0, v_cw = 0.0;
  RejectionFluid fluid;
  ColdStep cs_now = cold != nullptr ? *cold : ColdStep{};
  const int passes = cold != nullptr ? kColdIterations : 1;
  r.converged = cold == nullptr;
  double q_est = q_loops;  // the heat to reject: the previous pass's (first: the loops')
  double q_lo = -2, q_hi = -2;  // bracket of the heat's fixed point (−2: not yet)
  const bool after = cold != nullptr && c.cold_source.after_backup;
  bool towers_off = false;
  int alone_mode = -1;  // the seawater alone (1) or with the backup (0): settled after 3 passes
  for (int pass = 0; pass < passes; ++pass) {
    // ---- fluid leaving the heat rejection; with a cold source, in series with it ----
    // The towers' approach at the plant's load, as without the cold source (conservative: with
    // the seawater taking part they run lighter and leave their water a little colder; taking
    // their own share would couple the two into a two-cycle).
    fluid = rejection_fluid(pc, d, c, q_loop, f, o, sizing);
    double t_rej = fluid.t_rej_c, campus_dt = pc.range;
    towers_off = false;
    if (cold != nullptr) {
      const double t_sea = cold->leaving_c, range = pc.range;
      const double fcp = cold->flow_kg_s * kSeawaterCp, lim = std::max(0.0, cold->limit_k);
      const bool unlimited = sizing && !backup;  // a seawater-only plant's exchangers at design
      const bool alone = unlimited || (fcp > 0 && fcp * lim >= q_est);
      const double t_alone = unlimited || q_est <= 0 ? t_sea : std::max(t_sea, t_sea - range + q_est / fcp);
      bool all_free = true;
      for (size_t i = 0; i < loops.size(); ++i)
        if (q_loop[i] > 0 && t_alone + loops[i].hx_approach_k > loops[i].supply_c) all_free = false;
      // The mode may change in the first passes only (near its boundary it would flip back and
      // forth as the chillers' work moves the heat across the seawater's capacity).
      bool use_alone = alone && (all_free || t_alone <= fluid.t_rej_c);
      if (alone_mode >= 0) use_alone = alone_mode == 1;
      if (pass == 2) alone_mode = use_alone ? 1 : 0;
      if (!backup) {
        t_rej = alone ? t_alone : std::max(t_sea, t_sea - range + lim);
        towers_off = true;
      } else if (use_alone) {
        t_rej = t_alone;
        towers_off = true;
      } else if (after && q_est > 0) {
        // The seawater trims the towers' water: the supply below t_tow by its share of the heat.
        const double avail = std::max(0.0, fluid.t_rej_c - t_sea);
        const double q_trim = std::min({q_est, fcp * std::min(lim, avail), q_est * avail / range});
        t_rej = fluid.t_rej_c - q_trim * range / q_est;
      }
      // The campus water entering the exchanger above its cold end: the return (alone, or
      // before the towers), or the towers' leaving water (after them).
      campus_dt = (after && backup && !towers_off ? fluid.t_rej_c : t_rej + range) - t_sea;
    }
    r.york_out_of_range = fluid.york_out_of_range && (cold == nullptr || share < 1.0);
    r.setpoint_unmet = fluid.setpoint_unmet;

    // ---- economizer per loop: its mode, and the share left to the chillers ----
    r.q_ch = 0;
    bool any_on = false, all_free = true, all_mech = true;
    r.air_free_all = r.liq_free_all = true;
    r.air_any = r.liq_any = false;
    for (size_t i = 0; i < loops.size(); ++i) {
      const Loop& l = loops[i];
      const bool exhaust_part = !l.liquid && hall_exhaust[l.hall] > 0;
      int m = kFree;
      double sh = 0.0;
      if (q_loop[i] > 0) sh = economizer_chiller_share(t_rej + l.hx_approach_k, l.supply_c, l.return_c, m);
      // Outdoor air carrying part of a hall's load makes a mechanical water side partial.
      if (exhaust_part && m == kMechanical) m = kPartial;
      ls.q_loop_ch[i] = q_loop[i] * sh;
      r.q_ch += ls.q_loop_ch[i];
      ls.mode[i] = (q_loop[i] > 0 || exhaust_part) ? m : -1;
      if (ls.mode[i] < 0) continue;
      any_on = true;
      all_free = all_free && m == kFree;
      all_mech = all_mech && m == kMechanical;
      if (l.liquid) {
        r.liq_any = true;
        r.liq_free_all = r.liq_free_all && m == kFree;
      } else {
        r.air_any = true;
        r.air_free_all = r.air_free_all && m == kFree;
      }
    }
    r.mode = !any_on || all_free ? kFree : all_mech ? kMechanical : kPartial;

    // ---- chillers ----
    r.p_chiller = 0.0;
    r.chiller = ChillerStep{};
    if (r.q_ch > 0.0) {
      // Condenser entering: outdoor dry-bulb (air-cooled) or the condenser water, not below the
      // chillers' minimum (water-cooled).
      const double t_cond_in = pc.air_cooled ? o.db : std::max(t_rej, kMinCondenserC);
      r.chiller = chiller_step(pc, ls.q_loop_ch, ls.need_loop, t_cond_in,
                               condenser_flow(pc, f, sizing).range_k);
      r.p_chiller = r.chiller.power_w;
    }

    // ---- condenser water: the loop heat plus compressor work (water-cooled chillers); with
    // air-cooled chillers only the economizer's share, their heat leaving through their coils.
    const double q_cw = pc.air_cooled ? q_loops - r.q_ch : q_loops + r.p_chiller;
    // Condenser pumps under their control; the flow they move sets the water's range.
    v_cw = q_cw / (kWaterRho * kWaterCp * pc.range);
    // Their part-load power is linear (the head held): an open tower loop's head is mostly
    // static lift, which no pressure reset lowers (the Appendix G cubics are for closed loops).
    r.rej.cw_pump_w = controlled_pump_power_w(v_cw * pc.cw_dp / pc.pump_eta, pc.cw_pump_design_w,
                                              pc.cw_ctl, PumpCurve::kLinear, pc.pump_min);
    if (q_cw > 0 && pc.cw_pump_design_w > 0)
      v_cw = std::max(v_cw, pc.cw_ctl == PumpControl::kConstant
                                ? pc.cw_pump_design_w * pc.pump_eta / pc.cw_dp
                                : pc.pump_min * pc.cw_pump_design_w * pc.pump_eta / pc.cw_dp);
    r.q_cond_w = q_cw + r.rej.cw_pump_w;
    if (cold == nullptr) break;
    // What the seawater takes: all of it (towers off, within its capacity), or the pre-cooling
    // of the return before the towers; a seawater-only plant's exchangers at design take all.
    cold_capacity(cs_now, campus_dt);
    const double precool = r.q_cond_w * std::max(0.0, campus_dt) / pc.range;  // or the trim
    r.q_sea_w = sizing && !backup ? r.q_cond_w
                : towers_off      ? std::min(r.q_cond_w, cs_now.capacity_w)
                                  : std::min({r.q_cond_w, cs_now.capacity_w, precool});
    // The heat the next pass is set up for: the pass's own at first, then bisected between the
    // estimates that gave more heat than assumed and those that gave less (chiller staging
    // makes the heat jump with the supply, where plain iteration cycles); at a jump it settles
    // on the jump.
    const double q_assumed = q_est;
    if (pass >= 1) (r.q_cond_w > q_assumed ? q_lo : q_hi) = q_assumed;
    q_est = q_lo > -1 && q_hi > -1 ? 0.5 * (q_lo + q_hi) : r.q_cond_w;
    const double next = r.q_cond_w > 0 ? r.q_sea_w / r.q_cond_w : 0.0;
    // Converged when the heat moves by less than 1 W in 10⁷ (the heat balance is exact at any
    // pass: the backup takes the rest; this only settles the branches' mix).
    const bool done = std::abs(r.q_cond_w - q_assumed) <= 1e-7 * std::max(1.0, r.q_cond_w) ||
                      (q_lo > -1 && q_hi > -1 && q_hi - q_lo <= 1e-7 * std::max(1.0, q_est));
    share = next;
    if (done) {
      r.converged = true;
      break;
    }
  }
  r.cold_capacity_w = cs_now.capacity_w;

  double q_backup = r.q_cond_w;
  if (cold != nullptr) {
    // Seawater: the least flow that carries the heat at the allowed warming (variable-speed
    // pumps holding the discharge at its limit), its pumps, and the water returned.
    q_backup = backup ? r.q_cond_w - r.q_sea_w : 0.0;
    r.unserved_w = backup ? 0.0 : r.q_cond_w - r.q_sea_w;
    const double warming = sizing && !backup ? std::max(cs_now.warming_k, 1e-9) : cs_now.warming_k;
    r.sea_flow_kg_s = r.q_sea_w > 0 && warming > 0 ? r.q_sea_w / (kSeawaterCp * warming) : 0.0;
    r.discharge_c = cold->intake_c;
  }
  const double v_backup = r.q_cond_w > 0 ? v_cw * q_backup / r.q_cond_w : 0.0;
  const double cw_pump = r.rej.cw_pump_w;
  r.rej = rejection_step(pc, d, c, q_backup, cold != nullptr ? v_backup : v_cw, fan_design_w,
                         fluid, o, sizing);
  r.rej.cw_pump_w = cw_pump;
  return r;
}

}  // namespace

CoolingSeries compute_cooling(const Site& site, const PlantDesign& d, const Weather& w,
                              const std::vector<Series>& hall_indoor_w,
                              const std::vector<Series>& hall_liquid_w, bool sizing) {
  CoolingSeries out;
  compute_cooling(site, d, w, hall_indoor_w, hall_liquid_w, out, sizing);
  return out;
}

void compute_cooling(const Site& site, const PlantDesign& d, const Weather& w,
                     const std::vector<Series>& hall_indoor_w,
                     const std::vector<Series>& hall_liquid_w, CoolingSeries& out, bool sizing) {
  const CoolingSpec& c = site.cooling;
  const ColdSourceSpec& cs = c.cold_source;
  const bool sea_only = c.heat_rejection == HeatRejection::kSeawater;
  // The cold source runs in the year's operation; sizing ignores it when a backup is installed
  // (the backup is sized for all the heat: a terminal's send-out can stop) and sizes the
  // exchangers of a seawater-only plant at the year's warmest intake.
  const bool cold_on = cs.enabled() && (!sizing || sea_only);
  const PlantConst pc = plant_const(site, c.heat_rejection, d, sizing);
  // The reference without the cold source: the backup, or towers for a seawater-only plant.
  const PlantConst pc_ref =
      plant_const(site, sea_only ? HeatRejection::kTower : c.heat_rejection, d, sizing);
  const bool reference = cs.enabled() && !sizing;
  const std::vector<Loop>& loops = pc.loops;
  const std::size_t n_halls = site.halls.size();
  const size_t n = w.size();
  const double step_h = w.timestep_s / 3600.0;

  // The step loop writes every element of these (resize keeps a reused series' storage); the
  // counters below start from zero.
  for (Series* a : {&out.crah_fan_w, &out.chw_pump_w, &out.cw_pump_w, &out.chiller_w,
                    &out.tower_fan_w, &out.cdu_pump_w, &out.fw_pump_w, &out.total_w,
                    &out.chiller_load_w, &out.heat_rejected_w, &out.reusable_heat_w,
                    &out.water_kg_s, &out.evaporation_kg_s, &out.latent_w, &out.mode, &out.dx_w})
    a->resize(n);
  for (Series* a : {&out.seawater_pump_w, &out.cold_heat_w, &out.cold_capacity_w,
                    &out.cold_flow_kg_s, &out.cold_offered_kg_s, &out.sea_c, &out.discharge_c, &out.discharge_limit_c,
                    &out.cold_unserved_w, &out.ref_chiller_w, &out.ref_tower_fan_w,
                    &out.ref_cw_pump_w, &out.ref_water_kg_s, &out.ref_heat_rejected_w})
    a->assign(cold_on ? n : 0, 0.0);
  out.redundancy_lost_hours = 0;
  out.chiller_curve_out_of_range_hours = 0;
  out.chiller_cycling_hours = 0;
  out.tower_curve_out_of_range_hours = 0;
  out.tower_setpoint_unmet_hours = 0;
  out.dx_curve_out_of_range_hours = 0;
  out.air_loop_free_hours = 0;
  out.liquid_loop_free_hours = 0;
  out.cold_full_hours = 0;
  out.cold_short_hours = 0;
  out.cold_unconverged_hours = 0;
  out.hall_air_free_hours.assign(n_halls, 0.0);
  out.hall_liquid_free_hours.assign(n_halls, 0.0);
  out.component_max_w.assign(d.components.size(), 0.0);
  out.component_hours_over.assign(d.components.size(), 0.0);
  // Largest load and hours over the installed units of a component (index into d.components).
  auto load_on = [&](int comp, double load_w) {
    if (comp < 0) return;
    const auto i = static_cast<size_t>(comp);
    const ComponentSize& cs_ = d.components[i];
    out.component_max_w[i] = std::max(out.component_max_w[i], load_w);
    if (!sizing && load_w > cs_.installed * cs_.unit_w * (1 + 1e-9)) out.component_hours_over[i] += step_h;
  };
  auto hall_component = [&](std::size_t h, bool cdu) {
    if (h >= d.halls.size()) return -1;
    return cdu ? d.halls[h].cdu_component : d.halls[h].crah_component;
  };
  // Warmest loop return: the reusable heat (liquid halls' facility water, else chilled water).
  out.reusable_heat_c = -std::numeric_limits<double>::infinity();
  for (const Loop& l : loops) out.reusable_heat_c = std::max(out.reusable_heat_c, l.return_c);

  // Per-step scratch (a few loops; allocated once per call).
  std::vector<double> q_loop(loops.size());
  LoopScratch ls(loops.size()), ls_ref(loops.size());
  std::vector<double> hall_exhaust(n_halls);
  // The cold source's pipes and the pumps' heat at design flow, once per call.
  const SeawaterPipe pipe = cold_on ? seawater_pipe(cs) : SeawaterPipe{};
  const double pump_heat_k = cold_on ? seawater_pump_heat_k(cs, cold_design_flow_kg_s(cs)) : 0.0;

  for (size_t ks = 0; ks < n; ++ks) {
    const Outdoor o{w.dry_bulb_c[ks], w.wet_bulb_c[ks], w.pressure_pa[ks]};
    bool dx_clamped = false;
    // ---- halls: their air and liquid loops ----
    double crah_fan = 0, chw_pump = 0, cdu_pump = 0, fw_pump = 0, pad_water = 0, q_exhaust = 0;
    double dx_power = 0, dx_heat = 0;  // DX compressors + condenser fans; their coils' heat
    int dx_mode = -1;                  // the DX halls' mode (−1: none carried heat)
    size_t li = 0;
    for (std::size_t h = 0; h < n_halls; ++h) {
      const double indoor = hall_indoor_w[h][ks];
      const double q_liq = std::clamp(hall_liquid_w[h][ks], 0.0, indoor);
      const AirLoopStep air = air_loop_step(pc.halls[h], pc, indoor - q_liq, o);
      crah_fan += air.fan_w;
      chw_pump += air.pump_w;
      pad_water += air.pad_water_kg_s;
      hall_exhaust[h] = air.exhaust_w;
      q_exhaust += air.exhaust_w;
      if (pc.halls[h].dx) {
        // DX units: the coil load on their compressors, rejected outdoors with their work; the
        // units' capacity is checked in rated-equivalent load (the load / CAPFT).
        const HallConst& k = pc.halls[h];
        const DxStep dx = dx_step(air.chw_w, k.dx_entering_wb_c, o.db, k.dx_unit_w, k.dx_cop);
        load_on(hall_component(h, false), dx.rated_equiv_w);
        dx_power += dx.power_w;
        dx_heat += air.chw_w + dx.power_w;
        if (dx.clamped) dx_clamped = true;
        const int m = air.chw_w > 0 ? (air.exhaust_w > 0 ? kPartial : kMechanical)
                                    : (air.exhaust_w > 0 ? kFree : -1);
        if (m >= 0) dx_mode = dx_mode < 0 ? m : (dx_mode == m ? m : kPartial);
        if (m == kFree) out.hall_air_free_hours[h] += step_h;
        continue;
      }
      load_on(hall_component(h, false), air.crah_load_w);
      q_loop[li++] = air.chw_w;
      if (pc.halls[h].liquid_loop) {
        const LiquidLoopStep liq = liquid_loop_step(pc.halls[h], pc, q_liq);
        load_on(hall_component(h, true), liq.cdu_load_w);
        cdu_pump += liq.cdu_pump_w;
        fw_pump += liq.fw_pump_w;
        q_loop[li++] = liq.fw_w;
      }
    }
    double q_loops = 0;
    for (double q : q_loop) q_loops += q;
    // Load fraction of the heat rejection (sizing: at design by definition).
    const double f = sizing ? 1.0 : (d.loop_heat_w > 0 ? q_loops / d.loop_heat_w : 0.0);

    // ---- the cold source at this step ----
    ColdStep cold;
    if (cold_on) {
      cold = cold_step(cs, w.start_s + static_cast<double>(ks) * w.timestep_s, pc.range, pump_heat_k);
      if (sizing) {  // seawater-only: the exchangers at the warmest intake, unlimited
        cold.intake_c = d.cold_design_intake_c;
        cold.leaving_c = cold.intake_c + in_si(cs.hx_approach);
      }
    }
    const PlantStep ps = plant_step(pc, d, c, d.fan_design_w, q_loop, hall_exhaust, ls, q_loops,
                                    f, o, sizing, cold_on ? &cold : nullptr, !sea_only);
    // Curve validity counts only when the towers carried heat (a DX-only campus has none).
    if (ps.york_out_of_range && ps.rej.q_cw_w > 0) out.tower_curve_out_of_range_hours += step_h;
    if (ps.setpoint_unmet) out.tower_setpoint_unmet_hours += step_h;
    for (size_t i = 0; i < loops.size(); ++i) {
      if (ls.mode[i] != kFree) continue;
      (loops[i].liquid ? out.hall_liquid_free_hours : out.hall_air_free_hours)[loops[i].hall] += step_h;
    }
    // With DX halls: the campus is free only when both their units and the plant are, and
    // mechanical only when both are.
    const bool plant_on = ps.air_any || ps.liq_any;
    out.mode[ks] = dx_mode < 0   ? ps.mode
                   : !plant_on   ? dx_mode
                   : dx_mode == ps.mode ? ps.mode
                                        : kPartial;
    if (dx_clamped) out.dx_curve_out_of_range_hours += step_h;
    out.dx_w[ks] = dx_power;
    // Every air loop free: the chilled-water air loops and the DX halls' units alike.
    const bool air_any = ps.air_any || dx_mode >= 0;
    const bool air_free = (!ps.air_any || ps.air_free_all) && (dx_mode < 0 || dx_mode == kFree);
    if (air_any && air_free) out.air_loop_free_hours += step_h;
    if (ps.liq_any && ps.liq_free_all) out.liquid_loop_free_hours += step_h;

    // ---- chillers ----
    if (ps.q_ch > 0.0) {
      if (d.chiller_component >= 0) {  // capacity in unit-equivalents
        const auto ci = static_cast<size_t>(d.chiller_component);
        out.component_max_w[ci] = std::max(out.component_max_w[ci], ps.q_ch);
        if (!sizing && ps.chiller.need_units > d.chillers_installed * (1 + 1e-12))
          out.component_hours_over[ci] += step_h;
      }
      if (!sizing && ps.chiller.need_units > d.chillers_duty * (1 + 1e-12)) out.redundancy_lost_hours += step_h;
      if (ps.chiller.curve_clamped) out.chiller_curve_out_of_range_hours += step_h;
      if (ps.chiller.low_load) out.chiller_cycling_hours += step_h;
    }
    out.chiller_w[ks] = ps.p_chiller;
    out.chiller_load_w[ks] = ps.q_ch;
    out.reusable_heat_w[ks] = q_loops;

    // ---- heat rejection, the cold source, water ----
    const RejectionStep& rej = ps.rej;
    load_on(d.rejection_component, sea_only ? ps.q_sea_w : rej.q_cw_w);
    out.cw_pump_w[ks] = rej.cw_pump_w;
    out.tower_fan_w[ks] = rej.fan_w;
    out.heat_rejected_w[ks] =
        rej.q_cw_w + ps.q_sea_w + (pc.air_cooled ? ps.q_ch + ps.p_chiller : 0.0) + q_exhaust +
        dx_heat;
    out.latent_w[ks] = rej.latent_w;
    // Air-economizer pads: their water plus bleed-off at the same cycles of concentration.
    out.evaporation_kg_s[ks] = rej.evaporation_kg_s + pad_water;
    out.water_kg_s[ks] =
        rej.water_kg_s + pad_water * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
    if (cold_on) {
      out.cold_heat_w[ks] = ps.q_sea_w;
      out.cold_capacity_w[ks] = ps.cold_capacity_w;
      if (!ps.converged) out.cold_unconverged_hours += step_h;
      if (!sizing) load_on(d.cold_component, ps.q_sea_w);
      out.cold_flow_kg_s[ks] = ps.sea_flow_kg_s;
      out.cold_offered_kg_s[ks] = cold.flow_kg_s;
      out.seawater_pump_w[ks] = seawater_pump_power_w(cs, pipe, ps.sea_flow_kg_s);
      out.sea_c[ks] = cold.sea_c;
      out.discharge_c[ks] =
          ps.sea_flow_kg_s > 0
              ? cold.intake_c + (ps.q_sea_w + out.seawater_pump_w[ks]) / (ps.sea_flow_kg_s * kSeawaterCp)
              : cold.intake_c;
      out.discharge_limit_c[ks] = cold.sea_c + in_si(cs.max_discharge_rise);
      out.cold_unserved_w[ks] = ps.unserved_w;
      if (ps.q_cond_w > 0 && ps.q_sea_w >= ps.q_cond_w * (1 - 1e-12)) out.cold_full_hours += step_h;
      if (ps.unserved_w > 1e-9 * std::max(1.0, ps.q_cond_w)) out.cold_short_hours += step_h;
    }
    if (reference) {
      // The same loads on the plant without its cold source: what it saved.
      const PlantStep rs = plant_step(pc_ref, d, c, d.reference_fan_design_w, q_loop, hall_exhaust,
                                      ls_ref, q_loops, f, o, false, nullptr, true);
      out.ref_chiller_w[ks] = rs.p_chiller;
      out.ref_tower_fan_w[ks] = rs.rej.fan_w;
      out.ref_cw_pump_w[ks] = rs.rej.cw_pump_w;
      out.ref_water_kg_s[ks] =
          rs.rej.water_kg_s + pad_water * (1.0 + 1.0 / (c.cycles_of_concentration - 1.0));
      out.ref_heat_rejected_w[ks] =
          rs.rej.q_cw_w + (pc_ref.air_cooled ? rs.q_ch + rs.p_chiller : 0.0) + q_exhaust +
          dx_heat;
    }
    load_on(d.chw_pump_component, chw_pump);
    load_on(d.cw_pump_component, rej.cw_pump_w);
    load_on(d.fw_pump_component, fw_pump);
    out.crah_fan_w[ks] = crah_fan;
    out.chw_pump_w[ks] = chw_pump;
    out.cdu_pump_w[ks] = cdu_pump;
    out.fw_pump_w[ks] = fw_pump;
  }
  as_array(out.total_w) = as_array(out.crah_fan_w) + as_array(out.chw_pump_w) +
                          as_array(out.cw_pump_w) + as_array(out.chiller_w) +
                          as_array(out.tower_fan_w) + as_array(out.cdu_pump_w) +
                          as_array(out.fw_pump_w) + as_array(out.dx_w);
  if (cold_on) as_array(out.total_w) += as_array(out.seawater_pump_w);
}

}  // namespace dcload::detail
