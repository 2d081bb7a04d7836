// Validation: Site::validate() for sites built in code (site_template, zeroed fields), a
// code-built site against the same site read from a file, validate_site_file collecting every
// error of a file in one pass at the right key and line, and compute targets too large to count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "dcload/dcload.hpp"
#include "support.hpp"

using namespace dcload;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kSrc = DCLOAD_SOURCE_DIR;

// The smallest complete site file: the keys a site must give, nothing else.
const char* const kMinimal =
    "weather = \"builtin:ulsan\"\n"
    "[[cluster]]\n"
    "name = \"c\"\n"
    "accelerator = \"H100 SXM\"\n"
    "count = 60000\n"
    "[electrical]\n"
    "transformer_rating = \"75 MVA\"\n"
    "[grid]\n"
    "connection = \"150 MVA\"\n";

bool any_contains(const std::vector<std::string>& v, const std::string& s) {
  return std::any_of(v.begin(), v.end(),
                     [&](const std::string& x) { return x.find(s) != std::string::npos; });
}

std::string run_error(const Site& s) {
  try {
    RunOptions o;
    o.channels = {"none"};
    const RunResult r = run(s, o);
    return "(ran: PUE " + std::to_string(r.summary.pue_annual) + ", status " +
           std::string(r.status.name()) + ")";
  } catch (const ConfigError& e) {
    return e.what();
  }
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("dcload_test_validate_" + name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("validate: site_template() names what a site file must give", "[validate][library]") {
  const Site t = site_template();
  const auto problems = t.validate();
  // No weather, no clusters, no grid connection, no transformer rating (site.hpp).
  CHECK(problems.size() == 4);
  CHECK(any_contains(problems, "weather: no weather source"));
  CHECK(any_contains(problems, "missing [[cluster]]"));
  CHECK(any_contains(problems, "grid.connection = 0 MVA: out of range"));
  CHECK(any_contains(problems, "electrical.transformer_rating = 0 MVA: out of range"));
  // run() refuses it with the first problem and the count of the others — before it tries to
  // load the (empty) weather source.
  CHECK_THAT(run_error(t), Contains("(site built in code): weather: no weather source") &&
                               Contains("(and 3 more; Site::validate() lists them)"));
  // Filled in but for the weather, it runs on a weather given to run().
  Site filled = t;
  filled.grid.connection = megavolt_amperes(150);
  filled.electrical.transformer_rating = megavolt_amperes(75);
  filled.clusters.push_back(make_cluster(filled, "c", "H100 SXM", 8000));
  REQUIRE(filled.validate().size() == 1);
  RunOptions o;
  o.weather_override = "builtin:ulsan";
  o.channels = {"none"};
  CHECK(run(filled, o).summary.weather_source == "builtin:ulsan");
  CHECK(run(filled, load_weather("builtin:ulsan"), o).summary.steps == 8760);
  // One air hall, the defaults of the key table.
  REQUIRE(t.halls.size() == 1);
  CHECK(t.halls[0].technology == CoolingTechnology::kAir);
  CHECK(t.cooling.design_basis == DesignBasis::kAshraeNYear20);
}

TEST_CASE("validate: a code-built site with a zeroed field is a ConfigError, not a NaN",
          "[validate][library]") {
  struct Case {
    const char* what;
    std::function<void(Site&)> zero;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"grid connection", [](Site& s) { s.grid.connection = volt_amperes(0); },
       "grid.connection = 0 MVA: out of range"},
      {"gpus per node", [](Site& s) { s.clusters[0].accelerator.gpus_per_node = 0; },
       "cluster[0].accelerator = \"H200 SXM\": needs gpus_per_node ≥ 1"},
      {"node full power", [](Site& s) { s.clusters[1].accelerator.node_full = watts(0); },
       "cluster[1].accelerator = \"B200\": needs gpus_per_node ≥ 1"},
      {"power factor", [](Site& s) { s.grid.power_factor = 0; },
       "grid.power_factor = 0: out of range"},
      {"chilled-water ΔT", [](Site& s) { s.halls[0].chilled_water_delta_t = kelvin_delta(0); },
       "hall[0].chilled_water_delta_t = 0 K: out of range"},
      {"pump efficiency", [](Site& s) { s.cooling.pump_efficiency = 0; },
       "cooling.pump_efficiency = 0: out of range"},
      {"chiller unit", [](Site& s) { s.cooling.chiller.unit = watts(0); },
       "cooling.chiller_unit_capacity = 0 MW: out of range"},
      {"UPS module", [](Site& s) { s.electrical.ups_module_rating = volt_amperes(0); },
       "electrical.ups_module_rating = 0 MVA: out of range"},
      {"no halls", [](Site& s) { s.halls.clear(); }, "hall: a site needs at least one hall"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Site s = default_site();
    REQUIRE(s.validate().empty());
    c.zero(s);
    CHECK(any_contains(s.validate(), c.message));
    CHECK_THAT(run_error(s), Contains("configs/ulsan.toml: ") && Contains(c.message));
  }
}

TEST_CASE("validate: a code-built cluster with an unusable power curve or workload is refused",
          "[validate][library]") {
  // The site-file reader accepts only linear, square, cubic, sqrt or table:NAME with its 11
  // points (engine/it/it_spec.cpp), and traces of 0…1.5 at a positive step
  // (engine/it/workload.cpp); a Site built in code must be held to the same, else the IT stage
  // reads outside the table or divides by zero.
  struct Case {
    const char* what;
    std::function<void(Site&)> set;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"unknown power curve", [](Site& s) { s.clusters[0].power_curve = "foo"; },
       "cluster[0].power_curve = \"foo\""},
      {"table without points", [](Site& s) {
         s.clusters[0].power_curve = "table:x";
         s.clusters[0].power_curve_table.clear();
       },
       "cluster[0].power_curve = \"table:x\""},
      {"trace at step 0", [](Site& s) {
         s.clusters[0].workload.trace = {0.5, 0.6};
         s.clusters[0].workload.trace_step_s = 0;
       },
       "cluster[0].workload"},
      {"trace with NaN", [](Site& s) {
         s.clusters[0].workload.trace = {std::nan(""), 0.6};
         s.clusters[0].workload.trace_step_s = 3600;
       },
       "cluster[0].workload"},
      {"communication dip of the whole iteration", [](Site& s) {
         s.clusters[0].workload.comm_share = 1;
         s.clusters[0].workload.comm_dip = 1;
       },
       "cluster[0].workload"},
      {"mean utilization NaN", [](Site& s) { s.clusters[0].workload.mean_utilization = std::nan(""); },
       "cluster[0].workload"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Site s = default_site();
    c.set(s);
    CHECK(any_contains(s.validate(), c.message));
    CHECK_THAT(run_error(s), Contains(c.message));
  }
  // The catalog's own workloads and tables stay valid.
  for (const char* w : {"training", "training_restarts", "inference", "mixed"}) {
    INFO(w);
    CHECK(default_site({std::string("cluster[0].workload=") + w}).validate().empty());
  }
}

TEST_CASE("validate: a site built in code equals the same site read from a file",
          "[validate][library]") {
  // site_template() carries the key table's defaults: filling in exactly the keys of the minimal
  // file gives the same site, so the same run to the last digit.
  Site code = site_template();
  code.weather = "builtin:ulsan";
  code.grid.connection = megavolt_amperes(150);
  code.electrical.transformer_rating = megavolt_amperes(75);
  code.clusters.push_back(make_cluster(code, "c", "H100 SXM", 60000));
  REQUIRE(code.validate().empty());
  const Site file = load_site_from_string(kMinimal, "minimal.toml");
  // A file-built site changed in code: a count set after loading.
  Site changed = load_site_from_string(kMinimal, "minimal.toml", {"cluster[0].count=30000"});
  changed.clusters[0].count = 60000;
  RunOptions o;
  o.channels = {"none"};
  const Summary a = run(file, o).summary;
  for (const Site* s : {&code, &changed}) {
    const bool from_template = s == &code;
    INFO((from_template ? "site_template + make_cluster" : "load_site_from_string, count changed"));
    const Summary b = run(*s, o).summary;
    CHECK(b.pue_annual == Approx(a.pue_annual).epsilon(1e-12));
    CHECK(in_si(b.facility_energy) == Approx(in_si(a.facility_energy)).epsilon(1e-12));
    CHECK(in_si(b.water) == Approx(in_si(a.water)).epsilon(1e-12));
    CHECK(in_si(b.peak_facility) == Approx(in_si(a.peak_facility)).epsilon(1e-12));
    REQUIRE(b.plant.size() == a.plant.size());
    for (std::size_t i = 0; i < a.plant.size(); ++i) {
      INFO(a.plant[i].name);
      CHECK(b.plant[i].installed == a.plant[i].installed);
      CHECK(in_si(b.plant[i].design_load) == Approx(in_si(a.plant[i].design_load)).epsilon(1e-12));
    }
  }
  // The halving is visible (the comparison is not vacuous): 30,000 GPUs use about half.
  const Summary half =
      run(load_site_from_string(kMinimal, "minimal.toml", {"cluster[0].count=30000"}), o).summary;
  CHECK(in_si(half.it_energy) == Approx(0.5 * in_si(a.it_energy)).epsilon(0.01));
}

TEST_CASE("validate: every error of a file in one pass, each at its key and line",
          "[validate][file]") {
  // tests/data/several_errors.toml: four independent errors.
  const fs::path bad = fs::path(kSrc) / "tests/data/several_errors.toml";
  const auto errors = validate_site_file(bad);
  REQUIRE(errors.size() == 4);
  struct Expected {
    std::string key;
    int line;
    std::string message;
  };
  const std::vector<Expected> expected = {
      {"weather", 3, "unknown built-in station; did you mean \"builtin:ulsan\"?"},
      {"cluster[0].accelerator", 7, "not in the accelerator catalog; did you mean \"H100 SXM\"?"},
      {"electrical.transformer_count", 12, "out of range, expected 1 … 64"},
      {"grid.power_factor", 16, "expected a number"},
  };
  for (const Expected& x : expected) {
    INFO(x.key);
    const auto it = std::find_if(errors.begin(), errors.end(),
                                 [&](const ConfigError& e) { return e.key() == x.key; });
    REQUIRE(it != errors.end());
    CHECK(it->line() == x.line);
    CHECK(it->file() == bad.string());
    CHECK_THAT(it->message(), Contains(x.message));
  }
  // The loader stops at the first of them.
  CHECK_THROWS_AS(load_site(bad), ConfigError);
  // A weather file that does not exist: at the site file's weather line (line 2 here).
  const fs::path missing = write_temp(
      "missing_weather.toml",
      std::string("name = \"x\"\nweather = \"no_such_weather_file.epw\"\n") +
          std::string(kMinimal).substr(std::string(kMinimal).find('\n') + 1));
  const auto w = validate_site_file(missing);
  REQUIRE(w.size() == 1);
  CHECK(w[0].key() == "weather");
  CHECK(w[0].line() == 2);
  CHECK(w[0].file() == missing.string());
  CHECK_THAT(w[0].message(), Contains("no_such_weather_file.epw"));
  fs::remove(missing);
  // Valid files: nothing to report.
  CHECK(validate_site_file(fs::path(kSrc) / "configs/ulsan.toml").empty());
  CHECK(validate_site_file(fs::path(kSrc) / "tests/data/single_hall.toml").empty());
}

TEST_CASE("validate: a compute target too large to count is an error at its key",
          "[validate][it]") {
  // 1e300 EFLOPS FP64 = 1e318 FLOPS ÷ 66.9 TFLOPS (H100 SXM dense FP64) ≈ 1.5e304 accelerators,
  // beyond int64 and the 1e8 a cluster may hold: an error naming the key, not a negative or
  // wrapped gpu_count.
  std::string text = kMinimal;
  text.replace(text.find("count = 60000"), 13, "compute = \"1e300 EFLOPS FP64\"");
  try {
    (void)load_site_from_string(text, "huge.toml");
    FAIL("no ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.key() == "cluster[0].compute");
    CHECK(e.line() == 5);
    CHECK_THAT(e.message(), Contains("more than the 1e+08 a cluster may hold"));
  }
  // validate_site_file reports the same.
  const fs::path p = write_temp("huge.toml", text);
  const auto errors = validate_site_file(p);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key() == "cluster[0].compute");
  fs::remove(p);
  // A target that fits gives a positive count: 1 EFLOPS FP64 / 66.9 TFLOPS = 14,948 → whole
  // nodes of 8: 14,952.
  text.replace(text.find("1e300"), 5, "1");
  const Site s = load_site_from_string(text, "fits.toml");
  CHECK(s.clusters[0].count == 14952);
}
