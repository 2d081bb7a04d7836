// Cooling plant: chiller curves against their published points, economizer mode boundaries
// from hand-computed thresholds for each technology and heat rejection, pump and fan figures by
// hand, the heat balance of every step for every design, water only with towers, and plant
// sizing at the ASHRAE 0.4 % condition with shortfall hours reported in the run status.
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

using dcload::testing::synthetic_weather;

dcload::Site site_with(const std::vector<std::string>& overrides) {
  return dcload::testing::single_hall_site(overrides);
}

// Water ρ c_p of the plant model (ASHRAE HoF 2017 ch. 33, water at 25 °C).
constexpr double kRhoCp = 997.0 * 4180.0;

// The plant sized for a constant design heat (indoor W, of it on liquid W) in the site's one
// hall, then the cooling stage over the weather's steps with those loads.
struct Plant {
  dcload::detail::PlantDesign design;
  CoolingSeries cooling;
};
Plant cool(const dcload::Site& site, const dcload::Weather& w, double indoor_w, double liquid_w) {
  const auto p = dcload::testing::cool(site, w, Series(w.size(), indoor_w), Series(w.size(), liquid_w));
  return {p.design, p.cooling};
}

}  // namespace

TEST_CASE("cooling: Lei & Masanet chiller COP reproduces its published points", "[cooling]") {
  // Published checks of the regression: COP 5.8 at full load, 30 °C condenser water; 8.2 at 20 °C.
  CHECK(dcload::detail::chiller_cop_lm(30.0, 1.0) == Approx(5.8).margin(0.05));
  CHECK(dcload::detail::chiller_cop_lm(20.0, 1.0) == Approx(8.2).margin(0.05));
  // By hand at t = 25, L = 0.5: 16.798751 + 0.00884·625 − 8.528931·0.25 + 9.885294·0.5
  //   − 0.760621·25 + 0.084615·0.5·25 = 11.56 (to 2 decimals)
  const double hand = 16.798751 + 0.00884 * 625 - 8.528931 * 0.25 + 9.885294 * 0.5 -
                      0.760621 * 25 + 0.084615 * 0.5 * 25;
  CHECK(dcload::detail::chiller_cop_lm(25.0, 0.5) == Approx(hand).epsilon(1e-12));
  // Within its sampled range (15.6–35 °C, load ≥ 0.2): outside, t is clamped and flagged;
  // below 0.2 the unit cycles at the 0.2 point.
  bool oor = false, low = false;
  CHECK(dcload::detail::chiller_power_lm(1e6, 40.0, 1.0, oor, low) ==
        Approx(1e6 / dcload::detail::chiller_cop_lm(35.0, 1.0)).epsilon(1e-12));
  CHECK(oor);
  CHECK_FALSE(low);
  oor = false;
  CHECK(dcload::detail::chiller_power_lm(1e5, 25.0, 0.05, oor, low) ==
        Approx(1e5 / dcload::detail::chiller_cop_lm(25.0, 0.2)).epsilon(1e-12));
  CHECK(low);
  CHECK_FALSE(oor);
}

TEST_CASE("cooling: DOE-2 EIRFPLR is 1 at full load and matches its derived points",
          "[cooling]") {
  CHECK(dcload::detail::chiller_eirfplr(1.0) == Approx(1.0).margin(1e-6));
  // By hand from 0.222903 + 0.313387·p + 0.46371·p²: 0.33 / 0.50 / 0.72 at 0.25 / 0.5 / 0.75.
  CHECK(dcload::detail::chiller_eirfplr(0.25) == Approx(0.33).margin(0.005));
  CHECK(dcload::detail::chiller_eirfplr(0.50) == Approx(0.50).margin(0.005));
  CHECK(dcload::detail::chiller_eirfplr(0.75) == Approx(0.72).margin(0.005));
}

TEST_CASE("cooling: the Carnot fraction falls with lift as the EnergyPlus centrifugal library does",
          "[cooling]") {
  using dcload::detail::carnot_fraction;
  // Median η of the 119 centrifugal EIR sets by lift bin (chiller.hpp, the fit's data): the fit
  // stays within its rmse 0.052 of each bin's median at the bin centre.
  const double centre[] = {7.5, 12.5, 17.5, 22.5, 27.5};
  const double median[] = {0.29, 0.39, 0.47, 0.54, 0.60};
  for (int i = 0; i < 5; ++i) CHECK(carnot_fraction(centre[i]) == Approx(median[i]).margin(0.052));
  // AHRI 550/590: 6.67 °C leaving chilled water, 35.0 °C leaving condenser: lift 28.33 K,
  // COP = η·279.82/28.33 — within 2 % of the York YT record's 5.96.
  const double cop = dcload::detail::chiller_cop_carnot_full(6.67, 35.0);
  CHECK(cop == Approx(0.715 * (1 - std::exp(-28.33 / 16.0)) * 279.82 / 28.33).epsilon(1e-9));
  CHECK(cop == Approx(5.96).epsilon(0.02));
  // Warm water, 20 °C chilled / 32 °C condenser leaving: lift 12 K → COP 9.2 (not the 14.7 a
  // constant η of the AHRI point would give).
  CHECK(dcload::detail::chiller_cop_carnot_full(20.0, 32.0) == Approx(9.2).margin(0.05));
  // Lift below 5 K is held at 5 K.
  CHECK(dcload::detail::chiller_cop_carnot_full(32.0, 33.0) ==
        Approx(carnot_fraction(5.0) * 305.15 / 5.0).epsilon(1e-12));
}

TEST_CASE("cooling: Carnot chillers at part load: DOE-2 curve, false loading, cycling",
          "[cooling]") {
  using dcload::detail::chiller_power_carnot;
  const double cop = dcload::detail::chiller_cop_carnot_full(20.0, 32.0);
  bool low = false;
  // PLR 0.5: P = (Q/0.5)·EIRFPLR(0.5)/COP.
  const double eir = 0.222903 + 0.313387 * 0.5 + 0.46371 * 0.25;
  CHECK(chiller_power_carnot(1e6, 20.0, 32.0, 0.5, low) == Approx(2e6 * eir / cop).epsilon(1e-12));
  CHECK_FALSE(low);
  // PLR 0.15: below the 0.2 unloading limit, power as at 0.2 for the capacity running.
  const double eir02 = 0.222903 + 0.313387 * 0.2 + 0.46371 * 0.04;
  CHECK(chiller_power_carnot(1e6, 20.0, 32.0, 0.15, low) ==
        Approx(1e6 / 0.15 * eir02 / cop).epsilon(1e-12));
  CHECK(low);
  // PLR 0.05: cycling, on for 0.05/0.1 of the time.
  CHECK(chiller_power_carnot(1e6, 20.0, 32.0, 0.05, low) ==
        Approx(1e6 / 0.05 * eir02 * 0.5 / cop).epsilon(1e-12));
}

TEST_CASE("cooling: economizer share and mode at each boundary", "[cooling]") {
  int mode = -1;
  using dcload::detail::economizer_chiller_share;
  CHECK(economizer_chiller_share(15.0, 15.0, 22.5, mode) == 0.0);
  CHECK(mode == dcload::detail::kFree);
  CHECK(economizer_chiller_share(15.0 + 1e-9, 15.0, 22.5, mode) == Approx(1e-9 / 7.5));
  CHECK(mode == dcload::detail::kPartial);
  CHECK(economizer_chiller_share(18.75, 15.0, 22.5, mode) == Approx(0.5).epsilon(1e-12));
  CHECK(mode == dcload::detail::kPartial);
  CHECK(economizer_chiller_share(22.5, 15.0, 22.5, mode) == 1.0);
  CHECK(mode == dcload::detail::kMechanical);
}

TEST_CASE("cooling: air plant with towers switches modes at the hand-computed wet-bulbs",
          "[cooling]") {
  // Defaults (cooling.toml, air): CHW 20 → 28 °C, tower approach 6.5 K, HX approach 2.3 K.
  // Free while T_wb ≤ 20 − 8.8 = 11.2 °C; mechanical from T_wb ≥ 28 − 8.8 = 19.2 °C.
  // (Constant approach here; the YorkCalc boundaries are tested in test_chiller.cpp.)
  const dcload::Site site =
      site_with({"cooling.tower_model=constant_approach", "cooling.chilled_water_supply=20 °C"});
  const dcload::Weather w = synthetic_weather({11.2, 11.3, 15.0, 19.1, 19.2, 24.0});
  const CoolingSeries c = cool(site, w, 10e6, 0.0).cooling;
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kPartial, kPartial, kPartial, kMechanical, kMechanical});
  // Chiller share at T_wb = 15: x = 23.8 °C, share = 3.8/8; the mechanical step carries the
  // same chilled-water load in full (same pressure, same room heat).
  CHECK(c.chiller_load_w[2] == Approx(c.chiller_load_w[5] * 3.8 / 8.0).epsilon(1e-12));
  CHECK(c.chiller_load_w[0] == 0.0);
  CHECK(c.chiller_w[0] == 0.0);
  // No liquid loop in an air hall.
  for (int k = 0; k < 6; ++k) {
    CHECK(c.cdu_pump_w[k] == 0.0);
    CHECK(c.fw_pump_w[k] == 0.0);
  }
}

TEST_CASE("cooling: liquid loop on dry coolers switches modes at the hand-computed dry-bulbs",
          "[cooling]") {
  // Liquid at 40 °C facility water (ΔT 15 K), dry-cooler approach 8 K, HX approach 3 K:
  // free while T_db ≤ 40 − 11 = 29 °C; mechanical from T_db ≥ 55 − 11 = 44 °C.
  const dcload::Site site = site_with({"cooling.technology=liquid",
                                       "cooling.heat_rejection=dry_cooler",
                                       "cooling.facility_water_supply=40 °C"});
  const std::vector<double> db{20.0, 29.0, 29.1, 43.9, 44.0, 46.0};
  const dcload::Weather w = synthetic_weather(std::vector<double>(6, 15.0), db);
  // All heat on cold plates: the mode is the liquid loop's.
  const Plant p = cool(site, w, 10e6, 10e6);
  const CoolingSeries& c = p.cooling;
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kFree, kPartial, kPartial, kMechanical, kMechanical});
  for (int k = 0; k < 6; ++k) {
    CHECK(c.water_kg_s[k] == 0.0);   // dry coolers evaporate nothing
    CHECK(c.crah_fan_w[k] == 0.0);   // no room heat left for CRAHs
  }
  // CDU pump by hand: V = Q/(ρ c_p ΔT_cdu), P = V·Δp/η = 10 MW/(997·4180·15.2)·586 kPa/0.73.
  const double p_cdu = 10e6 / (kRhoCp * 15.2) * 586e3 / 0.73;
  CHECK(c.cdu_pump_w[0] == Approx(p_cdu).epsilon(1e-12));
  // Facility-water pump carries CDU heat too: (Q + P_cdu)/(ρ c_p · 15 K) · 180 kPa / 0.73.
  const double p_fw = (10e6 + p_cdu) / (kRhoCp * 15.0) * 180e3 / 0.73;
  CHECK(c.fw_pump_w[0] == Approx(p_fw).epsilon(1e-12));
  // No design conditions beyond the synthetic 0.4 % values and no extremes: the dry coolers are
  // sized at the year's hottest hour (46 °C, the last step). Fans: 4.015 % of the design heat
  // (BAC Trillium record), by the affinity law at the step's share of it.
  CHECK(p.design.db_state_db_c == Approx(46.0));
  CHECK(p.design.fan_design_w == Approx(0.04015 * p.design.rejection_w).epsilon(1e-12));
  for (int k = 0; k < 6; ++k) {
    const double f = std::max(c.heat_rejected_w[k] / p.design.rejection_w, 0.2);
    CHECK(c.tower_fan_w[k] == Approx(p.design.fan_design_w * f * f * f).epsilon(1e-12));
  }
  // Reusable heat leaves at the facility-water return, 55 °C.
  CHECK(c.reusable_heat_c == Approx(55.0));
}

TEST_CASE("cooling: chillers sized on the 0.4 % basis; hotter hours exceed the plant",
          "[cooling]") {
  // Liquid 32 °C on towers (constant 6.5 K approach), design wet-bulb 26 °C: x = 26 + 6.5 + 3 =
  // 35.5 °C, so the chillers carry (35.5 − 32)/15 of the facility-water load at design. 20 MW on
  // cold plates on 5.275 MW units, no spare.
  const dcload::Site site =
      site_with({"cooling.technology=liquid", "cooling.chiller_spares=0",
                 "cooling.tower_model=constant_approach", "cooling.design_basis=ashrae_0.4"});
  const dcload::Weather w = synthetic_weather({20.0, 26.0, 29.0, 31.0});
  const Plant p = cool(site, w, 20e6, 20e6);
  const double p_cdu = 20e6 / (kRhoCp * 15.2) * 586e3 / 0.73;
  const double q_fw = 20e6 + p_cdu + (20e6 + p_cdu) / (kRhoCp * 15.0) * 180e3 / 0.73;
  CHECK(p.design.chiller_design_load_w == Approx(3.5 / 15.0 * q_fw).epsilon(1e-12));
  CHECK(p.design.chillers_installed == 1);
  // T_wb 29: x = 38.5, share 6.5/15 → 8.8 MW > 5.275 MW; T_wb 31: share 8.5/15 → 11.5 MW.
  CHECK(p.cooling.chiller_load_w[2] == Approx(6.5 / 15.0 * q_fw).epsilon(1e-12));
  const size_t ci = static_cast<size_t>(p.design.chiller_component);
  CHECK(p.cooling.component_hours_over[ci] == Approx(2.0));
  CHECK(p.cooling.redundancy_lost_hours == Approx(2.0));
  CHECK(p.cooling.component_max_w[ci] == Approx(8.5 / 15.0 * q_fw).epsilon(1e-12));
}

TEST_CASE("cooling: without design conditions the plant is sized to the year's worst hour",
          "[cooling]") {
  const dcload::Site site = site_with({"cooling.chiller_spares=1"});
  dcload::Weather w = synthetic_weather({5.0, 10.0, 22.0});
  w.design = {};  // none
  const Plant p = cool(site, w, 10e6, 0.0);
  CHECK(p.design.chiller_design_load_w == Approx(p.cooling.chiller_load_w[2]).epsilon(1e-12));
  // 10 MW + fans and pumps on 5.275 MW units: ceil(≈ 10.4 / 5.275) = 2 duty + 1 spare.
  CHECK(p.design.chillers_installed == 2 + 1);
  CHECK(p.cooling.component_hours_over[static_cast<size_t>(p.design.chiller_component)] == 0.0);
  REQUIRE_FALSE(p.design.notes.empty());
  CHECK(p.design.notes[0].find("no design conditions") != std::string::npos);
}

TEST_CASE("cooling: heat rejected outdoors closes the balance every step, every design",
          "[cooling]") {
  // rejected = indoor heat (IT + PDU + UPS + lighting) + CRAH fans + CHW, CDU and facility-water
  // pumps + compressors + condenser pumps; heat-rejection fan heat leaves with the exhaust air.
  for (const char* tech : {"air", "liquid", "immersion"}) {
    for (const char* rej : {"tower", "dry_cooler"}) {
      std::vector<std::string> o = {std::string("cooling.technology=") + tech,
                                    std::string("cooling.heat_rejection=") + rej};
      // A GB300-class share on cold plates in the liquid hall (catalog: 0.91).
      if (std::string(tech) == "liquid") o.push_back("cluster[0].liquid_fraction=91 %");
      const dcload::RunResult r = dcload::run(site_with(o));
      INFO(tech << " + " << rej);
      CHECK(dcload::testing::heat_balance_violations(r, 1e-3) == 0);
      const auto& s = r.summary;
      CHECK(s.free_cooling_hours + s.partial_cooling_hours + s.mechanical_cooling_hours ==
            Approx(8760.0));
      CHECK(s.ppue_cooling ==
            Approx(1.0 + dcload::in_si(s.cooling_energy) / dcload::in_si(s.it_energy)));
      if (std::string(rej) == "dry_cooler") CHECK(dcload::in_si(s.water) == 0.0);
      else CHECK(dcload::in_si(s.water) > 0.0);
    }
  }
}

TEST_CASE("cooling: shortfall hours become the run status, not an exception", "[cooling]") {
  // Constant tower approach: YorkCalc would add a curve-validity message for the hottest hours.
  dcload::Site site = site_with({"cooling.technology=immersion", "cooling.chiller_spares=0",
                                 "cooling.facility_water_supply=32 °C",
                                 "cooling.tower_model=constant_approach",
                                 "cooling.design_basis=ashrae_0.4"});
  dcload::Weather w = dcload::load_weather("builtin:ulsan");
  w.design.wb_004_c = 20.0;  // pretend a mild design wet-bulb: the plant is sized too small
  w.design.mcdb_wb004_c = 24.0;
  const dcload::RunResult r = dcload::run(site, w);
  const auto& s = r.summary;
  REQUIRE(s.cooling_shortfall_hours > 0);
  // Identity: the hours whose chiller load exceeds the installed capacity (Carnot chillers are
  // rated at their capacity at every condition).
  const auto load = r.channel("chiller_load");
  double hours = 0;
  for (double q : load) hours += q > dcload::in_si(s.chiller_capacity) * (1 + 1e-12) ? 1.0 : 0.0;
  const auto chillers = std::find_if(s.plant.begin(), s.plant.end(),
                                     [](const dcload::ComponentResult& c) { return c.name == "chillers"; });
  REQUIRE(chillers != s.plant.end());
  CHECK(chillers->hours_over == Approx(hours));
  CHECK(s.cooling_shortfall_hours >= hours);
  CHECK(r.status.name() == "cooling_shortfall");
  char expected[320];
  std::snprintf(expected, sizeof expected,
                "chillers: the load exceeded the %d installed (%.1f MW, sized for %.1f MW on the "
                "ashrae_0.4 basis) for %.2f h, largest load %.1f MW",
                chillers->installed, dcload::in_si(chillers->installed_capacity) / 1e6,
                dcload::in_si(chillers->design_load) / 1e6, hours,
                dcload::in_si(chillers->max_load) / 1e6);
  CHECK(std::find(r.status.messages.begin(), r.status.messages.end(), std::string(expected)) !=
        r.status.messages.end());
}

TEST_CASE("cooling: heat reuse sets ERE and ERF from the reusable heat", "[cooling]") {
  dcload::Site site = site_with({"cooling.technology=immersion", "cooling.heat_reuse_fraction=50 %"});
  const dcload::RunResult r = dcload::run(site);
  const auto& s = r.summary;
  const double reused = 0.5 * dcload::in_si(s.reusable_heat);
  CHECK(s.ere == Approx((dcload::in_si(s.facility_energy) - reused) / dcload::in_si(s.it_energy)));
  CHECK(s.erf == Approx(reused / dcload::in_si(s.facility_energy)));
  CHECK(dcload::in_celsius(s.reusable_heat_temperature) == Approx(55.0));  // 40 + 15 K
  CHECK(s.ere < s.pue_annual);
}

TEST_CASE("cooling: unknown technology is a ConfigError naming the choices", "[cooling]") {
  try {
    (void)dcload::testing::single_hall_site({"cooling.technology=evaporative"});
    FAIL("no exception");
  } catch (const dcload::ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "--set cooling.technology=evaporative: cooling.technology = \"evaporative\": "
          "expected one of air, liquid, immersion, immersion_two_phase");
  }
}
