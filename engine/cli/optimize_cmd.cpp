#include "cli/optimize_cmd.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "cli/args.hpp"
#include "config/quantity.hpp"
#include "dcload/report.hpp"
#include "dcload/dcload.hpp"
#include "dcload/optimize.hpp"
#include "output/json_text.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kOptimizeHelp = R"(Usage: dcload optimize SITE.toml [options]

The least-cost supply of the site: capacities of its [[supply]] entries marked
`extendable = true` (within min_capacity / max_capacity; battery power and energy separately)
and their hourly dispatch, from a linear program over the 8,760 hours of the site's own facility
demand (COIN-OR CLP). Costs as the simulator counts them: annualized capital, fixed and variable
O&M, fuel, carbon, grid energy (flat or time of use) and demand charge. Then the chosen mix is
run through the simulator and both are reported.

Options:
  --cfe FRACTION         hourly carbon-free share (24/7 CFE) to reach, e.g. "90 %" ([optimize] cfe)
  --co2-cap MASS         CO2 the supply may emit over the year, e.g. "500 kt" ([optimize] co2_cap)
  --cfe-curve A:B:STEP   trace cost against the carbon-free target from A to B % in STEP %
                         (e.g. 0:100:10); one optimum per target, each restarted from the last
  --set KEY=VALUE        override a site key (repeatable), e.g. --set "supply[0].max_capacity=3 GW"
  --weather SOURCE       replace the site's weather
  --json                 print the result as JSON
  --report FILE          also write a self-contained HTML page of the mix (not with --cfe-curve)
  --out DIR              also write DIR/optimize.json, DIR/simulated.json (the chosen mix run by
                         the simulator) and, with --cfe-curve, DIR/cfe_curve.csv — together or
                         not at all
  -h, --help             this help

Unserved energy is forbidden unless [economics] value_of_lost_load prices it. Exit code 1 when
the program is not optimal (infeasible: the reason names the binding limit).
Example: dcload optimize configs/regions/haenam.toml --cfe 90%
)";

double parse_fraction(const std::string& option, const std::string& text) {
  try {
    return detail::parse_quantity(text, detail::Dimension::kFraction).value_si;
  } catch (const std::exception& e) {
    throw UsageError(option + " \"" + text + "\": " + e.what());
  }
}

double parse_mass_kg(const std::string& option, const std::string& text) {
  try {
    return detail::parse_quantity(text, detail::Dimension::kMass).value_si;
  } catch (const std::exception& e) {
    throw UsageError(option + " \"" + text + "\": " + e.what());
  }
}

// "0:100:10" → 0, 0.1, …, 1.0 (percent in, fractions out).
std::vector<double> parse_curve(const std::string& text) {
  double a = 0, b = 0, step = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%lf:%lf:%lf%n", &a, &b, &step, &used) != 3 ||
      used != static_cast<int>(text.size()) || !(step > 0) || !(a >= 0) || !(b <= 100) || !(a <= b))
    throw UsageError("--cfe-curve \"" + text + "\": expected FROM:TO:STEP in percent within "
                     "0 … 100, e.g. 0:100:10");
  std::vector<double> v;
  for (int k = 0;; ++k) {
    const double x = a + k * step;
    if (x > b + 1e-9) break;
    v.push_back(std::min(x, 100.0) / 100.0);
    if (v.size() > 1000) throw UsageError("--cfe-curve: more than 1,000 targets");
  }
  return v;
}

OptimizeOptions options_from(const Args& a) {
  OptimizeOptions o;
  if (const std::string v = a.value("--cfe"); !v.empty()) {
    o.cfe_target = parse_fraction("--cfe", v);
    if (!(*o.cfe_target >= 0 && *o.cfe_target <= 1))
      throw UsageError("--cfe \"" + v + "\": a carbon-free target must be within 0 … 100 %");
  }
  if (const std::string v = a.value("--co2-cap"); !v.empty()) o.co2_cap_kg = parse_mass_kg("--co2-cap", v);
  o.weather_override = a.value("--weather");
  return o;
}

// Run `jobs` in parallel on the machine's cores, rethrowing the first failure.
template <class F>
void parallel(std::size_t jobs, F f) {
  std::vector<std::exception_ptr> errors(jobs);
  const std::size_t width = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t begin = 0; begin < jobs; begin += width) {
    std::vector<std::thread> pool;
    for (std::size_t i = begin; i < std::min(jobs, begin + width); ++i)
      pool.emplace_back([&, i] {
        try {
          f(i);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    for (auto& t : pool) t.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Capacity of a type in the optimum, summed over its entries (MW; battery also MWh).
double capacity_mw(const OptimizeResult& r, const std::string& type) {
  double mw = 0;
  for (const auto& s : r.sources)
    if (s.type == type) mw += in_megawatts(s.capacity);
  return mw;
}
double battery_mwh(const OptimizeResult& r) {
  double mwh = 0;
  for (const auto& s : r.sources)
    if (s.type == "battery") mwh += in_megawatt_hours(s.battery_energy);
  return mwh;
}

std::string curve_csv(const std::vector<double>& targets, const std::vector<OptimizeResult>& rs) {
  std::string out =
      "cfe_target,status,supply_cost_musd,cost_per_it_mwh_usd,cfe_share,co2_t,cfe_dual_usd_per_mwh,"
      "solar_mw_dc,wind_mw,battery_mw,battery_mwh,lng_mw,grid_contract_mw,curtailed_mwh\n";
  char buf[512];
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto& r = rs[i];
    std::snprintf(buf, sizeof buf, "%.4g,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n",
                  targets[i], r.status.c_str(), r.cost_usd / 1e6, r.cost_per_it_mwh_usd,
                  r.cfe_share, in_si(r.co2) / 1e3, r.cfe_dual_usd_per_mwh, capacity_mw(r, "solar"),
                  capacity_mw(r, "wind"), capacity_mw(r, "battery"), battery_mwh(r),
                  capacity_mw(r, "lng_ccgt"), capacity_mw(r, "grid"),
                  in_megawatt_hours(r.curtailed));
    out += buf;
  }
  return out;
}

void print_curve(const std::string& site, const std::vector<double>& targets,
                 const std::vector<OptimizeResult>& rs) {
  std::printf("%s — cost against the hourly carbon-free target\n", site.c_str());
  std::printf("  %6s  %-10s %10s %9s %8s %9s %9s %9s %9s %9s %9s %9s\n", "CFE %", "status",
              "MUSD/yr", "USD/ITMWh", "CO2 kt", "dual $/MWh", "solar MW", "wind MW", "batt MW",
              "batt MWh", "LNG MW", "grid MW");
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto& r = rs[i];
    if (r.status != "optimal") {
      std::printf("  %6.1f  %-10s %s\n", 100 * targets[i], r.status.c_str(), r.reason.c_str());
      continue;
    }
    std::printf("  %6.1f  %-10s %10.1f %9.1f %8.1f %9.1f %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f\n",
                100 * targets[i], r.status.c_str(), r.cost_usd / 1e6, r.cost_per_it_mwh_usd,
                in_si(r.co2) / 1e6, r.cfe_dual_usd_per_mwh, capacity_mw(r, "solar"),
                capacity_mw(r, "wind"), capacity_mw(r, "battery"), battery_mwh(r),
                capacity_mw(r, "lng_ccgt"), capacity_mw(r, "grid"));
  }
}

// A JSON array of the results, one object per element.
void print_json_array(const std::vector<OptimizeResult>& rs) {
  std::cout << "[\n";
  for (std::size_t i = 0; i < rs.size(); ++i) {
    std::string j = to_json(rs[i]);
    while (!j.empty() && j.back() == '\n') j.pop_back();
    std::cout << j << (i + 1 < rs.size() ? ",\n" : "\n");
  }
  std::cout << "]\n";
}

}  // namespace

int cmd_optimize(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"},
                            {"--cfe", "--co2-cap", "--cfe-curve", "--set", "--weather", "--out", "--report"});
  if (a.flag("--help")) {
    std::cout << kOptimizeHelp;
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("optimize takes one site file");
  const std::string report_path = a.value("--report");
  if (!report_path.empty()) {
    if (!a.value("--cfe-curve").empty()) throw UsageError("--report is not offered with --cfe-curve");
    check_report_path(report_path);  // before the solve
  }
  const Site site = load_site(a.positional[0], a.all("--set"));
  const OptimizeOptions base = options_from(a);
  std::optional<OutputFolder> folder;
  if (const std::string out = a.value("--out"); !out.empty()) folder.emplace(out);
  if (const std::string curve = a.value("--cfe-curve"); !curve.empty()) {
    if (!a.value("--cfe").empty()) throw UsageError("give either --cfe or --cfe-curve, not both");
    const std::vector<double> targets = parse_curve(curve);
    OptimizeOptions o = base;
    o.simulate = false;
    const std::vector<OptimizeResult> rs = optimize_curve(site, targets, o);
    if (folder) {
      write_text(*folder, "cfe_curve.csv", curve_csv(targets, rs));
      folder->commit();
    }
    if (a.flag("--json")) {
      print_json_array(rs);
    } else {
      print_curve(site.name, targets, rs);
    }
    return 0;
  }
  const OptimizeResult r = optimize(site, base);
  if (!report_path.empty()) {
    write_report_file(report_path, html_optimize_report(r, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (folder) {
    write_text(*folder, "optimize.json", to_json(r));
    if (r.simulated) write_text(*folder, "simulated.json", to_json(*r.simulated));
    folder->commit();
  }
  if (a.flag("--json")) std::cout << to_json(r);
  else std::cout << r.report();
  return r.status == "optimal" ? 0 : 1;
}

int cmd_compare_optimize(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help", "--optimize"},
                            {"--cfe", "--co2-cap", "--cfe-curve", "--out"});
  if (a.positional.empty()) throw UsageError("compare --optimize takes one or more site files");
  std::vector<Site> sites;
  for (const auto& p : a.positional) sites.push_back(load_site(p));
  const OptimizeOptions base = options_from(a);
  std::optional<OutputFolder> folder;
  if (const std::string out = a.value("--out"); !out.empty()) folder.emplace(out);

  if (const std::string curve = a.value("--cfe-curve"); !curve.empty()) {
    if (!a.value("--cfe").empty()) throw UsageError("give either --cfe or --cfe-curve, not both");
    const std::vector<double> targets = parse_curve(curve);
    const std::size_t nt = targets.size();
    // One curve per site (each warm-started target after target), the sites in parallel.
    std::vector<OptimizeResult> rs(sites.size() * nt);
    parallel(sites.size(), [&](std::size_t s) {
      OptimizeOptions o = base;
      o.simulate = false;
      const auto curve_s = optimize_curve(sites[s], targets, o);
      std::copy(curve_s.begin(), curve_s.end(), rs.begin() + static_cast<std::ptrdiff_t>(s * nt));
    });
    if (folder) {
      for (std::size_t s = 0; s < sites.size(); ++s)
        write_text(*folder, std::to_string(s + 1) + "-" + safe_file_name(sites[s].name) + "-cfe_curve.csv",
                   curve_csv(targets, std::vector<OptimizeResult>(rs.begin() + static_cast<std::ptrdiff_t>(s * nt),
                                                                   rs.begin() + static_cast<std::ptrdiff_t>((s + 1) * nt))));
      folder->commit();
    }
    // Cost per IT MWh against the target, one column per site; "—" where infeasible.
    int col = 14;
    for (const auto& s : sites) col = std::max(col, static_cast<int>(s.name.size()));
    std::printf("cost per IT MWh (USD) against the hourly carbon-free target\n%-8s", "CFE %");
    for (const auto& s : sites) std::printf("  %*s", col, s.name.c_str());
    std::printf("\n");
    for (std::size_t t = 0; t < nt; ++t) {
      std::printf("%-8.1f", 100 * targets[t]);
      for (std::size_t s = 0; s < sites.size(); ++s) {
        const auto& r = rs[s * nt + t];
        char cell[32];
        if (r.status == "optimal") std::snprintf(cell, sizeof cell, "%.1f", r.cost_per_it_mwh_usd);
        else std::snprintf(cell, sizeof cell, "%s", r.status.c_str());
        std::printf("  %*s", col, cell);
      }
      std::printf("\n");
    }
    for (std::size_t s = 0; s < sites.size(); ++s)
      for (std::size_t t = 0; t < nt; ++t) {
        const auto& r = rs[s * nt + t];
        if (r.status != "optimal") {
          std::printf("* %s from %.1f %%: %s\n", sites[s].name.c_str(), 100 * targets[t], r.reason.c_str());
          break;
        }
      }
    return 0;
  }

  std::vector<OptimizeResult> rs(sites.size());
  parallel(sites.size(), [&](std::size_t i) { rs[i] = optimize(sites[i], base); });
  if (folder) {
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const std::string stem = std::to_string(i + 1) + "-" + safe_file_name(rs[i].site);
      write_text(*folder, stem + "-optimize.json", to_json(rs[i]));
      if (rs[i].simulated) write_text(*folder, stem + "-simulated.json", to_json(*rs[i].simulated));
    }
    folder->commit();
  }
  bool all_optimal = true;
  for (const auto& r : rs) all_optimal = all_optimal && r.status == "optimal";
  if (a.flag("--json")) {
    print_json_array(rs);
    return all_optimal ? 0 : 1;
  }
  struct Row {
    const char* label;
    const char* format;
    double (*get)(const OptimizeResult&);
  };
  static const Row kRows[] = {
      {"solar, MW DC", "%.0f", [](const OptimizeResult& r) { return capacity_mw(r, "solar"); }},
      {"wind, MW", "%.0f", [](const OptimizeResult& r) { return capacity_mw(r, "wind"); }},
      {"battery, MW", "%.0f", [](const OptimizeResult& r) { return capacity_mw(r, "battery"); }},
      {"battery, MWh", "%.0f", [](const OptimizeResult& r) { return battery_mwh(r); }},
      {"LNG, MW", "%.0f", [](const OptimizeResult& r) { return capacity_mw(r, "lng_ccgt"); }},
      {"grid contract, MW", "%.0f", [](const OptimizeResult& r) { return capacity_mw(r, "grid"); }},
      {"supply cost, MUSD/yr", "%.1f", [](const OptimizeResult& r) { return r.cost_usd / 1e6; }},
      {"LCOE, USD/MWh", "%.1f", [](const OptimizeResult& r) { return r.lcoe_usd_per_mwh; }},
      {"cost per IT MWh, USD", "%.1f", [](const OptimizeResult& r) { return r.cost_per_it_mwh_usd; }},
      {"CO2, kt", "%.1f", [](const OptimizeResult& r) { return in_si(r.co2) / 1e6; }},
      {"carbon-free share, %", "%.1f", [](const OptimizeResult& r) { return 100 * r.cfe_share; }},
      {"CFE marginal, USD/MWh", "%.1f", [](const OptimizeResult& r) { return r.cfe_dual_usd_per_mwh; }},
      {"curtailed, GWh", "%.1f", [](const OptimizeResult& r) { return in_megawatt_hours(r.curtailed) / 1e3; }},
      {"unserved, MWh", "%.1f", [](const OptimizeResult& r) { return in_megawatt_hours(r.unserved); }},
      {"cooling water, Mm3", "%.2f", [](const OptimizeResult& r) { return in_si(r.water) / 1e6; }},
      {"peak facility, MW", "%.1f", [](const OptimizeResult& r) { return in_megawatts(r.peak_facility); }},
      {"grid headroom, MW", "%.1f", [](const OptimizeResult& r) { return in_megawatts(r.min_grid_headroom); }},
      {"simulated cost, MUSD", "%.1f", [](const OptimizeResult& r) {
         return r.simulated ? r.simulated->supply_cost_usd / 1e6 : NAN; }},
      {"simulated CFE, %", "%.1f", [](const OptimizeResult& r) {
         return r.simulated ? 100 * r.simulated->cfe_share : NAN; }},
      {"simulated unserved, MWh", "%.0f", [](const OptimizeResult& r) {
         return r.simulated ? in_megawatt_hours(r.simulated->unserved) : NAN; }},
  };
  int col = 14;
  for (const auto& r : rs) col = std::max(col, static_cast<int>(r.site.size()));
  std::printf("least-cost supply at %.1f %% hourly carbon-free%s\n", 100 * rs.front().cfe_target,
              rs.front().co2_cap_kg > 0 ? " (with a CO2 cap)" : "");
  std::printf("%-24s", "");
  for (const auto& r : rs) std::printf("  %*s", col, r.site.c_str());
  std::printf("\n");
  char cell[64];
  for (const auto& row : kRows) {
    std::printf("%-24s", row.label);
    for (const auto& r : rs) {
      if (r.status != "optimal") std::snprintf(cell, sizeof cell, "—");
      else std::snprintf(cell, sizeof cell, row.format, row.get(r));
      std::printf("  %*s", col, cell);
    }
    std::printf("\n");
  }
  std::printf("%-24s", "status");
  for (const auto& r : rs) std::printf("  %*s", col, r.status.c_str());
  std::printf("\n");
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < rs.size(); ++i)
    if (rs[i].status == "optimal") order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return rs[x].cost_per_it_mwh_usd < rs[y].cost_per_it_mwh_usd;
  });
  std::printf("%-24s", "rank, cost per IT MWh");
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto it = std::find(order.begin(), order.end(), i);
    if (it == order.end()) std::snprintf(cell, sizeof cell, "not ranked*");
    else std::snprintf(cell, sizeof cell, "%zu", static_cast<std::size_t>(it - order.begin()) + 1);
    std::printf("  %*s", col, cell);
  }
  std::printf("\n");
  for (const auto& r : rs)
    if (r.status != "optimal") std::printf("* %s: %s — %s\n", r.site.c_str(), r.status.c_str(), r.reason.c_str());
  return all_optimal ? 0 : 1;
}

}  // namespace dcload::cli
