// The `dcload` command. Exit codes: 0 ok, 1 the run finished with a non-ok status, 2 usage or
// input error (the message names file, line, column and key).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <filesystem>
#include <iostream>

#include "cli/args.hpp"
#include "cli/capacity_cmd.hpp"
#include "cli/optimize_cmd.hpp"
#include "cli/catalog_cmd.hpp"
#include "cli/progress.hpp"
#include "cli/supply_cmd.hpp"
#include "cli/swing_cmd.hpp"
#include "cli/sweep_cmd.hpp"
#include "cli/weather_cmd.hpp"
#include "dcload/dcload.hpp"
#include "config/quantity.hpp"
#include "config/reader.hpp"

namespace {

constexpr const char* kMainHelp = R"(dcload — power, cooling and grid headroom of AI data-center campuses

Usage:
  dcload run [SITE.toml] [options]   run a site over its weather year (default: the built-in
                                     configs/ulsan.toml) and print the summary
  dcload report [SITE.toml] [--out FILE] [--set ...] [--weather ...]
                                     run a site and write a self-contained HTML report
                                     (charts, tables, inputs as resolved; opens offline)
  dcload capacity [SITE.toml] [--json] [--flex]
                                     the largest IT load (and GPU count) that fits the grid
                                     connection, normal and N-1, year and design day; --flex:
                                     what shedding IT in the binding hours adds
  dcload outage [SITE.toml] [--json]  the chance the backup (generators, battery) carries the
                                     campus through a grid outage of 1-96 h, REopt's method
  dcload datapack SITE.toml... [--json]
                                     the large-load interconnection data pack: peak MW/MVA,
                                     ramps, backup, flexibility, energization schedule
  dcload kgia SITE.toml... [--json]  a pre-screen for Korea's grid impact assessment
                                     (전력계통영향평가): the quantities filed, items and points
  dcload swing [SITE.toml] [--json]  sub-second training swings against the utility's mask,
                                     the smoothing layers and the cheapest stack, ride-through
                                     of a voltage-dip sequence, an islanded LNG plant
  dcload validate SITE.toml [--set KEY=VALUE]...
                                     check a site file; print the resolved summary of inputs
  dcload keys [--summary]            list every site-file key (or Summary JSON key)
  dcload catalog accelerators [--json]
                                     list the accelerator catalog with sources
  dcload pv --weather SOURCE [--tilt A] [--azimuth A] [--dc P] [--dc-ac-ratio X] [--losses F]
                                     annual and monthly AC energy of a fixed-tilt PV array
  dcload compare SITE.toml... [--set KEY=VALUE]... [--weather SOURCE] [--json] [--out DIR]
                                     run several sites in parallel, print them side by side
  dcload optimize SITE.toml [--cfe F] [--co2-cap M] [--cfe-curve A:B:STEP] [--json] [--out DIR]
                                     the least-cost supply of the site's extendable sources
                                     (an LP over 8,760 hours on COIN-OR CLP), then simulated
  dcload compare --optimize SITE.toml... [--cfe F] [--cfe-curve A:B:STEP]
                                     every site its own least-cost supply, side by side
  dcload sweep SWEEP.toml [--threads N] [--out DIR] [--json]
                                     thousands of scenarios (grid, Monte Carlo, Latin
                                     hypercube, Sobol' indices) on every core; under mpirun
                                     across machines
  dcload weather SOURCE [--json]     monthly means, extremes, design conditions and wet-bulb
                                     hours of builtin:NAME, a station name or an EPW/CSV file
  dcload psychro --dry-bulb T --rh RH [--pressure P | --elevation Z] [--json]
                                     ASHRAE moist-air state of one point
  dcload --help | --version

Run 'dcload COMMAND --help' for the options of a command.
Exit codes: 0 ok, 1 finished with a non-ok status (e.g. demand over the grid connection),
2 usage or input error.
)";

constexpr const char* kRunHelp = R"(Usage: dcload run [SITE.toml] [options]

Runs the site over its weather year and prints a summary table.

Options:
  --json                 print the Summary as JSON (stable keys, see README) instead of the table
  --out DIR              also write DIR/summary.json and DIR/timeseries.csv, streamed while the
                         run runs and put in place together when it ends (DIR must be new,
                         empty or an earlier dcload output; checked before the run)
  --set KEY=VALUE        override a site key, e.g. --set cluster[0].count=30000
                         --set "grid.connection=200 MVA" (repeatable)
  --weather SOURCE       builtin:NAME, a station name (ulsan) or a path to an EPW/CSV file
                         (replaces the site's weather)
  --timestep DURATION    step length that divides an hour, e.g. "15 min", "1 min", "1 s"
                         (default "1 h")
  --start "MM-DD HH:MM"  run a window of the year from this local standard time ...
  --duration DURATION    ... this long, e.g. --timestep "1 s" --start "07-15 14:00"
                         --duration "10 min" (default: the whole year)
  -h, --help             this help
)";

constexpr const char* kReportHelp = R"(Usage: dcload report [SITE.toml] [options]

Runs the site (as `dcload run`) and writes one self-contained HTML page: headline figures and
status, monthly energy by subsystem and PUE, a day × hour heat map of facility power, the
load-duration curve against the grid and N-1 capacities, headroom over the year, cooling modes
by month, the design day and the peak day, weekly supply stacks with the battery, build-out
years, the installed plant and every input as resolved (defaults marked, with sources). The file
needs no network (charts inlined) and is written whole or not at all. Steps finer than an hour
are drawn as hourly means with min/max envelopes.

Options:
  --out FILE             the page (default: SITE's name with .html, in the current folder;
                         report.html for the built-in site)
  --set KEY=VALUE        override a site key (repeatable)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --timestep, --start, --duration   as for `dcload run`
  -h, --help             this help
Exit codes: 0 ok, 1 the run's status is not ok (the page is still written), 2 bad input.
)";

constexpr const char* kValidateHelp = R"(Usage: dcload validate SITE.toml [--set KEY=VALUE]...

Checks everything `dcload run` would before its first step, without running it: keys, units,
ranges, catalog names, halls and the clusters in them, referenced files (extends, workload
traces, emission profiles) and the weather source (station name or file, header and records).
Prints "ok" and the main resolved values; on errors prints each as FILE:LINE:COL: message (up to
20 per file, in one pass) and exits 2.
)";

constexpr const char* kKeysHelp = R"(Usage: dcload keys [SECTION] [--markdown | --summary]

Lists every key a site file may contain (Markdown table, as in README's "Site file reference"),
from the one key table that drives the reader and --set. SECTION keeps one table or array of
tables: dcload keys cooling, dcload keys cluster, dcload keys flex, ...
--summary lists the keys of the Summary JSON instead.
)";

// The run options of `run` and `report`: --weather, --timestep, --start, --duration.
dcload::RunOptions run_options(const dcload::cli::Args& a) {
  using namespace dcload;
  RunOptions options;
  // A --weather path is relative to the current folder (a site file's own `weather` key is
  // relative to the site file).
  options.weather_override = a.value("--weather");
  if (!options.weather_override.empty() && options.weather_override.rfind("builtin:", 0) != 0)
    options.weather_override = std::filesystem::absolute(options.weather_override).string();
  if (const std::string ts = a.value("--timestep"); !ts.empty()) {
    try {
      options.timestep = seconds(detail::parse_quantity(ts, detail::Dimension::kDuration).value_si);
    } catch (const detail::QuantityError& e) {
      throw cli::UsageError(std::string("--timestep \"") + ts + "\": " + e.what());
    }
  }
  if (const std::string st = a.value("--start"); !st.empty()) {
    try {
      options.start = parse_year_time(st);
    } catch (const ConfigError& e) {
      throw cli::UsageError("--start " + e.message());
    }
  }
  if (const std::string du = a.value("--duration"); !du.empty()) {
    try {
      options.duration =
          seconds(detail::parse_quantity(du, detail::Dimension::kDuration).value_si);
    } catch (const detail::QuantityError& e) {
      throw cli::UsageError(std::string("--duration \"") + du + "\": " + e.what());
    }
  }
  if (const auto problems = options.validate(); !problems.empty())
    throw cli::UsageError("--timestep/--start/--duration: " + problems.front());
  return options;
}

int cmd_run(int argc, char** argv) {
  using namespace dcload;
  const cli::Args a = cli::parse_args(argc, argv, 2, {"--json", "--help"},
                                      {"--out", "--set", "--weather", "--timestep", "--start",
                                       "--duration"});
  if (a.flag("--help")) {
    std::cout << kRunHelp;
    return 0;
  }
  if (a.positional.size() > 1) throw cli::UsageError("run takes one site file");
  const Site site = a.positional.empty() ? default_site(a.all("--set"))
                                         : load_site(a.positional[0], a.all("--set"));
  RunOptions options = run_options(a);
  // Steps of the run (a window, or a 365-day year) for the progress bar and the output estimate.
  const double span_s = in_si(options.duration) > 0 ? in_si(options.duration) : 365.0 * 86400.0;
  const auto steps = static_cast<std::size_t>(std::llround(span_s / in_si(options.timestep)));
  // --out: the folder is checked (and its temporary made) before the run; the channels stream
  // into it block by block, so memory does not grow with the steps; summary.json and
  // timeseries.csv appear together when the run has finished (OutputFolder).
  std::optional<OutputFolder> folder;
  std::unique_ptr<ChannelSink> sink;
  if (const std::string out = a.value("--out"); !out.empty()) {
    const std::uintmax_t bytes = csv_size_estimate(steps, channel_names(site).size());
    folder.emplace(out, bytes);
    if (bytes > 1'000'000'000ull)
      std::fprintf(stderr, "dcload: %zu steps; timeseries.csv will be about %.1f GB\n", steps,
                   static_cast<double>(bytes) / 1e9);
    sink = csv_sink(folder->path("timeseries.csv"));
    options.sink = sink.get();
    options.keep_in_memory = false;
  } else {
    options.channels = {"none"};  // no time series written: keep none (summary only)
  }
  cli::ProgressBar bar(steps, "dcload run");
  options.progress = [&bar](double share) { bar.update(share); };
  const RunResult r = run(site, options);
  if (folder) {
    std::ofstream json(folder->path("summary.json"), std::ios::binary | std::ios::trunc);
    json << to_json(r.summary);
    json.flush();
    if (!json) throw ConfigError(folder->path("summary.json").string(), 0, 0, "", "writing failed (disk full?)");
    json.close();
    folder->commit();
  }
  if (a.flag("--json")) std::cout << to_json(r.summary);
  else std::cout << r.full();
  std::cout.flush();
  return r.status.ok() ? 0 : 1;
}

int cmd_report(int argc, char** argv) {
  using namespace dcload;
  const cli::Args a = cli::parse_args(argc, argv, 2, {"--help"},
                                      {"--out", "--set", "--weather", "--timestep", "--start",
                                       "--duration"});
  if (a.flag("--help")) {
    std::cout << kReportHelp;
    return 0;
  }
  if (a.positional.size() > 1) throw cli::UsageError("report takes one site file");
  std::string out = a.value("--out");
  if (out.empty())
    out = a.positional.empty() ? "report.html"
                               : std::filesystem::path(a.positional[0]).stem().string() + ".html";
  check_report_path(out);  // before the run
  const Site site = a.positional.empty() ? default_site(a.all("--set"))
                                         : load_site(a.positional[0], a.all("--set"));
  RunOptions options = run_options(a);
  const double span_s = in_si(options.duration) > 0 ? in_si(options.duration) : 365.0 * 86400.0;
  cli::ProgressBar bar(static_cast<std::size_t>(std::llround(span_s / in_si(options.timestep))),
                       "dcload report");
  options.progress = [&bar](double share) { bar.update(share); };
  const auto t0 = std::chrono::steady_clock::now();
  const SiteReport r = html_site_report(site, options, {cli::command_line(argc, argv)});
  write_report_file(out, r.html);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cout << r.result.brief() << '\n';
  std::printf("wrote %s (%.2f MB, run and page in %.0f ms)\n", out.c_str(),
              static_cast<double>(r.html.size()) / 1e6, ms);
  return r.result.status.ok() ? 0 : 1;
}

int cmd_validate(int argc, char** argv) {
  using namespace dcload;
  const cli::Args a = cli::parse_args(argc, argv, 2, {"--help"}, {"--set"});
  if (a.flag("--help")) {
    std::cout << kValidateHelp;
    return 0;
  }
  if (a.positional.size() != 1) throw cli::UsageError("validate takes one site file");
  // Every check run() makes before its first step (keys, units, ranges, catalog names, halls,
  // referenced CSVs, the weather source and its records), every error of the file in one pass.
  const std::vector<ConfigError> errors = validate_site_file(a.positional[0], a.all("--set"));
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << e.what() << '\n';
    if (errors.size() >= detail::kMaxReportedErrors)
      std::cerr << a.positional[0] << ": stopped after " << errors.size() << " errors\n";
    return 2;
  }
  const Site loaded = load_site(a.positional[0], a.all("--set"));
  // A phased site is shown as fully built (its last [[phase]] year).
  const Site site = loaded.phases.empty() ? loaded : loaded.built_by(loaded.phases.back().year);
  std::size_t gpus = 0;
  for (const auto& c : site.clusters) gpus += static_cast<std::size_t>(c.count);
  std::printf("ok: %s — %zu hall(s), %zu cluster(s), %zu accelerators, design IT %.1f MW, "
              "connection %.0f MVA, weather %s\n",
              site.name.c_str(), site.halls.size(), site.clusters.size(), gpus,
              in_megawatts(site.design_it_power()), in_megavolt_amperes(site.grid.connection),
              site.weather.c_str());
  for (const auto& note : site.notes) std::printf("note: %s\n", note.c_str());
  return 0;
}

int cmd_keys(int argc, char** argv) {
  const dcload::cli::Args a =
      dcload::cli::parse_args(argc, argv, 2, {"--markdown", "--summary", "--help"}, {});
  if (a.flag("--help")) {
    std::cout << kKeysHelp;
    return 0;
  }
  if (a.flag("--summary")) {
    if (!a.positional.empty()) throw dcload::cli::UsageError("keys --summary takes no SECTION");
    std::cout << dcload::summary_keys_markdown();
    return 0;
  }
  if (a.positional.size() > 1) throw dcload::cli::UsageError("keys takes at most one SECTION");
  if (a.positional.empty()) {
    std::cout << dcload::config_reference_markdown();
    return 0;
  }
  // One section: the keys under "SECTION." or "SECTION[]." (top-level keys: "top").
  const std::string section = a.positional[0];
  const auto section_of = [](const std::string& key) {
    const std::size_t cut = key.find_first_of(".[");
    return cut == std::string::npos ? std::string("top") : key.substr(0, cut);
  };
  std::string table, sections;
  for (const dcload::SiteKey& k : dcload::site_keys()) {
    const std::string sec = section_of(k.key);
    if (sections.find(" " + sec + ",") == std::string::npos) sections += " " + sec + ",";
    if (sec != section) continue;
    table += "| `" + k.key + "` | " + k.type + " | " + k.default_markdown + " | " + k.range + " | " +
             k.description + " | " + k.source + " |\n";
  }
  if (table.empty()) {
    sections.pop_back();
    throw dcload::cli::UsageError("keys: no section \"" + section + "\" (sections:" + sections + ")");
  }
  std::cout << "| key | type | default | range | description | source of default |\n"
               "|---|---|---|---|---|---|\n"
            << table;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::cerr << kMainHelp;
      return 2;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kMainHelp;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "dcload " << dcload::kVersion << '\n';
      return 0;
    }
    if (cmd == "run") return cmd_run(argc, argv);
    if (cmd == "validate") return cmd_validate(argc, argv);
    if (cmd == "report") return cmd_report(argc, argv);
    if (cmd == "capacity") return dcload::cli::cmd_capacity(argc, argv);
    if (cmd == "outage") return dcload::cli::cmd_outage(argc, argv);
    if (cmd == "datapack") return dcload::cli::cmd_datapack(argc, argv);
    if (cmd == "kgia") return dcload::cli::cmd_kgia(argc, argv);
    if (cmd == "swing") return dcload::cli::cmd_swing(argc, argv);
    if (cmd == "keys") return cmd_keys(argc, argv);
    if (cmd == "catalog") return dcload::cli::cmd_catalog(argc, argv);
    if (cmd == "pv") return dcload::cli::cmd_pv(argc, argv);
    if (cmd == "compare") {
      for (int i = 2; i < argc; ++i)
        if (std::string_view(argv[i]) == "--optimize") return dcload::cli::cmd_compare_optimize(argc, argv);
      return dcload::cli::cmd_compare(argc, argv);
    }
    if (cmd == "optimize") return dcload::cli::cmd_optimize(argc, argv);
    if (cmd == "sweep") return dcload::cli::cmd_sweep(argc, argv);
    if (cmd == "weather") return dcload::cli::cmd_weather(argc, argv);
    if (cmd == "psychro") return dcload::cli::cmd_psychro(argc, argv);
    throw dcload::cli::UsageError("unknown command \"" + cmd +
                                  "\" (run, report, capacity, outage, datapack, kgia, swing, validate, keys, catalog, pv, compare, optimize, sweep, weather, psychro)");
  } catch (const dcload::cli::UsageError& e) {
    std::cerr << "dcload: " << e.what() << "\nRun 'dcload --help' for usage.\n";
    return 2;
  } catch (const dcload::ConfigError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "dcload: internal error: " << e.what() << '\n';
    return 2;
  }
}
