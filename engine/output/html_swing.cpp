// The report page of `dcload swing --report`: the grid draw over the window before and after
// each smoothing layer, the RMS of its fluctuation per band, the cheapest stack, and the
// ride-through timelines. Every number is read from the SwingResult the command also prints
// and writes as JSON.
#include <algorithm>
#include <cmath>

#include "dcload/report.hpp"
#include "dcload/swing.hpp"
#include "output/html_page.hpp"

namespace dcload {
namespace {

using detail::ChartSpec;
using detail::Dataset;
using detail::HtmlPage;
using detail::Table;
using detail::format_number;
using detail::html_escape;

std::string n1(double v) { return format_number(v, 1); }
std::string pct(double share, int digits) { return format_number(100 * share, digits) + " %"; }

Table layers_table(const std::vector<SwingLayer>& layers) {
  Table t({"layer", "what", "mean MW", "ramp MW/s", "range MW", "in band", "band RMS MW",
           "inter-area", "cost kUSD/yr", "mask"});
  for (const SwingLayer& l : layers) {
    if (!l.active) continue;
    const SwingMetrics& m = l.after;
    t.row({html_escape(l.name), html_escape(l.label), n1(in_megawatts(m.mean)),
           format_number(m.max_ramp_w_per_s / 1e6, 2), format_number(in_megawatts(m.dynamic_range), 2),
           pct(m.band_share, 1), format_number(in_megawatts(m.band_rms), 3), pct(m.inter_area_share, 1),
           n1(l.cost_usd_per_yr / 1e3), m.compliant() ? "meets" : "breaks"},
          m.compliant() ? "" : "flag");
  }
  return t;
}

}  // namespace

std::string html_swing_report(const SwingResult& r, const ReportInfo& info) {
  HtmlPage p("dcload — training swings of " + r.site,
             "a " + format_number(in_si(r.duration) / 60.0, 1) + "-minute window at " +
                 format_number(r.dt_s, 2) + " s against the utility's mask, the smoothing layers, "
                 "the cheapest stack and the ride-through of a voltage-dip sequence",
             info);
  const SwingMetrics& raw = r.layers.front().after;
  const SwingMetrics& grid = r.layers.back().after;
  p.section("headline", "Headline figures");
  const bool ok = r.compliant();
  std::string status = ok ? "compliant" : "NOT compliant";
  std::string why;
  for (const std::string& b : grid.breaches) why += (why.empty() ? "" : "; ") + b;
  if (!r.ride_through.empty() && r.ride_through.front().transferred)
    why += (why.empty() ? "" : "; ") + std::string("the site's UPS logic transfers the campus");
  if (r.island.applies && !r.island.follows)
    why += (why.empty() ? "" : "; ") + std::string("the islanded plant does not hold the frequency");
  p.html("<div class=\"status" + std::string(ok ? "" : " bad") + "\" role=\"status\"><strong>" +
         status + "</strong> " + html_escape(why) + "</div>");
  p.begin_cards();
  p.card("Ramp as run", HtmlPage::number(raw.max_ramp_w_per_s / 1e6, 2, "as_run_max_ramp_mw_per_s"),
         "MW/s", "per " + format_number(r.dt_s, 2) + " s step", !raw.compliant());
  p.card("In the critical band", HtmlPage::number(raw.band_share, 3, "as_run_band_share"), "share",
         format_number(r.limits.band_low_hz, 2) + "–" + format_number(r.limits.band_high_hz, 0) +
             " Hz, as run");
  p.card("After the site's layers", HtmlPage::number(grid.band_share, 3, "grid_band_share"), "share",
         grid.compliant() ? "meets the mask" : "breaks the mask", !grid.compliant());
  if (r.stack.found)
    p.card("Cheapest stack", HtmlPage::number(r.stack.cost_usd_per_yr, 0, "stack_cost_usd_per_yr"), "USD/yr",
           "that meets the mask");
  else if (r.stack.searched)
    p.card("Cheapest stack", "—", "", "none of the searched stacks meets the mask", true);
  if (!r.ride_through.empty()) {
    const RideThroughCase& c = r.ride_through.front();
    p.card("To backup on the dips",
           HtmlPage::number(in_megawatts(c.transferred_load), 1, "ride_through_transferred_mw"), "MW",
           c.transferred ? "at " + format_number(c.transfer_s, 1) + " s, the site's UPS logic"
                         : "the site's UPS logic keeps the load on the grid",
           c.transferred);
  }
  p.end_cards();

  // The grid draw over the window, before and after each layer.
  p.section("draw", "Grid draw before and after each layer");
  ChartSpec c;
  c.id = "swing-draw";
  c.kind = "line";
  c.x_title = "seconds from the window's start";
  c.y_title = "grid draw (MW)";
  c.labels_ref = "t";
  std::vector<std::string> t;
  for (std::size_t k = 0; k < r.steps; ++k) t.push_back(format_number(static_cast<double>(k) * r.dt_s, 1));
  p.shared("t", t);
  for (std::size_t i = 0; i < r.series_w.size(); ++i) {
    std::vector<double> mw(r.series_w[i].size());
    std::transform(r.series_w[i].begin(), r.series_w[i].end(), mw.begin(), [](double w) { return w / 1e6; });
    p.shared("draw" + std::to_string(i), mw, 6);
    Dataset d;
    d.label = r.series_names[i];
    d.data_ref = "draw" + std::to_string(i);
    d.color = static_cast<int>(i);
    d.width = 1;
    c.datasets.push_back(d);
  }
  p.chart(c, "The facility's draw at the grid, as run and after each active layer of [smoothing] "
             "(GPU floor and ramp-down, rack PSU storage, UPS battery, site BESS, supercapacitors).",
          layers_table(r.layers).html(), true);

  // The RMS of the fluctuation per band.
  p.section("spectrum", "Spectrum before and after each layer");
  ChartSpec s;
  s.id = "swing-spectrum";
  s.kind = "bar";
  s.x_title = "band (Hz)";
  s.y_title = "RMS of the fluctuation (MW)";
  for (std::size_t i = 0; i + 1 < r.spectrum_edges_hz.size(); ++i)
    s.labels.push_back(format_number(r.spectrum_edges_hz[i], 1) + "–" +
                       format_number(std::min(r.spectrum_edges_hz[i + 1], 0.5 / r.dt_s), 1));
  std::vector<std::string> head = {"layer"};
  for (const std::string& l : s.labels) head.push_back(l + " Hz");
  Table st(head);
  int color = 0;
  for (const SwingLayer& l : r.layers) {
    if (!l.active) continue;
    Dataset d;
    d.label = l.name;
    d.color = color++;
    std::vector<std::string> row = {html_escape(l.name)};
    for (double v : l.after.band_rms_w) {
      d.data.push_back(v / 1e6);
      row.push_back(format_number(v / 1e6, 3));
    }
    st.row(row);
    s.datasets.push_back(d);
  }
  p.chart(s, "RMS of the grid draw's fluctuation in each band (Parseval over the window's "
             "one-sided spectrum, mean removed).",
          st.html());

  if (r.stack.searched) {
    p.section("stack", "Cheapest stack that meets the mask");
    std::string text = html_escape(r.stack.method) + ", " + std::to_string(r.stack.evaluated) + " stacks. ";
    if (r.stack.found) {
      text += html_escape("GPU floor " + pct(r.stack.gpu_floor, 0) + ", UPS smoothing " +
                          pct(r.stack.ups_share, 0) + ", BESS " + n1(in_megawatts(r.stack.bess_power)) +
                          " MW / " + format_number(in_megawatt_hours(r.stack.bess_energy), 3) +
                          " MWh, supercapacitors " + n1(in_megawatts(r.stack.supercap_power)) + " MW: " +
                          n1(r.stack.cost_usd_per_yr / 1e3) + " kUSD/yr.");
      p.html("<p>" + text + "</p>" + layers_table(r.stack.layers).html());
    } else {
      p.html("<p>" + text + html_escape("None meets the mask; the largest still breaks it: " +
                                        r.stack.why_not) + "</p>");
    }
  }

  p.section("ride-through", "Ride-through of the dip sequence");
  ChartSpec rt;
  rt.id = "swing-ride-through";
  rt.kind = "line";
  rt.x_linear = true;
  rt.x_title = "seconds after the first dip (the first 120 s)";
  rt.y_title = "campus load on the grid (MW)";
  const double base = in_megawatts(raw.mean);
  std::string tables;
  for (std::size_t i = 0; i < r.ride_through.size(); ++i) {
    const RideThroughCase& rc = r.ride_through[i];
    Dataset d;
    d.label = rc.setting == "site" ? "site setting" : rc.setting;
    d.color = static_cast<int>(i) * 3;
    d.step = true;
    Table tt({"time", "grid step MW", "event"}, (rc.setting == "site" ? "site setting: " : rc.setting + ": ") + rc.description);
    for (const RideThroughEvent& e : rc.timeline)
      tt.row({format_number(e.time_s, 3) + " s", format_number(in_megawatts(e.grid_step), 1), html_escape(e.what)},
             in_si(e.grid_step) < 0 ? "flag" : "");
    tables += tt.html();
    rt.datasets.push_back(d);
  }
  // Both settings on one x axis: the union of their event times, each held between events.
  {
    std::vector<double> xs = {-5.0, 120.0};
    for (const RideThroughCase& rc : r.ride_through)
      for (const RideThroughEvent& e : rc.timeline)
        if (e.time_s <= 120.0) xs.push_back(e.time_s);
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    for (double x : xs) rt.labels.push_back(format_number(x, 3));
    for (std::size_t i = 0; i < r.ride_through.size(); ++i) {
      std::vector<double> ys;
      double level = base;
      std::size_t j = 0;
      const auto& tl = r.ride_through[i].timeline;
      for (double x : xs) {
        while (j < tl.size() && tl[j].time_s <= x) level += in_megawatts(tl[j++].grid_step);
        ys.push_back(level);
      }
      rt.datasets[i].data = ys;
    }
  }
  p.chart(rt, "Campus load the grid carries through the dip sequence: the site's UPS transfer "
              "logic and the compared one (momentary dips last the dip's duration; a transfer "
              "holds until the return in the table).",
          tables);

  p.section("notes", "Method and notes");
  std::string n = "<ul class=\"notes\">";
  if (r.island.applies)
    n += "<li>" + html_escape("Islanded on " + r.island.plant + ": frequency deviation " +
                              format_number(r.island.max_frequency_deviation_hz, 3) + " Hz against ±" +
                              format_number(r.island.limit_hz, 2) + " Hz — " +
                              (r.island.follows ? "follows" : "does not follow; a grid-forming bridge of " +
                                                                  n1(in_megawatts(r.island.bridge_power)) + " MW / " +
                                                                  format_number(in_megawatt_hours(r.island.bridge_energy), 3) +
                                                                  " MWh closes the gap")) +
         "</li>";
  for (const std::string& x : r.notes) n += "<li>" + html_escape(x) + "</li>";
  p.html(n + "</ul>");
  return p.finish();
}

}  // namespace dcload
