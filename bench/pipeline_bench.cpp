// Whole-run benchmarks: an hourly year of configs/ulsan.toml with the weather loaded (target
// ≤ 0.5 ms; summary only ≤ 0.3 ms), a 1-second summary-only year (≤ 8 s, ≤ 300 MB), and the CLI
// end to end as a whole process (≤ 12 ms). Targets and figures: bench/README.md.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include "dcload/dcload.hpp"

extern char** environ;

namespace {

// Runs reuse one Workspace, as the runs of a sweep do (dcload/run.hpp); the *NoWorkspace
// variants let every run allocate its own storage (a single run in a fresh process).
void BM_UlsanHourlyYear(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  dcload::Workspace ws;
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, {.workspace = &ws});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_UlsanHourlyYear)->Unit(benchmark::kMillisecond);

void BM_UlsanHourlyYearNoWorkspace(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w);
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_UlsanHourlyYearNoWorkspace)->Unit(benchmark::kMillisecond);

// What `dcload.run(site)` / `dcload.run(site, channels=[])` call in Python: the weather loaded
// by the run itself, one Workspace per thread (engine/python/module.cpp). The Python module's
// overhead is bench/python_bench.py's median minus these (bench/README.md).
void BM_UlsanHourlyAsPython(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  dcload::Workspace ws;
  dcload::RunOptions o{.workspace = &ws};
  if (state.range(0) == 0) o.channels = {"none"};
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, o);
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
}
BENCHMARK(BM_UlsanHourlyAsPython)->ArgName("channels")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The same, summary only (RunOptions::channels {"none"}): what one site-year of a sweep costs.
void BM_UlsanHourlySummaryOnly(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  dcload::Workspace ws;
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, {.channels = {"none"}, .workspace = &ws});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_UlsanHourlySummaryOnly)->Unit(benchmark::kMillisecond);

void BM_UlsanHourlySummaryOnlyNoWorkspace(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, {.channels = {"none"}});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_UlsanHourlySummaryOnlyNoWorkspace)->Unit(benchmark::kMillisecond);

// The design stage alone: every component sized on the design basis (part of each run above).
void BM_DesignPlant(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  // A window of one hour: the run is dominated by the design it makes first.
  const dcload::RunOptions one_hour{.start = dcload::hours(4000.0), .duration = dcload::hours(1.0),
                                    .channels = {"none"}};
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, one_hour);
    benchmark::DoNotOptimize(r.summary.plant.size());
  }
}
BENCHMARK(BM_DesignPlant)->Unit(benchmark::kMicrosecond);

// A 1-second year of configs/ulsan.toml, summary only (31,536,000 steps in blocks of a day).
void BM_Ulsan1sYearSummaryOnly(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  for (auto _ : state) {
    dcload::RunResult r =
        dcload::run(site, w, {.timestep = dcload::seconds(1.0), .channels = {"none"}});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * 31'536'000);
}
BENCHMARK(BM_Ulsan1sYearSummaryOnly)->Unit(benchmark::kSecond)->Iterations(1);

void BM_UlsanMinuteYear(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w =
      dcload::resample(dcload::load_weather(site.weather), dcload::minutes(1.0));
  for (auto _ : state) {
    dcload::RunResult r = dcload::run(site, w, {.timestep = dcload::minutes(1.0)});
    benchmark::DoNotOptimize(r.summary.pue_annual);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.size()));
}
BENCHMARK(BM_UlsanMinuteYear)->Unit(benchmark::kMillisecond);

void BM_LoadSite(benchmark::State& state) {
  for (auto _ : state) {
    dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
    benchmark::DoNotOptimize(site.clusters.size());
  }
}
BENCHMARK(BM_LoadSite)->Unit(benchmark::kMicrosecond);

// `dcload run configs/ulsan.toml --json` as a whole process: start, parse, weather, run, print.
void BM_CliRunJson(benchmark::State& state) {
  const char* argv[] = {DCLOAD_CLI_PATH, "run", DCLOAD_SOURCE_DIR "/configs/ulsan.toml", "--json",
                        nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
      state.SkipWithError("cannot start dcload");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
      state.SkipWithError("dcload failed");
      break;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
}
BENCHMARK(BM_CliRunJson)->Unit(benchmark::kMillisecond)->UseRealTime();

// The capacity search on the loaded weather (library), and `dcload capacity configs/ulsan.toml
// --json` as a whole process (target ≤ 0.1 s).
void BM_FindCapacity(benchmark::State& state) {
  const dcload::Site site = dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  const dcload::Weather w = dcload::load_weather(site.weather);
  int trials = 0;
  for (auto _ : state) {
    const dcload::CapacityResult c = dcload::find_capacity(site, w);
    trials = c.trials;
    benchmark::DoNotOptimize(c.year.max_gpus);
  }
  state.counters["trials"] = trials;
}
BENCHMARK(BM_FindCapacity)->Unit(benchmark::kMillisecond);

void BM_CliCapacityJson(benchmark::State& state) {
  const char* argv[] = {DCLOAD_CLI_PATH, "capacity", DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                        "--json", nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
      state.SkipWithError("cannot start dcload");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("dcload capacity failed");
      break;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
}
BENCHMARK(BM_CliCapacityJson)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
