// The supply linear program: small programs solved by hand, balance and battery invariants on
// every solution, the carbon-free constraint (monotone cost, 0 % = the cheapest mix, no
// laundering of grid or LNG energy through the battery), infeasible cases with their reasons,
// bad input as one-line errors, and the optimum run through the simulator.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "dcload/dcload.hpp"
#include "optimize/supply_lp.hpp"

using namespace dcload;
using namespace dcload::detail;

namespace {

constexpr double kMWh = 3.6e9;  // J

LpSource grid_source(double limit_w, double price_usd_per_mwh, double cfe_share = 0,
                     double co2_t_per_mwh = 0.4) {
  LpSource g;
  g.name = "grid";
  g.kind = LpSource::Kind::kGrid;
  g.capacity_w = limit_w;
  g.price_usd_per_j = {price_usd_per_mwh / kMWh};
  g.grid_co2_kg_per_j = {co2_t_per_mwh * 1e3 / kMWh};
  g.cfe_share = {cfe_share};
  return g;
}

LpSource solar_source(std::vector<double> profile, double usd_per_w, double max_w = 0) {
  LpSource s;
  s.name = "pv";
  s.kind = LpSource::Kind::kRenewable;
  s.extendable = true;
  s.max_w = max_w;
  s.profile = std::move(profile);
  s.capital_usd_per_w = usd_per_w;
  return s;
}

LpSource battery_source(double usd_per_w, double usd_per_j, double rte) {
  LpSource b;
  b.name = "battery";
  b.kind = LpSource::Kind::kBattery;
  b.extendable = true;
  b.capital_usd_per_w = usd_per_w;
  b.capital_usd_per_j = usd_per_j;
  b.eta_charge = b.eta_discharge = std::sqrt(rte);
  b.soc_min = 0;
  b.soc_max = 1;
  return b;
}

// A week of a solar-like profile: zero at night, a half sine by day, a cloudy day mid-week.
std::vector<double> week_profile() {
  std::vector<double> p(168, 0.0);
  for (size_t t = 0; t < p.size(); ++t) {
    const double hour = static_cast<double>(t % 24);
    if (hour >= 6 && hour <= 18) p[t] = std::sin(3.14159265358979 * (hour - 6) / 12.0);
    if (t / 24 == 3) p[t] *= 0.2;
  }
  return p;
}

// Energy balance, battery dynamics and limits of a solution, step by step (SI).
void check_invariants(const LpInput& in, const LpResult& r) {
  const size_t n = in.demand_w.size();
  std::vector<double> re(n, 0.0);
  for (size_t i = 0; i < in.sources.size(); ++i)
    if (in.sources[i].kind == LpSource::Kind::kRenewable)
      for (size_t t = 0; t < n; ++t) re[t] += in.sources[i].profile[t] * r.sources[i].capacity_w;
  const LpSource* bat = nullptr;
  const LpSourceResult* batr = nullptr;
  const LpSource* grid = nullptr;
  double grid_limit = 0;
  for (size_t i = 0; i < in.sources.size(); ++i) {
    if (in.sources[i].kind == LpSource::Kind::kBattery) bat = &in.sources[i], batr = &r.sources[i];
    if (in.sources[i].kind == LpSource::Kind::kGrid) {
      grid = &in.sources[i];
      grid_limit = grid->extendable ? grid->max_w : grid->capacity_w;
    }
  }
  const double tol = 1e-6 * std::max(1.0, *std::max_element(in.demand_w.begin(), in.demand_w.end()));
  double dirty = 0, demand = 0;
  for (size_t t = 0; t < n; ++t) {
    // Every step: supply − curtailment = demand.
    const double supplied = re[t] + r.import_w[t] + r.lng_w[t] + r.discharge_w[t] - r.charge_w[t] +
                            r.unserved_w[t] - r.curtailed_w[t];
    CHECK(supplied == Approx(in.demand_w[t]).margin(tol));
    CHECK(r.curtailed_w[t] >= -tol);
    CHECK(r.curtailed_w[t] <= re[t] + r.import_w[t] + r.lng_w[t] + tol);
    if (grid) CHECK(r.import_w[t] <= grid_limit + tol);
    if (bat) {
      const double prev = r.soc_j[(t + n - 1) % n];
      const double next = prev + (bat->eta_charge * r.charge_w[t] - r.discharge_w[t] / bat->eta_discharge) * in.dt_s;
      CHECK(r.soc_j[t] == Approx(next).margin(tol * in.dt_s));
      CHECK(r.soc_j[t] >= bat->soc_min * batr->energy_capacity_j - tol * in.dt_s);
      CHECK(r.soc_j[t] <= bat->soc_max * batr->energy_capacity_j + tol * in.dt_s);
      CHECK(r.charge_w[t] <= batr->capacity_w + tol);
      CHECK(r.discharge_w[t] <= batr->capacity_w + tol);
    }
    dirty += ((grid ? (1 - (grid->cfe_share.size() == 1 ? grid->cfe_share[0] : grid->cfe_share[t])) : 0) * r.import_w[t] + r.lng_w[t] + r.unserved_w[t]) * in.dt_s;
    demand += in.demand_w[t] * in.dt_s;
  }
  // The reported share is the identity 1 − dirty / demand, and it meets the target.
  CHECK(r.cfe_share == Approx(1 - dirty / demand).margin(1e-9));
  if (in.cfe_target > 0) CHECK(r.cfe_share >= in.cfe_target - 1e-6);
}

}  // namespace

TEST_CASE("optimize LP: two steps, grid only — energy plus demand charge by hand", "[optimize]") {
  // D = 100, 200 MW for one hour each; 100 USD/MWh; demand charge 10 USD/kW on the peak.
  // Cost = 100 × 300 MWh + 10 000 USD/MW × 200 MW = 30 000 + 2 000 000 = 2 030 000 USD.
  // Marginal price: 100 USD/MWh in the first hour; the peak hour also carries the demand
  // charge, 100 + 10 000 = 10 100 USD/MWh.
  LpInput in;
  in.demand_w = {100e6, 200e6};
  LpSource g = grid_source(300e6, 100);
  g.demand_charge_usd_per_w = 0.01;  // 10 USD/kW
  in.sources = {g};
  // The program needs one extendable source: here none, so the grid is fixed and nothing is
  // chosen — the LP still dispatches and prices.
  const LpResult r = solve_supply_lp(in);
  REQUIRE(r.status == "optimal");
  CHECK(r.cost_usd == Approx(2'030'000).epsilon(1e-9));
  CHECK(r.sources[0].energy_usd == Approx(30'000).epsilon(1e-9));
  CHECK(r.sources[0].fixed_om_usd == Approx(2'000'000).epsilon(1e-9));
  CHECK(r.price_usd_per_mwh[0] == Approx(100).epsilon(1e-6));
  CHECK(r.price_usd_per_mwh[1] == Approx(10'100).epsilon(1e-6));
  check_invariants(in, r);
}

TEST_CASE("optimize LP: flat load on PV and a battery — the optimum on paper", "[optimize]") {
  // Islanded, 1 MW for two hours; PV gives 1 W/W in hour 0 and nothing in hour 1. Battery RTE
  // 0.81 (η = 0.9 each way), SOC 0–100 %, power free, energy 1e-5 USD/J (36 USD/kWh); PV 0.1 USD/W.
  // Hour 1 needs 1 MWh discharged: the SOC falls 1/0.9 = 1.1111 MWh, so hour 0 charges
  // 1.1111/0.9 = 1.2346 MW and PV = 1 + 1.2346 = 2.2346 MW; E = 1.1111 MWh.
  // Cost = 0.1 × 2.2346e6 + 1e-5 × 1.1111 × 3.6e9 = 223 457 + 40 000 = 263 457 USD.
  LpInput in;
  in.demand_w = {1e6, 1e6};
  in.sources = {solar_source({1.0, 0.0}, 0.1), battery_source(0.0, 1e-5, 0.81)};
  const LpResult r = solve_supply_lp(in);
  REQUIRE(r.status == "optimal");
  const double e_mwh = 1 / 0.9, charge_mw = e_mwh / 0.9;
  CHECK(r.sources[0].capacity_w == Approx((1 + charge_mw) * 1e6).epsilon(1e-7));
  CHECK(r.sources[1].energy_capacity_j == Approx(e_mwh * kMWh).epsilon(1e-7));
  CHECK(r.charge_w[0] == Approx(charge_mw * 1e6).epsilon(1e-7));
  CHECK(r.discharge_w[1] == Approx(1e6).epsilon(1e-7));
  CHECK(r.cost_usd == Approx(0.1 * (1 + charge_mw) * 1e6 + 1e-5 * e_mwh * kMWh).epsilon(1e-7));
  CHECK(r.cfe_share == Approx(1.0).margin(1e-12));
  check_invariants(in, r);
}

TEST_CASE("optimize LP: battery energy cost is the larger of its annuity and its wear",
          "[optimize]") {
  // The same two hours, PV at 1e-4 USD/W (100 USD/MW), a grid at 500 USD/MWh and a wear cost of
  // 1e-3 USD/J discharged: storing hour 0's PV for hour 1 costs at least 3.6e6 USD of wear for the
  // one MWh (above the 40 000 USD annuity), so PV serves hour 0 (1 MW, 100 USD) and the grid
  // hour 1 (500 USD): 600 USD, no battery. (Without PV the grid would cost 1 000 USD.)
  LpInput in;
  in.demand_w = {1e6, 1e6};
  LpSource b = battery_source(0.0, 1e-5, 0.81);
  b.wear_usd_per_j = 1e-3;
  in.sources = {solar_source({1.0, 0.0}, 1e-4), b, grid_source(10e6, 500)};
  const LpResult r = solve_supply_lp(in);
  REQUIRE(r.status == "optimal");
  CHECK(r.sources[1].energy_j == Approx(0).margin(1e-3));
  CHECK(r.sources[0].capacity_w == Approx(1e6).epsilon(1e-7));
  CHECK(r.cost_usd == Approx(1e-4 * 1e6 + 500).epsilon(1e-7));
  check_invariants(in, r);
}

TEST_CASE("optimize LP: a week with PV, battery and grid keeps every invariant; CFE costs more "
          "as it rises; 0 % is the cheapest mix", "[optimize]") {
  LpInput in;
  in.demand_w.assign(168, 100e6);
  for (size_t t = 0; t < 168; ++t) in.demand_w[t] += 10e6 * std::sin(0.3 * static_cast<double>(t));
  // Per-week costs (the annual figures / 52): PV 1.6 USD/W/yr, battery 0.5 USD/W + 30 USD/kWh.
  in.sources = {solar_source(week_profile(), 1.6 / 52),
                battery_source(0.5 / 52, 30.0 / 3.6e6 / 52, 0.85), grid_source(150e6, 120, 0.4)};
  const std::vector<double> targets = {0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  const std::vector<LpResult> curve = solve_supply_lp_curve(in, targets);
  REQUIRE(curve.size() == targets.size());
  double last = 0;
  for (size_t k = 0; k < curve.size(); ++k) {
    INFO("target " << targets[k]);
    REQUIRE(curve[k].status == "optimal");
    LpInput at = in;
    at.cfe_target = targets[k];
    check_invariants(at, curve[k]);
    CHECK(curve[k].cost_usd >= last * (1 - 1e-9));  // monotonically costlier
    last = curve[k].cost_usd;
    // The warm-started curve equals a program solved from scratch.
    const LpResult cold = solve_supply_lp(at);
    CHECK(cold.cost_usd == Approx(curve[k].cost_usd).epsilon(1e-6));
  }
  // 0 %: the same as a program without the carbon-free row (the cheapest mix).
  LpInput none = in;
  none.cfe_target = 0;
  const LpResult cheapest = solve_supply_lp(none);
  CHECK(curve[0].cost_usd == Approx(cheapest.cost_usd).epsilon(1e-9));
  CHECK(curve[0].cfe_dual_usd_per_mwh == Approx(0).margin(1e-9));
  // Where the target binds its dual is positive.
  CHECK(curve.back().cfe_dual_usd_per_mwh > 0);
}

TEST_CASE("optimize LP: charging from the grid or LNG never raises the carbon-free share",
          "[optimize]") {
  // No renewables; the grid is 50 % carbon-free; a free battery (no cost at all) is available.
  // Counting every discharge as clean would let the program cycle grid energy through the
  // battery and claim more than 50 %. The share here can only be ≤ 50 %: a 60 % target is
  // infeasible, and its reason says the best reachable is 50 %.
  LpInput in;
  in.demand_w.assign(48, 100e6);
  in.sources = {grid_source(300e6, 100, 0.5), battery_source(0, 0, 0.9)};
  in.cfe_target = 0.6;
  const LpResult r = solve_supply_lp(in);
  CHECK(r.status == "infeasible");
  CHECK_THAT(r.reason, Catch::Contains("60 % carbon-free is unreachable: at most 50.00 %"));
  CHECK(r.max_cfe_share == Approx(0.5).margin(1e-9));
  // With LNG cheaper than the grid, charging from LNG only makes it dirtier: 50 % remains the best.
  LpSource lng;
  lng.name = "lng";
  lng.kind = LpSource::Kind::kLng;
  lng.capacity_w = 300e6;
  lng.fuel_usd_per_j = 10 / kMWh;
  lng.co2_kg_per_j = 350 / kMWh;
  in.sources.push_back(lng);
  in.cfe_target = 0.5;
  const LpResult r2 = solve_supply_lp(in);
  REQUIRE(r2.status == "optimal");
  CHECK(r2.cfe_share == Approx(0.5).margin(1e-7));
  check_invariants(in, r2);
  in.cfe_target = 0.5001;
  CHECK(solve_supply_lp(in).status == "infeasible");
}

TEST_CASE("optimize LP: demand the sources cannot meet is infeasible, or priced at VoLL",
          "[optimize]") {
  LpInput in;
  in.demand_w = {100e6, 150e6, 80e6};
  in.sources = {grid_source(120e6, 100), solar_source({0, 0, 0}, 0.1, 50e6)};
  const LpResult r = solve_supply_lp(in);
  CHECK(r.status == "infeasible");
  CHECK_THAT(r.reason, Catch::StartsWith("demand cannot be served"));
  CHECK_THAT(r.reason, Catch::Contains("at least 30 MWh"));  // 150 − 120 MW for one hour
  // With a value of lost load of 10 000 USD/MWh the 30 MWh are unserved and priced:
  // cost = 100 × (100 + 120 + 80) + 10 000 × 30 = 30 000 + 300 000.
  in.voll_usd_per_j = 1e4 / kMWh;
  const LpResult v = solve_supply_lp(in);
  REQUIRE(v.status == "optimal");
  CHECK(v.unserved_j == Approx(30 * kMWh).epsilon(1e-9));
  CHECK(v.cost_usd == Approx(330'000).epsilon(1e-9));
  CHECK(v.unserved_cost_usd == Approx(300'000).epsilon(1e-9));
  check_invariants(in, v);
}

TEST_CASE("optimize LP: inconsistent input is refused", "[optimize]") {
  LpInput in;
  in.demand_w = {1e6, 1e6};
  LpSource s = solar_source({1, 0}, 0.1, 1e6);
  s.min_w = 2e6;
  in.sources = {s};
  CHECK_THROWS_WITH(solve_supply_lp(in), Catch::Contains("min capacity above max"));
  in.sources = {solar_source({1}, 0.1)};
  CHECK_THROWS_WITH(solve_supply_lp(in), Catch::Contains("profile length"));
  in.sources = {grid_source(1e6, 1)};
  in.cfe_target = 1.2;
  CHECK_THROWS_WITH(solve_supply_lp(in), Catch::Contains("within 0 … 100 %"));
}

namespace {
// The built-in Ulsan campus (≈ 90 MW) with an extendable PV plant and the grid.
const char* kPvSite = R"(
extends = "configs/ulsan.toml"
[[supply]]
type = "solar"
name = "PV"
extendable = true
max_capacity = "400 MW"
[[supply]]
type = "grid"
name = "grid"
tariff = "120 USD/MWh"
demand_charge = "0 KRW/kW/month"
)";

Site pv_site(const std::string& extra = "") {
  std::string text = std::string(kPvSite) + extra;
  const std::string root = DCLOAD_SOURCE_DIR;
  const auto at = text.find("configs/ulsan.toml");
  text.replace(at, 18, root + "/configs/ulsan.toml");
  return load_site_from_string(text, "pv_site.toml");
}
}  // namespace

TEST_CASE("optimize: site-file errors are one line at the key", "[optimize]") {
  auto error_of = [](const std::string& extra) {
    try {
      pv_site(extra);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("[optimize]\ncfe = \"120 %\"\n"), Catch::Contains("optimize.cfe"));
  const std::string minmax = error_of(R"(
[[supply]]
type = "battery"
extendable = true
min_capacity = "5 MW"
max_capacity = "1 MW"
)");
  CHECK_THAT(minmax, Catch::Contains("min_capacity is above max_capacity"));
  const std::string bound = error_of(R"(
[[supply]]
type = "battery"
capacity = "1 MW"
energy = "4 MWh"
max_capacity = "10 MW"
)");
  CHECK_THAT(bound, Catch::Contains("applies only with extendable = true"));
  CHECK(bound.find('\n') == std::string::npos);
  // Nothing extendable: nothing to optimize.
  CHECK_THROWS_WITH(optimize(default_site()), Catch::Contains("no [[supply]] entry is extendable"));
}

TEST_CASE("optimize: PV + grid on the Ulsan campus — the simulator reproduces the program",
          "[optimize]") {
  // With a flat tariff, no demand charge and no storage the rules (renewables first, then the
  // grid) are the program's dispatch, so the simulated cost and CFE equal the optimum's.
  const Site site = pv_site("[optimize]\ncfe = \"50 %\"\n");
  const OptimizeResult o = optimize(site);
  REQUIRE(o.status == "optimal");
  REQUIRE(o.simulated.has_value());
  CHECK(o.cfe_share >= 0.5 - 1e-6);
  CHECK(o.sources[0].type == "solar");
  CHECK(in_megawatts(o.sources[0].capacity) > 1);
  CHECK(o.simulated->supply_cost_usd == Approx(o.cost_usd).epsilon(1e-4));
  CHECK(o.simulated->cfe_share == Approx(o.cfe_share).margin(1e-4));
  CHECK(in_megawatt_hours(o.simulated->unserved) == Approx(0).margin(1e-6));
  // A plain run of the same file leaves the unsized PV out and says so.
  const RunResult plain = run(site, {.channels = {"none"}});
  bool said = false;
  for (const auto& m : plain.status.messages) said = said || m.find("leaves it out") != std::string::npos;
  CHECK(said);
}
