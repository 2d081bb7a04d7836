#pragma once
// Helpers shared by the test files (header-only, test code).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"
#include "config/quantity.hpp"
#include "stages.hpp"

namespace dcload::testing {

/// The single air-hall test campus (tests/data/single_hall.toml) with overrides.
inline Site single_hall_site(const std::vector<std::string>& overrides = {}) {
  return load_site(std::string(DCLOAD_SOURCE_DIR) + "/tests/data/single_hall.toml", overrides);
}

/// A weather of n hourly steps at sea-level pressure in July; dry-bulb = wet-bulb + 5 K unless
/// given; design conditions 32 °C dry-bulb / 26 °C wet-bulb.
inline Weather synthetic_weather(const std::vector<double>& wet_bulb_c,
                                 const std::vector<double>& dry_bulb_c = {}) {
  Weather w;
  w.source = "test";
  w.wet_bulb_c = wet_bulb_c;
  w.dry_bulb_c = dry_bulb_c;
  if (w.dry_bulb_c.empty())
    for (double t : wet_bulb_c) w.dry_bulb_c.push_back(t + 5.0);
  w.pressure_pa.assign(wet_bulb_c.size(), 101325.0);
  w.month.assign(wet_bulb_c.size(), 7);
  w.design.wb_004_c = 26.0;
  w.design.db_004_c = 32.0;
  return w;
}

/// The plant of `site` sized for the largest of the given heat per step (its one hall), then
/// the cooling stage over the weather's steps with those loads.
struct Plant {
  detail::PlantDesign design;
  detail::CoolingSeries cooling;
};
/// Electrical losses and lighting are set to zero for the sizing, so the plant is sized for
/// exactly the heat given.
inline Plant cool(const Site& site_in, const Weather& w, const std::vector<double>& indoor_w,
                  const std::vector<double>& liquid_w) {
  Site site = site_in;
  site.electrical.distribution_loss = 0;
  site.electrical.ups_no_load_loss = site.electrical.ups_proportional_loss =
      site.electrical.ups_square_loss = 0;
  site.auxiliary.lighting_fraction = 0;
  Plant p;
  double it = 0, liq = 0;
  for (double x : indoor_w) it = std::max(it, x);
  for (double x : liquid_w) liq = std::max(liq, x);
  p.design = detail::design_plant_for(site, w, {it}, {liq});
  p.cooling = detail::compute_cooling(site, p.design, w, {indoor_w}, {liquid_w});
  return p;
}

/// Steps where the heat rejected outdoors differs from the heat put into the water loops by
/// more than `rel_tol` of it: indoor heat (IT, PDU and UPS losses, lighting — the generator
/// heaters stand outdoors) + CRAH fans + pumps (chilled water, CDU, facility water, condenser)
/// + compressors (chillers, DX units). Tower or dry-cooler fan heat leaves with the exhaust air.
inline std::size_t heat_balance_violations(const RunResult& r, double rel_tol) {
  static const char* const kParts[] = {"it_power",       "distribution_loss", "ups_loss",
                                       "lighting_power", "crah_fan_power",    "chw_pump_power",
                                       "cdu_pump_power", "fw_pump_power",     "chiller_power",
                                       "cw_pump_power"};
  std::vector<std::span<const double>> parts;
  for (const char* p : kParts) parts.push_back(r.channel(p));
  // DX halls: their compressors' and condenser fans' work leaves with their condensers' air.
  for (const auto& c : r.channels)
    if (c.name == "dx_power") parts.push_back(c.values);
  const auto q = r.channel("heat_rejected");
  std::size_t bad = 0;
  for (std::size_t k = 0; k < q.size(); ++k) {
    double in = 0;
    for (const auto& p : parts) in += p[k];
    if (std::abs(q[k] - in) > rel_tol * std::abs(q[k])) ++bad;
  }
  return bad;
}


// ---- text of comma-separated records (EPW, CSV inputs built by the tests) -----------------

/// The comma-separated fields of a line.
inline std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  for (std::string s; std::getline(ss, s, ',');) f.push_back(s);
  return f;
}
/// The line with its 1-based field `field` replaced by `value`.
inline std::string with_field(const std::string& line, int field, const std::string& value) {
  std::vector<std::string> f = split(line);
  f[static_cast<std::size_t>(field - 1)] = value;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (i) out.push_back(',');
    out.append(f[i]);
  }
  return out;
}
/// 1-based character column where 1-based field `field` of a comma-separated line starts.
inline int column_of_field(const std::string& line, int field) {
  std::size_t pos = 0;
  for (int k = 1; k < field; ++k) pos = line.find(',', pos) + 1;
  return static_cast<int>(pos) + 1;
}
/// The message of the QuantityError parse_quantity(text, want) throws, or "" if none.
inline std::string quantity_error(const std::string& text, detail::Dimension want) {
  try {
    detail::parse_quantity(text, want);
  } catch (const detail::QuantityError& e) {
    return e.what();
  }
  return "";
}

}  // namespace dcload::testing
