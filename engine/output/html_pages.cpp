// The report pages of compare, capacity, sweep and optimize (engine/output/html_site.cpp has
// the site page). Headline numbers of Summaries are read with summary_value(), as the JSON is.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dcload/report.hpp"
#include "output/html_page.hpp"

namespace dcload {
namespace {

using detail::ChartSpec;
using detail::Dataset;
using detail::HtmlPage;
using detail::Table;
using detail::format_number;
using detail::html_escape;

double value(const Summary& s, std::string_view key) {
  const auto v = summary_value(s, key);
  return v ? *v : NAN;
}

bool leaves_unserved(const Summary& s) { return value(s, "unserved_mwh") > 0; }

// A site's label on the compare charts; flagged in words as well as in colour.
std::string site_label(const Summary& s) {
  return leaves_unserved(s) ? s.site + " ⚠ unserved" : s.site;
}

struct Metric {
  const char* key;
  const char* title;
  const char* unit;
  int digits;
};

}  // namespace

std::string html_compare_report(const std::vector<Summary>& runs, const ReportInfo& info) {
  std::size_t flagged = 0;
  for (const Summary& s : runs) flagged += leaves_unserved(s);
  HtmlPage p("dcload — comparison of " + std::to_string(runs.size()) + " sites",
             std::to_string(runs.size()) + " sites, each over its own weather year" +
                 (flagged ? " · <span class=\"flagged\">" + std::to_string(flagged) +
                                " leave demand unserved</span>"
                          : std::string()),
             info);
  p.section("table", "Side by side");
  static const Metric kMetrics[] = {
      {"cost_per_it_mwh_usd", "cost per IT MWh", "USD/MWh", 1},
      {"co2_t", "CO₂", "t", 0},
      {"cfe_share", "carbon-free share (hourly, 0–1)", "", 3},
      {"water_m3", "cooling water", "m³", 0},
      {"supply_water_m3", "on-site generation water", "m³", 0},
      {"min_grid_headroom_mw", "least grid headroom, normal", "MW", 1},
      {"min_grid_headroom_n1_mw", "least grid headroom, N-1", "MW", 1},
      {"unserved_mwh", "unserved energy", "MWh", 1},
      {"pue_annual", "PUE, annual", "", 3},
      {"facility_energy_mwh", "facility energy", "MWh", 0},
      {"peak_facility_mw", "peak facility demand", "MW", 1},
  };
  std::vector<Metric> metrics(std::begin(kMetrics), std::end(kMetrics));
  // Sites with a cold source ([cooling.cold_source]): its heat, the water it saved, its pumps.
  if (std::any_of(runs.begin(), runs.end(), [](const Summary& s) { return s.cold_source.enabled; }))
    for (const Metric& m : {Metric{"wue_l_per_kwh", "WUE", "L/kWh", 2},
                            Metric{"cold_source_heat_mwh", "heat to the seawater", "MWh", 0},
                            Metric{"cold_source_full_hours", "hours the seawater took all the heat", "h", 0},
                            Metric{"seawater_pump_mwh", "seawater pumps", "MWh", 0},
                            Metric{"discharge_margin_min_k", "least discharge margin", "K", 2}})
      metrics.push_back(m);
  std::vector<std::string> head{"site"};
  for (const Metric& m : metrics)
    head.push_back(std::string(m.title) + (*m.unit ? " (" + std::string(m.unit) + ")" : ""));
  head.push_back("rank, cost per IT MWh");
  head.push_back("status");
  // Ranked by cost per IT MWh: only the sites whose cost covers their whole demand
  // (cost_is_complete), as `dcload compare` ranks them.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (cost_is_complete(runs[i])) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return runs[x].cost_per_it_mwh_usd < runs[y].cost_per_it_mwh_usd;
  });
  Table t(head);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Summary& s = runs[i];
    std::vector<std::string> row{html_escape(site_label(s))};
    for (const Metric& m : metrics) row.push_back(HtmlPage::number(value(s, m.key), m.digits, m.key, s.site));
    const auto it = std::find(order.begin(), order.end(), i);
    row.push_back(it == order.end() ? "not ranked*" : std::to_string(it - order.begin() + 1));
    row.push_back(html_escape(s.status.name()));
    t.row(row, leaves_unserved(s) || !s.status.ok() ? "flag" : "");
  }
  p.html(t.html());
  for (const Summary& s : runs) {
    if (cost_is_complete(s)) continue;
    const double demand = in_megawatt_hours(s.facility_energy);
    p.html("<p class=\"flagged\">* ⚠ " + html_escape(s.site) + " leaves " +
           format_number(in_megawatt_hours(s.unserved), 0) + " MWh (" +
           format_number(demand > 0 ? 100.0 * in_megawatt_hours(s.unserved) / demand : 0.0, 1) +
           " % of its demand) unserved; its cost and CO₂ cover only the energy served, so it is not "
           "ranked (price it with [economics] value_of_lost_load).</p>");
  }
  p.section("charts", "By measure");
  std::vector<std::string> labels;
  std::vector<int> colors;
  for (const Summary& s : runs) {
    labels.push_back(site_label(s));
    colors.push_back(leaves_unserved(s) ? 5 : 0);
  }
  const auto bars = [&](const std::string& id, const std::string& title, const std::string& unit,
                        const std::vector<std::pair<std::string, std::string>>& keys, int digits) {
    ChartSpec c;
    c.id = id;
    c.kind = "bar";
    c.labels = labels;
    c.x_title = "site";
    c.y_title = title + (unit.empty() ? "" : " (" + unit + ")");
    c.zero = true;
    std::vector<std::string> th{"site"};
    int color = 0;
    for (const auto& [key, label] : keys) {
      Dataset ds;
      ds.label = label;
      for (const Summary& s : runs) ds.data.push_back(value(s, key));
      if (keys.size() == 1) ds.colors = colors;
      else ds.color = color++ * 3;
      c.datasets.push_back(ds);
      th.push_back(label + (unit.empty() ? "" : " (" + unit + ")"));
    }
    Table tt(th);
    for (const Summary& s : runs) {
      std::vector<std::string> row{html_escape(site_label(s))};
      for (const auto& kv : keys) row.push_back(format_number(value(s, kv.first), digits));
      tt.row(row, leaves_unserved(s) ? "flag" : "");
    }
    p.chart(c, title + " per site" +
                   (flagged && keys.size() == 1 ? " (vermillion, ⚠: leaves demand unserved; its cost and CO₂ "
                                                  "cover only what was served)."
                                                : "."),
            tt.html());
  };
  bars("cmp-cost", "cost per IT MWh", "USD/MWh", {{"cost_per_it_mwh_usd", "cost per IT MWh"}}, 1);
  bars("cmp-co2", "CO₂ per year", "t", {{"co2_t", "CO₂"}}, 0);
  bars("cmp-cfe", "carbon-free share, hourly", "0–1", {{"cfe_share", "carbon-free share"}}, 3);
  bars("cmp-water", "water per year", "m³", {{"water_m3", "cooling water"}, {"supply_water_m3", "on-site generation water (LNG)"}}, 0);
  bars("cmp-headroom", "least grid headroom", "MW",
       {{"min_grid_headroom_mw", "normal"}, {"min_grid_headroom_n1_mw", "N-1"}}, 1);
  bars("cmp-unserved", "unserved energy", "MWh", {{"unserved_mwh", "unserved energy"}}, 1);
  return p.finish();
}

std::string html_capacity_report(const CapacityResult& r, const Summary& base, const ReportInfo& info) {
  HtmlPage p("dcload — grid capacity of " + r.site,
             "the largest campus that fits the connection, in whole nodes of " +
                 html_escape(r.accelerator) + "; " + std::to_string(r.trials) + " runs",
             info);
  p.section("headline", "Headline figures");
  p.begin_cards();
  p.card("Design IT as given", HtmlPage::number(value(base, "design_it_mw"), 1, "design_it_mw"), "MW",
         format_number(static_cast<double>(r.current_gpus), 0) + " " + html_escape(r.accelerator));
  p.card("Grid capacity", HtmlPage::number(value(base, "grid_capacity_mw"), 1, "grid_capacity_mw"), "MW",
         "N-1: " + HtmlPage::number(value(base, "grid_capacity_n1_mw"), 1, "grid_capacity_n1_mw") + " MW");
  const auto fits = [&](const CapacityLimit& l) { return l.max_gpus >= r.current_gpus; };
  p.card("Largest IT that fits, year", format_number(in_megawatts(r.year.max_it), 1), "MW",
         format_number(static_cast<double>(r.year.max_gpus), 0) + " accelerators", !fits(r.year));
  p.card("Largest IT that fits, N-1", format_number(in_megawatts(r.year_n1.max_it), 1), "MW",
         format_number(static_cast<double>(r.year_n1.max_gpus), 0) + " accelerators", !fits(r.year_n1));
  p.card("Largest IT that fits, design day", format_number(in_megawatts(r.design_day.max_it), 1), "MW",
         format_number(static_cast<double>(r.design_day.max_gpus), 0) + " accelerators; N-1 " +
             format_number(in_megawatts(r.design_day_n1.max_it), 1) + " MW",
         !fits(r.design_day) || !fits(r.design_day_n1));
  p.end_cards();
  p.section("limits", "Limits");
  const std::pair<const char*, const CapacityLimit*> cases[] = {
      {"year, normal", &r.year}, {"year, N-1", &r.year_n1},
      {"design day, normal", &r.design_day}, {"design day, N-1", &r.design_day_n1}};
  ChartSpec c;
  c.id = "capacity";
  c.kind = "bar";
  c.x_title = "case";
  c.y_title = "design IT power (MW)";
  c.zero = true;
  Dataset fit;
  fit.label = "largest design IT that fits";
  Dataset given;
  given.label = "design IT as given";
  given.type = "line";
  given.color = 5;
  given.dash = true;
  given.width = 3;
  given.order = -1;  // in front of the bars
  Table t({"case", "capacity searched (MW)", "largest IT (MW)", "accelerators", "its peak facility (MW)",
           "headroom (MW)", "headroom with one more (MW)"});
  for (const auto& [name, l] : cases) {
    c.labels.push_back(name);
    fit.data.push_back(in_megawatts(l->max_it));
    fit.colors.push_back(l->max_gpus >= r.current_gpus ? 0 : 5);
    given.data.push_back(value(base, "design_it_mw"));
    t.row({name, format_number(in_megawatts(l->limit), 1), format_number(in_megawatts(l->max_it), 1),
           format_number(static_cast<double>(l->max_gpus), 0), format_number(in_megawatts(l->peak_facility), 1),
           format_number(in_megawatts(l->headroom), 3), format_number(in_megawatts(l->headroom_one_more), 3)},
          l->max_gpus < r.current_gpus ? "flag" : "");
  }
  c.datasets = {fit, given};
  p.chart(c, "The largest design IT power whose facility demand stays within the capacity, per "
             "case, against the campus as given (vermillion: the campus as given does not fit).",
          t.html());
  return p.finish();
}

std::string html_sweep_report(const SweepResult& r, const ReportInfo& info) {
  const SweepSpec& spec = r.spec;
  HtmlPage p("dcload — sweep of " + std::to_string(r.scenarios.size()) + " scenarios",
             std::string(sample_method_name(spec.method)) + " sample, " + std::to_string(spec.sites.size()) +
                 " site(s), " + std::to_string(spec.factors.size()) + " factor(s), " +
                 std::to_string(r.invalid) + " invalid",
             info);
  p.section("stats", "Outputs");
  if (!r.messages.empty()) {
    std::string box = "<div class=\"status bad\" role=\"status\"><ul>";
    for (const auto& m : r.messages) box += "<li>" + html_escape(m) + "</li>";
    p.html(box + "</ul></div>");
  }
  Table t({"site", "output", "valid", "mean", "sd", "P5", "P50", "P95", "min", "max"});
  for (const SweepStats& s : r.stats)
    t.row({html_escape(spec.sites[s.site].filename().string()), "<code>" + html_escape(s.output) + "</code>",
           std::to_string(s.valid), format_number(s.mean, 4), format_number(s.sd, 4), format_number(s.p5, 4),
           format_number(s.p50, 4), format_number(s.p95, 4), format_number(s.min, 4), format_number(s.max, 4)});
  p.html(t.html());
  // A histogram per site × output (20 equal bins between the min and the max).
  for (std::size_t k = 0; k < r.stats.size(); ++k) {
    const SweepStats& s = r.stats[k];
    const auto out = static_cast<std::size_t>(
        std::find(spec.outputs.begin(), spec.outputs.end(), s.output) - spec.outputs.begin());
    if (out >= spec.outputs.size() || !(s.max > s.min)) continue;
    constexpr int kBins = 20;
    std::vector<double> counts(kBins, 0.0);
    for (const SweepScenario& sc : r.scenarios) {
      if (sc.site != s.site || out >= sc.outputs.size() || !std::isfinite(sc.outputs[out])) continue;
      const int b = std::clamp(static_cast<int>((sc.outputs[out] - s.min) / (s.max - s.min) * kBins), 0, kBins - 1);
      counts[b] += 1;
    }
    ChartSpec c;
    c.id = "hist-" + std::to_string(k);
    c.kind = "bar";
    c.x_title = s.output + " (bin centre)";
    c.y_title = "scenarios";
    c.zero = true;
    Table ht({"bin from", "bin to", "scenarios"});
    for (int b = 0; b < kBins; ++b) {
      const double lo = s.min + (s.max - s.min) * b / kBins, hi = s.min + (s.max - s.min) * (b + 1) / kBins;
      c.labels.push_back(format_number(0.5 * (lo + hi), 4));
      ht.row({format_number(lo, 4), format_number(hi, 4), format_number(counts[b], 0)});
    }
    Dataset ds;
    ds.label = s.output;
    ds.data = counts;
    c.datasets.push_back(ds);
    p.chart(c, "Distribution of " + s.output + " over " + std::to_string(s.valid) + " scenarios of " +
                   spec.sites[s.site].filename().string() + " (P5 " + format_number(s.p5, 4) + ", P50 " +
                   format_number(s.p50, 4) + ", P95 " + format_number(s.p95, 4) + ").",
            ht.html());
  }
  if (!r.sobol.empty()) {
    p.section("sobol", "Sobol' indices");
    // One chart per site × output: S1 and ST per factor.
    for (std::size_t site = 0; site < spec.sites.size(); ++site)
      for (const std::string& output : spec.outputs) {
        ChartSpec c;
        c.id = "sobol-" + std::to_string(site) + "-" + std::to_string(p.chart_count());
        c.kind = "bar";
        c.horizontal = true;  // factors on the vertical axis
        c.x_title = "share of the variance";
        c.y_title = "factor";
        Dataset s1, st;
        s1.label = "first order S1";
        st.label = "total ST";
        st.color = 1;
        Table ti({"factor", "S1", "S1 interval", "ST", "ST interval"});
        for (const SobolIndex& x : r.sobol) {
          if (x.site != site || x.output != output) continue;
          c.labels.push_back(x.factor);
          s1.data.push_back(x.s1);
          st.data.push_back(x.st);
          ti.row({"<code>" + html_escape(x.factor) + "</code>", format_number(x.s1, 3),
                  format_number(x.s1_low, 3) + " … " + format_number(x.s1_high, 3), format_number(x.st, 3),
                  format_number(x.st_low, 3) + " … " + format_number(x.st_high, 3)});
        }
        if (c.labels.empty()) continue;
        c.datasets = {s1, st};
        p.chart(c, "Sobol' indices of " + output + " (" + spec.sites[site].filename().string() + "), with " +
                       format_number(100 * spec.confidence, 0) + " % bootstrap intervals in the table.",
                ti.html());
      }
  }
  return p.finish();
}

std::string html_optimize_report(const OptimizeResult& r, const ReportInfo& info) {
  HtmlPage p("dcload — least-cost supply of " + r.site,
             html_escape(r.algorithm) + " · status " + html_escape(r.status), info);
  p.section("headline", "Headline figures");
  const bool bad = r.status != "optimal";
  if (bad || !r.reason.empty())
    p.html("<div class=\"status" + std::string(bad ? " bad" : "") + "\" role=\"status\"><strong>" +
           html_escape(r.status) + "</strong> " + html_escape(r.reason) + "</div>");
  p.begin_cards();
  p.card("Supply cost", format_number(r.cost_usd / 1e6, 1), "MUSD/yr", "");
  p.card("LCOE", format_number(r.lcoe_usd_per_mwh, 1), "USD/MWh", "");
  p.card("Cost per IT MWh", format_number(r.cost_per_it_mwh_usd, 1), "USD/MWh", "");
  p.card("Unserved energy", format_number(in_megawatt_hours(r.unserved), 1), "MWh", "",
         in_megawatt_hours(r.unserved) > 0);
  p.card("Least grid headroom", format_number(in_megawatts(r.min_grid_headroom), 1), "MW", "",
         in_megawatts(r.min_grid_headroom) < 0);
  p.end_cards();
  if (!r.notes.empty()) {
    std::string n = "<ul>";
    for (const auto& x : r.notes) n += "<li>" + html_escape(x) + "</li>";
    p.html(n + "</ul>");
  }
  p.section("mix", "Capacities and energy");
  ChartSpec cap;
  cap.id = "opt-capacity";
  cap.kind = "bar";
  cap.x_title = "source";
  cap.y_title = "capacity (MW; batteries MW and MWh)";
  cap.zero = true;
  ChartSpec en = cap;
  en.id = "opt-energy";
  en.y_title = "energy delivered (MWh)";
  Dataset c1, c2, e1;
  c1.label = "capacity (MW)";
  c2.label = "battery energy (MWh)";
  c2.color = 1;
  e1.label = "delivered (MWh)";
  e1.color = 2;
  Table t({"source", "type", "capacity (MW)", "battery energy (MWh)", "delivered (MWh)", "available (MWh)"});
  for (const OptimizedSource& s : r.sources) {
    cap.labels.push_back(s.name);
    c1.data.push_back(in_megawatts(s.capacity));
    c2.data.push_back(in_megawatt_hours(s.battery_energy));
    e1.data.push_back(in_megawatt_hours(s.energy));
    t.row({html_escape(s.name), html_escape(s.type), format_number(in_megawatts(s.capacity), 1),
           format_number(in_megawatt_hours(s.battery_energy), 1), format_number(in_megawatt_hours(s.energy), 0),
           format_number(in_megawatt_hours(s.available), 0)});
  }
  en.labels = cap.labels;
  cap.datasets = {c1, c2};
  en.datasets = {e1};
  p.chart(cap, "Capacities of the least-cost supply.", t.html());
  p.chart(en, "Energy each source delivers over the year.", t.html());
  return p.finish();
}

}  // namespace dcload
