// Chiller EIR curve sets and the YorkCalc tower: each curve at its source's reference point and
// other published or hand-computed points, clamping to the validity box with out-of-range hours
// counted, the air-cooled plant's heat paths, per-loop free-cooling hours, and the heat balance
// for every chiller model.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "cooling/chiller.hpp"
#include "dcload/dcload.hpp"
#include "stages.hpp"
#include "support.hpp"

namespace {

using dcload::detail::CoolingSeries;
using dcload::detail::Series;

double biquad(const double* c, double x, double y) {
  return c[0] + c[1] * x + c[2] * x * x + c[3] * y + c[4] * y * y + c[5] * x * y;
}

using dcload::testing::synthetic_weather;

// The hand calculations below use the plant of the earlier catalog (15 °C chilled water, 3 K
// coil approach, 3.517 MW chillers, 5.55 K dry coolers, 5 K facility-water ΔT) and size it on the
// 0.4 % basis of the synthetic weather; the mechanisms, not the defaults, are under test.
dcload::Site legacy_site(std::vector<std::string> o = {}) {
  const std::vector<std::string> legacy = {
      "cooling.design_basis=ashrae_0.4",      "cooling.chilled_water_supply=15 °C",
      "cooling.chilled_water_delta_t=7.5 K",  "cooling.coil_approach=3 K",
      "cooling.chiller_unit_capacity=3.517 MW", "cooling.dry_cooler_approach=5.55 K",
      "cooling.facility_water_delta_t=5 K"};
  o.insert(o.begin(), legacy.begin(), legacy.end());
  return dcload::testing::single_hall_site(o);
}

}  // namespace

TEST_CASE("chiller: DOE-2.1E centrifugal set is 1 at its reference point, COP 5.5",
          "[cooling][cool]") {
  const auto& s = dcload::detail::doe2_centrifugal_set();
  bool clamped = false;
  // EnergyPlus "DOE-2 Centrifugal/5.50COP": reference 6.67 °C leaving CHW, 29.4 °C entering CW.
  // By hand: CAPFT = 1.00334, EIRFT = 0.99909 (a fit: within 0.5 % of 1).
  CHECK(s.capft(6.67, 29.4, clamped) == Approx(1.0).epsilon(0.005));
  CHECK(s.eirft(6.67, 29.4, clamped) == Approx(1.0).epsilon(0.001));
  CHECK_FALSE(clamped);
  CHECK(s.eirfplr[0] + s.eirfplr[1] + s.eirfplr[2] == Approx(1.0).margin(1e-6));  // EIRFPLR(1)
  // Full load at the reference point: COP = Q/P = COP_ref / (EIRFT · EIRFPLR(1)) = 5.5 ± 0.1 %.
  const double unit = 3.517e6, q = unit * s.capft(6.67, 29.4, clamped);
  const double p = dcload::detail::chiller_power_eir(s, 6.67, 29.4, q, unit, 1.0, clamped);
  CHECK(q / p == Approx(5.5).epsilon(0.001));
  CHECK_FALSE(clamped);
  // Other points: datacenter-models.md b.2 derives EIRFT ≈ 0.849 at 10 / 24 °C and 1.223 at
  // 5 / 35 °C (corners of the validity box). By hand at (10, 24): 0.933884 − 0.58212 +
  // 0.450036 + 0.05832 + 0.279936 − 0.2916 = 0.848456; at (5, 35): 0.933884 − 0.29106 +
  // 0.112509 + 0.08505 + 0.595350 − 0.212625 = 1.223108.
  CHECK(s.eirft(10.0, 24.0, clamped) == Approx(0.848456).epsilon(1e-9));
  CHECK(s.eirft(5.0, 35.0, clamped) == Approx(1.223108).epsilon(1e-9));
  CHECK(s.eirft(10.0, 24.0, clamped) == Approx(0.849).margin(0.001));
  // EIRFPLR 0.33 / 0.50 / 0.72 at PLR 0.25 / 0.5 / 0.75 (same source).
  const auto plr = [&](double x) { return s.eirfplr[0] + s.eirfplr[1] * x + s.eirfplr[2] * x * x; };
  CHECK(plr(0.25) == Approx(0.33).margin(0.005));
  CHECK(plr(0.50) == Approx(0.50).margin(0.005));
  CHECK(plr(0.75) == Approx(0.72).margin(0.005));
  CHECK_FALSE(clamped);
}

TEST_CASE("chiller: air-cooled Carrier 30RB390 set is 1 at 6.67/35 °C and spans its data range",
          "[cooling][cool]") {
  const auto& s = dcload::detail::carrier_30rb390_set();
  REQUIRE(s.air_cooled);
  bool clamped = false;
  // AirCooledChiller.idf: reference 6.67 °C leaving CHW, 35 °C entering air, COP 2.8. By hand
  // CAPFT = 1.00398, EIRFT = 0.99558.
  CHECK(s.capft(6.67, 35.0, clamped) == Approx(1.0).epsilon(0.005));
  CHECK(s.eirft(6.67, 35.0, clamped) == Approx(1.0).epsilon(0.005));
  const double unit = 1325.8e3, q = unit * s.capft(6.67, 35.0, clamped);
  const double p = dcload::detail::chiller_power_eir(s, 6.67, 35.0, q, unit, 1.0, clamped);
  CHECK(q / p == Approx(2.8).epsilon(0.005));
  CHECK_FALSE(clamped);
  // The dataset gives each curve's minimum / maximum output (the extremes of the catalog data
  // it was fitted to): CAPFT 0.7545 / 1.3619, EIRFT 0.7332 / 1.6274. The fitted surface over the
  // validity box reaches them within 2 % (its extremes lie at the box corners).
  double cap_lo = 1e9, cap_hi = -1e9, eir_lo = 1e9, eir_hi = -1e9;
  for (int i = 0; i <= 40; ++i)
    for (int j = 0; j <= 40; ++j) {
      const double x = std::min(15.56, 4.44 + (15.56 - 4.44) * i / 40.0);
      const double y = std::min(48.89, 29.44 + (48.89 - 29.44) * j / 40.0);
      const double cap = s.capft(x, y, clamped), eir = s.eirft(x, y, clamped);
      cap_lo = std::min(cap_lo, cap), cap_hi = std::max(cap_hi, cap);
      eir_lo = std::min(eir_lo, eir), eir_hi = std::max(eir_hi, eir);
    }
  CHECK_FALSE(clamped);
  CHECK(cap_lo == Approx(0.7545).epsilon(0.02));
  CHECK(cap_hi == Approx(1.3619).epsilon(0.02));
  CHECK(eir_lo == Approx(0.7332).epsilon(0.02));
  CHECK(eir_hi == Approx(1.6274).epsilon(0.02));
  // Warm chilled water (15 °C, inside this set's range) at 35 °C: more capacity, less power
  // per unit of cooling — by hand CAPFT = 1.26482, EIRFT = 0.84606.
  CHECK(s.capft(15.0, 35.0, clamped) == Approx(1.26482).epsilon(1e-4));
  CHECK(s.eirft(15.0, 35.0, clamped) == Approx(0.84606).epsilon(1e-4));
  CHECK_FALSE(clamped);
}

TEST_CASE("chiller: inputs outside a curve's box are clamped to it and flagged",
          "[cooling][cool]") {
  const auto& s = dcload::detail::doe2_centrifugal_set();
  bool clamped = false;
  (void)s.capft(9.99, 34.99, clamped);
  CHECK_FALSE(clamped);
  // 15 °C chilled water and 40 °C condenser water lie outside 5–10 / 24–35 °C: evaluated at the
  // corner (10, 35), as EnergyPlus does.
  const double at_limit = biquad(s.capft.c, 10.0, 35.0);
  CHECK(s.capft(15.0, 40.0, clamped) == Approx(at_limit).epsilon(1e-12));
  CHECK(clamped);
  clamped = false;
  CHECK(s.eirft(2.0, 20.0, clamped) == Approx(biquad(s.eirft.c, 5.0, 24.0)).epsilon(1e-12));
  CHECK(clamped);
}

TEST_CASE("chiller: EIR part load with false loading and cycling, by hand", "[cooling][cool]") {
  const auto& s = dcload::detail::doe2_centrifugal_set();
  bool clamped = false;
  const double unit = 1e6;
  const double cap = s.capft(6.67, 29.4, clamped), eir = s.eirft(6.67, 29.4, clamped);
  const auto fplr = [&](double x) {
    return s.eirfplr[0] + s.eirfplr[1] * x + s.eirfplr[2] * x * x;
  };
  // PLR 0.5 on one unit: P = Q_avail · EIRFT · EIRFPLR(0.5) / 5.5.
  CHECK(dcload::detail::chiller_power_eir(s, 6.67, 29.4, 0.5 * unit * cap, unit, 1.0, clamped) ==
        Approx(unit * cap * eir * fplr(0.5) / 5.5).epsilon(1e-12));
  // PLR 0.15 (below the minimum unloading ratio 0.2): compressor as at 0.2 (false loading).
  CHECK(dcload::detail::chiller_power_eir(s, 6.67, 29.4, 0.15 * unit * cap, unit, 1.0, clamped) ==
        Approx(unit * cap * eir * fplr(0.2) / 5.5).epsilon(1e-12));
  // PLR 0.05 (below the minimum PLR 0.1): cycles on/off, run fraction 0.05/0.1 = 0.5.
  CHECK(dcload::detail::chiller_power_eir(s, 6.67, 29.4, 0.05 * unit * cap, unit, 1.0, clamped) ==
        Approx(unit * cap * eir * fplr(0.2) * 0.5 / 5.5).epsilon(1e-12));
  CHECK_FALSE(clamped);
}

TEST_CASE("tower: YorkCalc approach reproduces its reference condition and validity limits",
          "[cooling][cool]") {
  bool oor = false;
  // EnergyPlus Engineering Reference: YorkCalc reference condition 25.6 °C (78 °F) wet-bulb,
  // 35 → 29.4 °C (95 → 85 °F) water at the reference flow (FR = 1, L/G = 1): approach
  // 85 − 78 °F = 7 °F = 3.89 K. The correlation gives 3.856 K (within 0.05 K).
  CHECK(dcload::detail::yorkcalc_approach(25.6, 5.6, 1.0, oor) == Approx(3.89).margin(0.05));
  CHECK_FALSE(oor);
  // Wet-bulb above 26.7 °C is clamped to it (and flagged); L/G above 8 is flagged only.
  const double at_max = dcload::detail::yorkcalc_approach(26.7, 5.6, 1.5, oor);
  CHECK_FALSE(oor);
  CHECK(dcload::detail::yorkcalc_approach(30.0, 5.6, 1.5, oor) == Approx(at_max).epsilon(1e-12));
  CHECK(oor);
  oor = false;
  (void)dcload::detail::yorkcalc_approach(20.0, 5.6, 8.5, oor);
  CHECK(oor);
  // Design matching: the L/G found for 6.5 K at 26 °C gives 6.5 K back.
  const double lg = dcload::detail::yorkcalc_design_lg(26.0, 5.6, 6.5);
  oor = false;
  CHECK(dcload::detail::yorkcalc_approach(26.0, 5.6, lg, oor) == Approx(6.5).margin(1e-9));
  // A tower's approach widens as the wet-bulb falls (less air enthalpy per degree): at the same
  // L/G, 10 °C wet-bulb gives a larger approach than 26 °C.
  CHECK(dcload::detail::yorkcalc_approach(10.0, 5.6, lg, oor) > 6.5 + 2.0);
}

TEST_CASE("cooling: YorkCalc approach sets the free-cooling wet-bulb of the air plant",
          "[cooling][cool]") {
  // Air plant on towers, CHW 15 → 22.5 °C, HX approach 2.3 K, design wet-bulb 26 °C, design
  // approach 3.89 K (tower_design_approach), range 5.6 K. Constant load, so L/G = LG_des every
  // step. Free while T_wb + A(T_wb) + 2.3 ≤ 15: solve by bisection on the YorkCalc function.
  const dcload::Site site = legacy_site({"cooling.tower_model=yorkcalc"});
  const double lg = dcload::detail::yorkcalc_design_lg(26.0, 5.6, 3.89);
  bool oor = false;
  const auto x_of = [&](double t) {
    return t + dcload::detail::yorkcalc_approach(t, 5.6, lg, oor) + 2.3;
  };
  double lo = -20, hi = 15;
  for (int i = 0; i < 60; ++i) ((x_of(0.5 * (lo + hi)) <= 15.0) ? lo : hi) = 0.5 * (lo + hi);
  const double t_free = lo;
  // A constant 3.89 K approach would give free cooling up to 15 − 2.3 − 3.89 = 8.81 °C;
  // YorkCalc's wider approach at low wet-bulb moves the boundary well below it.
  CHECK(t_free < 8.81 - 3.0);
  // Sizing uses the design approach: chillers carry all at 26 + 3.89 + 2.3 = 32.2 °C ≥ 22.5.
  const dcload::Weather w = synthetic_weather({t_free - 0.05, t_free + 0.05, 8.0, 20.0});
  const Series indoor(4, 10e6), liquid(4, 0.0);
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kPartial, kPartial, kMechanical});
  CHECK(c.air_loop_free_hours == Approx(1.0));
  CHECK(c.liquid_loop_free_hours == 0.0);
  CHECK(c.tower_curve_out_of_range_hours == 0.0);
}

TEST_CASE("cooling: DOE-2 chillers at 15 °C chilled water count every running hour as out "
          "of range and match the clamped curves by hand", "[cooling][cool]") {
  const dcload::Site site = legacy_site(
      {"cooling.chiller_model=doe2_centrifugal", "cooling.tower_model=constant_approach"});
  // T_wb 2: free (x = 10.8 °C); 10: partial; 20: mechanical. CHW 15 °C > 10 °C in every
  // chiller hour → 2 h out of range.
  const dcload::Weather w = synthetic_weather({2.0, 10.0, 20.0});
  const Series indoor(3, 10e6), liquid(3, 0.0);
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  CHECK(c.chiller_w[0] == 0.0);
  CHECK(c.chiller_curve_out_of_range_hours == Approx(2.0));
  // Mechanical step by hand: condenser water 20 + 6.5 = 26.5 °C, curves at (10, 26.5).
  const auto& s = dcload::detail::doe2_centrifugal_set();
  const double unit = 3.517e6, q = c.chiller_load_w[2];
  const double cap = biquad(s.capft.c, 10.0, 26.5), eir = biquad(s.eirft.c, 10.0, 26.5);
  const double need = q / (unit * cap);
  const int on = static_cast<int>(std::ceil(need));
  const double plr = need / on, x = std::max(plr, 0.2);
  const double fplr = s.eirfplr[0] + s.eirfplr[1] * x + s.eirfplr[2] * x * x;
  CHECK(c.chiller_w[2] == Approx(on * unit * cap * eir * fplr / 5.5).epsilon(1e-12));
}

TEST_CASE("cooling: air-cooled chillers reject their heat to air, the economizer's to towers",
          "[cooling][cool]") {
  const dcload::Site site = legacy_site(
      {"cooling.chiller_type=air_cooled", "cooling.chiller_model=carrier_30rb390",
       "cooling.tower_model=constant_approach"});
  // Step 0 partial (T_wb 10: x = 18.8 °C), T_db 25 °C → below the curves' 29.44 °C (clamped);
  // step 1 mechanical (T_wb 20), T_db 35 °C (inside the box).
  const dcload::Weather w = synthetic_weather({10.0, 20.0}, {25.0, 35.0});
  const Series indoor(2, 10e6), liquid(2, 0.0);
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  using dcload::detail::kPartial, dcload::detail::kMechanical;
  REQUIRE(c.mode == std::vector<double>{kPartial, kMechanical});
  CHECK(c.chiller_curve_out_of_range_hours == Approx(1.0));
  // Mechanical: nothing through the towers — no condenser pump, tower fans or water.
  CHECK(c.cw_pump_w[1] == 0.0);
  CHECK(c.tower_fan_w[1] == 0.0);
  CHECK(c.water_kg_s[1] == 0.0);
  // All heat leaves through the chiller condensers: loop heat + compressor (and fan) power.
  CHECK(c.heat_rejected_w[1] == Approx(c.reusable_heat_w[1] + c.chiller_w[1]).epsilon(1e-12));
  // Chiller power by hand at (15, 35): 10 MW room + CRAH + CHW pump ≈ 10.4 MW on 3.517 MW
  // units rated at the reference; capacity per unit × CAPFT(15, 35) = 1.26482.
  const auto& s = dcload::detail::carrier_30rb390_set();
  const double unit = 3.517e6, q = c.chiller_load_w[1];
  const double cap = biquad(s.capft.c, 15.0, 35.0), eir = biquad(s.eirft.c, 15.0, 35.0);
  const double need = q / (unit * cap);
  const int on = static_cast<int>(std::ceil(need));
  // EIRFPLR = PLR, so P = Q_avail·EIRFT·PLR/COP = Q·EIRFT/2.8.
  CHECK(c.chiller_w[1] == Approx(q * eir / 2.8).epsilon(1e-12));
  CHECK(on == 3);
  // Partial: the towers take the economizer's share (loop heat − chiller load) plus the
  // condenser-pump heat; make-up water flows.
  const double q_tower = c.reusable_heat_w[0] - c.chiller_load_w[0] + c.cw_pump_w[0];
  CHECK(c.heat_rejected_w[0] ==
        Approx(q_tower + c.chiller_load_w[0] + c.chiller_w[0]).epsilon(1e-12));
  CHECK(c.water_kg_s[0] > 0.0);
}

TEST_CASE("cooling: liquid plant reports free hours per loop", "[cooling][cool]") {
  // Liquid 32 °C on towers (constant approach): x = T_wb + 9.5. T_wb 5: both loops free;
  // T_wb 15: liquid loop free (24.5 ≤ 32), air loop mechanical (≥ 22.5).
  const dcload::Site site = legacy_site(
      {"cooling.technology=liquid", "cooling.tower_model=constant_approach"});
  const dcload::Weather w = synthetic_weather({5.0, 15.0});
  const Series indoor(2, 10e6), liquid(2, 9e6);
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  using dcload::detail::kFree, dcload::detail::kPartial;
  CHECK(c.mode == std::vector<double>{kFree, kPartial});
  CHECK(c.air_loop_free_hours == Approx(1.0));
  CHECK(c.liquid_loop_free_hours == Approx(2.0));
}

TEST_CASE("cooling: heat balance closes for every chiller model and condenser type",
          "[cooling][cool]") {
  const std::vector<std::vector<std::string>> designs = {
      {"cooling.chiller_model=doe2_centrifugal", "cooling.tower_model=yorkcalc"},
      {"cooling.technology=liquid", "cooling.tower_model=yorkcalc"},
      {"cooling.chiller_model=carnot"},
      {"cooling.chiller_model=carrier_30rb390", "cooling.chiller_type=air_cooled"},
      {"cooling.chiller_model=carrier_30rb390", "cooling.chiller_type=air_cooled",
       "cooling.heat_rejection=dry_cooler"},
      {"cooling.technology=liquid", "cooling.chiller_model=carrier_30rb390",
       "cooling.chiller_type=air_cooled", "cooling.heat_rejection=dry_cooler"},
      {"cooling.technology=immersion", "cooling.tower_model=constant_approach"}};
  for (const auto& d : designs) {
    dcload::Site site = legacy_site(d);
    for (auto& cl : site.clusters)
      if (site.halls[cl.hall].technology == dcload::CoolingTechnology::kLiquid) cl.liquid_fraction = 0.94;
    const dcload::RunResult r = dcload::run(site);
    INFO(d.front() << " " << d.back());
    CHECK(dcload::testing::heat_balance_violations(r, 1e-3) == 0);
    const auto& s = r.summary;
    CHECK(s.free_cooling_hours + s.partial_cooling_hours + s.mechanical_cooling_hours ==
          Approx(8760.0));
    CHECK(s.free_cooling_hours_air_loop >= s.free_cooling_hours);
  }
}

TEST_CASE("cooling: an air-cooled chiller without an air-cooled curve set is a ConfigError",
          "[cooling][cool]") {
  try {
    (void)legacy_site({"cooling.chiller_type=air_cooled"});
    FAIL("no exception");
  } catch (const dcload::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("cooling.chiller_type = \"air_cooled\": an air-cooled chiller "
                               "needs an air-cooled curve set (chiller_model = \"carrier_30rb390\")"));
  }
  try {
    (void)legacy_site({"cooling.chiller_model=carrier_30rb390"});
    FAIL("no exception");
  } catch (const dcload::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("carrier_30rb390 is an air-cooled curve set"));
  }
}

TEST_CASE("cooling: adiabatic dry coolers pre-cool above the threshold and evaporate water",
          "[cooling][cool]") {
  // Liquid 40 °C, all heat on cold plates, adiabatic coolers (threshold 25 °C, ε 0.8), dry-
  // cooler approach 5.55 K, HX approach 3 K. All steps free, so every step rejects the same heat
  // and the fans run at full speed.
  const dcload::Site site = legacy_site(
      {"cooling.technology=liquid", "cooling.heat_rejection=adiabatic",
       "cooling.facility_water_supply=40 °C"});
  // db 25.0 (at the threshold: dry), 25.01 (above it, but the dry coil already delivers
  // x = 25.01 + 8.55 = 33.56 ≤ 40 °C: no spray), 36 / wb 22: dry x = 44.55 > 40 would need
  // chillers, so the pads run: T_in = 36 − 0.8·14 = 24.8 °C, x = 33.35 ≤ 40 → free.
  const dcload::Weather w = synthetic_weather({18.0, 18.0, 22.0}, {25.0, 25.01, 36.0});
  const Series indoor(3, 10e6), liquid = indoor;
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  using dcload::detail::kFree;
  CHECK(c.mode == std::vector<double>{kFree, kFree, kFree});
  CHECK(c.water_kg_s[0] == 0.0);
  // Spray water by hand: m_air = Q/(c_p,a·5.56 K) at full speed; evaporated = m_air·c_p,a·ΔT/h_fg
  // = Q·ΔT/(5.56·2.4535e6); bleed-off 1/(CR − 1) = 1/3 more.
  const double q = c.heat_rejected_w[2];
  const double dt2 = 0.8 * (36.0 - 22.0);
  CHECK(c.water_kg_s[1] == 0.0);
  CHECK(c.water_kg_s[2] == Approx(q * dt2 / (5.56 * 2.4535e6) * (4.0 / 3.0)).epsilon(1e-9));
  // The same plant as plain dry coolers needs chillers in the hot step and no water.
  const dcload::Site dry = legacy_site(
      {"cooling.technology=liquid", "cooling.heat_rejection=dry_cooler",
       "cooling.facility_water_supply=40 °C"});
  const CoolingSeries d = dcload::testing::cool(dry, w, indoor, liquid).cooling;
  CHECK(d.mode[2] == static_cast<double>(dcload::detail::kPartial));
  CHECK(d.water_kg_s[2] == 0.0);
}

TEST_CASE("cooling: adiabatic heat balance closes over a year and WUE lies below towers'",
          "[cooling][cool]") {
  dcload::Site site = legacy_site(
      {"cooling.technology=liquid", "cooling.heat_rejection=adiabatic"});
  for (auto& cl : site.clusters) cl.liquid_fraction = 0.94;
  const dcload::RunResult r = dcload::run(site);
  CHECK(dcload::testing::heat_balance_violations(r, 1e-3) == 0);
  dcload::Site towers = legacy_site({"cooling.technology=liquid"});
  for (auto& cl : towers.clusters) cl.liquid_fraction = 0.94;
  const dcload::RunResult t = dcload::run(towers);
  CHECK(r.summary.wue_l_per_kwh > 0.0);
  CHECK(r.summary.wue_l_per_kwh < 0.5 * t.summary.wue_l_per_kwh);
}

TEST_CASE("cooling: air-side economizer modes at the temperature and humidity boundaries",
          "[cooling][cool]") {
  // Air plant, CHW 15 °C → supply air T_sa = 18 °C, return 18 + 18.9 = 36.9 °C; pads ε 0.8; A1
  // limits dew point 17 °C, RH 80 % at 18 °C → W_max = 0.010305 kg/kg at 101,325 Pa.
  // Loss-factor tower water (∝ the heat through the towers) so the tower share scales by hand.
  const std::vector<std::string> base = {"cooling.tower_model=constant_approach",
                                         "cooling.tower_water_model=loss_factor"};
  std::vector<std::string> on = base;
  on.push_back("cooling.air_economizer=true");
  const dcload::Site site = legacy_site(on), ref_site = legacy_site(base);
  // 0: 10/5 °C, colder than T_sa: outdoor air mixed with return air, free, no pads.
  // 1: 30/15.1: pads to 30 − 0.8·14.9 = 18.08 → just partial; 2: 30/14.9 → 17.92: free.
  // 3: 30/19.5: pads would reach W = 0.0133 > W_max, so dry 30 °C air: the coil trims
  //    (30 − 18)/18.9 of the load; the water side is mechanical (x = 28.3 °C) → step partial.
  // 4: 30/25: W_oa = 0.018 > W_max: no outdoor air, mechanical.
  // 5: 35/16: pads to 19.8 °C, W = 0.0098 ≤ W_max: coil trims (19.8 − 18)/18.9.
  const dcload::Weather w =
      synthetic_weather({5.0, 15.1, 14.9, 19.5, 25.0, 16.0}, {10.0, 30.0, 30.0, 30.0, 30.0, 35.0});
  const Series indoor(6, 10e6), liquid(6, 0.0);
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  const CoolingSeries r = dcload::testing::cool(ref_site, w, indoor, liquid).cooling;
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kPartial, kFree, kPartial, kMechanical, kPartial});
  CHECK(c.chiller_load_w[0] == 0.0);
  CHECK(c.chiller_load_w[2] == 0.0);
  CHECK(c.water_kg_s[0] == 0.0);  // no pads below T_sa (and no towers in use)
  // The coil load (and its pump, ∝ load) scales the no-economizer chiller load by the share.
  CHECK(c.chiller_load_w[3] == Approx(r.chiller_load_w[3] * 12.0 / 18.9).epsilon(1e-9));
  CHECK(c.chiller_load_w[4] == Approx(r.chiller_load_w[4]).epsilon(1e-12));
  CHECK(c.water_kg_s[3] > 0.0);  // towers for the coil's chillers; no pad water
  // Step 5: pad water by hand: ṁ_air = (10 MW + CRAH fan)/(1006 · 18.9), evaporated
  // ṁ_air·c_p,a·(35 − 19.8)/h_fg, × 4/3 for bleed-off; plus the towers for the coil's share.
  const double m_air = (10e6 + c.crah_fan_w[5]) / (1006.0 * 18.9);
  const double pad = m_air * 1006.0 * 0.8 * (35.0 - 16.0) / 2.4535e6 * (4.0 / 3.0);
  const double share5 = (35.0 - 0.8 * 19.0 - 18.0) / 18.9;
  const double towers5 = r.water_kg_s[5] * share5;  // water ∝ heat through the towers, nearly
  CHECK(c.water_kg_s[5] == Approx(pad + towers5).epsilon(0.01));
  CHECK(c.air_loop_free_hours == Approx(2.0));
}

TEST_CASE("cooling: air economizer closes the heat balance and adds free hours in Ulsan",
          "[cooling][cool]") {
  const dcload::RunResult a = dcload::run(
      legacy_site({"cooling.air_economizer=true", "cooling.tower_model=yorkcalc"}));
  const dcload::RunResult b = dcload::run(legacy_site({"cooling.tower_model=yorkcalc"}));
  CHECK(dcload::testing::heat_balance_violations(a, 1e-3) == 0);
  CHECK(a.summary.free_cooling_hours + a.summary.partial_cooling_hours +
            a.summary.mechanical_cooling_hours == Approx(8760.0));
  CHECK(a.summary.free_cooling_hours > b.summary.free_cooling_hours);
  CHECK(a.summary.ppue_cooling < b.summary.ppue_cooling);
  // The economizer is for the air plant only.
  try {
    (void)legacy_site({"cooling.technology=liquid", "cooling.air_economizer=true"});
    FAIL("no exception");
  } catch (const dcload::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("the air-side economizer is modelled for technology = \"air\" "
                               "or \"dx\" only (hall \"hall\" is \"liquid\")"));
  }
}

TEST_CASE("cooling: out-of-range curve hours reach the Summary and the run status",
          "[cooling][cool]") {
  const dcload::RunResult r =
      dcload::run(legacy_site({"cooling.chiller_model=doe2_centrifugal",
                                        "cooling.tower_model=constant_approach"}));
  const auto& s = r.summary;
  // 15 °C chilled water lies above the set's 10 °C limit: every hour a chiller runs counts.
  const auto ch = r.channel("chiller_power");
  double running = 0;
  for (double p : ch) running += p > 0 ? 1.0 : 0.0;
  REQUIRE(running > 0);
  CHECK(s.chiller_curve_out_of_range_hours == Approx(running));
  CHECK(s.tower_curve_out_of_range_hours == 0.0);  // constant approach: no tower curve
  char expected[160];
  std::snprintf(expected, sizeof expected,
                "performance curves outside their validity range: chiller curves %.1f h (inputs "
                "clamped to the limits)",
                running);
  CHECK(std::find(r.status.messages.begin(), r.status.messages.end(), std::string(expected)) !=
        r.status.messages.end());
  CHECK(r.status.ok());  // a finding, not a failure of the plant
}

TEST_CASE("cooling: two-phase immersion condenses on 50 °C facility water with no CDU pump",
          "[cooling][cool]") {
  // Catalog: Novec 7100 boiling at 61 °C, condenser approach 6 K, facility water 50 → 55 °C.
  // Dry coolers (approach 5.55 K) + HX 3 K: free while T_db ≤ 50 − 8.55 = 41.45 °C; mechanical
  // from T_db ≥ 55 − 8.55 = 46.45 °C.
  const dcload::Site site = legacy_site(
      {"cooling.technology=immersion_two_phase", "cooling.heat_rejection=dry_cooler"});
  CHECK(dcload::in_celsius(site.halls.at(0).facility_water_supply) == Approx(50.0));
  const dcload::Weather w = synthetic_weather({20.0, 20.0, 25.0, 25.0}, {41.45, 41.5, 46.4, 46.45});
  const Series indoor(4, 10e6), liquid = indoor;
  const CoolingSeries c = dcload::testing::cool(site, w, indoor, liquid).cooling;
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kPartial, kPartial, kMechanical});
  for (int k = 0; k < 4; ++k) CHECK(c.cdu_pump_w[k] == 0.0);
  // Facility-water pump alone: 10 MW/(ρ c_p · 5 K) · 180 kPa / 0.73.
  CHECK(c.fw_pump_w[0] == Approx(10e6 / (997.0 * 4180.0 * 5.0) * 180e3 / 0.73).epsilon(1e-12));
  CHECK(c.reusable_heat_c == Approx(55.0));
  // Annual heat balance with all IT heat on the tanks.
  const dcload::RunResult r =
      dcload::run(legacy_site({"cooling.technology=immersion_two_phase"}));
  CHECK(dcload::testing::heat_balance_violations(r, 1e-3) == 0);
  CHECK(r.summary.free_cooling_hours_liquid_loop == Approx(8760.0));
}

TEST_CASE("cooling: two-phase facility water too warm to condense the vapour is a ConfigError",
          "[cooling][cool]") {
  try {
    (void)legacy_site(
        {"cooling.technology=immersion_two_phase", "cooling.facility_water_supply=52 °C"});
    FAIL("no exception");
  } catch (const dcload::ConfigError& e) {
    // 52 + 5 = 57 °C return + 6 K = 63 °C > 61 °C.
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("facility-water return 57.0 °C + condenser approach 6.0 K = "
                               "63.0 °C is above the fluid's boiling point 61.0 °C"));
  }
}
