// Cooling design conditions computed from a weather series (ASHRAE HoF 2017 ch. 14, §"Cooling,
// dehumidification and evaporation design conditions": annual percentiles of the hours; the
// mean coincident wet-bulb is the mean wet-bulb of the hours at the design dry-bulb).
#include <algorithm>
#include <cmath>
#include <vector>

#include "dcload/weather.hpp"

namespace dcload {
namespace {
// Value exceeded by `share` of the samples (e.g. 0.004 → the 35th-highest of 8760 hours).
double exceeded_by(std::vector<double> v, double share) {
  if (v.empty()) return std::nan("");
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(std::floor(share * v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end(), std::greater<double>());
  return v[k];
}
double mean_coincident(const Weather& w, double db) {
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < w.size(); ++i)
    if (std::abs(w.dry_bulb_c[i] - db) <= 0.5) {
      sum += w.wet_bulb_c[i];
      ++n;
    }
  return n > 0 ? sum / n : std::nan("");
}
}  // namespace

DesignConditions design_conditions(const Weather& w) {
  DesignConditions d;
  d.db_004_c = exceeded_by(w.dry_bulb_c, 0.004);
  d.db_010_c = exceeded_by(w.dry_bulb_c, 0.010);
  d.wb_004_c = exceeded_by(w.wet_bulb_c, 0.004);
  d.wb_010_c = exceeded_by(w.wet_bulb_c, 0.010);
  d.mcwb_004_c = mean_coincident(w, d.db_004_c);
  d.mcwb_010_c = mean_coincident(w, d.db_010_c);
  d.from_header = false;
  return d;
}

}  // namespace dcload
