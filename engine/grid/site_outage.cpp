// A site's outage survival (include/dcload/resilience.hpp): its run's hourly facility demand
// as the critical load, its sized standby generators and its [[supply]] battery into
// outage_survival(), and the generator count that reaches the [resilience] target.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "dcload/error.hpp"
#include "dcload/resilience.hpp"
#include "output/json_text.hpp"

namespace dcload {
namespace {

std::string num(double v) { return detail::json_number(v); }

double mean_at(const OutageSurvival& s, double hours) {
  for (std::size_t i = 0; i < s.durations_h.size(); ++i)
    if (std::abs(s.durations_h[i] - hours) < 1e-9) return s.mean[i];
  return 0;
}

}  // namespace

SiteOutage site_outage(const Site& site_in, const RunOptions& options) {
  const Site site = site_in.phases.empty() ? site_in : site_in.built_by(site_in.phases.back().year);
  RunOptions o = options;
  o.timestep = hours(1.0);
  o.start = seconds(0.0);
  o.duration = seconds(0.0);
  o.sink = nullptr;
  o.keep_in_memory = true;
  const std::vector<std::string> names = channel_names(site);
  const bool has_soc = std::find(names.begin(), names.end(), "battery_soc") != names.end();
  o.channels = {"facility_power"};
  if (has_soc) o.channels.push_back("battery_soc");
  const RunResult r = run(site, o);

  SiteOutage out;
  out.site = site.name;
  const auto fac = r.channel("facility_power");
  OutageInputs in;
  in.critical_load_w.assign(fac.begin(), fac.end());
  out.peak_critical_load = watts(*std::max_element(fac.begin(), fac.end()));
  double sum = 0;
  for (double v : fac) sum += v;
  out.mean_critical_load = watts(sum / static_cast<double>(fac.size()));

  out.generators = r.summary.generators;
  out.generator_rating = site.auxiliary.generator_rating;
  out.generator_fuel = site.auxiliary.generator_fuel;
  out.fail_to_start = site.auxiliary.generator_fail_to_start;
  out.fail_to_run_per_h = 3600.0 / in_si(site.auxiliary.generator_mttf);
  BackupUnit gen;
  gen.name = "generators";
  gen.count = out.generators;
  gen.unit_w = in_si(out.generator_rating);
  gen.fail_to_start = out.fail_to_start;
  gen.fail_to_run_per_h = out.fail_to_run_per_h;
  gen.fuel_hours = in_si(out.generator_fuel) / 3600.0;
  in.units.push_back(gen);

  // The chain's cost grows with (sets + 1) × state-of-charge bins per start hour and outage
  // hour. Up to 50 bins; when fewer than 20 would fit 2,000 joint states (plants of more than
  // 99 sets), the battery is left out — coarse bins rounded conservatively would credit it
  // with little anyway — and survival is a lower bound.
  const int bins = std::min(50, 2000 / (out.generators + 1));
  for (const SupplyResult& x : r.summary.supply)
    if (x.type == "battery" && in_si(x.battery_energy) > 0) {
      if (bins < 20) {
        out.notes.push_back("battery " + x.name + " not counted: with " +
                            std::to_string(out.generators) +
                            " sets the joint chain over sets and its charge is too large to run "
                            "for every start hour; survival is a lower bound");
        continue;
      }
      StorageUnit b;
      b.name = x.name;
      b.energy_j = in_si(x.battery_energy);
      b.power_w = in_si(x.capacity);
      if (has_soc) {
        const auto soc = r.channel("battery_soc");
        b.soc_at_start.assign(soc.begin(), soc.end());
      }
      out.storage_energy = joules(b.energy_j);
      out.storage_power = watts(b.power_w);
      in.storage.push_back(b);
      in.storage_bins = bins;
      out.notes.push_back("battery " + x.name + " counted at the state of charge the run left it "
                          "in at each start hour, in " + std::to_string(bins) +
                          " bins rounded conservatively (survival a lower bound)");
    }
  out.target = site.resilience.target;
  out.target_hours = std::round(in_si(site.resilience.target_duration) / 3600.0);
  in.durations_h = {1, 2, 4, 8, 12, 24, 48, 72, 96};
  if (std::find(in.durations_h.begin(), in.durations_h.end(), out.target_hours) == in.durations_h.end()) {
    in.durations_h.push_back(out.target_hours);
    std::sort(in.durations_h.begin(), in.durations_h.end());
  }
  out.survival = outage_survival(in);
  out.survival_at_target = mean_at(out.survival, out.target_hours);
  out.target_met = out.survival_at_target >= out.target;

  // What reaches the target: (a) the fuel on site, in hours of all sets at full load, with the
  // sets installed; (b) the sets of this rating, with fuel that never runs out (the failures
  // of the sets alone). Survival grows with both: bisection.
  OutageInputs probe = in;
  probe.durations_h = {out.target_hours};
  auto survives = [&](int n, double fuel_h) {
    probe.units[0].count = n;
    probe.units[0].fuel_hours = fuel_h;
    return outage_survival(probe).mean[0] >= out.target;
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (survives(out.generators, kInf)) {
    // Bracket: below the fuel that covers target_hours of the least demand (less what the
    // battery holds) no start hour survives; the target's hours at peak demand (plus a margin)
    // is tried first as the upper end.
    const double fleet_w = out.generators * in_si(out.generator_rating);
    const double min_w = *std::min_element(fac.begin(), fac.end());
    double lo = std::max(0.0, (out.target_hours * min_w - in_si(out.storage_energy)) / fleet_w - 0.25);
    double hi = out.target_hours * in_si(out.peak_critical_load) / fleet_w + 0.5;
    if (!survives(out.generators, hi)) hi = 4 * out.target_hours;
    if (survives(out.generators, hi)) {
      while (hi - lo > 0.25) {
        const double mid = 0.5 * (lo + hi);
        (survives(out.generators, mid) ? hi : lo) = mid;
      }
      out.fuel_hours_for_target = hi;
    }
  } else {
    out.notes.push_back("with the sets installed no amount of fuel reaches the target: their "
                        "failures alone (fail to start, MTTF) leave too few running");
  }
  const int hi_cap = std::max(3 * out.generators, out.generators + 10);
  if (survives(hi_cap, kInf)) {
    // Fewer sets than the least demand (less the battery's power) needs never survive.
    const double min_w = *std::min_element(fac.begin(), fac.end());
    int lo = std::max(0, static_cast<int>(std::floor((min_w - in_si(out.storage_power)) /
                                                     in_si(out.generator_rating))) - 1);
    int hi = survives(out.generators, kInf) ? out.generators : hi_cap;
    if (lo >= hi) lo = 0;
    while (hi - lo > 1) {
      const int mid = (lo + hi) / 2;
      (survives(mid, kInf) ? hi : lo) = mid;
    }
    out.generators_for_target = hi;
  }
  if (!out.target_met)
    out.notes.push_back("the backup as built does not reach the [resilience] target for " +
                        std::to_string(static_cast<int>(out.target_hours)) + " h");
  for (const SupplyResult& x : r.summary.supply)
    if (x.type == "lng_ccgt" || x.type == "solar" || x.type == "wind")
      out.notes.push_back("supply " + x.name + " (" + x.type +
                          ") is not counted as backup: whether it can run islanded from the grid "
                          "is not in the site file");
  out.notes.push_back(
      "UPS batteries bridge the generators' start (minutes) and are not counted in the hourly "
      "survival; the critical load is the whole facility demand of each hour (IT with its "
      "cooling and losses), no tiers shed");
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
    << ",\n  \"survival\": [";
  for (std::size_t i = 0; i < s.survival.durations_h.size(); ++i)
    o << (i ? ",\n    " : "\n    ") << "{\"hours\": " << num(s.survival.durations_h[i])
      << ", \"mean\": " << num(s.survival.mean[i]) << ", \"minimum\": " << num(s.survival.minimum[i])
      << ", \"worst_start_hour\": " << s.survival.worst_start[i] << "}";
  o << "\n  ],\n  \"target\": " << num(s.target) << ",\n  \"target_hours\": " << num(s.target_hours)
    << ",\n  \"survival_at_target\": " << num(s.survival_at_target)
    << ",\n  \"target_met\": " << (s.target_met ? "true" : "false")
    << ",\n  \"generators_for_target\": "
    << (s.generators_for_target ? std::to_string(s.generators_for_target) : "null")
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
  std::snprintf(b, sizeof b, "  critical load: facility demand, peak %.1f MW, mean %.1f MW\n\n",
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
  if (s.generators_for_target)
    o << "  with fuel that never runs out it takes " << s.generators_for_target << " sets\n";
  for (const std::string& n : s.notes) o << "  note: " << n << '\n';
  return o.str();
}

}  // namespace dcload
