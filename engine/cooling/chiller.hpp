#pragma once
// Chiller and economizer models of the cooling stage (engine-internal; tested in
// tests/test_cooling.cpp against the published points quoted beside each formula).

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
