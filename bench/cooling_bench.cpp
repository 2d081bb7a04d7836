// Cooling stage alone over an hourly and a one-minute year of Ulsan weather, per technology
// (air + towers; liquid 32 °C + towers; immersion + dry coolers; and the chiller, tower and
// adiabatic variants below). Speed is measured here, never asserted in tests.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dcload/dcload.hpp"
#include "stages.hpp"

namespace {

void run_cooling(benchmark::State& state, const char* technology, const char* rejection,
                 double step_minutes, std::vector<std::string> extra = {}) {
  extra.push_back(std::string("cooling.technology=") + technology);
  extra.push_back(std::string("cooling.heat_rejection=") + rejection);
  // A one-hall campus (the built-in site's weather and plant; its hall technology set here).
  const dcload::Site site = dcload::load_site_from_string(
      "weather = \"builtin:ulsan\"\n[[cluster]]\nname = \"c\"\naccelerator = \"H100 SXM\"\n"
      "count = 60000\n[electrical]\ntransformer_rating = \"75 MVA\"\ntransformer_count = 3\n"
      "[grid]\nconnection = \"150 MVA\"\n[[supply]]\ntype = \"grid\"\n",
      "bench.toml", extra);
  dcload::Weather hourly = dcload::load_weather(site.weather);
  dcload::Weather w = hourly;
  if (step_minutes < 60.0) w = dcload::resample(hourly, dcload::minutes(step_minutes));
  // 60 MW of room heat, 94 % of it on the liquid loop (ignored by "air"); the plant sized for it.
  const bool liquid_hall = site.halls[0].has_liquid_loop();
  const dcload::detail::PlantDesign d =
      dcload::detail::design_plant_for(site, hourly, {60e6}, {liquid_hall ? 0.94 * 60e6 : 0.0});
  const std::vector<dcload::detail::Series> indoor{dcload::detail::Series(w.size(), 60e6)},
      liquid{dcload::detail::Series(w.size(), liquid_hall ? 0.94 * 60e6 : 0.0)};
  for (auto _ : state) {
    dcload::detail::CoolingSeries c = dcload::detail::compute_cooling(site, d, w, indoor, liquid);
    benchmark::DoNotOptimize(c.total_w.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}

void BM_CoolingAirTowerHourly(benchmark::State& s) { run_cooling(s, "air", "tower", 60.0); }
void BM_CoolingLiquidTowerHourly(benchmark::State& s) { run_cooling(s, "liquid", "tower", 60.0); }
void BM_CoolingImmersionDryHourly(benchmark::State& s) {
  run_cooling(s, "immersion", "dry_cooler", 60.0);
}
void BM_CoolingLiquidTowerMinute(benchmark::State& s) { run_cooling(s, "liquid", "tower", 1.0); }
// Chiller and tower models of the cooling issue: YorkCalc tower approach, DOE-2 EIR curves,
// air-cooled EIR curves, adiabatic dry coolers, air-side economizer.
void BM_CoolingAirTowerYorkCalcHourly(benchmark::State& s) {
  run_cooling(s, "air", "tower", 60.0, {"cooling.tower_model=yorkcalc"});
}
void BM_CoolingAirTowerDoe2Hourly(benchmark::State& s) {
  run_cooling(s, "air", "tower", 60.0, {"cooling.chiller_model=doe2_centrifugal"});
}
void BM_CoolingAirTowerLeiMasanetHourly(benchmark::State& s) {
  run_cooling(s, "air", "tower", 60.0, {"cooling.chiller_model=lei_masanet"});
}
void BM_CoolingAirAirCooledHourly(benchmark::State& s) {
  run_cooling(s, "air", "dry_cooler", 60.0,
              {"cooling.chiller_model=carrier_30rb390", "cooling.chiller_type=air_cooled"});
}
void BM_CoolingAirEconomizerHourly(benchmark::State& s) {
  run_cooling(s, "air", "tower", 60.0, {"cooling.air_economizer=true"});
}
void BM_CoolingLiquidAdiabaticHourly(benchmark::State& s) {
  run_cooling(s, "liquid", "adiabatic", 60.0);
}
// The cold source: LNG-terminal seawater after the towers, each step also evaluated on the plant
// without it (the savings' reference), so about twice the plant's work.
void BM_CoolingLiquidTowerColdSourceHourly(benchmark::State& s) {
  run_cooling(s, "liquid", "tower", 60.0,
              {"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=10000 t/h"});
}
BENCHMARK(BM_CoolingLiquidTowerColdSourceHourly)->Unit(benchmark::kMicrosecond);
// Plants as run: towers holding a condenser set point (the YorkCalc approach solved for the fans'
// air flow every hour by bisection), constant pumps, a DX hall.
void BM_CoolingLiquidTowerSetpointHourly(benchmark::State& s) {
  run_cooling(s, "liquid", "tower", 60.0, {"cooling.tower_fan_control=variable"});
}
BENCHMARK(BM_CoolingLiquidTowerSetpointHourly)->Unit(benchmark::kMicrosecond);
void BM_CoolingLiquidTowerConstantPumpsHourly(benchmark::State& s) {
  run_cooling(s, "liquid", "tower", 60.0,
              {"cooling.chilled_water_pump_control=constant",
               "cooling.condenser_water_pump_control=constant",
               "cooling.facility_water_pump_control=constant"});
}
BENCHMARK(BM_CoolingLiquidTowerConstantPumpsHourly)->Unit(benchmark::kMicrosecond);
void BM_CoolingDxHourly(benchmark::State& s) { run_cooling(s, "dx", "tower", 60.0); }
BENCHMARK(BM_CoolingDxHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirTowerYorkCalcHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirTowerDoe2Hourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirTowerLeiMasanetHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirAirCooledHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingLiquidAdiabaticHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirEconomizerHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingAirTowerHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingLiquidTowerHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingImmersionDryHourly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoolingLiquidTowerMinute)->Unit(benchmark::kMillisecond);

}  // namespace
