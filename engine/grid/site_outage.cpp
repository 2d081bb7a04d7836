// A site's outage survival (include/dcload/resilience.hpp): the hourly facility demand of its
// critical clusters as the critical load (less islanding solar and wind), its sized standby
// generators, islanding LNG units and its [[supply]] battery into outage_survival(), weighted
// over what is available at the outage's start, and what reaches the [resilience] target.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "output/text_table.hpp"
#include "dcload/error.hpp"
#include "dcload/resilience.hpp"
#include "output/json_text.hpp"

namespace dcload {
namespace {

std::string num(double v) { return detail::json_number(v); }

std::string strings(const std::vector<std::string>& v) {
  std::string o = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ", ";
    o += detail::json_string(v[i]);
  }
  return o + "]";
}

double mean_at(const OutageSurvival& s, double hours) {
  for (std::size_t i = 0; i < s.durations_h.size(); ++i)
    if (std::abs(s.durations_h[i] - hours) < 1e-9) return s.mean[i];
  return 0;
}

std::vector<double> hourly(const RunResult& r, const std::string& channel) {
  const auto c = r.channel(channel);
  return {c.begin(), c.end()};
}

RunOptions hourly_year(const RunOptions& options, std::vector<std::string> channels) {
  RunOptions o = options;
  o.timestep = hours(1.0);
  o.start = seconds(0.0);
  o.duration = seconds(0.0);
  o.sink = nullptr;
  o.keep_in_memory = true;
  o.channels = std::move(channels);
  return o;
}

}  // namespace

SiteOutage site_outage(const Site& site_in, const RunOptions& options) {
  const Site site = site_in.phases.empty() ? site_in : site_in.built_by(site_in.phases.back().year);
  SiteOutage out;
  out.site = site.name;

  // ---- the runs: the whole campus (generators sized, battery charge, renewables' output) and,
  // when some clusters are shed, the campus of the critical clusters alone (its demand) -------
  const std::vector<std::string> names = channel_names(site);
  const bool has_soc = std::find(names.begin(), names.end(), "battery_soc") != names.end();
  std::vector<std::string> wanted = {"facility_power"};
  if (has_soc) wanted.push_back("battery_soc");
  std::vector<const SupplySpec*> renewables;
  for (const SupplySpec& x : site.supply)
    if (x.islanding && (x.type == SupplyType::kSolar || x.type == SupplyType::kWind)) {
      renewables.push_back(&x);
      wanted.push_back(source_channel_name(x.name));
    }
  const RunResult r = run(site, hourly_year(options, wanted));

  Site critical = site;
  critical.clusters.clear();
  for (const ClusterSpec& c : site.clusters) {
    (c.critical ? out.critical_clusters : out.shed_clusters).push_back(c.name);
    if (c.critical) critical.clusters.push_back(c);
  }
  if (out.critical_clusters.empty())
    throw ConfigError(site.file.string(), 0, 0, "cluster[].critical",
                      "cluster[].critical: no cluster is critical, so an outage carries no IT; "
                      "mark the clusters the backup must carry critical = true");
  std::vector<double> load = hourly(r, "facility_power");
  if (!out.shed_clusters.empty()) {
    // The generators and the battery stay those of the whole campus (sized on it).
    const RunResult rc = run(critical, hourly_year(options, {"facility_power"}));
    load = hourly(rc, "facility_power");
  }
  out.peak_critical_load = watts(*std::max_element(load.begin(), load.end()));
  double sum = 0;
  for (double v : load) sum += v;
  out.mean_critical_load = watts(sum / static_cast<double>(load.size()));

  // Net of islanding solar and wind (what they delivered to the campus in the run).
  std::vector<double> net = load;
  double renewable_availability = 1;
  double offset_j = 0;
  for (const SupplySpec* x : renewables) {
    out.islanding_renewables.push_back(x->name);
    renewable_availability *= x->type == SupplyType::kSolar ? kReoptPvAvailability : kReoptWindAvailability;
    const std::vector<double> g = hourly(r, source_channel_name(x->name));
    for (std::size_t h = 0; h < net.size() && h < g.size(); ++h) net[h] -= g[h];
  }
  for (std::size_t h = 0; h < net.size(); ++h) {
    const double v = std::max(0.0, net[h]);
    offset_j += (load[h] - v) * 3600.0;
    net[h] = v;
  }
  out.renewable_energy_offset = joules(offset_j);

  // ---- the units ---------------------------------------------------------------------------
  out.generators = r.summary.generators;
  out.generator_rating = site.auxiliary.generator_rating;
  out.generator_fuel = site.auxiliary.generator_fuel;
  out.fail_to_start = site.auxiliary.generator_fail_to_start;
  out.fail_to_run_per_h = 3600.0 / in_si(site.auxiliary.generator_mttf);
  OutageInputs in;
  BackupUnit gen;
  gen.name = "generators";
  gen.count = out.generators;
  gen.unit_w = in_si(out.generator_rating);
  gen.fail_to_start = out.fail_to_start;
  gen.fail_to_run_per_h = out.fail_to_run_per_h;
  gen.fuel_hours = in_si(out.generator_fuel) / 3600.0;
  in.units.push_back(gen);
  double lng_w = 0;
  for (const SupplySpec& x : site.supply) {
    if (x.type != SupplyType::kLngCcgt) continue;
    if (!x.islanding) {
      out.notes.push_back("supply " + x.name + " (lng_ccgt) is not counted: supply.islanding = false "
                          "(it trips with the grid)");
      continue;
    }
    if (out.lng_units > 0) {
      out.notes.push_back("supply " + x.name + " not counted: one islanding lng_ccgt plant is modelled");
      continue;
    }
    BackupUnit u;
    u.name = x.name;
    u.count = std::max(1, x.units);
    u.unit_w = in_si(x.capacity);
    u.fail_to_start = x.forced_outage_rate;
    u.fail_to_run_per_h = 3600.0 / in_si(x.islanded_mttf);
    in.units.push_back(u);
    out.lng_units = u.count;
    out.lng_unit_rating = x.capacity;
    out.lng_fail_to_start = u.fail_to_start;
    out.lng_fail_to_run_per_h = u.fail_to_run_per_h;
    lng_w = u.count * u.unit_w;
    out.notes.push_back("supply " + x.name + " islands with the campus: " + std::to_string(u.count) +
                        " units, each unavailable at the start with its forced outage rate, "
                        "assumed running (or hot) at every start hour, gas piped (no fuel limit), "
                        "its minimum stable load not checked");
  }
  for (const SupplySpec& x : site.supply)
    if ((x.type == SupplyType::kSolar || x.type == SupplyType::kWind) && !x.islanding)
      out.notes.push_back("supply " + x.name + " is not counted: supply.islanding = false (its inverters "
                          "cease to energize when the grid goes)");

  // The chain's cost grows with the joint unit states × state-of-charge bins per start hour
  // and outage hour. Up to 50 bins; when fewer than 20 would fit 2,000 joint states (plants of
  // more than 99 sets), the battery is left out — coarse bins rounded conservatively would
  // credit it with little anyway — and survival is a lower bound.
  long long states = 1;
  for (const BackupUnit& u : in.units) states *= u.count + 1;
  const int bins = static_cast<int>(std::min<long long>(50, 2000 / states));
  for (const SupplyResult& x : r.summary.supply)
    if (x.type == "battery" && in_si(x.battery_energy) > 0) {
      if (bins < 20) {
        out.notes.push_back("battery " + x.name + " not counted: with " + std::to_string(states) +
                            " joint unit states the chain over them and its charge is too large to "
                            "run for every start hour; survival is a lower bound");
        continue;
      }
      StorageUnit b;
      b.name = x.name;
      b.energy_j = in_si(x.battery_energy);
      b.power_w = in_si(x.capacity);
      if (has_soc) b.soc_at_start = hourly(r, "battery_soc");
      out.storage_energy = joules(b.energy_j);
      out.storage_power = watts(b.power_w);
      in.storage.push_back(b);
      in.storage_bins = bins;
      out.notes.push_back("battery " + x.name + " counted at the state of charge the run left it "
                          "in at each start hour, in " + std::to_string(bins) +
                          " bins rounded conservatively (survival a lower bound); available at the "
                          "start with probability 0.97 (REopt's default)");
      break;
    }
  if (!renewables.empty())
    out.notes.push_back("islanding solar and wind lower the load by what they delivered in the run "
                        "(surplus not stored); available at the start with REopt's 0.98 (PV) and "
                        "0.97 (wind), taken together: all, or none (a lower bound)");

  out.target = site.resilience.target;
  out.target_hours = std::round(in_si(site.resilience.target_duration) / 3600.0);
  in.durations_h = {1, 2, 4, 8, 12, 24, 48, 72, 96};
  if (std::find(in.durations_h.begin(), in.durations_h.end(), out.target_hours) == in.durations_h.end()) {
    in.durations_h.push_back(out.target_hours);
    std::sort(in.durations_h.begin(), in.durations_h.end());
  }

  // The cases of what is available at the outage's start, with their weights.
  const double battery_availability = in.storage.empty() ? 1.0 : kReoptBatteryAvailability;
  auto survival = [&](const OutageInputs& base) {
    std::vector<std::pair<double, OutageSurvival>> cases;
    for (int with_battery = in.storage.empty() ? 0 : 1; with_battery >= 0; --with_battery)
      for (int with_renewables = renewables.empty() ? 0 : 1; with_renewables >= 0; --with_renewables) {
        OutageInputs c = base;
        if (!with_battery) {
          c.storage.clear();
          c.storage_bins = 0;
        }
        c.critical_load_w = with_renewables ? net : load;
        const double wb = in.storage.empty() ? 1.0 : (with_battery ? battery_availability : 1 - battery_availability);
        const double wr = renewables.empty() ? 1.0 : (with_renewables ? renewable_availability : 1 - renewable_availability);
        if (wb * wr > 0) cases.emplace_back(wb * wr, outage_survival(c));
      }
    return cases;
  };
  {
    auto cases = survival(in);
    out.mean_all_available = cases.front().second.mean;
    out.survival = mix_survival(cases);
  }
  out.survival_at_target = mean_at(out.survival, out.target_hours);
  out.target_met = out.survival_at_target >= out.target;

  // What reaches the target: (a) the fuel on site, in hours of all sets at full load, with the
  // sets installed; (b) the sets of this rating, with fuel that never runs out (the failures
  // of the sets alone). Survival grows with both: bisection.
  // Large joint chains (an islanding plant beside hundreds of sets) are searched on every
  // 6th start hour, and the answer is then checked on every start hour (and raised until it
  // passes): it always meets the target, and may exceed the least that does by a step.
  OutageInputs probe = in;
  probe.durations_h = {out.target_hours};
  const bool coarse = states * std::max(1, in.storage_bins) > 300;
  auto survives_every = [&](int n, double fuel_h, int every) {
    probe.units[0].count = n;
    probe.units[0].fuel_hours = fuel_h;
    probe.start_every = every;
    return mix_survival(survival(probe)).mean[0] >= out.target;
  };
  auto survives = [&](int n, double fuel_h) { return survives_every(n, fuel_h, coarse ? 6 : 1); };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double min_w = *std::min_element(net.begin(), net.end());
  if (out.generators > 0 && survives(out.generators, kInf)) {
    // Bracket: below the fuel that covers target_hours of the least demand (less what the
    // battery holds and the LNG units give) no start hour survives; the target's hours at peak
    // demand (plus a margin) is tried first as the upper end.
    const double fleet_w = out.generators * in_si(out.generator_rating);
    double lo = std::max(0.0, (out.target_hours * (min_w - lng_w) - in_si(out.storage_energy)) / fleet_w - 0.25);
    double hi = out.target_hours * in_si(out.peak_critical_load) / fleet_w + 0.5;
    if (!survives(out.generators, hi)) hi = 4 * out.target_hours;
    if (survives(out.generators, hi)) {
      while (hi - lo > 0.25) {
        const double mid = 0.5 * (lo + hi);
        (survives(out.generators, mid) ? hi : lo) = mid;
      }
      if (coarse)
        while (hi < 4 * out.target_hours && !survives_every(out.generators, hi, 1)) hi += 0.25;
      if (!coarse || survives_every(out.generators, hi, 1)) out.fuel_hours_for_target = hi;
    }
  } else {
    out.notes.push_back("with the sets installed no amount of fuel reaches the target: their "
                        "failures alone (fail to start, MTTF) leave too few running");
  }
  const int hi_cap = std::max(3 * out.generators, out.generators + 10);
  if (survives(hi_cap, kInf)) {
    // Fewer sets than the least demand (less the battery's power and the LNG units) needs
    // never survive.
    int lo = std::max(0, static_cast<int>(std::floor((min_w - in_si(out.storage_power) - lng_w) /
                                                     in_si(out.generator_rating))) - 1);
    int hi = survives(out.generators, kInf) ? out.generators : hi_cap;
    if (lo >= hi) lo = 0;
    if (survives(lo, kInf)) hi = lo;  // e.g. the LNG units alone reach it
    while (hi - lo > 1) {
      const int mid = (lo + hi) / 2;
      (survives(mid, kInf) ? hi : lo) = mid;
    }
    if (coarse)
      while (hi < hi_cap && !survives_every(hi, kInf, 1)) ++hi;
    if (!coarse || survives_every(hi, kInf, 1)) out.generators_for_target = hi;
  }
  if (coarse)
    out.notes.push_back("the fuel and set counts that reach the target were searched on every 6th start "
                        "hour, then checked on all: each meets the target; the least may be a step lower");
  if (!out.target_met)
    out.notes.push_back("the backup as built does not reach the [resilience] target for " +
                        std::to_string(static_cast<int>(out.target_hours)) + " h");
  out.notes.push_back("UPS batteries bridge the generators' start (minutes) and are not counted in "
                      "the hourly survival");
  if (!out.shed_clusters.empty())
  {
    std::string shed = "shed when the grid goes (cluster.critical = false):";
    for (std::size_t i = 0; i < out.shed_clusters.size(); ++i) {
      shed += i ? ", " : " ";
      shed += out.shed_clusters[i];
    }
    out.notes.push_back(shed);
  }
  else
    out.notes.push_back("the critical load is the whole facility demand of each hour (every cluster "
                        "critical, with its cooling and losses)");
  return out;
}

std::string to_json(const SiteOutage& s) {
  std::ostringstream o;
  o << "{\n  \"site\": " << detail::json_string(s.site) << ",\n  \"generators\": " << s.generators
    << ",\n  \"generator_rating_mw\": " << num(in_megawatts(s.generator_rating))
    << ",\n  \"generator_fuel_h\": " << num(in_si(s.generator_fuel) / 3600.0)
    << ",\n  \"fail_to_start\": " << num(s.fail_to_start)
    << ",\n  \"fail_to_run_per_h\": " << num(s.fail_to_run_per_h)
    << ",\n  \"storage_mwh\": " << num(in_megawatt_hours(s.storage_energy))
    << ",\n  \"storage_mw\": " << num(in_megawatts(s.storage_power))
    << ",\n  \"peak_critical_load_mw\": " << num(in_megawatts(s.peak_critical_load))
    << ",\n  \"mean_critical_load_mw\": " << num(in_megawatts(s.mean_critical_load))
    << ",\n  \"critical_clusters\": " << strings(s.critical_clusters)
    << ",\n  \"shed_clusters\": " << strings(s.shed_clusters)
    << ",\n  \"lng_units\": " << s.lng_units
    << ",\n  \"lng_unit_mw\": " << num(in_megawatts(s.lng_unit_rating))
    << ",\n  \"lng_fail_to_start\": " << num(s.lng_fail_to_start)
    << ",\n  \"lng_fail_to_run_per_h\": " << num(s.lng_fail_to_run_per_h)
    << ",\n  \"islanding_renewables\": " << strings(s.islanding_renewables)
    << ",\n  \"renewable_offset_mwh\": " << num(in_megawatt_hours(s.renewable_energy_offset))
    << ",\n  \"survival\": [";
  for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i)
    o << (i ? ",\n    " : "\n    ") << "{\"hours\": " << num(s.survival.durations_h[i])
      << ", \"mean\": " << num(s.survival.mean[i]) << ", \"minimum\": " << num(s.survival.minimum[i])
      << ", \"worst_start_hour\": " << s.survival.worst_start[i]
      << ", \"mean_all_available\": "
      << num(i < s.mean_all_available.size() ? s.mean_all_available[i] : s.survival.mean[i]) << "}";
  o << "\n  ],\n  \"target\": " << num(s.target) << ",\n  \"target_hours\": " << num(s.target_hours)
    << ",\n  \"survival_at_target\": " << num(s.survival_at_target)
    << ",\n  \"target_met\": " << (s.target_met ? "true" : "false")
    << ",\n  \"generators_for_target\": "
    << (s.generators_for_target >= 0 ? std::to_string(s.generators_for_target) : "null")
    << ",\n  \"fuel_hours_for_target\": "
    << (s.fuel_hours_for_target > 0 ? num(s.fuel_hours_for_target) : "null")
    << ",\n  \"notes\": [";
  for (std::size_t i = 0; i < s.notes.size(); ++i) o << (i ? ", " : "") << detail::json_string(s.notes[i]);
  o << "]\n}\n";
  return o.str();
}

std::string outage_report(const SiteOutage& s) {
  std::ostringstream o;
  char b[256];
  o << "dcload outage — " << s.site << "\n\n";
  std::snprintf(b, sizeof b,
                "  backup: %d generator sets × %.2f MW, fuel for %.0f h at full load, fail to "
                "start %.2f %%, MTTF %.0f h\n",
                s.generators, in_megawatts(s.generator_rating), in_si(s.generator_fuel) / 3600.0,
                100 * s.fail_to_start, s.fail_to_run_per_h > 0 ? 1.0 / s.fail_to_run_per_h : 0.0);
  o << b;
  if (in_si(s.storage_energy) > 0) {
    std::snprintf(b, sizeof b, "  storage: %.0f MWh, %.0f MW\n", in_megawatt_hours(s.storage_energy),
                  in_megawatts(s.storage_power));
    o << b;
  }
  if (s.lng_units > 0) {
    std::snprintf(b, sizeof b, "  islanding LNG: %d units × %.1f MW, unavailable at the start %.1f %%, MTTF %.0f h\n",
                  s.lng_units, in_megawatts(s.lng_unit_rating), 100 * s.lng_fail_to_start,
                  s.lng_fail_to_run_per_h > 0 ? 1.0 / s.lng_fail_to_run_per_h : 0.0);
    o << b;
  }
  if (!s.islanding_renewables.empty()) {
    std::snprintf(b, sizeof b, "  islanding solar/wind: %.0f MWh over the year off the critical load\n",
                  in_megawatt_hours(s.renewable_energy_offset));
    o << b;
  }
  std::snprintf(b, sizeof b, "  critical load: facility demand of %zu of %zu clusters, peak %.1f MW, mean %.1f MW\n\n",
                s.critical_clusters.size(), s.critical_clusters.size() + s.shed_clusters.size(),
                in_megawatts(s.peak_critical_load), in_megawatts(s.mean_critical_load));
  o << b << "  outage h   survival (mean of start hours)   worst start hour\n";
  for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i) {
    const int h = s.survival.worst_start[i];
    if (s.survival.mean[i] <= 0)
      std::snprintf(b, sizeof b, "  %8.0f   %12.4f %%                  (every start hour)\n",
                    s.survival.durations_h[i], 0.0);
    else
      std::snprintf(b, sizeof b, "  %8.0f   %12.4f %%                  %8.4f %% (hour %d, day %d)\n",
                    s.survival.durations_h[i], 100 * s.survival.mean[i],
                    100 * s.survival.minimum[i], h, h / 24 + 1);
    o << b;
  }
  std::snprintf(b, sizeof b, "\n  target %.1f %% for %.0f h: %.4f %% — %s", 100 * s.target,
                s.target_hours, 100 * s.survival_at_target, s.target_met ? "met" : "NOT met");
  o << b;
  o << "\n";
  if (s.fuel_hours_for_target > 0) {
    std::snprintf(b, sizeof b, "  with the %d sets installed it takes fuel for %.1f h at full load\n",
                  s.generators, s.fuel_hours_for_target);
    o << b;
  }
  if (s.generators_for_target >= 0)
    o << "  with fuel that never runs out it takes " << s.generators_for_target << " sets\n";
  else
    o << "  no count of sets up to 3 × the installed reaches the target\n";
  for (const std::string& n : s.notes) o << detail::wrap_text("  note: " + n, 100, 4);
  return o.str();
}

std::string survival_csv(const SiteOutage& s) {
  std::string o = "start_hour";
  for (double d : s.survival.durations_h) o += ",survival_" + std::to_string(static_cast<int>(d)) + "h";
  o += '\n';
  const std::size_t n = s.survival.by_start.empty() ? 0 : s.survival.by_start.front().size();
  for (std::size_t t = 0; t < n; ++t) {
    o += std::to_string(t);
    for (const auto& col : s.survival.by_start) {
      o += ',';
      if (!std::isnan(col[t])) o += num(col[t]);  // a start hour not evaluated: empty
    }
    o += '\n';
  }
  return o;
}

}  // namespace dcload
