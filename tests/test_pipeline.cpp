// Pipeline: the default site run end to end — energy and heat balances every step, summary
// identities, hand calculations of IT, UPS, transformer and grid figures, cooling modes,
// timestep options and output files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <span>
#include <string>
#include <vector>

#include "support.hpp"
#include "dcload/capacity.hpp"
#include "dcload/error.hpp"
#include "dcload/output.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace {

// One hourly run of the default site, shared by the tests (a run is deterministic).
const dcload::RunResult& hourly() {
  static const dcload::RunResult r = dcload::run(dcload::testing::single_hall_site());
  return r;
}

double mwh(dcload::Energy e) { return dcload::in_megawatt_hours(e); }

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Hand calculation shared below. Default site: 60000 H100 SXM, 8 per node, node_full 7752 W,
// network 51.5 W + storage 48.5 W per GPU, training (utilization 1, flat).
//   IT = 60000/8 × 7752 + 60000 × (51.5 + 48.5) = 58.14e6 + 6.0e6 = 64.14e6 W
constexpr double kItW = 60000.0 / 8.0 * 7752.0 + 60000.0 * (51.5 + 48.5);

}  // namespace

TEST_CASE("pipeline: an hourly run of the default site has 8760 steps in every channel",
          "[pipeline]") {
  const auto& r = hourly();
  CHECK(r.summary.steps == 8760);
  CHECK(dcload::in_si(r.summary.timestep) == Approx(3600.0).epsilon(1e-12));
  CHECK(r.summary.weather_source == "builtin:ulsan");
  for (const auto& c : r.channels) {
    INFO("channel " << c.name);
    CHECK(c.values.size() == 8760);
  }
  CHECK_THROWS_AS(r.channel("no_such_channel"), std::out_of_range);
}

TEST_CASE("pipeline: facility power is IT plus losses plus aux plus cooling, every step",
          "[pipeline]") {
  const auto& r = hourly();
  const auto fac = r.channel("facility_power");
  const auto it = r.channel("it_power");
  const auto dist = r.channel("distribution_loss");
  const auto ups = r.channel("ups_loss");
  const auto aux = r.channel("aux_power");
  const auto cool = r.channel("cooling_power");
  const auto tr = r.channel("transformer_loss");
  std::size_t bad = 0;
  for (std::size_t k = 0; k < fac.size(); ++k) {
    const double sum = it[k] + dist[k] + ups[k] + aux[k] + cool[k] + tr[k];
    if (std::abs(fac[k] - sum) > 1e-9 * std::abs(fac[k])) ++bad;
  }
  CHECK(bad == 0);
}

TEST_CASE("pipeline: cooling power is the sum of its five parts, every step", "[pipeline]") {
  const auto& r = hourly();
  const auto cool = r.channel("cooling_power");
  const auto crah = r.channel("crah_fan_power");
  const auto chwp = r.channel("chw_pump_power");
  const auto cwp = r.channel("cw_pump_power");
  const auto ch = r.channel("chiller_power");
  const auto tf = r.channel("tower_fan_power");
  const auto cdu = r.channel("cdu_pump_power");  // liquid loop: zero in the air plant
  const auto fwp = r.channel("fw_pump_power");
  std::size_t bad = 0;
  for (std::size_t k = 0; k < cool.size(); ++k) {
    if (cdu[k] != 0.0 || fwp[k] != 0.0) ++bad;
    const double sum = crah[k] + chwp[k] + cwp[k] + ch[k] + tf[k] + cdu[k] + fwp[k];
    if (std::abs(cool[k] - sum) > 1e-9 * std::abs(cool[k])) ++bad;
    if (crah[k] <= 0 || chwp[k] <= 0 || cwp[k] <= 0 || ch[k] < 0 || tf[k] <= 0) ++bad;
  }
  CHECK(bad == 0);
}

TEST_CASE("pipeline: heat rejected by the towers equals the heat put into the water loops",
          "[pipeline]") {
  // indoor heat (IT + PDU + UPS + lighting) + CRAH fans + CHW pump + compressor + CW pump;
  // tower fan heat leaves with the exhaust air, transformer loss at the substation.
  // (lighting only: the generator heaters in aux_power stand outdoors; CDU and facility-water
  // pumps are zero in the air plant.)
  CHECK(dcload::testing::heat_balance_violations(hourly(), 1e-9) == 0);
}

TEST_CASE("pipeline: summary energies add up and PUE is at least 1", "[pipeline]") {
  const auto& s = hourly().summary;
  // facility = IT + cooling + electrical loss + aux
  CHECK(mwh(s.facility_energy) ==
        Approx(mwh(s.it_energy) + mwh(s.cooling_energy) + mwh(s.electrical_loss) +
               mwh(s.aux_energy))
            .epsilon(1e-9));
  // electrical loss = UPS + distribution + transformers
  CHECK(mwh(s.electrical_loss) ==
        Approx(mwh(s.ups_loss) + mwh(s.distribution_loss) + mwh(s.transformer_loss))
            .epsilon(1e-9));
  CHECK(s.pue_annual == Approx(mwh(s.facility_energy) / mwh(s.it_energy)).epsilon(1e-12));
  CHECK(s.pue_annual >= 1.0);
  double fac_sum = 0, it_sum = 0;
  for (std::size_t m = 0; m < 12; ++m) {
    INFO("month " << m + 1);
    CHECK(s.pue_monthly[m] >= 1.0);
    CHECK(s.pue_monthly[m] ==
          Approx(mwh(s.facility_energy_monthly[m]) / mwh(s.it_energy_monthly[m])).epsilon(1e-12));
    fac_sum += mwh(s.facility_energy_monthly[m]);
    it_sum += mwh(s.it_energy_monthly[m]);
  }
  CHECK(fac_sum == Approx(mwh(s.facility_energy)).epsilon(1e-9));
  CHECK(it_sum == Approx(mwh(s.it_energy)).epsilon(1e-9));
  // every hour is in exactly one cooling mode
  CHECK(s.free_cooling_hours + s.partial_cooling_hours + s.mechanical_cooling_hours ==
        Approx(8760.0).epsilon(1e-12));
}

TEST_CASE("pipeline: summary energies are the channel sums times the step", "[pipeline]") {
  const auto& r = hourly();
  auto sum_mwh = [&](const char* name) {
    double s = 0;
    for (double v : r.channel(name)) s += v;
    return s * 3600.0 / 3.6e9;  // W × 3600 s per step → J → MWh
  };
  CHECK(mwh(r.summary.it_energy) == Approx(sum_mwh("it_power")).epsilon(1e-9));
  CHECK(mwh(r.summary.cooling_energy) == Approx(sum_mwh("cooling_power")).epsilon(1e-9));
  CHECK(mwh(r.summary.facility_energy) == Approx(sum_mwh("facility_power")).epsilon(1e-9));
  CHECK(mwh(r.summary.ups_loss) == Approx(sum_mwh("ups_loss")).epsilon(1e-9));
  CHECK(mwh(r.summary.transformer_loss) == Approx(sum_mwh("transformer_loss")).epsilon(1e-9));
  const auto fac = r.channel("facility_power");
  const double fac_max = *std::max_element(fac.begin(), fac.end());
  CHECK(dcload::in_si(r.summary.peak_facility) == Approx(fac_max).epsilon(1e-12));
}

TEST_CASE("pipeline: IT power by hand is 64.14 MW, flat for training", "[pipeline]") {
  const auto& r = hourly();
  CHECK(kItW == Approx(64.14e6).epsilon(1e-12));
  CHECK(dcload::in_si(r.summary.peak_it) == Approx(kItW).epsilon(1e-12));
  CHECK(dcload::in_si(r.summary.design_it_power) == Approx(kItW).epsilon(1e-12));
  const auto it = r.channel("it_power");
  CHECK(*std::min_element(it.begin(), it.end()) == Approx(kItW).epsilon(1e-12));
  // 64.14 MW × 8760 h = 561,866.4 MWh
  CHECK(mwh(r.summary.it_energy) == Approx(64.14 * 8760.0).epsilon(1e-9));
}

TEST_CASE("pipeline: distribution, UPS and lighting losses by hand", "[pipeline]") {
  const auto& r = hourly();
  // Distribution 0.56 %: P_in = IT/(1 − 0.0056);
  //   loss = 64.14e6 × 0.0056 / 0.9944 = 359,184 / 0.9944 = 361,206.76 W
  const double r_d = 0.0056;
  const double ups_out = kItW / (1.0 - r_d);  // 64,501,206.76 W
  CHECK(r.channel("distribution_loss")[0] == Approx(ups_out - kItW).epsilon(1e-9));
  CHECK(ups_out - kItW == Approx(361206.76).epsilon(1e-7));
  // UPS 2N, 1500 kVA modules at pf 1 → 1.5 MW each, sized for the design IT: the nodes at the
  // training compute phase (engine/design). Workload "training": checkpoint duty
  // 3.24 s / 1800 s = 0.0018, iteration mean u = 1 / (1 − 0.0018) = 1.0018032, compute phase
  // u_hi = 1.0018032 / (1 − 0.25 × 0.380) = 1.0018032 / 0.905 = 1.1069649.
  // H100 node: idle 1584 W, full 7752 W → 1584 + 6168 × 1.1069649 = 8411.76 W (the measured
  // ≈ 8.4 kW compute-phase peak). Design IT = 7500 × 8411.76 + 6.0e6 = 69.088e6 W (supply air
  // 18 + 4.5 = 22.5 °C: no fan speed-up); UPS design output 69.088e6 / 0.9944 = 69.477e6 W.
  //   n = ceil(69.477 / 1.5) = ceil(46.32) = 47; installed = 2n = 94
  //   hourly: f = 64.501206e6 / (94 × 1.5e6) = 0.457455
  //   loss = 94 × 1.5e6 × (0.0058 + 0 f + 0.0314 f²) (WP113 form; the modern double-conversion
  //   fit of configs/catalog/ups.toml)
  const double u_hi = (1.0 / (1.0 - 3.24 / 1800.0)) / (1.0 - 0.25 * 0.380);
  CHECK(u_hi == Approx(1.1069649).epsilon(1e-7));
  const double design_it = 7500.0 * (1584.0 + 6168.0 * u_hi) + 6.0e6;
  CHECK(design_it == Approx(69.088e6).epsilon(1e-4));
  const double n = std::ceil(design_it / (1.0 - r_d) / 1.5e6);
  CHECK(n == 47.0);
  const double installed = 2.0 * n;
  const double f = ups_out / (installed * 1.5e6);
  CHECK(f == Approx(0.457455).epsilon(1e-5));
  const double ups_loss = installed * 1.5e6 * (0.0058 + 0.0314 * f * f);
  // = 141e6 × (0.0058 + 0.0065708) = 141e6 × 0.0123708 ≈ 1.7443 MW (97.3 % efficient)
  CHECK(ups_loss == Approx(1.7443e6).epsilon(1e-4));
  const auto ups = r.channel("ups_loss");
  CHECK(ups[0] == Approx(ups_loss).epsilon(1e-9));
  CHECK(ups[4000] == Approx(ups_loss).epsilon(1e-9));
  // Lighting 0.18 % of design IT = 0.0018 × 64.14e6 = 115,452 W, all hours
  CHECK(r.channel("lighting_power")[0] == Approx(115452.0).epsilon(1e-9));
  // aux = lighting + standby-generator heaters (tests/test_electrical.cpp checks the heaters).
  CHECK(r.channel("aux_power")[0] ==
        Approx(115452.0 + r.channel("generator_heater_power")[0]).epsilon(1e-12));
  CHECK(mwh(r.summary.aux_energy) ==
        Approx(0.115452 * 8760.0 + mwh(r.summary.generator_heater_energy)).epsilon(1e-9));
}

TEST_CASE("pipeline: transformer loss by hand at the first step and the peak", "[pipeline]") {
  const auto& r = hourly();
  const auto fac = r.channel("facility_power");
  const auto tr = r.channel("transformer_loss");
  const std::size_t peak =
      static_cast<std::size_t>(std::max_element(fac.begin(), fac.end()) - fac.begin());
  for (std::size_t k : {std::size_t{0}, peak}) {
    INFO("step " << k);
    // load through the transformers = facility − transformer loss
    //   = IT + distribution + UPS + aux + cooling
    const double load = r.channel("it_power")[k] + r.channel("distribution_loss")[k] +
                        r.channel("ups_loss")[k] + r.channel("aux_power")[k] +
                        r.channel("cooling_power")[k];
    // 3 × 75 MVA = 225 MVA; s = load / (pf 0.95 × 225e6);
    // loss = 225e6 × (0.040 % + 0.333 % × s²)
    const double s = load / (0.95 * 225e6);
    const double loss = 225e6 * (0.0004 + 0.00333 * s * s);
    CHECK(tr[k] == Approx(loss).epsilon(1e-9));
    // s ≈ 0.35 at ~75 MW: loss ≈ 90 kW + 225e6 × 0.00333 × 0.12 ≈ 0.18 MW
    CHECK(tr[k] > 0.09e6 + 0.00333 * 225e6 * 0.3 * 0.3);
  }
}

TEST_CASE("pipeline: grid capacity is 150 MVA × 0.95 and headroom is its complement",
          "[pipeline]") {
  const auto& r = hourly();
  const auto& s = r.summary;
  // 150 MVA × 0.95 = 142.5 MW
  CHECK(dcload::in_megawatts(s.grid_capacity) == Approx(142.5).epsilon(1e-12));
  CHECK(dcload::in_megavolt_amperes(s.grid_connection) == Approx(150.0).epsilon(1e-12));
  CHECK(dcload::in_si(s.min_grid_headroom) ==
        Approx(dcload::in_si(s.grid_capacity) - dcload::in_si(s.peak_facility)).epsilon(1e-12));
  const auto fac = r.channel("facility_power");
  const auto head = r.channel("grid_headroom");
  CHECK(head[100] == Approx(142.5e6 - fac[100]).epsilon(1e-12));
  CHECK(s.hours_over_capacity == 0.0);
  CHECK(r.status.ok());
  CHECK(r.status.name() == "ok");
  // The only findings of the test campus: the YorkCalc tower correlation's wet-bulb limit
  // (26.7 °C) passed in the year's most humid hours, and the chillers' low-load hours at the
  // edge of free cooling (informational).
  for (const auto& m : r.status.messages)
    CHECK_THAT(m, Catch::StartsWith("performance curves outside their validity range") ||
                      Catch::StartsWith("chillers ran below their minimum unloading ratio"));
}

TEST_CASE("pipeline: 200,000 GPUs exceed the 142.5 MW connection every hour", "[pipeline]") {
  // IT = 25000 × 7752 + 200000 × 100 = 193.8e6 + 20e6 = 213.8 MW > 142.5 MW all year
  const dcload::RunResult r = dcload::run(dcload::testing::single_hall_site({"cluster[0].count=200000"}));
  CHECK(dcload::in_megawatts(r.summary.peak_it) == Approx(213.8).epsilon(1e-12));
  CHECK(r.status.code == dcload::RunStatus::Code::kOverCapacity);
  CHECK_FALSE(r.status.ok());
  CHECK(r.status.name() == "over_capacity");
  CHECK(r.summary.status.code == dcload::RunStatus::Code::kOverCapacity);
  CHECK(r.summary.hours_over_capacity > 0.0);
  CHECK(r.summary.hours_over_capacity == Approx(8760.0).epsilon(1e-12));
  CHECK(dcload::in_si(r.summary.min_grid_headroom) < -(213.8e6 - 142.5e6));
  REQUIRE(r.status.messages.size() >= 1);
  CHECK_THAT(r.status.messages[0],
             Catch::StartsWith("facility demand exceeded the grid capacity of 142.5 MW for "
                               "8760.00 h (worst at "));
}

TEST_CASE("pipeline: cooling mode follows wet-bulb against the approaches", "[pipeline]") {
  // With the constant 6.5 K tower approach (tower_model = constant_approach; the default
  // YorkCalc towers are tested against their correlation in tests/test_chiller.cpp):
  // free when T_wb + 6.5 + 2.3 ≤ 18 °C (the test campus's chilled water), i.e. T_wb ≤ 9.2 °C;
  // mechanical when T_wb + 8.8 ≥ 18 + 8 = 26 °C, i.e. T_wb ≥ 17.2 °C; partial between.
  const dcload::RunResult r =
      dcload::run(dcload::testing::single_hall_site({"cooling.tower_model=constant_approach"}));
  const auto wb = r.channel("wet_bulb");
  const auto mode = r.channel("cooling_mode");
  const auto ch = r.channel("chiller_power");
  const auto chl = r.channel("chiller_load");
  std::size_t free_steps = 0, mech_steps = 0, bad = 0;
  for (std::size_t k = 0; k < wb.size(); ++k) {
    if (wb[k] <= 9.2 - 1e-9) {
      ++free_steps;
      if (mode[k] != 0.0 || ch[k] != 0.0 || chl[k] != 0.0) ++bad;
    } else if (wb[k] >= 17.2 + 1e-9) {
      ++mech_steps;
      if (mode[k] != 2.0 || ch[k] <= 0.0) ++bad;
    } else if (wb[k] > 9.2 + 1e-9 && wb[k] < 17.2 - 1e-9) {
      if (mode[k] != 1.0 || ch[k] <= 0.0) ++bad;
    }
  }
  CHECK(free_steps > 0);
  CHECK(mech_steps > 0);
  CHECK(bad == 0);
  CHECK(static_cast<double>(free_steps) <= r.summary.free_cooling_hours);
  CHECK(static_cast<double>(mech_steps) <= r.summary.mechanical_cooling_hours);
}

TEST_CASE("pipeline: a 15 min run has 35040 steps and the same IT energy", "[pipeline]") {
  const dcload::RunResult q =
      dcload::run(dcload::testing::single_hall_site(), {.timestep = dcload::minutes(15.0)});
  // 8760 h × 4 steps per hour = 35040
  CHECK(q.summary.steps == 35040);
  CHECK(q.channel("it_power").size() == 35040);
  // training is flat, so IT energy does not depend on the step
  CHECK(mwh(q.summary.it_energy) == Approx(mwh(hourly().summary.it_energy)).epsilon(1e-6));
  CHECK(q.summary.free_cooling_hours + q.summary.partial_cooling_hours +
            q.summary.mechanical_cooling_hours ==
        Approx(8760.0).epsilon(1e-12));
}

TEST_CASE("pipeline: RunOptions::validate rejects steps that do not divide an hour",
          "[pipeline]") {
  CHECK(dcload::RunOptions{}.validate().empty());
  CHECK(dcload::RunOptions{.timestep = dcload::minutes(15.0)}.validate().empty());
  CHECK(dcload::RunOptions{.timestep = dcload::seconds(1.0)}.validate().empty());
  // 60 / 7 = 8.571… steps per hour: not whole
  const auto p7 = dcload::RunOptions{.timestep = dcload::minutes(7.0)}.validate();
  REQUIRE(p7.size() == 1);
  CHECK(p7[0] == "timestep must divide one hour (e.g. 15 min, 1 min, 1 s)");
  const auto p2h = dcload::RunOptions{.timestep = dcload::hours(2.0)}.validate();
  REQUIRE(p2h.size() == 1);
  CHECK(p2h[0] == "timestep must be between 1 ms and 1 h");
  try {
    dcload::run(dcload::testing::single_hall_site(), {.timestep = dcload::minutes(7.0)});
    FAIL("run accepted a 7 min step");
  } catch (const dcload::ConfigError& e) {
    CHECK(e.key() == "timestep");
    CHECK(std::string(e.what()) == "timestep must divide one hour (e.g. 15 min, 1 min, 1 s)");
  }
}

TEST_CASE("pipeline: write_outputs writes summary.json and timeseries.csv atomically",
          "[pipeline]") {
  const auto dir = std::filesystem::temp_directory_path() / "dcload_test_pipeline_outputs";
  std::filesystem::remove_all(dir);
  dcload::write_outputs(hourly(), dir / "out");  // created if needed
  const auto out = dir / "out";
  REQUIRE(std::filesystem::exists(out / "summary.json"));
  REQUIRE(std::filesystem::exists(out / "timeseries.csv"));
  const std::string csv = read_text(out / "timeseries.csv");
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK_THAT(header, Catch::StartsWith("step,time,"));
  CHECK_THAT(header, Catch::Contains("it_power_mw"));
  CHECK_THAT(header, Catch::Contains("facility_power_mw"));
  // header + 8760 rows, each ending in a newline
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 8761);
  // ISO 8601 local time with the weather's UTC offset (+09:00 for Korea), in the reference year
  // 2029: step 0 is 1 January 00:00; 15 July 14:00 is day 181 + 14 = 195, step 195 × 24 + 14.
  CHECK(hourly().summary.calendar_year == 2029);
  CHECK(csv.find("\n0,2029-01-01T00:00:00+09:00,") != std::string::npos);
  CHECK(csv.find("\n4694,2029-07-15T14:00:00+09:00,") != std::string::npos);
  CHECK(csv.find("\n8759,2029-12-31T23:00:00+09:00,") != std::string::npos);
  CHECK(read_text(out / "summary.json") == dcload::to_json(hourly().summary));
  std::size_t tmp = 0;
  for (const auto& e : std::filesystem::directory_iterator(out))
    if (e.path().extension() == ".tmp") ++tmp;
  CHECK(tmp == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("pipeline: the summary JSON carries every documented key", "[pipeline]") {
  const std::string json = dcload::to_json(hourly().summary);
  CHECK_THAT(json, Catch::Contains("\"pue_annual\": "));
  for (const auto& k : dcload::summary_keys()) {
    std::string quoted(1, '"');
    quoted.append(k.key);
    quoted.append("\": ");
    INFO("key " << quoted);
    CHECK(json.find(quoted) != std::string::npos);
  }
}

namespace {
// Thrown from RunOptions::progress to stop a run after its first block (it has started).
struct StopAfterFirstBlock {};
}  // namespace

TEST_CASE("pipeline: a 1 s year keeping every channel is refused before it starts",
          "[pipeline][memory]") {
  const dcload::Site site = dcload::default_site();
  const std::size_t n = dcload::channel_names(site).size();
  // Estimate: n channels × 31,536,000 one-second steps × 8 bytes (e.g. 29 × 31.5e6 × 8 =
  // 7.3 GB) against 80 % of a 100 MB limit.
  const double need = static_cast<double>(n) * 31536000.0 * 8.0;
  REQUIRE(need > 0.8 * 100e6);
  dcload::RunOptions o;
  o.timestep = dcload::seconds(1.0);
  o.memory_limit_bytes = 100'000'000;
  bool started = false;
  o.progress = [&](double) {
    started = true;
    throw StopAfterFirstBlock{};
  };
  try {
    (void)dcload::run(site, o);
    FAIL("no ConfigError");
  } catch (const dcload::ConfigError& e) {
    CHECK(e.key() == "channels");
    CHECK_THAT(std::string(e.what()),
               Catch::Contains(std::to_string(n) + " channels × 31536000 steps = ") &&
                   Catch::Contains(" in memory, more than the ") &&
                   Catch::Contains("{\"none\"}"));
  } catch (const StopAfterFirstBlock&) {
    FAIL("the run started");
  }
  CHECK_FALSE(started);
  // The same year with no channels kept needs no channel memory: accepted (it starts; the
  // first block is enough to know).
  o.channels = {"none"};
  CHECK_THROWS_AS(dcload::run(site, o), StopAfterFirstBlock);
  CHECK(started);
  // All channels streamed to a sink rather than kept: accepted too.
  struct NullSink : dcload::ChannelSink {
    std::size_t columns = 0;
    void begin(const std::vector<dcload::Channel>& layout, std::size_t, double, double) override {
      columns = layout.size();
    }
    void block(std::size_t, const std::vector<std::span<const double>>&) override {}
    void end() override {}
  } sink;
  o.channels.clear();
  o.sink = &sink;
  o.keep_in_memory = false;
  started = false;
  CHECK_THROWS_AS(dcload::run(site, o), StopAfterFirstBlock);
  CHECK(started);
  CHECK(sink.columns == n);
  // A short window keeping every channel fits: n × 600 × 8 B ≪ 80 MB, and runs to the end.
  dcload::RunOptions w;
  w.timestep = dcload::seconds(1.0);
  w.start = dcload::hours(24.0 * 195 + 14);
  w.duration = dcload::minutes(10.0);
  w.memory_limit_bytes = 100'000'000;
  const auto r = dcload::run(site, w);
  CHECK(r.channels.size() == n);
  CHECK(r.channel("facility_power").size() == 600);
}

TEST_CASE("pipeline: an unknown channel name lists the channels", "[pipeline][memory]") {
  dcload::RunOptions o;
  o.channels = {"facility_power", "facility_powr"};
  try {
    (void)dcload::run(dcload::default_site(), o);
    FAIL("no ConfigError");
  } catch (const dcload::ConfigError& e) {
    CHECK(e.key() == "channels");
    const std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("no channel named \"facility_powr\""));
    // every channel the site can keep is named
    for (const std::string& c : dcload::channel_names(dcload::default_site())) {
      INFO(c);
      CHECK_THAT(m, Catch::Contains(c));
    }
    CHECK_THAT(m, Catch::Contains("facility_power, grid_headroom"));
  }
}

TEST_CASE("pipeline: runs in one reused Workspace give the same bits as runs on their own",
          "[pipeline][workspace]") {
  using namespace dcload;
  // A Workspace keeps the stages' series from run to run (dcload/run.hpp); nothing of an earlier
  // run may leak into a later one. Runs of different sites, step lengths and windows in one
  // workspace, each compared with the same run in a fresh one: every Summary figure checked
  // here and every channel value equal bit for bit.
  const Site ulsan = load_site(std::string(DCLOAD_SOURCE_DIR) + "/configs/ulsan.toml");
  const Site lng = load_site(std::string(DCLOAD_SOURCE_DIR) + "/configs/regions/ulsan_lng.toml");
  Site ups_fed = ulsan;
  ups_fed.electrical.ups_serves_crah_fans = true;
  ups_fed.electrical.ups_serves_pumps = true;
  struct Case {
    const Site* site;
    RunOptions options;
  };
  const Case cases[] = {
      {&ulsan, {}},
      {&lng, {}},
      {&ulsan, {.timestep = minutes(15.0)}},
      {&ups_fed, {.channels = {"none"}}},
      {&ulsan, {.timestep = seconds(1.0), .start = hours(24.0 * 195 + 14),
                .duration = minutes(10.0)}},
      {&ulsan, {.channels = {"it_power", "facility_power"}}},
  };
  Workspace ws;
  for (const Case& c : cases) {
    RunOptions reused = c.options;
    reused.workspace = &ws;
    const RunResult a = run(*c.site, c.options);
    const RunResult b = run(*c.site, reused);
    INFO(c.site->name << ", " << in_si(c.options.timestep) << " s steps");
    CHECK(in_si(a.summary.it_energy) == in_si(b.summary.it_energy));
    CHECK(in_si(a.summary.facility_energy) == in_si(b.summary.facility_energy));
    CHECK(in_si(a.summary.cooling_energy) == in_si(b.summary.cooling_energy));
    CHECK(in_si(a.summary.water) == in_si(b.summary.water));
    CHECK(in_si(a.summary.peak_facility) == in_si(b.summary.peak_facility));
    CHECK(in_si(a.summary.min_grid_headroom) == in_si(b.summary.min_grid_headroom));
    CHECK(in_si(a.summary.max_ramp_per_min) == in_si(b.summary.max_ramp_per_min));
    CHECK(in_si(a.summary.design_day_facility) == in_si(b.summary.design_day_facility));
    CHECK(a.summary.supply_cost_usd == b.summary.supply_cost_usd);
    CHECK(a.summary.free_cooling_hours == b.summary.free_cooling_hours);
    CHECK(a.summary.ups_iterations == b.summary.ups_iterations);
    CHECK(a.summary.status.messages == b.summary.status.messages);
    REQUIRE(a.channels.size() == b.channels.size());
    for (std::size_t i = 0; i < a.channels.size(); ++i) {
      INFO(a.channels[i].name);
      CHECK(a.channels[i].values == b.channels[i].values);
    }
  }
}

namespace {
// The number after "key": in a JSON text (the first occurrence), read with strtod.
double json_value(const std::string& json, const std::string& key) {
  const std::string tag = "\"" + key + "\": ";
  const std::size_t at = json.find(tag);
  if (at == std::string::npos) throw std::runtime_error("no key " + key);
  return std::strtod(json.c_str() + at + tag.size(), nullptr);
}
}  // namespace

TEST_CASE("pipeline: JSON numbers read back as the values computed, bit for bit", "[pipeline]") {
  // Shortest round-trip text (std::to_chars): facility / IT from the JSON's energies is the
  // JSON's PUE to the last bit only if every number carries all its digits.
  const dcload::Summary& s = hourly().summary;
  const std::string json = dcload::to_json(s);
  CHECK(json_value(json, "pue_annual") == s.pue_annual);
  CHECK(json_value(json, "it_energy_mwh") == dcload::in_megawatt_hours(s.it_energy));
  CHECK(json_value(json, "facility_energy_mwh") == dcload::in_megawatt_hours(s.facility_energy));
  CHECK(json_value(json, "wue_l_per_kwh") == s.wue_l_per_kwh);
  CHECK(json_value(json, "peak_facility_mw") == dcload::in_megawatts(s.peak_facility));
  // The capacity search's JSON (it printed 9 significant digits before).
  const dcload::CapacityResult c = dcload::find_capacity(dcload::default_site());
  const std::string cj = dcload::to_json(c);
  CHECK(json_value(cj, "max_it_mw") == dcload::in_megawatts(c.year.max_it));
  CHECK(json_value(cj, "headroom_at_max_mw") == dcload::in_megawatts(c.year.headroom));
  CHECK(json_value(cj, "peak_facility_at_max_design_day_mw") ==
        dcload::in_megawatts(c.design_day.peak_facility));
  CHECK(json_value(cj, "max_it_n1_mw") == dcload::in_megawatts(c.year_n1.max_it));
  CHECK(json_value(cj, "max_gpus_design_day_n1") == static_cast<double>(c.design_day_n1.max_gpus));
  // The names before the rule, kept one release, carry the same values.
  CHECK(json_value(cj, "max_it_mw_that_fits") == json_value(cj, "max_it_mw"));
  CHECK(json_value(cj, "headroom_mw_at_max_design_day") ==
        json_value(cj, "headroom_at_max_design_day_mw"));
  // A quote in a site name stays inside its JSON string.
  dcload::CapacityResult q = c;
  q.site = "say \"hi\"";
  CHECK_THAT(dcload::to_json(q), Catch::Contains("\"site\": \"say \\\"hi\\\"\""));
}
