// The cold source ([cooling.cold_source]): the heat a seawater flow carries by hand, the pipes
// against Colebrook's equation, the heat balance of both sides every step, zero flow giving the
// backup plant exactly, the discharge limit never exceeded, a seawater-only plant that runs
// short, the savings against the same site without the source, and the input errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include "cooling/cold_source.hpp"
#include "dcload/dcload.hpp"
#include "support.hpp"

namespace {

using dcload::ColdSourceSpec;

dcload::Site site_with(const std::vector<std::string>& overrides) {
  return dcload::testing::single_hall_site(overrides);
}

// A CSV in the temporary directory.
std::string write_csv(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("dcload_cold_" + name);
  std::ofstream(p) << text;
  return p.string();
}

std::string monthly(const std::string& header, double v) {
  std::string s = header + "\n";
  for (int m = 1; m <= 12; ++m) s += std::to_string(m) + "," + std::to_string(v) + "\n";
  return s;
}

// A plain-seawater spec at a constant 15 °C sea (24-hour profile), no pipe run.
ColdSourceSpec plain_spec() {
  ColdSourceSpec s;
  s.kind = dcload::ColdSourceKind::kSeawater;
  s.flow_kg_s = 1000.0;  // 3,600 t/h
  s.seawater_c.assign(24, 15.0);
  s.vaporizer_delta_t = dcload::kelvin_delta(0.0);
  s.hx_approach = dcload::kelvin_delta(2.0);
  s.max_discharge_rise = dcload::kelvin_delta(3.0);
  s.pump_head = dcload::pascals(100e3);
  s.distance = dcload::meters(0.0);
  s.pipe_velocity_m_s = 2.0;
  s.pipe_roughness = dcload::meters(0.045e-3);
  s.pump_efficiency = 0.8;
  return s;
}

}  // namespace

TEST_CASE("cold source: the heat a flow can take and its pumps, by hand", "[cooling][cold]") {
  ColdSourceSpec s = plain_spec();
  // Pump heat at design flow: Δp/(ρ c_p η) = 100e3 / (1025 × 3995 × 0.8) = 0.030526 K, reserved
  // out of the 3 K the discharge may rise; the 5.6 K condenser range does not bind.
  const double pump_k = 100e3 / (1025.0 * 3995.0 * 0.8);
  CHECK(dcload::detail::seawater_pump_heat_k(s, 1000.0) == Approx(pump_k).epsilon(1e-12));
  const auto c = dcload::detail::cold_step(s, 3600.0 * 10, 5.6);
  CHECK(c.sea_c == 15.0);
  CHECK(c.intake_c == 15.0);
  CHECK(c.leaving_c == 17.0);
  CHECK(c.flow_kg_s == 1000.0);
  CHECK(c.warming_k == Approx(3.0 - pump_k).epsilon(1e-12));
  // Q = ṁ c_p ΔT = 1000 kg/s × 3995 J/(kg K) × 2.969474 K = 11.863 MW.
  CHECK(c.capacity_w == Approx(1000.0 * 3995.0 * (3.0 - pump_k)).epsilon(1e-12));
  CHECK(c.capacity_w == Approx(11.863e6).epsilon(1e-4));
  // Pump power: (ṁ/ρ) Δp / η = (1000/1025) × 100e3 / 0.8 = 121.95 kW.
  CHECK(dcload::detail::seawater_pump_power_w(s, 1000.0) == Approx(121951.2).epsilon(1e-6));
  // The condenser range binds when the permit allows more: 10 K rise, 5.6 K range.
  s.max_discharge_rise = dcload::kelvin_delta(10.0);
  CHECK(dcload::detail::cold_step(s, 0.0, 5.6).warming_k == 5.6);
  // An LNG terminal's seawater arrives colder by the vaporizers' cooling and may warm by that
  // much more: 15 − 3.9 = 11.1 °C in, 3.9 + 3 − pump heat allowed.
  s.kind = dcload::ColdSourceKind::kLngTerminal;
  s.vaporizer_delta_t = dcload::kelvin_delta(3.9);
  s.max_discharge_rise = dcload::kelvin_delta(3.0);
  const auto l = dcload::detail::cold_step(s, 0.0, 10.0);
  CHECK(l.intake_c == Approx(11.1));
  CHECK(l.warming_k == Approx(6.9 - pump_k).epsilon(1e-12));
  // The contract caps the flow: 1,000 kg/s offered, 500 kg/s contracted.
  s.max_flow_kg_s = 500.0;
  CHECK(dcload::detail::cold_step(s, 0.0, 10.0).flow_kg_s == 500.0);
}

TEST_CASE("cold source: pipe friction by Swamee-Jain lies within 1 % of Colebrook",
          "[cooling][cold]") {
  ColdSourceSpec s = plain_spec();
  s.distance = dcload::meters(2000.0);
  const auto p = dcload::detail::seawater_pipe(s);
  // D = √(4V/(πv)), V = 1000/1025 m³/s at 2 m/s: 0.78811 m; Re = ρvD/μ = 1.4959e6.
  const double v = 1000.0 / 1025.0;
  CHECK(p.diameter_m == Approx(std::sqrt(4.0 * v / (std::numbers::pi * 2.0))).epsilon(1e-12));
  CHECK(p.diameter_m == Approx(0.78811).epsilon(1e-4));
  CHECK(p.reynolds == Approx(1025.0 * 2.0 * p.diameter_m / 1.08e-3).epsilon(1e-12));
  // Colebrook (1939): 1/√f = −2 log10(ε/(3.7D) + 2.51/(Re √f)), solved by fixed point.
  double f = 0.02;
  for (int i = 0; i < 50; ++i) {
    const double x = -2.0 * std::log10(0.045e-3 / (3.7 * p.diameter_m) + 2.51 / (p.reynolds * std::sqrt(f)));
    f = 1.0 / (x * x);
  }
  CHECK(p.friction_factor == Approx(f).epsilon(0.01));
  CHECK(p.gradient_pa_per_m == Approx(f / p.diameter_m * 1025.0 * 4.0 / 2.0).epsilon(0.01));
  // Pumps at design flow: (ṁ/ρ)(Δp_static + 2 L · gradient)/η; friction at half flow is a
  // quarter.
  const double dp = 100e3 + 2.0 * 2000.0 * p.gradient_pa_per_m;
  CHECK(dcload::detail::seawater_pump_power_w(s, 1000.0) == Approx(v * dp / 0.8).epsilon(1e-12));
  const double dp_half = 100e3 + 0.25 * 2.0 * 2000.0 * p.gradient_pa_per_m;
  CHECK(dcload::detail::seawater_pump_power_w(s, 500.0) ==
        Approx(0.5 * v * dp_half / 0.8).epsilon(1e-12));
}

TEST_CASE("cold source: monthly sea temperatures interpolate between mid-months",
          "[cooling][cold]") {
  std::vector<double> v(12);
  for (int m = 0; m < 12; ++m) v[static_cast<size_t>(m)] = 10.0 + m;  // Jan 10 … Dec 21
  using dcload::detail::profile_at;
  // Mid-January (day 15.5) is January's value; 1 January 00:00 lies halfway between
  // mid-December and mid-January (15.5 days each side): (21 + 10)/2.
  CHECK(profile_at(v, 15.5 * 86400.0, true, 0) == Approx(10.0));
  CHECK(profile_at(v, 0.0, true, 0) == Approx(15.5));
  // 1 February 00:00: mid-January + 15.5 d of the 15.5 + 14 d to mid-February.
  CHECK(profile_at(v, 31.0 * 86400.0, true, 0) == Approx(10.0 + 15.5 / 29.5));
  // Not interpolated: the calendar month.
  CHECK(profile_at(v, 31.0 * 86400.0 - 1.0, false, 0) == 10.0);
  CHECK(profile_at(v, 31.0 * 86400.0, false, 0) == 11.0);
  // Hourly profiles by hour of day and of year; an empty one is the fallback.
  std::vector<double> day(24);
  for (int h = 0; h < 24; ++h) day[static_cast<size_t>(h)] = h;
  CHECK(profile_at(day, (48 + 5) * 3600.0 + 10.0, false, 0) == 5.0);
  CHECK(profile_at({}, 123.0, false, 0.7) == 0.7);
  // The built-in send-out shape: January (the largest month) is 1, every month in (0, 1].
  const auto lng = dcload::detail::builtin_flow_profile("builtin:kogas_power_sales_2018");
  REQUIRE(lng.size() == 12);
  CHECK(lng[0] == 1.0);
  // June, from KOGAS's 1,232 kt for power in 2018: (1232/30)/(1851/31) = 0.6877.
  CHECK(lng[5] == Approx((1232.0 / 30) / (1851.0 / 31)).epsilon(1e-12));
  for (double x : lng) CHECK((x > 0 && x <= 1.0));
}

TEST_CASE("cold source: both sides balance every step and the discharge stays within its limit",
          "[cooling][cold]") {
  // The towers' campus, its heat (≈ 90 MW) more than 5,000 t/h of LNG-terminal seawater can take:
  // some hours on both sinks. Three permits: the default 3 K, a tight 0.5 K and plain seawater.
  const std::vector<std::vector<std::string>> cases = {
      {"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=5000 t/h",
       "cooling.cold_source.distance=3 km"},
      {"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=20000 t/h",
       "cooling.cold_source.max_discharge_rise=0.5 K"},
      {"cooling.cold_source.kind=seawater", "cooling.cold_source.flow=20000 t/h",
       "cooling.cold_source.max_discharge_rise=1 K", "cooling.cold_source.flow_profile=flat"},
      {"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=5000 t/h",
       "cooling.cold_source.max_discharge_rise=10 K", "cooling.cold_source.arrangement=before"}};
  for (const auto& o : cases) {
    INFO(o[0] << " " << o[1] << " " << o[2]);
    const dcload::RunResult r = dcload::run(site_with(o));
    // Campus side: heat rejected = IT + losses + fans + pumps + compressors, the seawater's share
    // counted in it (tests/support.hpp).
    CHECK(dcload::testing::heat_balance_violations(r, 1e-9) == 0);
    const auto q = r.channel("cold_source_heat");
    const auto pump = r.channel("seawater_pump_power");
    const auto m = r.channel("seawater_flow");
    const auto sea = r.channel("sea_temperature");
    const auto out = r.channel("discharge_temperature");
    const double vap = o[0].find("lng") != std::string::npos ? 3.9 : 0.0;
    const double rise = o.size() > 2 && o[2].find("rise") != std::string::npos
                            ? std::stod(o[2].substr(o[2].find('=') + 1))
                            : 3.0;
    size_t flowing = 0, balance_bad = 0, over = 0;
    for (size_t k = 0; k < q.size(); ++k) {
      if (m[k] <= 0) continue;
      ++flowing;
      // Seawater side: ṁ c_p (T_out − T_in) = campus heat + pump work.
      const double lhs = m[k] * 3995.0 * (out[k] - (sea[k] - vap));
      if (std::abs(lhs - (q[k] + pump[k])) > 1e-9 * (q[k] + pump[k])) ++balance_bad;
      if (out[k] > sea[k] + rise + 1e-9) ++over;
    }
    // (After the towers, the seawater does nothing in the hours their water is colder.)
    CHECK(flowing > 4000);
    CHECK(balance_bad == 0);
    CHECK(over == 0);
    // Every step settled (no "did not settle" finding).
    for (const auto& msg : r.status.messages) CHECK(msg.find("did not settle") == std::string::npos);
    const auto& s = r.summary;
    CHECK(s.cold_source.min_discharge_margin_k >= -1e-9);
    CHECK(dcload::in_celsius(s.cold_source.max_discharge) <= dcload::in_celsius(s.cold_source.max_sea) + rise + 1e-9);
    // The cooling energy holds the seawater pumps.
    CHECK(dcload::in_si(s.cold_source.pump_energy) > 0);
    CHECK(s.cold_source.heat_share > 0);
    CHECK(s.cold_source.heat_share < 1);
  }
}

TEST_CASE("cold source: no flow gives the backup plant exactly", "[cooling][cold]") {
  const std::string zeros = write_csv("zero_flow.csv", monthly("month,share", 0.0));
  const dcload::RunResult plain = dcload::run(site_with({}));
  const dcload::RunResult none =
      dcload::run(site_with({"cooling.cold_source.kind=lng_terminal",
                             "cooling.cold_source.flow=10000 t/h",
                             "cooling.cold_source.flow_profile=" + zeros}));
  for (const char* ch : {"chiller_power", "tower_fan_power", "cw_pump_power", "cooling_power",
                         "heat_rejected", "water_use", "evaporation", "facility_power",
                         "cooling_mode"}) {
    INFO(ch);
    const auto a = plain.channel(ch), b = none.channel(ch);
    REQUIRE(a.size() == b.size());
    size_t differ = 0;
    for (size_t k = 0; k < a.size(); ++k) differ += a[k] != b[k];
    CHECK(differ == 0);
  }
  CHECK(none.summary.pue_annual == plain.summary.pue_annual);
  CHECK(dcload::in_si(none.summary.cold_source.heat) == 0.0);
  CHECK(dcload::in_si(none.summary.cold_source.pump_energy) == 0.0);
  CHECK(none.summary.cold_source.pue_without == Approx(plain.summary.pue_annual).epsilon(1e-12));
}

TEST_CASE("cold source: savings are the same site without it", "[cooling][cold]") {
  const dcload::RunResult plain = dcload::run(site_with({}));
  const dcload::RunResult cold = dcload::run(
      site_with({"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=10000 t/h"}));
  const auto& p = plain.summary;
  const auto& c = cold.summary.cold_source;
  REQUIRE(c.enabled);
  // The reference is the plain plant on the same loads: its water and chiller energy are the
  // plain run's (the loads do not depend on the cooling here: no UPS-fed cooling), its PUE the
  // plain run's at the same electrical losses (transformer loss moves a little).
  CHECK(dcload::in_si(c.water_avoided) + dcload::in_si(cold.summary.water) ==
        Approx(dcload::in_si(p.water)).epsilon(1e-9));
  CHECK(c.wue_without == Approx(p.wue_l_per_kwh).epsilon(1e-9));
  CHECK(c.pue_without == Approx(p.pue_annual).epsilon(5e-4));
  double chiller_plain = 0, chiller_cold = 0;
  for (double x : plain.channel("chiller_power")) chiller_plain += x * 3600.0;
  for (double x : cold.channel("chiller_power")) chiller_cold += x * 3600.0;
  CHECK(dcload::in_si(c.chiller_avoided) == Approx(chiller_plain - chiller_cold).epsilon(1e-9));
  // The cold source saves energy and water here, and the run says where its inputs came from.
  CHECK(cold.summary.pue_annual < p.pue_annual);
  CHECK(dcload::in_si(cold.summary.water) < dcload::in_si(p.water));
  CHECK(c.seawater_source == "builtin:ulsan");
  bool said = false;
  for (const auto& msg : cold.status.messages) said = said || msg.find("builtin:ulsan") != std::string::npos;
  CHECK(said);
}

TEST_CASE("cold source: a seawater-only plant short of flow is a cooling shortfall",
          "[cooling][cold]") {
  const dcload::RunResult r = dcload::run(
      site_with({"cooling.heat_rejection=seawater", "cooling.cold_source.kind=seawater",
                 "cooling.cold_source.flow=8000 t/h", "cooling.cold_source.flow_profile=flat"}));
  const auto& c = r.summary.cold_source;
  REQUIRE(c.short_hours > 0);
  CHECK(r.status.name() == "cooling_shortfall");
  CHECK(r.summary.cooling_shortfall_hours >= c.short_hours);
  CHECK(c.backup == "none");
  // No towers: no fans, no water; the reference towers' water is what it saved.
  CHECK(dcload::in_si(r.summary.water) == 0.0);
  CHECK(dcload::in_si(c.water_avoided) > 0.0);
  CHECK(dcload::in_si(c.unserved_heat) > 0.0);
  bool said = false;
  for (const auto& msg : r.status.messages) said = said || msg.find("could not take all the heat") != std::string::npos;
  CHECK(said);
  // With enough seawater the same plant is short of nothing.
  const dcload::RunResult ok = dcload::run(
      site_with({"cooling.heat_rejection=seawater", "cooling.cold_source.kind=seawater",
                 "cooling.cold_source.flow=40000 t/h", "cooling.cold_source.flow_profile=flat",
                 "cooling.cold_source.max_discharge_rise=6 K"}));
  CHECK(ok.summary.cold_source.short_hours == 0);
  CHECK(ok.status.name() == "ok");
  CHECK(ok.summary.cold_source.full_hours == Approx(8760.0));
}

TEST_CASE("cold source: bad inputs are ConfigErrors naming the key", "[cooling][cold][config]") {
  auto key_of = [](const std::vector<std::string>& o) {
    try {
      (void)site_with(o);
    } catch (const dcload::ConfigError& e) {
      return e.key();
    }
    return std::string("(none)");
  };
  CHECK(key_of({"cooling.heat_rejection=seawater"}) == "cooling.heat_rejection");
  CHECK(key_of({"cooling.cold_source.kind=lng_terminal"}) == "cooling.cold_source.flow");
  CHECK(key_of({"cooling.cold_source.kind=seawater", "cooling.cold_source.flow=1000 t/h",
                "cooling.cold_source.vaporizer_delta_t=2 K"}) ==
        "cooling.cold_source.vaporizer_delta_t");
  CHECK(key_of({"cooling.cold_source.kind=seawater", "cooling.cold_source.flow=1000 t/h",
                "cooling.cold_source.seawater_temperature=builtin:atlantis"}) ==
        "cooling.cold_source.seawater_temperature");
  CHECK(key_of({"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=1000 t/h",
                "cooling.cold_source.vaporizer_delta_t=15 K"}) ==
        "cooling.cold_source.vaporizer_delta_t");  // the Ulsan sea less 15 K would freeze
  CHECK(key_of({"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=10 MW"}) ==
        "cooling.cold_source.flow");
  // Eleven months, or a share above 1, name the file and the key.
  std::string eleven = "month,share\n";
  for (int m = 1; m <= 11; ++m) eleven += std::to_string(m) + ",0.5\n";
  CHECK(key_of({"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=1000 t/h",
                "cooling.cold_source.flow_profile=" + write_csv("eleven.csv", eleven)}) ==
        "cooling.cold_source.flow_profile");
  CHECK(key_of({"cooling.cold_source.kind=lng_terminal", "cooling.cold_source.flow=1000 t/h",
                "cooling.cold_source.flow_profile=" +
                    write_csv("big.csv", monthly("month,share", 1.5))}) ==
        "cooling.cold_source.flow_profile");
  // A measured sea: 12 months read, the run does not call it an estimate.
  const dcload::Site ok = site_with({"cooling.cold_source.kind=seawater",
                                     "cooling.cold_source.flow=1000 t/h",
                                     "cooling.cold_source.seawater_temperature=" +
                                         write_csv("sea.csv", monthly("month,temperature_c", 14.0))});
  CHECK(ok.cooling.cold_source.seawater_c == std::vector<double>(12, 14.0));
  CHECK(ok.cooling.cold_source.seawater_given);
}

TEST_CASE("cold source: after the towers it saves chiller work, before them tower water",
          "[cooling][cold]") {
  // 5,000 t/h cannot take a 90 MW campus's heat: both sinks run most hours, so the arrangement
  // decides what the cold buys. After the towers the seawater trims the supply below the
  // towers' water (colder condenser water: less chiller work); before them it pre-cools the
  // return (the towers carry less: less water), the supply still the towers'.
  const std::vector<std::string> base = {"cooling.cold_source.kind=lng_terminal",
                                         "cooling.cold_source.flow=5000 t/h"};
  auto with = [&](const char* a) {
    std::vector<std::string> o = base;
    o.push_back(std::string("cooling.cold_source.arrangement=") + a);
    return dcload::run(site_with(o));
  };
  const dcload::RunResult plain = dcload::run(site_with({}));
  const dcload::RunResult after = with("after"), before = with("before");
  auto energy = [](const dcload::RunResult& r, const char* ch) {
    double e = 0;
    for (double x : r.channel(ch)) e += x;
    return e;
  };
  CHECK(energy(after, "chiller_power") < energy(before, "chiller_power"));
  CHECK(energy(before, "chiller_power") <= energy(plain, "chiller_power") * (1 + 1e-9));
  CHECK(dcload::in_si(before.summary.water) < dcload::in_si(after.summary.water));
  CHECK(dcload::in_si(after.summary.water) < dcload::in_si(plain.summary.water));
  CHECK(after.summary.cold_source.arrangement == "after");
  // Before the towers the seawater sees the whole return: with a 10 K permit it may warm by more
  // than the 5.6 K condenser range (the campus water entering it is the towers' water + 5.6 K).
  std::vector<std::string> o = base;
  o.push_back("cooling.cold_source.arrangement=before");
  o.push_back("cooling.cold_source.max_discharge_rise=10 K");
  const dcload::RunResult wide = dcload::run(site_with(o));
  const auto sea = wide.channel("sea_temperature"), out = wide.channel("discharge_temperature");
  const auto m = wide.channel("seawater_flow");
  double most = 0;
  for (size_t k = 0; k < sea.size(); ++k)
    if (m[k] > 0) most = std::max(most, out[k] - (sea[k] - 3.9));
  CHECK(most > 5.6 + 0.5);
  CHECK(most <= 3.9 + 10.0 + 1e-9);
}

TEST_CASE("cold source: the built-in Ulsan sea is its stated derivation", "[cooling][cold]") {
  // Anchors: (Busan + Pohang)/2 of the NIFS normals — April (13.0 + 11.9)/2, July
  // (18.2 + 19.9)/2, August (21.7 + 22.4)/2 — February 12.0 and December 12.5 (forecast-range
  // midpoints); the months between linear in the month index.
  const auto v = dcload::detail::builtin_seawater_c("builtin:ulsan");
  REQUIRE(v.size() == 12);
  CHECK(v[3] == Approx((13.0 + 11.9) / 2));
  CHECK(v[6] == Approx((18.2 + 19.9) / 2));
  CHECK(v[7] == Approx((21.7 + 22.4) / 2));
  CHECK(v[1] == 12.0);
  CHECK(v[11] == 12.5);
  CHECK(v[0] == Approx((v[11] + v[1]) / 2).margin(0.0051));
  CHECK(v[2] == Approx((v[1] + v[3]) / 2).margin(0.0051));
  CHECK(v[4] == Approx(v[3] + (v[6] - v[3]) / 3).margin(0.0051));
  CHECK(v[5] == Approx(v[3] + 2 * (v[6] - v[3]) / 3).margin(0.0051));
  for (int k = 8; k <= 10; ++k)
    CHECK(v[static_cast<size_t>(k)] == Approx(v[7] + (k - 7) * (v[11] - v[7]) / 4).margin(0.0051));
  CHECK(dcload::detail::builtin_seawater_c("builtin:busan").empty());
}
