// Weather stage benchmarks: reading an EPW year, synthesizing a built-in year, resampling.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <vector>
#include <string>

#include "dcload/weather.hpp"
#include "weather/psychro.hpp"

namespace {

const std::filesystem::path kSeoulEpw =
    std::filesystem::path(DCLOAD_EPW_DIR) / "KOR_Seoul.epw";

void BM_ReadEpw(benchmark::State& state) {
  if (!std::filesystem::exists(kSeoulEpw)) {
    state.SkipWithError(("TMYx EPW file absent (set DCLOAD_EPW_DIR): " + kSeoulEpw.string()).c_str());
    return;
  }
  std::size_t steps = 0;
  for (auto _ : state) {
    dcload::Weather w = dcload::read_epw(kSeoulEpw);
    benchmark::DoNotOptimize(w.wet_bulb_c.data());
    steps += w.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(steps));
}
BENCHMARK(BM_ReadEpw)->Unit(benchmark::kMillisecond);

void BM_SynthesizeBuiltin(benchmark::State& state, const std::string& station) {
  dcload::synthesize_builtin(station);  // parse the embedded catalog outside the timed loop
  std::size_t steps = 0;
  for (auto _ : state) {
    dcload::Weather w = dcload::synthesize_builtin(station);
    benchmark::DoNotOptimize(w.wet_bulb_c.data());
    steps += w.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(steps));
}
BENCHMARK_CAPTURE(BM_SynthesizeBuiltin, ulsan, std::string("ulsan"))
    ->Unit(benchmark::kMillisecond);

// Thermodynamic wet-bulb of the 8,760 hourly states of the Ulsan built-in year (the series
// kernel the readers use, warm-started from the previous hour).
void BM_WetBulb8760(benchmark::State& state) {
  const dcload::Weather w = dcload::synthesize_builtin("ulsan");
  std::vector<double> out(w.size());
  for (auto _ : state) {
    dcload::weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.size()));
}
BENCHMARK(BM_WetBulb8760)->Unit(benchmark::kMillisecond);

void BM_Resample(benchmark::State& state) {
  const dcload::Weather hourly = dcload::synthesize_builtin("ulsan");
  const double step_s = static_cast<double>(state.range(0));
  std::size_t steps = 0;
  for (auto _ : state) {
    dcload::Weather w = dcload::resample(hourly, dcload::seconds(step_s));
    benchmark::DoNotOptimize(w.dry_bulb_c.data());
    steps += w.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(steps));
}
BENCHMARK(BM_Resample)->Arg(900)->Arg(60)->Unit(benchmark::kMillisecond);

}  // namespace
