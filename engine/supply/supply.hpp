#pragma once
// Supply stage, block by block (engine/supply/supply.cpp): a plan built once per run (sources
// resolved, the battery sized for a target CFE on the hourly year), then each block of steps
// dispatched with the state carried from the last, totals priced at the end.
#include <array>
#include <string>
#include <vector>

#include "stages.hpp"
#include "supply/dispatch.hpp"
#include "supply/solar.hpp"
#include "supply/wind.hpp"

namespace dcload::detail {

struct SupplyPlan {
  const SupplySpec* grid = nullptr;
  const SupplySpec* ccgt = nullptr;
  const SupplySpec* battery = nullptr;
  std::vector<std::size_t> renewables;  ///< indices into Site::supply (solar, wind)
  std::vector<PvSystem> pv;             ///< per renewable (solar entries)
  std::vector<WindFarm> wind;           ///< per renewable (wind entries)
  std::vector<int> pv_or_wind;          ///< per renewable: index into pv (≥ 0) or −1−index into wind
  DispatchInput dispatch;               ///< battery, LNG and import limit (series set per block)
  double import_limit_w = 0;
  double grid_cfe = 0;
  double battery_energy_j = 0, battery_power_w = 0;
  bool onsite = false;
  std::vector<std::string> messages;    ///< findings for the run status (battery sizing)
};

/// Resolve the site's sources. `grid_capacity_w`: usable capacity of the connection.
/// `sizing_demand_w` (with its clock and weather): the hourly facility demand of the year, needed
/// only when a battery is sized for target_cfe (may be null otherwise).
SupplyPlan plan_supply(const Site& site, double grid_capacity_w, const Weather& year_weather,
                       const Series* sizing_demand_w, const Weather* sizing_weather);

/// Running totals of a run's supply (energies J, per source in Site::supply order).
struct SupplyState {
  DispatchState dispatch;
  std::vector<SupplySourceTotals> sources;
  double demand_j = 0, unserved_j = 0, unserved_hours = 0;
  double cfe_clean_j = 0, cfe_load_j = 0;
  double unserved_threshold_w = 0;  ///< steps with more unserved than this count as unserved hours
  double period_s = 0;
};
SupplyState start_supply(const Site& site, const SupplyPlan& plan, double design_facility_w);

/// Dispatch one block of facility demand: fills `out` and adds to the totals in `state`.
void supply_block(const Site& site, const SupplyPlan& plan, SupplyState& state,
                  const Clock& clock, const Weather& w, const Series& facility_w,
                  SupplySeries& out);

/// Totals of the run: energies, emissions, water and costs per source (capital annualized over
/// the period simulated), and the run's sums.
struct SupplyTotals {
  std::vector<SupplySourceTotals> sources;
  double demand_j = 0, unserved_j = 0, unserved_hours = 0;
  double co2_kg = 0, cost_usd = 0, water_m3 = 0, cfe_share = 0, peak_import_w = 0;
  bool onsite = false;
  std::vector<std::string> messages;
};
SupplyTotals finish_supply(const Site& site, const SupplyPlan& plan, const SupplyState& state);

/// The grid's energy price (USD/J) on a day of the typical year (0 = 1 January, a Monday, as in
/// the IT stage's weekly shape: days 5 and 6 of each week are Saturday and Sunday), a month
/// (1–12) and an hour of the day: flat, or the time-of-use price of that day type.
double grid_price_at(const SupplySpec& g, std::size_t day_of_year, int month, std::size_t hour);

}  // namespace dcload::detail
