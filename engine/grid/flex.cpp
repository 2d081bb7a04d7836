// Flexibility turned into connectable MW (include/dcload/flex.hpp has the method): hourly runs
// of the campus at trial sizes, the demand above the grid capacity shed as IT curtailment
// within the [flex] limits, a bisection over whole nodes, and the build-out's energization years.
#include "dcload/flex.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "dcload/error.hpp"
#include "output/json_text.hpp"
#include "output/text_table.hpp"
#include "stages.hpp"

namespace dcload {

namespace detail {

FlexPoint evaluate_flex(const std::vector<double>& facility_w, const std::vector<double>& it_w,
                        const std::vector<double>& ratio, const std::vector<double>& capacity_w,
                        double design_it_w, const FlexSpec& f, double energy_share_limit,
                        double dt_h, bool* feasible, const std::vector<double>* curtailable_w) {
  const std::size_t n = facility_w.size();
  FlexPoint p;
  p.energy_share_limit = energy_share_limit;
  std::vector<double> shed(n, 0.0);  // IT power curtailed each hour, W
  double it_j = 0, shed_it_j = 0, shed_fac_j = 0;
  std::string binding;
  for (std::size_t t = 0; t < n; ++t) {
    it_j += it_w[t] * dt_h * 3600.0;
    const double excess = facility_w[t] - capacity_w[t];
    if (excess <= 0) continue;
    const double m = std::max(ratio[t], 1.0);
    shed[t] = excess / m;
    p.deepest_share = std::max(p.deepest_share, it_w[t] > 0 ? shed[t] / it_w[t] : 1.0);
    const double can_w = curtailable_w ? (*curtailable_w)[t] : f.curtailable_share * it_w[t];
    if (shed[t] > can_w * (1 + 1e-12) && binding.empty()) binding = "depth";
    shed_it_j += shed[t] * dt_h * 3600.0;
    shed_fac_j += excess * dt_h * 3600.0;
    p.curtailed_hours += dt_h;
  }
  // Events: runs of consecutive curtailed hours (the year is not wrapped).
  const double max_h = in_si(f.max_duration) / 3600.0;
  std::vector<std::pair<std::size_t, std::size_t>> events;  // [first, end)
  for (std::size_t t = 0; t < n;) {
    if (shed[t] <= 0) {
      ++t;
      continue;
    }
    std::size_t e = t;
    while (e < n && shed[e] > 0) ++e;
    events.emplace_back(t, e);
    p.longest_event_h = std::max(p.longest_event_h, static_cast<double>(e - t) * dt_h);
    t = e;
  }
  p.events = static_cast<int>(events.size());
  if (binding.empty() && p.longest_event_h > max_h + 1e-9) binding = "duration";
  if (binding.empty() && f.max_events > 0 && p.events > f.max_events) binding = "events";
  if (binding.empty() && shed_it_j > energy_share_limit * it_j * (1 + 1e-12) && shed_it_j > 0)
    binding = "energy";
  // Deferred compute: made up in the hours after each event, up to the window or the next event,
  // within the grid headroom (÷ m) and the IT power left below design.
  double recovered_j = 0;
  if (f.recovery == FlexRecovery::kDeferred) {
    const auto window = static_cast<std::size_t>(std::llround(in_si(f.recovery_window) / 3600.0 / dt_h));
    for (std::size_t k = 0; k < events.size(); ++k) {
      double owed = 0;
      for (std::size_t t = events[k].first; t < events[k].second; ++t) owed += shed[t] * dt_h * 3600.0;
      const std::size_t stop =
          std::min({n, events[k].second + window, k + 1 < events.size() ? events[k + 1].first : n});
      for (std::size_t t = events[k].second; t < stop && owed > 0; ++t) {
        const double m = std::max(ratio[t], 1.0);
        const double room_w = std::max(0.0, std::min((capacity_w[t] - facility_w[t]) / m,
                                                     design_it_w - it_w[t]));
        const double take = std::min(owed, room_w * dt_h * 3600.0);
        owed -= take;
        recovered_j += take;
      }
    }
  }
  p.it_energy = joules(it_j);
  p.curtailed_it = joules(shed_it_j);
  p.recovered_it = joules(recovered_j);
  p.lost_it = joules(shed_it_j - recovered_j);
  p.curtailed_facility = joules(shed_fac_j);
  p.revenue_cost_usd = (shed_it_j - recovered_j) * f.value_of_compute_usd_per_j;
  p.binding = binding;
  if (feasible) *feasible = binding.empty();
  return p;
}

}  // namespace detail

namespace detail {
std::vector<double> flex_capacity_series(const Site& site, double cap_w,
                                         const std::vector<double>& facility_w, double dt_h) {
  const std::size_t steps = facility_w.size();
  std::vector<double> c(steps, cap_w);
  const GridSpec& g = site.grid;
  const auto& prof = g.capacity_profile;
  if (!prof.empty()) {
    for (std::size_t t = 0; t < steps; ++t) {
      const auto hour = static_cast<std::size_t>(static_cast<double>(t) * dt_h);
      c[t] = cap_w * (prof.size() == 24 ? prof[hour % 24] : prof[hour % prof.size()]);
    }
    return c;
  }
  if (g.constrained_hours <= 0 || !(g.constrained_share > 0)) return c;
  // The constrained steps: those of the highest regional load (its hour), else of the highest
  // campus demand; ties go to the earlier step (a stable order).
  std::vector<std::size_t> order(steps);
  for (std::size_t t = 0; t < steps; ++t) order[t] = t;
  const auto key = [&](std::size_t t) {
    if (g.regional_load.empty()) return facility_w[t];
    const auto hour = static_cast<std::size_t>(static_cast<double>(t) * dt_h);
    return g.regional_load[hour % g.regional_load.size()];
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return key(x) > key(y); });
  const auto n = std::min<std::size_t>(
      steps, static_cast<std::size_t>(std::llround(g.constrained_hours / dt_h)));
  for (std::size_t k = 0; k < n; ++k) c[order[k]] = cap_w * (1.0 - g.constrained_share);
  return c;
}
}  // namespace detail

namespace {

constexpr double kCurveShares[] = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05};

// Hourly series of one campus size, memoized by node count.
struct Series {
  std::vector<double> facility, it, ratio;
  std::vector<double> curtailable;  // IT power the clusters may shed (empty: none offered)
  double design_it_w = 0;
  double peak_w = 0;
};

class FlexTrials {
 public:
  FlexTrials(const Site& site, std::size_t ref, const Weather& w, const RunOptions& o)
      : site_(site), ref_(ref), weather_(w), options_(o) {
    options_.channels = {"it_power", "facility_power", "cooling_power", "distribution_loss",
                         "ups_loss", "transformer_loss"};
    if (site.offers_flex()) options_.channels.push_back("curtailable_it_power");
    options_.sink = nullptr;
    options_.keep_in_memory = true;
    options_.workspace = &ws_;
  }
  std::int64_t per_node() const { return std::max(1, site_.clusters[ref_].accelerator.gpus_per_node); }
  const Series& at(std::int64_t nodes) {
    auto it = cache_.find(nodes);
    if (it != cache_.end()) return it->second;
    const Site s = detail::scaled_campus(site_, ref_, nodes * per_node());
    Series out = series_of(s);
    ++count_;
    return cache_.emplace(nodes, std::move(out)).first->second;
  }
  Series series_of(const Site& s) {
    const RunResult r = run(s, weather_, options_);
    Series out;
    const auto ch = [&](const char* name) {
      const auto v = r.channel(name);
      return std::vector<double>(v.begin(), v.end());
    };
    out.facility = ch("facility_power");
    out.it = ch("it_power");
    if (s.offers_flex()) out.curtailable = ch("curtailable_it_power");
    else out.curtailable.assign(out.it.size(), 0.0);
    const auto cool = r.channel("cooling_power"), dist = r.channel("distribution_loss"),
               ups = r.channel("ups_loss"), tr = r.channel("transformer_loss");
    out.ratio.resize(out.it.size());
    for (std::size_t t = 0; t < out.it.size(); ++t)
      out.ratio[t] = out.it[t] > 0 ? (out.it[t] + cool[t] + dist[t] + ups[t] + tr[t]) / out.it[t] : 1.0;
    out.design_it_w = in_si(s.design_it_power());
    out.peak_w = in_si(r.summary.peak_facility);
    return out;
  }
  int count() const { return count_; }

 private:
  const Site& site_;
  std::size_t ref_;
  const Weather& weather_;
  RunOptions options_;
  Workspace ws_;
  std::map<std::int64_t, Series> cache_;
  int count_ = 0;
};

// The largest node count ≥ lo (lo fits) whose campus fits under the limits; `out` gets its point
// and `binding` the limit the next node breaks.
// `cluster_limits`: each hour's depth is bounded by the clusters' curtailable IT (else by
// site.flex.curtailable_share × IT: 0 without flexibility, 1 for the energy-only curve).
FlexPoint largest_fit(FlexTrials& t, const Site& site, std::int64_t lo, double cap_w,
                      double energy_share, std::int64_t no_flex_nodes, bool cluster_limits) {
  auto eval = [&](std::int64_t nodes, bool* ok) {
    const Series& s = t.at(nodes);
    const double dt_h = 1.0;
    const auto cap = detail::flex_capacity_series(site, cap_w, s.facility, dt_h);
    FlexPoint p = detail::evaluate_flex(s.facility, s.it, s.ratio, cap, s.design_it_w, site.flex,
                                        energy_share, dt_h, ok,
                                        cluster_limits ? &s.curtailable : nullptr);
    p.max_gpus = nodes * t.per_node();
    p.max_it = watts(s.design_it_w);
    p.peak_facility = watts(s.peak_w);
    return p;
  };
  bool ok = false;
  FlexPoint best = eval(lo, &ok);
  if (!ok) {  // lo (the no-flexibility size) itself does not fit: a profile narrower than the peak
    std::int64_t a = 0, b = lo;
    while (b - a > 1) {
      const std::int64_t mid = a + (b - a) / 2;
      eval(mid, &ok);
      (ok ? a : b) = mid;
    }
    bool ok_b = false;
    const FlexPoint next = eval(b, &ok_b);
    if (a == 0) {  // not even one node fits
      FlexPoint zero;
      zero.energy_share_limit = energy_share;
      zero.binding = next.binding;
      return zero;
    }
    best = eval(a, &ok);
    best.binding = next.binding;
    return best;
  }
  // Bracket: grow by a quarter until it breaks (at most 5 × the no-flexibility size).
  const std::int64_t cap_nodes = std::max<std::int64_t>(lo + 1, 5 * std::max<std::int64_t>(no_flex_nodes, 1));
  std::int64_t a = lo, b = lo;
  std::string binding = "search";
  for (;;) {
    b = std::min(cap_nodes, std::max(a + 1, static_cast<std::int64_t>(std::ceil(static_cast<double>(a) * 1.25))));
    bool fits = false;
    eval(b, &fits);
    if (!fits) break;
    a = b;
    if (b >= cap_nodes) return eval(a, &ok);  // binding "search"
  }
  while (b - a > 1) {
    const std::int64_t mid = a + (b - a) / 2;
    bool fits = false;
    eval(mid, &fits);
    (fits ? a : b) = mid;
  }
  bool fits_b = false;
  binding = eval(b, &fits_b).binding;
  best = eval(a, &ok);
  best.binding = binding;
  return best;
}

std::string num(double v) { return detail::json_number(v); }
double mw(Power p) { return in_megawatts(p); }
double mwh(Energy e) { return in_megawatt_hours(e); }

}  // namespace

FlexResult find_flex_capacity(const Site& site_in, const RunOptions& options) {
  if (!site_in.offers_flex())
    throw ConfigError(site_in.file.string(), 0, 0, "flex.curtailable_share",
                      "capacity --flex: the site offers no flexibility (flex.curtailable_share = "
                      "0 and no cluster[].curtailable_share > 0); give the share of IT power it "
                      "can shed, e.g. --set flex.curtailable_share=25%");
  const std::string source =
      options.weather_override.empty() ? site_in.weather : options.weather_override;
  const std::filesystem::path base =
      site_in.file.empty() ? std::filesystem::path() : site_in.file.parent_path();
  const Weather weather = load_weather(source, base);
  if (std::abs(weather.timestep_s - 3600.0) > 1e-9)
    throw ConfigError("", 0, 0, "weather", "capacity --flex runs on hourly weather");

  FlexResult r;
  r.spec = site_in.flex;
  r.capacity_profile = !site_in.grid.capacity_profile.empty();
  r.constrained_hours = site_in.grid.constrained_hours;
  r.constrained_share = site_in.grid.constrained_share;
  r.regional_load = !site_in.grid.regional_load.empty();
  r.offered_share = site_in.offered_flex_share();
  for (const ClusterSpec& c : site_in.clusters)
    r.cluster_shares.emplace_back(c.name, site_in.curtailable_share_of(c));
  // The curve: the campus as built by its last phase, on the grid then in force (as capacity).
  const Site site = site_in.phases.empty()
                        ? site_in
                        : detail::campus_with_grid_of(site_in, site_in.phases.back().year);
  const std::size_t ref = detail::reference_cluster(site);
  r.site = site.name;
  r.accelerator = site.clusters[ref].accelerator.name;
  RunOptions base_options;
  base_options.timestep = hours(1.0);
  FlexTrials trials(site, ref, weather, base_options);
  const double cap_w = detail::grid_capacity_w(site, site.grid.connection, false);

  // Without flexibility: the largest size whose peak stays within the capacity of every hour
  // (a share of 0 allows no curtailment at all).
  Site rigid = site;
  rigid.flex.curtailable_share = 0;
  const std::int64_t start_nodes = std::max<std::int64_t>(1, site.clusters[ref].count / trials.per_node());
  FlexPoint none = largest_fit(trials, rigid, start_nodes, cap_w, 0.0, start_nodes, false);
  // largest_fit grows from `lo` only when lo fits; from a campus too large, it bisects down.
  r.no_flex.limit = watts(cap_w);
  r.no_flex.max_gpus = none.max_gpus;
  r.no_flex.max_it = none.max_it;
  r.no_flex.peak_facility = none.peak_facility;
  r.no_flex.headroom = watts(cap_w - in_si(none.peak_facility));
  const std::int64_t base_nodes = none.max_gpus / trials.per_node();

  auto finish = [&](FlexPoint p) {
    p.added_it = p.max_it - r.no_flex.max_it;
    return p;
  };
  for (double share : kCurveShares)
    r.curve.push_back(finish(largest_fit(trials, site, std::max<std::int64_t>(1, base_nodes), cap_w,
                                         share, base_nodes, true)));
  Site unbounded = site;
  unbounded.flex.curtailable_share = 1.0;
  unbounded.flex.max_duration = hours(8760.0);
  unbounded.flex.max_events = 0;
  for (double share : kCurveShares)
    r.curve_energy_only.push_back(finish(largest_fit(
        trials, unbounded, std::max<std::int64_t>(1, base_nodes), cap_w, share, base_nodes,
        false)));
  r.at_site_limits = finish(largest_fit(trials, site, std::max<std::int64_t>(1, base_nodes), cap_w,
                                        site.flex.max_energy_share, base_nodes, true));
  r.trials = trials.count();

  // Build-out: each year's campus against the connection in force on 1 January of each year
  // from its planned year on (the same pairing as the build-out rows of `dcload run`).
  if (!site_in.phases.empty()) {
    int last_upgrade = 0;
    for (const GridUpgrade& u : site_in.grid.upgrades) last_upgrade = std::max(last_upgrade, u.year + 1);
    std::vector<int> years;
    for (const PhaseSpec& ph : site_in.phases)
      if (years.empty() || years.back() != ph.year) years.push_back(ph.year);
    for (int y0 : years) {
      PhaseEnergization e;
      e.planned_year = y0;
      for (const PhaseSpec& ph : site_in.phases)
        if (ph.year == y0) {
          if (!e.added.empty()) e.added += ", ";
          e.added += site_in.clusters[ph.cluster].name + " +" + std::to_string(ph.count);
        }
      const Site built = site_in.built_by(y0);
      for (const ClusterSpec& c : built.clusters) e.gpu_count += c.count;
      FlexTrials step(built, detail::reference_cluster(built), weather, base_options);
      const Series& s = step.series_of(built);
      e.peak_facility = watts(s.peak_w);
      ++r.trials;
      for (int y = y0; y <= std::max(y0, last_upgrade); ++y) {
        Site grid = built;
        for (const GridUpgrade& u : site_in.grid.upgrades)
          if (u.year < y || (u.year == y && u.month == 1 && u.day == 1)) {
            grid.grid.connection = u.connection;
            if (u.circuit_rating.va() > 0) grid.grid.circuit_rating = u.circuit_rating;
          }
        const double c = detail::grid_capacity_w(grid, grid.grid.connection, false);
        const auto cap = detail::flex_capacity_series(site_in, c, s.facility, 1.0);
        Site none_flex = site_in;
        none_flex.flex.curtailable_share = 0;
        bool fits = false, fits_flex = false;
        detail::evaluate_flex(s.facility, s.it, s.ratio, cap, s.design_it_w, none_flex.flex, 0.0,
                              1.0, &fits);
        detail::evaluate_flex(s.facility, s.it, s.ratio, cap, s.design_it_w, site_in.flex,
                              site_in.flex.max_energy_share, 1.0, &fits_flex, &s.curtailable);
        if (fits && e.earliest_without_flex == 0) e.earliest_without_flex = y;
        if (fits_flex && e.earliest_with_flex == 0) e.earliest_with_flex = y;
      }
      if (e.earliest_without_flex == 0)
        r.notes.push_back("build-out step " + std::to_string(y0) + " (" + e.added +
                          "): no scheduled connection carries it without flexibility");
      if (e.earliest_with_flex == 0)
        r.notes.push_back("build-out step " + std::to_string(y0) + " (" + e.added +
                          "): no scheduled connection carries it even with the [flex] limits");
      r.phases.push_back(e);
    }
  }
  if (r.at_site_limits.binding == "duration")
    r.notes.push_back(
        "at the site's limits the campus stops growing at flex.max_duration: its demand stays "
        "above the connection longer than one event may last (a flat training load against a "
        "flat connection binds for whole afternoons); a grid.capacity_profile of the network's "
        "constrained hours, or longer events, change this");
  r.notes.push_back(
      "curtailing ΔIT lowers the demand by ΔIT × (IT + cooling + distribution + UPS + transformer "
      "losses) / IT of that hour: the plant and the losses follow IT in proportion, lighting and "
      "generator heaters are held; the plant stays sized for the campus at full IT");
  std::string cap_note = "capacity: the connection under normal conditions (not N-1)";
  if (r.capacity_profile)
    cap_note += ", times grid.capacity_profile each hour";
  else if (r.constrained_hours > 0)
  {
    char b[96];
    std::snprintf(b, sizeof b, ", less %.0f %% in %d constrained hours", 100 * r.constrained_share,
                  r.constrained_hours);
    cap_note += b;
    cap_note += r.regional_load
                    ? " (the highest hours of grid.regional_load)"
                    : " chosen as the campus's own highest-demand hours of each trial: the worst "
                      "case, the network short exactly when the campus peaks (give "
                      "grid.regional_load for the network's own hours)";
  }
  else
    cap_note += ", every hour (no grid.capacity_profile or grid.constrained_hours)";
  if (r.capacity_profile || r.constrained_hours > 0)
    cap_note += "; the plain capacity search (dcload capacity without --flex) sees the connection "
                "alone";
  r.notes.push_back(cap_note);
  if (site_in.flex.value_of_compute_usd_per_j <= 0)
    r.notes.push_back("curtailment is not priced (flex.value_of_compute = 0): its cost is given in MWh of IT energy only");
  return r;
}

std::string to_json(const FlexResult& r) {
  std::ostringstream o;
  auto point = [&](const FlexPoint& p, const char* indent) {
    o << "{\"energy_share_limit\": " << num(p.energy_share_limit)
      << ", \"max_gpus\": " << p.max_gpus << ", \"max_it_mw\": " << num(mw(p.max_it))
      << ", \"added_it_mw\": " << num(mw(p.added_it))
      << ", \"peak_facility_mw\": " << num(mw(p.peak_facility))
      << ", \"curtailed_hours\": " << num(p.curtailed_hours) << ", \"events\": " << p.events
      << ", \"longest_event_h\": " << num(p.longest_event_h)
      << ", \"deepest_share\": " << num(p.deepest_share) << ",\n" << indent
      << " \"it_energy_mwh\": " << num(mwh(p.it_energy))
      << ", \"curtailed_it_mwh\": " << num(mwh(p.curtailed_it))
      << ", \"recovered_it_mwh\": " << num(mwh(p.recovered_it))
      << ", \"lost_it_mwh\": " << num(mwh(p.lost_it))
      << ", \"curtailed_facility_mwh\": " << num(mwh(p.curtailed_facility))
      << ", \"revenue_cost_musd\": " << num(p.revenue_cost_usd / 1e6)
      << ", \"binding\": " << detail::json_string(p.binding) << "}";
  };
  const FlexSpec& f = r.spec;
  o << "{\n    \"curtailable_share\": " << num(f.curtailable_share)
    << ",\n    \"offered_share\": " << num(r.offered_share) << ",\n    \"cluster_shares\": {";
  for (std::size_t i = 0; i < r.cluster_shares.size(); ++i)
    o << (i ? ", " : "") << detail::json_string(r.cluster_shares[i].first) << ": "
      << num(r.cluster_shares[i].second);
  o << "}"
    << ",\n    \"constrained_hours\": " << r.constrained_hours
    << ",\n    \"constrained_share\": " << num(r.constrained_share)
    << ",\n    \"regional_load\": " << (r.regional_load ? "true" : "false")
    << ",\n    \"max_duration_h\": " << num(in_si(f.max_duration) / 3600.0)
    << ",\n    \"max_events\": " << f.max_events
    << ",\n    \"max_energy_share\": " << num(f.max_energy_share)
    << ",\n    \"recovery\": " << detail::json_string(f.recovery == FlexRecovery::kDeferred ? "deferred" : "lost")
    << ",\n    \"value_of_compute_usd_per_mwh\": " << num(f.value_of_compute_usd_per_j * 3.6e9)
    << ",\n    \"capacity_profile\": " << (r.capacity_profile ? "true" : "false")
    << ",\n    \"capacity_mw\": " << num(mw(r.no_flex.limit))
    << ",\n    \"max_gpus_without_flex\": " << r.no_flex.max_gpus
    << ",\n    \"max_it_without_flex_mw\": " << num(mw(r.no_flex.max_it))
    << ",\n    \"max_it_mw_without_flex\": " << num(mw(r.no_flex.max_it))  // alias (one release)
    << ",\n    \"at_site_limits\": ";
  point(r.at_site_limits, "    ");
  o << ",\n    \"curve\": [";
  for (std::size_t i = 0; i < r.curve.size(); ++i) {
    o << (i ? ",\n      " : "\n      ");
    point(r.curve[i], "      ");
  }
  o << "\n    ],\n    \"curve_energy_only\": [";
  for (std::size_t i = 0; i < r.curve_energy_only.size(); ++i) {
    o << (i ? ",\n      " : "\n      ");
    point(r.curve_energy_only[i], "      ");
  }
  o << "\n    ],\n    \"phases\": [";
  for (std::size_t i = 0; i < r.phases.size(); ++i) {
    const PhaseEnergization& e = r.phases[i];
    o << (i ? ",\n      " : "\n      ") << "{\"planned_year\": " << e.planned_year
      << ", \"added\": " << detail::json_string(e.added) << ", \"gpu_count\": " << e.gpu_count
      << ", \"peak_facility_mw\": " << num(mw(e.peak_facility)) << ", \"earliest_without_flex\": "
      << (e.earliest_without_flex ? std::to_string(e.earliest_without_flex) : "null")
      << ", \"earliest_with_flex\": "
      << (e.earliest_with_flex ? std::to_string(e.earliest_with_flex) : "null") << "}";
  }
  o << (r.phases.empty() ? "]" : "\n    ]") << ",\n    \"trials\": " << r.trials << ",\n    \"notes\": [";
  for (std::size_t i = 0; i < r.notes.size(); ++i)
    o << (i ? ", " : "") << detail::json_string(r.notes[i]);
  o << "]\n  }";
  return o.str();
}

std::string flex_report(const FlexResult& r) {
  std::ostringstream o;
  char b[320];
  const FlexSpec& f = r.spec;
  std::snprintf(b, sizeof b,
                "\nFlexibility: shed up to %.0f %% of IT, events ≤ %.0f h%s, %s compute%s\n",
                100 * r.offered_share, in_si(f.max_duration) / 3600.0,
                f.max_events > 0 ? (", ≤ " + std::to_string(f.max_events) + " per year").c_str() : "",
                f.recovery == FlexRecovery::kDeferred ? "deferred" : "lost",
                r.capacity_profile ? "; grid.capacity_profile applied" : "");
  o << b;
  std::snprintf(b, sizeof b, "  without flexibility: %lld %s, %.1f MW IT within %.1f MW\n\n",
                static_cast<long long>(r.no_flex.max_gpus), r.accelerator.c_str(),
                mw(r.no_flex.max_it), mw(r.no_flex.limit));
  o << b;
  // Fits 100 columns: curtailment allowed, GPUs and IT that fit, IT added, curtailed hours,
  // events, the longest, IT energy curtailed and lost, the limit the next size breaks.
  std::snprintf(b, sizeof b, "  %-18s %9s %9s %8s %5s %6s %7s %9s %9s  %s\n", "curtailment",
                "max GPUs", "max IT MW", "added MW", "hours", "events", "longest", "curt. MWh",
                "lost MWh", "binding");
  o << b;
  auto row = [&](const char* label, const FlexPoint& p) {
    std::snprintf(b, sizeof b, "  %-18s %9lld %9.1f %8.1f %5.0f %6d %5.0f h %9.0f %9.0f  %s\n",
                  label, static_cast<long long>(p.max_gpus), mw(p.max_it), mw(p.added_it),
                  p.curtailed_hours, p.events, p.longest_event_h, mwh(p.curtailed_it),
                  mwh(p.lost_it), p.binding.c_str());
    o << b;
  };
  for (const FlexPoint& p : r.curve) {
    char label[40];
    std::snprintf(label, sizeof label, "%.2f %% of energy", 100 * p.energy_share_limit);
    row(label, p);
  }
  char label[40];
  std::snprintf(label, sizeof label, "site: %.2f %%", 100 * f.max_energy_share);
  row(label, r.at_site_limits);
  o << "  energy limit only (no depth, duration or event limit; Duke's measure):\n";
  for (const FlexPoint& p : r.curve_energy_only) {
    std::snprintf(label, sizeof label, "%.2f %% of energy", 100 * p.energy_share_limit);
    row(label, p);
  }
  if (r.at_site_limits.revenue_cost_usd > 0) {
    std::snprintf(b, sizeof b, "  revenue lost at the site's limits: %.2f MUSD per year\n",
                  r.at_site_limits.revenue_cost_usd / 1e6);
    o << b;
  }
  if (!r.phases.empty()) {
    o << "\n  build-out step                       planned  peak MW  earliest (no flex)  earliest (flex)\n";
    for (const PhaseEnergization& e : r.phases) {
      std::snprintf(b, sizeof b, "  %-36.36s %7d %8.1f %19s %16s\n", e.added.c_str(), e.planned_year,
                    mw(e.peak_facility),
                    e.earliest_without_flex ? std::to_string(e.earliest_without_flex).c_str() : "none",
                    e.earliest_with_flex ? std::to_string(e.earliest_with_flex).c_str() : "none");
      o << b;
    }
  }
  for (const std::string& n : r.notes) o << detail::wrap_text("  note: " + n, 100, 4);
  o << "  " << r.trials << " pipeline runs\n";
  return o.str();
}

}  // namespace dcload
