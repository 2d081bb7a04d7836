// Built-in typical years for Korean stations, synthesized from 1991–2020 monthly normals
// (configs/catalog/climate_normals.toml, WMO CLINO / KMA). Deterministic; the method and its
// measured error against TMYx EPW files are in engine/weather/README.md.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "weather/normals.hpp"
#include "weather/psychro.hpp"

namespace dcload {
namespace {

constexpr int kDays = 365;
constexpr int kHours = 8760;
constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;

using Monthly = std::array<double, 12>;

struct Station {
  std::string name;  // as in the catalog, e.g. "Ulsan"
  std::string key;   // lower case, e.g. "ulsan"
  double lat_deg = 0, lon_deg = 0, elev_m = 0;
  Monthly tmax_c{}, tmin_c{}, tmean_c{}, vapour_hpa{}, ghi_kwh_m2{};
  std::optional<Monthly> pressure_hpa;  // station_pressure_derived_hPa
  std::optional<Monthly> wind_m_s;      // [station.tmy] wind_speed_mean_m_per_s
};

// ---- catalog (compiled in at build time: engine/weather/gen_normals.cpp) --------------------

std::vector<Station> load_catalog() {
  std::vector<Station> out;
  for (const detail::StationNormals& n : detail::station_normals()) {
    Station s;
    s.name = n.name;
    s.key = s.name;
    for (char& c : s.key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s.lat_deg = n.lat_deg;
    s.lon_deg = n.lon_deg;
    s.elev_m = n.elev_m;
    s.tmax_c = n.tmax_c;
    s.tmin_c = n.tmin_c;
    s.tmean_c = n.tmean_c;
    s.vapour_hpa = n.vapour_hpa;
    s.ghi_kwh_m2 = n.ghi_kwh_m2;
    if (n.has_pressure) s.pressure_hpa = n.pressure_hpa;
    if (n.has_wind) s.wind_m_s = n.wind_m_s;
    out.push_back(std::move(s));
  }
  return out;
}

const std::vector<Station>& catalog() {
  static const std::vector<Station> stations = load_catalog();  // thread-safe (C++11 statics)
  return stations;
}

// ---- calendar and mean-preserving daily interpolation --------------------------------------
//
// Daily values d(day) are a periodic Catmull-Rom spline through 12 anchors a_m placed at the
// month midpoints. d is linear in a: the monthly means of d are M·a with a 12×12 matrix M that
// depends only on the calendar. Choosing a = M⁻¹·(monthly normals) makes every month's mean of
// the daily values equal its normal exactly ("mean-preserving", the idea of the Rymes & Myers
// 2001 Solar Energy 71(4) smoothing of monthly data, here with a direct solve).

struct Interpolator {
  std::array<int, kDays> month{};          // 0..11
  std::array<int, kDays> first_anchor{};   // anchor index of P0 (cyclic)
  std::array<std::array<double, 4>, kDays> weight{};  // Catmull-Rom weights of P0..P3
  std::array<std::array<double, 12>, 12> inverse{};   // M⁻¹

  Interpolator() {
    std::array<double, 12> centre{};  // month midpoints, days from 1 Jan 00:00
    std::array<int, 13> start{};
    for (int m = 0; m < 12; ++m) {
      start[m + 1] = start[m] + kDaysInMonth[m];
      centre[m] = start[m] + 0.5 * kDaysInMonth[m];
      for (int d = start[m]; d < start[m + 1]; ++d) month[d] = m;
    }
    for (int d = 0; d < kDays; ++d) {
      const double x = d + 0.5;
      // interval [centre[m1], centre[m1+1]) cyclic
      int m1 = 11;
      for (int m = 0; m < 12; ++m) {
        if (centre[m] <= x) m1 = m;
      }
      const double c1 = centre[m1];
      double c2 = centre[(m1 + 1) % 12];
      double xx = x;
      if (c2 <= c1) c2 += kDays;
      if (xx < c1) xx += kDays;
      const double u = (xx - c1) / (c2 - c1);
      const double u2 = u * u, u3 = u2 * u;
      first_anchor[d] = (m1 + 11) % 12;
      weight[d] = {0.5 * (-u + 2 * u2 - u3), 0.5 * (2 - 5 * u2 + 3 * u3),
                   0.5 * (u + 4 * u2 - 3 * u3), 0.5 * (-u2 + u3)};
    }
    // M[m][k] = mean over days of month m of the weight on anchor k.
    std::array<std::array<double, 24>, 12> aug{};  // [M | I] for Gauss–Jordan
    for (int d = 0; d < kDays; ++d) {
      for (int j = 0; j < 4; ++j) {
        aug[month[d]][(first_anchor[d] + j) % 12] += weight[d][j] / kDaysInMonth[month[d]];
      }
    }
    for (int m = 0; m < 12; ++m) aug[m][12 + m] = 1.0;
    // M is strictly diagonally dominant (≈0.8 on the diagonal), so no pivoting is needed.
    for (int c = 0; c < 12; ++c) {
      const double p = aug[c][c];
      for (double& v : aug[c]) v /= p;
      for (int r = 0; r < 12; ++r) {
        if (r == c) continue;
        const double f = aug[r][c];
        for (int k = 0; k < 24; ++k) aug[r][k] -= f * aug[c][k];
      }
    }
    for (int m = 0; m < 12; ++m) {
      for (int k = 0; k < 12; ++k) inverse[m][k] = aug[m][12 + k];
    }
  }

  std::array<double, kDays> daily(const Monthly& normals) const {
    Monthly anchor{};
    for (int m = 0; m < 12; ++m) {
      for (int k = 0; k < 12; ++k) anchor[m] += inverse[m][k] * normals[k];
    }
    std::array<double, kDays> out{};
    for (int d = 0; d < kDays; ++d) {
      double v = 0.0;
      for (int j = 0; j < 4; ++j) v += weight[d][j] * anchor[(first_anchor[d] + j) % 12];
      out[d] = v;
    }
    return out;
  }
};

const Interpolator& interpolator() {
  static const Interpolator it;
  return it;
}

// ---- diurnal temperature shape ----------------------------------------------------------
//
// Fraction of the daily range below the daily maximum, by hour 1..24 of local standard time:
// ASHRAE Handbook—Fundamentals ch. 14 table "Fraction of Daily Temperature Range" (2009 ed.
// Table 6, kept in the 2013/2017 editions). Minimum (1.00) at hour 5, maximum (0.00) at hour 15.
// Values checked against an independent transcription found by code search; the Handbook page
// itself was not opened (see README.md).
constexpr std::array<double, 24> kAshraeRangeFraction = {
    0.87, 0.92, 0.96, 0.99, 1.00, 0.98, 0.93, 0.84, 0.71, 0.56, 0.39, 0.23,
    0.11, 0.03, 0.00, 0.03, 0.10, 0.21, 0.34, 0.47, 0.58, 0.68, 0.76, 0.82};

// The ASHRAE shape puts the daily mean at tmax − 0.563·range; the KMA normals put it elsewhere
// (tmean is the mean of hourly observations). Per month the fractions are raised to a power γ
// chosen so that their daily mean equals (tmax − tmean)/(tmax − tmin): hour of min and max and
// the daily extremes stay those of the table, and the monthly mean of the hourly series equals
// tmean exactly. (Our adjustment, not ASHRAE's.)
std::array<double, 24> shaped_fractions(double target_mean) {
  // mean(γ) = (1/24) Σ f_h^γ decreases with γ; solved by Newton in γ from γ = 1, bracketed.
  std::array<double, 24> ln_f{};
  for (int h = 0; h < 24; ++h) {
    ln_f[h] = kAshraeRangeFraction[h] > 0.0 ? std::log(kAshraeRangeFraction[h]) : -1e300;
  }
  auto powered = [&](double gamma, std::array<double, 24>& out) {
    double mean = 0.0, slope = 0.0;
    for (int h = 0; h < 24; ++h) {
      out[h] = ln_f[h] > -1e299 ? std::exp(gamma * ln_f[h]) : 0.0;
      mean += out[h];
      slope += ln_f[h] > -1e299 ? ln_f[h] * out[h] : 0.0;
    }
    return std::pair{mean / 24.0, slope / 24.0};
  };
  constexpr double kGammaMin = 0.125, kGammaMax = 8.0;
  std::array<double, 24> out{};
  const double mean_hi = powered(kGammaMin, out).first, mean_lo = powered(kGammaMax, out).first;
  target_mean = std::clamp(target_mean, mean_lo, mean_hi);
  double lo = kGammaMin, hi = kGammaMax, gamma = 1.0;
  for (int i = 0; i < 50; ++i) {
    const auto [mean, slope] = powered(gamma, out);
    const double r = mean - target_mean;
    if (r > 0.0) lo = gamma; else hi = gamma;
    double next = slope < 0.0 ? gamma - r / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - gamma) < 1e-12) break;
    gamma = next;
  }
  powered(gamma, out);
  return out;
}

// ---- solar geometry -----------------------------------------------------------------------
//
// Declination, eccentricity correction and equation of time: Spencer (1971), "Fourier series
// representation of the position of the Sun", Search 2(5):172, as given in Iqbal (1983) "An
// Introduction to Solar Radiation" eq. 1.2.1, 1.3.1, 1.4.1. Hourly extraterrestrial irradiation
// on a horizontal plane: Duffie & Beckman, "Solar Engineering of Thermal Processes" 4th ed.
// (2013) eq. 1.10.4, integrated over the sunlit part of each hour.
constexpr double kSolarConstant_w_m2 = 1361.0;  // Kopp & Lean (2011), GRL 38, L01706

struct SunHour {
  double extraterrestrial_w_m2 = 0;  // hour mean on a horizontal plane
  double cos_zenith_sunlit = 0;      // mean cos(zenith) while the sun is up in this hour
  double sunlit_fraction = 0;        // part of the hour with the sun above the horizon
};

// Erbs, Klein & Duffie (1982), Solar Energy 28(4):293–302, eq. 1: diffuse fraction of hourly
// global horizontal irradiance from the clearness index kt.
double erbs_diffuse_fraction(double kt) {
  if (kt <= 0.22) return 1.0 - 0.09 * kt;
  if (kt <= 0.80) {
    return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * kt * kt * kt +
           12.336 * kt * kt * kt * kt;
  }
  return 0.165;
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  // haversine on a sphere of mean Earth radius 6371.0 km (IUGG)
  const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2.0 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string known_names() {
  std::string s;
  for (const auto& st : catalog()) s += (s.empty() ? "" : ", ") + st.key;
  return s;
}

// ---- day-to-day weather generator and its calibration -------------------------------------
//
// Structure after WGEN (Richardson 1981, "Stochastic simulation of daily precipitation,
// temperature, and solar radiation", Water Resources Research 17(1):182–190,
// doi:10.1029/WR017i001p00182): daily residuals of temperature follow a first-order
// autoregressive process of unit variance; here one residual shifts the whole day (max and min
// together) and a second one, correlated with it, scales the day's vapour pressure. The
// residual scales are not taken from a dataset (KMA daily data is not shipped) but calibrated per
// station so that the synthesized year reproduces its ASHRAE 2021 0.4 % cooling dry-bulb and
// 0.4 % wet-bulb (table below). Residuals are made zero-mean within each month, so the monthly
// means of the hourly, daily-max and daily-min temperature stay exactly the normals.

// Lag-1 autocorrelation of the daily residuals. Assumption: 0.65, within the 0.5–0.7 range of the
// lag-1 temperature autocorrelations WGEN is fitted to at mid-latitude stations (Richardson 1981
// reports values of this order; not a Korean fit). It sets how long a hot spell lasts, not the
// design values (those are calibrated).
constexpr double kLag1Temperature = 0.65;
constexpr double kLag1Vapour = 0.65;
// Correlation of the vapour-pressure residual with the temperature residual. Assumption: 0.5 —
// warm spells in the Korean summer come with humid North Pacific air; chosen, not fitted, and
// checked only through the mean coincident wet-bulb it yields (README table).
constexpr double kVapourTemperatureCorrelation = 0.5;

// ASHRAE Handbook—Fundamentals 2021, ch. 14 climatic design information (the 2021 station rows
// of the Korean TMYx/EPW files from climate.onebuilding.org, which carry them in their DESIGN
// CONDITIONS header): the 0.4 % cooling dry-bulb and 0.4 % wet-bulb, °C (calibration targets of
// the generator), the mean coincident dry-bulb at the 0.4 % wet-bulb, and the extreme values
// used to size the plant: the extreme annual wet-bulb and the n = 20-year return-period
// maximum dry-bulb.
struct DesignTarget {
  const char* station;  // catalog name
  double db_004_c;
  double wb_004_c;
  double mcdb_wb004_c;
  double wb_extreme_c;
  double db_n20_c;
};
constexpr std::array<DesignTarget, 10> kDesignTargets = {{
    {"Busan", 31.5, 26.6, 29.7, 29.8, 36.1},
    {"Cheongju", 33.1, 25.9, 30.1, 29.1, 37.1},
    {"Daegu", 34.5, 25.7, 30.6, 28.5, 38.6},
    {"Daejeon", 33.1, 26.9, 31.1, 30.1, 37.9},
    {"Gangneung", 33.4, 25.5, 30.3, 28.3, 37.8},
    {"Gwangju", 33.0, 26.9, 30.2, 30.1, 37.3},
    {"Incheon", 31.8, 26.0, 28.6, 27.9, 35.7},
    {"Jeju", 32.1, 27.9, 29.9, 31.4, 36.5},
    {"Seoul", 32.8, 26.0, 30.2, 29.1, 37.7},
    {"Ulsan", 33.2, 26.4, 30.4, 28.6, 37.8},
}};

// Deterministic normal deviates: splitmix64 (Steele, Lea & Flood 2014, "Fast splittable
// pseudorandom number generators", OOPSLA, doi:10.1145/2660193.2660195) and the Box–Muller
// transform (Box & Muller 1958, Ann. Math. Statist. 29(2):610). Ours, so a seed gives the same
// year with any standard library (std::normal_distribution is implementation-defined).
class Normal {
 public:
  explicit Normal(std::uint64_t seed) : state_(seed) {}
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53;  // (0, 1)
    const double u2 = static_cast<double>(next() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * kPi * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * kPi * u2);
  }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// Unit-variance AR(1) series of kDays values, stationary start.
void ar1(Normal& normal, double phi, std::array<double, kDays>& out) {
  const double innovation = std::sqrt(1.0 - phi * phi);
  out[0] = normal();
  for (int d = 1; d < kDays; ++d) out[d] = phi * out[d - 1] + innovation * normal();
}

// Remove each month's mean (so the residual cannot move a monthly mean).
void zero_month_means(const std::array<int, kDays>& month, std::array<double, kDays>& x) {
  Monthly sum{};
  for (int d = 0; d < kDays; ++d) sum[month[d]] += x[d];
  for (int d = 0; d < kDays; ++d) x[d] -= sum[month[d]] / kDaysInMonth[month[d]];
}

// ---- hourly wind at 10 m ------------------------------------------------------------------
//
// The normals give monthly mean wind only; a power curve applied to a smooth series of daily
// means underestimates energy badly (output grows with the cube of speed below rated). The
// hourly speed is therefore synthesized after HOMER's synthetic-wind algorithm (HOMER Pro 3.16
// manual, "Generating Synthetic Wind Data", support.ul-renewables.com/homer-manual-pro/
// generating_synthetic_wind_data.html): a first-order autoregressive sequence, a sinusoidal
// diurnal pattern, and a Weibull marginal distribution, with HOMER's defaults Weibull k = 2.0,
// 1-hour autocorrelation 0.85, diurnal pattern strength 0.25 and hour of peak wind 15. k = 2 is
// also the Rayleigh distribution IEC 61400-1 ed. 3 §6.3.1.1 assumes for the turbine classes.
// Here the k = 2 marginal is built exactly and cheaply: the modulus of two independent
// unit-variance AR(1) sequences is Rayleigh distributed. Its lag-1 autocorrelation for a
// Gaussian lag-1 correlation ρ is (₂F₁(−½,−½;1;ρ²) − 1)/(4/π − 1) (envelope of a complex
// Gaussian process, Rice 1945, Bell Syst. Tech. J. 24:46, §3.7); ρ = 0.9303 gives 0.85.
// Each month is finally scaled so its hourly mean is exactly the station's monthly mean.
constexpr double kWindGaussianLag1 = 0.9303;  // → 1-hour autocorrelation 0.85 of the speed
constexpr double kWindDiurnalStrength = 0.25;  // HOMER default
constexpr double kWindPeakHour = 15.0;         // HOMER default, local standard time

// Innovations of the AR(1) sequences: Irwin–Hall sums of four uniforms, (Σu − 2)·√3, zero mean
// and unit variance (Irwin 1927, Hall 1927, Biometrika 19:240, 19:225), four 16-bit uniforms
// per splitmix64 draw: a few nanoseconds per hour where a log-based normal costs ~30 ns
// (measured: 0.3 ms per year with Marsaglia's polar method, against the ≤ 2 ms budget of the
// whole built-in year). The AR(1) output is near-Gaussian all the same: its excess kurtosis is
// the innovation's (−1.2/4) times (1 − φ²)/(1 + φ²) = −0.3 · 0.072 = −0.022 at φ = 0.9303.
// splitmix64 as in Normal, seeded apart from it so wind never shifts the other variables.
class WindInnovations {
 public:
  explicit WindInnovations(std::uint64_t seed) : state_(seed) {}
  double operator()() {
    const std::uint64_t r = next();
    const double sum = static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) +
                                           ((r >> 32) & 0xFFFF) + (r >> 48)) +
                       2.0;  // four (k + 0.5)/65536 uniforms, scaled below
    return (sum / 65536.0 - 2.0) * std::sqrt(3.0);
  }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

// Hourly wind (m/s) for the year: daily means `wind_daily` (the smooth seasonal cycle) times a
// unit-mean Rayleigh sequence times the diurnal factor, then each month rescaled to `normal`.
void hourly_wind(const std::array<double, kDays>& wind_daily, const std::array<int, kDays>& month,
                 const Monthly& normal, std::uint64_t seed, std::vector<double>& out) {
  WindInnovations innovation_draw(seed ^ 0x57494E4457494E44ull);  // "WINDWIND"
  const double phi = kWindGaussianLag1, innovation = std::sqrt(1.0 - phi * phi);
  const double unit_mean = 1.0 / std::sqrt(kPi / 2.0);  // E|(x, y)| = √(π/2) for unit normals
  std::array<double, 24> diurnal{};
  for (int h = 0; h < 24; ++h)  // step h covers h..h+1 local time: its midpoint
    diurnal[h] = 1.0 + kWindDiurnalStrength * std::cos(2.0 * kPi * (h + 0.5 - kWindPeakHour) / 24.0);
  double x = innovation_draw(), y = innovation_draw();  // stationary start (unit variance)
  Monthly sum{};
  for (int d = 0; d < kDays; ++d) {
    for (int h = 0; h < 24; ++h) {
      const int i = d * 24 + h;
      if (i > 0) {
        x = phi * x + innovation * innovation_draw();
        y = phi * y + innovation * innovation_draw();
      }
      const double v = std::max(0.0, wind_daily[d]) * std::sqrt(x * x + y * y) * unit_mean *
                       diurnal[h];
      out[i] = v;
      sum[month[d]] += v;
    }
  }
  Monthly factor{};
  for (int m = 0; m < 12; ++m) {
    const double mean = sum[m] / (24.0 * kDaysInMonth[m]);
    factor[m] = mean > 0.0 ? std::max(0.0, normal[m]) / mean : 0.0;
  }
  for (int i = 0; i < kHours; ++i) out[i] *= factor[month[i / 24]];
}

// Hours exceeded by the 0.4 % value under design_conditions(): the value at 0-based rank
// floor(0.004·8760) = 35 of the descending sort, i.e. ≥ target needs 36 hours at or above it.
constexpr int kHoursAtDesign = 36;

// Smallest x in [0, hi] with count(x) ≥ kHoursAtDesign, by bisection (count is non-decreasing
// in x for the hours that matter). Returns hi when even hi is not enough.
// Tolerance 1e-4 on the scale: moves the calibrated design value by < 0.002 K (residuals are
// within ±4 σ), far below the 0.1 K printing of the Handbook; 14–17 halvings.
template <class Count>
double calibrate(double hi, Count count) {
  if (count(0.0) >= kHoursAtDesign) return 0.0;
  if (count(hi) < kHoursAtDesign) return hi;
  double lo = 0.0;
  for (int i = 0; i < 40 && hi - lo > 1e-4; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (count(mid) >= kHoursAtDesign) hi = mid; else lo = mid;
  }
  return hi;
}

// Reference point of a station's summer: the hottest month's mean daily maximum and the
// wet-bulb at that temperature with the month's mean vapour pressure. Used to carry design
// values from the nearest station with ASHRAE data: target = own reference + (neighbour's
// design value − neighbour's reference), i.e. the neighbour's excess over its normals.
struct SummerReference {
  double db_c;
  double wb_c;
};
SummerReference summer_reference(const Station& s) {
  int hot = 0;
  for (int m = 1; m < 12; ++m)
    if (s.tmax_c[m] > s.tmax_c[hot]) hot = m;
  const double p_pa = s.pressure_hpa ? (*s.pressure_hpa)[hot] * 100.0
                                     : weather_detail::standard_pressure_pa(s.elev_m);
  const double t = s.tmax_c[hot];
  const double rh = std::min(1.0, s.vapour_hpa[hot] * 100.0 /
                                      weather_detail::saturation_pressure_pa(t));
  return {t, weather_detail::wet_bulb_c(t, rh, p_pa)};
}

}  // namespace

std::vector<std::string> builtin_stations() {
  std::vector<std::string> out;
  for (const auto& s : catalog()) out.push_back(s.key);
  return out;
}

Weather synthesize_builtin(const std::string& station, std::uint64_t seed) {
  std::string key = station;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& stations = catalog();
  const auto it = std::find_if(stations.begin(), stations.end(),
                               [&](const Station& s) { return s.key == key; });
  if (it == stations.end()) {
    throw ConfigError("", 0, 0, "weather",
                      "weather = \"builtin:" + station + "\": unknown built-in station; known: " +
                          known_names());
  }
  const Station& st = *it;
  const Interpolator& interp = interpolator();

  Weather w;
  w.source = "builtin:" + key;
  w.location = st.name;
  w.latitude_deg = st.lat_deg;
  w.longitude_deg = st.lon_deg;
  w.timezone_h = 9.0;  // Korea Standard Time, UTC+9
  w.elevation_m = st.elev_m;
  w.timestep_s = 3600.0;

  // Wind: the station's own TMY monthly means, else those of the nearest station that has them.
  const Station* wind_from = &st;
  if (!st.wind_m_s) {
    double best = 1e300;
    for (const auto& other : stations) {
      if (!other.wind_m_s) continue;
      const double d = great_circle_km(st.lat_deg, st.lon_deg, other.lat_deg, other.lon_deg);
      if (d < best) {
        best = d;
        wind_from = &other;
      }
    }
    if (wind_from != &st) w.location += " (wind from " + wind_from->name + ")";
  }

  const auto tmax = interp.daily(st.tmax_c);
  const auto tmin = interp.daily(st.tmin_c);
  const auto vapour_hpa = interp.daily(st.vapour_hpa);
  Monthly pressure_hpa{};
  if (st.pressure_hpa) {
    pressure_hpa = *st.pressure_hpa;
  } else {
    pressure_hpa.fill(weather_detail::standard_pressure_pa(st.elev_m) / 100.0);
  }
  const auto pressure_daily_hpa = interp.daily(pressure_hpa);
  std::array<double, kDays> wind{};
  if (wind_from->wind_m_s) {
    wind = interp.daily(*wind_from->wind_m_s);
  }

  std::array<std::array<double, 24>, 12> fraction{};
  for (int m = 0; m < 12; ++m) {
    const double range = st.tmax_c[m] - st.tmin_c[m];
    const double target = range > 0.0 ? (st.tmax_c[m] - st.tmean_c[m]) / range : 0.5;
    fraction[m] = shaped_fractions(target);
  }

  w.month.resize(kHours);
  w.dry_bulb_c.resize(kHours);
  w.dew_point_c.resize(kHours);
  w.relative_humidity.resize(kHours);
  w.pressure_pa.resize(kHours);
  w.wet_bulb_c.resize(kHours);
  w.ghi_w_m2.assign(kHours, 0.0);
  w.dni_w_m2.assign(kHours, 0.0);
  w.dhi_w_m2.assign(kHours, 0.0);
  w.wind_m_s.resize(kHours);

  // Design targets: the station's own ASHRAE values, else carried from the nearest station
  // that has them (see summer_reference), named in `location`.
  const DesignTarget* target = nullptr;
  const Station* target_from = nullptr;
  {
    double best = 1e300;
    for (const auto& t : kDesignTargets) {
      const auto other = std::find_if(stations.begin(), stations.end(),
                                      [&](const Station& x) { return x.name == t.station; });
      if (other == stations.end()) continue;
      const double d = great_circle_km(st.lat_deg, st.lon_deg, other->lat_deg, other->lon_deg);
      if (d < best) {
        best = d;
        target = &t;
        target_from = &*other;
      }
    }
  }
  double target_db_c = 1e300, target_wb_c = 1e300;  // none: no variability
  if (target) {
    target_db_c = target->db_004_c;
    target_wb_c = target->wb_004_c;
    // Extremes: the station's own, or the neighbour's shifted by the same excess over normals
    // as its 0.4 % values (the dry-bulb extremes with the dry-bulb shift, wet-bulb with wet).
    double shift_db = 0.0, shift_wb = 0.0;
    if (target_from != &st) {
      const SummerReference own = summer_reference(st), nb = summer_reference(*target_from);
      target_db_c = own.db_c + (target->db_004_c - nb.db_c);
      target_wb_c = own.wb_c + (target->wb_004_c - nb.wb_c);
      shift_db = target_db_c - target->db_004_c;
      shift_wb = target_wb_c - target->wb_004_c;
      w.location += " (design targets from " + target_from->name + ")";
    }
    w.design.mcdb_wb004_c = target->mcdb_wb004_c + shift_db;
    w.design.wb_extreme_c = target->wb_extreme_c + shift_wb;
    w.design.db_n20_c = target->db_n20_c + shift_db;
    w.design.extremes_from = target_from == &st
                                 ? "ASHRAE 2021 (" + st.name + ")"
                                 : "ASHRAE 2021 (" + target_from->name + ", shifted to " + st.name +
                                       "'s normals)";
  }

  // Daily residuals (unit variance, zero monthly means): temperature a, vapour pressure b.
  Normal normal(seed);
  std::array<double, kDays> a{}, b{}, noise{};
  ar1(normal, kLag1Temperature, a);
  ar1(normal, kLag1Vapour, noise);
  constexpr double rho = kVapourTemperatureCorrelation;
  for (int d = 0; d < kDays; ++d) b[d] = rho * a[d] + std::sqrt(1.0 - rho * rho) * noise[d];
  zero_month_means(interp.month, a);
  zero_month_means(interp.month, b);

  // Temperature without residual, pressure; then wind (hourly_wind above).
  for (int d = 0; d < kDays; ++d) {
    const int m = interp.month[d];
    const double range = std::max(0.0, tmax[d] - tmin[d]);
    for (int h = 0; h < 24; ++h) {
      const int i = d * 24 + h;  // step i = hour ending h+1 (EPW hour h+1) of day d
      w.month[i] = m + 1;
      w.dry_bulb_c[i] = tmax[d] - fraction[m][h] * range;
      w.pressure_pa[i] = pressure_daily_hpa[d] * 100.0;
    }
  }
  if (wind_from->wind_m_s) {
    hourly_wind(wind, interp.month, *wind_from->wind_m_s, seed, w.wind_m_s);
  } else {
    std::fill(w.wind_m_s.begin(), w.wind_m_s.end(), 0.0);
  }

  // Temperature residual scale σ_T, K: the smallest that makes 36 hours reach the 0.4 % design
  // dry-bulb. Only hours that can reach it at the upper bound take part.
  constexpr double kMaxSigmaT = 8.0;  // bound of the search, K (far above any fit)
  std::vector<std::pair<double, double>> hot;  // (base temperature, residual) of candidate hours
  hot.reserve(kHours);
  for (int i = 0; i < kHours; ++i) {
    const double r = a[i / 24];
    if (r > 0.0 && w.dry_bulb_c[i] + kMaxSigmaT * r >= target_db_c)
      hot.emplace_back(w.dry_bulb_c[i], r);
  }
  const double sigma_t = target ? calibrate(kMaxSigmaT, [&](double k) {
    int n = 0;
    for (const auto& [t, r] : hot) n += t + k * r >= target_db_c;
    return n;
  }) : 0.0;
  for (int i = 0; i < kHours; ++i) w.dry_bulb_c[i] += sigma_t * a[i / 24];

  // Vapour-pressure residual scale σ_e (of ln e): e_d = ē_d·exp(σ_e b_d)/⟨exp(σ_e b)⟩_month so
  // the monthly mean stays the normal. Calibrated like σ_T on the 0.4 % wet-bulb, exactly and
  // without iterating the wet-bulb: an hour's wet-bulb reaches t* iff its vapour pressure
  // reaches the one eq. 33 gives for (t, t*), capped at saturation at t.
  struct HumidHour {
    int day;
    double need_pa;  // vapour pressure for wet-bulb = target at this hour
    double cap_pa;   // saturation pressure at the dry-bulb
  };
  std::vector<HumidHour> humid;
  humid.reserve(kHours);
  if (target) {
    for (int i = 0; i < kHours; ++i) {
      const double t = w.dry_bulb_c[i];
      if (t < target_wb_c) continue;  // wet-bulb ≤ dry-bulb
      const double wr =
          weather_detail::humidity_ratio_from_wet_bulb(t, target_wb_c, w.pressure_pa[i]);
      const double need = w.pressure_pa[i] * wr / (0.621945 + wr);  // eq. 20 solved for p_w
      const double cap = weather_detail::saturation_pressure_pa(t);
      if (wr > 0.0 && need <= cap) humid.push_back({i / 24, need, cap});
    }
  }
  std::array<double, kDays> vapour_factor{};
  auto scale_vapour = [&](double k) {
    Monthly sum{};
    for (int d = 0; d < kDays; ++d) {
      vapour_factor[d] = std::exp(k * b[d]);
      sum[interp.month[d]] += vapour_factor[d];
    }
    for (int d = 0; d < kDays; ++d)
      vapour_factor[d] *= kDaysInMonth[interp.month[d]] / sum[interp.month[d]];
  };
  // Hours where the day's vapour pressure exceeds saturation are capped at RH = 1, which lowers
  // the month's mean vapour pressure (most in humid, cold or mountain months: up to 10 % at
  // Daegwallyeong). A per-month factor restores the normal: fixed-point iteration on the
  // capped mean (converges in a few steps while some hours stay below saturation).
  std::vector<double>& es_pa = w.wet_bulb_c;  // scratch until the wet-bulb is computed
  for (int i = 0; i < kHours; ++i)
    es_pa[i] = weather_detail::saturation_pressure_pa(w.dry_bulb_c[i]);
  Monthly month_factor;
  month_factor.fill(1.0);
  auto restore_monthly_means = [&] {
    for (int iter = 0; iter < 6; ++iter) {
      Monthly capped{};
      for (int i = 0; i < kHours; ++i) {
        const int d = i / 24, m = interp.month[d];
        capped[m] +=
            std::min(vapour_hpa[d] * 100.0 * vapour_factor[d] * month_factor[m], es_pa[i]);
      }
      double worst = 0.0;
      for (int m = 0; m < 12; ++m) {
        const double ratio = st.vapour_hpa[m] * 100.0 / (capped[m] / (24.0 * kDaysInMonth[m]));
        month_factor[m] *= ratio;
        worst = std::max(worst, std::abs(ratio - 1.0));
      }
      if (worst < 1e-4) break;
    }
  };
  // σ_e and the month factors depend on each other: calibrate with the factors fixed, restore
  // the means, and repeat (three rounds move the 0.4 % wet-bulb by < 0.01 K in the last one).
  constexpr double kMaxSigmaLnE = 1.0;  // bound of the search (a factor e per σ)
  double sigma_e = 0.0;
  for (int round = 0; round < 3; ++round) {
    if (target) {
      sigma_e = calibrate(kMaxSigmaLnE, [&](double k) {
        scale_vapour(k);
        int n = 0;
        for (const auto& hh : humid)
          n += std::min(vapour_hpa[hh.day] * 100.0 * vapour_factor[hh.day] *
                            month_factor[interp.month[hh.day]],
                        hh.cap_pa) >= hh.need_pa;
        return n;
      });
    }
    scale_vapour(sigma_e);
    restore_monthly_means();
    if (!target) break;
  }

  // Humidity.
  for (int d = 0; d < kDays; ++d) {
    const double e_pa =
        std::max(1e-3, vapour_hpa[d] * 100.0 * vapour_factor[d] * month_factor[interp.month[d]]);
    const double dew_c = weather_detail::dew_point_c(e_pa);
    for (int h = 0; h < 24; ++h) {
      const int i = d * 24 + h;
      const double t = w.dry_bulb_c[i];
      const double es = es_pa[i];
      w.relative_humidity[i] = std::min(1.0, e_pa / es);
      w.dew_point_c[i] = std::min(dew_c, t);
    }
  }
  weather_detail::wet_bulb_c(w.dry_bulb_c, w.relative_humidity, w.pressure_pa, w.wet_bulb_c);

  // Irradiance: extraterrestrial horizontal per hour, each month scaled to its normal.
  const double lat = st.lat_deg * kDeg;
  const double sin_lat = std::sin(lat), cos_lat = std::cos(lat);
  // Solar time − standard time, h: longitude correction (4 min per degree east of the zone
  // meridian 15°·tz) plus the equation of time.
  const double longitude_h = (st.lon_deg - 15.0 * w.timezone_h) / 15.0;
  std::vector<SunHour> sun(kHours);
  Monthly extraterrestrial_sum_wh{};
  for (int d = 0; d < kDays; ++d) {
    const double g = 2.0 * kPi * d / 365.0;  // day angle Γ, Iqbal eq. 1.2.2 (n − 1 = d)
    const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) -
                        0.006758 * std::cos(2 * g) + 0.000907 * std::sin(2 * g) -
                        0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
    const double e0 = 1.000110 + 0.034221 * std::cos(g) + 0.001280 * std::sin(g) +
                      0.000719 * std::cos(2 * g) + 0.000077 * std::sin(2 * g);
    const double eot_h = 229.18 *
                         (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                          0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g)) /
                         60.0;
    const double a = sin_lat * std::sin(decl), b = cos_lat * std::cos(decl);
    const double ws = std::acos(std::clamp(-a / b, -1.0, 1.0));  // sunset hour angle, rad
    const int m = interp.month[d];
    for (int h = 0; h < 24; ++h) {
      const double solar_h = h + longitude_h + eot_h;  // solar time at the start of the step
      const double w1 = std::max((solar_h - 12.0) * 15.0 * kDeg, -ws);
      const double w2 = std::min((solar_h + 1.0 - 12.0) * 15.0 * kDeg, ws);
      if (w2 <= w1) continue;
      const double integral = a * (w2 - w1) + b * (std::sin(w2) - std::sin(w1));
      if (integral <= 0.0) continue;
      SunHour& s = sun[d * 24 + h];
      const double hour_rad = 15.0 * kDeg;
      s.extraterrestrial_w_m2 = kSolarConstant_w_m2 * e0 * integral / hour_rad;
      s.cos_zenith_sunlit = integral / (w2 - w1);
      s.sunlit_fraction = (w2 - w1) / hour_rad;
      extraterrestrial_sum_wh[m] += s.extraterrestrial_w_m2;
    }
  }
  Monthly clearness{};
  for (int m = 0; m < 12; ++m) {
    clearness[m] = extraterrestrial_sum_wh[m] > 0.0
                       ? st.ghi_kwh_m2[m] * 1000.0 / extraterrestrial_sum_wh[m]
                       : 0.0;
  }
  // Below a sun elevation of 3° (cos zenith 0.0523) all of it is diffuse, as in pvlib's erbs
  // (max_zenith = 87°).
  constexpr double kMinCosZenith = 0.0523;
  for (int i = 0; i < kHours; ++i) {
    const SunHour& s = sun[i];
    if (s.extraterrestrial_w_m2 <= 0.0) continue;
    const double kt = clearness[w.month[i] - 1];
    const double ghi = kt * s.extraterrestrial_w_m2;
    double dhi = erbs_diffuse_fraction(kt) * ghi;
    double dni = 0.0;
    if (s.cos_zenith_sunlit >= kMinCosZenith) {
      dni = (ghi - dhi) / s.cos_zenith_sunlit;  // hour mean: beam only while the sun is up
    } else {
      dhi = ghi;
    }
    w.ghi_w_m2[i] = ghi;
    w.dhi_w_m2[i] = dhi;
    w.dni_w_m2[i] = dni;
  }
  return w;
}

}  // namespace dcload
