// The site report (dcload report SITE): a run digested into hourly (or coarser) buckets while it
// runs, then drawn. Headline numbers are read with summary_value(), the function the Summary
// JSON is written from, so the page and `dcload run --json` cannot disagree.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <numeric>

#include "dcload/output.hpp"
#include "dcload/report.hpp"
#include "output/html_page.hpp"
#include "output/report_digest.hpp"

namespace dcload {
namespace {

using detail::ChartSpec;
using detail::Dataset;
using detail::HtmlPage;
using detail::Table;
using detail::format_number;
using detail::html_escape;
using detail::Envelope;
using detail::kDaysIn;
using detail::kMonth;
using detail::month_of;
using detail::time_label;
using Digest = detail::ReportDigest;
using Group = detail::ReportDigest::Group;
constexpr int kIt = Group::kIt, kCooling = Group::kCooling, kElectrical = Group::kElectrical,
              kAux = Group::kAux, kGroups = Group::kGroups;

std::vector<double> scaled(std::vector<double> v, double k) {
  for (double& x : v) x *= k;
  return v;
}

double value(const Summary& s, std::string_view key) {
  const auto v = summary_value(s, key);
  return v ? *v : NAN;
}

std::string n0(double v) { return format_number(v, 0); }
std::string n1(double v) { return format_number(v, 1); }
std::string n3(double v) { return format_number(v, 3); }

std::vector<std::string> month_labels() { return {std::begin(kMonth), std::end(kMonth)}; }

// The build-out year with the least headroom (nullptr without a build-out).
const BuildoutYear* tightest_year(const Summary& s) {
  if (s.buildout.empty()) return nullptr;
  return &*std::min_element(s.buildout.begin(), s.buildout.end(), [](const BuildoutYear& a, const BuildoutYear& b) {
    return a.min_grid_headroom < b.min_grid_headroom;
  });
}

// Headline figures, status and assumptions.
void headline(HtmlPage& p, const Site& site, const Summary& s) {
  p.section("headline", "Headline figures");
  const auto num = [&](std::string_view key, int digits) {
    return HtmlPage::number(value(s, key), digits, key);
  };
  p.begin_cards();
  p.card("Facility energy", num("facility_energy_mwh", 0), "MWh",
         "IT " + num("it_energy_mwh", 0) + " MWh");
  p.card("PUE, annual", num("pue_annual", 3), "", "facility ÷ IT energy");
  p.card("Peak facility demand", num("peak_facility_mw", 1), "MW",
         "at " + html_escape(s.peak_facility_time) + " (" + n1(in_celsius(s.peak_facility_dry_bulb)) +
             " °C dry-bulb)");
  p.card("Grid capacity", num("grid_capacity_mw", 1), "MW",
         "N-1: " + num("grid_capacity_n1_mw", 1) + " MW");
  const double head = value(s, "min_grid_headroom_mw"), head_n1 = value(s, "min_grid_headroom_n1_mw");
  p.card("Least headroom, normal", num("min_grid_headroom_mw", 1), "MW",
         "at " + html_escape(s.min_grid_headroom_time) + "; " + num("hours_over_capacity", 0) +
             " h over capacity",
         head < 0);
  p.card("Least headroom, N-1", num("min_grid_headroom_n1_mw", 1), "MW",
         num("hours_over_capacity_n1", 0) + " h over the N-1 capacity", head_n1 < 0);
  p.card("Design-day peak", num("design_day_facility_mw", 1), "MW",
         "ASHRAE 0.4 % day, " + num("design_day_dry_bulb_c", 1) + " °C");
  p.card("Largest facility ramp", num("max_facility_ramp_mw_per_min", 2), "MW/min",
         "range " + num("facility_dynamic_range_mw", 1) + " MW" +
             (in_si(s.timestep) > 1.0 ? "; steps of " + n0(in_si(s.timestep)) + " s: a lower bound"
                                      : std::string()));
  p.card("Water", num("water_m3", 0), "m³", "WUE " + num("wue_l_per_kwh", 2) + " L/kWh");
  p.card("CO₂", num("co2_t", 0), "t", "CUE " + num("cue_kg_per_kwh", 3) + " kg/kWh");
  p.card("Supply cost", num("supply_cost_musd", 1), "MUSD/yr",
         num("cost_per_it_mwh_usd", 1) + " USD per IT MWh" +
             (cost_is_complete(s) ? std::string()
                                  : "; omits the unserved energy (not priced: [economics] value_of_lost_load)"),
         !cost_is_complete(s));
  p.card("Carbon-free share (hourly, 0–1)", num("cfe_share", 3), "", "");
  p.card("Unserved energy", num("unserved_mwh", 1), "MWh", num("unserved_hours", 0) + " h",
         value(s, "unserved_mwh") > 0);
  if (!s.buildout.empty()) {
    const BuildoutYear* tight = tightest_year(s);
    p.card("Tightest build-out year", std::to_string(tight->year), "",
           n1(in_megawatts(tight->min_grid_headroom)) + " MW headroom that year (the cards above are "
           "the campus as fully built, " + std::to_string(s.buildout.back().year) + ")",
           in_megawatts(tight->min_grid_headroom) < 0);
  }
  p.end_cards();
  const bool ok = s.status.ok();
  std::string box = std::string("<div class=\"status") + (ok ? "" : " bad") +
                    "\" role=\"status\"><strong>Status: " + html_escape(s.status.name()) +
                    "</strong>";
  if (!s.status.messages.empty()) {
    box += "<ul>";
    for (const auto& m : s.status.messages) box += "<li>" + html_escape(m) + "</li>";
    box += "</ul>";
  } else {
    box += " — no breach of the connection, the plant or the supply.";
  }
  box += "</div>";
  p.html(box);
  if (!site.notes.empty()) {
    std::string notes = "<p><strong>Assumed by the reader</strong> (not written in the site file):</p><ul>";
    for (const auto& n : site.notes) notes += "<li>" + html_escape(n) + "</li>";
    p.html(notes + "</ul>");
  }
}

void monthly(HtmlPage& p, const Summary& s, const Digest& d) {
  p.section("monthly", "Monthly energy and PUE");
  const auto& mj = d.monthly_j();
  ChartSpec c;
  c.id = "monthly-energy";
  c.kind = "bar";
  c.stacked = true;
  c.labels = month_labels();
  c.x_title = "month";
  c.y_title = "energy (MWh)";
  c.zero = true;  // stacked bars start at zero
  c.y2_title = "PUE";
  const char* names[kGroups] = {"IT", "cooling", "electrical losses (UPS, distribution, transformers)",
                                "lighting, offices, generator heaters"};
  for (int g = 0; g < kGroups; ++g) {
    Dataset ds;
    ds.label = names[g];
    ds.color = g;
    ds.stack = "energy";
    for (int m = 0; m < 12; ++m) ds.data.push_back(mj[g][m] / 3.6e9);
    c.datasets.push_back(ds);
  }
  Dataset pue;
  pue.label = "PUE (right axis)";
  pue.type = "line";
  pue.axis = "y2";
  pue.color = 7;
  pue.points = true;
  pue.order = -1;
  for (int m = 0; m < 12; ++m) pue.data.push_back(s.pue_monthly[m]);
  c.datasets.push_back(pue);
  // The PUE axis spans the months' PUE (from 1.00 it would flatten the seasons).
  double lo = INFINITY, hi = -INFINITY;
  for (double v : pue.data)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (std::isfinite(lo)) {
    c.y2_min = std::max(1.0, std::floor((lo - 0.02) * 50.0) / 50.0);
    c.y2_max = std::ceil((hi + 0.02) * 50.0) / 50.0;
  }
  Table t({"month", "IT (MWh)", "cooling (MWh)", "electrical losses (MWh)", "auxiliaries (MWh)",
           "facility (MWh)", "PUE"});
  for (int m = 0; m < 12; ++m) {
    t.row({kMonth[m], n0(mj[kIt][m] / 3.6e9), n0(mj[kCooling][m] / 3.6e9),
           n0(mj[kElectrical][m] / 3.6e9), n0(mj[kAux][m] / 3.6e9),
           n0(in_megawatt_hours(s.facility_energy_monthly[m])), n3(s.pue_monthly[m])});
  }
  p.chart(c, "Energy by subsystem per month (stacked, MWh) and the month's PUE (right axis).",
          t.html());
}

void heat_map(HtmlPage& p, const Digest& d) {
  if (!d.full_hourly_year()) return;
  p.section("heatmap", "Facility power, day × hour");
  const std::vector<double> fac = scaled(d.mean("facility_power"), 1e-6);
  p.shared("facility_hourly_mw", fac);
  std::vector<std::string> days;
  for (int m = 0, day = 0; m < 12; ++m)
    for (int k = 0; k < kDaysIn[m]; ++k, ++day) days.push_back(std::string(kMonth[m]) + " " + std::to_string(k + 1));
  p.shared("day_labels", days);
  ChartSpec c;
  c.id = "heatmap";
  c.kind = "heatmap";
  c.values_ref = "facility_hourly_mw";
  c.min = *std::min_element(fac.begin(), fac.end());
  c.max = *std::max_element(fac.begin(), fac.end());
  c.unit = "MW";
  c.x_title = "day of the year";
  c.y_title = "hour of day (local standard time)";
  Table t({"month", "00–03", "03–06", "06–09", "09–12", "12–15", "15–18", "18–21", "21–24"},
          "Mean facility power (MW) by month and three-hour band");
  int day0 = 0;
  for (int m = 0; m < 12; ++m) {
    std::vector<std::string> row{kMonth[m]};
    for (int band = 0; band < 8; ++band) {
      double sum = 0;
      int n = 0;
      for (int day = day0; day < day0 + kDaysIn[m]; ++day)
        for (int h = band * 3; h < band * 3 + 3; ++h, ++n) sum += fac[day * 24 + h];
      row.push_back(n1(sum / n));
    }
    t.row(row);
    day0 += kDaysIn[m];
  }
  p.html("<p aria-hidden=\"true\">colour scale: " + n1(c.min) + " MW <span class=\"scale\"></span> " +
         n1(c.max) + " MW</p>");
  p.chart(c, "Facility power each hour of the year: days across, hours up; colour from " +
                 n1(c.min) + " MW (dark) to " + n1(c.max) + " MW (light).",
          t.html(), true);
}

void duration(HtmlPage& p, const Summary& s, Digest& d) {
  p.section("duration", "Load-duration curve");
  const std::size_t points = std::min<std::size_t>(d.total(), 2000);
  const std::vector<double> curve = scaled(d.duration_curve(points), 1e-6);
  const double hours = static_cast<double>(d.total()) * d.dt_s() / 3600.0;
  ChartSpec c;
  c.id = "duration";
  c.kind = "line";
  c.x_title = "hours of the run at or above the demand (h)";
  c.y_title = "demand (MW)";
  for (std::size_t i = 0; i < points; ++i) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%.0f", hours * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(1, points - 1)));
    c.labels.push_back(buf);
  }
  c.zero = true;
  Dataset dem;
  dem.label = "facility demand";
  dem.data = curve;
  dem.width = 2.5;
  c.datasets.push_back(dem);
  // With on-site supply the connection carries only what the grid is asked for.
  const std::vector<double> grid = scaled(d.grid_duration_curve(points), 1e-6);
  if (!grid.empty()) {
    Dataset g;
    g.label = "demand on the grid (import + unserved, after on-site supply)";
    g.data = grid;
    g.color = 2;
    g.width = 2.5;
    c.datasets.push_back(g);
  }
  const double cap = in_megawatts(s.grid_capacity), cap1 = in_megawatts(s.grid_capacity_n1);
  Dataset capd;
  capd.label = "grid capacity " + n1(cap) + " MW";
  capd.data.assign(points, cap);
  capd.color = 5;
  capd.dash = true;
  c.datasets.push_back(capd);
  Dataset n1d;
  n1d.label = "N-1 capacity " + n1(cap1) + " MW";
  n1d.data.assign(points, cap1);
  n1d.color = 3;
  n1d.dash = true;
  c.datasets.push_back(n1d);
  Table t(grid.empty() ? std::vector<std::string>{"share of the run at or above", "hours", "facility demand (MW)"}
                       : std::vector<std::string>{"share of the run at or above", "hours", "facility demand (MW)",
                                                  "demand on the grid (MW)"});
  for (double q : {0.0, 0.001, 0.01, 0.1, 0.5, 0.9, 1.0}) {
    const std::size_t i = static_cast<std::size_t>(std::llround(q * static_cast<double>(points - 1)));
    std::vector<std::string> row{format_number(100 * q, 1) + " %", n0(q * hours), n1(curve[i])};
    if (!grid.empty()) row.push_back(n1(grid[i]));
    t.row(row);
  }
  t.row({"grid capacity", "", n1(cap)});
  t.row({"N-1 capacity", "", n1(cap1)});
  p.chart(c, std::string(grid.empty() ? "Facility demand" : "Facility demand and the demand on the grid") +
                 " sorted from the largest step down, against the grid capacity and "
             "the capacity with the largest circuit or transformer out (N-1)" +
                 std::string(cap == cap1 ? " — here the same: with one transformer or circuit out the connection keeps its capacity" : "") +
                 std::string(d.fine() ? " (every step, not hourly means)." : "."),
          t.html());
}


void headroom(HtmlPage& p, const Summary& s, const Digest& d) {
  if (!d.has("grid_headroom")) return;
  p.section("headroom", "Grid headroom over the year");
  const Envelope& e = d.env("grid_headroom");
  const double cap = in_megawatts(s.grid_capacity), cap1 = in_megawatts(s.grid_capacity_n1);
  const double gap = cap - cap1;
  // Per day (per bucket for runs shorter than two days): the least and the most headroom, so a
  // year of hours reads as a band and no dip is lost.
  const double span_s = static_cast<double>(d.buckets()) * d.bucket_s();
  const std::size_t per = span_s >= 2 * 86400.0 ? std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(86400.0 / d.bucket_s()))) : 1;
  const std::size_t groups = (d.buckets() + per - 1) / per;
  std::vector<double> least(groups, INFINITY), most(groups, -INFINITY);
  for (std::size_t b = 0; b < d.buckets(); ++b) {
    least[b / per] = std::min(least[b / per], e.min[b] * 1e-6);
    most[b / per] = std::max(most[b / per], e.max[b] * 1e-6);
  }
  const std::string unit = per > 1             ? "day"
                           : !d.fine()           ? "step"
                           : d.bucket_s() < 60.0 ? n0(d.bucket_s()) + " s"
                                                 : n0(d.bucket_s() / 60) + " min";
  ChartSpec c;
  c.id = "headroom";
  c.kind = "line";
  c.x_title = per > 1 ? "day (MM-DD)" : "local standard time (MM-DD HH:MM)";
  c.y_title = "headroom (MW)";
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string label = time_label(d.bucket_start(g * per));
    c.labels.push_back(per > 1 ? label.substr(0, 5) : label);
  }
  Dataset lo;
  lo.label = "least headroom of each " + unit;
  lo.data = least;
  lo.width = 2;
  c.datasets.push_back(lo);
  Dataset hi;
  hi.label = "most headroom of each " + unit + " (the band between: the range)";
  hi.data = most;
  hi.fill = "-1";
  hi.color = 4;
  hi.width = 1;
  c.datasets.push_back(hi);
  if (gap > 1e-9) {
    Dataset n1d;
    n1d.label = "least headroom with N-1 (largest circuit or transformer out)";
    n1d.data = least;
    for (double& x : n1d.data) x -= gap;
    n1d.color = 3;
    n1d.width = 2;
    c.datasets.push_back(n1d);
  }
  Dataset zero;
  zero.label = "no headroom";
  zero.data.assign(groups, 0.0);
  zero.color = 5;
  zero.dash = true;
  c.datasets.push_back(zero);
  Table t({"month", "least headroom, normal (MW)", "least headroom, N-1 (MW)"});
  std::array<double, 12> month_least;
  month_least.fill(INFINITY);
  for (std::size_t b = 0; b < d.buckets(); ++b) {
    const int m = month_of(d.bucket_start(b));
    month_least[m] = std::min(month_least[m], e.min[b] * 1e-6);
  }
  for (int m = 0; m < 12; ++m)
    if (std::isfinite(month_least[m]))
      t.row({kMonth[m], n1(month_least[m]), n1(month_least[m] - gap)}, month_least[m] - gap < 0 ? "flag" : "");
  p.chart(c, "Grid capacity (" + n1(cap) + " MW) minus the demand on the grid, least and most of each " + unit +
                 (gap > 1e-9 ? "; and the least with one circuit or transformer out (N-1, " + n1(cap1) + " MW)"
                             : "; N-1 leaves the capacity unchanged (" + n1(cap1) + " MW), so its line is the same") +
                 ". Below the dashed line the demand exceeds the connection.",
          t.html());
}

void cooling_modes(HtmlPage& p, const Digest& d) {
  p.section("cooling", "Cooling modes by month");
  const auto& h = d.mode_hours();
  ChartSpec c;
  c.id = "cooling-modes";
  c.kind = "bar";
  c.stacked = true;
  c.labels = month_labels();
  c.x_title = "month";
  c.y_title = "hours (h)";
  c.zero = true;
  const char* names[3] = {"free cooling", "partial (economizer + chillers)", "mechanical (chillers)"};
  const int colors[3] = {2, 4, 5};
  Table t({"month", "free (h)", "partial (h)", "mechanical (h)"});
  for (int mode = 0; mode < 3; ++mode) {
    Dataset ds;
    ds.label = names[mode];
    ds.color = colors[mode];
    for (int m = 0; m < 12; ++m) ds.data.push_back(h[m][mode]);
    c.datasets.push_back(ds);
  }
  for (int m = 0; m < 12; ++m) t.row({kMonth[m], n0(h[m][0]), n0(h[m][1]), n0(h[m][2])});
  p.chart(c, "Hours each month in which the plant ran free, partly or wholly on chillers.", t.html());
}

// The cold source ([cooling.cold_source]): what it took month by month beside its backup, the
// sea and the warmest seawater returned against the limit, and the year's figures against the
// plant without it.
void cold_source(HtmlPage& p, const Site& site, const Summary& s, const Digest& d) {
  const Summary::ColdSource& x = s.cold_source;
  if (!x.enabled || !d.has_monthly("cold_source_heat")) return;
  p.section("cold", "Cold source: seawater");
  const auto num = [&](std::string_view key, int digits) {
    return HtmlPage::number(value(s, key), digits, key);
  };
  p.html("<p>" + html_escape(x.kind == "lng_terminal"
                                 ? "Seawater from the LNG terminal's vaporizers, used before the "
                                 : "Seawater from an intake, used before the ") +
         html_escape(x.backup == "none" ? "plant's heat rejection (none: seawater only)."
                                        : "backup heat rejection (" + x.backup + ").") +
         " Sea temperatures: " + html_escape(x.seawater_source) + "; flow profile: " +
         html_escape(x.flow_profile) + ".</p>");
  p.begin_cards();
  p.card("Heat to the seawater", num("cold_source_heat_mwh", 0), "MWh",
         num("cold_source_share", 3) + " of the heat rejected (0–1)");
  p.card("Hours it took all the heat", num("cold_source_full_hours", 0), "h",
         x.short_hours > 0 ? num("cold_source_short_hours", 0) + " h short, " +
                                 num("cold_source_unserved_mwh", 0) + " MWh unserved"
                           : std::string("the rest on the backup"),
         x.short_hours > 0);
  p.card("PUE without it", num("pue_without_cold_source", 3), "",
         "with it " + num("pue_annual", 3));
  p.card("Water saved", num("cold_source_water_avoided_m3", 0), "m³",
         "WUE " + num("wue_without_cold_source", 2) + " → " + num("wue_l_per_kwh", 2) + " L/kWh");
  p.card("Cooling energy saved", num("cold_source_cooling_avoided_mwh", 0), "MWh",
         "net of " + num("seawater_pump_mwh", 0) + " MWh of seawater pumps");
  p.card("Least discharge margin", num("discharge_margin_min_k", 2), "K",
         "warmest return " + num("discharge_max_c", 1) + " °C; limit the sea + " +
             n1(in_si(site.cooling.cold_source.max_discharge_rise)) + " K",
         x.min_discharge_margin_k < 0);
  p.end_cards();
  const auto cold = d.monthly_sum("cold_source_heat"), all = d.monthly_sum("heat_rejected");
  const auto sea = d.monthly_mean("sea_temperature"), out = d.monthly_max("discharge_temperature");
  ChartSpec c;
  c.id = "cold-source";
  c.kind = "bar";
  c.stacked = true;
  c.labels = month_labels();
  c.x_title = "month";
  c.y_title = "heat (MWh)";
  c.zero = true;
  c.y2_title = "temperature (°C)";
  Dataset a, b, t1, t2;
  a.label = "to the seawater";
  a.color = 2;
  a.stack = "heat";
  b.label = x.backup == "none" ? "to the exhaust air" : "to the backup and exhaust air";
  b.color = 4;
  b.stack = "heat";
  t1.label = "sea, monthly mean (right axis)";
  t2.label = "warmest seawater returned (right axis)";
  for (Dataset* ds : {&t1, &t2}) ds->type = "line", ds->axis = "y2", ds->points = true, ds->order = -1;
  t1.color = 0;
  t2.color = 5;
  t2.dash = true;
  Table t({"month", "to the seawater (MWh)", "elsewhere (MWh)", "sea (°C)", "warmest return (°C)"});
  for (int m = 0; m < 12; ++m) {
    a.data.push_back(cold[m] / 3.6e9);
    b.data.push_back((all[m] - cold[m]) / 3.6e9);
    t1.data.push_back(sea[m]);
    t2.data.push_back(std::isfinite(out[m]) ? out[m] : NAN);
    t.row({kMonth[m], n0(cold[m] / 3.6e9), n0((all[m] - cold[m]) / 3.6e9), n1(sea[m]),
           std::isfinite(out[m]) ? n1(out[m]) : std::string("—")});
  }
  c.datasets = {a, b, t1, t2};
  p.chart(c, "Heat rejected per month: to the seawater and elsewhere (stacked, MWh); the sea and "
             "the warmest seawater returned (right axis, °C).",
          t.html());
}

// A day profile chart: facility, IT, cooling (MW) and dry-bulb (°C, right axis).
void day_chart(HtmlPage& p, const std::string& id, const std::string& caption,
               const std::vector<double>& fac, const std::vector<double>& it,
               const std::vector<double>& cool, const std::vector<double>& db,
               const std::vector<double>* fac_max) {
  ChartSpec c;
  c.id = id;
  c.kind = "line";
  c.x_title = "hour of day (local standard time)";
  c.y_title = "power (MW)";
  c.zero = true;
  c.y2_title = "dry-bulb (°C)";
  for (std::size_t h = 0; h < fac.size(); ++h) c.labels.push_back(std::to_string(h) + ":00");
  const auto add = [&](const std::string& label, const std::vector<double>& v, int color,
                       bool y2, bool dash) {
    Dataset ds;
    ds.label = label;
    ds.data = v;
    ds.color = color;
    ds.points = true;
    ds.dash = dash;
    if (y2) ds.axis = "y2";
    c.datasets.push_back(ds);
  };
  add("facility", fac, 0, false, false);
  if (fac_max) add("facility, largest step of the hour", *fac_max, 0, false, true);
  add("IT", it, 2, false, false);
  add("cooling", cool, 1, false, false);
  add("dry-bulb (right axis)", db, 5, true, true);
  Table t({"hour", "facility (MW)", "IT (MW)", "cooling (MW)", "dry-bulb (°C)"});
  for (std::size_t h = 0; h < fac.size(); ++h)
    t.row({std::to_string(h) + ":00", n1(fac[h]), n1(it[h]), n1(cool[h]), n1(db[h])});
  p.chart(c, caption, t.html());
}

void days(HtmlPage& p, const RunResult& r, const Digest& d) {
  p.section("days", "Design day and peak day");
  const auto channel = [&](const char* name) -> std::vector<double> {
    for (const Channel& c : r.design_day)
      if (c.name == name) {
        std::vector<double> v = c.values;
        for (double& x : v) x = x * c.display_scale + c.display_offset;
        return v;
      }
    return {};
  };
  if (!r.design_day.empty()) {
    p.html("<h3>ASHRAE 0.4 % design day</h3>");
    day_chart(p, "design-day",
              "The ASHRAE 0.4 % design day of the weather (" +
                  n1(in_celsius(r.summary.design_day_dry_bulb)) +
                  " °C peak dry-bulb) through the same plant, hour by hour.",
              channel("facility_power"), channel("it_power"), channel("cooling_power"),
              channel("dry_bulb"), nullptr);
  } else {
    p.html("<p>The weather has no design conditions: no design day.</p>");
  }
  if (!d.full_hourly_year()) return;
  // The day holding the peak hour (hourly means; the largest step of each hour beside them).
  const Envelope& fe = d.env("facility_power");
  const auto peak = static_cast<std::size_t>(std::max_element(fe.max.begin(), fe.max.end()) - fe.max.begin());
  const std::size_t day = peak / 24;
  const auto slice = [&](const std::vector<double>& v, double k) {
    std::vector<double> o(v.begin() + static_cast<long>(day * 24), v.begin() + static_cast<long>(day * 24 + 24));
    for (double& x : o) x *= k;
    return o;
  };
  const std::vector<double> fmax = slice(fe.max, 1e-6);
  p.html("<h3>Peak day of the year (" + time_label(static_cast<double>(day) * 86400.0).substr(0, 5) + ")</h3>");
  day_chart(p, "peak-day",
            "The day of the year's peak demand (" + time_label(static_cast<double>(day) * 86400.0).substr(0, 5) +
                "), hourly " + (d.fine() ? "means and the largest step of each hour." : "values."),
            slice(d.mean("facility_power"), 1e-6), slice(d.mean("it_power"), 1e-6),
            slice(d.mean("cooling_power"), 1e-6), slice(d.mean("dry_bulb"), 1.0),
            d.fine() ? &fmax : nullptr);
}

// A week's supply stack: grid import, each on-site source, battery discharge (up), battery
// charge (down), the demand and the battery's state of charge (right axis).
void supply_week(HtmlPage& p, const Site& site, const Digest& d, std::size_t first_hour,
                 const std::string& id, const std::string& caption) {
  const std::size_t n = std::min<std::size_t>(168, d.buckets() - first_hour);
  const auto week = [&](const std::string& name, double k) {
    std::vector<double> v = d.mean(name);
    std::vector<double> o(v.begin() + static_cast<long>(first_hour), v.begin() + static_cast<long>(first_hour + n));
    for (double& x : o) x *= k;
    return o;
  };
  ChartSpec c;
  c.id = id;
  c.kind = "line";
  c.stacked = false;
  c.x_title = "local standard time (MM-DD HH:MM)";
  c.y_title = "power (MW)";
  c.y2_title = "battery state of charge (%)";
  c.y2_min = 0;
  c.y2_max = 100;
  for (std::size_t h = 0; h < n; ++h) c.labels.push_back(time_label(d.bucket_start(first_hour + h)));
  // Stacked areas by cumulative sums (each dataset filled to the previous one).
  std::vector<double> base(n, 0.0);
  std::vector<std::pair<std::string, std::vector<double>>> layers;
  if (d.has("grid_import")) layers.emplace_back("grid import (also charges the battery)", week("grid_import", 1e-6));
  for (const SupplySpec& s : site.supply) {
    const std::string ch = source_channel_name(s.name);
    if (d.has(ch)) layers.emplace_back(s.name, week(ch, 1e-6));
  }
  if (d.has("battery_discharge")) layers.emplace_back("battery discharge", week("battery_discharge", 1e-6));
  Table t({"day", "demand (MWh)"});
  // Palette slots: grid blue, sources orange / green / sky blue / yellow, battery discharge
  // reddish purple, its charge grey, the demand black, the state of charge vermillion.
  static constexpr int kLayerColors[] = {0, 1, 2, 4, 6};
  std::size_t layer = 0;
  for (auto& [label, v] : layers) {
    Dataset ds;
    ds.label = label;
    const bool battery = label == "battery discharge";
    ds.color = battery ? 3 : kLayerColors[std::min<std::size_t>(layer++, 4)];
    ds.fill = c.datasets.empty() ? "origin" : "-1";
    for (std::size_t h = 0; h < n; ++h) base[h] += v[h];
    ds.data = base;
    c.datasets.push_back(ds);
  }
  if (d.has("battery_charge")) {
    Dataset ch;
    ch.label = "battery charge (drawn below zero)";
    ch.data = scaled(week("battery_charge", 1e-6), -1.0);
    ch.color = 8;
    ch.fill = "origin";
    c.datasets.push_back(ch);
  }
  Dataset dem;
  dem.label = "facility demand";
  dem.data = week("facility_power", 1e-6);
  dem.color = 7;
  dem.dash = true;
  dem.width = 2;
  dem.order = -2;
  c.datasets.push_back(dem);
  if (d.has("battery_soc")) {
    Dataset soc;
    soc.label = "battery state of charge (right axis)";
    soc.data = scaled(week("battery_soc", 1.0), 100.0);
    soc.color = 5;
    soc.width = 2;
    soc.axis = "y2";
    soc.order = -1;
    c.datasets.push_back(soc);
  }
  // Text alternative: energy per day by layer.
  std::vector<std::string> head{"day", "demand (MWh)"};
  for (const auto& l : layers) head.push_back(html_escape(l.first) + " (MWh)");
  Table daily(head);
  const std::vector<double> demand = week("facility_power", 1e-6);
  for (std::size_t day = 0; day * 24 < n; ++day) {
    const std::size_t a = day * 24, b = std::min(n, a + 24);
    std::vector<std::string> row{time_label(d.bucket_start(first_hour + a)).substr(0, 5)};
    row.push_back(n0(std::accumulate(demand.begin() + static_cast<long>(a), demand.begin() + static_cast<long>(b), 0.0)));
    for (const auto& l : layers)
      row.push_back(n0(std::accumulate(l.second.begin() + static_cast<long>(a), l.second.begin() + static_cast<long>(b), 0.0)));
    daily.row(row);
  }
  p.chart(c, caption, daily.html());
}

void supply(HtmlPage& p, const Site& site, const Summary& s, const Digest& d) {
  p.section("supply", "Supply");
  Table t({"source", "type", "capacity (MW)", "delivered (MWh)", "renewables: of it into the battery (MWh)",
           "curtailed or spilled (MWh)", "CO₂ (t)", "cost (MUSD/yr)"});
  for (const SupplyResult& x : s.supply)
    t.row({html_escape(x.name), html_escape(x.type), n1(in_megawatts(x.capacity)),
           n0(in_megawatt_hours(x.energy)),
           x.type == "solar" || x.type == "wind" ? n0(in_megawatt_hours(x.charged)) : "—",
           n0(in_megawatt_hours(x.curtailed)), n0(in_si(x.co2) / 1e3), format_number(x.cost_usd / 1e6, 2)});
  p.html(t.html());
  std::vector<std::string> renewables;
  for (const SupplySpec& x : site.supply)
    if (x.type == SupplyType::kSolar || x.type == SupplyType::kWind) {
      const std::string ch = source_channel_name(x.name);
      if (d.has(ch)) renewables.push_back(ch);
    }
  const bool onsite = std::any_of(site.supply.begin(), site.supply.end(),
                                  [](const SupplySpec& x) { return x.type != SupplyType::kGrid; });
  if (!onsite || !d.full_hourly_year()) {
    p.html(onsite ? "<p>The weekly supply stacks need a whole year (hourly or finer).</p>"
                  : "<p>The campus imports all its energy from the grid: no supply stack to draw.</p>");
    return;
  }
  // Week of peak demand: the 168 h starting at midnight of the peak day, moved back so that
  // it fits the year.
  const Envelope& fe = d.env("facility_power");
  const auto peak = static_cast<std::size_t>(std::max_element(fe.max.begin(), fe.max.end()) - fe.max.begin());
  const std::size_t peak_week = std::min<std::size_t>(peak / 24 * 24 > 72 ? peak / 24 * 24 - 72 : 0, 8760 - 168);
  if (!renewables.empty()) {
    // Week of least renewable output: the 168 h starting at a midnight with the least sum.
    std::vector<double> re(8760, 0.0);
    for (const auto& ch : renewables) {
      const std::vector<double> v = d.mean(ch);
      for (std::size_t h = 0; h < 8760; ++h) re[h] += v[h];
    }
    std::size_t best = 0;
    double least = INFINITY;
    for (std::size_t start = 0; start + 168 <= 8760; start += 24) {
      const double sum = std::accumulate(re.begin() + static_cast<long>(start), re.begin() + static_cast<long>(start + 168), 0.0);
      if (sum < least) least = sum, best = start;
    }
    supply_week(p, site, d, best, "supply-least-re",
                "The week with the least renewable output (from " + time_label(best * 3600.0).substr(0, 5) +
                    "): who served the demand, stacked, and the battery's state of charge. The stack reaches "
                    "above the demand line by what went into the battery, drawn below zero.");
  }
  supply_week(p, site, d, peak_week, "supply-peak",
              "The week around the peak demand (from " + time_label(peak_week * 3600.0).substr(0, 5) +
                  "): who served the demand, stacked, and the battery's state of charge. The stack reaches "
                  "above the demand line by what went into the battery, drawn below zero.");
}

void buildout(HtmlPage& p, const Summary& s) {
  if (s.buildout.empty()) return;
  p.section("buildout", "Build-out by year");
  ChartSpec c;
  c.id = "buildout";
  c.kind = "bar";
  c.x_title = "year";
  c.y_title = "power (MW)";
  Dataset peak;
  peak.label = s.binding_year ? "peak facility demand (binding year in vermillion)"
                             : "peak facility demand (tightest year in vermillion)";
  Dataset cap;
  cap.label = "grid capacity in force on 1 January";
  cap.type = "line";
  cap.color = 7;
  cap.step = true;
  cap.points = true;
  cap.order = -1;
  Dataset cap1;
  cap1.label = "N-1 capacity (largest circuit or transformer out)";
  cap1.type = "line";
  cap1.color = 3;
  cap1.step = true;
  cap1.dash = true;
  cap1.points = true;
  cap1.order = -1;
  Table t({"year", "accelerators", "peak IT (MW)", "peak facility (MW)", "grid capacity (MW)",
           "least headroom (MW)", "N-1 capacity (MW)", "least headroom, N-1 (MW)", "PUE", "CO₂ (t)",
           "unserved (MWh)"});
  // The binding year (Summary::binding_year: the first whose demand exceeds the connection in
  // force), else the tightest (least headroom), marked as such.
  int marked = s.binding_year;
  if (marked == 0) {
    marked = tightest_year(s)->year;
  }
  const std::string mark = s.binding_year ? " (binding)" : " (tightest)";
  for (const BuildoutYear& y : s.buildout) {
    c.labels.push_back(std::to_string(y.year));
    peak.data.push_back(in_megawatts(y.peak_facility));
    peak.colors.push_back(y.year == marked ? 5 : 0);
    cap.data.push_back(in_megawatts(y.grid_capacity));
    cap1.data.push_back(in_megawatts(y.grid_capacity_n1));
    t.row({std::to_string(y.year) + (y.year == marked ? mark : ""),
           n0(static_cast<double>(y.gpu_count)), n1(in_megawatts(y.peak_it)),
           n1(in_megawatts(y.peak_facility)), n1(in_megawatts(y.grid_capacity)),
           n1(in_megawatts(y.min_grid_headroom)), n1(in_megawatts(y.grid_capacity_n1)),
           n1(in_megawatts(y.min_grid_headroom_n1)), n3(y.pue), n0(in_si(y.co2) / 1e3),
           n0(in_megawatt_hours(y.unserved))},
          in_megawatts(y.min_grid_headroom) < 0 || y.n1_exceeded ? "flag" : "");
  }
  c.datasets = {peak, cap, cap1};
  p.chart(c, "Peak facility demand of each build-out year against the connection in force; " +
                 (s.binding_year ? "the binding year, the first whose demand exceeds it, is " +
                                       std::to_string(s.binding_year) + "."
                                 : "no year exceeds the connection; the tightest (least headroom) is " +
                                       std::to_string(marked) + "."),
          t.html());
}

void plant(HtmlPage& p, const Summary& s) {
  p.section("plant", "Installed plant");
  Table t({"equipment", "hall", "duty", "installed", "unit (MW)", "installed (MW)",
           "design load (MW)", "largest load (MW)", "hours over"});
  for (const ComponentResult& c : s.plant)
    t.row({html_escape(c.name), html_escape(c.hall.empty() ? "campus" : c.hall),
           std::to_string(c.duty), std::to_string(c.installed), format_number(in_megawatts(c.unit), 2),
           n1(in_megawatts(c.installed_capacity)), n1(in_megawatts(c.design_load)),
           n1(in_megawatts(c.max_load)), n0(c.hours_over)},
          c.hours_over > 0 ? "flag" : "");
  p.html("<p>Sized on " + html_escape(s.design_basis) + ": " + n1(in_celsius(s.design_wet_bulb)) +
         " °C wet-bulb, " + n1(in_celsius(s.design_dry_bulb)) + " °C dry-bulb.</p>" + t.html());
}

void inputs(HtmlPage& p, const Site& site) {
  p.section("inputs", "Inputs as resolved");
  std::size_t defaults = 0;
  for (const auto& in : site.inputs) defaults += in.is_default();
  p.html("<p>Every key the engine read: " + std::to_string(site.inputs.size()) + " in all, " +
         std::to_string(defaults) +
         " of them defaults (in grey, with the source of the default). Values as written.</p>");
  Table t({"key", "value", "unit", "from", "source of the default", "meaning"}, "", "inputs");
  for (const auto& in : site.inputs) {
    // The display unit only where the value is written without one ("0.73", not "250 kW").
    const bool bare = in.value.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ%°\"") ==
                      std::string::npos;
    t.row({"<code>" + html_escape(in.key) + "</code>", html_escape(in.value), bare ? html_escape(in.unit) : "",
           in.is_default() ? "<em>default</em>" : html_escape(in.origin),
           in.source.empty() ? (in.is_default() ? "<em>a setting, not a sourced figure</em>" : "")
                             : html_escape(in.source),
           html_escape(in.description)},
          in.is_default() ? "default-row" : "");
  }
  p.html(t.html());
}

}  // namespace

SiteReport html_site_report(const Site& site, RunOptions options, const ReportInfo& info) {
  Digest digest;
  options.sink = &digest;
  options.keep_in_memory = false;
  options.channels.clear();
  SiteReport out;
  out.result = run(site, options);
  const Summary& s = out.result.summary;
  char sub[512];
  std::snprintf(sub, sizeof sub, "weather %s · %zu steps of %g s · design IT %.1f MW · status %s",
                s.weather_source.c_str(), static_cast<std::size_t>(s.steps), in_si(s.timestep),
                in_megawatts(s.design_it_power), std::string(s.status.name()).c_str());
  HtmlPage p("dcload — " + s.site, html_escape(sub), info);
  headline(p, site, s);
  monthly(p, s, digest);
  heat_map(p, digest);
  duration(p, s, digest);
  headroom(p, s, digest);
  cooling_modes(p, digest);
  cold_source(p, site, s, digest);
  days(p, out.result, digest);
  supply(p, site, s, digest);
  buildout(p, s);
  plant(p, s);
  inputs(p, site);
  out.html = p.finish();
  return out;
}

}  // namespace dcload
