// Config: the site file reader (TOML → typed, validated Site), its error messages, --set
// overrides, extends, and the README copy of the key reference.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/catalog.hpp"
#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace {

const std::string kUlsan = DCLOAD_SOURCE_DIR "/configs/ulsan.toml";

// A minimal valid site; line numbers matter for the error tests below.
//  1 weather = "builtin:ulsan"
//  2 [[cluster]]
//  3 name = "c"
//  4 accelerator = "H100 SXM"
//  5 count = 1000
//  6 [electrical]
//  7 transformer_rating = "75 MVA"
//  8 [grid]
//  9 connection = "150 MVA"
std::string site_text(const std::string& weather = "weather = \"builtin:ulsan\"\n",
                      const std::string& cluster_extra = "",
                      const std::string& accelerator = "H100 SXM",
                      const std::string& count = "1000",
                      const std::string& electrical_extra = "",
                      const std::string& grid = "connection = \"150 MVA\"\n") {
  return weather + "[[cluster]]\nname = \"c\"\naccelerator = \"" + accelerator +
         "\"\ncount = " + count + "\n" + cluster_extra + "[electrical]\n" + electrical_extra +
         "transformer_rating = \"75 MVA\"\n[grid]\n" + grid;
}

// what() of the ConfigError thrown by loading `text` as "site.toml" ("" if none was thrown).
std::string load_error(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    dcload::load_site_from_string(text, "site.toml", overrides);
  } catch (const dcload::ConfigError& e) {
    return e.what();
  }
  return "";
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// A fresh empty directory under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag) {
    path = std::filesystem::temp_directory_path() /
           ("dcload_test_config_" + tag + "_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace

// ---- the shipped site ---------------------------------------------------------------------

TEST_CASE("config: ulsan.toml loads the hybrid campus: an air hall and a liquid hall", "[config]") {
  const dcload::Site s = dcload::load_site(kUlsan);
  CHECK(s.name == "SK-AWS Ulsan AI campus");
  CHECK(s.weather == "builtin:ulsan");
  REQUIRE(s.halls.size() == 2);
  CHECK(s.halls[0].name == "air");
  CHECK(s.halls[0].technology == dcload::CoolingTechnology::kAir);
  CHECK(s.halls[1].name == "liquid");
  CHECK(s.halls[1].technology == dcload::CoolingTechnology::kLiquid);
  CHECK(dcload::in_celsius(s.halls[1].facility_water_supply) == Approx(32.0));
  REQUIRE(s.clusters.size() == 2);
  const dcload::ClusterSpec& a = s.clusters[0];
  const dcload::ClusterSpec& b = s.clusters[1];
  CHECK(a.accelerator.name == "H200 SXM");
  CHECK(a.hall == 0);
  CHECK(a.count == 30000);
  CHECK(a.liquid_fraction == 0.0);  // an air hall: no liquid share
  CHECK(b.accelerator.name == "B200");
  CHECK(b.hall == 1);
  CHECK(b.count == 30000);
  // B200 is sold air- or liquid-cooled: in a liquid hall the cold-plate variant's share.
  CHECK(b.accelerator.cooling == dcload::AcceleratorCooling::kAirOrLiquid);
  CHECK(b.liquid_fraction == Approx(b.accelerator.liquid_fraction).epsilon(1e-12));
  CHECK(b.liquid_fraction > 0.5);
  // Whole nodes and racks: 3,750 nodes of 8, 938 racks of 32 (⌈30000/32⌉ = 937.5 → 938).
  CHECK(a.nodes() == 3750);
  CHECK(a.racks() == 938);
  // H200 node: 7.752 kW sustained (0.76 × 10.2 kW), idle 1.584 kW; 100 W network + storage.
  CHECK(dcload::in_si(a.accelerator.node_full) == Approx(7752.0).epsilon(1e-12));
  CHECK(dcload::in_si(a.accelerator.node_idle) == Approx(1584.0).epsilon(1e-12));
  // Design IT: H200 3750 × 7752 + 30000 × 100 = 32.07e6 W; B200 from its catalog figures.
  const double b200 = 3750.0 * dcload::in_si(b.accelerator.node_full) +
                      30000.0 * (dcload::in_si(b.network_per_gpu) + dcload::in_si(b.storage_per_gpu));
  CHECK(dcload::in_si(a.design_power()) == Approx(32.07e6).epsilon(1e-12));
  CHECK(dcload::in_si(s.design_it_power()) == Approx(32.07e6 + b200).epsilon(1e-12));
}

TEST_CASE("config: ulsan.toml grid, electrical and supply values in SI", "[config]") {
  const dcload::Site s = dcload::load_site(kUlsan);
  CHECK(s.file == std::filesystem::path(kUlsan));
  CHECK(dcload::in_megavolt_amperes(s.grid.connection) == Approx(150.0).epsilon(1e-12));
  CHECK(s.grid.power_factor == Approx(0.95).epsilon(1e-12));
  CHECK(s.electrical.ups_redundancy == dcload::UpsRedundancy::k2N);
  CHECK(s.electrical.ups_module_rating.va() == Approx(1.5e6).epsilon(1e-12));
  CHECK(s.electrical.transformer_rating.va() == Approx(75e6).epsilon(1e-12));
  CHECK(s.electrical.transformer_count == 3);
  // UPS: the catalog's modern double-conversion fit (configs/catalog/ups.toml): 0.58 %, 0, 3.14 %;
  // key-table defaults 0.56 %, 0.040 %, 0.333 %, lighting 0.18 %.
  CHECK(s.electrical.ups_model == "modern_double_conversion");
  CHECK(s.electrical.ups_no_load_loss == Approx(0.0058).epsilon(1e-12));
  CHECK(s.electrical.ups_proportional_loss == Approx(0.0).margin(1e-15));
  CHECK(s.electrical.ups_square_loss == Approx(0.0314).epsilon(1e-12));
  CHECK(s.electrical.distribution_loss == Approx(0.0056).epsilon(1e-12));
  CHECK(s.electrical.transformer_no_load_loss == Approx(0.0004).epsilon(1e-12));
  CHECK(s.electrical.transformer_load_loss == Approx(0.00333).epsilon(1e-12));
  CHECK(s.auxiliary.lighting_fraction == Approx(0.0018).epsilon(1e-12));
  CHECK(s.krw_per_usd == Approx(1380.0).epsilon(1e-12));
  REQUIRE(s.supply.size() == 1);
  CHECK(s.supply[0].type == dcload::SupplyType::kGrid);
  // 182.7 KRW/kWh ÷ 1380 KRW/USD ÷ 3.6e6 J/kWh = 0.132391 USD/kWh = 3.67754e-8 USD/J
  const double usd_per_j = 182.7 / 1380.0 / 3.6e6;
  CHECK(usd_per_j == Approx(3.67754e-8).epsilon(1e-5));
  CHECK(s.supply[0].tariff_usd_per_j == Approx(usd_per_j).epsilon(1e-12));
  // 0.4173 t/MWh = 417.3 kg / 3.6e9 J = 1.159167e-7 kg/J
  CHECK(s.supply[0].emission_kg_per_j == Approx(417.3 / 3.6e9).epsilon(1e-12));
}

TEST_CASE("config: cooling defaults come from the cooling catalog", "[config]") {
  const dcload::Site s = dcload::load_site_from_string(site_text(), "site.toml");
  const dcload::CoolingSpec& c = s.cooling;
  REQUIRE(s.halls.size() == 1);
  const dcload::HallSpec& h = s.halls[0];
  CHECK(h.name == "hall");
  CHECK(h.technology == dcload::CoolingTechnology::kAir);
  CHECK(c.heat_rejection == dcload::HeatRejection::kTower);
  CHECK(c.chiller_model == dcload::ChillerModel::kCarnot);
  CHECK(c.tower_model == dcload::TowerModel::kYorkCalc);
  CHECK(c.tower_water_model == dcload::TowerWaterModel::kPsychrometric);
  CHECK(c.design_basis == dcload::DesignBasis::kAshraeNYear20);
  // Hall: "20 °C" = 293.15 K chilled water, 4.5 K coil approach → 24.5 °C supply air
  CHECK(dcload::in_kelvin(h.chilled_water_supply) == Approx(293.15).epsilon(1e-12));
  CHECK(dcload::in_si(h.chilled_water_delta_t) == Approx(8.0).epsilon(1e-12));
  CHECK(dcload::in_celsius(h.supply_air()) == Approx(24.5).epsilon(1e-12));
  CHECK(dcload::in_si(h.economizer_approach) == Approx(2.3).epsilon(1e-12));
  CHECK(dcload::in_si(h.air_delta_t) == Approx(18.9).epsilon(1e-12));
  CHECK(dcload::in_si(h.crah_fan_pressure) == Approx(550.0).epsilon(1e-12));
  CHECK(h.crah_fan_efficiency == Approx(0.77).epsilon(1e-12));
  CHECK(dcload::in_si(h.facility_water_delta_t) == Approx(15.0).epsilon(1e-12));
  // Plant
  CHECK(dcload::in_si(c.tower_approach) == Approx(6.5).epsilon(1e-12));
  CHECK(dcload::in_si(c.tower_range) == Approx(5.6).epsilon(1e-12));
  CHECK(dcload::in_si(c.chilled_water_pump_head) == Approx(180e3).epsilon(1e-12));
  CHECK(dcload::in_si(c.condenser_water_pump_head) == Approx(180e3).epsilon(1e-12));
  CHECK(c.pump_efficiency == Approx(0.73).epsilon(1e-12));
  CHECK(c.tower_fan_power_ratio == Approx(0.0133).epsilon(1e-12));
  CHECK(c.tower_fan_min_speed == Approx(0.2).epsilon(1e-12));
  CHECK(dcload::in_si(c.chiller.unit) == Approx(5.275e6).epsilon(1e-12));
  CHECK(c.chiller.spares == 1);
  // 1,000 tower tons × 15,000 Btu/h × 0.29307 W/(Btu/h) = 4.396 MW
  CHECK(dcload::in_si(c.tower_cell.unit) == Approx(1000 * 15000 * 0.29307107).epsilon(1e-4));
  CHECK(dcload::in_si(c.cdu.unit) == Approx(2e6).epsilon(1e-12));
  // EnergyPlus autosize: 0.0105 × 0.5 / 190 Pa = 2.763e-5 m³/s per W
  CHECK(c.tower_air_m3_s_per_w == Approx(0.0105 * 0.5 / 190.0).epsilon(1e-3));
  CHECK(c.tower_evaporation_per_k == Approx(0.002).epsilon(1e-12));
  CHECK(c.tower_drift == Approx(0.00008).epsilon(1e-12));
  CHECK(c.cycles_of_concentration == Approx(4.0).epsilon(1e-12));
  CHECK(dcload::in_si(c.dry_cooler_approach) == Approx(8.0).epsilon(1e-12));
}

TEST_CASE("config: a [cooling] key overrides the catalog default", "[config]") {
  const dcload::Site s = dcload::load_site_from_string(
      site_text() + "[cooling]\nchilled_water_supply = \"18 °C\"\n", "site.toml");
  // 18 + 273.15 = 291.15 K; an untouched key keeps the catalog's 6.5 K
  CHECK(dcload::in_kelvin(s.halls.at(0).chilled_water_supply) == Approx(291.15).epsilon(1e-12));
  CHECK(dcload::in_si(s.cooling.tower_approach) == Approx(6.5).epsilon(1e-12));
}

TEST_CASE("config: the built-in default site is configs/ulsan.toml", "[config]") {
  const dcload::Site d = dcload::default_site();
  const dcload::Site f = dcload::load_site(kUlsan);
  CHECK(d.name == f.name);
  CHECK(d.weather == f.weather);
  REQUIRE(d.clusters.size() == f.clusters.size());
  CHECK(d.clusters[0].count == f.clusters[0].count);
  CHECK(d.clusters[0].accelerator.name == f.clusters[0].accelerator.name);
  CHECK(d.grid.connection == f.grid.connection);
  CHECK(d.electrical.transformer_count == f.electrical.transformer_count);
  CHECK(d.supply[0].tariff_usd_per_j == f.supply[0].tariff_usd_per_j);
}

TEST_CASE("config: the minimal site fills defaults from the key table", "[config]") {
  const dcload::Site s = dcload::load_site_from_string(site_text(), "site.toml");
  CHECK(s.name == "site");  // the file name's stem
  CHECK(s.seed == 1);
  CHECK(s.clusters[0].workload.name == "training");
  CHECK(s.electrical.ups_redundancy == dcload::UpsRedundancy::k2N);
  CHECK(s.electrical.transformer_count == 2);
  CHECK(s.grid.power_factor == Approx(0.95).epsilon(1e-12));
  CHECK(s.krw_per_usd == Approx(1380.0).epsilon(1e-12));
  // default tariff "182.7 KRW/kWh" at the default 1380 KRW/USD
  CHECK(s.supply[0].tariff_usd_per_j == Approx(182.7 / 1380.0 / 3.6e6).epsilon(1e-12));
}

// ---- error messages ---------------------------------------------------------------------

TEST_CASE("config: a mass given for the grid connection names file, line, key and both dimensions",
          "[config]") {
  // line 9: connection = "100 kg"   — the value starts at column 14
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM", "1000", "",
                             "connection = \"100 kg\"\n")) ==
        "site.toml:9:14: grid.connection = \"100 kg\": expected an apparent power (kVA, MVA), "
        "got a mass");
}

TEST_CASE("config: a mass given for a per-GPU power is rejected with its location", "[config]") {
  // line 6 (inserted after count): network_power_per_gpu = "100 kg", value at column 25
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n",
                             "network_power_per_gpu = \"100 kg\"\n")) ==
        "site.toml:6:25: cluster[0].network_power_per_gpu = \"100 kg\": expected a power per "
        "accelerator (W, kW), got a mass");
}

TEST_CASE("config: MW where the connection wants MVA is rejected", "[config]") {
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM", "1000", "",
                             "connection = \"180 MW\"\n")) ==
        "site.toml:9:14: grid.connection = \"180 MW\": expected an apparent power (kVA, MVA), "
        "got a power");
}

TEST_CASE("config: an unknown key suggests the closest one", "[config]") {
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM", "1000", "",
                             "conection = \"150 MVA\"\n")) ==
        "site.toml:9:13: unknown key \"grid.conection\"; did you mean grid.connection?");
}

TEST_CASE("config: an unknown table is named", "[config]") {
  // lines 10–11 after the minimal site: [gird] / x = 1
  CHECK(load_error(site_text() + "[gird]\nx = 1\n") == "site.toml:10:1: unknown table [gird]; did you mean [grid]?");
}

TEST_CASE("config: a missing weather key is reported with its description", "[config]") {
  CHECK(load_error(site_text("")) ==
        "site.toml: missing required key weather (\"builtin:NAME\" (a Korean station, e.g. "
        "builtin:ulsan) or a path to an EPW/CSV file relative to the site file.)");
}

TEST_CASE("config: a missing cluster is reported", "[config]") {
  CHECK(load_error("weather = \"builtin:ulsan\"\n[electrical]\ntransformer_rating = \"75 MVA\"\n"
                   "[grid]\nconnection = \"150 MVA\"\n") ==
        "site.toml: missing [[cluster]]: a site needs at least one cluster of accelerators");
}

TEST_CASE("config: a power factor above 1 is out of range", "[config]") {
  // line 10: power_factor = 1.3, value at column 16
  CHECK(load_error(site_text() + "power_factor = 1.3\n") ==
        "site.toml:10:16: grid.power_factor = 1.3: out of range, expected 0.5 … 1");
}

TEST_CASE("config: a string where an integer count is expected", "[config]") {
  // line 5: count = "many", value at column 9
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM", "\"many\"")) ==
        "site.toml:5:9: cluster[0].count = \"many\": expected an integer");
}

TEST_CASE("config: malformed TOML reports line and column", "[config]") {
  // line 9: connection = "150 MVA<newline> — the unterminated string hits the newline, col 22
  const std::string msg = load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM",
                                               "1000", "", "connection = \"150 MVA\n"));
  CHECK_THAT(msg, Catch::StartsWith("site.toml:9:22: malformed TOML: "));
}

TEST_CASE("config: an unknown accelerator suggests the catalog name", "[config]") {
  // line 4: accelerator = "H100", value at column 15
  std::string known;
  for (const auto& n : dcload::detail::accelerator_names()) known += (known.empty() ? "" : ", ") + n;
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100")) ==
        "site.toml:4:15: cluster[0].accelerator = \"H100\": not in the accelerator catalog; did "
        "you mean \"H100 SXM\"? (known: " + known + ")");
}

TEST_CASE("config: an enum value outside its choices lists the choices", "[config]") {
  // line 7 (before transformer_rating): ups_redundancy = "3N", value at column 18
  CHECK(load_error(site_text("weather = \"builtin:ulsan\"\n", "", "H100 SXM", "1000",
                             "ups_redundancy = \"3N\"\n")) ==
        "site.toml:7:18: electrical.ups_redundancy = \"3N\": expected one of N, N+1, 2N, distributed");
}

TEST_CASE("config: ConfigError keeps file, line, column, key and message apart", "[config]") {
  try {
    dcload::load_site_from_string(site_text() + "power_factor = 1.3\n", "site.toml");
    FAIL("no ConfigError for grid.power_factor = 1.3");
  } catch (const dcload::ConfigError& e) {
    CHECK(e.file() == "site.toml");
    CHECK(e.line() == 10);
    CHECK(e.column() == 16);
    CHECK(e.key() == "grid.power_factor");
    CHECK(e.message() == "grid.power_factor = 1.3: out of range, expected 0.5 … 1");
  }
}

// ---- --set overrides --------------------------------------------------------------------

TEST_CASE("config: --set overrides change the loaded values", "[config]") {
  const dcload::Site s =
      dcload::load_site(kUlsan, {"cluster[0].count=15000", "grid.connection=200 MVA"});
  CHECK(s.clusters[0].count == 15000);
  CHECK(dcload::in_megavolt_amperes(s.grid.connection) == Approx(200.0).epsilon(1e-12));
  // untouched keys keep the file's values
  CHECK(s.electrical.transformer_count == 3);
  // the air hall's design IT halves: 1875 × 7752 + 15000 × 100 = 14.535e6 + 1.5e6 W
  CHECK(dcload::in_si(s.clusters[0].design_power()) == Approx(16.035e6).epsilon(1e-12));
}

TEST_CASE("config: a --set with an unknown key names the override and suggests", "[config]") {
  const std::string msg = load_error(site_text(), {"grid.conection=1"});
  CHECK_THAT(msg, Catch::StartsWith("--set "));
  CHECK(msg ==
        "--set grid.conection=1: unknown key \"grid.conection\"; did you mean grid.connection?");
}

TEST_CASE("config: a --set with a bad value names the key and what was expected", "[config]") {
  CHECK(load_error(site_text(), {"grid.connection=100 kg"}) ==
        "--set grid.connection=100 kg: grid.connection = \"100 kg\": expected an apparent power "
        "(kVA, MVA), got a mass");
  CHECK(load_error(site_text(), {"cluster[0].count=many"}) ==
        "--set cluster[0].count=many: cluster[0].count = \"many\": expected an integer");
  CHECK(load_error(site_text(), {"grid.connection"}) ==
        "--set grid.connection: expected KEY=VALUE, e.g. cluster[0].count=30000");
}

// ---- extends ----------------------------------------------------------------------------

TEST_CASE("config: extends keeps the base's keys and applies the child's", "[config]") {
  TempDir dir("extends");
  write_text(dir.path / "base.toml", site_text() + "power_factor = 0.9\n");
  write_text(dir.path / "child.toml",
             "extends = \"base.toml\"\nname = \"child\"\n[grid]\nconnection = \"200 MVA\"\n");
  const dcload::Site s = dcload::load_site(dir.path / "child.toml");
  CHECK(s.name == "child");
  CHECK(dcload::in_megavolt_amperes(s.grid.connection) == Approx(200.0).epsilon(1e-12));
  // from the base
  CHECK(s.grid.power_factor == Approx(0.9).epsilon(1e-12));
  CHECK(s.weather == "builtin:ulsan");
  REQUIRE(s.clusters.size() == 1);
  CHECK(s.clusters[0].count == 1000);
  CHECK(s.electrical.transformer_rating.va() == Approx(75e6).epsilon(1e-12));
}

// ---- README -----------------------------------------------------------------------------

namespace {
// README text between two marker lines (exclusive), without one leading and trailing newline.
// Fails the test when README or a marker is missing.
std::string readme_section(const std::string& name = "config-reference") {
  const std::filesystem::path readme = DCLOAD_SOURCE_DIR "/README.md";
  if (!std::filesystem::exists(readme)) FAIL("README.md does not exist: " << readme.string());
  const std::string text = read_text(readme);
  const std::string begin = "<!-- " + name + ":begin -->";
  const std::string end = "<!-- " + name + ":end -->";
  const size_t b = text.find(begin);
  if (b == std::string::npos) FAIL("README.md lacks the line " << begin);
  const size_t e = text.find(end, b);
  if (e == std::string::npos) FAIL("README.md lacks the line " << end << " after " << begin);
  std::string section = text.substr(b + begin.size(), e - b - begin.size());
  if (!section.empty() && section.front() == '\n') section.erase(section.begin());
  if (!section.empty() && section.back() == '\n') section.pop_back();
  return section;
}
}  // namespace

TEST_CASE("config: README's site file reference equals config_reference_markdown()",
          "[config][readme]") {
  const std::string section = readme_section();
  std::string generated = dcload::config_reference_markdown();
  if (!generated.empty() && generated.back() == '\n') generated.pop_back();
  INFO("README.md's config reference is stale; regenerate it with `dcload keys --markdown`");
  REQUIRE(section == generated);
}

TEST_CASE("config: README's summary key table equals summary_keys_markdown()",
          "[config][readme]") {
  REQUIRE_FALSE(dcload::summary_keys().empty());
  const std::string section = readme_section("summary-keys");
  std::string generated = dcload::summary_keys_markdown();
  if (!generated.empty() && generated.back() == '\n') generated.pop_back();
  INFO("README.md's summary keys are stale; regenerate them with `dcload keys --summary`");
  REQUIRE(section == generated);
  // every key once, as a row of the table
  for (const auto& k : dcload::summary_keys()) {
    std::string row = "| `";
    row.append(k.key).append("` |");
    INFO("README.md lacks the row of " << k.key);
    CHECK(section.find(row) != std::string::npos);
  }
}
