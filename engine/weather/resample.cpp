// Resampling of an hourly weather year to a shorter step (see weather.hpp).
//
// Each hourly value stands for the hour [h, h+1); it is placed at the hour midpoint h + ½.
// State variables (temperatures, humidity, pressure, wind) are linearly interpolated between
// consecutive hour midpoints and sampled at the midpoint of each new step, so resampling to
// 3600 s gives back the input and the mean time of the sub-steps of an hour is its midpoint
// (no phase shift). The year is treated as cyclic (a typical year): the half hour before the
// first midpoint interpolates towards the last hour, and the last half hour towards the first.
// Wet-bulb and dew point are interpolated like dry-bulb rather than recomputed: linear
// interpolation of two ordered series keeps them ordered (wet-bulb ≤ dry-bulb) and costs
// nothing, at an error below the interpolation error itself.
// Irradiance is held over the hour so hourly energy is preserved exactly.
#include <cmath>
#include <string>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"

namespace dcload {
namespace {

template <class T>
void interpolate(const std::vector<T>& hourly, std::vector<T>& out, std::size_t per_hour) {
  const std::size_t n = hourly.size();
  out.resize(n * per_hour);
  const double inv = 1.0 / static_cast<double>(per_hour);
  for (std::size_t h = 0; h < n; ++h) {
    const double prev = hourly[(h + n - 1) % n];
    const double here = hourly[h];
    const double next = hourly[(h + 1) % n];
    for (std::size_t j = 0; j < per_hour; ++j) {
      // midpoint of sub-step j, in hours from the hour midpoint: −½ … +½
      const double x = (static_cast<double>(j) + 0.5) * inv - 0.5;
      out[h * per_hour + j] = x < 0.0 ? here + x * (here - prev) : here + x * (next - here);
    }
  }
}

template <class T>
void hold(const std::vector<T>& hourly, std::vector<T>& out, std::size_t per_hour) {
  out.resize(hourly.size() * per_hour);
  for (std::size_t h = 0; h < hourly.size(); ++h) {
    for (std::size_t j = 0; j < per_hour; ++j) out[h * per_hour + j] = hourly[h];
  }
}

}  // namespace

Weather resample(const Weather& hourly, Duration timestep) {
  const double dt_s = in_si(timestep);
  if (!(dt_s >= 1e-3)) {
    throw ConfigError("", 0, 0, "timestep",
                      "timestep = " + std::to_string(dt_s) + " s: must be at least 1 ms");
  }
  const double per_hour_real = 3600.0 / dt_s;
  const double per_hour_round = std::round(per_hour_real);
  if (per_hour_round < 1.0 || std::abs(per_hour_real - per_hour_round) > 1e-9 * per_hour_real) {
    throw ConfigError("", 0, 0, "timestep",
                      "timestep = " + std::to_string(dt_s) +
                          " s: must divide one hour (3600 s) a whole number of times, e.g. "
                          "3600, 900, 300, 60 or 1 s");
  }
  if (hourly.timestep_s != 3600.0) {
    throw ConfigError("", 0, 0, "timestep",
                      "resample needs hourly weather, got a step of " +
                          std::to_string(hourly.timestep_s) + " s");
  }
  const auto per_hour = static_cast<std::size_t>(per_hour_round);

  Weather out;
  out.source = hourly.source;
  out.location = hourly.location;
  out.design = hourly.design;
  out.warnings = hourly.warnings;  // design conditions describe the climate, not the step
  out.latitude_deg = hourly.latitude_deg;
  out.longitude_deg = hourly.longitude_deg;
  out.timezone_h = hourly.timezone_h;
  out.elevation_m = hourly.elevation_m;
  out.timestep_s = 3600.0 / per_hour_round;

  hold(hourly.month, out.month, per_hour);
  interpolate(hourly.dry_bulb_c, out.dry_bulb_c, per_hour);
  interpolate(hourly.dew_point_c, out.dew_point_c, per_hour);
  interpolate(hourly.relative_humidity, out.relative_humidity, per_hour);
  interpolate(hourly.pressure_pa, out.pressure_pa, per_hour);
  interpolate(hourly.wet_bulb_c, out.wet_bulb_c, per_hour);
  interpolate(hourly.wind_m_s, out.wind_m_s, per_hour);
  hold(hourly.ghi_w_m2, out.ghi_w_m2, per_hour);
  hold(hourly.dni_w_m2, out.dni_w_m2, per_hour);
  hold(hourly.dhi_w_m2, out.dhi_w_m2, per_hour);
  return out;
}

}  // namespace dcload
