// The report pages of the interconnection case: flexibility against the connection
// (`capacity --flex --report`), outage survival (`outage --report`) and the data pack with the
// Korean grid-impact pre-screen (`datapack --report`, `kgia --report`). Every number is read
// from the result the command also prints and writes as JSON.
#include <algorithm>
#include <cmath>
#include <cstdio>

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
using detail::kDaysIn;
using detail::kMonth;

std::string n0(double v) { return format_number(v, 0); }
std::string n1(double v) { return format_number(v, 1); }
std::string pct(double share, int digits) { return format_number(100 * share, digits) + " %"; }

void notes(HtmlPage& p, const std::vector<std::string>& list, const std::string& lead = "") {
  if (list.empty()) return;
  std::string n = lead.empty() ? "" : "<p>" + html_escape(lead) + "</p>";
  n += "<ul class=\"notes\">";
  for (const auto& x : list) n += "<li>" + html_escape(x) + "</li>";
  p.html(n + "</ul>");
}

std::string year_or_none(int y) { return y > 0 ? std::to_string(y) : "none in the schedule"; }

}  // namespace

std::string html_flex_report(const FlexResult& f, const ReportInfo& info) {
  HtmlPage p("dcload — flexibility against the connection of " + f.site,
             "how much more IT the same connection carries when the campus curtails IT in the hours it "
             "binds; " + std::to_string(f.trials) + " runs, in whole nodes of " + html_escape(f.accelerator),
             info);
  const FlexPoint& s = f.at_site_limits;
  p.section("headline", "Headline figures");
  p.begin_cards();
  p.card("Largest IT without flexibility", n1(in_megawatts(f.no_flex.max_it)), "MW",
         n0(static_cast<double>(f.no_flex.max_gpus)) + " accelerators (year, normal)");
  p.card("Largest IT at the site's limits", n1(in_megawatts(s.max_it)), "MW",
         "+" + n1(in_megawatts(s.added_it)) + " MW with at most " + pct(f.spec.max_energy_share, 2) +
             " of IT energy curtailed");
  p.card("Curtailment at that size", n0(s.curtailed_hours), "h",
         std::to_string(s.events) + " events, longest " + n1(s.longest_event_h) + " h, deepest " +
             pct(s.deepest_share, 1));
  p.card("Compute lost", n0(in_megawatt_hours(s.lost_it)), "MWh",
         s.revenue_cost_usd > 0 ? "≈ " + format_number(s.revenue_cost_usd / 1e6, 2) + " MUSD/yr at flex.value_of_compute"
                                : "not priced (flex.value_of_compute = 0)");
  p.end_cards();

  p.section("curve", "Added IT against curtailment");
  ChartSpec c;
  c.id = "flex-curve";
  c.kind = "line";
  c.x_title = "curtailed IT energy allowed (share of the year's IT energy)";
  c.y_title = "IT added to the connection (MW)";
  c.zero = true;
  Dataset site_limits, energy_only;
  site_limits.label = "within the site's depth, duration and event limits";
  site_limits.points = true;
  site_limits.width = 2;
  energy_only.label = "energy share only (Duke's measure: the ceiling)";
  energy_only.points = true;
  energy_only.dash = true;
  energy_only.color = 4;
  Table t({"energy curtailed allowed", "added IT, site limits (MW)", "accelerators", "curtailed hours",
           "events", "longest (h)", "deepest share", "lost compute (MWh)", "binding limit",
           "added IT, energy only (MW)"});
  for (std::size_t i = 0; i < f.curve.size(); ++i) {
    const FlexPoint& x = f.curve[i];
    c.labels.push_back(pct(x.energy_share_limit, 2));
    site_limits.data.push_back(in_megawatts(x.added_it));
    const double eo = i < f.curve_energy_only.size() ? in_megawatts(f.curve_energy_only[i].added_it) : NAN;
    energy_only.data.push_back(eo);
    t.row({pct(x.energy_share_limit, 2), n1(in_megawatts(x.added_it)), n0(static_cast<double>(x.max_gpus)),
           n0(x.curtailed_hours), std::to_string(x.events), n1(x.longest_event_h), pct(x.deepest_share, 1),
           n0(in_megawatt_hours(x.lost_it)), html_escape(x.binding), n1(eo)});
  }
  c.datasets = {site_limits, energy_only};
  p.chart(c,
          "IT that fits the same connection beyond the " + n1(in_megawatts(f.no_flex.max_it)) +
              " MW it carries without flexibility, as the share of the year's IT energy that may be "
              "curtailed grows (curtailable share " + pct(f.offered_share, 0) + ", events of at most " +
              n1(in_si(f.spec.max_duration) / 3600) + " h" +
              (f.spec.max_events > 0 ? ", at most " + std::to_string(f.spec.max_events) + " a year" : "") +
              "). The dashed line bounds only the energy share, as Norris et al. (Duke, 2025) do.",
          t.html());

  if (!f.phases.empty()) {
    p.section("phases", "Earliest energization of each build-out step");
    Table ph({"planned year", "added", "accelerators", "peak facility (MW)", "earliest without flexibility",
              "earliest with flexibility"});
    for (const PhaseEnergization& e : f.phases)
      ph.row({std::to_string(e.planned_year), html_escape(e.added), n0(static_cast<double>(e.gpu_count)),
              n1(in_megawatts(e.peak_facility)), year_or_none(e.earliest_without_flex),
              year_or_none(e.earliest_with_flex)},
             e.earliest_without_flex != e.planned_year ? "flag" : "");
    p.html("<p>A step is energized in the first year, from its planned year on, whose connection (with "
           "its scheduled upgrades) carries the campus with that step built; flagged rows wait for the "
           "grid without flexibility.</p>" + ph.html());
  }
  p.section("notes", "Method and notes");
  notes(p, f.notes);
  return p.finish();
}

std::string html_outage_report(const SiteOutage& s, const ReportInfo& info) {
  HtmlPage p("dcload — outage survival of " + s.site,
             "chance that the backup carries the critical load through a grid outage, over every start "
             "hour of the year (REopt's backup-reliability method)",
             info);
  p.section("headline", "Headline figures");
  p.html("<div class=\"status" + std::string(s.target_met ? "" : " bad") + "\" role=\"status\"><strong>" +
         (s.target_met ? "target met" : "target NOT met") + "</strong> " +
         html_escape(pct(s.target, 1) + " for " + n0(s.target_hours) + " h: " +
                     format_number(100 * s.survival_at_target, 3) + " % averaged over start hours") +
         "</div>");
  p.begin_cards();
  p.card("Survival of " + n0(s.target_hours) + " h (share)",
         HtmlPage::number(s.survival_at_target, 4, "survival_at_target"), "",
         "target " + pct(s.target, 1), !s.target_met);
  p.card("Generator sets", HtmlPage::number(s.generators, 0, "generators"), "",
         format_number(in_megawatts(s.generator_rating), 2) + " MW each, fuel for " +
             n0(in_si(s.generator_fuel) / 3600) + " h");
  p.card("Sets for the target", s.generators_for_target >= 0 ? std::to_string(s.generators_for_target) : "—", "",
         "with fuel that never runs out", s.generators_for_target > s.generators || s.generators_for_target < 0);
  p.card("Fuel for the target", s.fuel_hours_for_target > 0 ? n1(s.fuel_hours_for_target) : "—", "h",
         "of all installed sets at full load", s.fuel_hours_for_target <= 0);
  p.card("Critical load", HtmlPage::number(in_megawatts(s.peak_critical_load), 1, "peak_critical_load_mw"), "MW peak",
         n1(in_megawatts(s.mean_critical_load)) + " MW mean");
  p.end_cards();

  p.section("curve", "Survival against outage length");
  ChartSpec c;
  c.id = "outage-survival";
  c.kind = "line";
  c.x_linear = true;
  c.x_title = "outage length (h)";
  c.y_title = "survival probability (%)";
  c.y_min = 0;
  c.y_max = 100;
  Dataset mean, minimum, all, target;
  mean.label = "mean over start hours";
  mean.points = true;
  mean.width = 2;
  minimum.label = "worst start hour";
  minimum.points = true;
  minimum.color = 5;
  all.label = "mean, every unit and store available at the start";
  all.dash = true;
  all.color = 4;
  target.label = "target " + pct(s.target, 1);
  target.dash = true;
  target.color = 3;
  Table t({"outage (h)", "mean survival", "worst start hour's", "worst start (hour, day)"});
  for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i) {
    c.labels.push_back(format_number(s.survival.durations_h[i], 0));
    mean.data.push_back(100 * s.survival.mean[i]);
    minimum.data.push_back(100 * s.survival.minimum[i]);
    all.data.push_back(100 * (i < s.mean_all_available.size() ? s.mean_all_available[i] : s.survival.mean[i]));
    target.data.push_back(100 * s.target);
    const int h = s.survival.worst_start[i];
    t.row({n0(s.survival.durations_h[i]), format_number(100 * s.survival.mean[i], 3) + " %",
           format_number(100 * s.survival.minimum[i], 3) + " %",
           std::to_string(h) + ", day " + std::to_string(h / 24 + 1)},
          std::abs(s.survival.durations_h[i] - s.target_hours) < 1e-9 && !s.target_met ? "flag" : "");
  }
  c.datasets = {mean, minimum, all, target};
  p.chart(c, "Chance of carrying the critical load through an outage of each length: the mean over the "
             "year's start hours, the worst start hour, and the mean before weighting by what is "
             "available at the start (battery 0.97, PV 0.98, wind 0.97, REopt).",
          t.html());

  // Survival of the target's length by start day: the least of each day's 24 start hours.
  for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i) {
    if (std::abs(s.survival.durations_h[i] - s.target_hours) > 1e-9 || i >= s.survival.by_start.size()) continue;
    const std::vector<double>& v = s.survival.by_start[i];
    const std::size_t days = v.size() / 24;
    if (days < 2) break;
    ChartSpec d;
    d.id = "outage-by-day";
    d.kind = "line";
    d.x_title = "day of the year the outage starts";
    d.y_title = "survival of " + n0(s.target_hours) + " h (%)";
    Dataset least, tgt;
    least.label = "least over the day's start hours";
    least.width = 1.5;
    tgt.label = "target";
    tgt.dash = true;
    tgt.color = 3;
    Table dt({"month", "least survival of " + n0(s.target_hours) + " h"});
    for (std::size_t day = 0; day < days; ++day) {
      double m = 1;
      for (std::size_t h = 0; h < 24; ++h) m = std::min(m, v[day * 24 + h]);
      d.labels.push_back(std::to_string(day + 1));
      least.data.push_back(100 * m);
      tgt.data.push_back(100 * s.target);
    }
    for (std::size_t mo = 0, first = 0; mo < 12 && first + kDaysIn[mo] <= days; first += kDaysIn[mo++]) {
      double m = 1;
      for (std::size_t day = first; day < first + kDaysIn[mo]; ++day) m = std::min(m, least.data[day] / 100);
      dt.row({kMonth[mo], format_number(100 * m, 3) + " %"}, m < s.target ? "flag" : "");
    }
    d.datasets = {least, tgt};
    p.chart(d, "When in the year an outage of " + n0(s.target_hours) +
                   " h is hardest to ride through: the least survival of each day's start hours.",
            dt.html());
    break;
  }
  p.section("notes", "What is counted");
  std::vector<std::string> counted;
  counted.push_back(std::to_string(s.generators) + " standby sets × " +
                    format_number(in_megawatts(s.generator_rating), 2) + " MW, fail to start " +
                    format_number(100 * s.fail_to_start, 2) + " %, MTTF " +
                    n0(s.fail_to_run_per_h > 0 ? 1 / s.fail_to_run_per_h : 0) + " h");
  if (s.lng_units > 0)
    counted.push_back(std::to_string(s.lng_units) + " islanding LNG units × " + n1(in_megawatts(s.lng_unit_rating)) +
                      " MW, unavailable at the start " + format_number(100 * s.lng_fail_to_start, 1) + " %");
  if (in_si(s.storage_energy) > 0)
    counted.push_back("battery " + n0(in_megawatt_hours(s.storage_energy)) + " MWh / " +
                      n0(in_megawatts(s.storage_power)) + " MW");
  if (!s.islanding_renewables.empty())
    counted.push_back("islanding solar and wind: " + n0(in_megawatt_hours(s.renewable_energy_offset)) +
                      " MWh a year off the critical load");
  notes(p, counted, "Backup counted:");
  notes(p, s.notes, "Notes:");
  return p.finish();
}

std::string html_interconnection_report(const std::vector<InterconnectionPack>& packs, const ReportInfo& info) {
  HtmlPage p("dcload — interconnection data pack of " + std::to_string(packs.size()) +
                 (packs.size() == 1 ? " site" : " sites"),
             "what a large-load interconnection study asks for, and a pre-screen for Korea's grid impact "
             "assessment (전력계통영향평가, loads ≥ 10 MW)",
             info);
  auto head = [&](const std::string& first) {
    std::vector<std::string> h{first};
    for (const auto& x : packs) h.push_back(html_escape(x.site));
    return h;
  };
  auto row = [&](Table& t, const std::string& label, auto cell, bool flag = false) {
    std::vector<std::string> r{label};
    for (const auto& x : packs) r.push_back(cell(x));
    t.row(r, flag ? "flag" : "");
  };
  using P = InterconnectionPack;
  p.section("pack", "Data pack");
  Table t(head("quantity"));
  bool any_bad = false;
  for (const auto& x : packs) any_bad |= x.status != "ok";
  row(t, "status", [](const P& x) { return html_escape(x.status); }, any_bad);
  row(t, "peak demand (MW)", [](const P& x) { return HtmlPage::number(in_megawatts(x.peak_facility), 1, "peak_facility_mw", x.site); });
  row(t, "peak demand (MVA, at the power factor)", [](const P& x) { return n1(in_megavolt_amperes(x.peak_apparent)); });
  row(t, "power factor", [](const P& x) { return format_number(x.power_factor, 2); });
  row(t, "contracted demand (MW)", [](const P& x) {
    return in_si(x.contracted_demand) > 0 ? n1(in_megawatts(x.contracted_demand)) : std::string("—");
  });
  row(t, "connection, normal / N-1 (MW)", [](const P& x) {
    return n0(in_megawatts(x.grid_capacity)) + " / " + n0(in_megawatts(x.grid_capacity_n1));
  });
  row(t, "load factor", [](const P& x) { return format_number(x.load_factor, 3); });
  row(t, "PUE, annual", [](const P& x) { return HtmlPage::number(x.pue, 3, "pue", x.site); });
  row(t, "energy (GWh/yr)", [](const P& x) { return n0(in_megawatt_hours(x.facility_energy) / 1e3); });
  row(t, "largest ramp (MW/s; MW/min)", [](const P& x) {
    return format_number(in_megawatts(x.max_ramp_per_s), 2) + "; " + n1(in_megawatts(x.max_ramp_per_min));
  });
  row(t, "dynamic range (MW)", [](const P& x) { return n1(in_megawatts(x.dynamic_range)); });
  row(t, "swing band share, 0.1–3 Hz", [](const P& x) {
    return std::isnan(x.swing_band_share) ? std::string("— (steps > 0.1 s)") : format_number(x.swing_band_share, 3);
  });
  row(t, "on-site generation (MW; firm)", [](const P& x) {
    return n0(in_megawatts(x.onsite_capacity)) + "; " + n0(in_megawatts(x.onsite_firm));
  });
  row(t, "battery (MW / MWh)", [](const P& x) {
    return n0(in_megawatts(x.battery_power)) + " / " + n0(in_megawatt_hours(x.battery_energy));
  });
  row(t, "backup generation (MW; sets)", [](const P& x) {
    return n0(in_megawatts(x.backup_generation)) + "; " + std::to_string(x.generators);
  });
  row(t, "flexibility offered", [](const P& x) {
    return x.flex_share > 0 ? n0(in_megawatts(x.flex_power)) + " MW for up to " + n1(in_si(x.flex_duration) / 3600) + " h"
                            : std::string("none");
  });
  row(t, "energization (year: peak MW)", [](const P& x) {
    std::string v;
    for (const auto& e : x.schedule) {
      if (!v.empty()) v += "<br>";
      if (e.year) v += std::to_string(e.year) + ": ";
      v += n0(in_megawatts(e.peak_facility));
      if (in_si(e.peak_facility) > in_si(e.grid_capacity)) v += " ⚠ over " + n0(in_megawatts(e.grid_capacity));
    }
    return v;
  });
  p.html(t.html());

  ChartSpec m;
  m.id = "pack-monthly";
  m.kind = "bar";
  m.x_title = "month";
  m.y_title = "facility energy (GWh)";
  m.zero = true;
  m.labels.assign(std::begin(kMonth), std::end(kMonth));
  ChartSpec d;
  d.id = "pack-day";
  d.kind = "line";
  d.x_title = "hour of the day (local standard time)";
  d.y_title = "mean facility demand (MW)";
  for (int h = 0; h < 24; ++h) d.labels.push_back(std::to_string(h));
  Table mt(head("month"));
  Table dtab(head("hour"));
  for (std::size_t k = 0; k < packs.size(); ++k) {
    Dataset a, b;
    a.label = b.label = packs[k].site;
    a.color = b.color = static_cast<int>(k);
    b.width = 2;
    for (const Energy& e : packs[k].monthly_energy) a.data.push_back(in_megawatt_hours(e) / 1e3);
    for (const Power& w : packs[k].mean_day) b.data.push_back(in_megawatts(w));
    m.datasets.push_back(a);
    d.datasets.push_back(b);
  }
  for (int i = 0; i < 12; ++i) {
    std::vector<std::string> r{m.labels[i]};
    for (const auto& x : packs) r.push_back(format_number(in_megawatt_hours(x.monthly_energy[i]) / 1e3, 2));
    mt.row(r);
  }
  for (int h = 0; h < 24; ++h) {
    std::vector<std::string> r{std::to_string(h)};
    for (const auto& x : packs) r.push_back(n1(in_megawatts(x.mean_day[h])));
    dtab.row(r);
  }
  p.section("profile", "Monthly and hourly profile");
  p.chart(m, "Facility energy by month, each site over its own weather year.", mt.html());
  p.chart(d, "Mean facility demand by hour of the day over the year.", dtab.html());

  p.section("kgia", "Grid impact assessment pre-screen");
  Table q(head("quantity the assessment asks for"));
  row(q, "region", [](const P& x) { return html_escape(x.region) + (x.region_from_weather ? " (from the weather)" : ""); });
  row(q, "self-sufficiency (전력자립도)", [](const P& x) { return pct(x.self_sufficiency, 1); });
  p.html(q.html());
  Table items(head("item (points; confidence of the weight)"));
  if (!packs.empty())
    for (std::size_t i = 0; i < packs.front().items.size(); ++i) {
      const KgiaItem& it = packs.front().items[i];
      std::vector<std::string> r{html_escape(it.item) + " — " + html_escape(it.item_en) + " (" +
                                 (it.max_points == 0 ? std::string("pass/fail") : format_number(it.max_points, 0)) +
                                 "; " + html_escape(it.confidence.substr(0, 1)) + ")"};
      for (const auto& x : packs) {
        const KgiaItem& v = x.items[i];
        std::string cell = std::isnan(v.indicative_points) ? std::string("—") : format_number(v.indicative_points, 1);
        if (!v.quantity.empty()) cell += "<br><small>" + html_escape(v.quantity) + "</small>";
        r.push_back(cell);
      }
      items.row(r);
    }
  row(items, "<strong>indicative points of the items estimable here</strong>", [](const P& x) {
    return "<strong>" + format_number(x.indicative_points, 1) + "</strong> of " + n0(x.indicative_max);
  });
  p.html(items.html());
  if (!packs.empty()) {
    std::vector<std::string> readings;
    for (const KgiaItem& it : packs.front().items)
      if (!std::isnan(it.indicative_points)) readings.push_back(it.item_en + ": " + it.reading);
    notes(p, readings, "Indicative readings (assumptions, low confidence: how points are awarded within an item is not published):");
  }
  p.html("<p>A file passes to the Electricity Policy Council with the voltage maintainable and at least 70 "
         "points. The items of KEPCO's network study (system margin 15, overload 10, difficulty of securing "
         "margin 20, voltage pass/fail, voltage request −15) and the business items cannot be known from a "
         "campus model: this pre-screen cannot say whether a file passes. Items and points: the Ministry of "
         "Trade, Industry and Energy's draft operating rules for the grid impact assessment (2024), as "
         "summarised by l5ene.co.kr (medium confidence).</p>");
  p.section("notes", "Notes");
  for (const auto& x : packs) notes(p, x.notes, x.site + ":");
  return p.finish();
}

}  // namespace dcload
