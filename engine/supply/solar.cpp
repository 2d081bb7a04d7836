// Solar position and the PVWatts-class PV chain. Sources of every equation and coefficient are
// given where they are used; the defaults of PvSystem are sourced in solar.hpp's users
// (engine/cli/supply_cmd.cpp) and here.
#include "supply/solar.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dcload::detail {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// Total solar irradiance 1360.8 ± 0.5 W/m² (Kopp & Lean, "A new, lower value of total solar
// irradiance", Geophys. Res. Lett. 38 (2011) L01706, doi:10.1029/2010GL045777), rounded.
constexpr double kSolarConstantWM2 = 1361.0;

// Hay–Davies circumsolar term: cos(zenith) floored at cos 89° so that the beam ratio Rb stays
// finite in the sunrise/sunset hours (assumption; the same floor as pvlib's haydavies).
constexpr double kMinCosZenith = 0.01745;

// ASHRAE incidence-angle modifier IAM = 1 − b0 (1/cos θ − 1) (Souka & Safwat 1966, the form of
// ASHRAE Standard 93); b0 = 0.05 for glass-covered modules, the default of pvlib.iam.ashrae.
constexpr double kIamB0 = 0.05;

// PVWatts v5 inverter part-load curve (Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641,
// 2014, eq. 13): η = η_nom/η_ref · (−0.0162 ζ − 0.0059/ζ + 0.9858), η_ref = 0.9637.
constexpr double kInverterEtaRef = 0.9637;

double wrap360(double deg) {
  double r = std::fmod(deg, 360.0);
  return r < 0 ? r + 360.0 : r;
}

}  // namespace

double julian_day(int year, int month, int day, double hour_ut) {
  // Meeus (1998) eq. 7.1, Gregorian calendar.
  if (month <= 2) {
    year -= 1;
    month += 12;
  }
  const int a = year / 100;
  const int b = 2 - a + a / 4;
  return std::floor(365.25 * (year + 4716)) + std::floor(30.6001 * (month + 1)) + day + b -
         1524.5 + hour_ut / 24.0;
}

namespace {
// What stays fixed over a run: the observer's latitude and a reference obliquity ε_ref (the
// mean obliquity moves 0.00015° per year and nutation ≤ 0.003°, so sin/cos ε are taken to
// first order about ε_ref; the neglected second-order term is below 1e-9 rad).
struct SunFrame {
  double sin_phi, cos_phi, eps_ref_deg, sin_eps_ref, cos_eps_ref, longitude_deg;
  SunFrame(double latitude_deg, double lon_deg, double n_ref)
      : sin_phi(std::sin(latitude_deg * kDeg)), cos_phi(std::cos(latitude_deg * kDeg)),
        eps_ref_deg(23.439 - 0.0000004 * n_ref), sin_eps_ref(std::sin(eps_ref_deg * kDeg)),
        cos_eps_ref(std::cos(eps_ref_deg * kDeg)), longitude_deg(lon_deg) {}
};

SunVector sun_vector_in(const SunFrame& f, double jd_ut, double delta_t_s) {
  // Solar coordinates: The Astronomical Almanac low-precision formulae (section C, "Sun"; also
  // Michalsky, Solar Energy 40 (1988) 227–235): n days from J2000.0 in TT,
  //   L = 280.460° + 0.9856474° n (mean longitude, aberration included)
  //   g = 357.528° + 0.9856003° n (mean anomaly)
  //   λ = L + 1.915° sin g + 0.020° sin 2g,  ε0 = 23.439° − 0.0000004° n
  //   R = 1.00014 − 0.01671 cos g − 0.00014 cos 2g (AU).
  // Plus the two largest nutation terms (Meeus 1998 ch. 22, accuracy 0.5″/0.1″):
  //   Δψ = −17.20″ sin Ω − 1.32″ sin 2L,  Δε = 9.20″ cos Ω + 0.57″ cos 2L,
  //   Ω = 125.04452° − 0.0529538° n,
  // applied to λ, ε and to sidereal time (equation of the equinoxes Δψ cos ε).
  const double n = jd_ut + delta_t_s / 86400.0 - 2451545.0;
  const double l_deg = wrap360(280.460 + 0.9856474 * n);
  const double g = wrap360(357.528 + 0.9856003 * n) * kDeg;
  const double omega = wrap360(125.04452 - 0.0529538 * n) * kDeg;
  const double sin_g = std::sin(g), cos_g = std::cos(g);
  const double sin_om = std::sin(omega), cos_om = std::cos(omega);
  const double sin_l = std::sin(l_deg * kDeg), cos_l = std::cos(l_deg * kDeg);
  const double sin_2l = 2 * sin_l * cos_l, cos_2l = 1 - 2 * sin_l * sin_l;
  const double dpsi_deg = (-17.20 * sin_om - 1.32 * sin_2l) / 3600.0;
  const double deps_deg = (9.20 * cos_om + 0.57 * cos_2l) / 3600.0;
  const double lambda = (l_deg + 1.915 * sin_g + 0.040 * sin_g * cos_g + dpsi_deg) * kDeg;
  const double d_eps = (23.439 - 0.0000004 * n + deps_deg - f.eps_ref_deg) * kDeg;
  const double cos_eps = f.cos_eps_ref - f.sin_eps_ref * d_eps;
  const double sin_eps = f.sin_eps_ref + f.cos_eps_ref * d_eps;
  // Greenwich mean sidereal time (Meeus eq. 12.4, the T² and T³ terms below 0.0001° until
  // 2100 dropped), apparent with the equation of the equinoxes; then local.
  const double theta =
      wrap360(280.46061837 + 360.98564736629 * (jd_ut - 2451545.0) + dpsi_deg * cos_eps +
              f.longitude_deg) * kDeg;
  const double sin_lam = std::sin(lambda), cos_lam = std::cos(lambda);
  const double sin_th = std::sin(theta), cos_th = std::cos(theta);
  // With α from tan α = cos ε tan λ and hour angle H = θ − α (no atan2 needed):
  //   cos δ cos H = cos θ cos λ + sin θ cos ε sin λ,  cos δ sin H = sin θ cos λ − cos θ cos ε sin λ
  //   sin δ = sin ε sin λ.
  const double cd_ch = cos_th * cos_lam + sin_th * cos_eps * sin_lam;
  const double cd_sh = sin_th * cos_lam - cos_th * cos_eps * sin_lam;
  const double sin_dec = sin_eps * sin_lam;
  SunVector v;
  v.east = -cd_sh;
  v.north = f.cos_phi * sin_dec - f.sin_phi * cd_ch;
  v.up = f.sin_phi * sin_dec + f.cos_phi * cd_ch;
  v.distance_au = 1.00014 - 0.01671 * cos_g - 0.00014 * (2 * cos_g * cos_g - 1);
  return v;
}
}  // namespace

SunVector sun_vector(double jd_ut, double delta_t_s, double latitude_deg, double longitude_deg) {
  const SunFrame f(latitude_deg, longitude_deg, jd_ut - 2451545.0);
  return sun_vector_in(f, jd_ut, delta_t_s);
}

SunPosition sun_position(double jd_ut, double delta_t_s, double latitude_deg,
                         double longitude_deg, double pressure_pa, double temperature_c) {
  const SunVector v = sun_vector(jd_ut, delta_t_s, latitude_deg, longitude_deg);
  double e0_deg = std::asin(std::clamp(v.up, -1.0, 1.0)) / kDeg;
  // Parallax in altitude, π cos e with the equatorial horizontal parallax 8.794″/R (Meeus
  // ch. 40; NREL SPA eq. 33 uses the same 8.794″).
  e0_deg -= 8.794 / 3600.0 / v.distance_au * std::cos(e0_deg * kDeg);
  // Atmospheric refraction, NREL SPA (Reda & Andreas 2004) eq. 42, applied while the sun's
  // upper limb is above the refracted horizon (sun radius 0.26667°, refraction 0.5667°).
  double de_deg = 0;
  if (e0_deg >= -(0.26667 + 0.5667)) {
    de_deg = (pressure_pa / 101000.0) * (283.0 / (273.0 + temperature_c)) * 1.02 /
             (60.0 * std::tan((e0_deg + 10.3 / (e0_deg + 5.11)) * kDeg));
  }
  SunPosition p;
  p.zenith_deg = 90.0 - (e0_deg + de_deg);
  p.azimuth_deg = wrap360(std::atan2(v.east, v.north) / kDeg);
  return p;
}

double incidence_angle_deg(const SunPosition& sun, double tilt_deg, double surface_azimuth_deg) {
  // cos θ = cos z cos β + sin z sin β cos(γs − γ) (Duffie & Beckman, Solar Engineering of
  // Thermal Processes, 4th ed., eq. 1.6.3 in azimuth-from-north form).
  const double z = sun.zenith_deg * kDeg, b = tilt_deg * kDeg;
  const double c = std::cos(z) * std::cos(b) +
                   std::sin(z) * std::sin(b) * std::cos((sun.azimuth_deg - surface_azimuth_deg) * kDeg);
  return std::acos(std::clamp(c, -1.0, 1.0)) / kDeg;
}

std::vector<std::string> validate(const PvSystem& pv) {
  std::vector<std::string> p;
  // 100 GW DC: far above any single plant (the largest are a few GW), below where the energy
  // sums could leave the doubles' exact range.
  if (!(pv.dc_rating_w > 0 && pv.dc_rating_w <= 1e11))
    p.push_back("DC rating must be above 0 and at most 100 GW");
  if (!(pv.tilt_deg >= 0 && pv.tilt_deg <= 90)) p.push_back("tilt must be within 0–90°");
  if (!(pv.azimuth_deg >= 0 && pv.azimuth_deg <= 360))
    p.push_back("azimuth must be within 0–360° (180 = south)");
  if (!(pv.dc_ac_ratio >= 0.5 && pv.dc_ac_ratio <= 3)) p.push_back("DC/AC ratio must be within 0.5–3");
  if (!(pv.losses >= 0 && pv.losses < 1)) p.push_back("losses must be within 0–99 %");
  if (!(pv.inverter_efficiency > 0.5 && pv.inverter_efficiency <= 1))
    p.push_back("inverter efficiency must be within 50–100 %");
  if (!(pv.albedo >= 0 && pv.albedo <= 1)) p.push_back("albedo must be within 0–1");
  if (!(pv.degradation_per_year >= 0 && pv.degradation_per_year < 0.1))
    p.push_back("degradation must be within 0–10 %/year");
  if (!(pv.age_years >= 0 && pv.age_years <= 100)) p.push_back("age must be within 0–100 years");
  return p;
}

namespace {
// Per-run constants of the chain, computed once outside the step loop.
struct PvConst {
  double cos_tilt, aged, ac_rating_w, dc_input_rating_w;
  explicit PvConst(const PvSystem& pv)
      : cos_tilt(std::cos(pv.tilt_deg * kDeg)),
        aged(std::pow(1 - pv.degradation_per_year, pv.age_years)),
        // PVWatts v5 inverter: AC rating = P_dc0 / ILR, DC input rating = AC rating / η_nom.
        ac_rating_w(pv.dc_rating_w / pv.dc_ac_ratio),
        dc_input_rating_w(ac_rating_w / pv.inverter_efficiency) {}
};

PvStep step(const PvSystem& pv, const PvConst& c, double cos_aoi, double cos_zenith,
            double ghi_w_m2, double dni_w_m2, double dhi_w_m2, double extra_dni_w_m2,
            double air_c, double wind_m_s) {
  PvStep s;
  const double cos_tilt = c.cos_tilt;
  const bool sun_up = cos_zenith > 0;
  const double cos_i = sun_up ? std::max(cos_aoi, 0.0) : 0.0;
  // Beam on the plane: DNI cos θ.
  const double beam = dni_w_m2 * cos_i;
  // Hay & Davies (1980) sky diffuse: anisotropy index Ai = DNI/DNI_extra weights a circumsolar
  // part (beam geometry Rb = cos θ / cos z) against an isotropic part (1 + cos β)/2
  // (Duffie & Beckman 4th ed. eq. 2.16.6).
  const double ai = (sun_up && extra_dni_w_m2 > 0)
                        ? std::clamp(dni_w_m2 / extra_dni_w_m2, 0.0, 1.0) : 0.0;
  const double rb = cos_i / std::max(cos_zenith, kMinCosZenith);
  const double sky = dhi_w_m2 * (ai * rb + (1 - ai) * 0.5 * (1 + cos_tilt));
  // Isotropic ground reflection (Duffie & Beckman eq. 2.15.1).
  const double ground = ghi_w_m2 * pv.albedo * 0.5 * (1 - cos_tilt);
  s.poa_w_m2 = beam + sky + ground;
  const double iam = cos_i > 0 ? std::max(0.0, 1 - kIamB0 * (1 / cos_i - 1)) : 0.0;
  s.effective_w_m2 = beam * iam + sky + ground;
  // Sandia array performance model temperatures (King, Boyson & Kratochvil, SAND2004-3535,
  // eqs. 11–12): T_module = E·exp(a + b·WS) + T_air, T_cell = T_module + E/1000·ΔT.
  const double t_module = s.poa_w_m2 * std::exp(pv.sapm_a + pv.sapm_b * wind_m_s) + air_c;
  s.cell_c = t_module + s.poa_w_m2 / 1000.0 * pv.sapm_delta_t_k;
  // PVWatts v5 DC model (Dobos 2014 eq. 12): P_dc = E_eff/1000 · P_dc0 · (1 + γ (T_cell − 25)),
  // then the system losses and age degradation.
  const double aged = c.aged;
  s.dc_w = std::max(0.0, s.effective_w_m2 / 1000.0 * pv.dc_rating_w *
                             (1 + pv.gamma_per_k * (s.cell_c - 25.0)) * (1 - pv.losses) * aged);
  const double ac_rating_w = c.ac_rating_w, dc_input_rating_w = c.dc_input_rating_w;
  if (s.dc_w > 0) {
    const double zeta = s.dc_w / dc_input_rating_w;
    const double eta = pv.inverter_efficiency / kInverterEtaRef *
                       (-0.0162 * zeta - 0.0059 / zeta + 0.9858);
    s.ac_w = std::clamp(eta * s.dc_w, 0.0, ac_rating_w);
  }
  return s;
}
}  // namespace

PvStep pv_step(const PvSystem& pv, double cos_aoi, double cos_zenith, double ghi_w_m2,
               double dni_w_m2, double dhi_w_m2, double extra_dni_w_m2, double air_c,
               double wind_m_s) {
  return step(pv, PvConst(pv), cos_aoi, cos_zenith, ghi_w_m2, dni_w_m2, dhi_w_m2,
              extra_dni_w_m2, air_c, wind_m_s);
}

void pv_ac_power(const PvSystem& pv, const Weather& w, std::vector<double>& ac_w) {
  const size_t n = w.size();
  ac_w.assign(n, 0.0);
  const double tilt = pv.tilt_deg * kDeg, az = pv.azimuth_deg * kDeg;
  // Plane normal in East–North–Up: (sin β sin γ, sin β cos γ, cos β), γ from north eastward.
  const double ne = std::sin(tilt) * std::sin(az), nn = std::sin(tilt) * std::cos(az),
               nu = std::cos(tilt);
  // Step k covers [k·dt, (k+1)·dt) after 1 January 00:00 local standard time; the sun is taken
  // at the step midpoint (hourly irradiance is the mean over the hour).
  // Step 0 starts w.start_s after 1 January 00:00 (a window or a block of a run).
  const double jd0 = julian_day(pv.year, 1, 1, 0.0) - w.timezone_h / 24.0 + w.start_s / 86400.0;
  const double dt_day = w.timestep_s / 86400.0;
  const PvConst c(pv);
  const SunFrame frame(w.latitude_deg, w.longitude_deg,
                       jd0 + 0.5 * static_cast<double>(n) * dt_day - 2451545.0);
  for (size_t k = 0; k < n; ++k) {
    if (w.ghi_w_m2[k] <= 0 && w.dni_w_m2[k] <= 0 && w.dhi_w_m2[k] <= 0) continue;
    const double jd = jd0 + (static_cast<double>(k) + 0.5) * dt_day;
    const SunVector v = sun_vector_in(frame, jd, pv.delta_t_s);
    const double cos_aoi = v.east * ne + v.north * nn + v.up * nu;
    const double extra = kSolarConstantWM2 / (v.distance_au * v.distance_au);
    ac_w[k] = step(pv, c, cos_aoi, v.up, w.ghi_w_m2[k], w.dni_w_m2[k], w.dhi_w_m2[k], extra,
                      w.dry_bulb_c[k], w.wind_m_s[k]).ac_w;
  }
}

PvYear pv_year(const PvSystem& pv, const Weather& w, const std::vector<double>& ac_w) {
  PvYear y;
  for (size_t k = 0; k < ac_w.size(); ++k) {
    const double e = ac_w[k] * w.timestep_s;
    y.annual_ac_j += e;
    const int m = k < w.month.size() ? w.month[k] : 1;
    y.monthly_ac_j[static_cast<size_t>(std::clamp(m, 1, 12) - 1)] += e;
  }
  const double period_s = static_cast<double>(ac_w.size()) * w.timestep_s;
  y.capacity_factor = period_s > 0 ? y.annual_ac_j / (pv.dc_rating_w * period_s) : 0.0;
  return y;
}

}  // namespace dcload::detail
