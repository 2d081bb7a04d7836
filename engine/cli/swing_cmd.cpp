// `dcload swing`: the sub-second swing analysis of a site (include/dcload/swing.hpp).
#include "cli/swing_cmd.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/args.hpp"
#include "config/quantity.hpp"
#include "dcload/error.hpp"
#include "dcload/output.hpp"
#include "dcload/report.hpp"
#include "dcload/swing.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kHelp = R"(Usage: dcload swing [SITE.toml] [options]

Training swings the grid can live with. A sub-second window of the site ([swing]: from 07-15
14:00, 10 min at 0.1 s unless set) is checked against the utility's mask ([grid.limits]: ramp
MW/s, dynamic range, the share and RMS of the fluctuation in the critical band 0.1–20 Hz and
the inter-area band 0.1–1 Hz, a declared mode); then the grid draw after each smoothing layer
of [smoothing] (GPU floor and ramp-down, rack PSU storage, UPS battery, site BESS,
supercapacitors), the cheapest stack that meets the mask (an exhaustive search over a stated
grid of sizes), iteration periods inside a declared mode and the largest accelerator count it
tolerates, the ride-through of a voltage-dip sequence ([ride_through]; default the 2024-07-10
Eastern Interconnection event: six dips within 82 s) under the site's UPS transfer logic and a
compared one, and whether an on-site lng_ccgt plant holds the frequency islanded.
Exit 0 when the site's own stack meets the mask, the site's UPS logic keeps the load on the
grid and an islanded plant follows; 1 otherwise.

Options:
  --json                 JSON (every layer's metrics, the stack, the timelines)
  --set KEY=VALUE        override a site key (repeatable)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --start "MM-DD HH:MM"  window start (swing.start)
  --duration D           window length, e.g. "10 min" (swing.duration)
  --timestep T           step, at most 1 s, e.g. "0.1 s" (swing.timestep)
  --no-search            skip the least-cost stack search
  --out DIR              also write DIR/swing.json, DIR/grid_draw.csv (the draw after each
                         layer, MW) and DIR/spectrum.csv (power per frequency bin, MW²),
                         together or not at all
  --report FILE          also write a self-contained HTML page (the draw before and after each
                         layer, the spectrum, the stack, the ride-through timelines)
  -h, --help             this help
)";

Duration duration_option(const Args& a, const std::string& name) {
  const std::string v = a.value(name);
  if (v.empty()) return seconds(0.0);
  try {
    return seconds(detail::parse_quantity(v, detail::Dimension::kDuration).value_si);
  } catch (const detail::QuantityError& e) {
    throw UsageError(name + " \"" + v + "\": " + e.what());
  }
}

}  // namespace

int cmd_swing(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help", "--no-search"},
                            {"--set", "--weather", "--out", "--start", "--duration", "--timestep",
                             "--report"});
  if (a.flag("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (a.positional.size() > 1) throw UsageError("swing takes one site file");
  SwingOptions o;
  o.timestep = duration_option(a, "--timestep");
  o.duration = duration_option(a, "--duration");
  o.start = a.value("--start");
  if (!o.start.empty()) {
    try {
      (void)parse_year_time(o.start);
    } catch (const ConfigError& e) {
      throw UsageError("--start " + e.message());
    }
  }
  if (in_si(o.timestep) > 1.0 + 1e-12) throw UsageError("--timestep: at most 1 s for swings");
  o.search = !a.flag("--no-search");
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) check_report_path(report_path);  // before any run
  std::string w = a.value("--weather");
  if (!w.empty() && w.rfind("builtin:", 0) != 0 && std::filesystem::exists(w))
    w = std::filesystem::absolute(w).string();
  o.weather_override = w;
  const Site site = a.positional.empty() ? default_site(a.all("--set"))
                                         : load_site(a.positional[0], a.all("--set"));
  std::optional<OutputFolder> folder;
  if (const std::string out = a.value("--out"); !out.empty()) folder.emplace(out);
  const SwingResult r = swing(site, o);
  if (!report_path.empty()) {
    write_report_file(report_path, html_swing_report(r, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (folder) {
    write_text(*folder, "swing.json", to_json(r));
    write_text(*folder, "grid_draw.csv", swing_series_csv(r));
    write_text(*folder, "spectrum.csv", swing_spectrum_csv(r));
    folder->commit();
    std::fprintf(stderr, "dcload: wrote %s/{swing.json,grid_draw.csv,spectrum.csv}\n",
                 folder->dir().c_str());
  }
  std::cout << (a.flag("--json") ? to_json(r) : swing_report(r));
  return r.compliant() ? 0 : 1;
}

}  // namespace dcload::cli
