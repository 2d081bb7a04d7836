#pragma once

#include <limits>

#include "dcload/site.hpp"
// Components of the cooling plant, each a small model with its source and its own test
// (tests/test_cooling.cpp); engine/cooling/cooling.cpp composes them per step the
// way the plant diagram connects them: CRAH fans → chilled-water loop; CDUs → facility-water
// loop; water-side economizer; chillers; condenser water → towers / dry coolers.

namespace dcload::detail {

// Water at 20–30 °C: ρ = 997 kg/m³, c_p = 4180 J/(kg·K) (ASHRAE Handbook—Fundamentals 2017
// ch. 33, Table 2, water at 25 °C: 997.0 kg/m³, 4.180 kJ/(kg·K)); used for the facility and CDU
// loops too (a PG25 loop has ~5 % lower c_p and needs ~5 % more flow).
inline constexpr double kWaterRho = 997.0;
inline constexpr double kWaterCp = 4180.0;
// Dry air c_p = 1006 J/(kg·K) (ASHRAE HoF 2017 ch. 1, §3).
inline constexpr double kAirCp = 1006.0;
// Latent heat of vaporization of water at 20 °C, 2,453.5 kJ/kg (ASHRAE HoF 2017 ch. 1, Table 3).
inline constexpr double kWaterHfg = 2.4535e6;

/// Pump electric power, W, moving `heat_w` of heat at a temperature rise `delta_t_k`:
/// V = Q/(ρ c_p ΔT); P = V·Δp/η (Lei & Masanet, Energy 201 (2020) 117556, pump model).
double pump_power_w(double heat_w, double delta_t_k, double head_pa, double efficiency);

/// Part-load power of a variable-speed pump, fraction of design, at flow fraction x
/// (engine/cooling/README.md, "Pumps and tower fans"): linear = x (EnergyPlus
/// Pump:VariableSpeed default curve 0, 1, 0, 0); the ASHRAE 90.1 Appendix G cubics as NREL
/// openstudio-standards sets them (Standards.PumpVariableSpeed.rb): dp_reset 0.0205x +
/// 0.4101x² + 0.5753x³, no_reset 0.5726x − 0.301x² + 0.7347x³, riding_curve 3.2485x −
/// 4.7443x² + 2.5294x³.
double pump_part_load(PumpCurve curve, double x);

/// A loop's pump power under its control, W. `at_flow_w` is the power at the flow the heat
/// needs with the head held at design (V·Δp/η, pump_power_w); `design_w` the pumps' power at
/// design flow (0: no design yet, the sizing pass: `at_flow_w` is returned). Off (0) when the
/// loop carries no heat; constant: `design_w`; variable: design_w · curve(max(x, min_flow)),
/// x = at_flow_w / design_w.
double controlled_pump_power_w(double at_flow_w, double design_w, PumpControl control,
                               PumpCurve curve, double min_flow);

/// Air density at the supply-air temperature, kg/m³: ρ = 1.293·(p/101325)·273.15/(273.15 + T)
/// (dry air at 0 °C scaled by the ideal-gas law; Lei & Masanet 2020 tool).
double supply_air_density(double supply_air_c, double pressure_pa);

/// CRAH (or fan-wall) fan power, W, moving the air that carries `heat_w` at air rise
/// `delta_t_k`: V = Q/(ρ c_p ΔT); P = V·Δp/η (fan law; Lei & Masanet 2020).
double crah_fan_power_w(double heat_w, double air_density, double delta_t_k, double fan_pressure_pa,
                        double efficiency);

/// Fan power at a speed fraction by the affinity law, P = P_des·max(s, s_min)³ (EnergyPlus
/// CoolingTower:VariableSpeed fan power P_des·FR_air³); 0 when `running` is false.
double affinity_fan_power_w(double design_w, double speed, double min_speed, bool running);

/// Evaporation of a wet cooling tower by the saturated-exit method (EnergyPlus "SaturatedExit",
/// the default evaporation-loss mode; Engineering Reference "Cooling Tower Makeup Water Usage",
/// CondenserLoopTowers.cc calculateWaterUsage): the air enters at its wet-bulb enthalpy
/// h_in = h_sat(T_wb), leaves saturated at h_out = h_in + Q/ṁ_air, and takes up
/// ṁ_air·(q_out − q_in) of water (specific humidities, per kg of moist air).
/// One guard beyond EnergyPlus: the exit air cannot leave warmer than the hot water entering the
/// tower; when the air flow is too small for that, it is raised to the least flow that keeps
/// T_out ≤ T_water,in (`capped` set).
struct TowerEvaporation {
  double evaporation_kg_s = 0;
  double exit_air_c = 0;
  bool capped = false;
};
/// `heat_w` rejected, `air_kg_s` moist-air mass flow, inlet dry-bulb / wet-bulb °C, pressure Pa,
/// `water_in_c` hot water entering the tower; `w_in` the inlet humidity ratio when the caller
/// has it (NaN: computed from dry- and wet-bulb).
TowerEvaporation tower_evaporation(double heat_w, double air_kg_s, double dry_bulb_c,
                                   double wet_bulb_c, double pressure_pa, double water_in_c,
                                   double w_in = std::numeric_limits<double>::quiet_NaN());

/// The inlet air of a tower, from one saturated_state evaluation at its wet-bulb: the enthalpy
/// and heat capacity of saturated air there and the inlet humidity ratio.
struct TowerInlet {
  double h_j_kg = 0, c_sat = 0, w = 0;
};
TowerInlet tower_inlet(double dry_bulb_c, double wet_bulb_c, double pressure_pa);
/// tower_evaporation with the inlet state already known (the same value, one exp and log fewer).
TowerEvaporation tower_evaporation(double heat_w, double air_kg_s, double wet_bulb_c,
                                   double pressure_pa, double water_in_c, const TowerInlet& in);

/// Saturated moist-air enthalpy, J/kg dry air, at t_c and pressure p_pa (ASHRAE HoF 2017 ch. 1
/// eq. 30 with the saturation humidity ratio, eq. 23).
double saturated_enthalpy_j_kg(double t_c, double pressure_pa);
/// The temperature at which saturated air has enthalpy h (inverse of the above) on −40…80 °C,
/// to 1e-7 K: Newton steps from `guess_c` (a nearby temperature; NaN: 20 °C) inside a bracket
/// that bisection keeps when a step would leave it. The hourly tower needs 3–4 steps.
double saturation_temperature_from_enthalpy(double h_j_kg, double pressure_pa,
                                            double guess_c = std::numeric_limits<double>::quiet_NaN(),
                                            double* ws_out = nullptr);

}  // namespace dcload::detail
