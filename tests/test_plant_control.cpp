// Pump and tower-fan control (engine/cooling/README.md, "Pumps and tower fans"): the pump
// part-load curves against the figures openstudio-standards' users quote for them, constant and
// variable pumps against the sized plant's design flow, and the towers holding a condenser set
// point checked by putting their result back into the YorkCalc correlation and by the mixing
// balance of the cycled speeds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cooling/chiller.hpp"
#include "cooling/components.hpp"
#include "dcload/dcload.hpp"
#include "stages.hpp"
#include "support.hpp"

namespace {

using dcload::PumpControl;
using dcload::PumpCurve;
using dcload::TowerFanControl;
using dcload::detail::Series;

dcload::testing::Plant plant(const std::vector<std::string>& overrides,
                             const std::vector<double>& wet_bulb, const std::vector<double>& load) {
  const dcload::Site site = dcload::testing::single_hall_site(overrides);
  const dcload::Weather w = dcload::testing::synthetic_weather(wet_bulb);
  return dcload::testing::cool(site, w, load, Series(load.size(), 0.0));
}

}  // namespace

TEST_CASE("pumps: part-load curves at the points their sources give", "[cooling][pumps]") {
  using dcload::detail::pump_part_load;
  // At half flow: linear 50 %; "VSD No Reset" 30.3 % (just meets ASHRAE 90.1's 30 % at 50 %
  // flow); "VSD DP Reset" 18.5 %. By hand: 0.5(0.5726 + 0.5(−0.301 + 0.5·0.7347)) = 0.3028875;
  // 0.5(0.0205 + 0.5(0.4101 + 0.5·0.5753)) = 0.1846875; riding curve 0.5(3.2485 + 0.5(−4.7443
  // + 0.5·2.5294)) = 0.75435.
  CHECK(pump_part_load(PumpCurve::kLinear, 0.5) == 0.5);
  CHECK(pump_part_load(PumpCurve::kNoReset, 0.5) == Approx(0.3028875).epsilon(1e-12));
  CHECK(pump_part_load(PumpCurve::kDpReset, 0.5) == Approx(0.1846875).epsilon(1e-12));
  CHECK(pump_part_load(PumpCurve::kRidingCurve, 0.5) == Approx(0.75435).epsilon(1e-12));
  // At design flow each cubic is within 3.4 % of design power (their coefficients' sums).
  CHECK(pump_part_load(PumpCurve::kDpReset, 1.0) == Approx(1.0059).epsilon(1e-12));
  CHECK(pump_part_load(PumpCurve::kRidingCurve, 1.0) == Approx(1.0336).epsilon(1e-12));
  // Reset saves the most at every part load; riding the curve the least.
  for (double x : {0.25, 0.5, 0.75}) {
    CHECK(pump_part_load(PumpCurve::kDpReset, x) < pump_part_load(PumpCurve::kNoReset, x));
    CHECK(pump_part_load(PumpCurve::kNoReset, x) < pump_part_load(PumpCurve::kLinear, x));
    CHECK(pump_part_load(PumpCurve::kLinear, x) < pump_part_load(PumpCurve::kRidingCurve, x));
  }
}

TEST_CASE("pumps: control against the design flow", "[cooling][pumps]") {
  using dcload::detail::controlled_pump_power_w;
  // 10 kW at design; the heat needs 4 kW worth of flow (x = 0.4).
  CHECK(controlled_pump_power_w(4e3, 10e3, PumpControl::kConstant, PumpCurve::kLinear, 0.25) == 10e3);
  CHECK(controlled_pump_power_w(4e3, 10e3, PumpControl::kVariable, PumpCurve::kLinear, 0.25) ==
        Approx(4e3).epsilon(1e-12));
  // Below the minimum flow the pumps hold it: 25 % of design flow, 25 % of the power (linear);
  // dp_reset there: 0.25(0.0205 + 0.25(0.4101 + 0.25·0.5753)) = 0.0394828.
  CHECK(controlled_pump_power_w(1e3, 10e3, PumpControl::kVariable, PumpCurve::kLinear, 0.25) ==
        Approx(2.5e3).epsilon(1e-12));
  CHECK(controlled_pump_power_w(1e3, 10e3, PumpControl::kVariable, PumpCurve::kDpReset, 0.25) ==
        Approx(10e3 * 0.25 * (0.0205 + 0.25 * (0.4101 + 0.25 * 0.5753))).epsilon(1e-12));
  // A loop that carries no heat is off, whatever its control; no design yet (sizing): as needed.
  CHECK(controlled_pump_power_w(0.0, 10e3, PumpControl::kConstant, PumpCurve::kLinear, 0.25) == 0.0);
  CHECK(controlled_pump_power_w(4e3, 0.0, PumpControl::kConstant, PumpCurve::kLinear, 0.25) == 4e3);
}

TEST_CASE("pumps: constant pumps hold design flow, variable pumps follow the heat",
          "[cooling][pumps]") {
  // Three hours at 26 °C wet-bulb (mechanical cooling: no economizer share) with the hall at
  // full, half and a tenth of its design heat; the plant is sized for the largest.
  const std::vector<double> wb = {26.0, 26.0, 26.0};
  const std::vector<double> load = {100e6, 50e6, 10e6};
  const auto var = plant({"cooling.pump_min_flow=0"}, wb, load);
  const auto mn = plant({"cooling.pump_min_flow=25 %"}, wb, load);
  const auto con = plant({"cooling.chilled_water_pump_control=constant",
                          "cooling.condenser_water_pump_control=constant"}, wb, load);
  const auto dp = plant({"cooling.pump_curve=dp_reset", "cooling.pump_min_flow=0"}, wb, load);
  const double p_des = var.cooling.chw_pump_w[0];  // design heat: the design flow
  // The design pump power from the sized plant by hand: the CRAHs' design heat at the loop's
  // ΔT, V = Q/(ρ c_p ΔT), P = V Δp/η.
  const dcload::Site site = dcload::testing::single_hall_site();
  const double q_des = var.design.halls[0].air_heat_w;
  const double by_hand = q_des / (997.0 * 4180.0 * dcload::in_si(site.halls[0].chilled_water_delta_t)) *
                         dcload::in_si(site.cooling.chilled_water_pump_head) / site.cooling.pump_efficiency;
  CHECK(p_des == Approx(by_hand).epsilon(1e-9));
  // Variable, linear, no minimum: power ∝ heat (CRAH fans ∝ room heat, so the coil load is too).
  CHECK(var.cooling.chw_pump_w[1] == Approx(0.5 * p_des).epsilon(1e-9));
  CHECK(var.cooling.chw_pump_w[2] == Approx(0.1 * p_des).epsilon(1e-9));
  // Minimum flow 25 %: a tenth of the heat still moves a quarter of the design flow.
  CHECK(mn.cooling.chw_pump_w[1] == Approx(0.5 * p_des).epsilon(1e-9));
  CHECK(mn.cooling.chw_pump_w[2] == Approx(0.25 * p_des).epsilon(1e-9));
  // Constant: design power every hour the loop carries heat.
  for (double p : con.cooling.chw_pump_w) CHECK(p == Approx(p_des).epsilon(1e-9));
  const double cw_des = var.cooling.cw_pump_w[0];
  for (double p : con.cooling.cw_pump_w) CHECK(p == Approx(cw_des).epsilon(1e-9));
  CHECK(var.cooling.cw_pump_w[2] < 0.2 * cw_des);
  // DP reset at half flow: 18.5 % of design power (its curve at 1.0 is 1.0059).
  CHECK(dp.cooling.chw_pump_w[1] == Approx(p_des * 0.1846875).epsilon(1e-9));
  CHECK(dp.cooling.chw_pump_w[0] == Approx(p_des * 1.0059).epsilon(1e-9));
  // Constant pumps put their heat into the water: more compressor work at part load.
  CHECK(con.cooling.chiller_w[2] > var.cooling.chiller_w[2]);
}

TEST_CASE("towers: fans holding a set point, put back into YorkCalc", "[cooling][tower]") {
  using dcload::detail::tower_fans_for_setpoint;
  using dcload::detail::yorkcalc_approach;
  const double lg_des = dcload::detail::yorkcalc_design_lg(25.6, 5.6, 3.89);
  const double range = 5.6, wb = 15.0;
  bool oor = false;
  const double t_full = wb + yorkcalc_approach(wb, range, lg_des, oor);
  const double t_min = wb + yorkcalc_approach(wb, range, lg_des / 0.2, oor);
  REQUIRE(t_full < t_min);
  SECTION("variable speed: the speed whose leaving water is the set point, P = s³") {
    const double target = 0.5 * (t_full + t_min);
    const auto r = tower_fans_for_setpoint(TowerFanControl::kVariable, wb, range, lg_des, 1.0,
                                           target, 0.2, 0.5, 0.16);
    CHECK(r.leaving_c == target);
    CHECK_FALSE(r.unmet);
    REQUIRE(r.air_ratio > 0.2);
    REQUIRE(r.air_ratio < 1.0);
    CHECK(wb + yorkcalc_approach(wb, range, lg_des / r.air_ratio, oor) == Approx(target).margin(1e-6));
    CHECK(r.power_ratio == Approx(std::pow(r.air_ratio, 3)).epsilon(1e-12));
  }
  SECTION("variable speed below its minimum: cycled at the minimum speed") {
    const double target = t_min + 2.0;
    const auto r = tower_fans_for_setpoint(TowerFanControl::kVariable, wb, range, lg_des, 1.0,
                                           target, 0.2, 0.5, 0.16);
    // Mixing: on a fraction φ of the time at t_min, off (water leaving as it entered, target +
    // range) the rest: φ t_min + (1 − φ)(target + range) = target.
    const double phi = r.air_ratio / 0.2;
    CHECK(phi * t_min + (1 - phi) * (target + range) == Approx(target).epsilon(1e-12));
    CHECK(r.power_ratio == Approx(phi * 0.008).epsilon(1e-12));
  }
  SECTION("single speed: on/off cycling at full speed") {
    const double target = t_full + 1.0;
    const auto r = tower_fans_for_setpoint(TowerFanControl::kSingleSpeed, wb, range, lg_des, 1.0,
                                           target, 0.2, 0.5, 0.16);
    const double phi = r.power_ratio;
    CHECK(phi == Approx(range / (range + 1.0)).epsilon(1e-12));
    CHECK(phi * t_full + (1 - phi) * (target + range) == Approx(target).epsilon(1e-12));
    CHECK(r.air_ratio == phi);
  }
  SECTION("two speed: the share of high speed that mixes to the set point") {
    const double t_low = wb + yorkcalc_approach(wb, range, lg_des / 0.5, oor);
    const double target = 0.25 * t_full + 0.75 * t_low;
    const auto r = tower_fans_for_setpoint(TowerFanControl::kTwoSpeed, wb, range, lg_des, 1.0,
                                           target, 0.2, 0.5, 0.16);
    const double h = 0.25;  // by construction
    CHECK(r.power_ratio == Approx(h + (1 - h) * 0.16).epsilon(1e-9));
    CHECK(r.air_ratio == Approx(h + (1 - h) * 0.5).epsilon(1e-9));
    // Below low speed's water: cycled at low speed.
    const auto lo = tower_fans_for_setpoint(TowerFanControl::kTwoSpeed, wb, range, lg_des, 1.0,
                                            t_low + 1.0, 0.2, 0.5, 0.16);
    CHECK(lo.power_ratio == Approx(0.16 * range / (range + 1.0)).epsilon(1e-12));
  }
  SECTION("a set point below what full speed makes: full speed, unmet") {
    for (auto ctl : {TowerFanControl::kVariable, TowerFanControl::kTwoSpeed, TowerFanControl::kSingleSpeed}) {
      const auto r = tower_fans_for_setpoint(ctl, wb, range, lg_des, 1.0, wb, 0.2, 0.5, 0.16);
      CHECK(r.leaving_c == t_full);
      CHECK(r.power_ratio == 1.0);
      CHECK(r.unmet);
    }
  }
}

TEST_CASE("towers: set-point control in a run", "[cooling][tower]") {
  // Wet-bulb + 0 (EnergyPlus's example: SetpointManager:FollowOutdoorAirTemperature, offset 0)
  // cannot be met: the fans run at full speed every hour the towers run, and the run says so.
  const dcload::RunResult follow = dcload::run(dcload::testing::single_hall_site());
  const dcload::RunResult wb0 = dcload::run(dcload::testing::single_hall_site(
      {"cooling.tower_fan_control=variable", "cooling.condenser_setpoint_approach=0 K",
       "cooling.condenser_setpoint_min=0 °C", "cooling.condenser_setpoint=45 °C"}));
  CHECK(dcload::testing::heat_balance_violations(wb0, 1e-3) == 0);
  CHECK(wb0.summary.tower_setpoint_unmet_hours == Approx(8760.0));
  CHECK(follow.summary.tower_setpoint_unmet_hours == 0.0);
  // Full-speed fans cost fan energy and buy colder water: less compressor energy.
  const auto sum = [](std::span<const double> x) {
    double s = 0;
    for (double v : x) s += v;
    return s;
  };
  CHECK(sum(wb0.channel("tower_fan_power")) > 1.5 * sum(follow.channel("tower_fan_power")));
  CHECK(sum(wb0.channel("chiller_power")) < sum(follow.channel("chiller_power")));
  bool said = false;
  for (const std::string& m : wb0.summary.status.messages)
    said = said || m.find("tower fans: variable-speed") != std::string::npos;
  CHECK(said);
  // A high fixed set point on an economizer plant still lets the towers make free-cooling
  // water: while the economizer can take more they run for it (as cold as full speed makes,
  // down to the water that frees the loop), so free cooling is not lost to the set point.
  const dcload::RunResult fixed = dcload::run(dcload::testing::single_hall_site(
      {"cooling.tower_fan_control=two_speed", "cooling.condenser_setpoint_control=fixed"}));
  CHECK(dcload::testing::heat_balance_violations(fixed, 1e-3) == 0);
  CHECK(fixed.summary.free_cooling_hours >= follow.summary.free_cooling_hours);
  // 29.44 °C is missed only in the muggiest hours (wet-bulb + full-speed approach above it).
  CHECK(fixed.summary.tower_setpoint_unmet_hours > 0.0);
  CHECK(fixed.summary.tower_setpoint_unmet_hours < 200.0);
}

TEST_CASE("towers: set-point control needs YorkCalc towers, not beside a cold source",
          "[cooling][tower]") {
  for (const std::vector<std::string>& o :
       {std::vector<std::string>{"cooling.tower_fan_control=variable", "cooling.heat_rejection=dry_cooler"},
        std::vector<std::string>{"cooling.tower_fan_control=single_speed",
                                 "cooling.tower_model=constant_approach"}}) {
    try {
      (void)dcload::testing::single_hall_site(o);
      FAIL("no error");
    } catch (const dcload::ConfigError& e) {
      CHECK(std::string(e.what()).find("cooling.tower_fan_control") != std::string::npos);
    }
  }
}

TEST_CASE("dx: the EnergyPlus curves at the rating point and by hand", "[cooling][dx]") {
  using dcload::detail::dx_capft;
  using dcload::detail::dx_eirft;
  bool clamped = false;
  // At the AHRI rating point (19.44 °C entering wet-bulb, 35 °C outdoor) both curves are 1
  // within 0.1 %: 0.766956 + 0.0107756·19.44 − 0.0000414703·19.44² + 0.00134961·35 −
  // 0.000261144·35² + 0.000457488·19.44·35 = 0.99937.
  const double cap = 0.766956 + 0.0107756 * 19.44 - 0.0000414703 * 19.44 * 19.44 + 0.00134961 * 35 -
                     0.000261144 * 35 * 35 + 0.000457488 * 19.44 * 35;
  CHECK(cap == Approx(0.99937).margin(1e-5));
  CHECK(dx_capft(19.44, 35.0, clamped) == Approx(cap).epsilon(1e-12));
  CHECK(dx_eirft(19.44, 35.0, clamped) == Approx(1.0).margin(0.0015));
  CHECK_FALSE(clamped);
  // Hotter outdoors: less capacity, more power per unit of cooling.
  CHECK(dx_capft(19.44, 45.0, clamped) < dx_capft(19.44, 35.0, clamped));
  CHECK(dx_eirft(19.44, 45.0, clamped) > dx_eirft(19.44, 35.0, clamped));
  // Outside the curves' box the inputs are clamped (EnergyPlus). Below 18 °C outdoor that is
  // routine (head-pressure control holds the condensing pressure) and not flagged; an entering
  // wet-bulb outside 12.78–23.89 °C or an outdoor above 46.11 °C is.
  CHECK(dx_capft(19.44, 5.0, clamped) == dx_capft(19.44, 18.0, clamped));
  CHECK_FALSE(clamped);
  (void)dx_capft(25.0, 30.0, clamped);
  CHECK(clamped);
  clamped = false;
  CHECK(dx_eirft(19.44, 48.0, clamped) == dx_eirft(19.44, 46.11111, clamped));
  CHECK(clamped);
}

TEST_CASE("dx: staged units, part-load fraction, by hand", "[cooling][dx]") {
  // 250 kW on 105 kW units at 16 °C wet-bulb, 30 °C outdoor, COP 3: CAPFT, EIRFT by the
  // curves; units = ceil(250 / (105 CAPFT)) = 3; PLR = 250 / (3·105·CAPFT); PLF = 0.85 +
  // 0.15 PLR; P = 3·105 kW·CAPFT·EIRFT/3·PLR/PLF.
  bool c = false;
  const double capft = dcload::detail::dx_capft(16.0, 30.0, c);
  const double eirft = dcload::detail::dx_eirft(16.0, 30.0, c);
  const auto r = dcload::detail::dx_step(250e3, 16.0, 30.0, 105e3, 3.0);
  REQUIRE(r.units == 3);
  const double plr = 250e3 / (3 * 105e3 * capft);
  CHECK(r.power_w == Approx(3 * 105e3 * capft * eirft / 3.0 * plr / (0.85 + 0.15 * plr)).epsilon(1e-12));
  CHECK(r.rated_equiv_w == Approx(250e3 / capft).epsilon(1e-12));
  // Exactly full units run at PLR 1 (RTF 1): P = Q·EIRFT/(COP·CAPFT)·CAPFT... = Q·EIRFT/COP.
  const auto full = dcload::detail::dx_step(2 * 105e3 * capft, 16.0, 30.0, 105e3, 3.0);
  CHECK(full.units == 2);
  CHECK(full.power_w == Approx(2 * 105e3 * capft * eirft / 3.0).epsilon(1e-9));
  CHECK(dcload::detail::dx_step(0.0, 16.0, 30.0, 105e3, 3.0).power_w == 0.0);
}

TEST_CASE("dx: a DX hall in a run: no chilled water, heat balance, capacity, mismatch",
          "[cooling][dx]") {
  const dcload::RunResult air = dcload::run(dcload::testing::single_hall_site());
  const dcload::RunResult dx =
      dcload::run(dcload::testing::single_hall_site({"cooling.technology=dx"}));
  CHECK(dcload::testing::heat_balance_violations(dx, 1e-6) == 0);
  double chw = 0, chiller = 0, dxp = 0, cool = 0, crah = 0, tower = 0, cwp = 0;
  for (double x : dx.channel("chw_pump_power")) chw += x;
  for (double x : dx.channel("chiller_power")) chiller += x;
  for (double x : dx.channel("dx_power")) dxp += x;
  for (double x : dx.channel("cooling_power")) cool += x;
  for (double x : dx.channel("crah_fan_power")) crah += x;
  for (double x : dx.channel("tower_fan_power")) tower += x;
  for (double x : dx.channel("cw_pump_power")) cwp += x;
  CHECK(chw == 0.0);
  CHECK(chiller == 0.0);
  CHECK(tower == 0.0);
  CHECK(cwp == 0.0);
  CHECK(dxp > 0.0);
  CHECK(cool == Approx(dxp + crah).epsilon(1e-9));  // DX + their fans: the whole cooling power
  // The units' annual COP, coil heat / their work (the coil heat: all heat rejected less the
  // work). Bounds by hand: at best EIRFT(17.05 °C, 18 °C) = 0.7845 at full load, COP
  // 3/0.7845 = 3.824 (17.05 °C: the wet-bulb of 28 °C return air at a 10 °C dew point, ASHRAE
  // HoF eq. 33 solved by hand); at worst the hottest hour with the part-load fraction's 15 %
  // penalty, above 2.5.
  double rejected = 0;
  for (double x : dx.channel("heat_rejected")) rejected += x;
  const double cop = (rejected - dxp) / dxp;
  CHECK(cop > 2.5);
  CHECK(cop < 3.83);
  const auto& s = dx.summary;
  CHECK(s.mechanical_cooling_hours == Approx(8760.0));
  CHECK(s.free_cooling_hours == 0.0);
  CHECK(s.pue_annual > air.summary.pue_annual);
  // Ulsan stays inside the box (17.05 °C entering; never above 46 °C; its winter below 18 °C
  // is the routine low-ambient hold).
  CHECK(s.dx_curve_out_of_range_hours == 0.0);
  bool plant_row = false;
  for (const auto& c : s.plant)
    if (c.name == "dx_units") plant_row = c.installed > 0 && c.hours_over == 0.0;
  CHECK(plant_row);
  // Liquid-cooled racks cannot stand in a DX hall.
  CHECK_THROWS_AS(dcload::testing::single_hall_site({"cooling.technology=dx",
                                                      "cluster[0].liquid_fraction=50 %"}),
                  dcload::ConfigError);
}

TEST_CASE("towers: two-speed fans never cost more than single-speed; no savings past L/G 8",
          "[cooling][tower]") {
  using dcload::detail::tower_fans_for_setpoint;
  using dcload::detail::yorkcalc_approach;
  const double lg_des = dcload::detail::yorkcalc_design_lg(25.6, 5.6, 3.89);
  bool oor = false;
  // A cold hour (−1.6 °C wet-bulb): half air flow leaves the water far warmer than full speed,
  // so mixing high and low would cost more than cycling high and off.
  for (double wb : {-1.6, 5.0, 15.0, 22.0}) {
    const double t_full = wb + yorkcalc_approach(wb, 5.6, lg_des, oor);
    for (double above : {0.2, 1.0, 3.0, 8.0}) {
      const double target = t_full + above;
      const auto two = tower_fans_for_setpoint(TowerFanControl::kTwoSpeed, wb, 5.6, lg_des, 1.0,
                                               target, 0.2, 0.5, 0.16);
      const auto one = tower_fans_for_setpoint(TowerFanControl::kSingleSpeed, wb, 5.6, lg_des,
                                               1.0, target, 0.2, 0.5, 0.16);
      const auto var = tower_fans_for_setpoint(TowerFanControl::kVariable, wb, 5.6, lg_des, 1.0,
                                               target, 0.2, 0.5, 0.16);
      INFO("wb " << wb << " target " << target);
      CHECK(two.power_ratio <= one.power_ratio * (1 + 1e-12));
      CHECK(var.power_ratio <= one.power_ratio * (1 + 1e-12));
    }
  }
  // A minimum speed below L/G = 8 is held there: 1 % and the floor give the same fans.
  const double floor = lg_des / 8.0;
  const double wb = 5.0;
  const double t_floor = wb + yorkcalc_approach(wb, 5.6, lg_des / floor, oor);
  const auto tiny = tower_fans_for_setpoint(TowerFanControl::kVariable, wb, 5.6, lg_des, 1.0,
                                            t_floor + 2.0, 0.01, 0.5, 0.16);
  const auto at_floor = tower_fans_for_setpoint(TowerFanControl::kVariable, wb, 5.6, lg_des, 1.0,
                                                t_floor + 2.0, floor, 0.5, 0.16);
  CHECK(tiny.power_ratio == Approx(at_floor.power_ratio).epsilon(1e-12));
  CHECK_FALSE(tiny.out_of_range);
  // Cycled at the floor: φ = range / (range + 2 K), power φ·floor³.
  CHECK(tiny.power_ratio == Approx(5.6 / 7.6 * floor * floor * floor).epsilon(1e-9));
}

TEST_CASE("plants as run: inputs the model cannot honour are said", "[cooling][dx]") {
  // A DX room whose dew point reaches its supply air would condense on the coils.
  try {
    (void)dcload::testing::single_hall_site(
        {"cooling.technology=dx", "cooling.dx_room_dew_point=20 °C", "cooling.dx_supply_air=18 °C"});
    FAIL("no error");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()).find("cooling.dx_room_dew_point") != std::string::npos);
  }
  // A supply air outside the key's 10–35 °C range is an input error naming the key.
  try {
    (void)dcload::testing::single_hall_site({"cooling.technology=dx", "cooling.dx_supply_air=50 °C"});
    FAIL("no error");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()).find("cooling.dx_supply_air") != std::string::npos);
  }
  // Set-point keys with follow_load fans, DX keys without a DX hall: named as having no effect.
  const dcload::RunResult r = dcload::run(dcload::testing::single_hall_site(
      {"cooling.condenser_setpoint=25 °C", "cooling.dx_cop=4"}));
  bool said = false;
  for (const std::string& m : r.summary.status.messages)
    said = said || (m.find("no effect") != std::string::npos &&
                    m.find("cooling.condenser_setpoint") != std::string::npos &&
                    m.find("cooling.dx_cop") != std::string::npos);
  CHECK(said);
  // The DP-reset curve saves on the chilled-water pumps, not on the condenser pumps (an open
  // tower loop's head is static lift).
  const dcload::RunResult lin = dcload::run(dcload::testing::single_hall_site());
  const dcload::RunResult dp =
      dcload::run(dcload::testing::single_hall_site({"cooling.pump_curve=dp_reset"}));
  double cw_lin = 0, cw_dp = 0;
  for (double x : lin.channel("cw_pump_power")) cw_lin += x;
  for (double x : dp.channel("cw_pump_power")) cw_dp += x;
  CHECK(cw_dp == Approx(cw_lin).epsilon(2e-3));  // only through the plant's slightly different heat
}
