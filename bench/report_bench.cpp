// HTML report generation: dcload report of configs/ulsan.toml (an hourly year), the run with
// its digest and the page (target ≤ 100 ms for an hourly year, issue 16), beside the same run
// summary-only, so the page's own share is the difference; and the regions compare page from
// ready Summaries. Steps per second are the run's time steps.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dcload/dcload.hpp"

namespace {
const std::string kSrc = DCLOAD_SOURCE_DIR;

void BM_ReportUlsan(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(kSrc + "/configs/ulsan.toml");
  std::size_t bytes = 0;
  for (auto _ : state) {
    const dcload::SiteReport r = dcload::html_site_report(site);
    bytes = r.html.size();
    benchmark::DoNotOptimize(r.html.data());
  }
  state.SetItemsProcessed(state.iterations() * 8760);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_ReportUlsan)->Unit(benchmark::kMillisecond);

void BM_ReportUlsanRunOnly(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(kSrc + "/configs/ulsan.toml");
  for (auto _ : state) {
    const dcload::RunResult r = dcload::run(site, {.channels = {"none"}});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * 8760);
}
BENCHMARK(BM_ReportUlsanRunOnly)->Unit(benchmark::kMillisecond);

void BM_ReportCompareRegions(benchmark::State& state) {
  std::vector<dcload::Summary> runs;
  for (const char* f : {"capital", "gangwon", "haenam", "ulsan_lng"})
    runs.push_back(dcload::run(dcload::load_site(kSrc + "/configs/regions/" + f + ".toml"),
                               {.channels = {"none"}})
                       .summary);
  for (auto _ : state) {
    const std::string html = dcload::html_compare_report(runs);
    benchmark::DoNotOptimize(html.data());
  }
}
BENCHMARK(BM_ReportCompareRegions)->Unit(benchmark::kMillisecond);

}  // namespace
