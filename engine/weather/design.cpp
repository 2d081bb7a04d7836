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
// Mean dry-bulb of the steps within ±0.5 K of a wet-bulb (mean coincident dry-bulb).
double mean_coincident_dry_bulb(const Weather& w, double wb) {
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < w.size(); ++i)
    if (std::abs(w.wet_bulb_c[i] - wb) <= 0.5) {
      sum += w.dry_bulb_c[i];
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
  d.mcdb_wb004_c = mean_coincident_dry_bulb(w, d.wb_004_c);
  d.from_header = false;
  // Extremes: a single year cannot give a 20-year return period; keep those the weather source
  // carries (a built-in station's ASHRAE values), else leave them unknown (NaN).
  if (!w.design.extremes_from.empty()) {
    d.wb_extreme_c = w.design.wb_extreme_c;
    d.db_n20_c = w.design.db_n20_c;
    if (std::isfinite(w.design.mcdb_wb004_c)) d.mcdb_wb004_c = w.design.mcdb_wb004_c;
    d.extremes_from = w.design.extremes_from;
  }
  return d;
}

}  // namespace dcload
