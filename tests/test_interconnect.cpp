// The large-load data pack and the Korean grid-impact pre-screen (include/dcload/interconnect.hpp):
// every quantity against a hand calculation from the same run.
#include <cmath>
#include <numeric>
#include <string>

#include <catch2/catch.hpp>

#include "dcload/dcload.hpp"

using namespace dcload;

namespace {
const KgiaItem& item(const InterconnectionPack& p, const std::string& ko) {
  for (const KgiaItem& i : p.items)
    if (i.item == ko) return i;
  FAIL("no item " << ko);
  return p.items.front();
}
}  // namespace

TEST_CASE("interconnect: the data pack's quantities from the run, by hand", "[interconnect]") {
  const Site site = default_site();
  const InterconnectionPack p = interconnection_pack(site);
  const RunResult r = run(site, {.channels = {"facility_power"}});
  const auto fac = r.channel("facility_power");
  const double peak = *std::max_element(fac.begin(), fac.end());
  const double mean = std::accumulate(fac.begin(), fac.end(), 0.0) / static_cast<double>(fac.size());
  CHECK(in_si(p.peak_facility) == Approx(peak).epsilon(1e-12));
  CHECK(p.load_factor == Approx(mean / peak).epsilon(1e-12));
  // MVA = MW / power factor.
  CHECK(in_megavolt_amperes(p.peak_apparent) == Approx(in_megawatts(p.peak_facility) / 0.95).epsilon(1e-9));
  // The mean day × 365 days and the months add up to the year's energy.
  double day_j = 0;
  for (const Power& h : p.mean_day) day_j += in_si(h) * 3600.0;
  CHECK(day_j * 365 == Approx(in_si(p.facility_energy)).epsilon(1e-9));
  double months = 0;
  for (const Energy& e : p.monthly_energy) months += in_si(e);
  CHECK(months == Approx(in_si(p.facility_energy)).epsilon(1e-9));
  // Backup = the sized sets × their rating (41 × 2.5 MW).
  CHECK(p.generators == r.summary.generators);
  CHECK(in_megawatts(p.backup_generation) == Approx(p.generators * 2.5).epsilon(1e-12));
  CHECK(p.region == "non_capital");
  CHECK_FALSE(p.region_from_weather);
  // Grid only: no self-generation, no self-sufficiency points.
  CHECK(p.self_sufficiency == 0);
  CHECK(item(p, "전력자립도").indicative_points == 0);
  CHECK(std::isnan(item(p, "계통 여유도").indicative_points));
}

TEST_CASE("interconnect: self-sufficiency and the region's reading for three regions", "[interconnect]") {
  const auto pack = [](const char* f) {
    return interconnection_pack(load_site(std::string(DCLOAD_SOURCE_DIR "/configs/regions/") + f));
  };
  const InterconnectionPack ulsan = pack("ulsan_lng.toml"), haenam = pack("haenam.toml"),
                            capital = pack("capital.toml");
  // 전력자립도 = on-site energy delivered ÷ facility energy, recomputed from the Summary.
  for (const InterconnectionPack* p : {&ulsan, &haenam, &capital}) {
    const Summary s = run(load_site(std::string(DCLOAD_SOURCE_DIR "/configs/regions/") +
                                    (p == &ulsan ? "ulsan_lng.toml" : p == &haenam ? "haenam.toml" : "capital.toml")),
                          {.channels = {"none"}}).summary;
    double onsite = 0;
    for (const SupplyResult& x : s.supply)
      if (x.type == "lng_ccgt" || x.type == "solar" || x.type == "wind") onsite += in_si(x.energy);
    CHECK(p->self_sufficiency == Approx(onsite / in_si(s.facility_energy)).epsilon(1e-12));
    CHECK(item(*p, "전력자립도").indicative_points ==
          Approx(10 * std::min(1.0, p->self_sufficiency)).epsilon(1e-12));
    CHECK(p->indicative_points == Approx(item(*p, "자가 발전 운전 계획").indicative_points +
                                         item(*p, "전력자립도").indicative_points +
                                         item(*p, "전력수요 분산화 효과").indicative_points));
    CHECK(p->indicative_max == 35);
  }
  CHECK(ulsan.self_sufficiency == Approx(1.0).epsilon(1e-12));  // the CCGT carries it all
  CHECK(haenam.self_sufficiency > 0.3);
  CHECK(capital.self_sufficiency == 0);
  CHECK(capital.region == "capital");
  CHECK(item(capital, "전력수요 분산화 효과").indicative_points == -15);
  CHECK(item(haenam, "전력수요 분산화 효과").indicative_points == 15);
  // The capital region's 1 GW does not fit its 456 MW: the status says so, not a quiet number.
  CHECK(capital.status == "over_capacity");
  const std::string json = to_json({ulsan, haenam, capital});
  CHECK(json.find("\"pass_mark\": 70") != std::string::npos);
  CHECK(json.find("\"item\": \"전력자립도\"") != std::string::npos);
}
