// Build-out: the campus as built by a year (Site::built_by); run() uses it to run each year of
// a phased site through the whole pipeline (engine/run.cpp).
#include "dcload/site.hpp"

namespace dcload {

Site Site::built_by(int year) const {
  Site s = *this;
  s.phases.clear();
  for (const PhaseSpec& p : phases)
    if (p.year <= year && p.cluster < s.clusters.size()) s.clusters[p.cluster].count += p.count;
  return s;
}

}  // namespace dcload
