#pragma once
// Chiller, tower and economizer models of the cooling stage (engine-internal; tested in
// tests/test_cooling.cpp and tests/test_chiller.cpp against the published points quoted beside
// each formula).

namespace dcload::detail {

/// Minimum condenser-water temperature a chiller accepts, °C: 15.56 °C (60 °F), the lower clamp
/// of the condenser-water set point T_wb + approach in Modelica Buildings
/// DataCenters/ChillerCooled/Examples/BaseClasses/PartialDataCenter.mo @0488a549.
inline constexpr double kMinCondenserC = 15.56;

/// Carnot efficiency (second-law fraction) of a water-cooled centrifugal chiller, derived:
/// York YT 1,055 kW, COP 5.96 (Modelica Buildings chiller record used by PartialDataCenter.mo
/// @0488a549) at the AHRI 550/590 rating point: 6.67 °C (44 °F) leaving chilled water and
/// 29.44 °C (85 °F) entering / 35.0 °C (95 °F) leaving condenser water (3 gpm/ton). Carnot COP
/// = 279.82 K / (35.0 − 6.67) K = 9.877; η = 5.96 / 9.877 = 0.6034.
inline constexpr double kCarnotEfficiency = 0.6034;

/// Lei & Masanet (Energy 201 (2020) 117556) chiller COP regression, t = condenser water entering
/// (°C), plr = chiller load fraction 0..1. Fitted to water-cooled chillers on towers at
/// chilled-water temperatures of air plants; independent of the chilled-water temperature.
double chiller_cop_lm(double t_cond_in_c, double plr);

/// DOE-2 part-load curve EIRFPLR(plr) = a + b·plr + c·plr² of the DOE-2.1E reference
/// centrifugal chiller (EnergyPlus I/O reference example, see cooling.cpp); 1 at plr = 1.
double chiller_eirfplr(double plr);

/// Carnot-fraction chiller: full-load COP = η·T_evap/(T_cond − T_evap) with T_evap the leaving
/// chilled (or facility) water and T_cond the leaving condenser water (K), lift at least 5 K
/// (assumption: compressors are not selected for smaller lifts); part load by EIRFPLR:
/// electric power = (Q/plr)·EIRFPLR(plr)/COP_full, so the returned COP = COP_full·plr/EIRFPLR.
double chiller_cop_carnot(double evap_leaving_c, double cond_leaving_c, double plr);

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

}  // namespace dcload::detail
