// Cooling plant: chiller curves against their published points, economizer mode boundaries
// from hand-computed thresholds for each technology and heat rejection, pump and fan figures by
// hand, the heat balance of every step for every design, water only with towers, and plant
// sizing at the ASHRAE 0.4 % condition with shortfall hours reported in the run status.
#include <catch2/catch.hpp>

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

}  // namespace

TEST_CASE("cooling: Lei & Masanet chiller COP reproduces its published points", "[cooling]") {
  // datacenter-models.md b.7: COP 5.8 at full load, 30 °C condenser water; 8.2 at 20 °C.
  CHECK(dcload::detail::chiller_cop_lm(30.0, 1.0) == Approx(5.8).margin(0.05));
  CHECK(dcload::detail::chiller_cop_lm(20.0, 1.0) == Approx(8.2).margin(0.05));
  // By hand at t = 25, L = 0.5: 16.798751 + 0.00884·625 − 8.528931·0.25 + 9.885294·0.5
  //   − 0.760621·25 + 0.084615·0.5·25 = 11.56 (to 2 decimals)
  const double hand = 16.798751 + 0.00884 * 625 - 8.528931 * 0.25 + 9.885294 * 0.5 -
                      0.760621 * 25 + 0.084615 * 0.5 * 25;
  CHECK(dcload::detail::chiller_cop_lm(25.0, 0.5) == Approx(hand).epsilon(1e-12));
}

TEST_CASE("cooling: DOE-2 EIRFPLR is 1 at full load and matches its derived points",
          "[cooling]") {
  CHECK(dcload::detail::chiller_eirfplr(1.0) == Approx(1.0).margin(1e-6));
  // datacenter-models.md b.2 (derived): 0.33 / 0.50 / 0.72 at PLR 0.25 / 0.5 / 0.75.
  CHECK(dcload::detail::chiller_eirfplr(0.25) == Approx(0.33).margin(0.005));
  CHECK(dcload::detail::chiller_eirfplr(0.50) == Approx(0.50).margin(0.005));
  CHECK(dcload::detail::chiller_eirfplr(0.75) == Approx(0.72).margin(0.005));
}

TEST_CASE("cooling: Carnot-fraction chiller gives the York YT rating at the AHRI point",
          "[cooling]") {
  // York YT 1,055 kW, COP 5.96 at 6.67 °C leaving chilled water, 35.0 °C leaving condenser.
  CHECK(dcload::detail::chiller_cop_carnot(6.67, 35.0, 1.0) == Approx(5.96).epsilon(1e-3));
  // Warm facility water (32 °C trim, condenser leaving 40 °C): lift 8 K,
  // COP = 0.6034 · 305.15 / 8 = 23.02.
  CHECK(dcload::detail::chiller_cop_carnot(32.0, 40.0, 1.0) ==
        Approx(0.6034 * 305.15 / 8.0).epsilon(1e-12));
  // Lift below 5 K is held at 5 K; part load by EIRFPLR: COP·plr/EIRFPLR(plr).
  CHECK(dcload::detail::chiller_cop_carnot(32.0, 33.0, 1.0) ==
        Approx(0.6034 * 305.15 / 5.0).epsilon(1e-12));
  const double plr = 0.5, eir = 0.222903 + 0.313387 * 0.5 + 0.46371 * 0.25;
  CHECK(dcload::detail::chiller_cop_carnot(6.67, 35.0, plr) ==
        Approx(0.6034 * 279.82 / 28.33 * plr / eir).epsilon(1e-12));
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
  // Defaults (cooling.toml, air): CHW 15 → 22.5 °C, tower approach 6.5 K, HX approach 2.3 K.
  // Free while T_wb ≤ 15 − 8.8 = 6.2 °C; mechanical from T_wb ≥ 22.5 − 8.8 = 13.7 °C.
  // (Constant approach here; the YorkCalc boundaries are tested in test_chiller.cpp.)
  const dcload::Site site = site_with({"cooling.tower_model=constant_approach"});
  const dcload::Weather w = synthetic_weather({6.2, 6.3, 10.0, 13.6, 13.7, 20.0});
  const Series indoor(6, 10e6), liquid(6, 0.0);
  const CoolingSeries c = dcload::detail::compute_cooling(site, w, indoor, liquid);
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kPartial, kPartial, kPartial, kMechanical, kMechanical});
  // Chiller share at T_wb = 10: x = 18.8 °C, share = 3.8/7.5; the mechanical step carries the
  // same chilled-water load in full (same pressure, same room heat).
  CHECK(c.chiller_load_w[2] == Approx(c.chiller_load_w[5] * 3.8 / 7.5).epsilon(1e-12));
  CHECK(c.chiller_load_w[0] == 0.0);
  CHECK(c.chiller_w[0] == 0.0);
  // No liquid loop in an air plant.
  for (int k = 0; k < 6; ++k) {
    CHECK(c.cdu_pump_w[k] == 0.0);
    CHECK(c.fw_pump_w[k] == 0.0);
  }
}

TEST_CASE("cooling: liquid loop on dry coolers switches modes at the hand-computed dry-bulbs",
          "[cooling]") {
  // Liquid at 40 °C facility water (ΔT 5 K), dry-cooler approach 5.55 K, HX approach 3 K:
  // free while T_db ≤ 40 − 8.55 = 31.45 °C; mechanical from T_db ≥ 45 − 8.55 = 36.45 °C.
  const dcload::Site site = site_with({"cooling.technology=liquid",
                                       "cooling.heat_rejection=dry_cooler",
                                       "cooling.facility_water_supply=40 °C"});
  const std::vector<double> db{20.0, 31.45, 31.5, 36.4, 36.45, 38.0};
  const dcload::Weather w = synthetic_weather(std::vector<double>(6, 15.0), db);
  const Series indoor(6, 10e6);
  const Series liquid = indoor;  // all heat on cold plates: the mode is the liquid loop's
  const CoolingSeries c = dcload::detail::compute_cooling(site, w, indoor, liquid);
  using dcload::detail::kFree, dcload::detail::kPartial, dcload::detail::kMechanical;
  CHECK(c.mode == std::vector<double>{kFree, kFree, kPartial, kPartial, kMechanical, kMechanical});
  for (int k = 0; k < 6; ++k) {
    CHECK(c.water_kg_s[k] == 0.0);   // dry coolers evaporate nothing
    CHECK(c.crah_fan_w[k] == 0.0);   // no room heat left for CRAHs
  }
  // CDU pump by hand: V = Q/(ρ c_p ΔT_cdu), P = V·Δp/η = 10 MW/(997·4180·15.2)·586 kPa/0.73.
  const double p_cdu = 10e6 / (kRhoCp * 15.2) * 586e3 / 0.73;
  CHECK(c.cdu_pump_w[0] == Approx(p_cdu).epsilon(1e-12));
  // Facility-water pump carries CDU heat too: (Q + P_cdu)/(ρ c_p · 5 K) · 180 kPa / 0.73.
  const double p_fw = (10e6 + p_cdu) / (kRhoCp * 5.0) * 180e3 / 0.73;
  CHECK(c.fw_pump_w[0] == Approx(p_fw).epsilon(1e-12));
  // Dry-cooler fans at the largest heat rejection: 4.015 % of it (BAC Trillium record).
  double q_max = 0, fan_at_max = 0;
  for (int k = 0; k < 6; ++k)
    if (c.heat_rejected_w[k] > q_max) q_max = c.heat_rejected_w[k], fan_at_max = c.tower_fan_w[k];
  CHECK(fan_at_max == Approx(0.04015 * q_max).epsilon(1e-12));
  // Reusable heat leaves at the facility-water return, 45 °C.
  CHECK(c.reusable_heat_c == Approx(45.0));
}

TEST_CASE("cooling: plant sized at the 0.4 % condition; hotter hours fall short", "[cooling]") {
  // Liquid 32 °C on towers, design wet-bulb 26 °C: x = 26 + 6.5 + 3 = 35.5 °C, so the chillers
  // carry (35.5 − 32)/5 = 0.7 of the facility-water load at design. 4 MW of IT on cold plates
  // with one 3.517 MW unit size and no spare: design load ≈ 2.8 MW → 1 unit installed.
  const dcload::Site site = site_with({"cooling.technology=liquid", "cooling.chiller_spares=0",
                                       "cooling.tower_model=constant_approach"});
  const dcload::Weather w = synthetic_weather({20.0, 26.0, 27.0, 28.0});
  const Series indoor(4, 4e6), liquid(4, 4e6);
  const CoolingSeries c = dcload::detail::compute_cooling(site, w, indoor, liquid);
  const double p_cdu = 4e6 / (kRhoCp * 15.2) * 586e3 / 0.73;
  const double q_fw = 4e6 + p_cdu + (4e6 + p_cdu) / (kRhoCp * 5.0) * 180e3 / 0.73;
  CHECK(c.chiller_design_load_w == Approx(0.7 * q_fw).epsilon(1e-12));
  CHECK(c.chillers_installed == 1);
  // T_wb 27: share 0.9 → 3.64 MW > 3.517 MW; T_wb 28 (x = 37.5): mechanical, 4.05 MW.
  CHECK(c.chiller_load_w[2] == Approx(0.9 * q_fw).epsilon(1e-12));
  CHECK(c.shortfall_hours == Approx(2.0));
  CHECK(c.redundancy_lost_hours == Approx(2.0));
}

TEST_CASE("cooling: without design conditions the plant is sized to the run's peak",
          "[cooling]") {
  const dcload::Site site = site_with({"cooling.chiller_spares=1"});
  dcload::Weather w = synthetic_weather({5.0, 10.0, 20.0});
  w.design = {};  // none
  const Series indoor(3, 10e6), liquid(3, 0.0);
  const CoolingSeries c = dcload::detail::compute_cooling(site, w, indoor, liquid);
  CHECK(c.chiller_design_load_w == Approx(c.chiller_load_w[2]).epsilon(1e-12));
  // 10 MW + fans and pumps on 3.517 MW units: ceil(≈ 10.4 / 3.517) = 3 duty + 1 spare.
  CHECK(c.chillers_installed == 3 + 1);
  CHECK(c.shortfall_hours == 0.0);
}

TEST_CASE("cooling: heat rejected outdoors closes the balance every step, every design",
          "[cooling]") {
  // rejected = indoor heat (IT + PDU + UPS + lighting) + CRAH fans + CHW, CDU and facility-water
  // pumps + compressors + condenser pumps; heat-rejection fan heat leaves with the exhaust air.
  for (const char* tech : {"air", "liquid", "immersion"}) {
    for (const char* rej : {"tower", "dry_cooler"}) {
      dcload::Site site = site_with({std::string("cooling.technology=") + tech,
                                     std::string("cooling.heat_rejection=") + rej});
      // GB300-class share on cold plates (datacenter-models.md: ≈ 94 %, derived) for "liquid".
      for (auto& cl : site.clusters) cl.accelerator.liquid_fraction = 0.94;
      const dcload::RunResult r = dcload::run(site);
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
                                 "cooling.tower_model=constant_approach"});
  dcload::Weather w = dcload::load_weather("builtin:ulsan");
  w.design.wb_004_c = 20.0;  // pretend a mild design day: the plant is sized too small
  const dcload::RunResult r = dcload::run(site, w);
  const auto& s = r.summary;
  REQUIRE(s.cooling_shortfall_hours > 0);
  // Identity: the hours whose chiller load exceeds the installed capacity.
  const auto load = r.channel("chiller_load");
  double hours = 0;
  for (double q : load) hours += q > dcload::in_si(s.chiller_capacity) * (1 + 1e-12) ? 1.0 : 0.0;
  CHECK(s.cooling_shortfall_hours == Approx(hours));
  CHECK(r.status.name() == "cooling_shortfall");
  char expected[256];
  std::snprintf(expected, sizeof expected,
                "the chiller load exceeded the installed chiller plant of %.1f MW (sized at the "
                "ASHRAE 0.4 %% condition) for %.2f h",
                dcload::in_si(s.chiller_capacity) / 1e6, hours);
  REQUIRE(r.status.messages.size() == 1);
  CHECK(r.status.messages[0] == expected);
}

TEST_CASE("cooling: heat reuse sets ERE and ERF from the reusable heat", "[cooling]") {
  dcload::Site site = site_with({"cooling.technology=immersion", "cooling.heat_reuse_fraction=50 %"});
  const dcload::RunResult r = dcload::run(site);
  const auto& s = r.summary;
  const double reused = 0.5 * dcload::in_si(s.reusable_heat);
  CHECK(s.ere == Approx((dcload::in_si(s.facility_energy) - reused) / dcload::in_si(s.it_energy)));
  CHECK(s.erf == Approx(reused / dcload::in_si(s.facility_energy)));
  CHECK(dcload::in_celsius(s.reusable_heat_temperature) == Approx(45.0));  // 40 + 5 K
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
