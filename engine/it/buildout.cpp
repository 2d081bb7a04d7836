// Build-out: the campus as built by a year (Site::built_by) and the campus in service during a
// year (late additions from their in-service dates); run() uses both for a phased site
// (engine/run.cpp, engine/it/README.md "Build-out").
#include "it/buildout.hpp"

#include <algorithm>

namespace dcload {

Site Site::built_by(int year) const {
  Site s = *this;
  s.calendar_year = year;
  s.phases.clear();
  for (const PhaseSpec& p : phases)
    if (p.year <= year && p.cluster < s.clusters.size()) s.clusters[p.cluster].count += p.count;
  return s;
}

namespace detail {

double seconds_into_year(int month, int day) {
  static constexpr int kCumulativeDays[12] = {0,   31,  59,  90,  120, 151,
                                              181, 212, 243, 273, 304, 334};
  const int m = std::clamp(month, 1, 12);
  const int d = std::clamp(day, 1, 31);
  // 29 February of a leap year maps onto 1 March of the typical year.
  return (kCumulativeDays[m - 1] + d - 1) * 86400.0;
}

Site in_service_during(const Site& site, int year, bool& any_late) {
  Site s = site.built_by(year);
  any_late = false;
  for (const PhaseSpec& p : site.phases) {
    if (p.year != year || p.cluster >= s.clusters.size() || p.count <= 0) continue;
    const double from_s = seconds_into_year(p.month, p.day);
    if (from_s <= 0.0) continue;  // in service on 1 January: the whole year
    s.clusters[p.cluster].late_additions.push_back({from_s, p.count});
    any_late = true;
  }
  return s;
}

}  // namespace detail
}  // namespace dcload
