// The cold source's inputs and parts (cold_source.hpp). Every built-in figure carries its source.
#include "cooling/cold_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dcload::detail {
namespace {

constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

}  // namespace

std::vector<double> builtin_seawater_c(const std::string& name) {
  if (name == "builtin:ulsan") {
    // An ESTIMATE (confidence L) of the monthly mean sea-surface temperature of the Ulsan
    // coast, °C; no published monthly table for Ulsan was found (the measured record is the
    // KHOA tide station DT_0020, data.go.kr 15039014: give it with seawater_temperature).
    // Anchors: the normals of the NIFS coastal stations either side of Ulsan, Busan and Pohang,
    // as their monthly bulletins (nifs.go.kr, "해황개황" / "연근해수온분포") state them (value
    // ± anomaly): April 13.0 / 11.9 (2012 bulletin), July ≈ 18.2 / 19.9 (2017), August
    // 21.7 / 22.4 (2012), averaged: 12.45, 19.05, 22.05; February, the coldest month (KMA
    // buoy study 2013–2017), 12.0 and December 12.5, the midpoints of the NIFS forecast
    // ranges for the central-southern East Sea (9–15 °C, 2008 and 2009 bulletins; 10–15 °C,
    // 2017). The other months linear between anchors. Cross-check: November, 14.89 here,
    // against 14.9 from the NIFS November 2017 bulletin (Jumunjin and Pohang 16.0–17.6 °C,
    // 1.0–2.8 K above normal). Summer upwelling off Ulsan (3–5 events a year of 5–20 days,
    // surface below 10 °C at times; Han et al., J. Korean Soc. Mar. Environ. Saf. 22(3) (2016)
    // 286, doi:10.7837/kosomes.2016.22.3.286) is not in monthly means: it only cools the
    // intake, so this table errs warm in those weeks.
    return {12.25, 12.0, 12.23, 12.45, 14.65, 16.85, 19.05, 22.05, 19.66, 17.28, 14.89, 12.5};
  }
  return {};
}

std::vector<double> builtin_flow_profile(const std::string& name) {
  if (name == "builtin:kogas_power_sales_2018") {
    // Monthly LNG sales of KOGAS for power generation, 2018, kt (KOGAS monthly releases as
    // press reports carried them: Jan 1,851 (lenews.co.kr), Feb 1,530 (Aju News 2018-03-09),
    // Mar 1,536 (Lawissue 2018-04-10), May 1,205 (speconomy.com), Jun 1,232 (NewDaily
    // 2018-07-10), Aug 1,371 (energy-news.co.kr idxno=55095), Oct 1,222 (Daily Hankook
    // 2018-11-09), Dec 2017 1,789 (Newspim 2018-01-10)), as tonnes per day over the month's
    // days; Apr, Jul, Sep and Nov (not found) the mean of the months either side. Shares of the
    // largest (January, 59.71 kt/d). Assumption (confidence L): a terminal serving power
    // plants and industry (the Korea Energy Terminal's customers: Ulsan GPS, SK Energy, Korea
    // Zinc, SK Multi Utility) sends out in that shape; city gas (3.3× winter to summer) would
    // be steeper. Flow follows send-out because the vaporizers in service each take their own
    // seawater.
    const double kt[12] = {1851, 1530, 1536, 0, 1205, 1232, 0, 1371, 0, 1222, 0, 1789};
    double rate[12];
    for (int m = 0; m < 12; ++m) rate[m] = kt[m] / kDays[m];
    for (int m : {3, 6, 8, 10}) rate[m] = 0.5 * (rate[m - 1] + rate[m + 1]);
    const double top = *std::max_element(rate, rate + 12);
    std::vector<double> v(12);
    for (int m = 0; m < 12; ++m) v[static_cast<size_t>(m)] = rate[m] / top;
    return v;
  }
  return {};
}

double profile_at(const std::vector<double>& v, double t_s, bool interpolate, double empty_value) {
  if (v.empty()) return empty_value;
  constexpr double kYear = 8760.0 * 3600.0;
  double t = std::fmod(t_s, kYear);
  if (t < 0) t += kYear;
  const double hour = std::floor(t / 3600.0);
  if (v.size() == 8760) return v[static_cast<size_t>(hour) % 8760];
  if (v.size() == 24) return v[static_cast<size_t>(hour) % 24];
  // Monthly: the month of t, or linear between mid-months.
  const double day = t / 86400.0;
  double start = 0;
  int m = 0;
  while (m < 11 && day >= start + kDays[m]) start += kDays[m++];
  if (!interpolate) return v[static_cast<size_t>(m)];
  const double mid = start + 0.5 * kDays[m];
  int a = m, b = m;
  double ta = mid, tb = mid;
  if (day < mid) {
    a = (m + 11) % 12;
    ta = mid - 0.5 * (kDays[m] + kDays[a]);
  } else {
    b = (m + 1) % 12;
    tb = mid + 0.5 * (kDays[m] + kDays[b]);
  }
  if (a == b) return v[static_cast<size_t>(m)];
  const double x = (day - ta) / (tb - ta);
  return v[static_cast<size_t>(a)] + x * (v[static_cast<size_t>(b)] - v[static_cast<size_t>(a)]);
}

double cold_design_flow_kg_s(const ColdSourceSpec& s) {
  return s.max_flow_kg_s > 0 ? s.max_flow_kg_s : s.flow_kg_s;
}

SeawaterPipe seawater_pipe(const ColdSourceSpec& s) {
  SeawaterPipe p;
  const double v_m3_s = cold_design_flow_kg_s(s) / kSeawaterRho;
  const double v = s.pipe_velocity_m_s;
  if (!(v_m3_s > 0) || !(v > 0)) return p;
  p.diameter_m = std::sqrt(4.0 * v_m3_s / (std::numbers::pi * v));
  p.reynolds = kSeawaterRho * v * p.diameter_m / kSeawaterMu;
  const double x = std::log10(in_si(s.pipe_roughness) / (3.7 * p.diameter_m) +
                              5.74 / std::pow(p.reynolds, 0.9));
  p.friction_factor = 0.25 / (x * x);
  p.gradient_pa_per_m = p.friction_factor / p.diameter_m * kSeawaterRho * v * v / 2.0;
  return p;
}

double seawater_pump_power_w(const ColdSourceSpec& s, double m_kg_s) {
  return seawater_pump_power_w(s, seawater_pipe(s), m_kg_s);
}

double seawater_pump_power_w(const ColdSourceSpec& s, const SeawaterPipe& pipe, double m_kg_s) {
  if (!(m_kg_s > 0)) return 0.0;
  const double m_des = cold_design_flow_kg_s(s);
  const double r = m_des > 0 ? m_kg_s / m_des : 1.0;
  const double dp = in_si(s.pump_head) +
                    2.0 * in_si(s.distance) * pipe.gradient_pa_per_m * r * r;
  return m_kg_s / kSeawaterRho * dp / s.pump_efficiency;
}

double seawater_pump_heat_k(const ColdSourceSpec& s, double m_kg_s) {
  return m_kg_s > 0 ? seawater_pump_power_w(s, m_kg_s) / (m_kg_s * kSeawaterCp) : 0.0;
}

void cold_capacity(ColdStep& c, double campus_dt_k) {
  c.warming_k = std::max(0.0, std::min(c.limit_k, campus_dt_k));
  c.capacity_w = c.flow_kg_s * kSeawaterCp * c.warming_k;
}

ColdStep cold_step(const ColdSourceSpec& s, double t_s, double campus_dt_k, double pump_heat_k) {
  ColdStep c;
  c.sea_c = profile_at(s.seawater_c, t_s, /*interpolate=*/true, 15.0);
  c.intake_c = c.sea_c - in_si(s.vaporizer_delta_t);
  c.leaving_c = c.intake_c + in_si(s.hx_approach);
  const double share = profile_at(s.flow_profile, t_s, /*interpolate=*/false, 1.0);
  c.flow_kg_s = std::min(s.flow_kg_s * share, cold_design_flow_kg_s(s));
  // (The pump heat at design flow is the same every step: the caller may pass it.)
  const double limit_k = in_si(s.vaporizer_delta_t) + in_si(s.max_discharge_rise) -
                         (pump_heat_k >= 0 ? pump_heat_k : seawater_pump_heat_k(s, cold_design_flow_kg_s(s)));
  c.limit_k = limit_k;
  cold_capacity(c, campus_dt_k);
  return c;
}

}  // namespace dcload::detail
