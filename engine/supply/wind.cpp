#include "supply/wind.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace dcload::detail {

std::vector<std::string> validate(const WindFarm& f) {
  std::vector<std::string> p;
  if (!(f.capacity_w >= 0)) p.push_back("wind capacity must be ≥ 0");
  if (!(f.hub_height_m > 0)) p.push_back("hub height must be > 0 m");
  if (!(f.measurement_height_m > 0)) p.push_back("measurement height must be > 0 m");
  if (!(f.shear_exponent >= 0 && f.shear_exponent < 1))
    p.push_back("shear exponent must be within 0–1");
  if (!(f.availability > 0 && f.availability <= 1)) p.push_back("availability must be within 0–100 %");
  if (!(f.wake_loss >= 0 && f.wake_loss < 1)) p.push_back("wake loss must be within 0–100 %");
  if (!(f.electrical_loss >= 0 && f.electrical_loss < 1))
    p.push_back("electrical loss must be within 0–100 %");
  if (!(f.mean_speed_hub_m_s >= 0)) p.push_back("mean wind speed must be ≥ 0 m/s");
  const PowerCurve& c = f.curve;
  if (c.speed_m_s.size() < 2 || c.speed_m_s.size() != c.fraction.size()) {
    p.push_back("power curve needs at least two points and as many fractions as speeds");
    return p;
  }
  for (std::size_t i = 0; i < c.speed_m_s.size(); ++i) {
    if (!(c.fraction[i] >= 0 && c.fraction[i] <= 1)) {
      p.push_back("power curve fractions must be within 0–1");
      break;
    }
    if (i > 0 && !(c.speed_m_s[i] > c.speed_m_s[i - 1])) {
      p.push_back("power curve speeds must increase");
      break;
    }
  }
  if (!(c.cut_in >= 0 && c.cut_out > c.cut_in)) p.push_back("need 0 ≤ cut-in < cut-out");
  return p;
}

double air_density_kg_m3(double pressure_pa, double dry_bulb_c, double relative_humidity) {
  // IEC 61400-12-1, data normalisation (clause and equation numbers not re-checked here; the
  // standard itself was not read; the formula and the Pw fit as commonly restated from it):
  // ρ = (1/T)·(B/R0 − φ·Pw·(1/R0 − 1/Rw)), gas constants of
  // dry air R0 = 287.05 J/(kg·K) and of water vapour Rw = 461.5 J/(kg·K), vapour pressure
  // Pw = 2.05e-5·exp(0.0631846·T) Pa (T in K), the standard's own fit.
  constexpr double kR0 = 287.05, kRw = 461.5;
  const double t_k = dry_bulb_c + 273.15;
  const double pw = 2.05e-5 * std::exp(0.0631846 * t_k);
  const double phi = std::clamp(relative_humidity, 0.0, 1.0);
  return (pressure_pa / kR0 - phi * pw * (1.0 / kR0 - 1.0 / kRw)) / t_k;
}

namespace {
// The tabulated curve alone: 0 below its first point, its last value beyond its last point.
double interpolate(const PowerCurve& c, double v) {
  const auto& s = c.speed_m_s;
  if (v < s.front()) return 0.0;
  if (v >= s.back()) return c.fraction.back();
  const std::size_t i = static_cast<std::size_t>(std::upper_bound(s.begin(), s.end(), v) - s.begin());
  const double t = (v - s[i - 1]) / (s[i] - s[i - 1]);
  return c.fraction[i - 1] + t * (c.fraction[i] - c.fraction[i - 1]);
}
}  // namespace

double power_fraction(const PowerCurve& c, double v) {
  if (!(v >= c.cut_in) || v > c.cut_out) return 0.0;  // NaN speed → 0
  return interpolate(c, v);
}

double mean_measured_wind_m_s(const Weather& w) {
  double sum = 0;
  for (double v : w.wind_m_s) sum += std::max(0.0, v);
  return w.wind_m_s.empty() ? 0.0 : sum / static_cast<double>(w.wind_m_s.size());
}

void wind_power(const WindFarm& f, const Weather& w, std::vector<double>& out_w) {
  const std::size_t n = w.size();
  out_w.resize(n);
  if (n == 0) return;
  // Power law (Peterson & Hennessey 1978; IEC 61400-1 ed. 3 §6.3.1.2 normal wind profile):
  // v(z) = v(z_r)·(z/z_r)^α.
  double shear = std::pow(f.hub_height_m / f.measurement_height_m, f.shear_exponent);
  if (f.mean_speed_hub_m_s > 0) {
    const double mean_hub =
        (f.measured_mean_m_s > 0 ? f.measured_mean_m_s : mean_measured_wind_m_s(w)) * shear;
    if (mean_hub > 0) shear *= f.mean_speed_hub_m_s / mean_hub;
  }
  const double scale = f.capacity_w * f.availability * (1.0 - f.wake_loss) * (1.0 - f.electrical_loss);
  const bool have_rh = w.relative_humidity.size() == n;
  for (std::size_t k = 0; k < n; ++k) {
    const double v_hub = std::max(0.0, w.wind_m_s[k]) * shear;
    // Cut-in and cut-out act on the actual speed (the controller sees the anemometer); the
    // curve is read at the normalised speed.
    if (v_hub < f.curve.cut_in || v_hub > f.curve.cut_out) {
      out_w[k] = 0.0;
      continue;
    }
    // IEC 61400-12-1 normalisation for pitch-regulated turbines: the speed that gives the
    // same power at the reference density, v_n = v·(ρ/ρ_ref)^(1/3).
    const double rho = air_density_kg_m3(w.pressure_pa[k], w.dry_bulb_c[k],
                                         have_rh ? w.relative_humidity[k] : 0.0);
    const double v_n = v_hub * std::cbrt(rho / kReferenceAirDensity);
    out_w[k] = scale * interpolate(f.curve, v_n);
  }
}

}  // namespace dcload::detail
