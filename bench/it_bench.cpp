// IT benchmarks: the workload kernel alone, a 10-minute window at 1 s through the whole
// pipeline (target ≤ 10 ms, IT issue), and a 1-minute year of the 1 GW campus (the last year of
// configs/ulsan_1gw.toml; target ≤ 0.3 s and ≤ 1 GB).
#include <benchmark/benchmark.h>

#include <string>

#include "dcload/dcload.hpp"
#include "it/workload.hpp"

namespace {

void BM_TrainingUtilization(benchmark::State& state) {
  const dcload::Site site = dcload::default_site();
  dcload::detail::Clock clock;
  clock.dt_s = 1.0;
  clock.steps = state.range(0);
  clock.hour_mid = dcload::detail::ArrayXd::Zero(clock.steps);
  dcload::detail::ArrayXd u(clock.steps);
  for (auto _ : state) {
    dcload::detail::workload_utilization(site.clusters[0].workload, clock, 60000.0, 1, u);
    benchmark::DoNotOptimize(u.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TrainingUtilization)->Arg(600)->Arg(86400)->Unit(benchmark::kMicrosecond);

void BM_PowerCurve(benchmark::State& state) {
  // A year of 1-minute utilization through a utilization → power curve: 0 linear (no work
  // beyond the copy of the input), 1 square, 2 the 11-point SPECpower table (piecewise-linear
  // lookup per step).
  const char* curves[] = {"linear", "square", "table:specpower_ibm_x3550_m3"};
  const dcload::Site site = dcload::default_site(
      {std::string("cluster[0].power_curve=") + curves[state.range(0)]});
  const dcload::ClusterSpec& c = site.clusters[0];
  const dcload::detail::ArrayXd u0 = dcload::detail::ArrayXd::LinSpaced(525600, 0.0, 1.1);
  dcload::detail::ArrayXd u(525600);
  for (auto _ : state) {
    u = u0;  // the copy is timed too: Arg 0 (linear) measures the copy alone
    dcload::detail::apply_power_curve(c.power_curve, c.power_curve_table, u);
    benchmark::DoNotOptimize(u.data());
  }
  state.SetItemsProcessed(state.iterations() * 525600);
}
BENCHMARK(BM_PowerCurve)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

void BM_Window1s10min(benchmark::State& state) {
  const dcload::Site site = dcload::default_site();
  const dcload::Weather w = dcload::load_weather(site.weather);
  const dcload::RunOptions o{.timestep = dcload::seconds(1.0),
                             .start = dcload::seconds((195.0 * 24.0 + 14.0) * 3600.0),
                             .duration = dcload::minutes(10.0)};
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, o);
    benchmark::DoNotOptimize(r.summary.max_ramp_per_s);
  }
  state.SetItemsProcessed(state.iterations() * 600);
}
BENCHMARK(BM_Window1s10min)->Unit(benchmark::kMillisecond);

void BM_GigawattMinuteYear(benchmark::State& state) {
  // The last year of configs/ulsan_1gw.toml: 528,000 accelerators, 0.77 GW IT.
  const dcload::Site site =
      dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml").built_by(2032);
  const dcload::Weather w = dcload::load_weather(site.weather);
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, {.timestep = dcload::minutes(1.0)});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * 525600);
}
BENCHMARK(BM_GigawattMinuteYear)->Unit(benchmark::kMillisecond);

}  // namespace
