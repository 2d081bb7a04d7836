// IT stage: workload waveforms (training iteration swings, checkpoints, failures; inference
// daily and weekly shape), their statistics against hand calculations, window runs at 1 s, the
// load-shape summary keys and the accelerator catalog's derivations.
#include <catch2/catch.hpp>

#include "support.hpp"
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "config/catalog.hpp"
#include "it/buildout.hpp"
#include "it/workload.hpp"
#include "metrics/metrics.hpp"
#include "stages.hpp"

namespace {

using dcload::detail::ArrayXd;
using dcload::detail::Clock;

Clock clock_of(double dt_s, Eigen::Index steps, double start_s = 0) {
  Clock c;
  c.dt_s = dt_s;
  c.steps = steps;
  c.start_s = start_s;
  c.hour_mid = ArrayXd::Zero(steps);
  return c;
}

const dcload::WorkloadSpec& catalog_workload(const std::string& name) {
  static const dcload::Site training = dcload::testing::single_hall_site();
  static const dcload::Site inference = dcload::testing::single_hall_site({"cluster[0].workload=inference"});
  static const dcload::Site mixed = dcload::testing::single_hall_site({"cluster[0].workload=mixed"});
  static const dcload::Site restarts =
      dcload::testing::single_hall_site({"cluster[0].workload=training_restarts"});
  if (name == "inference") return inference.clusters[0].workload;
  if (name == "mixed") return mixed.clusters[0].workload;
  if (name == "training_restarts") return restarts.clusters[0].workload;
  return training.clusters[0].workload;
}

}  // namespace

TEST_CASE("it: pulse_time integrates a periodic pulse exactly", "[it]") {
  using dcload::detail::pulse_time;
  // Period 4 s, pulse 1 s starting at 3 s: [3,4), [7,8), ...
  CHECK(pulse_time(8.0, 4.0, 1.0, 3.0) - pulse_time(0.0, 4.0, 1.0, 3.0) == Approx(2.0));
  CHECK(pulse_time(3.5, 4.0, 1.0, 3.0) - pulse_time(3.0, 4.0, 1.0, 3.0) == Approx(0.5));
  CHECK(pulse_time(3.0, 4.0, 1.0, 3.0) - pulse_time(0.0, 4.0, 1.0, 3.0) ==
        Approx(0.0).margin(1e-12));
  // Over any whole number of periods the pulse time is n·width, whatever the start.
  for (double a : {0.0, 0.3, 1.7, 12345.678})
    CHECK(pulse_time(a + 40.0, 4.0, 1.0, 3.0) - pulse_time(a, 4.0, 1.0, 3.0) ==
          Approx(10.0).epsilon(1e-12));
}

TEST_CASE("it: training swings at 1 s repeat every iteration and keep the sustained mean", "[it]") {
  dcload::WorkloadSpec w = catalog_workload("training");
  REQUIRE(w.iteration_period_s == Approx(4.0));
  REQUIRE(w.comm_share == Approx(0.25));
  REQUIRE(w.comm_dip == Approx(0.380));
  // One job, no checkpoints: the pure iteration square wave.
  w.job_gpus = 0;
  w.checkpoint_interval_s = 0;
  ArrayXd u;
  dcload::detail::workload_utilization(w, clock_of(1.0, 3600), 8.0, 7, u);
  // Hand calculation: u_hi = 1/(1 − 0.25·0.380) = 1.104972; communication level
  // u_hi·(1 − 0.380) = 0.685083. With 1 s steps and a random phase, one step in four holds
  // part of the communication phase; the period of the series is 4 steps.
  const double u_hi = 1.0 / (1.0 - 0.25 * 0.380);
  CHECK(u_hi == Approx(1.104972).epsilon(1e-6));
  CHECK(u.maxCoeff() == Approx(u_hi).epsilon(1e-12));
  CHECK(u.mean() == Approx(1.0).epsilon(1e-12));
  for (Eigen::Index k = 0; k + 4 < u.size(); ++k) CHECK(u[k + 4] == Approx(u[k]).epsilon(1e-9));
  // Each 4-step block averages to the mean; the deficit of the block is comm_dip·u_hi·1 s.
  CHECK((u.head(4) - u_hi).sum() == Approx(-0.380 * u_hi).epsilon(1e-9));
  // Swing depth: the lowest step is between the communication level and u_hi.
  CHECK(u.minCoeff() >= u_hi * (1.0 - 0.380) - 1e-12);
  CHECK(u.minCoeff() < u_hi - 0.5 * 0.380 * u_hi);  // at least half the dip shows at 1 s
}

TEST_CASE("it: the compute phase of an H100 node reaches the measured 8.4 kW peak", "[it]") {
  // Latif et al., IEEE Access 13 (2025) 61740: 8×H100 node peak 8.4 kW. Node power at u_hi with
  // the catalog's idle 1.584 kW and sustained 7.752 kW, after the checkpoint normalisation
  // u_iter = 1/(1 − 3.24/1800):
  const dcload::WorkloadSpec& w = catalog_workload("training");
  const double duty = 3.24 / 1800.0;
  CHECK(dcload::detail::checkpoint_duty(w) == Approx(duty).epsilon(1e-12));
  const double u_hi = dcload::detail::compute_phase_utilization(w);
  CHECK(u_hi == Approx(1.0 / (1.0 - duty) / (1.0 - 0.25 * 0.380)).epsilon(1e-12));
  const double node_peak_w = 1584.0 + (7752.0 - 1584.0) * u_hi;
  CHECK(node_peak_w == Approx(8400.0).epsilon(0.003));  // 8.41 kW, within 0.3 %
}

TEST_CASE("it: checkpoints dip the training load and the hourly mean stays the sustained draw",
          "[it]") {
  dcload::WorkloadSpec w = catalog_workload("training");
  w.job_gpus = 0;  // one job: the whole cluster checkpoints together
  ArrayXd u1, uh;
  dcload::detail::workload_utilization(w, clock_of(1.0, 3600), 8.0, 3, u1);
  dcload::detail::workload_utilization(w, clock_of(3600.0, 1), 8.0, 3, uh);
  // An hour holds two 30-min intervals: 2 × 3.24 s at u = 0; the mean is still 1 (identity of
  // the normalisation), and the hourly step equals the mean of its 3600 one-second steps.
  // A pause removes 3.24 s of the swing at whatever phase it falls, so the 1 s mean may differ
  // from 1 by at most (2·3.24/3600)·max|u − u_iter| = 0.0018·(1.107·0.380) = 7.6e-4.
  CHECK(u1.mean() == Approx(1.0).margin(7.6e-4));
  CHECK(uh[0] == Approx(1.0).epsilon(1e-12));
  // Time-weighted checkpoint time: steps with u < 0.5 cover the pauses (3.24 s → 4 steps
  // touched per pause, 3 of them wholly inside).
  const auto deep = (u1 < 0.5).count();
  CHECK(deep >= 2 * 3);
  CHECK(deep <= 2 * 4);
  CHECK(u1.minCoeff() == Approx(0.0).margin(1e-12));
}

TEST_CASE("it: failures follow the Llama 3 rate and are deterministic per seed", "[it]") {
  const dcload::WorkloadSpec& w = catalog_workload("training_restarts");
  REQUIRE(w.gpu_hours_per_failure == Approx(50677.0));
  // 60,000 GPUs over a 365-day year: expected 60000·8760/50677 = 10,371.6 interruptions;
  // Poisson standard deviation √10371.6 = 101.8; accept ±5σ.
  const auto t = dcload::detail::failure_times(w, 60000.0, 8760.0 * 3600.0, 42);
  const double expected = 60000.0 * 8760.0 / 50677.0;
  CHECK(expected == Approx(10371.6).epsilon(1e-4));
  CHECK(std::abs(static_cast<double>(t.size()) - expected) < 5.0 * std::sqrt(expected));
  CHECK(std::is_sorted(t.begin(), t.end()));
  CHECK(dcload::detail::failure_times(w, 60000.0, 8760.0 * 3600.0, 42) == t);
  CHECK(dcload::detail::failure_times(w, 60000.0, 8760.0 * 3600.0, 43) != t);
  // Without a failure rate there are no events.
  CHECK(dcload::detail::failure_times(catalog_workload("training"), 60000.0, 1e7, 1).empty());
}

TEST_CASE("it: restarts lower the mean by the idle share the failure rate implies", "[it]") {
  const dcload::WorkloadSpec& w = catalog_workload("training_restarts");
  ArrayXd u;
  dcload::detail::workload_utilization(w, clock_of(3600.0, 8760), 60000.0, 11, u);
  // Expected idle share = rate · restart · job share = (60000/50677 h⁻¹)·(1/6 h)·(16384/60000)
  // = 16384/(6·50677) = 0.053885; the year's mean utilization ≈ 1 − 0.0539 (Poisson noise on
  // 10,372 events ≈ 1 %, plus rare overlaps).
  const double idle = 16384.0 / (6.0 * 50677.0);
  CHECK(idle == Approx(0.053885).epsilon(1e-4));
  CHECK(u.mean() == Approx(1.0 - idle).epsilon(0.003));
  CHECK(u.maxCoeff() == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("it: inference follows the daily curve with the stated peak-to-trough ratio", "[it]") {
  const dcload::WorkloadSpec& w = catalog_workload("inference");
  ArrayXd u;
  dcload::detail::workload_utilization(w, clock_of(3600.0, 24 * 7), 1.0, 1, u);
  // Monday (day 0): daily mean 0.6 (the cosine integrates to zero over whole hours of a day).
  CHECK(u.head(24).mean() == Approx(0.6).epsilon(1e-12));
  // Hourly steps average the cosine over the hour: the factor sin(π/24)/(π/24) = 0.997147.
  const double x = std::numbers::pi / 24.0;
  const double c = std::sin(x) / x;
  CHECK(c == Approx(0.997147).epsilon(1e-6));
  // Peak in the hour 13:30–14:30? Steps start on whole hours: the 13–14 and 14–15 steps
  // straddle the 14:00 peak at ±½ h, mean factor of cos over [−1, 0] h: sin(2π/24)/(2π/24).
  const double c2 = std::sin(2 * x) / (2 * x);
  CHECK(u[13] == Approx(0.6 * (1 + 0.25 * c2)).epsilon(1e-12));
  CHECK(u.head(24).maxCoeff() == Approx(0.6 * (1 + 0.25 * c2)).epsilon(1e-12));
  CHECK(u.head(24).minCoeff() == Approx(0.6 * (1 - 0.25 * c2)).epsilon(1e-12));
  // Stated peak-to-trough (1 + A)/(1 − A) = 1.667 for the continuous curve; hourly 1.663.
  CHECK(u.head(24).maxCoeff() / u.head(24).minCoeff() ==
        Approx((1 + 0.25 * c2) / (1 - 0.25 * c2)).epsilon(1e-12));
  CHECK((1 + 0.25) / (1 - 0.25) == Approx(1.6667).epsilon(1e-4));
  // Saturday and Sunday (days 5, 6) at 0.85 of the weekday level.
  CHECK(u.segment(5 * 24, 24).mean() == Approx(0.6 * 0.85).epsilon(1e-12));
  CHECK(u.segment(6 * 24, 24).mean() == Approx(0.6 * 0.85).epsilon(1e-12));
  // The same curve at 1 s steps integrates to the same daily energy.
  ArrayXd u1;
  dcload::detail::workload_utilization(w, clock_of(1.0, 86400), 1.0, 1, u1);
  CHECK(u1.mean() == Approx(0.6).epsilon(1e-9));
  CHECK(u1.segment(13 * 3600, 3600).mean() == Approx(u[13]).epsilon(1e-9));
}

TEST_CASE("it: mixed is the share-weighted sum of training and inference", "[it]") {
  const dcload::WorkloadSpec& w = catalog_workload("mixed");
  REQUIRE(w.training_share == Approx(0.5));
  ArrayXd u;
  dcload::detail::workload_utilization(w, clock_of(3600.0, 24), 60000.0, 1, u);
  // Training is flat at 1 at hourly steps; inference averages 0.6 on a Monday:
  // 0.5·1 + 0.5·0.6 = 0.8.
  CHECK(u.mean() == Approx(0.8).epsilon(1e-12));
}

TEST_CASE("it: the inference workload lowers the default site's load factor", "[it]") {
  const auto train = dcload::run(dcload::testing::single_hall_site());
  const auto infer = dcload::run(dcload::testing::single_hall_site({"cluster[0].workload=inference"}));
  CHECK(train.summary.gpu_count == 60000);
  // Training is flat at hourly steps: load factor 1, min = peak = 64.14 MW (hand calc in
  // test_pipeline.cpp).
  CHECK(train.summary.it_load_factor == Approx(1.0).epsilon(1e-12));
  CHECK(dcload::in_si(train.summary.min_it) == Approx(64.14e6).epsilon(1e-9));
  CHECK(infer.summary.it_load_factor < 0.9);
  // Inference IT energy by hand: nodes·(idle + (full − idle)·ū) + fixed, ū = yearly mean of u:
  // 52 weeks + 1 day (a Monday): (5·1 + 2·0.85)/7 weeks → ū = 0.6·(52·6.7 + 1)/365.
  const double u_bar = 0.6 * (52.0 * 6.7 + 1.0) / 365.0;
  const double it_w = 7500.0 * (1584.0 + 6168.0 * u_bar) + 60000.0 * 100.0;
  CHECK(dcload::in_si(infer.summary.it_energy) / (8760.0 * 3600.0) == Approx(it_w).epsilon(1e-9));
}

TEST_CASE("it: a 10-minute window at 1 s shows the training swings and their ramps", "[it]") {
  dcload::RunOptions o;
  o.timestep = dcload::seconds(1.0);
  o.start = dcload::seconds((195.0 * 24.0 + 14.0) * 3600.0);  // 07-15 14:00
  o.duration = dcload::minutes(10.0);
  const auto r = dcload::run(dcload::testing::single_hall_site(), o);
  CHECK(r.summary.steps == 600);
  CHECK(r.channel("it_power").size() == 600);
  CHECK(r.summary.peak_facility_time.rfind("07-15 14:", 0) == 0);
  CHECK(dcload::in_si(r.summary.start) == Approx(o.start.value()));
  // Four jobs of ≤ 16,384 GPUs swing out of phase: the IT peak exceeds the sustained 64.14 MW
  // but stays below all nodes at u_hi: 7500·(1584 + 6168·1.10697) + 6e6 = 69.09 MW.
  const double u_hi = 1.0 / (1.0 - 3.24 / 1800.0) / (1.0 - 0.25 * 0.380);
  const double all_hi_w = 7500.0 * (1584.0 + 6168.0 * u_hi) + 6.0e6;
  CHECK(all_hi_w == Approx(69.09e6).epsilon(1e-3));
  CHECK(dcload::in_si(r.summary.peak_it) > 64.5e6);
  CHECK(dcload::in_si(r.summary.peak_it) <= all_hi_w * (1 + 1e-12));
  CHECK(r.summary.it_load_factor < 1.0);
  // Ramps: swings of MW within a second (at least one job's dip: 16384/8 nodes ·
  // 6168 W · 1.107 · 0.380 · (its 1 s share) — we only require > 1 MW/s), and the 1-min
  // ramp is at least the 1-s ramp.
  CHECK(dcload::in_si(r.summary.max_ramp_per_s) > 1.0e6);
  CHECK(dcload::in_si(r.summary.max_ramp_per_min) >= dcload::in_si(r.summary.max_ramp_per_s));
  CHECK(dcload::in_si(r.summary.facility_dynamic_range) > 1.0e6);
  // Energy over the window ≈ sustained draw × 600 s (checkpoint phases make it ±0.5 %).
  CHECK(dcload::in_si(r.summary.it_energy) == Approx(64.14e6 * 600.0).epsilon(0.005));
}

TEST_CASE("it: the largest change within a window is exact at the step's resolution", "[it]") {
  using dcload::detail::max_change_within;
  ArrayXd p(5);
  p << 0, 1, 3, 6, 10;
  CHECK(max_change_within(p, 1.0, 1.0) == Approx(4.0));          // 6 → 10
  CHECK(max_change_within(p, 1.0, 2.0) == Approx(7.0));          // 3 → 10
  CHECK(max_change_within(p, 60.0, 1.0) == Approx(4.0 / 60.0));  // scaled from a 60 s step
  ArrayXd one(1);
  one << 5;
  CHECK(max_change_within(one, 1.0, 1.0) == 0.0);
}

TEST_CASE("it: window options outside the year or off the step grid are rejected", "[it]") {
  dcload::RunOptions o;
  o.timestep = dcload::seconds(1.0);
  o.start = dcload::seconds(364.0 * 86400.0);
  o.duration = dcload::hours(25.0);
  REQUIRE_FALSE(o.validate().empty());
  CHECK(o.validate().front() == "start and duration must lie within the 365-day year");
  o.timestep = dcload::minutes(1.0);
  o.start = dcload::seconds(30.0);
  o.duration = dcload::minutes(10.0);
  REQUIRE_FALSE(o.validate().empty());
  CHECK(o.validate().front() == "start and duration must be whole multiples of the timestep");
  CHECK_THROWS_WITH(dcload::run(dcload::testing::single_hall_site(), o),
                    Catch::Contains("start and duration must be whole multiples of the timestep"));
}

TEST_CASE("it: catalog node figures follow their stated derivations", "[it]") {
  const dcload::Site s = dcload::testing::single_hall_site();
  const dcload::AcceleratorSpec& a = s.clusters[0].accelerator;
  REQUIRE(a.name == "H100 SXM");
  // accelerators.toml [a]: full = 0.76 × 10.2 kW; [b]: idle = full × 143/700.
  CHECK(dcload::in_si(a.node_full) == Approx(0.76 * 10200.0).epsilon(1e-12));
  CHECK(dcload::in_si(a.node_idle) == Approx(0.76 * 10200.0 * 143.0 / 700.0).epsilon(1e-3));
  CHECK(dcload::in_si(a.tdp) == Approx(700.0));
}

TEST_CASE("it: 1-min training steps are the means of their 1 s steps", "[it]") {
  // Identity of step integration (the 1-min path computes one 30-min checkpoint interval and
  // repeats it). Four jobs (60,000 GPUs / 16,384), two hours. Tolerance: a pause removes up to
  // 3.24 s of swing at an arbitrary phase, (3.24/60)·(1.107·0.380) = 0.023 of a 1-min step in
  // the worst minute; the 2-hour means agree to 7.6e-4 (see the checkpoint test).
  const dcload::WorkloadSpec& w = catalog_workload("training");
  ArrayXd u1, u60;
  dcload::detail::workload_utilization(w, clock_of(1.0, 7200), 60000.0, 5, u1);
  dcload::detail::workload_utilization(w, clock_of(60.0, 120), 60000.0, 5, u60);
  for (Eigen::Index m = 0; m < 120; ++m)
    CHECK(u60[m] == Approx(u1.segment(m * 60, 60).mean()).margin(0.023));
  CHECK(u60.mean() == Approx(u1.mean()).margin(7.6e-4));
  // Each job pauses once per 30 min: every 2 h holds at least 4 lowered minutes.
  CHECK((u60 < 0.999).count() >= 4);
  for (Eigen::Index m = 30; m < 120; ++m) CHECK(u60[m] == Approx(u60[m - 30]).epsilon(1e-12));
}

TEST_CASE("it: a phased build-out runs each year with the campus built by then", "[it]") {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml");
  REQUIRE(site.phases.size() == 7);
  CHECK(site.phases.front().year == 2027);
  CHECK(site.phases.back().year == 2032);
  CHECK(site.built_by(2028).clusters[0].count == 12000);
  CHECK(site.built_by(2028).clusters[1].count == 12000);
  CHECK(site.built_by(2029).clusters[0].count == 30000);
  CHECK(site.built_by(2032).clusters[3].count == 216000 + 86400);
  CHECK(site.built_by(2032).phases.empty());
  const dcload::RunResult r = dcload::run(site);
  const auto& b = r.summary.buildout;
  REQUIRE(b.size() == 6);  // 2027 … 2032
  const int64_t gpus[6] = {24000, 24000, 60000, 204000, 420000, 506400};
  for (size_t i = 0; i < 6; ++i) {
    INFO("year " << b[i].year);
    CHECK(b[i].year == 2027 + static_cast<int>(i));
    CHECK(b[i].gpu_count == gpus[i]);
    CHECK(dcload::in_si(b[i].facility_energy) > dcload::in_si(b[i].it_energy));
    // The equipment of a phase is energized with it: early years report a credible PUE, not
    // the no-load losses of a 1 GW substation over a few MW of IT.
    CHECK(b[i].pue < 1.2);
  }
  // 2029 ends as the Ulsan campus (flat training, so IT is its peak every hour), but 36,000 of
  // its 60,000 GPUs enter service on 1 February: January runs at 24,000/60,000 of it (both halls
  // grow 12,000 → 30,000). By hand: P × (8760 − 744) h + 0.4 × P × 744 h.
  const double p_mw = dcload::in_megawatts(b[2].peak_it);
  CHECK(dcload::in_megawatt_hours(b[2].it_energy) ==
        Approx(p_mw * (8760.0 - 744.0) + 0.4 * p_mw * 744.0).epsilon(1e-9));
  // 2032 at full utilization, by hand from the catalog: per cluster nodes × node full power
  // × ((1 − liquid share) × F + liquid share) + accelerators × (network + storage), with the
  // server-fan factor F at the halls' 24.5 °C supply air (1 + 0.00425 × 1.5).
  const dcload::Site built = site.built_by(2032);
  double it_2032_w = 0;
  for (const auto& c : built.clusters) {
    const double nodes = static_cast<double>(c.count) / c.accelerator.gpus_per_node;
    it_2032_w += nodes * dcload::in_si(c.accelerator.node_full) *
                     ((1.0 - c.liquid_fraction) * (1.0 + 0.00425 * 1.5) + c.liquid_fraction) +
                 static_cast<double>(c.count) *
                     (dcload::in_si(c.network_per_gpu) + dcload::in_si(c.storage_per_gpu));
  }
  CHECK(it_2032_w == Approx(767.6e6).epsilon(1e-3));  // ≈ 0.77 GW of IT (the file's target)
  CHECK(dcload::in_si(b[5].peak_it) == Approx(it_2032_w).epsilon(1e-9));
  // The rest of the Summary is the last year.
  CHECK(r.summary.gpu_count == 506400);
  CHECK(dcload::in_si(r.summary.peak_it) == Approx(dcload::in_si(b[5].peak_it)).epsilon(1e-12));
}

TEST_CASE("it: a phase naming no cluster is an error at its line", "[it]") {
  const std::string text =
      "weather = \"builtin:ulsan\"\n"
      "[[cluster]]\nname = \"a\"\naccelerator = \"H100 SXM\"\ncount = 8\n"
      "[[phase]]\ndate = \"2030-01-01\"\ncluster = \"b\"\ncount = 8\n"
      "[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"150 MVA\"\n";
  try {
    dcload::load_site_from_string(text, "site.toml");
    FAIL("no error");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "site.toml:8:11: phase[0].cluster = \"b\": no [[cluster]] has this name (known: a)");
  }
}

TEST_CASE("it: the 0.1-3 Hz band share of a series follows Parseval", "[it]") {
  using dcload::detail::band_energy_share;
  // n = 1000 steps of 0.1 s: DFT bins every 0.01 Hz. 3·sin(2π·1 Hz·t) lies in the band,
  // 4·sin(2π·0.05 Hz·t) below it: share = 3²/(3² + 4²) = 0.36.
  ArrayXd p(1000);
  for (Eigen::Index k = 0; k < 1000; ++k) {
    const double t = 0.1 * static_cast<double>(k);
    p[k] = 100.0 + 3.0 * std::sin(2 * std::numbers::pi * 1.0 * t) +
           4.0 * std::sin(2 * std::numbers::pi * 0.05 * t);
  }
  CHECK(band_energy_share(p, 0.1, 0.1, 3.0) == Approx(0.36).epsilon(1e-9));
  CHECK(band_energy_share(p, 0.1, 0.0, 5.0) == Approx(1.0).epsilon(1e-9));  // all bins
  CHECK(std::isnan(band_energy_share(ArrayXd::Constant(100, 2.0), 0.1, 0.1, 3.0)));
}

TEST_CASE("it: a 0.1 s window puts the training swings in the 0.1-3 Hz band", "[it]") {
  dcload::RunOptions o;
  o.timestep = dcload::seconds(0.1);
  o.start = dcload::seconds((195.0 * 24.0 + 14.0) * 3600.0);
  o.duration = dcload::minutes(2.0);
  const auto r = dcload::run(dcload::testing::single_hall_site(), o);
  REQUIRE(r.summary.steps == 1200);
  INFO("share " << r.summary.swing_band_share);
  // 4 s iterations: fundamental 0.25 Hz and harmonics up to 3 Hz hold most of the variance.
  CHECK(r.summary.swing_band_share > 0.5);
  CHECK(r.summary.swing_band_share <= 1.0);
  // Hourly runs cannot resolve the band.
  CHECK(std::isnan(dcload::run(dcload::testing::single_hall_site()).summary.swing_band_share));
}

namespace {
std::filesystem::path write_trace(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
std::string trace_site(const std::filesystem::path& csv) {
  return "weather = \"builtin:ulsan\"\n[[cluster]]\nname = \"a\"\naccelerator = \"H100 SXM\"\n"
         "count = 8000\nworkload = \"" +
         csv.string() +
         "\"\n"
         "[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"150 MVA\"\n";
}
}  // namespace

TEST_CASE("it: a measured CSV trace drives the utilization, repeated with its period", "[it]") {
  // A 1-day trace at 1 h: u = h/23 for h = 0..23 (mean 0.5).
  std::string text = "hour,utilization\n";
  for (int h = 0; h < 24; ++h) text += std::to_string(h) + "," + std::to_string(h / 23.0) + "\n";
  const auto csv = write_trace("dcload_it_trace.csv", text);
  const dcload::Site site = dcload::load_site_from_string(trace_site(csv), "site.toml");
  const dcload::WorkloadSpec& w = site.clusters[0].workload;
  REQUIRE(w.trace.size() == 24);
  CHECK(w.trace_step_s == Approx(3600.0));
  ArrayXd u;
  dcload::detail::workload_utilization(w, clock_of(3600.0, 48), 8000.0, 1, u);
  for (int k = 0; k < 48; ++k) CHECK(u[k] == Approx((k % 24) / 23.0).margin(1e-6));
  // 15-min steps inside hour 5 equal that hour; a step straddling 05:30–06:30 averages 5 and 6.
  dcload::detail::workload_utilization(w, clock_of(900.0, 96), 8000.0, 1, u);
  CHECK(u[20] == Approx(5.0 / 23.0).margin(1e-6));
  dcload::detail::workload_utilization(w, clock_of(3600.0, 1, 5.5 * 3600.0), 8000.0, 1, u);
  CHECK(u[0] == Approx(5.5 / 23.0).margin(1e-6));
  // Through the pipeline: IT energy of a year by hand, 1,000 nodes at mean u = 0.5:
  // (1000·(1584 + 6168·0.5)·F + 8000·100 W)·8760 h, with the server-fan factor F at the default
  // 24.5 °C supply air: 1 + 0.00425·(24.5 − 23) = 1.006375 (engine/it/it.cpp).
  const auto r = dcload::run(site);
  const double fan = 1.0 + 0.00425 * 1.5;
  CHECK(dcload::detail::air_cooled_power_factor(24.5) == Approx(fan).epsilon(1e-12));
  CHECK(dcload::in_megawatt_hours(r.summary.it_energy) ==
        Approx((1000.0 * (1584.0 + 6168.0 * 0.5) * fan + 8000.0 * 100.0) * 8760.0 / 1e6)
            .epsilon(1e-5));
  std::filesystem::remove(csv);
}

TEST_CASE("it: a malformed CSV trace is an error naming its line and column", "[it]") {
  const auto csv = write_trace("dcload_it_bad_trace.csv", "hour,utilization\n0,0.5\n1,2.5\n");
  try {
    dcload::load_site_from_string(trace_site(csv), "site.toml");
    FAIL("no error");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()) ==
          csv.string() +
              ":3:3: utilization \"2.5\": expected a number from 0 to 1.5 (1 = "
              "node_full_power)");
  }
  const auto csv2 = write_trace("dcload_it_bad_header.csv", "time,u\n0,0.5\n");
  CHECK_THROWS_WITH(
      dcload::load_site_from_string(trace_site(csv2), "site.toml"),
      Catch::Contains(":1:1: expected the header \"hour,utilization\", got \"time,u\""));
  std::filesystem::remove(csv);
  std::filesystem::remove(csv2);
}

TEST_CASE("it: server fan power follows the measured inlet-temperature points", "[it]") {
  using dcload::detail::air_cooled_power_factor;
  // engine/it/it.cpp: flat to 23 °C; +0.425 %/K to 27 °C (Coroamă 2025, midpoint of
  // 0.35–0.5 %/K); from 27 °C the GRC 2016 Dell R410 wall power, Table 1:
  // 137.7 / 139.4 / 141.5 / 144.0 and 144.1 / 148.4 / 154 W at 27 / 29 / 31 / 33 / 35 / 37 °C.
  CHECK(air_cooled_power_factor(18.0) == 1.0);
  CHECK(air_cooled_power_factor(23.0) == 1.0);
  const double at27 = 1.0 + 0.00425 * 4.0;  // 1.017
  CHECK(air_cooled_power_factor(27.0) == Approx(at27).epsilon(1e-12));
  CHECK(air_cooled_power_factor(25.0) == Approx(1.0085).epsilon(1e-12));
  // The published points, as ratios to 27 °C, reproduced exactly.
  const double t[] = {29.0, 31.0, 33.0, 35.0, 37.0};
  const double watts[] = {139.4, 141.5, 144.05, 148.4, 154.0};
  for (int i = 0; i < 5; ++i) {
    INFO("inlet " << t[i] << " °C");
    CHECK(air_cooled_power_factor(t[i]) / at27 == Approx(watts[i] / 137.7).epsilon(1e-12));
  }
  // GRC's rounded increases: +1 % at 29, +3 % at 31, +5 % at 33, +8 % at 35, +12 % at 37 °C.
  CHECK(air_cooled_power_factor(35.0) / at27 - 1.0 == Approx(0.08).margin(0.005));
  CHECK(air_cooled_power_factor(37.0) / at27 - 1.0 == Approx(0.12).margin(0.005));
  // Held beyond the last point; monotone everywhere.
  CHECK(air_cooled_power_factor(45.0) == air_cooled_power_factor(37.0));
  for (double c = 15.0; c < 45.0; c += 0.05)
    CHECK(air_cooled_power_factor(c + 0.05) >= air_cooled_power_factor(c));
  // Between points: linear (30 °C midway between 29 and 31).
  CHECK(air_cooled_power_factor(30.0) / at27 ==
        Approx((139.4 + 141.5) / 2.0 / 137.7).epsilon(1e-12));
  // Through the pipeline: the default site's inlet is the chilled-water supply plus the coil
  // approach (supply_air_temperature_c); IT = nodes·full·factor + network and storage.
  const dcload::Site warm = dcload::testing::single_hall_site({"cooling.chilled_water_supply=22 °C"});
  const auto r = dcload::run(warm);
  const dcload::Weather w = dcload::load_weather("builtin:ulsan");
  const double t_in = dcload::in_celsius(warm.halls.at(0).supply_air());
  REQUIRE(t_in > 23.0);
  const double it_w = 7500.0 * 7752.0 * air_cooled_power_factor(t_in) + 60000.0 * 100.0;
  CHECK(dcload::in_si(r.summary.peak_it) == Approx(it_w).epsilon(1e-12));
  // The cool default stays at the sustained draw (hand calc in test_pipeline.cpp).
  CHECK(dcload::in_si(dcload::run(dcload::testing::single_hall_site()).summary.peak_it) ==
        Approx(64.14e6).epsilon(1e-12));
}

TEST_CASE("it: a power cap clips the training compute phase before averaging", "[it]") {
  // 1,000 W per GPU → 8 kW per node → u_cap = (8000 − 1584)/6168 = 1.04021.
  // u_hi = 1/(1 − 3.24/1800)/(1 − 0.25·0.380) = 1.10697 is clipped; the communication level
  // u_hi·0.62 = 0.68632 is not: iteration mean 0.75·1.04021 + 0.25·0.68632 = 0.95174;
  // with checkpoint pauses (duty 0.0018 at u = 0): 0.95003.
  const auto r = dcload::run(dcload::testing::single_hall_site({"cluster[0].power_cap_per_gpu=1000 W"}));
  const double u_cap = (8000.0 - 1584.0) / 6168.0;
  const double duty = 3.24 / 1800.0;
  const double u_hi = 1.0 / (1.0 - duty) / (1.0 - 0.25 * 0.380);
  const double u_mean = (1.0 - duty) * (0.75 * u_cap + 0.25 * u_hi * (1.0 - 0.380));
  CHECK(u_mean == Approx(0.95003).epsilon(1e-4));
  const double it_w = 7500.0 * (1584.0 + 6168.0 * u_mean) + 60000.0 * 100.0;
  CHECK(dcload::in_si(r.summary.peak_it) == Approx(it_w).epsilon(1e-9));
  // A cap above the compute phase changes nothing.
  const auto r2 = dcload::run(dcload::testing::single_hall_site({"cluster[0].power_cap_per_gpu=1100 W"}));
  CHECK(dcload::in_si(r2.summary.peak_it) == Approx(64.14e6).epsilon(1e-12));
}

TEST_CASE("it: a compute target sets the accelerator count", "[it]") {
  const auto site_with = [](const std::string& cluster_keys) {
    return "weather = \"builtin:ulsan\"\n[[cluster]]\nname = \"a\"\naccelerator = \"H100 SXM\"\n" +
           cluster_keys +
           "[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"150 MVA\"\n";
  };
  // 1 EFLOPS dense BF16 / 989.4 TFLOPS per H100 = 1010.7 → 1,011 GPUs → 127 whole nodes of 8 =
  // 1,016; without a number format the run says dense BF16 was assumed.
  const dcload::Site s =
      dcload::load_site_from_string(site_with("compute = \"1 EFLOPS\"\n"), "site.toml");
  CHECK(s.clusters[0].count == 1016);
  REQUIRE(s.notes.size() == 2);
  CHECK_THAT(s.notes[0], Catch::Contains("1,011 accelerators at 989.4 TFLOPS BF16 dense each "
                                         "(no number format given: dense BF16 assumed)"));
  CHECK(s.notes[1] == "cluster[0].count = 1,011 rounded up to 1,016 (127 whole nodes of 8 H100 SXM)");
  CHECK(dcload::load_site_from_string(site_with("compute = \"50 PFLOPS BF16\"\n"), "site.toml")
            .clusters[0]
            .count == 56);  // 50,000/989.4 = 50.5 → 51 → 7 nodes = 56
  // FP64 (the tensor-core rate, 66.9 TFLOPS): 1e6/66.9 = 14,947.7 → 14,948 → 1,869 nodes = 14,952.
  CHECK(dcload::load_site_from_string(site_with("compute = \"1 EFLOPS FP64\"\n"), "site.toml")
            .clusters[0]
            .count == 14952);
  // Sparse FP8: 2e6 / (1,978.9 × 2) = 505.3 → 506 → 64 nodes = 512.
  CHECK(dcload::load_site_from_string(site_with("compute = \"2 EFLOPS FP8 sparse\"\n"), "site.toml")
            .clusters[0]
            .count == 512);
  try {
    dcload::load_site_from_string(site_with("count = 8\ncompute = \"1 EFLOPS\"\n"), "site.toml");
    FAIL("no error");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "site.toml:6:11: cluster[0].compute = \"1 EFLOPS\": give either "
          "count or compute, not both");
  }
  CHECK_THROWS_WITH(
      dcload::load_site_from_string(site_with("compute = \"1 exaflop\"\n"), "site.toml"),
      Catch::Contains("expected a throughput and its number format, e.g. \"1 EFLOPS FP64\""));
  // No FP64 sparsity; an absurd target is refused, never a negative count.
  CHECK_THROWS_WITH(
      dcload::load_site_from_string(site_with("compute = \"1 EFLOPS FP64 sparse\"\n"), "site.toml"),
      Catch::Contains("has no structured-sparsity rate for FP64"));
  CHECK_THROWS_WITH(
      dcload::load_site_from_string(site_with("compute = \"1e300 EFLOPS FP8\"\n"), "site.toml"),
      Catch::Contains("more than the 1e+08 a cluster may hold"));
  CHECK_THROWS_WITH(
      dcload::load_site_from_string(site_with("compute = \"inf EFLOPS\"\n"), "site.toml"),
      Catch::Contains("expected a throughput"));
}

TEST_CASE("it: a run keeps only the channels asked for", "[it]") {
  dcload::RunOptions o;
  o.channels = {"it_power", "facility_power"};
  const auto r = dcload::run(dcload::testing::single_hall_site(), o);
  REQUIRE(r.channels.size() == 2);
  CHECK(r.channel("it_power").size() == 8760);
  CHECK_THROWS_AS(r.channel("cooling_power"), std::out_of_range);
  o.channels = {"none"};
  const auto s = dcload::run(dcload::testing::single_hall_site(), o);
  CHECK(s.channels.empty());
  // The summary does not depend on the selection.
  CHECK(dcload::in_si(s.summary.facility_energy) ==
        Approx(dcload::in_si(r.summary.facility_energy)).epsilon(1e-15));
}

// ---- catalog: AMD entries, dense throughput ------------------------------------------------

TEST_CASE("it: AMD catalog entries follow the stated node derivation [f]", "[it]") {
  const auto mi300x = dcload::detail::find_accelerator("MI300X");
  const auto mi355x = dcload::detail::find_accelerator("MI355X");
  REQUIRE(mi300x);
  REQUIRE(mi355x);
  // [f]: non-GPU part of the same-generation DGX + 8 × TDP.
  // MI300X: 10,200 − 8·700 + 8·750 = 10,600 W; MI355X: 14,300 − 8·1,000 + 8·1,400 = 17,500 W.
  CHECK(dcload::in_si(mi300x->spec.tdp) == 750.0);
  CHECK(dcload::in_si(mi355x->spec.tdp) == 1400.0);
  CHECK(dcload::in_si(mi300x->spec.node_rated) == Approx(10200.0 - 8 * 700.0 + 8 * 750.0));
  CHECK(dcload::in_si(mi355x->spec.node_rated) == Approx(14300.0 - 8 * 1000.0 + 8 * 1400.0));
  // [a] full = 0.76 × rated; idle: [b] 143/700 for MI300X, measured 238/1400 for MI355X.
  CHECK(dcload::in_si(mi300x->spec.node_full) == Approx(0.76 * 10600.0).epsilon(1e-12));
  CHECK(dcload::in_si(mi355x->spec.node_full) == Approx(0.76 * 17500.0).epsilon(1e-12));
  CHECK(dcload::in_si(mi300x->spec.node_idle) ==
        Approx(0.76 * 10600.0 * 143.0 / 700.0).epsilon(1e-3));
  CHECK(dcload::in_si(mi355x->spec.node_idle) ==
        Approx(0.76 * 17500.0 * 238.0 / 1400.0).epsilon(1e-3));
  // [d] storage = 5 % of full / 8.
  CHECK(dcload::in_si(mi300x->storage_per_gpu) == Approx(0.05 * 8056.0 / 8).epsilon(1e-3));
  CHECK(dcload::in_si(mi355x->storage_per_gpu) == Approx(0.05 * 13300.0 / 8).epsilon(1e-3));
  CHECK(mi300x->spec.liquid_fraction == 0.0);
  CHECK(mi355x->spec.gpus_per_rack == 128);
}

TEST_CASE("it: every accelerator has its cooling, sources and dense throughput", "[it]") {
  const auto names = dcload::detail::accelerator_names();
  REQUIRE(names.size() >= 17);
  for (const auto& name : names) {
    INFO(name);
    const auto e = dcload::detail::find_accelerator(name);
    REQUIRE(e);
    const dcload::AcceleratorSpec& a = e->spec;
    CHECK(a.bf16_dense_tflops() > 0);
    CHECK(a.gpus_per_node >= 1);
    CHECK(a.gpus_per_rack > 0);
    CHECK_FALSE(a.source.empty());
    CHECK((a.status == "shipping" || a.status == "announced" || a.status == "roadmap"));
    CHECK((a.confidence == "H" || a.confidence == "M" || a.confidence == "L"));
    CHECK(a.available.size() == 7);  // "YYYY-MM"
    // Air-cooled systems carry no liquid share; liquid-only ones do.
    if (a.cooling == dcload::AcceleratorCooling::kAir) CHECK(a.liquid_fraction == 0.0);
    if (a.cooling == dcload::AcceleratorCooling::kLiquid) CHECK(a.liquid_fraction > 0.5);
    CHECK(dcload::in_si(a.node_idle) < dcload::in_si(a.node_full));
    CHECK(dcload::in_si(a.node_full) <= dcload::in_si(a.node_rated));
  }
  // Datasheet figures, dense (NVIDIA prints sparse: dense = sparse / 2).
  const auto h100 = dcload::detail::find_accelerator("H100 SXM");
  REQUIRE(h100);
  CHECK(h100->spec.bf16_dense_tflops() == Approx(1979.0 / 2).epsilon(1e-3));
  CHECK(h100->spec.dense_tflops[static_cast<int>(dcload::Precision::kFp8)] ==
        Approx(3958.0 / 2).epsilon(1e-3));
  // FP64 tensor core 67 TFLOPS (H100 SXM datasheet): ~15,000 of them make 1 EFLOPS FP64.
  CHECK(h100->spec.dense_tflops[static_cast<int>(dcload::Precision::kFp64)] ==
        Approx(66.9).epsilon(1e-3));
  CHECK(h100->spec.sparsity_factor == 2.0);
  const auto a100 = dcload::detail::find_accelerator("A100 SXM");
  REQUIRE(a100);
  CHECK(a100->spec.dense_tflops[static_cast<int>(dcload::Precision::kFp8)] == 0.0);  // Ampere: no FP8
  // GB200/GB300 NVL72 are liquid-only racks.
  CHECK(dcload::detail::find_accelerator("GB300 NVL72")->spec.cooling ==
        dcload::AcceleratorCooling::kLiquid);
  // Clock × FMA × 2 × cores (stas00/ml-engineering) reproduces the AMD datasheet figures.
  CHECK(2100e6 * 256 * 2 * 1216 / 1e12 == Approx(1307.4).epsilon(1e-4));
  CHECK(2400e6 * 512 * 2 * 1024 / 1e12 == Approx(2516.6).epsilon(1e-4));
}

// ---- utilization → power curves -------------------------------------------------------------

TEST_CASE("it: the SPECpower table reproduces its source points exactly", "[it]") {
  // IBM x3550 M3, SPECpower_ssj2008 power_ssj2008-20100315-00239 (via CloudSim):
  // 66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247 W at 0, 10, …, 100 % load.
  const double w[] = {66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247};
  const auto table = dcload::detail::find_power_curve_table("specpower_ibm_x3550_m3");
  REQUIRE(table);
  REQUIRE(table->size() == 11);
  using dcload::detail::power_curve_value;
  // A node idling at 66 W and full at 247 W draws exactly the published watts.
  for (int i = 0; i <= 10; ++i) {
    INFO("load " << 10 * i << " %");
    CHECK(66.0 + 181.0 * power_curve_value("table:x", *table, i / 10.0) ==
          Approx(w[i]).epsilon(1e-12));
  }
  // Endpoints: idle at 0, full at 1; between points linear (25 %: (120 + 131)/2 = 125.5 W).
  CHECK(power_curve_value("table:x", *table, 0.0) == 0.0);
  CHECK(power_curve_value("table:x", *table, 1.0) == Approx(1.0).epsilon(1e-15));
  CHECK(66.0 + 181.0 * power_curve_value("table:x", *table, 0.25) == Approx(125.5).epsilon(1e-12));
  // Beyond full load: the last segment's slope, 10·(247 − 229)/181 per unit u.
  CHECK(power_curve_value("table:x", *table, 1.1) ==
        Approx(1.0 + 0.1 * 10.0 * 18.0 / 181.0).epsilon(1e-12));
  // Monotone, for both shipped tables.
  for (const std::string name : {"specpower_ibm_x3550_m3", "specpower_hp_ml110_g5"}) {
    const auto t = dcload::detail::find_power_curve_table(name);
    REQUIRE(t);
    for (double u = 0.0; u < 1.2; u += 0.001)
      CHECK(power_curve_value("table:x", *t, u + 0.001) > power_curve_value("table:x", *t, u));
  }
}

TEST_CASE("it: analytic power curves match OpenDC's forms and invert", "[it]") {
  using dcload::detail::power_curve_inverse;
  using dcload::detail::power_curve_value;
  const std::vector<double> none;
  // OpenDC PowerModels: P_idle + ΔP·g(u), g = u, u², u³, √u.
  CHECK(power_curve_value("linear", none, 0.5) == 0.5);
  CHECK(power_curve_value("square", none, 0.5) == 0.25);
  CHECK(power_curve_value("cubic", none, 0.5) == 0.125);
  CHECK(power_curve_value("sqrt", none, 0.25) == 0.5);
  for (const std::string c : {"linear", "square", "cubic", "sqrt"}) {
    INFO(c);
    CHECK(power_curve_value(c, none, 0.0) == 0.0);
    CHECK(power_curve_value(c, none, 1.0) == 1.0);
    // Continuous at u = 1 (slope continued above).
    CHECK(power_curve_value(c, none, 1.0 + 1e-9) == Approx(1.0).margin(1e-8));
    for (double u : {0.0, 0.1, 0.37, 0.9, 1.0, 1.08})
      CHECK(power_curve_inverse(c, none, power_curve_value(c, none, u)) ==
            Approx(u).margin(1e-12));
  }
  const auto t = dcload::detail::find_power_curve_table("specpower_ibm_x3550_m3");
  for (double u : {0.0, 0.05, 0.37, 0.9, 1.0, 1.08})
    CHECK(power_curve_inverse("table:x", *t, power_curve_value("table:x", *t, u)) ==
          Approx(u).margin(1e-12));
}

TEST_CASE("it: a cluster's power curve shapes the IT load between idle and full", "[it]") {
  // Inference varies u through the day; the table run's IT at each hour is
  // nodes·(idle + (full − idle)·f(u)) + network and storage, with u from the linear run.
  const auto lin = dcload::run(dcload::testing::single_hall_site({"cluster[0].workload=inference"}),
                               {.channels = {"it_power"}});
  const dcload::Site tab_site = dcload::testing::single_hall_site(
      {"cluster[0].workload=inference", "cluster[0].power_curve=table:specpower_ibm_x3550_m3"});
  REQUIRE(tab_site.clusters[0].power_curve == "table:specpower_ibm_x3550_m3");
  const auto tab = dcload::run(tab_site, {.channels = {"it_power"}});
  const auto& table = tab_site.clusters[0].power_curve_table;
  const auto p_lin = lin.channel("it_power");
  const auto p_tab = tab.channel("it_power");
  for (size_t k = 0; k < 48; ++k) {
    const double u = (p_lin[k] - 6e6 - 7500.0 * 1584.0) / (7500.0 * 6168.0);
    const double f = dcload::detail::power_curve_value("table:x", table, u);
    CHECK(p_tab[k] == Approx(7500.0 * (1584.0 + 6168.0 * f) + 6e6).epsilon(1e-9));
  }
  // Inference runs mostly between 50 and 100 % load, where this table lies just below the
  // line (f(0.6) = 107/181 = 0.591, f(0.8) = 145/181 = 0.801): energy within 1 % of linear.
  CHECK(dcload::in_si(tab.summary.it_energy) ==
        Approx(dcload::in_si(lin.summary.it_energy)).epsilon(0.01));
}

TEST_CASE("it: an unknown power curve is an error naming the key", "[it]") {
  CHECK_THROWS_WITH(dcload::testing::single_hall_site({"cluster[0].power_curve=quadratic"}),
                    Catch::Contains("cluster[0].power_curve = \"quadratic\": expected \"linear\", "
                                    "\"square\", \"cubic\", \"sqrt\" or \"table:NAME\""));
  CHECK_THROWS_WITH(
      dcload::testing::single_hall_site({"cluster[0].power_curve=table:specpower_ibm_x3550"}),
      Catch::Contains("no [[power_curve]] table named \"specpower_ibm_x3550\"") &&
          Catch::Contains("did you mean \"table:specpower_ibm_x3550_m3\"?"));
}

// ---- build-out within a year ----------------------------------------------------------------

TEST_CASE("it: in-service share counts a late addition pro rata within its step", "[it]") {
  dcload::ClusterSpec c;
  c.count = 10;
  c.late_additions.push_back({5400.0, 4});  // 4 of 10 from 01:30
  ArrayXd share;
  dcload::detail::in_service_share(c, clock_of(3600.0, 3), share);
  CHECK(share[0] == Approx(0.6).epsilon(1e-15));              // 6 of 10
  CHECK(share[1] == Approx(1.0 - 0.4 * 0.5).epsilon(1e-15));  // half the hour with 10
  CHECK(share[2] == 1.0);
  CHECK(dcload::detail::seconds_into_year(1, 1) == 0.0);
  CHECK(dcload::detail::seconds_into_year(7, 1) == 181 * 86400.0);
  CHECK(dcload::detail::seconds_into_year(12, 31) == 364 * 86400.0);
}

TEST_CASE("it: a phase entering on 1 July adds about half its annual energy", "[it]") {
  const std::string text =
      "weather = \"builtin:ulsan\"\n"
      "[[cluster]]\nname = \"a\"\naccelerator = \"H100 SXM\"\ncount = 0\n"
      "[[phase]]\ndate = \"2030-01-01\"\ncluster = \"a\"\ncount = 8000\n"
      "[[phase]]\ndate = \"2031-07-01\"\ncluster = \"a\"\ncount = 8000\n"
      "[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"150 MVA\"\n";
  const dcload::Site site = dcload::load_site_from_string(text, "site.toml");
  const auto r = dcload::run(site);
  const auto& b = r.summary.buildout;
  REQUIRE(b.size() == 2);
  // Flat hourly training (the hourly mean is exact): per 8,000 GPUs 1,000 nodes × 7.752 kW × the
  // server-fan factor at the default 24.5 °C supply air, 1.006375, + 8,000 × 100 W. 2030: that
  // × 8760 h. 2031: the second 8,000 from 1 July (day 182 of 365): + that × 184 × 24 h.
  const double p = 1000 * 7752.0 * (1.0 + 0.00425 * 1.5) + 8000 * 100.0;
  CHECK(dcload::in_megawatt_hours(b[0].it_energy) == Approx(p * 8760.0 / 1e6).epsilon(1e-9));
  CHECK(dcload::in_megawatt_hours(b[1].it_energy) ==
        Approx(p * (8760.0 + 184.0 * 24.0) / 1e6).epsilon(1e-9));
  // The peak stays that of the campus as built by 31 December: 16,000 GPUs.
  CHECK(dcload::in_si(b[1].peak_it) == Approx(2.0 * p).epsilon(1e-9));
  CHECK(b[1].gpu_count == 16000);
  // Facility energy lies between the campus at its start and at its end of the year.
  const auto full = dcload::run(site.built_by(2031));
  CHECK(dcload::in_si(b[1].facility_energy) < dcload::in_si(full.summary.facility_energy));
  CHECK(dcload::in_si(b[1].facility_energy) > dcload::in_si(b[0].facility_energy));
  CHECK(dcload::in_si(b[1].facility_energy) > dcload::in_si(b[1].it_energy));
}

TEST_CASE("it: the vectorized power curve equals the scalar one", "[it]") {
  const ArrayXd u0 = ArrayXd::LinSpaced(2201, 0.0, 1.1);
  const auto t = dcload::detail::find_power_curve_table("specpower_hp_ml110_g5");
  for (const std::string c : {"square", "cubic", "sqrt", "table:specpower_hp_ml110_g5"}) {
    INFO(c);
    ArrayXd u = u0;
    dcload::detail::apply_power_curve(c, *t, u);
    for (Eigen::Index k = 0; k < u.size(); ++k)
      CHECK(u[k] == Approx(dcload::detail::power_curve_value(c, *t, u0[k])).margin(1e-14));
  }
}

TEST_CASE("it: the workload peak the plant is sized for, by hand from workloads.toml", "[it][design]") {
  using dcload::detail::peak_utilization;
  const auto training = dcload::detail::find_workload("training");
  const auto inference = dcload::detail::find_workload("inference");
  const auto mixed = dcload::detail::find_workload("mixed");
  REQUIRE(training);
  REQUIRE(inference);
  REQUIRE(mixed);
  // training (configs/catalog/workloads.toml): mean 1.0, checkpoints of 3.24 s every 30 min at
  // u = 0, communication 25 % of each iteration at a 38.0 % dip. Iteration mean 1/(1 − 3.24/1800)
  // = 1.0018032; compute phase u_hi = 1.0018032 / (1 − 0.25 × 0.380) = 1.0018032 / 0.905 =
  // 1.1069649.
  const double u_hi = (1.0 / (1.0 - 3.24 / 1800.0)) / (1.0 - 0.25 * 0.380);
  CHECK(u_hi == Approx(1.1069649).epsilon(1e-7));
  CHECK(peak_utilization(*training) == Approx(u_hi).epsilon(1e-12));
  // inference: m·(1 + A)·max(1, weekend) = 0.6 × 1.25 × max(1, 0.85) = 0.75.
  CHECK(peak_utilization(*inference) == Approx(0.6 * 1.25 * 1.0).epsilon(1e-12));
  // mixed: half of each, 0.5 × 1.1069649 + 0.5 × 0.75 = 0.9284825.
  CHECK(peak_utilization(*mixed) == Approx(0.5 * u_hi + 0.5 * 0.75).epsilon(1e-12));
  // A cap below the compute phase clips it (1.05 as a utilization).
  CHECK(peak_utilization(*training, 1.05) == Approx(1.05).epsilon(1e-12));
  // The highest 1 s step mean of a window never exceeds it (one job of 16,384 GPUs: every
  // step is in a compute phase, a communication dip or a checkpoint).
  const Clock c = clock_of(1.0, 3600, 14.0 * 3600.0);
  ArrayXd u(3600);
  dcload::detail::workload_utilization(*training, c, 16384, 1, u);
  CHECK(u.maxCoeff() <= u_hi * (1 + 1e-12));
  CHECK(u.maxCoeff() == Approx(u_hi).epsilon(1e-9));  // a whole 1 s step inside a compute phase
  // The cluster's peak node power (the design IT of engine/design): 60,000 H100 SXM, 7,500
  // nodes at idle 1,584 W + (7,752 − 1,584) W × u_hi = 7,500 × 8,411.76 W = 63.088 MW.
  const dcload::Site s = dcload::testing::single_hall_site();
  CHECK(dcload::detail::cluster_peak_node_power_w(s.clusters[0]) ==
        Approx(7500.0 * (1584.0 + 6168.0 * u_hi)).epsilon(1e-9));
}
