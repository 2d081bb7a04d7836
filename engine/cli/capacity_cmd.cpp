// `dcload capacity`: the largest campus that fits the grid connection.
#include "cli/capacity_cmd.hpp"

#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/args.hpp"
#include <cstdio>

#include "dcload/capacity.hpp"
#include "dcload/error.hpp"
#include "dcload/flex.hpp"
#include "dcload/report.hpp"
#include "dcload/resilience.hpp"
#include "dcload/interconnect.hpp"
#include "dcload/output.hpp"
#include "config/quantity.hpp"

namespace dcload::cli {
namespace {
// --weather: a file path relative to the current folder (a site file's own `weather` key is
// relative to the site file); builtin:NAME as given.
std::string weather_override(const Args& a) {
  std::string w = a.value("--weather");
  if (!w.empty() && w.rfind("builtin:", 0) != 0 && std::filesystem::exists(w))
    w = std::filesystem::absolute(w).string();
  return w;
}
}  // namespace
namespace {
constexpr const char* kHelp = R"(Usage: dcload capacity [SITE.toml] [options]

Finds, by root-finding over whole-year runs, the largest campus (the site's clusters scaled
together) whose facility demand stays within the grid capacity: under normal conditions and with
the largest circuit or transformer out (N-1), over the weather year and on the ASHRAE 0.4 %
design day. Reports max IT (MW) and the first cluster's accelerator count. On-site supply
([[supply]] LNG, solar, wind, battery) is not counted: the connection must carry the whole
campus when those sources are out (the headroom of `dcload run` counts them).

Options:
  --json                 JSON (max_it_mw, max_gpus, max_it_n1_mw, ..., max_it_design_day_mw)
  --set KEY=VALUE        override a site key (repeatable)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --flex                 also the flexibility analysis ([flex] in the site file; needs
                         flex.curtailable_share or a cluster[].curtailable_share > 0): IT that
                         fits the same connection when the campus sheds up to that share in the
                         hours it binds (grid.capacity_profile or grid.constrained_hours say
                         when the network is short), against the
                         curtailment allowed (0.1 … 5 % of the year's IT energy, and the site's
                         flex.max_energy_share), and each build-out step's earliest year on the
                         scheduled connection with and without it (JSON: a "flex" block)
  --report FILE          also write a self-contained HTML page of the limits (with --flex: of
                         the flexibility curve and the energization years)
  -h, --help             this help
)";
}  // namespace

int cmd_capacity(int argc, char** argv) {
  const Args a =
      parse_args(argc, argv, 2, {"--json", "--help", "--flex"}, {"--set", "--weather", "--report"});
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
  options.weather_override = weather_override(a);
  // --flex: refused before any run when the site offers no flexibility.
  if (a.flag("--flex") && !site.offers_flex())
    throw ConfigError(site.file.string(), 0, 0, "flex.curtailable_share",
                      "capacity --flex: the site offers no flexibility (flex.curtailable_share = "
                      "0 and no cluster[].curtailable_share > 0); give the share of IT power it "
                      "can shed, e.g. --set flex.curtailable_share=25%");
  const CapacityResult r = find_capacity(site, options);
  // Every analysis first; the page is written only when all of them succeeded.
  const std::optional<FlexResult> flex =
      a.flag("--flex") ? std::optional<FlexResult>(find_flex_capacity(site, options)) : std::nullopt;
  if (!report_path.empty()) {
    std::string html;
    if (flex) {
      html = html_flex_report(*flex, {command_line(argc, argv)});
    } else {
      RunOptions base_options = options;
      base_options.channels = {"none"};
      const RunResult base = run(site, base_options);
      html = html_capacity_report(r, base.summary, {command_line(argc, argv)});
    }
    write_report_file(report_path, html);
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (!flex) {
    std::cout << (a.flag("--json") ? to_json(r) : capacity_report(r));
    return 0;
  }
  const FlexResult& f = *flex;
  if (a.flag("--json")) {
    std::string json = to_json(r);
    json = json.substr(0, json.rfind("\n}")) + ",\n  \"flex\": " + to_json(f) + "\n}\n";
    std::cout << json;
  } else {
    std::cout << capacity_report(r) << flex_report(f);
  }
  return 0;
}

namespace {
constexpr const char* kOutageHelp = R"(Usage: dcload outage [SITE.toml] [options]

The chance that the site's backup carries its critical load through a grid outage of
1, 2, 4, 8, 12, 24, 48, 72 and 96 h, averaged over every start hour of the weather year, and the
worst start hour: the standby generator sets as sized (auxiliary.generator_rating, the count of
the sized plant), their fuel on site (auxiliary.generator_fuel), fail-to-start and mean time to
failure (auxiliary.generator_fail_to_start, _mttf; NREL REopt's defaults), and a [[supply]]
battery at the state of charge the run left it in. The method is REopt's backup reliability (a
Markov chain over working sets and the battery's charge). Also: how many sets reach the
[resilience] target (99 % for 24 h unless set). Exit 0 when the target is met, 1 when not.

The critical load is the facility demand of the clusters with cluster.critical = true (all by
default: IT with its cooling and losses). An lng_ccgt source with supply.islanding = true adds
its units as backup; islanding solar and wind lower the load. Availability at the outage's
start as REopt: battery 0.97, PV 0.98, wind 0.97.

Options:
  --json                 JSON (survival per duration, what reaches the target, notes)
  --set KEY=VALUE        override a site key (repeatable)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --out DIR              also write DIR/outage.json and DIR/survival_by_start_hour.csv (one row
                         per start hour, one column per outage length), together or not at all
  --report FILE          also write a self-contained HTML page (survival curve, by start day)
  -h, --help             this help
)";

}  // namespace

int cmd_outage(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {"--set", "--weather", "--out", "--report"});
  if (a.flag("--help")) {
    std::cout << kOutageHelp;
    return 0;
  }
  if (a.positional.size() > 1) throw UsageError("outage takes one site file");
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) check_report_path(report_path);  // before any run
  const Site site = a.positional.empty() ? default_site(a.all("--set"))
                                         : load_site(a.positional[0], a.all("--set"));
  std::optional<OutputFolder> folder;
  if (const std::string out = a.value("--out"); !out.empty()) folder.emplace(out);
  RunOptions options;
  options.weather_override = weather_override(a);
  const SiteOutage r = site_outage(site, options);
  if (!report_path.empty()) {
    write_report_file(report_path, html_outage_report(r, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (folder) {
    write_text(*folder, "outage.json", to_json(r));
    write_text(*folder, "survival_by_start_hour.csv", survival_csv(r));
    folder->commit();
    std::fprintf(stderr, "dcload: wrote %s/{outage.json,survival_by_start_hour.csv}\n", folder->dir().c_str());
  }
  std::cout << (a.flag("--json") ? to_json(r) : outage_report(r));
  return r.target_met ? 0 : 1;
}

namespace {
constexpr const char* kDatapackHelp = R"(Usage: dcload datapack SITE.toml... [options]

What a large-load interconnection study asks of a campus (NERC's large-load questionnaire and
Level 3 alert, ERCOT's large-load rules, Texas SB 6 backup disclosure): peak MW and MVA, power
factor, the connection normal and N-1, load factor, PUE, ramps (MW/s, MW/min), dynamic range,
the swing band share (steps of 0.1 s or less), on-site generation and storage, backup
generation, the flexibility offered ([flex]) and the energization schedule (build-out years).
One column per site. Ramps at hourly steps are resolution-limited (said so); use --timestep.
)";
constexpr const char* kPackOptions = R"(
Options:
  --json                 JSON: one object per site (the pack, the schedule, the items)
  --set KEY=VALUE        override a site key (repeatable; applies to every site)
  --weather SOURCE       builtin:NAME, a station name or an EPW/CSV path
  --out DIR              also write DIR/datapack.json, DIR/datapack.csv (one row per site) and
                         DIR/kgia_items.csv (one row per site and item), together or not at all
  --report FILE          also write a self-contained HTML page of the pack and the pre-screen
  -h, --help             this help
)";
constexpr const char* kKgiaHelp = R"(Usage: dcload kgia SITE.toml... [options]

A pre-screen for Korea's grid impact assessment (전력계통영향평가; every new load of 10 MW or
more since 2024-06, Distributed Energy Activation Act): the quantities a developer files — peak
and contract demand, load factor, monthly and hourly profile (--json), self-generation and
self-sufficiency (전력자립도), PUE, flexibility, region — and the assessment's items and points
(MOTIE's draft operating rules, 2024, as summarised by l5ene.co.kr; M) with an indicative
reading for the three items a campus model can inform (assumptions, L). KEPCO's network items
(margin, overload, voltage) and the business items cannot be known here: it cannot say whether
a file passes (voltage maintainable and ≥ 70 points). One column per site, e.g.
  dcload kgia configs/regions/ulsan_lng.toml configs/regions/haenam.toml configs/regions/capital.toml
)";

int interconnect_cmd(int argc, char** argv, bool kgia) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"},
                            {"--set", "--weather", "--timestep", "--out", "--report"});
  if (a.flag("--help")) {
    std::cout << (kgia ? kKgiaHelp : kDatapackHelp) << kPackOptions
              << (kgia ? "" : "  --timestep DURATION    step of the run (default 1 h), e.g. \"0.1 s\" with a window\n");
    return 0;
  }
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) check_report_path(report_path);  // before any run
  RunOptions options;
  options.weather_override = weather_override(a);
  if (const std::string ts = a.value("--timestep"); !ts.empty()) {
    if (kgia) throw UsageError("kgia runs hourly; --timestep is for datapack");
    try {
      options.timestep = seconds(detail::parse_quantity(ts, detail::Dimension::kDuration).value_si);
    } catch (const detail::QuantityError& e) {
      throw UsageError(std::string("--timestep \"") + ts + "\": " + e.what());
    }
    if (const auto problems = options.validate(); !problems.empty())
      throw UsageError("--timestep: " + problems.front());
  }
  // Every file read first: bad input stops before any run.
  std::vector<Site> sites;
  if (a.positional.empty()) sites.push_back(default_site(a.all("--set")));
  for (const std::string& f : a.positional) sites.push_back(load_site(f, a.all("--set")));
  std::optional<OutputFolder> folder;
  if (const std::string out = a.value("--out"); !out.empty()) folder.emplace(out);
  std::vector<InterconnectionPack> packs;
  for (const Site& s : sites) packs.push_back(interconnection_pack(s, options));
  if (!report_path.empty()) {
    write_report_file(report_path, html_interconnection_report(packs, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (folder) {
    write_text(*folder, "datapack.json", to_json(packs));
    write_text(*folder, "datapack.csv", datapack_csv(packs));
    write_text(*folder, "kgia_items.csv", kgia_csv(packs));
    folder->commit();
    std::fprintf(stderr, "dcload: wrote %s/{datapack.json,datapack.csv,kgia_items.csv}\n", folder->dir().c_str());
  }
  if (a.flag("--json")) std::cout << to_json(packs);
  else std::cout << (kgia ? kgia_report(packs) : datapack_report(packs));
  return 0;
}
}  // namespace

int cmd_datapack(int argc, char** argv) { return interconnect_cmd(argc, argv, false); }
int cmd_kgia(int argc, char** argv) { return interconnect_cmd(argc, argv, true); }

}  // namespace dcload::cli
