// The ASHRAE 0.4 % cooling design day as a 24-hour weather series, for the grid stage's
// design-day headroom (and the capacity search at the design day).
#include <algorithm>
#include <array>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {
namespace {

// ASHRAE Handbook—Fundamentals 2017 ch. 14, Table 6 "Fraction of daily temperature range", by
// hour 1..24 of local solar time (same table in the 2021 edition, p. 14.13); T(h) = T_design −
// f(h)·DR. Transcribed from two independent public implementations that agree value for value
// (TomLXXVI/python-hvac@c1edb273 hvac/cooling_load_calc/core/weather_data.py and a second
// repository citing HoF 2021 p. 14.13); the Handbook page itself was not read. Not the pre-2009
// table that EnergyPlus still uses (0.87, 0.92, 0.96, ...).
constexpr std::array<double, 24> kRangeFraction = {
    0.88, 0.92, 0.95, 0.98, 1.00, 0.98, 0.91, 0.74, 0.55, 0.38, 0.23, 0.13,
    0.05, 0.00, 0.00, 0.06, 0.14, 0.24, 0.39, 0.50, 0.59, 0.68, 0.75, 0.82};

}  // namespace

Weather design_day_weather(const Weather& w) {
  const DesignConditions& d = w.design;
  // Hottest month of the series and its mean daily range (max − min of each day).
  std::array<double, 12> sum{}, days_range{};
  std::array<int, 12> count{}, days{};
  const size_t per_day = static_cast<size_t>(std::llround(86400.0 / w.timestep_s));
  for (size_t i = 0; i < w.size(); ++i) {
    sum[w.month[i] - 1] += w.dry_bulb_c[i];
    ++count[w.month[i] - 1];
  }
  int hot = 0;
  for (int m = 1; m < 12; ++m)
    if (count[m] && sum[m] / count[m] > sum[hot] / std::max(1, count[hot])) hot = m;
  for (size_t start = 0; start + per_day <= w.size(); start += per_day) {
    const int m = w.month[start] - 1;
    if (m != hot) continue;
    const auto [lo, hi] = std::minmax_element(w.dry_bulb_c.begin() + static_cast<long>(start),
                                              w.dry_bulb_c.begin() + static_cast<long>(start + per_day));
    days_range[m] += *hi - *lo;
    ++days[m];
  }
  const double range_k = days[hot] ? days_range[hot] / days[hot] : 0.0;
  double pressure_pa = 0;
  for (double p : w.pressure_pa) pressure_pa += p;
  pressure_pa = w.size() ? pressure_pa / static_cast<double>(w.size()) : 101325.0;

  // Moisture: the humidity of the design state (db_004, mcwb_004) held over the day, i.e. the
  // vapour pressure that gives that wet-bulb at that dry-bulb (found by bisection on RH).
  const Pressure p = pascals(pressure_pa);
  double lo = 0.0, hi = 1.0;
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (in_celsius(wet_bulb(celsius(d.db_004_c), mid, p)) < d.mcwb_004_c) lo = mid;
    else hi = mid;
  }
  const double vapour_pa = 0.5 * (lo + hi) * in_si(saturation_pressure(celsius(d.db_004_c)));

  Weather out;
  out.source = w.source + " (ASHRAE 0.4 % design day)";
  out.location = w.location;
  out.latitude_deg = w.latitude_deg;
  out.longitude_deg = w.longitude_deg;
  out.timezone_h = w.timezone_h;
  out.elevation_m = w.elevation_m;
  out.timestep_s = 3600.0;
  out.design = d;
  for (int h = 0; h < 24; ++h) {
    // Step h covers hour h..h+1, i.e. Table 6 hour h+1.
    const double t = d.db_004_c - kRangeFraction[h] * range_k;
    const double rh = std::min(1.0, vapour_pa / in_si(saturation_pressure(celsius(t))));
    out.month.push_back(hot + 1);
    out.dry_bulb_c.push_back(t);
    out.relative_humidity.push_back(rh);
    out.pressure_pa.push_back(pressure_pa);
    out.wet_bulb_c.push_back(in_celsius(wet_bulb(celsius(t), rh, p)));
    out.dew_point_c.push_back(in_celsius(dew_point_from_vapour_pressure(pascals(rh * in_si(saturation_pressure(celsius(t)))))));
    out.ghi_w_m2.push_back(0.0);
    out.dni_w_m2.push_back(0.0);
    out.dhi_w_m2.push_back(0.0);
    out.wind_m_s.push_back(0.0);
  }
  return out;
}

}  // namespace dcload::detail
