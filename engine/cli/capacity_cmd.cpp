// `dcload capacity`: the largest campus that fits the grid connection.
#include "cli/capacity_cmd.hpp"

#include <filesystem>
#include <iostream>

#include "cli/args.hpp"
#include <cstdio>

#include "dcload/capacity.hpp"
#include "dcload/report.hpp"

namespace dcload::cli {
namespace {
constexpr const char* kHelp = R"(Usage: dcload capacity [SITE.toml] [options]

Finds, by root-finding over whole-year runs, the largest campus (the site's clusters scaled
together) whose facility demand stays within the grid capacity: under normal conditions and with
the largest circuit or transformer out (N-1), over the weather year and on the ASHRAE 0.4 %
design day. Reports max IT (MW) and the first cluster's accelerator count. On-site supply
([[supply]] LNG, solar, wind, battery) is not counted: the connection must carry the whole
campus when those sources are out (the headroom of `dcload run` counts them).

Options:
  --json                 JSON (max_it_mw_that_fits, max_gpus_that_fit, ..._n1, ..._design_day)
  --set KEY=VALUE        override a site key (repeatable)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --report FILE          also write a self-contained HTML page of the limits
  -h, --help             this help
)";
}  // namespace

int cmd_capacity(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {"--set", "--weather", "--report"});
  if (a.flag("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (a.positional.size() > 1) throw UsageError("capacity takes one site file");
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) check_report_path(report_path);  // before any run
  const Site site = a.positional.empty() ? default_site(a.all("--set"))
                                         : load_site(a.positional[0], a.all("--set"));
  RunOptions options;
  options.weather_override = a.value("--weather");
  if (!options.weather_override.empty() && options.weather_override.rfind("builtin:", 0) != 0 &&
      std::filesystem::exists(options.weather_override))
    options.weather_override = std::filesystem::absolute(options.weather_override).string();
  const CapacityResult r = find_capacity(site, options);
  if (!report_path.empty()) {
    RunOptions base_options = options;
    base_options.channels = {"none"};
    const RunResult base = run(site, base_options);
    write_report_file(report_path, html_capacity_report(r, base.summary, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  std::cout << (a.flag("--json") ? to_json(r) : capacity_report(r));
  return 0;
}

}  // namespace dcload::cli
