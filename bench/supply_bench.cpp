// Supply benchmarks: a PV year (8760 hourly steps) from loaded weather, sun position included
// (target ≤ 1 ms; pvlib's PVWatts chain takes about 17 ms for the same year, issue #8), and
// the dispatch of a year (target ≤ 0.5 ms).
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "dcload/dcload.hpp"
#include "supply/dispatch.hpp"
#include "supply/solar.hpp"

namespace {

void BM_PvYearSeoul(benchmark::State& state) {
  const std::filesystem::path f = DCLOAD_SHARED_DIR "/weather/KOR_Seoul.epw";
  if (!std::filesystem::exists(f)) {
    state.SkipWithError("shared weather folder absent");
    return;
  }
  const dcload::Weather w = dcload::read_epw(f);
  dcload::detail::PvSystem pv;
  std::vector<double> ac_w;
  for (auto _ : state) {
    dcload::detail::pv_ac_power(pv, w, ac_w);
    benchmark::DoNotOptimize(ac_w.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_PvYearSeoul)->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// Dispatch of an hourly year: 8760 steps of demand against a PV-shaped renewable profile,
// a battery, two CCGT units and a grid connection (target ≤ 0.5 ms, issue #8).
void BM_DispatchYear(benchmark::State& state) {
  std::vector<double> demand(8760), re(8760);
  for (size_t k = 0; k < demand.size(); ++k) {
    const double h = static_cast<double>(k % 24) + 0.5;
    demand[k] = 1e9 * (1 + 0.1 * std::cos(2 * 3.141592653589793 * (h - 14) / 24));
    re[k] = (h > 6 && h < 18) ? 1.5e9 * std::sin(3.141592653589793 * (h - 6) / 12) : 0.0;
  }
  dcload::detail::DispatchInput in;
  in.demand_w = &demand;
  in.renewable_w = &re;
  in.grid_import_limit_w = 3e8;
  in.battery = {.power_w = 5e8, .energy_j = 2e9 * 3600};
  in.ccgt = {.units = 2, .unit_capacity_w = 6e8, .ramp_w_per_s = 5e5};
  dcload::detail::DispatchSeries d;
  for (auto _ : state) {
    dcload::detail::dispatch(in, d);
    benchmark::DoNotOptimize(d.unserved_w.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(demand.size()));
}
BENCHMARK(BM_DispatchYear)->Unit(benchmark::kMicrosecond);

}  // namespace
