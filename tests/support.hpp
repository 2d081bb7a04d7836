#pragma once
// Helpers shared by the test files (header-only, test code).
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"

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

/// Steps where the heat rejected outdoors differs from the heat put into the water loops by
/// more than `rel_tol` of it: indoor heat (IT, PDU and UPS losses, lighting — the generator
/// heaters stand outdoors) + CRAH fans + pumps (chilled water, CDU, facility water, condenser)
/// + compressors. Tower or dry-cooler fan heat leaves with the exhaust air.
inline std::size_t heat_balance_violations(const RunResult& r, double rel_tol) {
  static const char* const kParts[] = {"it_power",       "distribution_loss", "ups_loss",
                                       "lighting_power", "crah_fan_power",    "chw_pump_power",
                                       "cdu_pump_power", "fw_pump_power",     "chiller_power",
                                       "cw_pump_power"};
  std::vector<std::span<const double>> parts;
  for (const char* p : kParts) parts.push_back(r.channel(p));
  const auto q = r.channel("heat_rejected");
  std::size_t bad = 0;
  for (std::size_t k = 0; k < q.size(); ++k) {
    double in = 0;
    for (const auto& p : parts) in += p[k];
    if (std::abs(q[k] - in) > rel_tol * std::abs(q[k])) ++bad;
  }
  return bad;
}

}  // namespace dcload::testing
