// Electrical chain and grid: UPS, transformer and heater losses against hand calculations,
// capacity (normal, N-1, contract), ramp-limiting storage, the UPS–cooling loop, the design day
// and the capacity search.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "dcload/dcload.hpp"
#include "stages.hpp"
#include "support.hpp"

using namespace dcload;
using detail::Series;

namespace {

// The key-table defaults (engine/config/keys.cpp): a0 = 2.23 %, a1 = 0.62 %, a2 = 3.66 %.
ElectricalSpec ups_spec(UpsRedundancy red) {
  ElectricalSpec e;
  e.ups_redundancy = red;
  e.ups_module_rating = volt_amperes(1.5e6);
  e.ups_power_factor = 1.0;
  e.ups_no_load_loss = 0.0223;
  e.ups_proportional_loss = 0.0062;
  e.ups_square_loss = 0.0366;
  return e;
}

// UPS loss of the modules installed for `design_w` carrying `output_w`.
double ups_loss_w(const ElectricalSpec& e, double output_w, double design_w, int* modules = nullptr,
                  double* f = nullptr) {
  detail::ElectricalSeries el;
  const int m = detail::ups_modules_installed(e, design_w);
  detail::compute_ups(e, Series{output_w}, m, el);
  if (modules) *modules = m;
  if (f) *f = el.ups_load_fraction[0];
  return el.ups_loss_w[0];
}

// Lines: 1 weather, 2 [[cluster]], 3 name, 4 accelerator, 5 count, 6 [electrical],
// 7 transformer_rating, 8.. extra_el, then [grid] and connection, then extra_grid.
std::string site_text(const std::string& extra_grid = "",
                      const std::string& extra_el = "transformer_count = 3\n",
                      const std::string& count = "60000") {
  return "weather = \"builtin:ulsan\"\n[[cluster]]\nname = \"c\"\naccelerator = \"H100 SXM\"\n"
         "count = " + count + "\n[electrical]\ntransformer_rating = \"75 MVA\"\n" + extra_el +
         "[grid]\nconnection = \"150 MVA\"\n" + extra_grid;
}

}  // namespace

TEST_CASE("electrical: UPS modules installed follow the redundancy", "[electrical]") {
  // Design output 9.6 MW on 1.5 MW modules: n = ceil(9.6/1.5) = 7.
  CHECK(detail::ups_modules_installed(ups_spec(UpsRedundancy::kN), 9.6e6) == 7);
  CHECK(detail::ups_modules_installed(ups_spec(UpsRedundancy::kNPlus1), 9.6e6) == 8);
  CHECK(detail::ups_modules_installed(ups_spec(UpsRedundancy::k2N), 9.6e6) == 14);
  // Distributed, k = 3 systems: m = ceil(7 / 2) = 4 modules each, 12 in all.
  ElectricalSpec d = ups_spec(UpsRedundancy::kDistributed);
  d.ups_distributed_systems = 3;
  CHECK(detail::ups_modules_installed(d, 9.6e6) == 12);
  d.ups_distributed_systems = 4;  // m = ceil(7/3) = 3 → 12
  CHECK(detail::ups_modules_installed(d, 9.6e6) == 12);
  // An exact multiple needs no extra module: 9.0 MW = 6 × 1.5 MW.
  CHECK(detail::ups_modules_installed(ups_spec(UpsRedundancy::kN), 9.0e6) == 6);
}

TEST_CASE("electrical: 2N at low module load loses more than N+1 at high load (hand calc)",
          "[electrical]") {
  // 9.6 MW output, design 9.6 MW.
  // N+1: 8 modules, f = 9.6/12 = 0.8; loss = 8·1.5e6·(0.0223 + 0.0062·0.8 + 0.0366·0.64)
  //      = 12e6 · 0.050684 = 608,208 W.
  int m = 0;
  double f = 0;
  const double n1 = ups_loss_w(ups_spec(UpsRedundancy::kNPlus1), 9.6e6, 9.6e6, &m, &f);
  CHECK(m == 8);
  CHECK(f == Approx(0.8).epsilon(1e-12));
  CHECK(n1 == Approx(608208.0).epsilon(1e-9));
  // 2N: 14 modules, f = 9.6/21 = 0.457142857;
  //      loss = 21e6·(0.0223 + 0.002834286 + 0.007648653) = 21e6·0.032782939 = 688,441.7 W.
  const double two_n = ups_loss_w(ups_spec(UpsRedundancy::k2N), 9.6e6, 9.6e6, &m, &f);
  CHECK(m == 14);
  CHECK(two_n == Approx(21e6 * (0.0223 + 0.0062 * (9.6 / 21) + 0.0366 * (9.6 / 21) * (9.6 / 21)))
                     .epsilon(1e-12));
  CHECK(two_n == Approx(688441.7).epsilon(1e-6));
  CHECK(two_n > n1);
  // 2N at ~30 %: 6.3 MW on a 9.6 MW design → f = 0.3, loss = 21e6·(0.0223+0.00186+0.003294)
  //      = 21e6·0.027454 = 576,534 W = 9.15 % of the load, vs 6.34 % for N+1 at 80 %.
  const double two_n_30 = ups_loss_w(ups_spec(UpsRedundancy::k2N), 6.3e6, 9.6e6, &m, &f);
  CHECK(f == Approx(0.3).epsilon(1e-12));
  CHECK(two_n_30 == Approx(576534.0).epsilon(1e-9));
  CHECK(two_n_30 / 6.3e6 > n1 / 9.6e6);
  // Modules are sized for the design output (the plant's design stage), not the run: 11 MW on
  // a 9.6 MW design runs the 7 modules beyond full load, f = 11/10.5 (the run reports it as
  // hours over the installed UPS).
  ups_loss_w(ups_spec(UpsRedundancy::kN), 11e6, 9.6e6, &m, &f);
  CHECK(m == 7);
  CHECK(f == Approx(11.0 / 10.5).epsilon(1e-12));
}

TEST_CASE("electrical: transformer loss is no-load plus load loss ∝ (S/S_r)²", "[electrical]") {
  ElectricalSpec e;
  e.transformer_rating = volt_amperes(75e6);
  e.transformer_count = 3;
  e.transformer_no_load_loss = 0.0004;
  e.transformer_load_loss = 0.00333;
  e.transformer_power_factor = 0.95;
  // 90 MW through 3 × 75 MVA at pf 0.95: s = 90/(0.95·225) = 0.421053;
  // loss = 225e6·(0.0004 + 0.00333·0.177285319) = 225e6·0.000990360 = 222,831.0 W.
  Series loss;
  detail::transformer_loss(e, 3, Series{}, Series{90e6, 0.0}, loss);
  const double s = 90e6 / (0.95 * 225e6);
  CHECK(loss[0] == Approx(225e6 * (0.0004 + 0.00333 * s * s)).epsilon(1e-12));
  CHECK(loss[0] == Approx(222831.0).epsilon(1e-6));
  CHECK(loss[1] == Approx(90000.0).epsilon(1e-12));  // no load: core loss only
}

TEST_CASE("electrical: generators are sized on the design facility demand; heaters follow the "
          "outdoor temperature", "[electrical]") {
  const Site site = load_site_from_string(site_text(), "site.toml");
  // Four hours: coldest −8 °C (sizes the heaters), 12.1 °C, 35 °C, 32.2 °C (the set point).
  Weather w = testing::synthetic_weather({-9.0, 10.0, 26.0, 25.0}, {-8.0, 12.1, 35.0, 32.2});
  const detail::PlantDesign d = detail::design_plant(site, w);
  // 2.5 MW sets, 1 spare: N = ⌈facility at design / 2.5 MW⌉.
  const int duty = static_cast<int>(std::ceil(d.facility_w / 2.5e6 - 1e-9));
  CHECK(d.generators == duty + 1);
  // Heater 0.36 % of 2.5 MW = 9 kW per set; UA = 9 kW·N / (32.2 − (−8)) K.
  const double heater_w = 9000.0 * d.generators;
  CHECK(d.generator_heater_max_w == Approx(heater_w).epsilon(1e-12));
  CHECK(d.generator_heater_ua_w_per_k == Approx(heater_w / 40.2).epsilon(1e-12));
  detail::ItSeries it;
  it.it_w.assign(4, 50e6);
  const detail::ElectricalSeries el = detail::compute_electrical(site, d, it, w);
  CHECK(el.generator_heater_w[0] == Approx(heater_w).epsilon(1e-12));
  CHECK(el.generator_heater_w[1] == Approx(heater_w * (32.2 - 12.1) / 40.2).epsilon(1e-12));
  CHECK(el.generator_heater_w[2] == 0.0);
  CHECK(el.generator_heater_w[3] == Approx(0.0).margin(1e-6));
  CHECK(el.aux_w[1] == Approx(el.lighting_w[1] + el.generator_heater_w[1]).epsilon(1e-12));
}

TEST_CASE("grid: capacity is the smallest of connection, circuits and transformers", "[grid]") {
  // Ulsan: 150 MVA, 2 × 452 MVA circuits, 3 × 75 MVA transformers, pf 0.95.
  Site site = load_site_from_string(site_text(), "site.toml");
  CHECK(detail::grid_capacity_w(site, site.grid.connection, false) == Approx(142.5e6));
  // N-1: min(150, 1 × 452, 2 × 75) = 150 MVA → still 142.5 MW.
  CHECK(detail::grid_capacity_w(site, site.grid.connection, true) == Approx(142.5e6));
  // Two 100 MVA circuits: N-1 = 100 MVA → 95 MW.
  site = load_site_from_string(site_text("circuit_rating = \"100 MVA\"\n"), "site.toml");
  CHECK(detail::grid_capacity_w(site, site.grid.connection, true) == Approx(95e6));
  // Two transformers of 75 MVA: normal min(150, 904, 150) = 142.5 MW, N-1 75 MVA → 71.25 MW.
  site = load_site_from_string(site_text("", "transformer_count = 2\n"), "site.toml");
  CHECK(detail::grid_capacity_w(site, site.grid.connection, true) == Approx(71.25e6));
  // A contracted demand of 120 MW caps both.
  site = load_site_from_string(site_text("contracted_demand = \"120 MW\"\n"), "site.toml");
  CHECK(detail::grid_capacity_w(site, site.grid.connection, false) == Approx(120e6));
  CHECK(detail::grid_capacity_w(site, site.grid.connection, true) == Approx(120e6));
}

TEST_CASE("grid: storage holds a step of load to the ramp limit (hand calc)", "[grid]") {
  Site site = load_site_from_string(site_text("ramp_limit = \"10 MW/min\"\n"), "site.toml");
  CHECK(site.grid.ramp_limit_w_per_s == Approx(10e6 / 60.0));
  // 1-minute steps, load 0 → 60 MW in one step. The grid follows at 10 MW per step:
  // storage supplies 50, 40, 30, 20, 10 MW for a minute each → 150 MW·min = 2.5 MWh, 50 MW.
  const Series load = {0.0, 60e6, 60e6, 60e6, 60e6, 60e6, 60e6, 60e6};
  // In two blocks (the state carries over): the same as one.
  detail::RampState g;
  Series head;
  detail::compute_grid(site, 142.5e6, Series(load.begin(), load.begin() + 3), 60.0, head, g);
  detail::compute_grid(site, 142.5e6, Series(load.begin() + 3, load.end()), 60.0, head, g);
  CHECK(g.max_ramp_w_per_s == Approx(60e6 / 60.0));
  CHECK(g.p_max == Approx(50e6));
  CHECK(g.e_max - g.e_min == Approx(2.5 * 3.6e9));
  // Headroom: capacity minus the draw.
  CHECK(head.back() == Approx(142.5e6 - 60e6));
}

TEST_CASE("grid: a bad upgrade date names the key", "[grid]") {
  try {
    load_site_from_string(site_text("[[grid.upgrade]]\ndate = \"2031-13-01\"\nconnection = \"400 MVA\"\n"),
                          "site.toml");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "site.toml:12:8: grid.upgrade[0].date = \"2031-13-01\": expected a date \"YYYY-MM-DD\"");
  }
  const Site s = load_site_from_string(
      site_text("[[grid.upgrade]]\ndate = \"2033-01-01\"\nconnection = \"600 MVA\"\n"
                "[[grid.upgrade]]\ndate = \"2031-07-01\"\nconnection = \"400 MVA\"\n"),
      "site.toml");
  REQUIRE(s.grid.upgrades.size() == 2);
  CHECK(s.grid.upgrades[0].year == 2031);  // sorted by date
  CHECK(s.grid.upgrades[0].month == 7);
  CHECK(in_megavolt_amperes(s.grid.upgrades[1].connection) == Approx(600.0));
}

TEST_CASE("electrical: UPS-fed fans and pumps close the loop in a few iterations", "[electrical]") {
  const Site plain = load_site_from_string(site_text(), "site.toml");
  const Site fed = load_site_from_string(
      site_text("", "transformer_count = 3\nups_serves_crah_fans = true\nups_serves_pumps = true\n"), "site.toml");
  const RunResult a = run(plain);
  const RunResult b = run(fed);
  CHECK(a.summary.ups_iterations == 0);
  CHECK(b.summary.ups_iterations >= 2);
  CHECK(b.summary.ups_iterations <= 6);
  CHECK(b.status.ok());
  // More load through the UPS: more UPS loss, more cooling, higher PUE.
  CHECK(in_si(b.summary.ups_loss) > in_si(a.summary.ups_loss));
  CHECK(b.summary.pue_annual > a.summary.pue_annual);
  // The fixed point: UPS loss equals the loss of IT + PDU + fans + pumps at that point.
  const auto it = b.channel("it_power");
  const auto dist = b.channel("distribution_loss");
  const auto fans = b.channel("crah_fan_power");
  const auto pumps = b.channel("chw_pump_power");
  const auto ups = b.channel("ups_loss");
  const auto f = b.channel("ups_load_fraction");
  const double s_va = 1.5e6;
  const int modules = b.summary.ups_modules;
  const ElectricalSpec& e = fed.electrical;
  for (size_t k = 0; k < it.size(); k += 997) {
    const double out = it[k] + dist[k] + fans[k] + pumps[k];
    CHECK(f[k] == Approx(out / (modules * s_va)).epsilon(1e-8));
    CHECK(ups[k] == Approx(modules * s_va *
                           (e.ups_no_load_loss + e.ups_proportional_loss * f[k] +
                            e.ups_square_loss * f[k] * f[k]))
                        .epsilon(1e-12));
  }
  // Energy balance still closes every step.
  const auto fac = b.channel("facility_power");
  const auto aux = b.channel("aux_power");
  const auto cool = b.channel("cooling_power");
  const auto tr = b.channel("transformer_loss");
  for (size_t k = 0; k < fac.size(); ++k)
    REQUIRE(fac[k] == Approx(it[k] + dist[k] + ups[k] + aux[k] + cool[k] + tr[k]).epsilon(1e-9));
}

TEST_CASE("grid: the design day peaks at the 0.4 % dry-bulb with its coincident wet-bulb",
          "[grid]") {
  Weather w = load_weather("builtin:ulsan");
  const Weather d = detail::design_day_weather(w);
  REQUIRE(d.size() == 24);
  double peak = -1e9;
  size_t hpk = 0;
  for (size_t h = 0; h < 24; ++h)
    if (d.dry_bulb_c[h] > peak) {
      peak = d.dry_bulb_c[h];
      hpk = h;
    }
  CHECK(peak == Approx(w.design.db_004_c).margin(1e-12));
  CHECK((hpk == 13 || hpk == 14));  // ASHRAE Table 6 hours 14–15 have fraction 0
  // At the peak the wet-bulb is the mean coincident wet-bulb (humidity held at that state).
  CHECK(d.wet_bulb_c[hpk] == Approx(w.design.mcwb_004_c).margin(1e-6));
  // Hour 5 (fraction 1.00) is the coldest: db − daily range.
  CHECK(d.dry_bulb_c[4] < d.dry_bulb_c[3]);
  for (size_t h = 0; h < 24; ++h) CHECK(d.wet_bulb_c[h] <= d.dry_bulb_c[h] + 1e-9);
  // The run reports the design-day peak demand, below the year's peak (the year has hotter
  // hours than the 0.4 % value) and above the year's mean.
  const RunResult r = run(load_site_from_string(site_text(), "site.toml"), w);
  CHECK(in_si(r.summary.design_day_facility) > in_si(r.summary.facility_energy) / (8760 * 3600.0));
  CHECK(in_si(r.summary.design_day_facility) <= in_si(r.summary.peak_facility) * 1.0001);
}

TEST_CASE("grid: the capacity search finds the last accelerator that fits", "[grid][capacity]") {
  const Site site = load_site_from_string(site_text(), "site.toml");
  const Weather w = load_weather("builtin:ulsan");
  const CapacityResult c = find_capacity(site, w);
  CHECK(c.accelerator == "H100 SXM");
  CHECK(c.trials <= 30);
  REQUIRE(c.year.max_gpus > 60000);
  // At max_gpus the headroom is ≥ 0 and below 1 % of the connection (the criterion);
  // one more accelerator exceeds.
  CHECK(in_si(c.year.headroom) >= 0.0);
  CHECK(in_si(c.year.headroom) < 0.01 * 150e6);
  CHECK(in_si(c.year.headroom_one_more) < 0.0);
  // Re-running the site at that count agrees, and 3 % more exceeds the capacity.
  const std::string n = std::to_string(c.year.max_gpus);
  const RunResult at = run(load_site_from_string(site_text("", "transformer_count = 3\n", n), "site.toml"), w);
  CHECK(in_si(at.summary.min_grid_headroom) == Approx(in_si(c.year.headroom)).margin(1.0));
  CHECK(at.summary.hours_over_capacity == 0.0);
  const std::string more = std::to_string(static_cast<long long>(c.year.max_gpus * 1.03));
  const RunResult over = run(load_site_from_string(site_text("", "transformer_count = 3\n", more), "site.toml"), w);
  CHECK(over.summary.hours_over_capacity > 0.0);
  CHECK(over.status.name() == "over_capacity");
  // N-1 with 100 MVA circuits binds at 95 MW: fewer accelerators fit.
  const Site weak = load_site_from_string(site_text("circuit_rating = \"100 MVA\"\n"), "site.toml");
  const CapacityResult cw = find_capacity(weak, w);
  CHECK(in_megawatts(cw.year_n1.limit) == Approx(95.0));
  CHECK(cw.year_n1.max_gpus < cw.year.max_gpus);
  CHECK(in_si(cw.year_n1.headroom) >= 0.0);
  CHECK(in_si(cw.year_n1.headroom_one_more) < 0.0);
  // Roughly proportional: (95 − fixed)/(142.5 − fixed) of the GPUs; at least within 35–75 %.
  const double ratio = static_cast<double>(cw.year_n1.max_gpus) / cw.year.max_gpus;
  CHECK(ratio > 0.6);
  CHECK(ratio < 0.7);
}

TEST_CASE("grid: the build-out reports the first year over the connection then in force",
          "[grid][buildout]") {
  // configs/ulsan_1gw.toml with its 1400 MVA 345 kV line a year late (2031-01-01): 2030 adds
  // 144,000 GB200 (≈ 200 MW IT) to the 60,000 GPUs on the 150 MVA 154 kV supply: far over.
  const RunResult r = run(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml",
                                    {"grid.upgrade[0].date=2031-01-01"}));
  REQUIRE(r.summary.buildout.size() == 6);
  CHECK(r.summary.binding_year == 2030);
  CHECK(r.status.name() == "over_capacity");
  for (const BuildoutYear& y : r.summary.buildout) {
    // Capacity: 150 MVA × 0.95 before the upgrade; from 2031 min(1400, 2 × 2172, 4 × 400) MVA
    // × 0.95 = 1330 MW (all four transformers energized by then: ⌈4 × 627/768⌉ = 4).
    CHECK(in_megawatts(y.grid_capacity) == Approx(y.year < 2031 ? 142.5 : 1330.0));
    CHECK(in_si(y.min_grid_headroom) ==
          Approx(in_si(y.grid_capacity) - in_si(y.peak_facility)).margin(1e-3));
    CHECK((in_si(y.min_grid_headroom) < 0) == (y.year == 2030));
  }
  // The file's own date, 2030-01-01, removes the binding year.
  const RunResult early = run(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml"));
  CHECK(early.summary.binding_year == 0);
  CHECK(to_json(early.summary).find("\"binding_year\": null") != std::string::npos);
}

TEST_CASE("grid: two 75 MVA transformers are not firm for the default site", "[grid][n1]") {
  // Default site (configs/ulsan.toml) with two main transformers of 75 MVA instead of three.
  // Normal capacity: min(150 MVA connection, 2 × 452 MVA circuits, 2 × 75 MVA) × 0.95 =
  // 142.5 MW. N-1 (one transformer out): min(150, 452, 75) MVA × 0.95 = 71.25 MW. The campus
  // draws more every hour: its IT alone at the sustained training draw (the hourly mean) is
  // 30,000 × (969 + 51.5 + 48.5) W + 30,000 × (1,358.5 + 51.5 + 67.9) W = 76.4 MW > 71.25 MW,
  // and facility power ≥ IT power — so all 8,760 hours exceed N-1, none exceeds the normal
  // capacity (peak ≈ 91 MW < 142.5 MW).
  RunOptions o;
  o.channels = {"it_power", "facility_power"};
  const RunResult r = run(
      default_site({"electrical.transformer_rating=75 MVA", "electrical.transformer_count=2"}), o);
  const Summary& s = r.summary;
  CHECK(in_si(s.grid_capacity) == Approx(142.5e6).epsilon(1e-12));
  CHECK(in_si(s.grid_capacity_n1) == Approx(71.25e6).epsilon(1e-12));
  const auto it = r.channel("it_power");
  CHECK(*std::min_element(it.begin(), it.end()) > 71.25e6);
  CHECK(in_si(s.peak_facility) < 142.5e6);
  CHECK(s.hours_over_capacity_n1 == 8760.0);
  CHECK(s.hours_over_capacity == 0.0);
  CHECK(in_si(s.min_grid_headroom) == Approx(142.5e6 - in_si(s.peak_facility)).epsilon(1e-9));
  CHECK(in_si(s.min_grid_headroom_n1) ==
        Approx(71.25e6 - in_si(s.peak_facility)).epsilon(1e-9));
  CHECK(r.status.code == RunStatus::Code::kN1Exceeded);
  CHECK(r.status.name() == "n1_exceeded");
  CHECK_FALSE(r.status.ok());
  bool named = false;
  for (const std::string& m : r.status.messages)
    named = named || (m.find("N-1") != std::string::npos && m.find("71.2 MW") != std::string::npos &&
                      m.find("8760.00 h") != std::string::npos);
  CHECK(named);
  CHECK_THAT(r.full(), Catch::Contains("N-1 exceeded"));

  // Three transformers (the file as shipped): N-1 = min(150, 452, 150) MVA × 0.95 = 142.5 MW,
  // firm; the status carries no N-1 finding.
  const RunResult firm = run(default_site(), o);
  CHECK(in_si(firm.summary.grid_capacity_n1) == Approx(142.5e6).epsilon(1e-12));
  CHECK(firm.summary.hours_over_capacity_n1 == 0.0);
  CHECK(firm.status.code != RunStatus::Code::kN1Exceeded);
}
