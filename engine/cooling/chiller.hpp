#pragma once

#include "dcload/site.hpp"
// Chiller, tower and economizer models of the cooling stage (engine-internal; tested in
// tests/test_cooling.cpp and tests/test_chiller.cpp against the published points quoted beside
// each formula).

namespace dcload::detail {

/// Minimum condenser-water temperature a chiller accepts, °C: 15.56 °C (60 °F), the lower clamp
/// of the condenser-water set point T_wb + approach in Modelica Buildings
/// DataCenters/ChillerCooled/Examples/BaseClasses/PartialDataCenter.mo @0488a549.
inline constexpr double kMinCondenserC = 15.56;

/// Carnot (second-law) fraction of a water-cooled centrifugal chiller at full load as a function
/// of its lift L = condenser leaving − chilled-water leaving (K): η(L) = 0.715·(1 − e^(−L/16 K)).
/// Derived: a least-squares fit (rmse 0.052) to the full-load COP of the 119 water-cooled
/// centrifugal Chiller:Electric:EIR curve sets of EnergyPlus DataSets/Chillers.idf (Carrier
/// 19XR/19XL/19EX/19FA, York YK/YT, Trane CVHE/CVHF, McQuay PEH/PFH/WSC/WDC, as carried by
/// Modelica Buildings Buildings.Fluid.Chillers.Data.ElectricEIR @c4117cce), each evaluated on a
/// 4 × 5 grid of its own validity box, η = COP·L/T_evap; condenser leaving = entering +
/// Q(1 + 1/COP)/(ṁ c_p). Median η by lift: 0.29 (5–10 K), 0.39 (10–15), 0.47 (15–20), 0.54
/// (20–25), 0.60 (25–30). At the AHRI 550/590 point (6.67 °C leaving, 29.44 → 35.0 °C
/// condenser, L = 28.3 K) η = 0.593, COP 5.86, against the York YT 1,055 kW record's 5.96
/// (Modelica Buildings PartialDataCenter.mo @0488a549). Real chillers lose second-law efficiency
/// at low lift (fixed losses of the compressor, motor and heat exchangers), which a constant
/// Carnot fraction ignores: at 20 °C chilled water and 32 °C condenser water the constant
/// η = 0.6034 of the AHRI point gives COP 14.7, this curve 9.2.
double carnot_fraction(double lift_k);

/// Minimum lift assumed, K: compressors are not selected for smaller lifts (assumption).
inline constexpr double kMinLiftK = 5.0;
/// DOE-2 part-load limits (EnergyPlus Chiller:Electric:EIR defaults, Input Output Reference):
/// minimum unloading ratio 0.2 (below it the compressor cannot unload further: false loading by
/// hot-gas bypass, power stays at that of PLR 0.2) and minimum part-load ratio 0.1 (below it the
/// unit cycles on and off, power × PLR/0.1).
inline constexpr double kMinUnloadingRatio = 0.2;
inline constexpr double kMinPartLoadRatio = 0.1;

/// Lei & Masanet (Energy 201 (2020) 117556) chiller COP regression, t = condenser water entering
/// (°C), plr = chiller load fraction 0..1. Fitted to water-cooled chillers on towers at
/// chilled-water temperatures of air plants; independent of the chilled-water temperature.
/// Evaluated as published (the checks in tests/test_cooling.cpp); chiller_power_lm() applies its
/// validity range.
double chiller_cop_lm(double t_cond_in_c, double plr);
/// Electric power, W, of chillers carrying `load_w` at part-load ratio `plr` by the Lei & Masanet
/// regression within the ranges its authors sampled (condenser water 15.6–35 °C, load ≥ 0.2:
/// nuoaleon/Data-center-PUE-prediction-tool @11663ab7, F.1.2 sensitivity bounds; the regression
/// turns upward above ~39 °C): t is clamped to that range and `out_of_range` set; below PLR 0.2
/// the units cycle (power as at 0.2 × PLR/0.2) and `low_load` is set.
double chiller_power_lm(double load_w, double t_cond_in_c, double plr, bool& out_of_range,
                        bool& low_load);

/// DOE-2 part-load curve EIRFPLR(plr) = a + b·plr + c·plr² of the DOE-2.1E reference
/// centrifugal chiller (EnergyPlus I/O reference example, see cooling.cpp); 1 at plr = 1.
double chiller_eirfplr(double plr);

/// Carnot-fraction chiller, full load: COP = η(L)·T_evap/L with T_evap the leaving chilled (or
/// facility) water (K), L = condenser leaving − T_evap, at least kMinLiftK.
double chiller_cop_carnot_full(double evap_leaving_c, double cond_leaving_c);
/// Electric power, W, of Carnot-fraction chillers carrying `load_w` at part-load ratio `plr`:
/// P = (Q/PLR)·EIRFPLR(max(PLR, 0.2))·min(PLR/0.1, 1)/COP_full (EnergyPlus Chiller:Electric:EIR
/// part-load form with the DOE-2.1E reference EIRFPLR); `low_load` set below the minimum
/// unloading ratio (false loading or cycling).
double chiller_power_carnot(double load_w, double evap_leaving_c, double cond_leaving_c,
                            double plr, bool& low_load);

/// Share of a loop's heat the chillers carry (0..1) when the economizer can deliver `x_c`
/// (outdoor fluid + heat-exchanger approach) to a loop with `supply_c`/`return_c`; sets `mode`
/// to kFree, kPartial or kMechanical (Lei & Masanet 2020 approach rule).
double economizer_chiller_share(double x_c, double supply_c, double return_c, int& mode);

}  // namespace dcload::detail

namespace dcload::detail {

/// Biquadratic performance curve f(x, y) = c0 + c1·x + c2·x² + c3·y + c4·y² + c5·x·y of the
/// EnergyPlus Curve:Biquadratic object, with its validity box. As EnergyPlus does, inputs outside
/// [x_min, x_max] × [y_min, y_max] are clamped to the box before evaluation.
struct Biquadratic {
  double c[6];
  double x_min, x_max, y_min, y_max;
  /// f at (x, y) clamped to the box; sets `clamped` when either input was outside.
  double operator()(double x, double y, bool& clamped) const;
};

/// One DOE-2 (EnergyPlus Chiller:Electric:EIR) chiller: CAPFT and EIRFT biquadratic in leaving
/// chilled-water temperature x (°C) and entering condenser fluid temperature y (°C: water for
/// water-cooled units, outdoor dry-bulb for air-cooled), EIRFPLR quadratic in part-load ratio.
/// Electric power (EnergyPlus Engineering Reference, "Electric Chiller Model Based on Condenser
/// Entering Temperature"): Q_avail = Q_ref·CAPFT; PLR = Q/Q_avail;
/// P = Q_avail·EIRFT·EIRFPLR(max(PLR, min_unload, curve x_min))·min(PLR/PLR_min, 1) / COP_ref
/// (false loading below the minimum unloading ratio: the compressor runs as at min_unload; the
/// hot-gas bypass heat is internal, so the condenser rejects Q + P).
struct ChillerCurveSet {
  const char* name;     ///< dataset name
  double cop_ref;       ///< reference COP (W/W) at (ref_chw_c, ref_cond_c), full load
  double ref_chw_c;     ///< reference leaving chilled-water temperature, °C
  double ref_cond_c;    ///< reference entering condenser fluid temperature, °C
  bool air_cooled;      ///< condenser on outdoor air (y = dry-bulb)
  Biquadratic capft, eirft;
  double eirfplr[3];    ///< a + b·PLR + c·PLR²
  double plr_curve_min; ///< lower limit of the EIRFPLR curve's x
  double plr_min;       ///< minimum part-load ratio; below it the unit cycles on/off
  double min_unload;    ///< minimum unloading ratio; between plr_min and it, false loading
};

/// DOE-2.1E reference water-cooled centrifugal chiller, EnergyPlus DataSets/Chillers.idf
/// "DOE-2 Centrifugal/5.50COP" (COP 5.5 at 6.67 °C / 29.4 °C); valid 5–10 °C chilled water,
/// 24–35 °C entering condenser water.
const ChillerCurveSet& doe2_centrifugal_set();
/// Air-cooled scroll chiller, EnergyPlus DataSets/AirCooledChiller.idf "ElectricEIRChiller
/// Carrier 30RB390 1325.8kW/2.8COP" (COP 2.8 at 6.67 °C / 35 °C outdoor); valid 4.44–15.56 °C
/// chilled water, 29.44–48.89 °C entering condenser air.
const ChillerCurveSet& carrier_30rb390_set();

/// Electric power (W) of `units` running units (may be fractional when a plant's units are
/// shared between loops) of one curve set carrying `load_w`, each rated `unit_w` at the
/// reference condition (available capacity units·unit_w·CAPFT; a load above it is carried at
/// PLR 1). `clamped` is set when a temperature was outside a curve's validity box.
double chiller_power_eir(const ChillerCurveSet& s, double chw_leaving_c, double cond_entering_c,
                         double load_w, double unit_w, double units, bool& clamped);

/// YorkCalc cooling-tower approach (K) = T_water,out − T_wb, EnergyPlus
/// CoolingTower:VariableSpeed (Engineering Reference, "Variable Speed Cooling Towers Empirical
/// Models", Table "Approach Temperature Correlation Coefficients", York International 2002):
/// 27 terms in wet-bulb t_wb (°C), range (K) and liquid-to-gas ratio lg = FR_water/FR_air.
/// Valid t_wb −34.4…26.7 °C (clamped, as EnergyPlus does), range 1.1–22.2 K, L/G ≤ 8 (used
/// as given, as EnergyPlus does); `out_of_range` is set when any is outside.
double yorkcalc_approach(double t_wb_c, double range_k, double lg, bool& out_of_range);

/// Liquid-to-gas ratio at which the YorkCalc approach equals `approach_k` at full fan speed,
/// wet-bulb `t_wb_c` and range `range_k` (bisection on L/G in [0.1, 8]; the approach rises with
/// L/G). This is EnergyPlus's design-to-reference water-flow ratio FR_water,ref.
double yorkcalc_design_lg(double t_wb_c, double range_k, double approach_k);

/// DX cooling coil with an air-cooled condenser, EnergyPlus Coil:Cooling:DX:SingleSpeed
/// (Engineering Reference, "Single-Speed Electric DX Air Cooling Coil"): available capacity
/// Q_rated·CAPFT(T_wb,i, T_odb), power Q_avail·EIRFT(T_wb,i, T_odb)/COP·RTF with the runtime
/// fraction RTF = PLR/PLF(PLR). Curves of EnergyPlus testfiles/
/// 2ZoneDataCenterHVAC_wEconomizer.idf (DXSysACCoolCapFT, DXSysACCoolEIRFT, biquadratic in the
/// entering wet-bulb x 12.78–23.89 °C and the outdoor dry-bulb y 18–46.11 °C, inputs clamped
/// to those limits as EnergyPlus does; DXSysACCoolPLFFPLR = 0.85 + 0.15·PLR); both are 1.00 at
/// the rating point 19.44 °C / 35 °C. Rated air flow is assumed (flow-fraction curves = 1).
double dx_capft(double entering_wb_c, double outdoor_db_c, bool& clamped);
double dx_eirft(double entering_wb_c, double outdoor_db_c, bool& clamped);
struct DxStep {
  double power_w = 0;       ///< compressors + condenser fans
  double rated_equiv_w = 0; ///< the load in rated-capacity units: load / CAPFT
  int units = 0;            ///< units running (each at the same part load)
  bool clamped = false;     ///< a curve input was outside its limits
};
/// `load_w` on DX units of rated capacity `unit_w` and rated COP `cop`: just enough units run
/// (ceil of the rated-equivalent load), sharing it at one part-load ratio.
DxStep dx_step(double load_w, double entering_wb_c, double outdoor_db_c, double unit_w,
               double cop);

/// Tower fans holding a condenser-water set point (EnergyPlus Engineering Reference,
/// CoolingTower:VariableSpeed "Model Description": the air-flow ratio that gives the set point
/// is found in the approach correlation; below the minimum it cycles; CoolingTower:TwoSpeed /
/// SingleSpeed: the fraction of time at each speed that mixes to the set point). Inputs: the
/// control, outdoor wet-bulb, the actual range, design L/G, the water-flow ratio, the target,
/// the minimum speed and the two-speed low-speed air and power ratios. Cycling mixes water off
/// the fill (no free convection, as EnergyPlus with a zero free-convection capacity):
/// fraction on = range / (range + T_set − T_on).
struct TowerFans {
  double leaving_c = 0;    ///< water leaving the towers
  double air_ratio = 0;    ///< time-mean air-flow ratio (evaporation, drift)
  double power_ratio = 0;  ///< time-mean fan power, fraction of design
  bool unmet = false;      ///< full speed leaves the water warmer than the set point
  bool out_of_range = false;
};
TowerFans tower_fans_for_setpoint(TowerFanControl control, double t_wb_c, double range_k,
                                  double lg_design, double water_ratio, double target_c,
                                  double min_speed, double low_flow, double low_power);

}  // namespace dcload::detail
