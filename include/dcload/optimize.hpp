#pragma once
/// \file optimize.hpp
/// The least-cost supply of a site: capacities of its `extendable` [[supply]] entries and their
/// hourly dispatch, chosen by a linear program (COIN-OR CLP) against the facility demand of the
/// site's own run, under a carbon-free target, an optional CO2 cap and the grid connection
/// (engine/optimize/README.md). The chosen mix is then run through the simulator.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/regions/haenam.toml");
///   dcload::OptimizeResult o = dcload::optimize(site, {.cfe_target = 0.9});
///   if (o.status == "optimal") std::cout << o.report();
/// \endcode

#include <optional>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {

/// Options of one optimization; unset fields come from the site's [optimize] table.
struct OptimizeOptions {
  std::optional<double> cfe_target;  ///< hourly carbon-free share 0..1
  std::optional<double> co2_cap_kg;  ///< CO2 over the year, kg (0: none)
  /// Also run the chosen mix through the simulator (OptimizeResult::simulated).
  bool simulate = true;
  /// Weather source replacing Site::weather (as RunOptions::weather_override).
  std::string weather_override;
};

/// One source as the optimum has it.
struct OptimizedSource {
  std::string name;
  std::string type;            ///< "grid", "lng_ccgt", "solar", "wind", "battery"
  bool extendable = false;
  Power capacity;              ///< solar: DC; grid: contract (peak import); battery: power
  Energy battery_energy;       ///< battery: energy capacity
  Energy energy;               ///< delivered (battery: discharged)
  Energy available;            ///< renewables: possible output
  Mass co2;
  double capital_usd = 0, fixed_om_usd = 0, variable_om_usd = 0, fuel_usd = 0, carbon_usd = 0,
         energy_usd = 0;
  double cost_usd = 0;
};

/// Summary of the hourly marginal energy price (the duals of the balance), USD/MWh.
struct PriceSummary {
  double mean = 0, median = 0, p95 = 0, max = 0;
  double hours_above_200 = 0;  ///< hours above 200 USD/MWh (scarcity)
};

struct OptimizeResult {
  std::string site;
  /// "optimal", "infeasible", "unbounded", "iteration_limit", "error".
  std::string status;
  std::string reason;          ///< why not optimal, in words
  double cfe_target = 0;
  double co2_cap_kg = 0;
  bool unserved_priced = false;  ///< unserved energy allowed at [economics] value_of_lost_load
  std::vector<OptimizedSource> sources;
  // ---- the program's optimum (over the year) ----
  double cost_usd = 0;         ///< supply cost (annualized capital, O&M, fuel, carbon, import)
  double unserved_cost_usd = 0;
  double lcoe_usd_per_mwh = 0; ///< supply cost / energy served
  double cost_per_it_mwh_usd = 0; ///< (supply + unserved cost) / IT energy
  Mass co2;
  double cfe_share = 0;
  Energy curtailed;
  Energy unserved;
  Energy demand;               ///< facility energy of the run
  Energy it_energy;
  double cfe_dual_usd_per_mwh = 0;  ///< marginal cost of one more MWh of carbon-free energy
  double co2_dual_usd_per_t = 0;    ///< marginal cost of one tonne less CO2 (cap binding)
  PriceSummary price;
  // ---- the program ----
  int rows = 0, columns = 0;
  long long nonzeros = 0;
  double solve_seconds = 0;
  int iterations = 0;
  std::string algorithm;
  /// Approximations the program makes, stated (relaxed minimum stable load, ...).
  std::vector<std::string> notes;
  // ---- the chosen mix simulated ----
  Site optimized_site;         ///< the site with the optimal capacities written in
  std::optional<Summary> simulated;  ///< its run (rule-based dispatch), when simulated
  RunStatus simulated_status;
  // ---- the demand side (from the same run) ----
  Power peak_facility;
  Volume water;                ///< cooling water of the campus (the same for every mix)
  Power grid_capacity;
  Power min_grid_headroom;     ///< connection − largest import of the optimum

  /// The table `dcload optimize` prints.
  std::string report() const;
};

/// Optimize the site's supply. Throws ConfigError for bad input (no extendable source, bad
/// bounds, a target outside 0..100 %); solver outcomes are a status in the result.
OptimizeResult optimize(const Site& site, const OptimizeOptions& options = {});

/// One optimum per carbon-free target (0..1, e.g. 0, 0.1, …, 1): the cost of 24/7 carbon-free
/// supply against its target. The demand run and the program are built once; each target
/// restarts the solver from the last optimum. OptimizeOptions::cfe_target is ignored.
std::vector<OptimizeResult> optimize_curve(const Site& site, const std::vector<double>& targets,
                                           const OptimizeOptions& options = {});

/// The result as JSON.
std::string to_json(const OptimizeResult& result);

}  // namespace dcload
