// Sweep throughput: a summary-only Latin-hypercube sweep of configs/ulsan.toml (GPU power and
// chilled-water temperature varied) on 1 and 2 threads, in site-years per second (target
// ≥ 4,000 on 2 cores; bench/README.md). Each site-year includes what a sweep adds to a run:
// the site read from its parsed tree with the scenario's overrides.
#include <benchmark/benchmark.h>

#include "dcload/sweep.hpp"

namespace {

void BM_SweepUlsan(benchmark::State& state) {
  const dcload::SweepSpec spec = dcload::load_sweep_from_string(
      "base = \"configs/ulsan.toml\"\n"
      "outputs = [\"pue_annual\", \"peak_facility_mw\", \"cost_per_it_mwh_usd\"]\n"
      "[sample]\nmethod = \"lhs\"\nn = 64\nseed = 1\n"
      "[[vary]]\nkey = [\"cluster[0].power_scale\", \"cluster[1].power_scale\"]\n"
      "distribution = \"triangular\"\nmin = 0.9\nmode = 1.0\nmax = 1.1\n"
      "[[vary]]\nkey = \"cooling.chilled_water_supply\"\ndistribution = \"uniform\"\n"
      "min = \"16 °C\"\nmax = \"24 °C\"\n",
      "bench.toml", DCLOAD_SOURCE_DIR);
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const dcload::SweepResult r = dcload::sweep(spec, {.threads = threads});
    benchmark::DoNotOptimize(r.stats.front().mean);
  }
  // Items: site-years (the rate Google Benchmark prints is site-years per second).
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(spec.scenario_count()));
}
BENCHMARK(BM_SweepUlsan)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
