// Capacity search: the largest campus (clusters scaled together) that fits the connection.
#include "dcload/capacity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "dcload/error.hpp"
#include "output/json_text.hpp"
#include "stages.hpp"

namespace dcload {
namespace {

// Peak facility demand of the site with the reference cluster at `nodes` whole nodes and the
// others scaled by the same ratio (each rounded to whole nodes); memoized so that the normal and
// N-1 searches share trials. The search runs in nodes: a campus is built of whole servers (or
// whole racks for rack-scale systems).
class Trials {
 public:
  Trials(const Site& site, size_t ref, const Weather& w, const RunOptions& o)
      : site_(site), ref_(ref), weather_(w), options_(o) {}

  int64_t per_node() const { return std::max(1, site_.clusters[ref_].accelerator.gpus_per_node); }
  double peak_w(int64_t nodes) {
    auto it = cache_.find(nodes);
    if (it != cache_.end()) return it->second;
    const Site s = detail::scaled_campus(site_, ref_, nodes * per_node());
    const RunResult r = run(s, weather_, options_);
    ++count_;
    const double p = in_si(r.summary.peak_facility);
    cache_[nodes] = p;
    design_it_[nodes] = in_si(s.design_it_power());
    return p;
  }
  double design_it_w(int64_t nodes) {
    peak_w(nodes);
    return design_it_[nodes];
  }
  int count() const { return count_; }

 private:
  const Site& site_;
  size_t ref_;
  const Weather& weather_;
  RunOptions options_;
  std::map<int64_t, double> cache_, design_it_;
  int count_ = 0;
};

// Largest N ≥ 0 with peak(N) ≤ limit. Peak demand is monotone and close to affine in N
// (losses add small quadratic terms), so: a proportional first guess, secant steps on
// peak(N) − limit, then single steps to settle the last accelerator.
CapacityLimit search(Trials& t, int64_t n0_gpus, double limit_w) {
  CapacityLimit out;
  const int64_t n0 = std::max<int64_t>(1, n0_gpus / t.per_node());
  out.limit = watts(limit_w);
  auto g = [&](int64_t n) { return t.peak_w(n) - limit_w; };
  int64_t a = std::max<int64_t>(1, n0);
  double ga = g(a);
  // Proportional guess from the demand per accelerator at n0 (treats all demand as scaling).
  int64_t b = std::max<int64_t>(1, std::llround(static_cast<double>(a) * limit_w / (ga + limit_w)));
  if (b == a) b = a + (ga > 0 ? -1 : 1);
  double gb = g(b);
  for (int k = 0; k < 12 && std::abs(b - a) > 1 && gb != ga; ++k) {
    const double next = static_cast<double>(b) - gb * static_cast<double>(b - a) / (gb - ga);
    const int64_t c = std::max<int64_t>(0, std::llround(next));
    a = b;
    ga = gb;
    b = c;
    gb = g(b);
  }
  int64_t n = b;
  while (n > 0 && g(n) > 0) --n;
  while (g(n + 1) <= 0) ++n;
  if (n == 0 && g(0) > 0) {
    out.max_gpus = 0;
  } else {
    out.max_gpus = n * t.per_node();
  }
  const int64_t best = out.max_gpus / t.per_node();
  out.max_it = watts(t.design_it_w(best));
  out.peak_facility = watts(t.peak_w(best));
  out.headroom = watts(limit_w - t.peak_w(best));
  out.headroom_one_more = watts(limit_w - t.peak_w(best + 1));
  return out;
}

// The shortest text that reads back as the same double (as every JSON number of dcload).
std::string num(double v) { return detail::json_number(v); }

}  // namespace

Site detail::scaled_campus(const Site& site, size_t ref, int64_t gpus) {
  Site s = site;
  const double ratio = static_cast<double>(gpus) / static_cast<double>(site.clusters[ref].count);
  for (size_t i = 0; i < s.clusters.size(); ++i) {
    ClusterSpec& c = s.clusters[i];
    if (i == ref) {
      c.count = gpus;
      continue;
    }
    const int64_t per = std::max(1, c.accelerator.gpus_per_node);
    c.count = std::llround(static_cast<double>(site.clusters[i].count) * ratio / per) * per;
  }
  return s;
}

Site detail::campus_with_grid_of(const Site& site_in, int year) {
  Site site = site_in.phases.empty() ? site_in : site_in.built_by(year);
  for (const GridUpgrade& u : site_in.grid.upgrades)
    if (u.year <= year) {
      site.grid.connection = u.connection;
      if (u.circuit_rating.va() > 0) site.grid.circuit_rating = u.circuit_rating;
    }
  return site;
}

size_t detail::reference_cluster(const Site& site) {
  for (size_t i = 0; i < site.clusters.size(); ++i)
    if (site.clusters[i].count > 0) return i;
  throw ConfigError(site.file.string(), 0, 0, "cluster", "capacity: the site has no accelerators");
}

CapacityResult find_capacity(const Site& site_in, const Weather& weather, const RunOptions& options) {
  // A phased site: the campus as built by its last phase, on the grid then in force.
  const Site site = site_in.phases.empty()
                        ? site_in
                        : detail::campus_with_grid_of(site_in, site_in.phases.back().year);
  // The reference cluster: the first with accelerators.
  const size_t ref = detail::reference_cluster(site);
  CapacityResult r;
  r.site = site.name;
  r.accelerator = site.clusters[ref].accelerator.name;
  r.current_gpus = site.clusters[ref].count;
  const double cap = detail::grid_capacity_w(site, site.grid.connection, false);
  const double cap_n1 = detail::grid_capacity_w(site, site.grid.connection, true);
  // Every trial runs in one Workspace (the caller's, or this search's): after the first, no
  // trial allocates its series again.
  Workspace own;
  Workspace* ws = options.workspace ? options.workspace : &own;
  RunOptions summary_only = options;
  summary_only.channels = {"none"};
  summary_only.sink = nullptr;
  summary_only.workspace = ws;
  Trials year(site, ref, weather, summary_only);
  r.year = search(year, r.current_gpus, cap);
  r.year_n1 = search(year, r.year.max_gpus, cap_n1);
  const Weather day = detail::design_day_weather(weather);
  RunOptions day_options;
  day_options.channels = {"none"};
  day_options.workspace = ws;
  Trials dd(site, ref, day, day_options);
  r.design_day = search(dd, r.year.max_gpus, cap);
  r.design_day_n1 = search(dd, r.year_n1.max_gpus, cap_n1);
  r.trials = year.count() + dd.count();
  return r;
}

CapacityResult find_capacity(const Site& site, const RunOptions& options) {
  const std::string source =
      options.weather_override.empty() ? site.weather : options.weather_override;
  const std::filesystem::path base = site.file.empty() ? std::filesystem::path() : site.file.parent_path();
  const Weather w = load_weather(source, base);
  return find_capacity(site, w, options);
}

std::string to_json(const CapacityResult& r) {
  std::ostringstream o;
  // Keys: what, then its qualifiers, then the unit (README "JSON keys"): max_it_n1_mw.
  auto limit = [&](const char* suffix, const CapacityLimit& l) {
    o << "  \"capacity" << suffix << "_mw\": " << num(in_megawatts(l.limit)) << ",\n";
    o << "  \"max_it" << suffix << "_mw\": " << num(in_megawatts(l.max_it)) << ",\n";
    o << "  \"max_gpus" << suffix << "\": " << l.max_gpus << ",\n";
    o << "  \"peak_facility_at_max" << suffix << "_mw\": " << num(in_megawatts(l.peak_facility)) << ",\n";
    o << "  \"headroom_at_max" << suffix << "_mw\": " << num(in_megawatts(l.headroom)) << ",\n";
  };
  // The names of dcload 0.x before the rule, kept for one release (README "Renamed keys").
  auto alias = [&](const char* suffix, const CapacityLimit& l, bool last) {
    o << "  \"max_it_mw_that_fits" << suffix << "\": " << num(in_megawatts(l.max_it)) << ",\n";
    o << "  \"max_gpus_that_fit" << suffix << "\": " << l.max_gpus << ",\n";
    o << "  \"peak_facility_mw_at_max" << suffix << "\": " << num(in_megawatts(l.peak_facility)) << ",\n";
    o << "  \"headroom_mw_at_max" << suffix << "\": " << num(in_megawatts(l.headroom))
      << (last ? "\n" : ",\n");
  };
  o << "{\n  \"site\": " << detail::json_string(r.site)
    << ",\n  \"accelerator\": " << detail::json_string(r.accelerator)
    << ",\n  \"current_gpus\": " << r.current_gpus << ",\n  \"trials\": " << r.trials << ",\n";
  limit("", r.year);
  limit("_n1", r.year_n1);
  limit("_design_day", r.design_day);
  limit("_design_day_n1", r.design_day_n1);
  alias("", r.year, false);
  alias("_n1", r.year_n1, false);
  alias("_design_day", r.design_day, false);
  alias("_design_day_n1", r.design_day_n1, true);
  o << "}\n";
  return o.str();
}

std::string capacity_report(const CapacityResult& r) {
  std::ostringstream o;
  char b[200];
  o << "dcload capacity — " << r.site << " (" << r.accelerator << ", now " << r.current_gpus
    << ")\n\n";
  std::snprintf(b, sizeof b, "  %-30s %10s %12s %10s %12s\n", "limit", "capacity", "max IT",
                "max GPUs", "headroom");
  o << b;
  auto row = [&](const char* name, const CapacityLimit& l) {
    std::snprintf(b, sizeof b, "  %-30s %7.1f MW %9.1f MW %10lld %9.3f MW\n", name,
                  in_megawatts(l.limit), in_megawatts(l.max_it),
                  static_cast<long long>(l.max_gpus), in_megawatts(l.headroom));
    o << b;
  };
  row("weather year", r.year);
  row("weather year, N-1", r.year_n1);
  row("design day (ASHRAE 0.4 %)", r.design_day);
  row("design day, N-1", r.design_day_n1);
  o << "\n  " << r.trials << " pipeline runs\n";
  return o.str();
}

}  // namespace dcload
