// Flexibility turned into connectable MW (include/dcload/flex.hpp): the hourly evaluation by
// hand, the search against an independent recomputation from a run, zero flexibility against
// find_capacity, and the accounting of curtailed energy.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dcload/dcload.hpp"

using namespace dcload;
using Catch::Matchers::Contains;

namespace {

FlexSpec limits(double share, double max_h, int events = 0) {
  FlexSpec f;
  f.curtailable_share = share;
  f.max_duration = hours(max_h);
  f.max_events = events;
  return f;
}

}  // namespace

TEST_CASE("flex: one event by hand — depth, duration, events and energy limits", "[flex]") {
  // Eight hours; the connection carries 110 W. Facility demand is 1.25 × IT every hour (the
  // load-following ratio m), so shedding ΔIT lowers the demand by 1.25 ΔIT.
  const std::vector<double> fac = {100, 100, 120, 130, 100, 100, 100, 100};
  std::vector<double> it(fac.size()), ratio(fac.size(), 1.25), cap(fac.size(), 110.0);
  for (std::size_t t = 0; t < fac.size(); ++t) it[t] = fac[t] / 1.25;
  // Hours 2 and 3 exceed by 10 and 20 W → ΔIT = 8 and 16 W, of IT 96 and 104 W (8.3 %, 15.4 %).
  bool ok = false;
  FlexPoint p = detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.2, 2), 1.0, 1.0, &ok);
  CHECK(ok);
  CHECK(p.binding.empty());
  CHECK(p.curtailed_hours == 2);
  CHECK(p.events == 1);
  CHECK(p.longest_event_h == 2);
  CHECK(p.deepest_share == Approx(16.0 / 104.0).epsilon(1e-12));
  CHECK(in_si(p.curtailed_it) == Approx((8 + 16) * 3600.0).epsilon(1e-12));
  CHECK(in_si(p.curtailed_facility) == Approx((10 + 20) * 3600.0).epsilon(1e-12));
  CHECK(in_si(p.lost_it) == Approx(in_si(p.curtailed_it)).epsilon(1e-12));  // recovery = lost
  CHECK(in_si(p.it_energy) == Approx(std::accumulate(it.begin(), it.end(), 0.0) * 3600).epsilon(1e-12));
  // 15 % of IT is not enough for hour 3 (15.4 %).
  detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.15, 2), 1.0, 1.0, &ok);
  CHECK_FALSE(ok);
  CHECK(detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.15, 2), 1.0, 1.0, &ok).binding == "depth");
  // Events of at most 1 h: the 2-hour event breaks it.
  CHECK(detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.2, 1), 1.0, 1.0, &ok).binding == "duration");
  // Energy: 24 W·h of 850/1.25 = 680 W·h of IT = 3.53 %; a 3 % allowance breaks, 4 % holds.
  const double it_total = std::accumulate(it.begin(), it.end(), 0.0);
  CHECK(24.0 / it_total == Approx(24.0 / 680.0).epsilon(1e-12));
  CHECK(detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.2, 2), 0.03, 1.0, &ok).binding == "energy");
  detail::evaluate_flex(fac, it, ratio, cap, 200, limits(0.2, 2), 0.04, 1.0, &ok);
  CHECK(ok);
  // Two events where one is allowed.
  std::vector<double> fac2 = fac;
  fac2[6] = 115;
  for (std::size_t t = 0; t < fac2.size(); ++t) it[t] = fac2[t] / 1.25;
  CHECK(detail::evaluate_flex(fac2, it, ratio, cap, 200, limits(0.2, 2, 1), 1.0, 1.0, &ok).binding == "events");
  CHECK(detail::evaluate_flex(fac2, it, ratio, cap, 200, limits(0.2, 2, 2), 1.0, 1.0, &ok).events == 2);
  CHECK(ok);
}

TEST_CASE("flex: deferred compute is made up within the headroom and the window", "[flex]") {
  // One event in hours 1-2 sheds 8 + 16 = 24 W·h of IT. After it, the connection leaves
  // (110 − 100)/1.25 = 8 W of IT room per hour, and design IT 84 W leaves 84 − 80 = 4 W: 4 W·h
  // per hour are made up. A 3-hour window makes up 12 of the 24.
  const std::vector<double> fac = {100, 120, 130, 100, 100, 100, 100, 100};
  std::vector<double> it(fac.size()), ratio(fac.size(), 1.25), cap(fac.size(), 110.0);
  for (std::size_t t = 0; t < fac.size(); ++t) it[t] = fac[t] / 1.25;
  FlexSpec f = limits(0.2, 2);
  f.recovery = FlexRecovery::kDeferred;
  f.recovery_window = hours(3.0);
  f.value_of_compute_usd_per_j = 1000.0 / 3.6e9;  // 1000 USD/MWh
  bool ok = false;
  const FlexPoint p = detail::evaluate_flex(fac, it, ratio, cap, 84, f, 1.0, 1.0, &ok);
  REQUIRE(ok);
  CHECK(in_si(p.curtailed_it) == Approx(24 * 3600.0).epsilon(1e-12));
  CHECK(in_si(p.recovered_it) == Approx(12 * 3600.0).epsilon(1e-12));
  CHECK(in_si(p.lost_it) == Approx(12 * 3600.0).epsilon(1e-12));
  // Revenue: 12 W·h lost × 1000 USD/MWh = 1.2e-5 USD.
  CHECK(p.revenue_cost_usd == Approx(12e-6 * 1000.0).epsilon(1e-9));
  // Six hours of 4 W·h make up all 24 when the year goes on long enough; the 5 hours left in
  // this 8-hour year make up 20, and 4 W·h are lost.
  f.recovery_window = hours(6.0);
  CHECK(in_si(detail::evaluate_flex(fac, it, ratio, cap, 84, f, 1.0, 1.0, &ok).lost_it) ==
        Approx(4 * 3600.0).epsilon(1e-12));
  std::vector<double> fac10 = fac, it10 = it, ratio10(10, 1.25), cap10(10, 110.0);
  fac10.resize(10, 100.0);
  it10.resize(10, 80.0);
  CHECK(in_si(detail::evaluate_flex(fac10, it10, ratio10, cap10, 84, f, 1.0, 1.0, &ok).lost_it) ==
        Approx(0.0).margin(1e-9));
}

TEST_CASE("flex: without flexibility the search finds find_capacity's campus", "[flex]") {
  const Site site = default_site({"flex.curtailable_share=25%"});
  const CapacityResult c = find_capacity(site);
  const FlexResult f = find_flex_capacity(site);
  CHECK(f.no_flex.max_gpus == c.year.max_gpus);
  CHECK(in_si(f.no_flex.max_it) == Approx(in_si(c.year.max_it)).epsilon(1e-12));
  CHECK(in_si(f.no_flex.limit) == Approx(in_si(c.year.limit)).epsilon(1e-12));
  // With flexibility the campus never shrinks, and the energy-only curve is a ceiling.
  REQUIRE(f.curve.size() == 6);
  for (std::size_t i = 0; i < f.curve.size(); ++i) {
    CHECK(f.curve[i].max_gpus >= f.no_flex.max_gpus);
    CHECK(f.curve_energy_only[i].max_gpus >= f.curve[i].max_gpus);
    if (i) CHECK(f.curve_energy_only[i].max_gpus >= f.curve_energy_only[i - 1].max_gpus);
    CHECK(in_si(f.curve[i].added_it) == Approx(in_si(f.curve[i].max_it) - in_si(f.no_flex.max_it)));
  }
  // More curtailment allowed, more IT (strictly, on the energy-only curve of a flat load).
  CHECK(f.curve_energy_only.back().max_gpus > f.curve_energy_only.front().max_gpus);
}

TEST_CASE("flex: the campus found fits exactly — recomputed from its own run", "[flex]") {
  // Depth the only limit (no duration, event or energy limit): the largest campus is the one
  // whose every hour's excess ÷ m is within 40 % of IT; one node more breaks an hour. Checked
  // here from runs of those two sizes, independently of the search.
  Site site = default_site({"flex.curtailable_share=40%", "flex.max_duration=8760 h",
                            "flex.max_energy_share=50%"});
  const FlexResult f = find_flex_capacity(site);
  const FlexPoint& p = f.at_site_limits;
  REQUIRE(p.binding == "depth");
  const double cap = in_si(f.no_flex.limit);
  auto worst_share = [&](std::int64_t gpus) {
    Site s = site;
    const double k = static_cast<double>(gpus) / static_cast<double>(s.clusters[0].count);
    for (auto& c : s.clusters) {
      const int64_t per = std::max(1, c.accelerator.gpus_per_node);
      c.count = (&c == &s.clusters[0]) ? gpus
                                       : std::llround(static_cast<double>(c.count) * k / per) * per;
    }
    const RunResult r = run(s, {.channels = {"it_power", "facility_power", "cooling_power",
                                             "distribution_loss", "ups_loss", "transformer_loss"}});
    const auto it = r.channel("it_power"), fac = r.channel("facility_power"),
               cool = r.channel("cooling_power"), dist = r.channel("distribution_loss"),
               ups = r.channel("ups_loss"), tr = r.channel("transformer_loss");
    double worst = 0;
    for (std::size_t t = 0; t < it.size(); ++t) {
      const double m = (it[t] + cool[t] + dist[t] + ups[t] + tr[t]) / it[t];
      worst = std::max(worst, std::max(0.0, fac[t] - cap) / m / it[t]);
    }
    return worst;
  };
  const int64_t per = site.clusters[0].accelerator.gpus_per_node;
  CHECK(worst_share(p.max_gpus) <= 0.4);
  CHECK(worst_share(p.max_gpus + per) > 0.4);
  CHECK(p.deepest_share == Approx(worst_share(p.max_gpus)).epsilon(1e-9));
  // The campus grew by much more than without flexibility: 40 % of IT shed in the worst hour.
  CHECK(p.max_gpus > f.no_flex.max_gpus * 1.3);
}

TEST_CASE("flex: a site without flexibility is refused, and a phased site gets its years", "[flex]") {
  CHECK_THROWS_WITH(find_flex_capacity(default_site()), Contains("flex.curtailable_share = 0"));
  const Site s = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml",
                           {"flex.curtailable_share=25%", "flex.max_duration=10 h"});
  const FlexResult f = find_flex_capacity(s);
  REQUIRE(f.phases.size() == 5);
  CHECK(f.phases.front().planned_year == 2027);
  for (const PhaseEnergization& e : f.phases) {
    // Flexibility never delays a step; every step here fits its planned year's connection.
    CHECK(e.earliest_without_flex >= e.planned_year);
    CHECK(e.earliest_with_flex <= e.earliest_without_flex);
  }
  // The same site on a connection that stays at 150 MVA: the later steps never fit.
  const Site small = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml",
                               {"flex.curtailable_share=25%", "grid.upgrade[0].connection=150 MVA"});
  const FlexResult g = find_flex_capacity(small);
  CHECK(g.phases.back().earliest_without_flex == 0);
  CHECK_THAT(to_json(g), Contains("\"earliest_without_flex\": null"));
  bool noted = false;
  for (const auto& n : g.notes) noted = noted || n.find("no scheduled connection carries it") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("flex: constrained hours — flexibility gives back exactly what they took", "[flex]") {
  // tests/data/capacity_evening_peak.csv: the network gives 90 % of the connection from 18:00 to
  // 21:00 every day, 100 % otherwise. Without flexibility the campus is cut to fit 0.9 × the
  // capacity every evening; with 3-hour events of up to 25 % of IT and energy enough, it sheds
  // those three hours each day and grows back to the campus of the unconstrained connection with
  // the same flexibility (its other hours bind exactly as before).
  const std::string csv = DCLOAD_SOURCE_DIR "/tests/data/capacity_evening_peak.csv";
  const std::vector<std::string> flex = {"flex.curtailable_share=25%", "flex.max_energy_share=5%"};
  std::vector<std::string> with_profile = flex;
  with_profile.push_back("grid.capacity_profile=" + csv);
  const FlexResult open = find_flex_capacity(default_site(flex));
  const FlexResult constrained = find_flex_capacity(default_site(with_profile));
  CHECK(constrained.capacity_profile);
  // The evening cut: about 10 % less IT without flexibility (the evening hours bind at 0.9).
  CHECK(constrained.no_flex.max_gpus < open.no_flex.max_gpus);
  CHECK(in_si(constrained.no_flex.max_it) / in_si(open.no_flex.max_it) == Approx(0.9).margin(0.02));
  // Given back exactly.
  CHECK(constrained.at_site_limits.max_gpus == open.at_site_limits.max_gpus);
  // Three curtailed hours on every day, one event each.
  CHECK(constrained.at_site_limits.events >= 365);
  CHECK(constrained.at_site_limits.curtailed_hours >= 3 * 365);
  CHECK(constrained.at_site_limits.longest_event_h == 3);
}

TEST_CASE("flex: per-cluster shares — what a cluster cannot shed stays on", "[flex]") {
  // The hand case of the first test (hour 3 needs ΔIT = 16 W) against an hourly limit of the
  // clusters' curtailable IT instead of one share of IT: 15.9 W breaks it, 16 W holds.
  const std::vector<double> fac = {100, 100, 120, 130, 100, 100, 100, 100};
  std::vector<double> it(fac.size()), ratio(fac.size(), 1.25), cap(fac.size(), 110.0);
  for (std::size_t t = 0; t < fac.size(); ++t) it[t] = fac[t] / 1.25;
  std::vector<double> can(fac.size(), 0.0);
  can[2] = 8;
  can[3] = 15.9;
  bool ok = true;
  FlexSpec f = limits(0.0, 2);  // the campus share is not used when the hourly limit is given
  CHECK(detail::evaluate_flex(fac, it, ratio, cap, 200, f, 1.0, 1.0, &ok, &can).binding == "depth");
  can[3] = 16;
  detail::evaluate_flex(fac, it, ratio, cap, 200, f, 1.0, 1.0, &ok, &can);
  CHECK(ok);

  // The curtailable_it_power channel is Σ share × the cluster's IT power: with every cluster at
  // 50 % it is half the IT power; the shares of the two clusters add up (linear identity).
  const std::vector<std::string> ch = {"it_power", "curtailable_it_power"};
  const Site all = default_site({"flex.curtailable_share=50%"});
  const Site only0 = default_site({"flex.curtailable_share=50%", "cluster[1].curtailable_share=0%"});
  const Site only1 = default_site({"cluster[1].curtailable_share=50%"});
  const RunResult ra = run(all, {.channels = ch}), r0 = run(only0, {.channels = ch}),
                  r1 = run(only1, {.channels = ch});
  const auto ita = ra.channel("it_power"), ca = ra.channel("curtailable_it_power"),
             c0 = r0.channel("curtailable_it_power"), c1 = r1.channel("curtailable_it_power");
  REQUIRE(ca.size() == 8760);
  double worst = 0;
  for (std::size_t t = 0; t < ca.size(); ++t) {
    worst = std::max(worst, std::abs(ca[t] - 0.5 * ita[t]) / ita[t]);
    worst = std::max(worst, std::abs(c0[t] + c1[t] - ca[t]) / ca[t]);
  }
  CHECK(worst < 1e-12);
  // A site offering no flexibility has no such channel.
  CHECK_THROWS_WITH(run(default_site(), {.channels = ch}), Contains("no channel named \"curtailable_it_power\""));
  // The offered share is weighted by design IT power.
  const double d0 = in_si(only0.clusters[0].design_power()), d1 = in_si(only0.clusters[1].design_power());
  CHECK(only0.offered_flex_share() == Approx(0.5 * d0 / (d0 + d1)).epsilon(1e-12));
  CHECK(only1.offered_flex_share() == Approx(0.5 * d1 / (d0 + d1)).epsilon(1e-12));

  // Every cluster given the campus's share explicitly is the campus share; holding one cluster
  // back can only shrink what fits, never below the campus without flexibility.
  const FlexResult fa = find_flex_capacity(all);
  const FlexResult fe = find_flex_capacity(
      default_site({"cluster[0].curtailable_share=50%", "cluster[1].curtailable_share=50%"}));
  const FlexResult f0 = find_flex_capacity(only0);
  CHECK(fe.at_site_limits.max_gpus == fa.at_site_limits.max_gpus);
  CHECK(fe.curve.back().max_gpus == fa.curve.back().max_gpus);
  CHECK(f0.at_site_limits.max_gpus <= fa.at_site_limits.max_gpus);
  CHECK(f0.at_site_limits.max_gpus >= f0.no_flex.max_gpus);
  CHECK(f0.no_flex.max_gpus == fa.no_flex.max_gpus);
  CHECK_THAT(to_json(f0), Contains("\"cluster_shares\": {\"h200\": 0.5, \"b200\": 0}"));
}

TEST_CASE("flex: grid.constrained_hours — the hours chosen and the capacity in them", "[flex]") {
  // Hand case: 4 hours, connection 10 W, 2 constrained hours at 25 % withdrawn. Without a
  // regional load the campus's own two highest hours (9 and 7 W) get 7.5 W.
  Site s = default_site();
  s.grid.constrained_hours = 2;
  s.grid.constrained_share = 0.25;
  const std::vector<double> fac = {5, 9, 7, 3};
  CHECK(detail::flex_capacity_series(s, 10, fac, 1.0) == std::vector<double>{10, 7.5, 7.5, 10});
  // With a regional load, its highest hours (here the 4th and the 1st) whatever the campus does.
  s.grid.regional_load.assign(8760, 1.0);
  s.grid.regional_load[3] = 50;
  s.grid.regional_load[0] = 40;
  CHECK(detail::flex_capacity_series(s, 10, fac, 1.0) == std::vector<double>{7.5, 10, 10, 7.5});

  // A whole year: 200 constrained hours at 10 % taken at the campus's own peak hours cut the
  // campus without flexibility to ≈ 0.9 of the open one (its peak must fit 0.9 × the connection);
  // any other choice of hours (a regional load peaking on winter evenings) cuts it no more.
  const std::vector<std::string> flex = {"flex.curtailable_share=25%", "flex.max_energy_share=5%",
                                         "flex.max_duration=8760 h"};
  std::vector<std::string> worst = flex;
  worst.insert(worst.end(), {"grid.constrained_hours=200", "grid.constrained_share=10%"});
  const FlexResult open = find_flex_capacity(default_site(flex));
  const FlexResult cut = find_flex_capacity(default_site(worst));
  CHECK(cut.constrained_hours == 200);
  CHECK(in_si(cut.no_flex.max_it) / in_si(open.no_flex.max_it) == Approx(0.9).margin(0.02));
  CHECK(cut.at_site_limits.max_gpus > cut.no_flex.max_gpus);
  CHECK(cut.at_site_limits.curtailed_hours >= 200);
  bool noted = false;
  for (const auto& n : cut.notes) noted = noted || n.find("the worst case") != std::string::npos;
  CHECK(noted);
  const std::string csv = "/tmp/dcload_test_regional_load.csv";
  {
    std::ofstream o(csv);
    o << "hour,load\n";
    for (int h = 0; h < 8760; ++h) {
      const int day = h / 24, hod = h % 24;
      const bool winter = day < 59 || day >= 334;
      o << h << ',' << (winter && hod >= 17 && hod < 21 ? 90 : 60) << '\n';
    }
  }
  std::vector<std::string> regional = worst;
  regional.push_back("grid.regional_load=" + csv);
  const FlexResult reg = find_flex_capacity(default_site(regional));
  CHECK(reg.regional_load);
  CHECK(reg.no_flex.max_gpus >= cut.no_flex.max_gpus);
  std::remove(csv.c_str());
}

TEST_CASE("flex: constrained-hour inputs that cannot be meant are refused", "[flex]") {
  CHECK_THROWS_WITH(default_site({"grid.constrained_hours=100"}),
                    Contains("grid.constrained_share > 0"));
  CHECK_THROWS_WITH(default_site({"grid.constrained_hours=100", "grid.constrained_share=10%",
                                  "grid.capacity_profile=" DCLOAD_SOURCE_DIR
                                  "/tests/data/capacity_evening_peak.csv"}),
                    Contains("give one"));
  // A 24-row profile has no hours of the year to rank.
  const std::string csv = "/tmp/dcload_test_regional_day.csv";
  {
    std::ofstream o(csv);
    o << "hour,load\n";
    for (int h = 0; h < 24; ++h) o << h << ",1\n";
  }
  CHECK_THROWS_WITH(default_site({"grid.constrained_hours=100", "grid.constrained_share=10%",
                                  "grid.regional_load=" + csv}),
                    Contains("grid.regional_load") && Contains("needs 8,760 hourly rows"));
  std::remove(csv.c_str());
  CHECK_THROWS_WITH(default_site({"cluster[0].curtailable_share=120%"}),
                    Contains("cluster[0].curtailable_share"));
}
