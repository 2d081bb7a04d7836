// Supply in site files and runs: [[supply]] parsing and its errors, money units and currency,
// the dispatch wired into a run (energy balance each step, battery bounds), the economics by
// hand calculation (capital recovery, O&M, fuel, carbon), CO2 and CUE, the hourly CFE share,
// battery sizing for a CFE target, and the four region files side by side.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "supply/dispatch.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string kSrc = DCLOAD_SOURCE_DIR;

// A 1,000-GPU H100 site (≈ 10 MW facility) on Ulsan's built-in weather, with `supply` appended.
std::string site_with(const std::string& supply, const std::string& extra = "") {
  return "weather = \"builtin:ulsan\"\n" + extra +
         "[[cluster]]\nname = \"c\"\naccelerator = \"H100 SXM\"\ncount = 1000\n"
         "[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"150 MVA\"\n" +
         supply;
}

std::string load_error(const std::string& text) {
  try {
    dcload::load_site_from_string(text, "site.toml");
  } catch (const dcload::ConfigError& e) {
    return e.what();
  }
  return "";
}

double total(std::span<const double> v) { return std::accumulate(v.begin(), v.end(), 0.0); }

constexpr double kYearS = 3.1536e7;
constexpr double kMmbtuJ = 1.05505585262e9;  // NIST SP 811 B.8 International Table Btu × 10⁶

}  // namespace

TEST_CASE("supply site: [[supply]] entries parse with units, currency and catalog defaults",
          "[supply][config]") {
  const dcload::Site s = dcload::load_site_from_string(site_with(R"(
[economics]
krw_per_usd = 1000
carbon_price = "20000 KRW/t"
discount_rate = "5 %"
[[supply]]
type = "lng_ccgt"
capacity = "50 MW"
units = 2
fuel_price = "10 USD/MMBtu"
capex = "1000000 KRW/kW"
fixed_om = "30 USD/kW/yr"
ramp_rate = "6 %/min"
[[supply]]
type = "solar"
capacity = "20 MW"
[[supply]]
type = "wind"
location = "offshore"
capacity = "30 MW"
[[supply]]
type = "battery"
capacity = "10 MW"
energy = "40 MWh"
[[supply]]
type = "grid"
tariff = "100 USD/MWh"
)"));
  REQUIRE(s.supply.size() == 5);
  const dcload::SupplySpec& lng = s.supply[0];
  CHECK(lng.type == dcload::SupplyType::kLngCcgt);
  CHECK(lng.units == 2);
  CHECK(dcload::in_si(lng.capacity) == Approx(50e6));
  // 10 USD/MMBtu = 10 / 1.05505585262e9 USD/J.
  CHECK(lng.fuel_usd_per_j == Approx(10.0 / kMmbtuJ).epsilon(1e-12));
  // 1,000,000 KRW/kW at 1,000 KRW/USD = 1,000 USD/kW = 1 USD/W.
  CHECK(lng.cost.capex_usd_per_w == Approx(1.0).epsilon(1e-12));
  // 30 USD/kW/yr = 0.03 USD/W per 3.1536e7 s.
  CHECK(lng.cost.fixed_om_usd_per_w_s == Approx(0.03 / kYearS).epsilon(1e-12));
  // 6 %/min = 0.001 per s.
  CHECK(lng.ramp_per_s == Approx(0.001).epsilon(1e-12));
  // Catalog defaults (configs/catalog/supply.toml [type.lng_ccgt]): 56.1 kg/GJ, 60 %.
  CHECK(lng.fuel_co2_kg_per_j == Approx(56.1e-9).epsilon(1e-12));
  CHECK(lng.efficiency == Approx(0.60));
  // 20,000 KRW/t at 1,000 KRW/USD = 20 USD/t = 0.02 USD/kg.
  CHECK(s.economics.carbon_price_usd_per_kg == Approx(0.02).epsilon(1e-12));
  CHECK(s.economics.discount_rate == Approx(0.05));
  CHECK(s.supply[1].type == dcload::SupplyType::kSolar);
  CHECK(s.supply[1].tilt_deg == Approx(30));
  CHECK(s.supply[2].offshore);
  CHECK(s.supply[2].turbine.name == "iea_15mw_240");
  CHECK(s.supply[2].hub_height_m == Approx(150));
  CHECK(dcload::in_si(s.supply[3].energy) == Approx(40 * 3.6e9));
  CHECK(s.supply[4].tariff_usd_per_j == Approx(100.0 / 3.6e9).epsilon(1e-12));
  // A site without [[supply]] imports from the grid at the catalog tariff (182.7 KRW/kWh).
  const dcload::Site g = dcload::load_site_from_string(site_with(""));
  REQUIRE(g.supply.size() == 1);
  CHECK(g.supply[0].type == dcload::SupplyType::kGrid);
  CHECK(g.supply[0].tariff_usd_per_j == Approx(182.7 / 1380.0 / 3.6e6).epsilon(1e-12));
}

TEST_CASE("supply site: bad [[supply]] entries name file, line and key", "[supply][config]") {
  SECTION("a key of another type") {
    const std::string e =
        load_error(site_with("[[supply]]\ntype = \"solar\"\ncapacity = \"1 MW\"\ntariff = \"1 USD/MWh\"\n"));
    CHECK_THAT(e, Contains("site.toml:13:"));
    CHECK_THAT(e, Contains("supply[0].tariff: does not apply to a supply of type \"solar\""));
  }
  SECTION("no capacity") {
    CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"wind\"\n")),
               Contains("supply[0].capacity: a supply of type \"wind\" needs a capacity > 0"));
  }
  SECTION("a battery without energy or target") {
    CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"battery\"\ncapacity = \"1 MW\"\n")),
               Contains("a battery needs an energy > 0"));
  }
  SECTION("two grids") {
    CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"grid\"\n[[supply]]\ntype = \"grid\"\n")),
               Contains("at most one [[supply]] of type \"grid\""));
  }
  SECTION("an unknown turbine, with a suggestion") {
    const std::string e = load_error(
        site_with("[[supply]]\ntype = \"wind\"\ncapacity = \"1 MW\"\nturbine = \"iea_15mw_24\"\n"));
    CHECK_THAT(e, Contains("site.toml:13:"));
    CHECK_THAT(e, Contains("did you mean \"iea_15mw_240\""));
  }
  SECTION("a wrong unit") {
    CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"lng_ccgt\"\ncapacity = \"1 MW\"\n"
                                    "fuel_price = \"10 USD/kg\"\n")),
               Contains("expected a fuel price (USD/MMBtu, KRW/GJ)"));
  }
  SECTION("soc limits out of order") {
    CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"battery\"\ncapacity = \"1 MW\"\n"
                                    "energy = \"4 MWh\"\nsoc_min = \"60 %\"\nsoc_max = \"50 %\"\n")),
               Contains("soc_max must be above soc_min"));
  }
}

TEST_CASE("supply site: grid import only — CO2, cost, CFE and LCOE by hand", "[supply]") {
  const dcload::Site s = dcload::load_site_from_string(site_with(""));
  const dcload::RunResult r = dcload::run(s);
  const dcload::Summary& m = r.summary;
  const double facility_mwh = dcload::in_megawatt_hours(m.facility_energy);
  // Everything is imported: CO2 = E × 0.4173 t/MWh; cost = E × 182.7 KRW/kWh / 1,380.
  CHECK(dcload::in_si(m.co2) / 1e3 == Approx(facility_mwh * 0.4173).epsilon(1e-9));
  CHECK(m.supply_cost_usd == Approx(facility_mwh * 1e3 * 182.7 / 1380.0).epsilon(1e-9));
  CHECK(m.lcoe_usd_per_mwh == Approx(182.7 / 1380.0 * 1e3).epsilon(1e-9));
  // Hourly CFE with only grid import: the grid's carbon-free share, 42.3 %.
  CHECK(m.cfe_share == Approx(0.423).epsilon(1e-9));
  // CUE = CO2 / IT energy = 0.4173 kg/kWh × PUE.
  CHECK(m.cue_kg_per_kwh == Approx(0.4173 * m.pue_annual).epsilon(1e-9));
  CHECK(dcload::in_si(m.unserved) == 0.0);
  CHECK(m.status.ok());
}

TEST_CASE("supply site: LNG plant costs, fuel and CO2 follow from its inputs", "[supply]") {
  // Two 10 MW units for a ≈ 15 MW campus (10,000 H100), no grid: the plant serves all.
  const dcload::Site s = dcload::load_site_from_string(site_with(R"(
[economics]
discount_rate = "7 %"
carbon_price = "20 USD/t"
[[supply]]
type = "lng_ccgt"
capacity = "10 MW"
units = 2
forced_outage_rate = "0 %"
min_stable_load = "40 %"
ramp_rate = "0 %/min"
efficiency = "60 %"
no_load_fuel_fraction = "12.6 %"
fuel_price = "15.4 USD/MMBtu"
capex = "827 USD/kW"
fixed_om = "27.7 USD/kW/yr"
variable_om = "7.47 USD/MWh"
lifetime = "25 yr"
water_use = "749.5 L/MWh"
)", "islanded = true\n"), "site.toml", {"cluster[0].count=10000"});
  const dcload::RunResult r = dcload::run(s);
  const dcload::Summary& m = r.summary;
  REQUIRE(m.supply.size() == 1);
  const dcload::SupplyResult& x = m.supply[0];
  const double demand_j = dcload::in_si(m.facility_energy);
  // No grid and enough plant: all served, nothing unserved.
  CHECK(dcload::in_si(m.unserved) == Approx(0.0).margin(1e-6 * demand_j));
  CHECK(dcload::in_si(x.energy) == Approx(demand_j).epsilon(1e-9));
  // Fuel by the linear fuel curve, step by step from the run's own series:
  // fuel = units_on · P_unit · F0/η + P_out · (1 − F0)/η, with units_on = ⌈P/P_unit⌉.
  const auto p = r.channel("onsite_generation");
  double fuel = 0;
  for (double w : p) {
    const double out = std::max(w, 0.4 * 10e6);
    const double on = std::ceil(out / 10e6 - 1e-12);
    fuel += (on * 10e6 * 0.126 / 0.60 + out * (1 - 0.126) / 0.60) * 3600.0;
  }
  CHECK(dcload::in_si(x.fuel) == Approx(fuel).epsilon(1e-9));
  // CO2 = fuel × 56.1 kg/GJ (IPCC 2006 vol. 2 table 1.4); it is all of the site's CO2.
  CHECK(dcload::in_si(x.co2) == Approx(fuel * 56.1e-9).epsilon(1e-9));
  CHECK(dcload::in_si(m.co2) == Approx(fuel * 56.1e-9).epsilon(1e-9));
  // Part load raises the CO2 intensity above the full-load 56.1e-9 / 0.6 × 3.6e9 = 0.3366 t/MWh.
  const double t_per_mwh = dcload::in_si(x.co2) / 1e3 / (demand_j / 3.6e9);
  CHECK(t_per_mwh > 0.3366);
  CHECK(t_per_mwh < 0.3366 / 0.6);
  // Economics by hand: CRF(7 %, 25) = 0.07·1.07^25/(1.07^25 − 1) = 0.085811.
  const double crf = 0.07 * std::pow(1.07, 25) / (std::pow(1.07, 25) - 1);
  CHECK(crf == Approx(0.085811).epsilon(1e-5));
  CHECK(x.capital_usd == Approx(crf * 827.0 * 20e3).epsilon(1e-9));
  CHECK(x.fixed_om_usd == Approx(27.7 * 20e3).epsilon(1e-9));
  CHECK(x.variable_om_usd == Approx(dcload::in_si(x.available) / 3.6e9 * 7.47).epsilon(1e-9));
  CHECK(x.fuel_usd == Approx(fuel / kMmbtuJ * 15.4).epsilon(1e-9));
  CHECK(x.carbon_usd == Approx(fuel * 56.1e-9 * 0.020).epsilon(1e-9));
  CHECK(x.cost_usd == Approx(x.capital_usd + x.fixed_om_usd + x.variable_om_usd + x.fuel_usd +
                             x.carbon_usd)
                          .epsilon(1e-12));
  CHECK(m.lcoe_usd_per_mwh == Approx(x.cost_usd / (demand_j / 3.6e9)).epsilon(1e-9));
  // Water consumed by the plant: 749.5 L/MWh generated.
  CHECK(dcload::in_si(m.supply_water) ==
        Approx(dcload::in_si(x.available) / 3.6e9 * 0.7495).epsilon(1e-9));
  CHECK(m.cfe_share == 0.0);
}

TEST_CASE("supply site: every step balances and the battery stays in bounds (Haenam region)",
          "[supply]") {
  const dcload::Site s = dcload::load_site(kSrc + "/configs/regions/haenam.toml");
  const dcload::RunResult r = dcload::run(s);
  const auto facility = r.channel("facility_power");
  const auto onsite = r.channel("onsite_generation");
  const auto discharge = r.channel("battery_discharge");
  const auto charge = r.channel("battery_charge");
  const auto grid = r.channel("grid_import");
  const auto unserved = r.channel("unserved_power");
  const auto soc = r.channel("battery_soc");
  const dcload::SupplySpec* battery = nullptr;
  for (const auto& x : s.supply)
    if (x.type == dcload::SupplyType::kBattery) battery = &x;
  REQUIRE(battery != nullptr);
  int both = 0, unbalanced = 0, out_of_band = 0;
  double grid_charge_w = 0;  // summed over steps: import that charged the battery (look-ahead)
  for (size_t k = 0; k < facility.size(); ++k) {
    // served + unserved = demand + what the grid put into the battery, each step (relative
    // 1e-9 of the peak): that part lies between 0 and the step's charge.
    const double sum = onsite[k] + discharge[k] + grid[k] + unserved[k];
    const double into_battery = sum - facility[k];
    if (into_battery < -1e-9 * 1.1e9 || into_battery > charge[k] + 1e-9 * 1.1e9) ++unbalanced;
    grid_charge_w += std::max(0.0, into_battery);
    if (charge[k] > 0 && discharge[k] > 0) ++both;
    if (soc[k] < battery->soc_min - 1e-12 || soc[k] > battery->soc_max + 1e-12) ++out_of_band;
  }
  CHECK(unbalanced == 0);
  CHECK(both == 0);
  CHECK(out_of_band == 0);
  // The grid never imports beyond its limit (the connection's usable capacity).
  CHECK(*std::max_element(grid.begin(), grid.end()) <=
        dcload::in_si(r.summary.grid_capacity) * (1 + 1e-12));
  // Renewable energies per source add up to what the renewables delivered: used + charged.
  double re = 0;
  for (const auto& x : r.summary.supply)
    if (x.type == "solar" || x.type == "wind") re += dcload::in_si(x.energy);
  const double used = total(onsite) * 3600.0;  // no LNG here: on-site = renewables used
  CHECK(re == Approx(used + (total(charge) - grid_charge_w) * 3600.0).epsilon(1e-6));
  // Summary totals agree with the series.
  CHECK(dcload::in_si(r.summary.unserved) == Approx(total(unserved) * 3600.0).epsilon(1e-9));
  // The battery: its delivered energy is what it discharged; round trip 85 % means it cannot
  // return more than 85 % of what it took in plus its starting charge (half of 4,000 MWh).
  const double dis_j = total(discharge) * 3600.0, ch_j = total(charge) * 3600.0;
  CHECK(dis_j <= 0.85 * ch_j + 0.5 * 4000 * 3.6e9 * std::sqrt(0.85) + 1.0);
}

TEST_CASE("supply site: a battery sized for a CFE target reaches it in the run", "[supply]") {
  const std::string supply = R"(
[[supply]]
type = "solar"
capacity = "30 MW"
[[supply]]
type = "battery"
target_cfe = "70 %"
duration = "4 h"
[[supply]]
type = "grid"
cfe_share = "0 %"
)";
  const dcload::RunResult r = dcload::run(dcload::load_site_from_string(site_with(supply)));
  CHECK(r.summary.cfe_share >= 0.70 - 1e-6);
  double sized_j = 0;
  for (const auto& x : r.summary.supply)
    if (x.type == "battery") sized_j = dcload::in_si(x.battery_energy);
  REQUIRE(sized_j > 0);
  // A battery 2 % smaller (same 4 h duration) falls short: the bisection found the smallest.
  const dcload::RunResult smaller = dcload::run(dcload::load_site_from_string(site_with(
      "[[supply]]\ntype = \"solar\"\ncapacity = \"30 MW\"\n[[supply]]\ntype = \"battery\"\n"
      "capacity = \"" + std::to_string(0.98 * sized_j / 4 / 3.6e9) + " MW\"\nenergy = \"" +
      std::to_string(0.98 * sized_j / 3.6e9) + " MWh\"\n[[supply]]\ntype = \"grid\"\n"
      "cfe_share = \"0 %\"\n")));
  CHECK(smaller.summary.cfe_share < 0.70);
}

TEST_CASE("supply site: the four regions side by side", "[supply][regions]") {
  auto run_region = [](const char* name) {
    return dcload::run(dcload::load_site(kSrc + "/configs/regions/" + name + ".toml")).summary;
  };
  const dcload::Summary ulsan = run_region("ulsan_lng");
  const dcload::Summary haenam = run_region("haenam");
  const dcload::Summary capital = run_region("capital");
  const dcload::Summary gangwon = run_region("gangwon");
  // Same campus everywhere: IT energy equal within 0.1 % (inlet-temperature fan power differs).
  CHECK(dcload::in_si(haenam.it_energy) == Approx(dcload::in_si(gangwon.it_energy)).epsilon(1e-3));
  // Ulsan: the LNG plant serves it all; CO2 intensity between full-load 0.3366 t/MWh and ×1.2.
  const double ulsan_t_per_mwh =
      dcload::in_si(ulsan.co2) / 1e3 / dcload::in_megawatt_hours(ulsan.facility_energy);
  CHECK(ulsan_t_per_mwh > 0.3366);
  CHECK(ulsan_t_per_mwh < 0.3366 * 1.2);
  CHECK(ulsan.cfe_share == 0.0);
  CHECK(dcload::in_si(ulsan.unserved) == 0.0);
  // Gangwon: all grid, CFE = the grid's share; capital: the congested connection leaves
  // demand unserved and is over capacity every hour.
  CHECK(gangwon.cfe_share == Approx(0.423).epsilon(1e-9));
  CHECK(capital.hours_over_capacity == Approx(8760));
  CHECK(dcload::in_si(capital.unserved) > 0.0);
  // Haenam: renewables and storage lift the hourly CFE share above the all-grid region's, and
  // its CO2 per IT MWh (CUE) is the lowest of the four.
  CHECK(haenam.cfe_share > gangwon.cfe_share);
  CHECK(haenam.cue_kg_per_kwh < gangwon.cue_kg_per_kwh);
  CHECK(haenam.cue_kg_per_kwh < ulsan.cue_kg_per_kwh);
}

TEST_CASE("supply site: KEPCO time-of-use tariff by season, hour and day type", "[supply]") {
  // configs/catalog/supply.toml [tariff.kepco_industrial_b_high_b_3] (2024-10-24, L/M): summer
  // weekday 14:00 is peak 254.4 KRW/kWh, Saturday peak hours bill at mid 173.1, Sunday is
  // off-peak 120.8; adders 9.0 + 5.0 KRW/kWh; demand charge 8,190 KRW/kW/month.
  const dcload::Site s = dcload::load_site_from_string(site_with(
      "[[supply]]\ntype = \"grid\"\ntariff_schedule = \"kepco_industrial_b_high_b_3\"\n"));
  struct Case {
    int day;          // day of the year from 0 (day 0 is a Monday)
    double krw_kwh;   // energy charge of 14:00–15:00 that day
  };
  // 07-16 = day 196 (196 mod 7 = 0, Monday); 07-21 = day 201 (Saturday); 07-22 = day 202 (Sunday).
  for (const Case c : {Case{196, 254.4}, Case{201, 173.1}, Case{202, 120.8}}) {
    INFO("day " << c.day);
    const dcload::RunResult r =
        dcload::run(s, {.start = dcload::hours(24.0 * c.day + 14), .duration = dcload::hours(1.0)});
    REQUIRE(r.summary.supply.size() == 1);
    const dcload::SupplyResult& g = r.summary.supply[0];
    const double kwh = dcload::in_si(g.energy) / 3.6e6;
    CHECK(g.energy_usd == Approx(kwh * (c.krw_kwh + 9.0 + 5.0) / 1380.0).epsilon(1e-9));
    // Demand charge on the peak import for one hour: 8,190 KRW/kW/month × kW × (1 h / 730 h).
    const double peak_kw = dcload::in_si(r.summary.peak_grid_import) / 1e3;
    CHECK(g.fixed_om_usd == Approx(8190.0 / 1380.0 * peak_kw * 3600.0 / 2.628e6).epsilon(1e-9));
  }
  // A flat tariff and a schedule together are refused.
  CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"grid\"\ntariff = \"100 USD/MWh\"\n"
                                  "tariff_schedule = \"kepco_industrial_b_high_b_3\"\n")),
             Contains("either a flat tariff or a tariff_schedule"));
  CHECK_THAT(load_error(site_with("[[supply]]\ntype = \"grid\"\ntariff_schedule = \"kepco\"\n")),
             Contains("not in configs/catalog/supply.toml"));
}

TEST_CASE("supply site: an hourly emission profile weights CO2 by the hour of import",
          "[supply]") {
  // 24-hour profile: 0.2 t/MWh at night (22–08), 0.6 t/MWh by day; the CO2 of the run is
  // Σ import × factor of its hour, by hand from the run's own import series.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "dcload_ef_profile";
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir / "ef.csv");
    csv << "hour,t_per_mwh\n";
    for (int h = 0; h < 24; ++h) csv << h << ',' << ((h >= 22 || h < 8) ? 0.2 : 0.6) << '\n';
    std::ofstream site(dir / "site.toml");
    site << site_with("[[supply]]\ntype = \"grid\"\nemission_profile = \"ef.csv\"\n");
    std::ofstream bad(dir / "bad.csv");
    bad << "hour,t_per_mwh\n0,0.4\n1,0.4\n";
    std::ofstream bad_site(dir / "bad.toml");
    bad_site << site_with("[[supply]]\ntype = \"grid\"\nemission_profile = \"bad.csv\"\n");
  }
  const dcload::RunResult r = dcload::run(dcload::load_site(dir / "site.toml"));
  const auto grid = r.channel("grid_import");
  double kg = 0;
  for (size_t k = 0; k < grid.size(); ++k) {
    const size_t h = k % 24;
    kg += grid[k] * 3600.0 * ((h >= 22 || h < 8) ? 0.2 : 0.6) / 3.6e6;  // kg/kWh = t/MWh
  }
  CHECK(dcload::in_si(r.summary.co2) == Approx(kg).epsilon(1e-9));
  // A truncated profile names the file and says what is wrong.
  std::string e;
  try {
    dcload::load_site(dir / "bad.toml");
  } catch (const dcload::ConfigError& x) {
    e = x.what();
  }
  CHECK_THAT(e, Contains("bad.csv:3:"));
  CHECK_THAT(e, Contains("2 rows; expected 8,760"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("supply site: a value of lost load prices the unserved energy", "[supply]") {
  // 200,000 H100 on the 150 MVA Ulsan connection leave demand unserved every hour.
  const std::vector<std::string> big = {"cluster[0].count=200000"};
  const dcload::RunResult a = dcload::run(dcload::testing::single_hall_site(big));
  std::vector<std::string> priced = big;
  priced.push_back("economics.value_of_lost_load=10000 USD/MWh");
  const dcload::RunResult b = dcload::run(dcload::testing::single_hall_site(priced));
  const double unserved_mwh = dcload::in_megawatt_hours(b.summary.unserved);
  REQUIRE(unserved_mwh > 0);
  CHECK(a.summary.unserved_cost_usd == 0.0);
  CHECK(b.summary.unserved_cost_usd == Approx(unserved_mwh * 10000.0).epsilon(1e-12));
  // The supply cost and LCOE are those of the energy served; the cost per IT MWh adds it.
  CHECK(b.summary.supply_cost_usd == Approx(a.summary.supply_cost_usd).epsilon(1e-12));
  CHECK(b.summary.cost_per_it_mwh_usd ==
        Approx((b.summary.supply_cost_usd + unserved_mwh * 10000.0) /
               dcload::in_megawatt_hours(b.summary.it_energy))
            .epsilon(1e-12));
}

TEST_CASE("supply site: a window run keeps the year's wind rescaling", "[supply]") {
  // Offshore wind rescaled to a 6.03 m/s hub-height annual mean: a 1-day window at 1 h gives
  // the same output hour by hour as that day of the whole-year run.
  const dcload::Site s = dcload::load_site_from_string(site_with(
      "[[supply]]\ntype = \"wind\"\nlocation = \"offshore\"\ncapacity = \"30 MW\"\n"
      "mean_wind_speed = \"6.03 m/s\"\n[[supply]]\ntype = \"grid\"\n"),
      "site.toml", {"cluster[0].count=60000"});  // ≈ 85 MW demand: the 30 MW farm is all used
  const dcload::RunResult year = dcload::run(s);
  const int day = 40;
  const dcload::RunResult win =
      dcload::run(s, {.start = dcload::hours(24.0 * day), .duration = dcload::hours(24.0)});
  const auto y = year.channel("onsite_generation");
  const auto w = win.channel("onsite_generation");
  REQUIRE(w.size() == 24);
  double sum = 0;
  for (size_t k = 0; k < 24; ++k) {
    CHECK(w[k] == Approx(y[24 * day + k]).epsilon(1e-9).margin(1e-6));
    sum += w[k];
  }
  CHECK(sum > 0);
}

TEST_CASE("supply site: an import limit above the connection is capped at it", "[supply]") {
  // 200,000 H100 (≈ 290 MW) on the 150 MVA × 0.95 = 142.5 MW connection: a 500 MW import
  // limit cannot lift the import above the connection.
  const dcload::RunResult r = dcload::run(dcload::load_site_from_string(
      site_with("[[supply]]\ntype = \"grid\"\nimport_limit = \"500 MW\"\n"), "site.toml",
      {"cluster[0].count=200000"}));
  CHECK(dcload::in_megawatts(r.summary.peak_grid_import) == Approx(142.5).epsilon(1e-12));
  CHECK(dcload::in_si(r.summary.unserved) > 0);
}

TEST_CASE("supply site: the hourly CFE share never falls as the battery grows (Haenam)",
          "[supply]") {
  // The monotonicity the battery sizing's bisection relies on, over 0–16 GWh (4-hour systems).
  const dcload::Site base = dcload::load_site(kSrc + "/configs/regions/haenam.toml");
  double previous = -1;
  for (double gwh : {0.0, 1.0, 2.0, 4.0, 8.0, 16.0}) {
    dcload::Site site = base;
    for (auto& s : site.supply)
      if (s.type == dcload::SupplyType::kBattery) {
        s.energy = dcload::megawatt_hours(gwh * 1e3);
        s.capacity = dcload::megawatts(gwh * 1e3 / 4);
      }
    // No battery: the entry goes (a battery of 0 MWh is not a valid site).
    if (gwh == 0.0)
      std::erase_if(site.supply, [](const dcload::SupplySpec& s) {
        return s.type == dcload::SupplyType::kBattery;
      });
    const double cfe = dcload::run(site, {.channels = {"none"}}).summary.cfe_share;
    INFO(gwh << " GWh: " << cfe);
    CHECK(cfe >= previous);
    previous = cfe;
  }
  // A given battery replaced by target_cfe sizing is reported, not silent.
  const dcload::RunResult sized = dcload::run(dcload::load_site(
      kSrc + "/configs/regions/haenam.toml", {"supply[2].target_cfe=72 %"}));
  bool said = false;
  for (const auto& m : sized.status.messages)
    said = said || m.find("replacing the energy and power given (4000 MWh / 1000 MW)") !=
                       std::string::npos;
  CHECK(said);
}

TEST_CASE("supply site: a [[supply]] list without a grid entry needs islanded = true",
          "[supply][config][islanded]") {
  // ≈ 15 MW campus (10,000 H100: 1,250 nodes × 7,752 W + 10,000 × 100 W = 10.69 MW IT) on two
  // 10 MW LNG units, no outages: 20 MW of plant for it.
  const std::string lng = R"([[supply]]
type = "lng_ccgt"
capacity = "10 MW"
units = 2
forced_outage_rate = "0 %"
)";
  // Without islanded: an error at the entry's type key, naming the way out.
  try {
    (void)dcload::load_site_from_string(site_with(lng), "site.toml", {"cluster[0].count=10000"});
    FAIL("no ConfigError");
  } catch (const dcload::ConfigError& e) {
    CHECK(e.key() == "supply[0].type");
    CHECK(e.file() == "site.toml");
    // line 11: weather, [[cluster]] and its 3 keys, [electrical] and 1 key, [grid] and 1 key,
    // [[supply]], then `type = "lng_ccgt"`
    CHECK(e.line() == 11);
    CHECK_THAT(e.message(), Contains("no grid entry") && Contains("islanded = true"));
  }
  // islanded = true and a grid entry contradict each other.
  CHECK_THAT(load_error(site_with(lng + "[[supply]]\ntype = \"grid\"\n", "islanded = true\n")),
             Contains("islanded = true: but [[supply]] has a grid entry"));
  // islanded = true: runs, everything served on site, no grid import at all.
  const dcload::Site s = dcload::load_site_from_string(site_with(lng, "islanded = true\n"),
                                                       "site.toml", {"cluster[0].count=10000"});
  REQUIRE(s.islanded);
  dcload::RunOptions o;
  o.channels = {"grid_import", "facility_power", "onsite_generation", "unserved_power"};
  const dcload::RunResult r = dcload::run(s, o);
  const dcload::Summary& m = r.summary;
  CHECK(r.status.ok());
  CHECK(r.status.name() == "ok");
  CHECK(dcload::in_si(m.peak_facility) < 20e6);
  CHECK(dcload::in_si(m.peak_grid_import) == 0.0);
  const auto grid = r.channel("grid_import");
  CHECK(grid.size() == 8760);
  CHECK(std::count(grid.begin(), grid.end(), 0.0) == 8760);
  CHECK(dcload::in_si(m.unserved) == 0.0);
  CHECK(m.hours_over_capacity == 0.0);
  CHECK(m.hours_over_capacity_n1 == 0.0);
  // Energy balance: on-site generation serves the facility demand every hour.
  CHECK(total(r.channel("onsite_generation")) ==
        Approx(total(r.channel("facility_power"))).epsilon(1e-9));
}
