// Cooling plant: chiller curves against their published points, economizer mode boundaries
// from hand-computed thresholds for each technology and heat rejection, pump and fan figures by
// hand, the heat balance of every step for every design, water only with towers, and plant
// sizing at the ASHRAE 0.4 % condition with shortfall hours reported in the run status.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cooling/chiller.hpp"
#include "cooling/components.hpp"
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
          "expected one of air, liquid, immersion, immersion_two_phase, dx");
  }
}

// ---- heat rejection on every shipped weather ------------------------------------------------

TEST_CASE("cooling: towers use less energy, dry coolers less water, on every shipped weather",
          "[cooling][weather]") {
  // The same campus, the same chiller model (carnot), towers against dry coolers: towers reject
  // at the wet-bulb + approach (a cooler condenser, more free-cooling hours, smaller fans) and
  // evaporate water; dry coolers reject at the dry-bulb + 8 K and use none. Every built-in
  // station and every EPW in DCLOAD_EPW_DIR (when set).
  std::vector<std::string> weathers;
  for (const std::string& s : dcload::builtin_stations()) weathers.push_back("builtin:" + s);
  CHECK(weathers.size() == 26);
  const std::filesystem::path dir = std::filesystem::path(DCLOAD_EPW_DIR);
  if (std::filesystem::is_directory(dir)) {
    std::vector<std::string> epw;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".epw") epw.push_back(e.path().string());
    std::sort(epw.begin(), epw.end());
    CHECK_FALSE(epw.empty());
    weathers.insert(weathers.end(), epw.begin(), epw.end());
  } else {
    WARN("skipped the EPW cases: " << dir << " not present");
  }
  const dcload::Site tower =
      dcload::default_site({"cooling.heat_rejection=tower", "cooling.chiller_model=carnot"});
  const dcload::Site dry =
      dcload::default_site({"cooling.heat_rejection=dry_cooler", "cooling.chiller_model=carnot"});
  REQUIRE(tower.cooling.heat_rejection == dcload::HeatRejection::kTower);
  REQUIRE(dry.cooling.heat_rejection == dcload::HeatRejection::kDryCooler);
  for (const std::string& w : weathers) {
    INFO(w);
    dcload::RunOptions o;
    o.weather_override = w;
    o.channels = {"none"};
    const auto t = dcload::run(tower, o).summary;
    const auto d = dcload::run(dry, o).summary;
    CHECK(t.weather_source == w);
    CHECK(dcload::in_si(t.it_energy) == Approx(dcload::in_si(d.it_energy)).epsilon(1e-12));
    CHECK(dcload::in_si(t.facility_energy) < dcload::in_si(d.facility_energy));
    CHECK(dcload::in_si(t.cooling_energy) < dcload::in_si(d.cooling_energy));
    CHECK(dcload::in_si(d.water) == 0.0);  // no adiabatic pads: not a drop
    CHECK(dcload::in_si(d.evaporation) == 0.0);
    CHECK(dcload::in_si(t.water) > 0.0);
    CHECK(dcload::in_si(d.water) < dcload::in_si(t.water));
  }
}

// ---- components (engine/cooling/components.hpp, chiller.hpp) --------------------------------

namespace {

// An independent implementation of the ASHRAE Handbook—Fundamentals 2017 (SI) ch. 1 moist-air
// relations the tower evaporation rests on (written here from the Handbook, not from the
// engine's code).
namespace hof {
// Saturation pressure over water (eq. 6, t ≥ 0 °C) and over ice (eq. 5, t < 0 °C), Pa.
double p_ws(double t_c) {
  const double T = t_c + 273.15;
  if (t_c >= 0)
    return std::exp(-5.8002206e3 / T + 1.3914993 - 4.8640239e-2 * T + 4.1764768e-5 * T * T -
                    1.4452093e-8 * T * T * T + 6.5459673 * std::log(T));
  return std::exp(-5.6745359e3 / T + 6.3925247 - 9.6778430e-3 * T + 6.2215701e-7 * T * T +
                  2.0747825e-9 * T * T * T - 9.4840240e-13 * T * T * T * T +
                  4.1635019 * std::log(T));
}
// Humidity ratio from vapour pressure, kg/kg dry air (eq. 20; eq. 23 at saturation).
double w_of(double p_w, double p) { return 0.621945 * p_w / (p - p_w); }
// Moist-air enthalpy, J/kg dry air (eq. 30: h = 1.006 t + W (2501 + 1.86 t) kJ/kg).
double h_of(double t, double w) { return 1000.0 * (1.006 * t + w * (2501.0 + 1.86 * t)); }
double h_sat(double t, double p) { return h_of(t, w_of(p_ws(t), p)); }
// Humidity ratio from dry-bulb and thermodynamic wet-bulb (eq. 33, t* ≥ 0; eq. 35 below).
double w_from_wb(double t, double ts, double p) {
  const double wss = w_of(p_ws(ts), p);
  if (ts >= 0)
    return ((2501.0 - 2.326 * ts) * wss - 1.006 * (t - ts)) / (2501.0 + 1.86 * t - 4.186 * ts);
  return ((2830.0 - 0.24 * ts) * wss - 1.006 * (t - ts)) / (2830.0 + 1.86 * t - 2.1 * ts);
}
// Moist-air density, kg/m³: (1 + W)/v with v = 0.287042 (t + 273.15)(1 + 1.607858 W)/p (eq. 26,
// p in kPa).
double rho(double t, double w, double p) {
  return (1.0 + w) / (0.287042 * (t + 273.15) * (1.0 + 1.607858 * w) / (p / 1000.0));
}
// Saturation temperature of enthalpy h (bisection to 1e-10 K).
double t_sat_of_h(double h, double p) {
  double lo = -60, hi = 100;
  while (hi - lo > 1e-10) {
    const double mid = 0.5 * (lo + hi);
    (h_sat(mid, p) < h ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}
// Saturated-exit evaporation (EnergyPlus Engineering Reference, "Cooling Tower Makeup Water
// Usage", SaturatedExit): inlet at h_sat(T_wb), outlet saturated at h_in + Q/ṁ, evaporation
// ṁ·(q_out − q_in) with q = W/(1 + W); the exit air no warmer than the hot water (ṁ raised).
struct Evap {
  double kg_s, exit_c, air_kg_s;
};
Evap evaporation(double q_w, double air_kg_s, double db, double wb, double p, double water_in_c) {
  const double w_in = w_from_wb(db, wb, p);
  const double h_in = h_sat(wb, p);
  double m = air_kg_s, h_out = h_in + q_w / m;
  if (h_out > h_sat(water_in_c, p)) {
    h_out = h_sat(water_in_c, p);
    m = q_w / (h_out - h_in);
  }
  const double t_out = t_sat_of_h(h_out, p);
  const double w_out = w_of(p_ws(t_out), p);
  return {m * (w_out / (1 + w_out) - w_in / (1 + w_in)), t_out, m};
}
}  // namespace hof

constexpr double kP = 101325.0;
// Tower air per MW rejected at design: EnergyPlus tower autosizing, 0.0105 × 0.5 / 190 Pa =
// 2.763e-5 m³/s per W (configs/catalog/cooling.toml tower_air_flow) → 27.63 m³/s for 1 MW.
constexpr double kAirM3s = 27.63;
constexpr double kHfg = 2.4535e6;  // J/kg at 20 °C, ASHRAE HoF 2017 ch. 1 Table 3 (as the engine)

}  // namespace

TEST_CASE("cooling: tower evaporation by the saturated-exit method, by hand", "[cooling][tower]") {
  using dcload::detail::tower_evaporation;
  // Summer: 1 MW at 30 °C dry-bulb / 26.4 °C wet-bulb (Ulsan's 0.4 % wet-bulb with its
  // coincident dry-bulb rounded), 101,325 Pa, 27.63 m³/s of air, hot water 40 °C.
  // By hand (ASHRAE HoF 2017 ch. 1): W_in (eq. 33) = 0.020340 kg/kg; ρ = 1.1505 kg/m³ → ṁ =
  // 31.79 kg/s; h_in = h_sat(26.4) = 82.36 kJ/kg; h_out = h_in + 1e6/31.79 = 113.81 kJ/kg →
  // saturated at 32.54 °C, W_out = 0.031651; evaporation = ṁ(q_out − q_in) = 0.3416 kg/s =
  // 1,230 kg/h; latent share = 0.3416 × 2,453.5 kJ/kg / 1 MW = 0.838.
  const double w_in = hof::w_from_wb(30.0, 26.4, kP);
  const double m_air = kAirM3s * hof::rho(30.0, w_in, kP);
  const hof::Evap ref = hof::evaporation(1e6, m_air, 30.0, 26.4, kP, 40.0);
  CHECK(ref.kg_s * 3600.0 == Approx(1230.0).epsilon(0.01));
  CHECK(ref.kg_s * kHfg / 1e6 == Approx(0.84).margin(0.01));
  CHECK(m_air == Approx(31.79).epsilon(1e-3));
  const auto e = tower_evaporation(1e6, m_air, 30.0, 26.4, kP, 40.0);
  CHECK_FALSE(e.capped);
  CHECK(e.evaporation_kg_s == Approx(ref.kg_s).epsilon(0.01));
  CHECK(e.exit_air_c == Approx(ref.exit_c).margin(0.05));
  const double summer_latent = e.evaporation_kg_s * kHfg / 1e6;
  CHECK(summer_latent == Approx(0.838).margin(0.01));

  // Winter, too little air for the heat: 1 MW at 5 °C / 2 °C with 2 m³/s (ṁ = 2 × 1.2667 =
  // 2.533 kg/s) would need h_out = 12.94 + 1e6/2.533 J/kg = 407.7 kJ/kg, far above the
  // saturated enthalpy of the 30 °C hot water, h_sat(30 °C) = 99.73 kJ/kg. The engine caps the
  // exit air at the water temperature and raises the flow to 1e6/(99.73 − 12.94) = 11.52 kg/s:
  // by hand 0.269 kg/s evaporated. Bounds: 0 ≤ evaporation ≤ Q/h_fg = 0.408 kg/s (all the heat
  // as latent heat).
  {
    const double wi = hof::w_from_wb(5.0, 2.0, kP);
    const double m = 2.0 * hof::rho(5.0, wi, kP);
    const auto c = tower_evaporation(1e6, m, 5.0, 2.0, kP, 30.0);
    const hof::Evap r = hof::evaporation(1e6, m, 5.0, 2.0, kP, 30.0);
    CHECK(c.capped);
    CHECK(c.exit_air_c <= 30.0 + 1e-6);
    CHECK(c.exit_air_c == Approx(30.0).margin(1e-5));
    CHECK(c.evaporation_kg_s >= 0.0);
    CHECK(c.evaporation_kg_s <= 1e6 / kHfg);
    CHECK(c.evaporation_kg_s == Approx(r.kg_s).epsilon(0.01));
    CHECK(r.air_kg_s == Approx(11.52).epsilon(1e-3));  // the flow that keeps T_out ≤ T_water
    CHECK(r.kg_s == Approx(0.269).epsilon(1e-2));
  }
  // A colder case where the cap binds harder: 0 °C / −3 °C (wet-bulb over ice, eq. 35), 2 m³/s,
  // 20 °C water.
  {
    const double wi = hof::w_from_wb(0.0, -3.0, kP);
    const double m = 2.0 * hof::rho(0.0, wi, kP);
    const auto c = tower_evaporation(1e6, m, 0.0, -3.0, kP, 20.0);
    CHECK(c.capped);
    CHECK(c.exit_air_c <= 20.0 + 1e-6);
    CHECK(c.evaporation_kg_s >= 0.0);
    CHECK(c.evaporation_kg_s <= 1e6 / kHfg);
    CHECK(c.evaporation_kg_s == Approx(hof::evaporation(1e6, m, 0.0, -3.0, kP, 20.0).kg_s)
                                    .epsilon(0.01));
  }
  // Cold and dry, design air flow: 0 °C / −3 °C, 27.63 m³/s, 35 °C water (not capped): by hand
  // 0.228 kg/s, latent share 0.56 — cold air takes up more sensible heat per kg of water.
  {
    const double wi = hof::w_from_wb(0.0, -3.0, kP);
    const double m = kAirM3s * hof::rho(0.0, wi, kP);
    const auto c = tower_evaporation(1e6, m, 0.0, -3.0, kP, 35.0);
    const hof::Evap r = hof::evaporation(1e6, m, 0.0, -3.0, kP, 35.0);
    CHECK_FALSE(c.capped);
    CHECK(r.kg_s == Approx(0.228).epsilon(0.01));
    CHECK(c.evaporation_kg_s == Approx(r.kg_s).epsilon(0.01));
    const double latent = c.evaporation_kg_s * kHfg / 1e6;
    CHECK(latent == Approx(0.56).margin(0.01));
    CHECK(latent < summer_latent - 0.2);
  }
  // No heat or no air: nothing evaporates.
  CHECK(tower_evaporation(0.0, m_air, 30.0, 26.4, kP, 40.0).evaporation_kg_s == 0.0);
  CHECK(tower_evaporation(1e6, 0.0, 30.0, 26.4, kP, 40.0).evaporation_kg_s == 0.0);
}

TEST_CASE("cooling: saturated enthalpy and its inversion", "[cooling][psychro]") {
  using dcload::detail::saturated_enthalpy_j_kg;
  using dcload::detail::saturation_temperature_from_enthalpy;
  for (double p : {kP, 90000.0}) {
    for (double t = -30.0; t <= 60.0; t += 2.5) {
      INFO("t = " << t << " °C, p = " << p << " Pa");
      // Against the independent HoF implementation above (same equations, other code).
      CHECK(saturated_enthalpy_j_kg(t, p) == Approx(hof::h_sat(t, p)).epsilon(1e-9));
      // Round trip to the documented 1e-6 K.
      CHECK(std::abs(saturation_temperature_from_enthalpy(saturated_enthalpy_j_kg(t, p), p) - t) <=
            1e-6);
    }
  }
}

TEST_CASE("cooling: Carnot-fraction chiller at a hand point, unloading and cycling",
          "[cooling][chiller]") {
  using dcload::detail::chiller_power_carnot;
  // Point: 18 °C leaving facility water, 30 °C leaving condenser water → lift L = 12 K;
  // η = 0.715·(1 − e^(−12/16)) = 0.715 × 0.527633 = 0.377258; T_evap = 291.15 K;
  // COP = 0.377258 × 291.15 / 12 = 9.1532; at full load (EIRFPLR(1) = 0.222903 + 0.313387 +
  // 0.46371 = 1.000000) 1 MW takes 1e6 / 9.1532 = 109,252 W.
  bool low = false;
  CHECK(dcload::detail::chiller_cop_carnot_full(18.0, 30.0) == Approx(9.1532).epsilon(1e-4));
  CHECK(chiller_power_carnot(1e6, 18.0, 30.0, 1.0, low) == Approx(109252.0).epsilon(1e-4));
  CHECK_FALSE(low);
  // A 5.275 MW unit at part load ratio r carries r × 5.275 MW. Between the minimum part-load
  // ratio 0.1 and the minimum unloading ratio 0.2 the compressor cannot unload further (false
  // loading): power stays that of PLR 0.2. Below 0.1 it cycles: × PLR/0.1, to 0 at no load.
  const double cap = 5.275e6;
  const auto p_at = [&](double r, bool& flag) {
    flag = false;
    return chiller_power_carnot(r * cap, 18.0, 30.0, r, flag);
  };
  bool f02 = false, f015 = false, f01 = false, f005 = false, f03 = false;
  const double p02 = p_at(0.2, f02), p015 = p_at(0.15, f015), p01 = p_at(0.1, f01),
               p005 = p_at(0.05, f005), p03 = p_at(0.3, f03);
  // P(0.2) by hand: cap × EIRFPLR(0.2)/COP = 5.275e6 × 0.2999006 / 9.1532 = 172,835 W.
  CHECK(p02 == Approx(5.275e6 * (0.222903 + 0.313387 * 0.2 + 0.46371 * 0.04) / 9.1532)
                   .epsilon(1e-4));
  CHECK(p015 == Approx(p02).epsilon(1e-12));
  CHECK(p01 == Approx(p02).epsilon(1e-12));
  CHECK(p005 == Approx(0.5 * p02).epsilon(1e-12));
  CHECK(p03 > p02);  // above the unloading limit the DOE-2 curve applies again
  CHECK_FALSE(f02);
  CHECK(f015);
  CHECK(f01);
  CHECK(f005);
  CHECK_FALSE(f03);
  CHECK(chiller_power_carnot(0.0, 18.0, 30.0, 0.0, f02) == 0.0);
}

TEST_CASE("cooling: fan laws — CRAH fans at constant pressure, heat-rejection fans by the cube",
          "[cooling][fans]") {
  using dcload::detail::affinity_fan_power_w;
  using dcload::detail::crah_fan_power_w;
  // CRAH: V = Q/(ρ c_p ΔT), P = V Δp/η (Lei & Masanet 2020). 250 kW at ρ = 1.2 kg/m³, ΔT 12 K,
  // 550 Pa, η 0.77: V = 250e3/(1.2 × 1006 × 12) = 17.2576 m³/s; P = 17.2576 × 550/0.77 =
  // 12,326.8 W. Half the heat is half the air at the same pressure: half the power (the model
  // holds the fan pressure; it is not a cube law).
  const double p_full = crah_fan_power_w(250e3, 1.2, 12.0, 550.0, 0.77);
  CHECK(p_full == Approx(12326.8).epsilon(1e-5));
  CHECK(crah_fan_power_w(125e3, 1.2, 12.0, 550.0, 0.77) == Approx(0.5 * p_full).epsilon(1e-12));
  // Towers and dry coolers: affinity law P = P_des·max(s, s_min)³ (EnergyPlus
  // CoolingTower:VariableSpeed). Half speed: one eighth; below the 20 % minimum speed: 0.2³;
  // not running: 0.
  CHECK(affinity_fan_power_w(100e3, 0.5, 0.2, true) == Approx(12.5e3).epsilon(1e-12));
  CHECK(affinity_fan_power_w(100e3, 1.0, 0.2, true) == Approx(100e3).epsilon(1e-12));
  CHECK(affinity_fan_power_w(100e3, 0.1, 0.2, true) == Approx(800.0).epsilon(1e-12));
  CHECK(affinity_fan_power_w(100e3, 0.5, 0.2, false) == 0.0);
}
