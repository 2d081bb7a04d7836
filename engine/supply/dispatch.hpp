#pragma once
// Rule-based hourly dispatch of a campus supply (engine/supply): renewables first, battery
// charged from renewable surplus and discharged for the deficit, LNG combined cycle between its
// minimum stable load and its available capacity, grid import up to the connection, then
// unserved energy. Plain SI doubles, one call per run; the output Series are sized once.
//
// Not yet wired to site files: the [[supply]] keys for lng_ccgt / solar / wind / battery, the
// Summary fields and `dcload compare` columns that use this kernel are the next step (issue #8).

#include <random>
#include <vector>

namespace dcload::detail {

/// Battery: AC-side power and usable energy. η_charge = η_discharge = √RTE (the split used by
/// REopt: η_ch·η_dis = RTE).
struct BatterySpec {
  double power_w = 0;                ///< charge and discharge limit, W (0 = no battery)
  double energy_j = 0;               ///< nameplate energy, J
  double round_trip_efficiency = 0.85; ///< AC–AC; NREL ATB (Cole & Frazier, "Cost Projections for Utility-Scale Battery Storage: 2020 Update", NREL/TP-6A20-75385)
  double soc_min = 0.2;              ///< fraction of energy_j; REopt default SOC_min 0.2
  double soc_max = 1.0;              ///< fraction of energy_j; assumption: full usable range
  double soc_initial = 0.5;          ///< fraction at the first step; assumption: half full
};

/// LNG combined-cycle plant of identical units. Fuel follows the linear fuel curve of HOMER
/// (fuel = F0·P_rated·units_on + F1·P_out), written here through the full-load efficiency and
/// the share of full-load fuel burnt at zero output (`no_load_fuel_fraction`).
struct CcgtSpec {
  int units = 0;                      ///< 0 = no plant
  double unit_capacity_w = 0;         ///< net output of one unit at full load, W
  /// Fraction of one unit's capacity; 0.4 lies in GenX's example CCGT Min_Power 0.34–0.47.
  double min_stable_load = 0.4;
  double ramp_w_per_s = 0;            ///< plant-wide ramp limit, W/s (0 = none)
  double forced_outage_rate = 0;      ///< expected unavailability of a unit
  /// 0: forced outages as an expected-value derate of every unit (deterministic). > 0: each unit
  /// fails and is repaired as a two-state Markov chain (the unit model of NREL PRAS, Stephen et
  /// al. 2021, NREL/TP-5C00-79698): repair rate μ = 1/MTTR, failure rate
  /// λ = FOR·μ/(1 − FOR), so the long-run unavailability is FOR; seeded, so runs repeat.
  double mttr_s = 0;
  unsigned long long seed = 1;        ///< for the outage draws
  /// Net electric / fuel (LHV) at full load; Korean H-class CCGT ≥ 60 % (etoday.co.kr 799405).
  double efficiency_full_load = 0.6;
  /// F0 share of full-load fuel. Assumption: HOMER's example fuel curve (F0 = 0.033, F1 = 0.273
  /// L/h/kW) gives 0.033 / 0.306 = 0.108 for a genset; no CCGT-specific figure sourced yet.
  double no_load_fuel_fraction = 0.1;
};

/// What the dispatch works on: demand and available renewable output per step, W.
struct DispatchInput {
  const std::vector<double>* demand_w = nullptr;
  const std::vector<double>* renewable_w = nullptr;  ///< may be null (no renewables)
  double grid_import_limit_w = 0;                    ///< 0 = no grid
  BatterySpec battery;
  CcgtSpec ccgt;
  double dt_s = 3600;
  /// Merit order: the grid's energy price each step (USD/J). When given, the deficit left after
  /// renewables and battery goes first to the cheaper of grid import and LNG (marginal cost
  /// `ccgt_marginal_usd_per_j`: fuel / efficiency + variable O&M + carbon); null = LNG first.
  const std::vector<double>* grid_price_usd_per_j = nullptr;
  double ccgt_marginal_usd_per_j = 0;
  /// Carbon-free share of grid energy, for the clean part of the battery's charge; per step
  /// when `grid_cfe` is given (an hourly profile), else this one value every step.
  double grid_cfe_share = 0;
  const std::vector<double>* grid_cfe = nullptr;
  /// Look-ahead: the battery charges from spare grid import or running LNG units when the next
  /// `lookahead_s` hold a shortfall (demand above renewables + LNG available + import limit)
  /// that its charge above soc_min cannot cover. Design choice: one day, the horizon of a
  /// day-ahead forecast; 0 = off. Sees only the steps of the current block (an hourly run
  /// dispatches its whole year in one block).
  double lookahead_s = 86400;
};

/// Per-step outcome, W (soc in J at the end of the step).
struct DispatchSeries {
  std::vector<double> renewable_used_w, curtailed_w, charge_w, discharge_w, soc_j;
  std::vector<double> ccgt_w, ccgt_spilled_w, ccgt_fuel_w, grid_w, unserved_w;
  std::vector<double> ccgt_units_on;
  std::vector<double> ccgt_units_up;  ///< units available (not on forced outage)
  /// Parts of charge_w drawn from the grid and from LNG (look-ahead charging); grid_w and
  /// ccgt_w include them.
  std::vector<double> charge_grid_w, charge_ccgt_w;
  /// Carbon-free part of discharge_w: the battery's clean share of charge, tracked (renewable
  /// charge clean, grid charge at the grid's carbon-free share, LNG charge not at all).
  std::vector<double> clean_discharge_w;
};

/// What the dispatch carries from one block of steps to the next: battery charge, the LNG
/// plant's output (ramp limit) and its units' outage states and random stream.
struct DispatchState {
  bool started = false;
  double soc_j = 0;
  double soc_clean_j = 0;  ///< carbon-free part of soc_j
  double ccgt_prev_w = 0;
  std::vector<char> up;
  std::mt19937_64 rng;
};

/// Run the rules over the steps of `in`, continuing from `state` (fresh: the start of the
/// year). Throws std::invalid_argument for inconsistent input (sizes differ, negative ratings,
/// soc limits out of order).
void dispatch(const DispatchInput& in, DispatchState& state, DispatchSeries& out);
/// The same from a fresh state.
void dispatch(const DispatchInput& in, DispatchSeries& out);

/// Capital recovery factor CRF(i, n) = i(1+i)^n / ((1+i)^n − 1); n years, rate i (> −1);
/// CRF(0, n) = 1/n.
double capital_recovery_factor(double rate, double years);

/// CO2 of natural gas per J of fuel (LHV): IPCC 2006 Guidelines Vol. 2 ch. 2 Table 2.2,
/// 56.1 kg CO2/GJ (net calorific value).
inline constexpr double kGasCo2KgPerJ = 56.1e-9;

/// Hourly carbon-free share (24/7 CFE, load-weighted): Σ_t min(L_t, clean_t + g·grid_t) / Σ_t L_t
/// with clean = renewables used + the clean part of the battery's discharge, grid_t the import
/// that served load (not the battery) and `g` the grid's carbon-free share (per step from
/// `grid_cfe` when given).
double cfe_share(const std::vector<double>& demand_w, const DispatchSeries& d,
                 double grid_cfe_share, const std::vector<double>* grid_cfe = nullptr);

/// Smallest battery energy (J, power = energy / `duration_s`) whose dispatch reaches an hourly
/// carbon-free share of at least `target` (0..1), found by bisection to a relative tolerance of
/// 1e-4 of `max_energy_j`. The other inputs (demand, renewables, CCGT, grid) are taken from
/// `in`; its battery's efficiency and state-of-charge limits are kept. Returns 0 when no battery
/// is needed and a negative value when even `max_energy_j` does not reach the target.
double size_battery_for_cfe(DispatchInput in, double duration_s, double target,
                            double grid_cfe_share, double max_energy_j);

}  // namespace dcload::detail
