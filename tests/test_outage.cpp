// Outage survival (include/dcload/resilience.hpp): closed forms by hand, REopt's own docstring
// examples, monotonicity, storage and fuel limits, the worst start hour, bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/resilience.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"

using namespace dcload;

namespace {

constexpr double kTol = 1e-12;  // absolute, on probabilities, unless a test says otherwise

double choose(int n, int k) {
  double c = 1;
  for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
  return c;
}

// P(at least k of n independent units work) when each works with probability r.
double at_least(int n, int k, double r) {
  double s = 0;
  for (int j = k; j <= n; ++j) s += choose(n, j) * std::pow(r, j) * std::pow(1 - r, n - j);
  return s;
}

BackupUnit gens(int count, double unit_w, double fts, double ftr,
                double fuel_hours = std::numeric_limits<double>::infinity()) {
  BackupUnit u;
  u.name = "generators";
  u.count = count;
  u.unit_w = unit_w;
  u.fail_to_start = fts;
  u.fail_to_run_per_h = ftr;
  u.fuel_hours = fuel_hours;
  return u;
}

StorageUnit store(double energy_j, double power_w, double efficiency = 1, double charge_efficiency = 1) {
  StorageUnit s;
  s.name = "bess";
  s.energy_j = energy_j;
  s.power_w = power_w;
  s.efficiency = efficiency;
  s.charge_efficiency = charge_efficiency;
  return s;
}

constexpr double kMWh = 3.6e9;  // J

}  // namespace

TEST_CASE("outage: one generator under a load it can carry survives (1-FTS)(1-FTR)^d", "[outage]") {
  // States: the unit works (1) or not (0); no repair. At the start P(1) = 1 − FTS. In every
  // hour of the outage, the hour's failures to run come first (REopt applies the Markov matrix
  // before it checks the hour, the first hour included — its docstring example: two units with
  // 0.2 per step survive step 1 with 1 − 0.2² = 0.96), then the hour needs the unit. So
  //   survival(d) = (1 − FTS) · (1 − FTR)^d,
  // the same for every start hour (flat load), hence mean = minimum.
  for (const auto& [fts, ftr] : std::vector<std::pair<double, double>>{
           {0.02, 0.01}, {kReoptGeneratorFailToStart, kReoptGeneratorFailToRunPerHour}, {0.0, 0.0}}) {
    OutageInputs in;
    in.critical_load_w.assign(48, 0.6e6);
    in.units = {gens(1, 1e6, fts, ftr)};
    in.durations_h = {1, 2, 5, 24, 96};
    const OutageSurvival s = outage_survival(in);
    REQUIRE(s.mean.size() == 5);
    CHECK(s.storage_bins == 1);
    CHECK(s.states == 2);
    for (std::size_t i = 0; i < s.durations_h.size(); ++i) {
      const double expected = (1 - fts) * std::pow(1 - ftr, s.durations_h[i]);
      CHECK(s.mean[i] == Approx(expected).margin(kTol));
      CHECK(s.minimum[i] == Approx(expected).margin(kTol));
      CHECK(s.worst_start[i] == 0);  // all tied: the first
    }
  }
}

TEST_CASE("outage: N generators with k needed follow the binomial closed form", "[outage]") {
  // Units are independent; each works at hour d with r = (1 − FTS)(1 − FTR)^d. Working counts
  // never rise, so under a constant load needing k units, meeting every hour 1..d is meeting
  // hour d: survival(d) = Σ_{j=k..N} C(N, j) r^j (1 − r)^(N−j).
  struct Case { int n; double load_units; int k; double fts, ftr; };
  for (const Case c : {Case{5, 2.5, 3, 0.05, 0.02}, Case{20, 17.2, 18, kReoptGeneratorStartUnavailability,
                                                             kReoptGeneratorFailToRunPerHour},
                       Case{4, 4.0, 4, 0.1, 0.05}, Case{3, 0.0, 0, 0.3, 0.3}}) {
    OutageInputs in;
    in.critical_load_w.assign(10, c.load_units * 2e6);
    in.units = {gens(c.n, 2e6, c.fts, c.ftr)};
    in.durations_h.clear();
    for (int d = 1; d <= 96; ++d) in.durations_h.push_back(d);
    const OutageSurvival s = outage_survival(in);
    for (int d = 1; d <= 96; ++d) {
      const double r = (1 - c.fts) * std::pow(1 - c.ftr, d);
      CHECK(s.mean[d - 1] == Approx(at_least(c.n, c.k, r)).margin(kTol));
      CHECK(s.minimum[d - 1] == Approx(at_least(c.n, c.k, r)).margin(kTol));
    }
  }
}

TEST_CASE("outage: two kinds of units combine as independent chains", "[outage]") {
  // Kind A: 2 × 1 MW (FTS 0.05, FTR 0.01), kind B: 1 × 1.5 MW (FTS 0.1, FTR 0.03); a unit works
  // at hour d with r = (1 − FTS)(1 − FTR)^d, independently. Joint state 3 × 2 = 6.
  //  - 0.9 MW: any unit suffices: 1 − (1 − rA)² (1 − rB);
  //  - 2.4 MW: both A units alone (2 MW) are not enough, B with one A (2.5 MW) is: B and at
  //    least one A, rB · (1 − (1 − rA)²) (counts never rise: meeting hour d is meeting 1..d);
  //  - 3.5 MW: everything: rA² rB.
  auto r = [](double fts, double ftr, int d) { return (1 - fts) * std::pow(1 - ftr, d); };
  for (const double load : {0.9e6, 2.4e6, 3.5e6}) {
    OutageInputs in;
    in.critical_load_w.assign(30, load);
    in.units = {gens(2, 1e6, 0.05, 0.01), gens(1, 1.5e6, 0.1, 0.03)};
    in.durations_h = {1, 6, 24, 96};
    const OutageSurvival s = outage_survival(in);
    CHECK(s.states == 6);
    for (std::size_t i = 0; i < s.durations_h.size(); ++i) {
      const int d = static_cast<int>(s.durations_h[i]);
      const double a = r(0.05, 0.01, d), b = r(0.1, 0.03, d);
      const double expected = load < 1e6 ? 1 - (1 - a) * (1 - a) * (1 - b)
                              : load < 2.5e6 ? b * (1 - (1 - a) * (1 - a))
                                             : a * a * b;
      CHECK(s.mean[i] == Approx(expected).margin(kTol));
    }
  }
}

TEST_CASE("outage: REopt's docstring examples (generators only, generators and battery)", "[outage]") {
  // REopt.jl@896abfa6 src/outagesim/backup_reliability.jl, survival_gen_only and
  // survival_with_battery docstrings: loads [1, 2, 2, 1] kW, two 1 kW units, FTS 0, failure to
  // run 0.2 per step, durations 1..3, cumulative survival per start (rows) and duration:
  //   gen only:        0.96 0.4096 0.262144 | 0.64 0.4096 0.393216 | 0.64 0.6144 0.557056 | 0.96 0.8704 0.262144
  //   + battery (2 kWh, 1 kW, 3 bins, starting at 1 kWh, efficiencies 1):
  //                    1.0 0.8704 0.557056 | 0.96 0.6144 0.57344 | 0.96 0.896 0.8192 | 1.0 0.96 0.761856
  // By hand for start 0 without battery: hour 1 needs 1 of 2 (1 − 0.2² = 0.96), hours 2 and 3
  // need both (0.8⁴ = 0.4096, 0.8⁶ = 0.262144). Every bin move is a whole bin here, so the
  // conservative rounding changes nothing. Compared: the mean and minimum of each column.
  const std::vector<std::vector<double>> gen_only = {
      {0.96, 0.4096, 0.262144}, {0.64, 0.4096, 0.393216}, {0.64, 0.6144, 0.557056}, {0.96, 0.8704, 0.262144}};
  const std::vector<std::vector<double>> with_battery = {
      {1.0, 0.8704, 0.557056}, {0.96, 0.6144, 0.57344}, {0.96, 0.896, 0.8192}, {1.0, 0.96, 0.761856}};
  for (const bool battery : {false, true}) {
    OutageInputs in;
    in.critical_load_w = {1e3, 2e3, 2e3, 1e3};
    in.units = {gens(2, 1e3, 0.0, 0.2)};
    if (battery) {
      StorageUnit b = store(2 * 3.6e6, 1e3);
      b.soc_at_start.assign(4, 0.5);
      in.storage = {b};
      in.storage_bins = 3;
    }
    in.durations_h = {1, 2, 3};
    const OutageSurvival s = outage_survival(in);
    const auto& m = battery ? with_battery : gen_only;
    for (int d = 0; d < 3; ++d) {
      double mean = 0, mn = 2;
      int worst = -1;
      for (int t = 0; t < 4; ++t) {
        mean += m[t][d] / 4;
        if (m[t][d] < mn) { mn = m[t][d]; worst = t; }
      }
      CHECK(s.mean[d] == Approx(mean).margin(kTol));
      CHECK(s.minimum[d] == Approx(mn).margin(kTol));
      CHECK(s.worst_start[d] == worst);
    }
  }
}

TEST_CASE("outage: survival never rises with duration", "[outage]") {
  // Any input: states are only ever lost, never made. Two kinds, a battery with a varying
  // starting charge and recharging, a varying load. Slack 1e-14 for rounding of the sums.
  uint64_t x = 12345;
  auto rnd = [&x]() { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return (x >> 11) * 0x1.0p-53; };
  OutageInputs in;
  for (int h = 0; h < 500; ++h) in.critical_load_w.push_back(3e6 + 4e6 * rnd());
  in.units = {gens(4, 1.5e6, 0.05, 0.01, 30), gens(3, 1e6, 0.1, 0.02)};
  StorageUnit b = store(3 * kMWh, 2e6, 0.95, 0.9);
  for (int h = 0; h < 500; ++h) b.soc_at_start.push_back(rnd());
  in.storage = {b};
  in.durations_h.clear();
  for (int d = 1; d <= 60; ++d) in.durations_h.push_back(d);
  const OutageSurvival s = outage_survival(in);
  CHECK(s.states == 5 * 4);
  for (std::size_t i = 1; i < s.mean.size(); ++i) {
    CHECK(s.mean[i] <= s.mean[i - 1] + 1e-14);
    CHECK(s.minimum[i] <= s.minimum[i - 1] + 1e-14);
  }
  CHECK(s.mean[0] > 0.5);
  CHECK(s.mean.back() < s.mean[0]);
}

TEST_CASE("outage: a load above every resource is lost in the first hour", "[outage]") {
  // 2 × 1 MW of units and a 1 MW store cannot carry 10 MW in any state: 0 for every d ≥ 1.
  OutageInputs in;
  in.critical_load_w.assign(24, 10e6);
  in.units = {gens(2, 1e6, 0.0, 0.0)};
  in.storage = {store(10 * kMWh, 1e6)};
  const OutageSurvival s = outage_survival(in);
  for (std::size_t i = 0; i < s.mean.size(); ++i) {
    CHECK(s.mean[i] == 0.0);
    CHECK(s.minimum[i] == 0.0);
  }
}

TEST_CASE("outage: storage alone that lasts 2.5 h survives 1 h and 2 h, not 4 h", "[outage]") {
  // 1 MW load, no units, a store of 2.5 MWh deliverable and 2 MW: it gives 1 MWh an hour, so
  // hours 1 and 2 are met (1.5 MWh then 0.5 MWh left) and hour 3 is not: survival 1, 1, 0, 0
  // for 1, 2, 3, 4 h, at every start. Bins: 20 per hour of duration (1.25 h) + 1 = 26, so a
  // bin is 0.1 MWh and an hour is 10 bins exactly. Then the same with 90 % discharge
  // efficiency (2.5 / 0.9 MWh stored), with explicit coarse bins (6: 0.5 MWh each), and with
  // the store half full at the start (1.25 h: only hour 1).
  struct Case { double energy_j, efficiency, soc; int bins; std::vector<double> expected; };
  for (const Case& c : {Case{2.5 * kMWh, 1.0, 1.0, 0, {1, 1, 0, 0}},
                        Case{2.5 / 0.9 * kMWh, 0.9, 1.0, 0, {1, 1, 0, 0}},
                        Case{2.5 * kMWh, 1.0, 1.0, 6, {1, 1, 0, 0}},
                        Case{2.5 * kMWh, 1.0, 0.5, 0, {1, 0, 0, 0}}}) {
    OutageInputs in;
    in.critical_load_w.assign(8760, 1e6);
    StorageUnit b = store(c.energy_j, 2e6, c.efficiency);
    b.soc_at_start.assign(8760, c.soc);
    in.storage = {b};
    in.storage_bins = c.bins;
    in.durations_h = {1, 2, 3, 4};
    const OutageSurvival s = outage_survival(in);
    CHECK(s.storage_bins == (c.bins ? c.bins : 26));
    for (int i = 0; i < 4; ++i) {
      CHECK(s.mean[i] == c.expected[i]);
      CHECK(s.minimum[i] == c.expected[i]);
    }
  }
}

TEST_CASE("outage: fuel on site limits survival to the fuel's hours", "[outage]") {
  // One 1 MW unit with fuel for 10 h at full load (10 MWh of output), FTS 0.01, FTR 0.001.
  // At 1 MW the fuel lasts 10 h; at 0.5 MW (burn proportional to output) 20 h. Before the
  // fuel runs out survival is (1 − FTS)(1 − FTR)^d as above; from the first hour without
  // fuel on, 0.
  for (const double load : {1e6, 0.5e6}) {
    OutageInputs in;
    in.critical_load_w.assign(100, load);
    in.units = {gens(1, 1e6, 0.01, 0.001, 10)};
    in.durations_h = {1, 10, 11, 20, 21, 48};
    const OutageSurvival s = outage_survival(in);
    const double lasts_h = 10 * 1e6 / load;
    for (std::size_t i = 0; i < s.durations_h.size(); ++i) {
      const double d = s.durations_h[i];
      const double expected = d <= lasts_h ? 0.99 * std::pow(0.999, d) : 0.0;
      CHECK(s.mean[i] == Approx(expected).margin(kTol));
      CHECK(s.minimum[i] == Approx(expected).margin(kTol));
    }
  }
  // Two 1 MW kinds, fuel for 5 h and for 15 h, under 1.5 MW: they share it 0.75 MW each (in
  // proportion to capacity); the first has burnt 4.5 MWh after hour 6, gives its last 0.5 MWh in
  // hour 7 while the second gives 1 MW; from hour 8 only the second's 1 MW is left: lost in hour 8.
  OutageInputs in;
  in.critical_load_w.assign(50, 1.5e6);
  in.units = {gens(1, 1e6, 0, 0, 5), gens(1, 1e6, 0, 0, 15)};
  in.durations_h = {7, 8};
  const OutageSurvival s = outage_survival(in);
  CHECK(s.mean[0] == Approx(1.0).margin(kTol));
  CHECK(s.mean[1] == 0.0);
}

TEST_CASE("outage: the worst start hour is where the load profile puts it", "[outage]") {
  // Three 1 MW units, 1.5 MW (2 needed) in every hour but hour 5000: 2.5 MW (all 3 needed).
  // With r_d = (1 − FTS)(1 − FTR)^d and q = 1 − FTR, p = FTR: the start 4993 puts hour 5000 in
  // hour 8 of an 8-hour outage, so it needs all 3 working at hour 8: r_8³ — the least of all
  // starts (start 4994 needs 3 at hour 7 and 2 at hour 8: r_7³(q³ + 3q²p) > r_7³q³ = r_8³;
  // later starts need the 3 still earlier; starts whose outage misses hour 5000 need only 2).
  // For 1 h the worst start is 5000 itself, r_1³, and the mean is
  // (8759 · P(≥ 2 of 3 at r_1) + r_1³) / 8760.
  const double fts = 0.01, ftr = 0.005;
  auto r = [&](int d) { return (1 - fts) * std::pow(1 - ftr, d); };
  OutageInputs in;
  in.critical_load_w.assign(8760, 1.5e6);
  in.critical_load_w[5000] = 2.5e6;
  in.units = {gens(3, 1e6, fts, ftr)};
  in.durations_h = {8, 1};
  OutageSurvival s = outage_survival(in);
  CHECK(s.worst_start[0] == 4993);
  CHECK(s.minimum[0] == Approx(std::pow(r(8), 3)).margin(kTol));
  CHECK(s.worst_start[1] == 5000);
  CHECK(s.minimum[1] == Approx(std::pow(r(1), 3)).margin(kTol));
  CHECK(s.mean[1] == Approx((8759 * at_least(3, 2, r(1)) + std::pow(r(1), 3)) / 8760).margin(kTol));

  // Circular: a peak in hour 2 is worst for an 8-hour outage starting in hour 8760 − 5 = 8755
  // (hours 8755..8759, then 0, 1, 2: hour 2 of January is its 8th hour).
  in.critical_load_w.assign(8760, 1.5e6);
  in.critical_load_w[2] = 2.5e6;
  s = outage_survival(in);
  CHECK(s.worst_start[0] == 8755);
  CHECK(s.minimum[0] == Approx(std::pow(r(8), 3)).margin(kTol));
}

TEST_CASE("outage: bad input throws ConfigError naming the key", "[outage]") {
  auto good = [] {
    OutageInputs in;
    in.critical_load_w.assign(24, 1e6);
    in.units = {gens(2, 1e6, 0.01, 0.001)};
    StorageUnit b = store(kMWh, 1e6);
    in.storage = {b};
    return in;
  };
  REQUIRE_NOTHROW(outage_survival(good()));
  auto throws_key = [](const OutageInputs& in, const std::string& key) {
    try {
      outage_survival(in);
      FAIL("no ConfigError for " << key);
    } catch (const ConfigError& e) {
      CHECK(e.key() == key);
      CHECK(std::string(e.what()).find(key) != std::string::npos);
    }
  };
  OutageInputs in = good();
  in.units[0].count = -1;
  throws_key(in, "units[0].count");
  in = good();
  in.units[0].fail_to_start = 1.5;
  throws_key(in, "units[0].fail_to_start");
  in = good();
  in.units[0].fail_to_run_per_h = -0.1;
  throws_key(in, "units[0].fail_to_run_per_h");
  in = good();
  in.units[0].fail_to_run_per_h = std::nan("");
  throws_key(in, "units[0].fail_to_run_per_h");
  in = good();
  in.units[0].unit_w = -1;
  throws_key(in, "units[0].unit_w");
  in = good();
  in.critical_load_w[17] = std::nan("");
  throws_key(in, "critical_load_w[17]");
  in = good();
  in.critical_load_w.clear();
  throws_key(in, "critical_load_w");
  in = good();
  in.durations_h = {1, 2.5};
  throws_key(in, "durations_h[1]");
  in = good();
  in.durations_h = {0};
  throws_key(in, "durations_h[0]");
  in = good();
  in.storage[0].soc_at_start.assign(23, 1.0);
  throws_key(in, "storage[0].soc_at_start");
  in = good();
  in.storage[0].soc_at_start.assign(24, 1.0);
  in.storage[0].soc_at_start[3] = 1.2;
  throws_key(in, "storage[0].soc_at_start[3]");
  in = good();
  in.storage[0].efficiency = 0;
  throws_key(in, "storage[0].efficiency");
  in = good();
  in.storage_bins = 1;
  throws_key(in, "storage_bins");
}

TEST_CASE("outage: a site's backup — fuel on site against the load, by hand", "[outage][site]") {
  // configs/ulsan.toml: 41 sets × 2.5 MW with 12 h of fuel at full load = 41 × 2.5 × 12 =
  // 1,230 MWh; its facility demand averages ≈ 86 MW, so the fuel lasts ≈ 14 h at any start
  // hour: 12 h are survived (but for failures), 24 h never.
  const dcload::SiteOutage s = dcload::site_outage(dcload::default_site());
  REQUIRE(s.generators == 41);
  const double cap_mw = 41 * 2.5;
  const double mean_mw = dcload::in_megawatts(s.mean_critical_load);
  const double peak_mw = dcload::in_megawatts(s.peak_critical_load);
  CHECK(cap_mw * 12 / peak_mw > 12);  // the fuel outlasts 12 h even at the peak
  CHECK(cap_mw * 12 / mean_mw < 24);  // and never lasts 24 h
  const auto& d = s.survival.durations_h;
  const auto at = [&](double h) { return std::find(d.begin(), d.end(), h) - d.begin(); };
  CHECK(s.survival.mean[at(12)] > 0.99);
  CHECK(s.survival.mean[at(24)] == 0.0);
  CHECK(s.survival.minimum[at(24)] == 0.0);
  CHECK_FALSE(s.target_met);
  // The fuel that reaches 99 % of start hours for 24 h lies between the 24-hour energy at the
  // mean and at the peak demand, in hours of all sets at full load (bisection to 0.25 h).
  CHECK(s.fuel_hours_for_target >= 24 * mean_mw / cap_mw * 0.97);
  CHECK(s.fuel_hours_for_target <= 24 * peak_mw / cap_mw + 0.25);
  // With fuel that never runs out, failures alone decide: the sets needed are within the
  // installed 41 (N = 37 for the 91.4 MW peak, plus spares for failures over a day).
  CHECK(s.generators_for_target >= static_cast<int>(std::ceil(peak_mw / 2.5)));
  CHECK(s.generators_for_target <= 45);
  // Given that fuel, the site meets its target.
  const dcload::SiteOutage t = dcload::site_outage(dcload::default_site(
      {"auxiliary.generator_fuel=" + std::to_string(s.fuel_hours_for_target + 0.5) + " h"}));
  CHECK(t.target_met);
  CHECK(t.survival_at_target >= 0.99);
}

namespace {
// configs/ulsan.toml with extra [[supply]] entries after its own grid entry.
dcload::Site ulsan_with(const std::string& extra, const std::vector<std::string>& overrides = {}) {
  std::ifstream f(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  std::stringstream text;
  text << f.rdbuf() << "\n" << extra;
  return dcload::load_site_from_string(text.str(), DCLOAD_SOURCE_DIR "/configs/ulsan.toml", overrides);
}
}  // namespace

TEST_CASE("outage: mix_survival weights each start hour, then takes the mean and the worst", "[outage]") {
  dcload::OutageSurvival a, b;
  a.durations_h = b.durations_h = {1, 2};
  a.by_start = {{1.0, 0.5, 1.0}, {0.9, 0.2, 0.8}};
  b.by_start = {{0.0, 1.0, 1.0}, {0.0, 1.0, 0.4}};
  const dcload::OutageSurvival m = dcload::mix_survival({{3.0, a}, {1.0, b}});  // weights 0.75, 0.25
  // By hand: hour 0: 0.75·1 + 0.25·0 = 0.75; hour 1: 0.375 + 0.25 = 0.625; hour 2: 1.
  CHECK(m.by_start[0][0] == Approx(0.75));
  CHECK(m.by_start[0][1] == Approx(0.625));
  CHECK(m.by_start[0][2] == Approx(1.0));
  CHECK(m.mean[0] == Approx((0.75 + 0.625 + 1.0) / 3));
  CHECK(m.minimum[0] == Approx(0.625));
  CHECK(m.worst_start[0] == 1);
  // 2 h: 0.675, 0.4, 0.7 → worst hour 1 (0.15 + 0.25).
  CHECK(m.minimum[1] == Approx(0.4));
  CHECK(m.worst_start[1] == 1);
  b.by_start[1].pop_back();
  CHECK_THROWS_AS(dcload::mix_survival({{1.0, a}, {1.0, b}}), dcload::ConfigError);
}

TEST_CASE("outage: a shed cluster leaves the critical load; the load is that campus's own demand", "[outage][site]") {
  // configs/ulsan.toml has two clusters (h200, b200). With b200 shed the critical load must be
  // the facility demand of the campus of h200 alone, as run on its own.
  const dcload::SiteOutage all = dcload::site_outage(dcload::default_site());
  const dcload::SiteOutage shed = dcload::site_outage(dcload::default_site({"cluster[1].critical=false"}));
  REQUIRE(shed.shed_clusters == std::vector<std::string>{"b200"});
  REQUIRE(shed.critical_clusters == std::vector<std::string>{"h200"});
  dcload::Site h200 = dcload::default_site();
  h200.clusters.erase(h200.clusters.begin() + 1);
  dcload::RunOptions o;
  o.timestep = dcload::hours(1.0);
  o.channels = {"facility_power"};
  o.keep_in_memory = true;
  const dcload::RunResult r = dcload::run(h200, o);
  CHECK(dcload::in_si(shed.peak_critical_load) == Approx(dcload::in_si(r.summary.peak_facility)).epsilon(1e-12));
  CHECK(dcload::in_megawatts(shed.peak_critical_load) < 0.6 * dcload::in_megawatts(all.peak_critical_load));
  // The same sets (sized on the whole campus) carry less: survival at every length ≥ before.
  CHECK(shed.generators == all.generators);
  for (std::size_t i = 0; i < all.survival.mean.size(); ++i) CHECK(shed.survival.mean[i] >= all.survival.mean[i]);
  CHECK_THROWS_AS(dcload::site_outage(dcload::default_site({"cluster[0].critical=false", "cluster[1].critical=false"})),
                  dcload::ConfigError);
}

TEST_CASE("outage: an islanding LNG plant is backup; not islanding, it is named and left out", "[outage][site]") {
  const std::string lng =
      "[[supply]]\ntype = \"lng_ccgt\"\nname = \"ccgt\"\ncapacity = \"60 MW\"\nunits = 2\n";
  const dcload::SiteOutage off = dcload::site_outage(ulsan_with(lng));
  CHECK(off.lng_units == 0);
  CHECK(std::any_of(off.notes.begin(), off.notes.end(),
                    [](const std::string& n) { return n.find("ccgt (lng_ccgt) is not counted") != std::string::npos; }));
  const dcload::SiteOutage on = dcload::site_outage(ulsan_with(lng + "islanding = true\n"));
  REQUIRE(on.lng_units == 2);
  CHECK(on.lng_fail_to_start == Approx(0.05));  // the catalog's forced outage rate (ReEDS Gas-CC)
  CHECK(on.lng_fail_to_run_per_h == Approx(1.0 / 1100));
  // Two 60 MW units with piped gas carry the ≈ 91 MW peak together: 24 h are no longer lost to
  // the sets' 12 h of fuel. By hand, both units up for 24 h: 0.95² · (1 − 1/1100)^(2·24) ≈ 0.8636,
  // a lower bound (the sets and one unit also carry many hours).
  const auto& d = on.survival.durations_h;
  const std::size_t i24 = std::find(d.begin(), d.end(), 24.0) - d.begin();
  CHECK(off.survival.mean[i24] == 0.0);
  CHECK(on.survival.mean[i24] >= 0.95 * 0.95 * std::pow(1 - 1.0 / 1100, 48) - 1e-9);
  for (std::size_t i = 0; i < d.size(); ++i) CHECK(on.survival.mean[i] >= off.survival.mean[i]);
}

TEST_CASE("outage: the battery is weighted by REopt's 0.97 availability at the start", "[outage][site]") {
  const std::string battery =
      "[[supply]]\ntype = \"battery\"\nname = \"bess\"\ncapacity = \"20 MW\"\nenergy = \"80 MWh\"\n";
  const dcload::SiteOutage with = dcload::site_outage(ulsan_with(battery));
  const dcload::SiteOutage without = dcload::site_outage(dcload::default_site());
  REQUIRE(dcload::in_megawatt_hours(with.storage_energy) == Approx(80));
  // Identity: survival = 0.97 · (battery there) + 0.03 · (no battery), start hour by start hour,
  // so also for the means; the case without it is the site without a battery (same demand).
  for (std::size_t i = 0; i < with.survival.mean.size(); ++i)
    CHECK(with.survival.mean[i] ==
          Approx(0.97 * with.mean_all_available[i] + 0.03 * without.survival.mean[i]).margin(1e-12));
}

TEST_CASE("outage: survival_csv holds by_start, a row per start hour and a column per length", "[outage]") {
  const dcload::SiteOutage s = dcload::site_outage(dcload::default_site({"cluster[1].critical=false"}));
  const std::string csv = dcload::survival_csv(s);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "start_hour,survival_1h,survival_2h,survival_4h,survival_8h,survival_12h,survival_24h,"
                "survival_48h,survival_72h,survival_96h");
  std::size_t rows = 0, mismatches = 0;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string cell;
    std::getline(f, cell, ',');
    REQUIRE(std::stoul(cell) == rows);
    for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i) {
      std::getline(f, cell, ',');
      mismatches += std::stod(cell) != s.survival.by_start[i][rows];  // shortest round trip: exact
    }
    ++rows;
  }
  CHECK(rows == 8760);
  CHECK(mismatches == 0);
}

TEST_CASE("outage: a site whose extendable sources a plain run leaves out", "[outage]") {
  // configs/regions/capital.toml lists PV, a CCGT and a BESS as extendable without capacities:
  // run() leaves them out, so channel_names() must not offer their channels (battery_soc was
  // asked for and refused).
  const Site s = load_site(DCLOAD_SOURCE_DIR "/configs/regions/capital.toml");
  const auto names = channel_names(s);
  CHECK(std::find(names.begin(), names.end(), "battery_soc") == names.end());
  const RunResult r = run(s, {.channels = names});
  CHECK(r.channels.size() == names.size());
  const SiteOutage o = site_outage(s);
  REQUIRE_FALSE(o.survival.mean.empty());
  for (std::size_t i = 1; i < o.survival.mean.size(); ++i) CHECK(o.survival.mean[i] <= o.survival.mean[i - 1]);
}
