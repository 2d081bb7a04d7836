// Psychrometrics after ASHRAE Handbook—Fundamentals 2017 (SI edition), chapter 1
// "Psychrometrics". Equation numbers below are that chapter's. The typed public functions
// (dcload/weather.hpp) wrap the double kernels (weather/psychro.hpp) so each formula exists once.
#include "weather/psychro.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "dcload/weather.hpp"

namespace dcload {
namespace weather_detail {
namespace {

constexpr double kKelvinOffset = 273.15;  // 0 °C in K (SI Brochure 9th ed. §2.3.1)

// Hyland–Wexler coefficients, HoF 2017 ch.1 eq. 5 (over ice, −100…0 °C), pws in Pa, T in K.
constexpr double kC1 = -5.6745359e3;
constexpr double kC2 = 6.3925247;
constexpr double kC3 = -9.6778430e-3;
constexpr double kC4 = 6.2215701e-7;
constexpr double kC5 = 2.0747825e-9;
constexpr double kC6 = -9.4840240e-13;
constexpr double kC7 = 4.1635019;
// HoF 2017 ch.1 eq. 6 (over liquid water, 0…200 °C).
constexpr double kC8 = -5.8002206e3;
constexpr double kC9 = 1.3914993;
constexpr double kC10 = -4.8640239e-2;
constexpr double kC11 = 4.1764768e-5;
constexpr double kC12 = -1.4452093e-8;
constexpr double kC13 = 6.5459673;

// Ratio of molecular masses of water and dry air, 18.015268/28.966 (HoF 2017 ch.1 eq. 20).
constexpr double kMolarMassRatio = 0.621945;

// Validity range of eq. 5–6.
constexpr double kTminC = -100.0;
constexpr double kTmaxC = 200.0;

// ln(pws) and its derivative d ln(pws)/dT (T in K), eq. 5 / eq. 6.
inline double ln_pws(double t_k, bool over_ice) {
  if (over_ice) {
    return kC1 / t_k + kC2 + t_k * (kC3 + t_k * (kC4 + t_k * (kC5 + t_k * kC6))) +
           kC7 * std::log(t_k);
  }
  return kC8 / t_k + kC9 + t_k * (kC10 + t_k * (kC11 + t_k * kC12)) + kC13 * std::log(t_k);
}
inline double dln_pws_dt(double t_k, bool over_ice) {
  if (over_ice) {
    return -kC1 / (t_k * t_k) + kC3 + t_k * (2 * kC4 + t_k * (3 * kC5 + t_k * 4 * kC6)) +
           kC7 / t_k;
  }
  return -kC8 / (t_k * t_k) + kC10 + t_k * (2 * kC11 + t_k * 3 * kC12) + kC13 / t_k;
}

// Starting guess for the dew point: Magnus formula over water with the WMO (2008, CIMO Guide
// Annex 4.B) coefficients 611.2 Pa, 17.62, 243.12 °C. Only a starting point for Newton.
inline double magnus_dew_point_c(double vapour_pa) {
  const double g = std::log(vapour_pa / 611.2);
  return 243.12 * g / (17.62 - g);
}

// Humidity ratio on the saturation line through the wet-bulb t* minus the actual one, and its
// derivative in t*: eq. 33 (t* ≥ 0 °C, water) or eq. 35 (t* < 0 °C, ice). Increasing in t*.
struct Residual {
  double value;
  double slope;  // d value / d t*, 1/K
};
inline Residual wet_bulb_residual(double t_star_c, double dry_bulb_c, double w, double p_pa) {
  const bool ice = t_star_c < 0.0;
  const double t_k = t_star_c + kKelvinOffset;
  const double pws = std::exp(ln_pws(t_k, ice));
  const double ws = kMolarMassRatio * pws / (p_pa - pws);                     // eq. 20
  const double dws = ws * p_pa / (p_pa - pws) * dln_pws_dt(t_k, ice);        // d ws / d t*
  // eq. 33: W = ((2501 − 2.326 t*) Ws* − 1.006 (t − t*)) / (2501 + 1.86 t − 4.186 t*)
  // eq. 35: W = ((2830 − 0.24 t*) Ws* − 1.006 (t − t*)) / (2830 + 1.86 t − 2.1 t*)
  const double a = ice ? 2830.0 : 2501.0;
  const double b = ice ? 0.24 : 2.326;
  const double c = ice ? 2.1 : 4.186;
  const double num = (a - b * t_star_c) * ws - 1.006 * (dry_bulb_c - t_star_c);
  const double den = a + 1.86 * dry_bulb_c - c * t_star_c;
  const double dnum = -b * ws + (a - b * t_star_c) * dws + 1.006;
  return {num / den - w, (dnum * den + num * c) / (den * den)};
}

}  // namespace

double saturation_pressure_pa(double t_c) {
  const double t_k = t_c + kKelvinOffset;
  return std::exp(ln_pws(t_k, t_c < 0.0));
}

double humidity_ratio(double vapour_pa, double total_pa) {
  assert(vapour_pa < total_pa);
  return kMolarMassRatio * vapour_pa / (total_pa - vapour_pa);  // eq. 20
}

double dew_point_c(double vapour_pa) {
  if (!(vapour_pa > saturation_pressure_pa(kTminC))) return kTminC;
  if (vapour_pa >= saturation_pressure_pa(kTmaxC)) return kTmaxC;
  const double target = std::log(vapour_pa);
  double t_c = std::clamp(magnus_dew_point_c(vapour_pa), kTminC, kTmaxC);
  // Newton on ln pws(T) = ln pv: ln pws is smooth and nearly linear in T, so 2–4 steps reach
  // 1e-9 K. The branch (ice/water) follows the current iterate, as saturation_pressure_pa does.
  for (int i = 0; i < 50; ++i) {
    const double t_k = t_c + kKelvinOffset;
    const bool ice = t_c < 0.0;
    const double step = (ln_pws(t_k, ice) - target) / dln_pws_dt(t_k, ice);
    t_c = std::clamp(t_c - step, kTminC, kTmaxC);
    if (std::abs(step) < 1e-9) break;
  }
  return t_c;
}

namespace {
// Wet-bulb solver; `guess_c` is a starting point (clamped into the bracket). The series version
// starts each hour from the previous hour's wet-bulb depression, which saves about half of the
// Newton steps; the answer does not depend on the start to within the 1e-6 K tolerance.
double solve_wet_bulb_c(double dry_bulb_c, double relative_humidity, double pressure_pa,
                        double guess_c) {
  const double rh = std::clamp(relative_humidity, 0.0, 1.0);
  if (rh >= 1.0) return dry_bulb_c;
  const double vapour_pa = rh * saturation_pressure_pa(dry_bulb_c);
  const double w = humidity_ratio(vapour_pa, pressure_pa);

  // Newton from the guess, safeguarded by the bracket [−100 °C, t_db] (f(−100) < 0 ≤ f(t_db);
  // t_dew ≤ t* ≤ t_db): a step that leaves the bracket is replaced by bisection, which also
  // copes with the small step of the residual at 0 °C (eq. 33 vs 35). 3–5 steps to 1e-7 K.
  double lo = kTminC, hi = dry_bulb_c;
  double t = std::clamp(guess_c, lo, hi);
  for (int i = 0; i < 100; ++i) {
    const Residual r = wet_bulb_residual(t, dry_bulb_c, w, pressure_pa);
    if (r.value > 0.0) hi = t; else lo = t;
    double next = r.slope > 0.0 ? t - r.value / r.slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const double step = next - t;
    t = next;
    // quadratic convergence: error ≈ 0.04·step² ≤ 1e-6 K
    if (std::abs(step) < 5e-3 || hi - lo < 1e-7) break;
  }
  return t;
}
}  // namespace

double wet_bulb_c(double dry_bulb_c, double relative_humidity, double pressure_pa) {
  return solve_wet_bulb_c(dry_bulb_c, relative_humidity, pressure_pa, dry_bulb_c);
}

double standard_pressure_pa(double elevation_m) {
  // eq. 3: p = 101.325 (1 − 2.25577e−5 Z)^5.2559 kPa, Z in m (valid to 11 km).
  return 101325.0 * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.2559);
}

double humidity_ratio_from_wet_bulb(double t_c, double t_star_c, double p_pa) {
  const double pws = saturation_pressure_pa(t_star_c);
  const double ws = kMolarMassRatio * pws / (p_pa - pws);  // eq. 20 at saturation (eq. 23)
  return humidity_ratio_from_wet_bulb_ws(t_c, t_star_c, ws);
}

double humidity_ratio_from_wet_bulb_ws(double t_c, double t_star_c, double ws) {
  const bool ice = t_star_c < 0.0;
  const double a = ice ? 2830.0 : 2501.0;                   // eq. 35 : eq. 33
  const double b = ice ? 0.24 : 2.326;
  const double c = ice ? 2.1 : 4.186;
  return ((a - b * t_star_c) * ws - 1.006 * (t_c - t_star_c)) / (a + 1.86 * t_c - c * t_star_c);
}

void saturated_state(double t_c, double p_pa, double& h, double& dh_dt, double& ws) {
  const double t_k = t_c + kKelvinOffset;
  const bool ice = t_c < 0.0;
  const double pws = std::exp(ln_pws(t_k, ice));
  ws = kMolarMassRatio * pws / (p_pa - pws);                              // eq. 20 / 23
  const double dws = ws * p_pa / (p_pa - pws) * dln_pws_dt(t_k, ice);    // d ws / d t
  h = 1000.0 * (1.006 * t_c + ws * (2501.0 + 1.86 * t_c));                // eq. 30
  dh_dt = 1000.0 * (1.006 + 1.86 * ws + dws * (2501.0 + 1.86 * t_c));
}

void saturated_enthalpy_and_slope(double t_c, double p_pa, double& h, double& dh_dt) {
  double ws = 0;
  saturated_state(t_c, p_pa, h, dh_dt, ws);
}

double enthalpy_j_kg(double t_c, double humidity_ratio) {
  // eq. 30: h = 1.006 t + W (2501 + 1.86 t), kJ/kg dry air, t in °C.
  return 1000.0 * (1.006 * t_c + humidity_ratio * (2501.0 + 1.86 * t_c));
}

double specific_volume_m3_kg(double t_c, double humidity_ratio, double p_pa) {
  // eq. 26: v = 0.287042 (t + 273.15)(1 + 1.607858 W) / p, m³/kg dry air, p in kPa.
  return 0.287042 * (t_c + kKelvinOffset) * (1.0 + 1.607858 * humidity_ratio) / (p_pa / 1000.0);
}

double density_kg_m3(double t_c, double humidity_ratio, double p_pa) {
  // eq. 11: ρ = (1 + W) / v — the mass of moist air (1 kg dry air + W water) per its volume.
  return (1.0 + humidity_ratio) / specific_volume_m3_kg(t_c, humidity_ratio, p_pa);
}

void wet_bulb_c(std::span<const double> dry_bulb_c, std::span<const double> relative_humidity,
                std::span<const double> pressure_pa, std::span<double> out) {
  assert(dry_bulb_c.size() == relative_humidity.size());
  assert(dry_bulb_c.size() == pressure_pa.size());
  assert(dry_bulb_c.size() == out.size());
  double depression_k = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = solve_wet_bulb_c(dry_bulb_c[i], relative_humidity[i], pressure_pa[i],
                              dry_bulb_c[i] - depression_k);
    depression_k = dry_bulb_c[i] - out[i];
  }
}

}  // namespace weather_detail

// ---- typed public wrappers -----------------------------------------------------------------

Pressure saturation_pressure(Temperature t) {
  return pascals(weather_detail::saturation_pressure_pa(in_celsius(t)));
}

double humidity_ratio_from_vapour_pressure(Pressure vapour, Pressure total) {
  return weather_detail::humidity_ratio(in_si(vapour), in_si(total));
}

Temperature dew_point_from_vapour_pressure(Pressure vapour) {
  return celsius(weather_detail::dew_point_c(in_si(vapour)));
}

Temperature wet_bulb(Temperature dry_bulb, double relative_humidity, Pressure pressure) {
  return celsius(
      weather_detail::wet_bulb_c(in_celsius(dry_bulb), relative_humidity, in_si(pressure)));
}

Pressure standard_pressure(Length elevation) {
  return pascals(weather_detail::standard_pressure_pa(in_si(elevation)));
}

double moist_air_enthalpy_j_per_kg(Temperature dry_bulb, double humidity_ratio) {
  return weather_detail::enthalpy_j_kg(in_celsius(dry_bulb), humidity_ratio);
}

double moist_air_specific_volume_m3_per_kg(Temperature dry_bulb, double humidity_ratio,
                                           Pressure pressure) {
  return weather_detail::specific_volume_m3_kg(in_celsius(dry_bulb), humidity_ratio,
                                               in_si(pressure));
}

double moist_air_density_kg_per_m3(Temperature dry_bulb, double humidity_ratio,
                                   Pressure pressure) {
  return weather_detail::density_kg_m3(in_celsius(dry_bulb), humidity_ratio, in_si(pressure));
}

double relative_humidity_from_dew_point(Temperature dry_bulb, Temperature dew_point) {
  return weather_detail::saturation_pressure_pa(in_celsius(dew_point)) /
         weather_detail::saturation_pressure_pa(in_celsius(dry_bulb));
}

}  // namespace dcload
