#pragma once
// Solar position and a PVWatts-class PV chain (engine/supply). Kernels over SI doubles: one
// call per run fills a Series; nothing is allocated per step.
//
// Chain per step (each stage sourced in solar.cpp):
//   sun vector (Astronomical Almanac low-precision solar coordinates + main nutation terms)
//   → plane-of-array irradiance (beam + Hay–Davies sky diffuse + isotropic ground reflection)
//   → incidence-angle modifier on beam (ASHRAE form) → cell temperature (Sandia SAPM)
//   → DC power (PVWatts v5 linear temperature model) × (1 − system losses)
//   → AC power (PVWatts v5 inverter curve, clipped at DC nameplate / inverter loading ratio).

#include <array>
#include <string>
#include <vector>

#include "dcload/weather.hpp"

namespace dcload::detail {

/// Julian day (UT) of a Gregorian calendar date and a UT hour (0..24), Meeus, "Astronomical
/// Algorithms" 2nd ed. (1998) eq. 7.1.
double julian_day(int year, int month, int day, double hour_ut);

/// Sun direction in the observer's East–North–Up frame (unit vector), geometric (no
/// refraction, no parallax), and the Earth–Sun distance in AU.
struct SunVector {
  double east = 0, north = 0, up = 0;  ///< up = cos(geometric zenith)
  double distance_au = 1;
};
/// `jd_ut`: Julian day in UT; `delta_t_s`: TT − UT in seconds.
SunVector sun_vector(double jd_ut, double delta_t_s, double latitude_deg, double longitude_deg);

/// Topocentric apparent sun position in degrees, as NREL SPA reports it (Reda & Andreas 2004,
/// NREL/TP-560-34302): zenith with parallax and atmospheric refraction for the given pressure
/// and temperature; azimuth eastward from north.
struct SunPosition {
  double zenith_deg = 0;
  double azimuth_deg = 0;
};
SunPosition sun_position(double jd_ut, double delta_t_s, double latitude_deg,
                         double longitude_deg, double pressure_pa, double temperature_c);

/// Angle of incidence (degrees) of the sun on a plane of tilt and azimuth (degrees, azimuth
/// eastward from north: 180 = facing south), from a zenith/azimuth pair.
double incidence_angle_deg(const SunPosition& sun, double tilt_deg, double surface_azimuth_deg);

/// A fixed-tilt PV array (PVWatts-class inputs), SI and plain fractions. Defaults and sources:
/// the example array of issue #8 (1 MW DC, 30° south); DC/AC 1.2, losses 14 %, inverter 96 %,
/// degradation 0.5 %/y: REopt PV defaults (NREL/REopt.jl @029db01d, src/core/pv.jl), the
/// 14 % and 96 % also PVWatts v5 defaults (Dobos 2014, NREL/TP-6A20-62641); γ = −0.47 %/K:
/// PVWatts v5 "standard" module; albedo 0.2: PVWatts v5 default (no snow); SAPM a = −3.56,
/// b = −0.075 s/m, ΔT = 3 K: glass/cell/polymer-sheet module on an open rack (King, Boyson &
/// Kratochvil, SAND2004-3535, Table 1).
struct PvSystem {
  double dc_rating_w = 1e6;          ///< module nameplate at STC
  double tilt_deg = 30;              ///< 0 = horizontal
  double azimuth_deg = 180;          ///< eastward from north; 180 = facing south
  double dc_ac_ratio = 1.2;          ///< inverter loading ratio (DC nameplate / AC rating)
  double losses = 0.14;              ///< DC system losses (soiling, wiring, mismatch, ...)
  double gamma_per_k = -0.0047;      ///< power temperature coefficient, 1/K
  double inverter_efficiency = 0.96; ///< nominal inverter efficiency
  double albedo = 0.2;               ///< ground reflectance
  double sapm_a = -3.56;             ///< SAPM module-temperature coefficient a
  double sapm_b = -0.075;            ///< SAPM coefficient b, s/m
  double sapm_delta_t_k = 3;         ///< SAPM cell − back-of-module difference at 1000 W/m², K
  double degradation_per_year = 0.005; ///< output loss per year of age
  double age_years = 0;              ///< age of the array (0 = first year)
  /// Calendar year placed under the typical-year weather (assumption: a recent non-leap year;
  /// the sun's position at the same calendar time differs by < 0.2° across a leap cycle).
  int year = 2023;
  /// TT − UT for that year: 32.184 s + TAI−UTC 37 s (IERS Bulletin C, since 2017-01-01),
  /// UT1 − UTC (< 0.9 s) neglected.
  double delta_t_s = 69.184;
};

/// Problems with a PvSystem (empty when valid), e.g. "tilt must be within 0–90°".
std::vector<std::string> validate(const PvSystem& pv);

/// One step of the chain after the sun position: AC power in W. `cos_aoi`, `cos_zenith` of the
/// step; irradiances in W/m²; `extra_dni_w_m2` extraterrestrial normal irradiance; air °C,
/// wind at 10 m in m/s. Exposed for the tests' hand calculations.
struct PvStep {
  double poa_w_m2 = 0;        ///< plane-of-array irradiance before the incidence modifier
  double effective_w_m2 = 0;  ///< after the incidence modifier on beam
  double cell_c = 0;
  double dc_w = 0;            ///< after temperature and system losses
  double ac_w = 0;
};
PvStep pv_step(const PvSystem& pv, double cos_aoi, double cos_zenith, double ghi_w_m2,
               double dni_w_m2, double dhi_w_m2, double extra_dni_w_m2, double air_c,
               double wind_m_s);

/// AC output of the array for every step of the weather (W), into `ac_w` (resized once).
void pv_ac_power(const PvSystem& pv, const Weather& w, std::vector<double>& ac_w);

/// Yearly figures of a PV run: energies in J; capacity factor on the DC nameplate (PVWatts
/// convention) over the simulated period.
struct PvYear {
  double annual_ac_j = 0;
  std::array<double, 12> monthly_ac_j{};
  double capacity_factor = 0;
};
PvYear pv_year(const PvSystem& pv, const Weather& w, const std::vector<double>& ac_w);

}  // namespace dcload::detail
