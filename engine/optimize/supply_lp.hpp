#pragma once
// The capacity-expansion and dispatch linear program of a campus supply (engine/optimize/
// README.md has the formulation): one bus, every step of the run, capacities of the extendable
// sources as variables, solved by COIN-OR CLP. Plain SI doubles in and out; the program is
// built internally in MW, MWh and thousands of USD so that its coefficients stay near 1.
#include <string>
#include <vector>

namespace dcload::detail {

/// One source of the program. Capacities in W (solar: DC nameplate), energies in J, money in
/// USD over the period of the demand series (capital already annualized to that period).
struct LpSource {
  enum class Kind { kGrid, kLng, kRenewable, kBattery };
  std::string name;
  Kind kind = Kind::kGrid;
  bool extendable = false;
  double capacity_w = 0;              ///< fixed capacity (not extendable)
  double min_w = 0, max_w = 0;        ///< bounds when extendable (max_w ≤ 0: none)
  double energy_j = 0;                ///< battery: fixed energy (power not extendable)
  double min_energy_j = 0, max_energy_j = 0;  ///< battery energy bounds (max ≤ 0: none)
  // ---- cost per unit of capacity over the period: capital (annuity) and fixed O&M ----
  double capital_usd_per_w = 0;
  double fixed_usd_per_w = 0;
  double capital_usd_per_j = 0;       ///< battery: energy part of the capital (annuity)
  // ---- renewables ----
  std::vector<double> profile;        ///< available output per W of capacity, each step
  double variable_usd_per_j = 0;      ///< on available output (renewables) or output (LNG)
  // ---- LNG ----
  double availability = 1;            ///< 1 − forced-outage rate
  double ramp_per_step = 1;           ///< share of capacity per step (≥ 1: no limit)
  double fuel_usd_per_j = 0;          ///< fuel cost per J generated (fuel price / efficiency)
  double carbon_usd_per_j = 0;        ///< carbon price × CO2 per J generated
  double co2_kg_per_j = 0;            ///< CO2 per J generated
  // ---- grid ----
  std::vector<double> price_usd_per_j;  ///< one per step, or one for all steps
  std::vector<double> grid_co2_kg_per_j;///< one per step, or one for all steps
  double demand_charge_usd_per_w = 0; ///< on the contract (peak import) over the period
  std::vector<double> cfe_share;      ///< carbon-free share of grid energy, per step or one for all
  // ---- battery ----
  double eta_charge = 1, eta_discharge = 1;
  double soc_min = 0, soc_max = 1;
  double wear_usd_per_j = 0;          ///< per J discharged (energy capital = max(annuity, wear))
};

struct LpInput {
  std::vector<double> demand_w;       ///< facility demand each step
  double dt_s = 3600;
  std::vector<LpSource> sources;      ///< at most one grid, one LNG and one battery
  double cfe_target = 0;              ///< hourly carbon-free share to reach (0: no constraint)
  double co2_cap_kg = 0;              ///< ≤ 0: no cap
  double voll_usd_per_j = 0;          ///< > 0: unserved energy allowed at this price; 0: forbidden
  enum class Algorithm { kDual, kPrimal, kBarrier } algorithm = Algorithm::kDual;
  double time_limit_s = 600;          ///< wall-clock limit of the solver
};

struct LpSourceResult {
  std::string name;
  LpSource::Kind kind = LpSource::Kind::kGrid;
  bool extendable = false;
  double capacity_w = 0;              ///< chosen (or fixed) capacity; grid: peak import
  double energy_capacity_j = 0;       ///< battery
  double energy_j = 0;                ///< delivered (battery: discharged; renewables: available − curtailed share)
  double available_j = 0;             ///< renewables: possible output
  double charged_j = 0;               ///< battery: energy charged
  double capital_usd = 0, fixed_om_usd = 0, variable_om_usd = 0, fuel_usd = 0, carbon_usd = 0,
         energy_usd = 0;
  double co2_kg = 0;
  double cost_usd() const {
    return capital_usd + fixed_om_usd + variable_om_usd + fuel_usd + carbon_usd + energy_usd;
  }
};

struct LpResult {
  /// "optimal", "infeasible", "unbounded", "iteration_limit" (or time limit), "error".
  std::string status;
  std::string reason;                 ///< why not optimal, in words (infeasible: the binding limit)
  /// Infeasible for its carbon-free target: the highest share these sources and bounds reach
  /// (−1 when not computed).
  double max_cfe_share = -1;
  std::vector<LpSourceResult> sources;
  double cost_usd = 0;                ///< objective: every source's cost + unserved × VoLL
  double demand_j = 0, unserved_j = 0, curtailed_j = 0, co2_kg = 0, cfe_share = 0;
  double unserved_cost_usd = 0;
  /// Marginal cost of the carbon-free constraint: USD per MWh more of carbon-free energy (its
  /// dual; 0 when the target does not bind or there is none).
  double cfe_dual_usd_per_mwh = 0;
  double co2_dual_usd_per_t = 0;      ///< marginal cost of the CO2 cap, USD per t less
  std::vector<double> price_usd_per_mwh;  ///< dual of each step's balance: marginal energy price
  std::vector<double> import_w, lng_w, charge_w, discharge_w, soc_j, unserved_w, curtailed_w;
  int rows = 0, columns = 0;
  long long nonzeros = 0;
  double solve_seconds = 0;
  int iterations = 0;
  std::string algorithm;              ///< "dual simplex", "primal simplex", "barrier"
};

/// Build and solve. Throws std::invalid_argument for inconsistent input (sizes, bounds); every
/// solver outcome is a status, never an exception.
LpResult solve_supply_lp(const LpInput& in);

/// The same program for each carbon-free target in turn (`in.cfe_target` ignored), built once:
/// each target after the first changes only the CFE row's bound and restarts the dual simplex
/// from the last optimal basis (a cost-against-CFE curve in a fraction of the time of separate
/// programs).
std::vector<LpResult> solve_supply_lp_curve(const LpInput& in, const std::vector<double>& targets);

}  // namespace dcload::detail
