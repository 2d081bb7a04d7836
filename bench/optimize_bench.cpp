// The supply linear program (`dcload optimize`): one region's full year with its extendable
// sources, and a 0–100 % carbon-free curve of it (warm-started target by target). Targets
// (../README.md "Speed"): ≤ 10 s per region-year on one core; four regions' curves ≤ 2 min on
// two cores. The LP size is reported as counters.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dcload/dcload.hpp"

namespace {

const std::string kRegions = std::string(DCLOAD_SOURCE_DIR) + "/configs/regions/";

void BM_OptimizeRegion(benchmark::State& state, const char* file, double cfe) {
  const dcload::Site site = dcload::load_site(kRegions + file);
  dcload::OptimizeResult r;
  for (auto _ : state) {
    r = dcload::optimize(site, {.cfe_target = cfe, .simulate = false});
    benchmark::DoNotOptimize(r.cost_usd);
  }
  state.counters["rows"] = r.rows;
  state.counters["columns"] = r.columns;
  state.counters["nonzeros"] = static_cast<double>(r.nonzeros);
  state.counters["solve_s"] = r.solve_seconds;
  state.SetLabel(r.status);
}
BENCHMARK_CAPTURE(BM_OptimizeRegion, haenam_cfe90, "haenam.toml", 0.9)
    ->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_OptimizeRegion, ulsan_lng_cfe0, "ulsan_lng.toml", 0.0)
    ->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);

void BM_OptimizeCurve(benchmark::State& state, const char* file) {
  const dcload::Site site = dcload::load_site(kRegions + file);
  std::vector<double> targets;
  for (int k = 0; k <= 10; ++k) targets.push_back(k / 10.0);
  for (auto _ : state) {
    auto rs = dcload::optimize_curve(site, targets, {.simulate = false});
    benchmark::DoNotOptimize(rs.data());
  }
}
BENCHMARK_CAPTURE(BM_OptimizeCurve, haenam, "haenam.toml")
    ->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(1);

}  // namespace
