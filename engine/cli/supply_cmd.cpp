#include "cli/supply_cmd.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.hpp"
#include "output/text_table.hpp"
#include "config/quantity.hpp"
#include "dcload/report.hpp"
#include "output/json_text.hpp"
#include "dcload/dcload.hpp"
#include "supply/solar.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kPvHelp = R"(Usage: dcload pv --weather SOURCE [options]

Annual and monthly AC energy of a fixed-tilt PV array over a weather year (PVWatts-class chain:
sun position, Hay–Davies plane-of-array irradiance, Sandia cell temperature, PVWatts v5 DC and
inverter models).

Options:
  --weather SOURCE       builtin:NAME or a path to an EPW/CSV file (required)
  --tilt ANGLE           array tilt from horizontal, e.g. "30 deg" (default 30 deg)
  --azimuth ANGLE        direction the array faces, from north eastward, 180 = south
                         (default 180 deg)
  --dc POWER             module nameplate at STC, e.g. "1 MW" (default 1 MW)
  --dc-ac-ratio X        inverter loading ratio, DC nameplate / AC rating (default 1.2)
  --losses FRACTION      DC system losses, e.g. "14 %" (default 14 %)
  --json                 print {annual_ac_mwh, monthly_ac_mwh[12], capacity_factor, ...}
  -h, --help             this help
)";

constexpr const char* kCompareHelp = R"(Usage: dcload compare SITE.toml... [--set KEY=VALUE]... [--weather SOURCE]...
                      [--variant "KEY=VALUE[; KEY=VALUE]"]... [--json] [--out DIR] [--report FILE]

Runs every site over its weather year, in parallel, and prints them side by side: IT and
facility energy, PUE, WUE, peak demand, grid capacity and smallest headroom, hours over
capacity, peak grid import, supply cost (per year, LCOE, per IT MWh), CO2, CUE, hourly
carbon-free share and unserved energy, and ranks the sites by cost per IT MWh — except
sites that leave demand unserved without a value of lost load (their cost omits it; marked).
Example: dcload compare configs/regions/*.toml

With --optimize, every site gets its own least-cost supply under the same targets instead of
its hand-picked mix (`dcload optimize`): dcload compare --optimize --cfe 90% configs/regions/*.toml
  --cfe FRACTION, --co2-cap MASS, --cfe-curve A:B:STEP   as for `dcload optimize`

Options:
  --set KEY=VALUE        override a site key in every site (repeatable)
  --weather SOURCE       run every site on this weather (builtin:NAME, a station, an EPW/CSV
                         file); given several times, every site runs on each, one column each
  --variant "K=V; K=V"   besides each site as it is, a column with these overrides (repeatable):
                         dcload compare configs/ulsan.toml --variant "cluster[0].count=40000"
  --json                 print a JSON array of the Summaries (same keys as 'dcload run --json')
  --format F             table (default: fits 100 columns, site names wrapped, more sites in
                         further blocks), csv or markdown (for documents; full names)
  --wide                 the table in one block, each column as wide as its site name
  --out DIR              also write DIR/<N>-<site>/summary.json and timeseries.csv per site
  --report FILE          also write a self-contained HTML page: grouped bars per site (cost
                         per IT MWh, CO2, CFE, water, headroom, unserved), flagged sites marked
                         (site names made safe for file names; the folder appears complete
                         when every site has run; DIR must be new, empty or an earlier output)
  -h, --help             this help
)";

// "30 deg", "30°" or "30 °" → degrees. A bare number is refused, as on every option that has a
// unit (psychro --dry-bulb, --dc, --losses): the unit is part of the value.
double parse_angle_deg(const std::string& option, const std::string& text) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw UsageError(option + " \"" + text + "\": expected an angle such as \"30 deg\"");
  }
  std::string unit = text.substr(used);
  while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
  if (unit.empty())
    throw UsageError(option + " \"" + text + "\": give the unit, e.g. \"" + text + " deg\"");
  if (!(unit == "deg" || unit == "°"))
    throw UsageError(option + " \"" + text + "\": expected an angle in deg, got unit \"" + unit +
                     "\"");
  return v;
}

double parse_number(const std::string& option, const std::string& text) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    throw UsageError(option + " \"" + text + "\": expected a plain number");
  return v;
}

double parse_q(const std::string& option, const std::string& text, detail::Dimension dim) {
  try {
    return detail::parse_quantity(text, dim).value_si;
  } catch (const detail::QuantityError& e) {
    throw UsageError(option + " \"" + text + "\": " + e.what());
  }
}

std::string weather_arg(const std::string& s) {
  if (s.empty() || s.rfind("builtin:", 0) == 0) return s;
  return std::filesystem::absolute(s).string();
}

}  // namespace

int cmd_pv(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"},
                            {"--weather", "--tilt", "--azimuth", "--dc", "--dc-ac-ratio",
                             "--losses"});
  if (a.flag("--help")) {
    std::cout << kPvHelp;
    return 0;
  }
  if (!a.positional.empty()) throw UsageError("pv takes no positional arguments");
  const std::string source = weather_arg(a.value("--weather"));
  if (source.empty()) throw UsageError("pv needs --weather SOURCE");
  detail::PvSystem pv;  // defaults: see solar.hpp (PVWatts v5 standard module, open rack)
  if (const auto t = a.value("--tilt"); !t.empty()) pv.tilt_deg = parse_angle_deg("--tilt", t);
  if (const auto t = a.value("--azimuth"); !t.empty())
    pv.azimuth_deg = parse_angle_deg("--azimuth", t);
  if (const auto t = a.value("--dc"); !t.empty())
    pv.dc_rating_w = parse_q("--dc", t, detail::Dimension::kPower);
  if (const auto t = a.value("--dc-ac-ratio"); !t.empty())
    pv.dc_ac_ratio = parse_number("--dc-ac-ratio", t);
  if (const auto t = a.value("--losses"); !t.empty())
    pv.losses = parse_q("--losses", t, detail::Dimension::kFraction);
  if (const auto problems = detail::validate(pv); !problems.empty())
    throw UsageError(problems.front());

  const Weather w = load_weather(source);
  std::vector<double> ac_w;
  detail::pv_ac_power(pv, w, ac_w);
  const detail::PvYear y = detail::pv_year(pv, w, ac_w);
  if (a.flag("--json")) {
    using detail::json_number;
    std::string o = "{\n  \"weather_source\": " + detail::json_string(w.source) +
                    ",\n  \"location\": " + detail::json_string(w.location) + ",\n";
    o += "  \"dc_mw\": " + json_number(pv.dc_rating_w / 1e6) +
         ",\n  \"dc_ac_ratio\": " + json_number(pv.dc_ac_ratio) +
         ",\n  \"tilt_deg\": " + json_number(pv.tilt_deg) +
         ",\n  \"azimuth_deg\": " + json_number(pv.azimuth_deg) +
         ",\n  \"losses\": " + json_number(pv.losses) + ",\n";
    o += "  \"annual_ac_mwh\": " + json_number(y.annual_ac_j / 3.6e9, 9) + ",\n  \"monthly_ac_mwh\": [";
    for (size_t m = 0; m < 12; ++m)
      o += (m ? ", " : "") + json_number(y.monthly_ac_j[m] / 3.6e9, 9);
    o += "],\n  \"capacity_factor\": " + json_number(y.capacity_factor) + "\n}\n";
    std::fputs(o.c_str(), stdout);
    return 0;
  }
  std::printf("PV  %s (%.3f°N %.3f°E)\n", w.location.c_str(), w.latitude_deg, w.longitude_deg);
  std::printf("    %.3f MW DC, DC/AC %.2f, tilt %.1f°, azimuth %.1f°, losses %.1f %%\n",
              pv.dc_rating_w / 1e6, pv.dc_ac_ratio, pv.tilt_deg, pv.azimuth_deg,
              pv.losses * 100);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t m = 0; m < 12; ++m)
    std::printf("    %s  %10.2f MWh\n", kMonths[m], y.monthly_ac_j[m] / 3.6e9);
  std::printf("    annual AC   %.2f MWh\n    capacity factor (DC basis)  %.2f %%\n",
              y.annual_ac_j / 3.6e9, y.capacity_factor * 100);
  return 0;
}


int cmd_compare(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help", "--wide"},
                            {"--out", "--set", "--weather", "--variant", "--report", "--format"});
  if (a.flag("--help")) {
    std::cout << kCompareHelp;
    return 0;
  }
  if (const std::string f = a.value("--format"); !f.empty() && f != "table" && f != "csv" && f != "markdown")
    throw UsageError("--format \"" + f + "\": expected table, csv or markdown");
  if (!a.value("--format").empty() && a.flag("--json"))
    throw UsageError("--format and --json: give one");
  if (a.positional.empty()) throw UsageError("compare takes one or more site files");
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) check_report_path(report_path);  // before any run
  // Read every file first (bad input stops before any run), then run in parallel: one thread
  // per site, at most hardware_concurrency at a time. Each file runs as it is and once per
  // --variant, each of those on every --weather (or its own weather).
  std::vector<std::pair<std::string, std::vector<std::string>>> variants = {{"", {}}};
  for (const std::string& v : a.all("--variant")) {
    std::vector<std::string> sets;
    std::size_t i = 0;
    while (i <= v.size()) {
      std::size_t j = v.find(';', i);
      if (j == std::string::npos) j = v.size();
      std::string part = v.substr(i, j - i);
      while (!part.empty() && part.front() == ' ') part.erase(part.begin());
      while (!part.empty() && part.back() == ' ') part.pop_back();
      if (!part.empty()) sets.push_back(part);
      i = j + 1;
    }
    if (sets.empty()) throw UsageError("--variant \"" + v + "\": expected KEY=VALUE[; KEY=VALUE]");
    variants.emplace_back(v, sets);
  }
  std::vector<std::string> weathers = a.all("--weather");
  if (weathers.empty()) weathers.push_back("");
  std::vector<Site> sites;
  std::vector<std::string> site_weather;
  for (const auto& p : a.positional)
    for (const auto& [label, sets] : variants) {
      std::vector<std::string> overrides = a.all("--set");
      overrides.insert(overrides.end(), sets.begin(), sets.end());
      for (const std::string& w : weathers) {
        Site s = load_site(p, overrides);
        if (!w.empty()) {
          const std::filesystem::path base = std::filesystem::current_path();
          if (const std::string problem = weather_source_problem(w, base); !problem.empty())
            throw ConfigError("--weather " + w, 0, 0, "weather", problem);
          // A --weather file is relative to the current folder, as for `dcload run`.
          const bool file = w.find('/') != std::string::npos || w.ends_with(".epw") ||
                            w.ends_with(".csv") || w.ends_with(".EPW") || w.ends_with(".CSV");
          s.weather = file ? std::filesystem::absolute(w).lexically_normal().string() : w;
        }
        if (!label.empty()) s.name += " [" + label + "]";
        if (!w.empty() && weathers.size() > 1) s.name += " (" + w + ")";
        sites.push_back(std::move(s));
      }
    }
  // --out: checked before any run; one folder for the whole comparison, put in place when every
  // site has run (DIR/<N>-<site>/, the site name made safe for a file name).
  std::optional<OutputFolder> folder;
  RunOptions options;
  if (const std::string out = a.value("--out"); !out.empty()) {
    std::uintmax_t bytes = 0;
    for (const Site& s : sites) bytes += csv_size_estimate(8760, channel_names(s).size());
    folder.emplace(out, bytes);
  } else {
    options.channels = {"none"};  // nothing written: summaries only
  }
  std::vector<RunResult> results(sites.size());
  std::vector<std::exception_ptr> errors(sites.size());
  const size_t width = std::max(1u, std::thread::hardware_concurrency());
  for (size_t begin = 0; begin < sites.size(); begin += width) {
    std::vector<std::thread> pool;
    for (size_t i = begin; i < std::min(sites.size(), begin + width); ++i)
      pool.emplace_back([&, i] {
        try {
          results[i] = run(sites[i], options);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    for (auto& t : pool) t.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  if (folder) {
    for (size_t i = 0; i < results.size(); ++i)
      write_run_files(results[i], folder->path(std::to_string(i + 1) + "-" +
                                               safe_file_name(results[i].summary.site)));
    folder->commit();
  }
  bool all_ok = true;
  for (const auto& r : results) all_ok = all_ok && r.status.ok();
  if (!report_path.empty()) {
    std::vector<Summary> summaries;
    for (const auto& r : results) summaries.push_back(r.summary);
    write_report_file(report_path, html_compare_report(summaries, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (a.flag("--json")) {
    std::cout << "[\n";
    for (size_t i = 0; i < results.size(); ++i) {
      std::string j = to_json(results[i].summary);
      while (!j.empty() && j.back() == '\n') j.pop_back();
      std::cout << j << (i + 1 < results.size() ? ",\n" : "\n");
    }
    std::cout << "]\n";
    return all_ok ? 0 : 1;
  }
  struct Row {
    const char* label;
    const char* format;
    double (*get)(const Summary&);
  };
  static const Row kRows[] = {
      {"IT energy, GWh", "%.1f", [](const Summary& s) { return in_megawatt_hours(s.it_energy) / 1e3; }},
      {"facility energy, GWh", "%.1f",
       [](const Summary& s) { return in_megawatt_hours(s.facility_energy) / 1e3; }},
      {"PUE", "%.3f", [](const Summary& s) { return s.pue_annual; }},
      {"WUE, L/kWh", "%.3f", [](const Summary& s) { return s.wue_l_per_kwh; }},
      {"cooling energy, GWh", "%.1f", [](const Summary& s) { return in_megawatt_hours(s.cooling_energy) / 1e3; }},
      {"water, thousand m³", "%.1f", [](const Summary& s) { return in_si(s.water) / 1e3; }},
      {"peak facility, MW", "%.1f", [](const Summary& s) { return in_megawatts(s.peak_facility); }},
      {"grid capacity, MW", "%.1f", [](const Summary& s) { return in_megawatts(s.grid_capacity); }},
      {"min headroom, MW", "%.1f", [](const Summary& s) { return in_megawatts(s.min_grid_headroom); }},
      {"hours over capacity", "%.0f", [](const Summary& s) { return s.hours_over_capacity; }},
      {"peak grid import, MW", "%.1f", [](const Summary& s) { return in_megawatts(s.peak_grid_import); }},
      {"supply cost, MUSD/yr", "%.1f", [](const Summary& s) { return s.supply_cost_usd / 1e6; }},
      {"LCOE, USD/MWh", "%.1f", [](const Summary& s) { return s.lcoe_usd_per_mwh; }},
      {"cost per IT MWh, USD", "%.1f", [](const Summary& s) { return s.cost_per_it_mwh_usd; }},
      {"CO2, kt", "%.1f", [](const Summary& s) { return in_si(s.co2) / 1e6; }},
      {"CUE, kg/kWh", "%.3f", [](const Summary& s) { return s.cue_kg_per_kwh; }},
      {"carbon-free share, %", "%.1f", [](const Summary& s) { return 100 * s.cfe_share; }},
      {"unserved, MWh", "%.1f", [](const Summary& s) { return in_megawatt_hours(s.unserved); }},
  };
  // The table: one label column, one column per site (cells formatted once, then laid out).
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> cells;  // [row][site]
  char cell[64];
  for (const auto& row : kRows) {
    labels.emplace_back(row.label);
    auto& line = cells.emplace_back();
    for (const auto& r : results) {
      std::snprintf(cell, sizeof cell, row.format, row.get(r.summary));
      line.emplace_back(cell);
    }
  }
  // Sites with a cold source ([cooling.cold_source]): what it carried and cost, beside the rest.
  static const Row kColdRows[] = {
      {"cold source heat, GWh", "%.1f", [](const Summary& s) { return in_megawatt_hours(s.cold_source.heat) / 1e3; }},
      {"cold source share, %", "%.1f", [](const Summary& s) { return 100 * s.cold_source.heat_share; }},
      {"hours it took all the heat", "%.0f", [](const Summary& s) { return s.cold_source.full_hours; }},
      {"seawater pumps, GWh", "%.2f", [](const Summary& s) { return in_megawatt_hours(s.cold_source.pump_energy) / 1e3; }},
      {"discharge margin, K", "%.2f", [](const Summary& s) { return s.cold_source.min_discharge_margin_k; }},
  };
  if (std::any_of(results.begin(), results.end(),
                  [](const RunResult& r) { return r.summary.cold_source.enabled; }))
    for (const auto& row : kColdRows) {
      labels.emplace_back(row.label);
      auto& line = cells.emplace_back();
      for (const auto& r : results)
        line.emplace_back(r.summary.cold_source.enabled ? (std::snprintf(cell, sizeof cell, row.format, row.get(r.summary)), std::string(cell))
                                                        : std::string("—"));
    }
  labels.emplace_back("status");
  auto& status_line = cells.emplace_back();
  for (const auto& r : results) status_line.emplace_back(r.status.name());
  // Rank by cost per IT MWh only the sites that serve their whole demand, or price what they
  // leave unserved (value_of_lost_load): a cost that omits unserved energy is not comparable.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < results.size(); ++i)
    if (cost_is_complete(results[i].summary)) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return results[x].summary.cost_per_it_mwh_usd < results[y].summary.cost_per_it_mwh_usd;
  });
  labels.emplace_back("rank, cost per IT MWh");
  auto& rank_line = cells.emplace_back();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto it = std::find(order.begin(), order.end(), i);
    rank_line.emplace_back(it == order.end() ? std::string("not ranked*")
                                             : std::to_string(it - order.begin() + 1));
  }
  std::vector<std::string> names;
  for (const auto& r : results) names.push_back(r.summary.site);
  const std::string format = a.value("--format");
  if (format == "csv" || format == "markdown")
    std::fputs(detail::table_text(labels, names, cells, format == "csv" ? detail::TableFormat::kCsv
                                                                  : detail::TableFormat::kMarkdown)
                   .c_str(),
               stdout);
  else
    std::fputs(detail::terminal_table(labels, names, cells, a.flag("--wide") ? 0 : 100).c_str(), stdout);
  // The footnotes of unranked sites (on stderr for csv, which must stay a table).
  FILE* notes = format == "csv" ? stderr : stdout;
  for (const auto& r : results) {
    const Summary& m = r.summary;
    if (cost_is_complete(m)) continue;
    const double demand = in_megawatt_hours(m.facility_energy);
    char head[96];
    std::snprintf(head, sizeof head, " leaves %.0f MWh (%.1f %% of its demand) unserved; ",
                  in_megawatt_hours(m.unserved),
                  demand > 0 ? 100.0 * in_megawatt_hours(m.unserved) / demand : 0.0);
    std::string note = "* " + m.site;
    note += head;
    note += "its costs omit that energy, so it is not ranked (price it with [economics] "
            "value_of_lost_load)";
    std::fputs(format.empty() || format == "table" ? detail::wrap_text(note, 100, 2).c_str()
                                                   : (note + "\n").c_str(),
               notes);
  }
  return all_ok ? 0 : 1;
}

}  // namespace dcload::cli
