// Sweeps: the sampling designs and Sobol' estimators against analytic functions, the sweep
// file's errors, and sweeps of the engine against plain runs.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <numeric>
#include <set>

#include "dcload/dcload.hpp"
#include "dcload/sweep.hpp"
#include "sweep/sample.hpp"

using namespace dcload;

namespace {

const std::string kSrc = DCLOAD_SOURCE_DIR;

SweepFactor uniform(double lo, double hi) {
  SweepFactor f;
  f.keys = {"x"};
  f.distribution = Distribution::kUniform;
  f.min = lo;
  f.max = hi;
  return f;
}

// Evaluates `model` on a Saltelli design of `factors` and estimates the indices.
template <class Model>
detail::SobolEstimate study(const std::vector<SweepFactor>& factors, std::size_t n, Model model,
                            std::uint64_t seed = 11) {
  const std::size_t d = factors.size();
  const detail::Design design = detail::saltelli_design(n, d, seed);
  std::vector<double> f(design.rows), x(d);
  for (std::size_t r = 0; r < design.rows; ++r) {
    for (std::size_t k = 0; k < d; ++k) x[k] = detail::quantile(factors[k], design.at(r, k));
    f[r] = model(x);
  }
  return detail::sobol_indices(f, n, d, 1000, 0.95, 5);
}

// The truth lies within the bootstrap interval widened by `slack` (the interval of a
// quasi-random design is that of an iid one, conservative but not a guarantee at every seed).
void check_index(double est, double lo, double hi, double truth, double tol) {
  INFO("estimate " << est << " [" << lo << ", " << hi << "], truth " << truth);
  CHECK(est == Approx(truth).margin(tol));
  CHECK(truth >= lo - 1e-3);
  CHECK(truth <= hi + 1e-3);
}

SweepSpec spec_from(const std::string& text) {
  return load_sweep_from_string(text, "test.toml", kSrc);
}

}  // namespace

TEST_CASE("Sobol' indices of the Ishigami function match the analytic values", "[sweep][sobol]") {
  // Ishigami & Homma (1990), a = 7, b = 0.1, x_i ~ U(−π, π). Analytic indices (Sobol' &
  // Levitan 1999; as tabulated by SALib's test suite): S1 = 0.3139, S2 = 0.4424, S3 = 0,
  // ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
  const double pi = std::numbers::pi;
  const std::vector<SweepFactor> f = {uniform(-pi, pi), uniform(-pi, pi), uniform(-pi, pi)};
  const auto e = study(f, 4096, [](const std::vector<double>& x) {
    return std::sin(x[0]) + 7 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
  });
  REQUIRE(e.used == 4096);
  const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    check_index(e.s1[i], e.s1_low[i], e.s1_high[i], s1[i], 0.01);
    check_index(e.st[i], e.st_low[i], e.st_high[i], st[i], 0.01);
  }
}

TEST_CASE("Sobol' indices of the g-function match the analytic values", "[sweep][sobol]") {
  // Sobol' g-function, g = Π (|4x_i − 2| + a_i)/(1 + a_i), x_i ~ U(0, 1), with Saltelli's
  // a = (0, 1, 4.5, 9, 99, 99, 99, 99). Hand calculation: V_i = 1/(3 (1 + a_i)²),
  // V = Π(1 + V_i) − 1, S_i = V_i / V, ST_i = V_i Π_{j≠i}(1 + V_j) / V.
  const std::vector<double> a = {0, 1, 4.5, 9, 99, 99, 99, 99};
  std::vector<SweepFactor> f(a.size(), uniform(0, 1));
  std::vector<double> vi(a.size());
  double prod = 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    vi[i] = 1.0 / (3 * (1 + a[i]) * (1 + a[i]));
    prod *= 1 + vi[i];
  }
  const double v = prod - 1;
  const auto e = study(f, 8192, [&](const std::vector<double>& x) {
    double g = 1;
    for (std::size_t i = 0; i < a.size(); ++i) g *= (std::abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
    return g;
  });
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double s1 = vi[i] / v, st = vi[i] * prod / (1 + vi[i]) / v;
    check_index(e.s1[i], e.s1_low[i], e.s1_high[i], s1, 0.01);
    check_index(e.st[i], e.st_low[i], e.st_high[i], st, 0.01);
  }
  // The first factor dominates (S1 ≈ 0.716 by the formula above).
  CHECK(vi[0] / v == Approx(0.7165).margin(5e-4));
}

TEST_CASE("Latin hypercube: one point per stratum in every dimension", "[sweep][lhs]") {
  const std::size_t n = 97, d = 4;
  const detail::Design lhs = detail::lhs_design(n, d, 3);
  for (std::size_t k = 0; k < d; ++k) {
    std::set<std::size_t> strata;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = lhs.at(i, k);
      REQUIRE(u > 0);
      REQUIRE(u < 1);
      strata.insert(static_cast<std::size_t>(u * n));
    }
    CHECK(strata.size() == n);  // every stratum [j/n, (j+1)/n) holds exactly one point
  }
}

TEST_CASE("Monte Carlo means converge as 1/sqrt(n)", "[sweep][random]") {
  // RMS error of the mean of n uniform draws over 200 seeds against σ/√n, σ² = 1/12.
  for (std::size_t n : {100u, 10000u}) {
    double ss = 0;
    const int seeds = 200;
    for (int s = 0; s < seeds; ++s) {
      const detail::Design r = detail::random_design(n, 1, detail::derive_seed(99, s));
      const double mean = std::accumulate(r.u.begin(), r.u.end(), 0.0) / n;
      ss += (mean - 0.5) * (mean - 0.5);
    }
    const double rms = std::sqrt(ss / seeds), theory = std::sqrt(1.0 / 12 / n);
    INFO("n " << n << ": RMS error " << rms << ", theory " << theory);
    // 200 seeds: the RMS estimate itself has a relative spread of ≈ 1/√(2·200) = 5 %.
    CHECK(rms == Approx(theory).epsilon(0.2));
  }
}

TEST_CASE("Quantile functions reproduce their distributions' moments", "[sweep][distributions]") {
  // 20,000 stratified draws (LHS) of each; moments by hand.
  const detail::Design u = detail::lhs_design(20000, 1, 1);
  auto moments = [&](const SweepFactor& f) {
    double s = 0, ss = 0;
    for (double x : u.u) {
      const double v = detail::quantile(f, x);
      s += v;
      ss += v * v;
    }
    const double m = s / u.u.size();
    return std::pair{m, std::sqrt(ss / u.u.size() - m * m)};
  };
  SweepFactor tri;
  tri.distribution = Distribution::kTriangular;
  tri.min = 10, tri.mode = 15.4, tri.max = 22;
  // Triangular: mean (a + b + c)/3, variance (a² + b² + c² − ab − ac − bc)/18.
  const auto [tm, tsd] = moments(tri);
  CHECK(tm == Approx((10 + 15.4 + 22) / 3).epsilon(1e-3));
  CHECK(tsd == Approx(std::sqrt((100 + 15.4 * 15.4 + 484 - 154 - 220 - 15.4 * 22) / 18)).epsilon(1e-3));
  SweepFactor ln;
  ln.distribution = Distribution::kLognormal;
  ln.mean = 15, ln.sd = 3;  // of the quantity itself
  const auto [lm, lsd] = moments(ln);
  CHECK(lm == Approx(15).epsilon(2e-3));
  CHECK(lsd == Approx(3).epsilon(2e-2));
  SweepFactor tn;
  tn.distribution = Distribution::kNormal;
  tn.mean = 0, tn.sd = 1, tn.min = 0;  // half-normal: mean √(2/π)
  CHECK(moments(tn).first == Approx(std::sqrt(2 / std::numbers::pi)).epsilon(2e-3));
  SweepFactor dis;
  dis.distribution = Distribution::kDiscrete;
  dis.values = {"a", "b", "c"};
  dis.weights = {1, 2, 1};
  int count[3] = {};
  for (double x : u.u) ++count[static_cast<int>(detail::quantile(dis, x))];
  CHECK(count[1] == 10000);  // stratified: exactly half of the draws take the weight-2 value
}

TEST_CASE("Sweep files: errors name file, line and column before anything runs", "[sweep][errors]") {
  const std::string base = "base = \"configs/ulsan.toml\"\n";
  auto error_of = [&](const std::string& text) -> std::string {
    try {
      (void)spec_from(text);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  };
  // Unknown key, with a suggestion.
  CHECK_THAT(error_of(base + "[[vary]]\nkey = \"cluster[0].cuont\"\nvalues = [1, 2]\n"),
             Catch::Contains("test.toml:3:7:") && Catch::Contains("did you mean cluster[].count"));
  // A parameter in the wrong unit.
  CHECK_THAT(error_of(base + "[sample]\nmethod = \"lhs\"\nn = 8\n[[vary]]\nkey = \"supply[0].tariff\"\n"
                             "distribution = \"uniform\"\nmin = \"100 kg\"\nmax = \"200 KRW/kWh\"\n"),
             Catch::Contains("test.toml:8:7:") && Catch::Contains("vary[0].min"));
  // Parameters in the wrong order.
  CHECK_THAT(error_of(base + "[sample]\nmethod = \"lhs\"\nn = 8\n[[vary]]\nkey = \"cooling.chilled_water_supply\"\n"
                             "distribution = \"uniform\"\nmin = \"24 °C\"\nmax = \"16 °C\"\n"),
             Catch::Contains("test.toml:9:7:") && Catch::Contains("must be above min"));
  // n not suited to the method.
  CHECK_THAT(error_of(base + "[sample]\nmethod = \"sobol\"\nn = 1000\n[[vary]]\nkey = \"cluster[0].power_scale\"\n"
                             "distribution = \"uniform\"\nmin = 0.9\nmax = 1.1\n"),
             Catch::Contains("test.toml:4:5:") && Catch::Contains("use 512 or 1024"));
  CHECK_THAT(error_of(base + "[sample]\nmethod = \"grid\"\nn = 10\n[[vary]]\nkey = \"cluster[0].count\"\nvalues = [1, 2]\n"),
             Catch::Contains("leave n out"));
  // Values of mixed types.
  CHECK_THAT(error_of(base + "[[vary]]\nkey = \"weather\"\nvalues = [\"builtin:ulsan\", 3]\n"),
             Catch::Contains("test.toml:4:28:") && Catch::Contains("mixed types"));
  // An entry the site does not have.
  CHECK_THAT(error_of(base + "[[vary]]\nkey = \"cluster[5].count\"\nvalues = [1, 2]\n"),
             Catch::Contains("cluster[5] does not exist"));
  // An output that is not a number of the Summary.
  CHECK_THAT(error_of(base + "outputs = [\"pue\"]\n[[vary]]\nkey = \"cluster[0].count\"\nvalues = [1, 2]\n"),
             Catch::Contains("did you mean \"pue_annual\""));
}

TEST_CASE("A sweep of one value equals a plain run", "[sweep][pipeline]") {
  const SweepSpec spec = spec_from(
      "base = \"configs/ulsan.toml\"\noutputs = [\"pue_annual\", \"peak_facility_mw\", \"co2_t\"]\n"
      "[sample]\nmethod = \"list\"\n[[vary]]\nkey = \"cluster[0].count\"\nvalues = [24000]\n");
  const SweepResult r = sweep(spec, {.threads = 1});
  REQUIRE(r.scenarios.size() == 1);
  const RunResult plain = run(load_site(kSrc + "/configs/ulsan.toml", {"cluster[0].count=24000"}),
                              {.channels = {"none"}});
  CHECK(r.scenarios[0].status == plain.status.name());
  CHECK(r.scenarios[0].outputs[0] == plain.summary.pue_annual);  // bit for bit
  CHECK(r.scenarios[0].outputs[1] == *summary_value(plain.summary, "peak_facility_mw"));
  CHECK(r.scenarios[0].outputs[2] == *summary_value(plain.summary, "co2_t"));
}

TEST_CASE("Sweeps give the same results on 1 and 2 threads and in shares", "[sweep][determinism]") {
  const SweepSpec spec = spec_from(
      "base = \"configs/ulsan.toml\"\noutputs = [\"pue_annual\", \"cost_per_it_mwh_usd\"]\n"
      "[sample]\nmethod = \"sobol\"\nn = 4\nseed = 3\n"
      "[[vary]]\nkey = [\"cluster[0].power_scale\", \"cluster[1].power_scale\"]\nname = \"gpu\"\n"
      "distribution = \"triangular\"\nmin = 0.9\nmode = 1.0\nmax = 1.1\n"
      "[[vary]]\nkey = \"supply[0].tariff\"\ndistribution = \"normal\"\nmean = \"182.7 KRW/kWh\"\nsd = \"15 KRW/kWh\"\n");
  REQUIRE(spec.scenario_count() == 16);
  const SweepResult one = sweep(spec, {.threads = 1});
  const SweepResult two = sweep(spec, {.threads = 2});
  CHECK(to_csv(one) == to_csv(two));
  CHECK(to_json(one) == to_json(two));
  // Two shares run apart and analysed together: the same files.
  SweepResult a = sweep(spec, {.threads = 1, .first = 0, .last = 7});
  const SweepResult b = sweep(spec, {.threads = 1, .first = 7, .last = 16});
  CHECK(a.stats.empty());  // a share alone is not analysed
  a.scenarios.insert(a.scenarios.end(), b.scenarios.begin(), b.scenarios.end());
  analyze(a);
  CHECK(to_json(a) == to_json(one));
  CHECK(one.stats[0].sd > 0);
}

TEST_CASE("One factor may set several keys together", "[sweep][pipeline]") {
  const SweepSpec spec = spec_from(
      "base = \"configs/ulsan.toml\"\noutputs = [\"design_it_mw\"]\n[sample]\nmethod = \"list\"\n"
      "[[vary]]\nkey = [\"cluster[0].power_scale\", \"cluster[1].power_scale\"]\nvalues = [1.1]\n");
  const SweepResult r = sweep(spec, {.threads = 1});
  const Site both = load_site(kSrc + "/configs/ulsan.toml",
                              {"cluster[0].power_scale=1.1", "cluster[1].power_scale=1.1"});
  CHECK(r.scenarios[0].outputs[0] == Approx(in_megawatts(both.design_it_power())).epsilon(1e-12));
  // Hand check: only node power scales (network and storage do not), so design IT rises by
  // less than 10 %: 30,000 × (0.969 + 1.3585) kW × 0.1 = 6.98 MW above 76.4 MW.
  const Site plain = load_site(kSrc + "/configs/ulsan.toml");
  CHECK(in_megawatts(both.design_it_power()) - in_megawatts(plain.design_it_power()) ==
        Approx(6.98).margin(0.02));
}

TEST_CASE("An invalid sample is recorded and never stops the sweep", "[sweep][errors]") {
  // count = -5 is below the key's minimum (0): that scenario fails at load, the others run.
  const SweepSpec spec = spec_from(
      "base = \"configs/ulsan.toml\"\noutputs = [\"pue_annual\"]\n"
      "[sample]\nmethod = \"grid\"\n[[vary]]\nkey = \"cluster[0].count\"\nvalues = [-5, 24000, 30000]\n");
  const SweepResult r = sweep(spec, {.threads = 2});
  REQUIRE(r.scenarios.size() == 3);
  CHECK(r.scenarios[0].status == "error");
  CHECK_THAT(r.scenarios[0].error, Catch::Contains("cluster[0].count"));
  CHECK(std::isnan(r.scenarios[0].outputs[0]));
  CHECK(r.scenarios[1].status != "error");
  CHECK(r.invalid == 1);
  CHECK(r.stats[0].valid == 2);
  REQUIRE_FALSE(r.messages.empty());
  CHECK_THAT(r.messages[0], Catch::Contains("1 of 3 scenarios were invalid"));
}

TEST_CASE("Several sites: one sample each, statistics per site", "[sweep][sites]") {
  const SweepSpec spec = spec_from(
      "sites = [\"configs/regions/*.toml\"]\noutputs = [\"cost_per_it_mwh_usd\"]\n"
      "[sample]\nmethod = \"list\"\n[[vary]]\nkey = \"economics.carbon_price\"\n"
      "values = [\"11500 KRW/t\", \"50000 KRW/t\"]\n");
  REQUIRE(spec.sites.size() == 4);  // capital, gangwon, haenam, ulsan_lng (sorted)
  CHECK(spec.sites[0].filename() == "capital.toml");
  const SweepResult r = sweep(spec);
  REQUIRE(r.scenarios.size() == 8);
  REQUIRE(r.stats.size() == 4);
  for (std::size_t s = 0; s < 4; ++s) {
    CHECK(r.scenarios[2 * s].site == s);
    // Each site's first scenario equals a plain run of that site with the same override.
    const RunResult plain =
        run(load_site(spec.sites[s], {"economics.carbon_price=11500 KRW/t"}), {.channels = {"none"}});
    CHECK(r.scenarios[2 * s].outputs[0] == plain.summary.cost_per_it_mwh_usd);
    CHECK(r.stats[s].site == s);
  }
}

TEST_CASE("A weather factor takes EPW files relative to the sweep file", "[sweep][weather][epw]") {
  const std::string dir = DCLOAD_EPW_DIR;
  if (dir.empty() || !std::filesystem::exists(dir + "/KOR_Ulsan.epw")) {
    WARN("DCLOAD_EPW_DIR not set or KOR_Ulsan.epw missing: skipped");
    return;
  }
  const SweepSpec spec = load_sweep_from_string(
      "base = \"" + kSrc + "/configs/ulsan.toml\"\noutputs = [\"pue_annual\", \"water_m3\"]\n"
      "[sample]\nmethod = \"grid\"\n[[vary]]\nkey = \"weather\"\n"
      "values = [\"builtin:ulsan\", \"KOR_Ulsan.epw\"]\n",
      "epw_sweep.toml", dir);
  CHECK(spec.factors[0].values[1] == std::filesystem::path(dir + "/KOR_Ulsan.epw").lexically_normal().string());
  const SweepResult r = sweep(spec, {.threads = 2});
  const Site site = load_site(kSrc + "/configs/ulsan.toml");
  const RunResult epw = run(site, {.weather_override = dir + "/KOR_Ulsan.epw", .channels = {"none"}});
  const RunResult builtin = run(site, {.channels = {"none"}});
  CHECK(r.scenarios[0].outputs[0] == builtin.summary.pue_annual);
  CHECK(r.scenarios[1].outputs[0] == epw.summary.pue_annual);
  CHECK(r.scenarios[1].outputs[1] == in_si(epw.summary.water));
  CHECK(r.scenarios[0].outputs[0] != r.scenarios[1].outputs[0]);
}

TEST_CASE("The grid's hourly carbon-free share: a profile, and a sweep over profiles", "[sweep][supply][cfe]") {
  const std::string site_file = kSrc + "/configs/ulsan.toml";
  // Identity: a flat profile at the catalog's 42.3 % equals the single value.
  const RunResult flat = run(load_site(site_file, {"supply[0].cfe_profile=" + kSrc + "/tests/data/cfe_flat_423.csv"}));
  const RunResult scalar = run(load_site(site_file, {"supply[0].cfe_share=42.3 %"}));
  CHECK(flat.summary.cfe_share == Approx(scalar.summary.cfe_share).epsilon(1e-12));
  // Hand calculation on a grid-only site: CFE = Σ import_t · g(hour_t) / Σ demand_t with g = 1
  // before noon and 0 after (the connection carries the whole demand, so import = demand).
  const RunResult day = run(load_site(site_file, {"supply[0].cfe_profile=" + kSrc + "/tests/data/cfe_day_night.csv"}));
  const auto p = day.channel("facility_power");
  double clean = 0, all = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    clean += (k % 24 < 12 ? 1.0 : 0.0) * p[k];
    all += p[k];
  }
  CHECK(day.summary.cfe_share == Approx(clean / all).epsilon(1e-9));
  CHECK(day.summary.cfe_share == Approx(0.5).margin(0.01));  // a near-flat load: about half
  // As a sweep factor: the profile file is a value like any other.
  const SweepSpec spec = spec_from(
      "base = \"configs/ulsan.toml\"\noutputs = [\"cfe_share\"]\n[sample]\nmethod = \"list\"\n"
      "[[vary]]\nkey = \"supply[0].cfe_profile\"\n"
      "values = [\"" + kSrc + "/tests/data/cfe_flat_423.csv\", \"" + kSrc + "/tests/data/cfe_day_night.csv\"]\n");
  const SweepResult r = sweep(spec, {.threads = 2});
  CHECK(r.scenarios[0].outputs[0] == flat.summary.cfe_share);
  CHECK(r.scenarios[1].outputs[0] == day.summary.cfe_share);
}

TEST_CASE("A carbon-free share profile with a bad row is an error at its line", "[sweep][supply][cfe][errors]") {
  const std::string bad = std::filesystem::temp_directory_path() / "dcload_bad_cfe.csv";
  {
    std::ofstream f(bad);
    f << "hour,cfe_share\n0,0.5\n1,1.5\n";
  }
  try {
    (void)load_site(kSrc + "/configs/ulsan.toml", {"supply[0].cfe_profile=" + bad});
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("dcload_bad_cfe.csv:3:1:") &&
                                          Catch::Contains("expected 0 … 1"));
  }
  std::filesystem::remove(bad);
}
