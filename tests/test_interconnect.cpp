// The large-load data pack and the Korean grid-impact pre-screen (include/dcload/interconnect.hpp):
// every quantity against a hand calculation from the same run.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

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

namespace {
// Splits CSV text into rows of fields (RFC 4180 quoting: "" inside quotes is one quote).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}
}  // namespace

TEST_CASE("interconnect: the CSVs carry the pack's own values, one row per site and per item", "[interconnect]") {
  const std::vector<InterconnectionPack> packs = {
      interconnection_pack(load_site(std::string(DCLOAD_SOURCE_DIR "/configs/regions/ulsan_lng.toml"))),
      interconnection_pack(load_site(std::string(DCLOAD_SOURCE_DIR "/configs/regions/capital.toml")))};
  const auto rows = parse_csv(datapack_csv(packs));
  REQUIRE(rows.size() == 3);
  // Every row as wide as the header: 31 scalars + 12 months + 24 hours.
  CHECK(rows[0].size() == 31 + 12 + 24);
  for (const auto& r : rows) CHECK(r.size() == rows[0].size());
  const auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin());
  };
  for (std::size_t k = 0; k < packs.size(); ++k) {
    const auto& r = rows[k + 1];
    // The site names hold commas: quoted, read back whole.
    CHECK(r[col("site")] == packs[k].site);
    // Shortest round-trip numbers: read back bit for bit.
    CHECK(std::stod(r[col("peak_facility_mw")]) == in_megawatts(packs[k].peak_facility));
    CHECK(std::stod(r[col("self_sufficiency")]) == packs[k].self_sufficiency);
    CHECK(std::stod(r[col("energy_jul_mwh")]) == in_megawatt_hours(packs[k].monthly_energy[6]));
    CHECK(std::stod(r[col("mean_demand_h14_mw")]) == in_megawatts(packs[k].mean_day[14]));
    // Not computed at hourly steps (NaN in the pack): an empty field, not "nan".
    CHECK(r[col("swing_band_share_0p1_3hz")].empty());
  }
  const auto items = parse_csv(kgia_csv(packs));
  REQUIRE(items.size() == 1 + 2 * packs[0].items.size());
  for (const auto& r : items) CHECK(r.size() == 10);
  // The capital-region campus's demand-dispersion reading, −15, in its own row.
  const auto dispersion = std::find_if(items.begin(), items.end(), [&](const auto& r) {
    return r[0] == packs[1].site && r[2] == "전력수요 분산화 효과";
  });
  REQUIRE(dispersion != items.end());
  CHECK(std::stod((*dispersion)[7]) == -15.0);
}
