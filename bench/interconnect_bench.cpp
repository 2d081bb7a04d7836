// The interconnection analyses (bench/README.md, "Interconnection"): capacity --flex on the Ulsan
// campus (a bisection of whole hourly runs per curve point), outage survival of its backup
// (REopt's Markov chain over 8,760 start hours × 96 h, plus the fuel and set-count searches),
// and the data pack of the four regions.
#include <benchmark/benchmark.h>

#include "dcload/dcload.hpp"

namespace {

void BM_FlexUlsan(benchmark::State& state) {
  const dcload::Site site = dcload::default_site({"flex.curtailable_share=25%"});
  for (auto _ : state) {
    const dcload::FlexResult f = dcload::find_flex_capacity(site);
    benchmark::DoNotOptimize(f.trials);
  }
}
BENCHMARK(BM_FlexUlsan)->Unit(benchmark::kMillisecond);

void BM_OutageUlsan(benchmark::State& state) {
  const dcload::Site site = dcload::default_site();
  for (auto _ : state) {
    const dcload::SiteOutage s = dcload::site_outage(site);
    benchmark::DoNotOptimize(s.survival_at_target);
  }
}
BENCHMARK(BM_OutageUlsan)->Unit(benchmark::kMillisecond);

void BM_OutageHaenam1GW(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/regions/haenam.toml");
  for (auto _ : state) {
    const dcload::SiteOutage s = dcload::site_outage(site);
    benchmark::DoNotOptimize(s.survival_at_target);
  }
}
BENCHMARK(BM_OutageHaenam1GW)->Unit(benchmark::kMillisecond);

void BM_DatapackRegions(benchmark::State& state) {
  std::vector<dcload::Site> sites;
  for (const char* f : {"capital", "gangwon", "haenam", "ulsan_lng"})
    sites.push_back(dcload::load_site(std::string(DCLOAD_SOURCE_DIR "/configs/regions/") + f + ".toml"));
  for (auto _ : state) {
    std::vector<dcload::InterconnectionPack> packs;
    for (const auto& s : sites) packs.push_back(dcload::interconnection_pack(s));
    benchmark::DoNotOptimize(packs.size());
  }
}
BENCHMARK(BM_DatapackRegions)->Unit(benchmark::kMillisecond);

}  // namespace
