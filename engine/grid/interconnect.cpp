// The large-load data pack and the Korean grid-impact pre-screen (include/dcload/interconnect.hpp):
// one run of the site, its hourly facility demand, its supply and backup, and the items of the
// assessment dcload can inform.
#include "dcload/interconnect.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "output/json_text.hpp"
#include "output/text_table.hpp"
#include "stages.hpp"

namespace dcload {
namespace {

std::string num(double v) { return detail::json_number(v); }
double mw(Power p) { return in_megawatts(p); }
double mwh(Energy e) { return in_megawatt_hours(e); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The capital region (수도권: Seoul, Incheon, Gyeonggi) from the weather source.
bool capital_weather(const std::string& weather) {
  const std::string w = lower(weather);
  for (const char* name : {"seoul", "incheon", "suwon", "icheon", "gimpo", "seongnam", "yongin"})
    if (w.find(name) != std::string::npos) return true;
  return false;
}

std::string fmt(const char* f, double v) {
  char b[96];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

}  // namespace

InterconnectionPack interconnection_pack(const Site& site, const RunOptions& options) {
  RunOptions o = options;
  o.sink = nullptr;
  o.keep_in_memory = true;
  o.channels = {"facility_power"};
  const RunResult r = run(site, o);
  const Summary& s = r.summary;

  InterconnectionPack p;
  p.site = s.site;
  p.status = std::string(r.status.name());
  if (site.grid.region == "auto") {
    p.region = capital_weather(site.weather) ? "capital" : "non_capital";
    p.region_from_weather = true;
    p.notes.push_back("region " + p.region + " taken from the weather (" + site.weather +
                      "); set grid.region to state it");
  } else {
    p.region = site.grid.region;
  }
  p.peak_facility = s.peak_facility;
  p.peak_apparent = s.peak_facility_apparent;
  p.power_factor = site.grid.power_factor;
  p.contracted_demand = site.grid.contracted_demand;
  p.grid_capacity = s.grid_capacity;
  p.grid_capacity_n1 = s.grid_capacity_n1;
  p.pue = s.pue_annual;
  p.facility_energy = s.facility_energy;
  p.monthly_energy = s.facility_energy_monthly;
  const auto fac = r.channel("facility_power");
  const double dt_s = in_si(s.timestep);
  double sum = 0;
  std::array<double, 24> by_hour{};
  std::array<double, 24> n_hour{};
  for (std::size_t k = 0; k < fac.size(); ++k) {
    sum += fac[k];
    const double t = in_si(s.start) + static_cast<double>(k) * dt_s;
    const auto h = static_cast<std::size_t>(std::fmod(t / 3600.0, 24.0));
    by_hour[h] += fac[k];
    n_hour[h] += 1;
  }
  const double mean_w = fac.empty() ? 0 : sum / static_cast<double>(fac.size());
  p.load_factor = in_si(s.peak_facility) > 0 ? mean_w / in_si(s.peak_facility) : 0;
  for (std::size_t h = 0; h < 24; ++h) p.mean_day[h] = watts(n_hour[h] > 0 ? by_hour[h] / n_hour[h] : 0);
  p.max_ramp_per_s = s.max_ramp_per_s;
  p.max_ramp_per_min = s.max_ramp_per_min;
  p.dynamic_range = s.facility_dynamic_range;
  p.swing_band_share = s.swing_band_share;
  p.timestep = s.timestep;
  if (dt_s > 1.0)
    p.notes.push_back("ramps at " + fmt("%g", dt_s) +
                      " s steps are scaled from step-to-step changes (resolution-limited); run "
                      "with --timestep \"1 s\" (a window) for the swing band and true ramps");

  for (const SupplyResult& x : s.supply) {
    if (x.type == "lng_ccgt" || x.type == "solar" || x.type == "wind") {
      p.onsite_energy += x.energy;
      p.onsite_capacity += x.capacity;  // solar: DC; lng: all units
      if (x.type == "lng_ccgt") p.onsite_firm += x.capacity;
    }
    if (x.type == "battery") {
      p.battery_power = x.capacity;
      p.battery_energy = x.battery_energy;
    }
  }
  p.self_sufficiency = in_si(s.facility_energy) > 0 ? in_si(p.onsite_energy) / in_si(s.facility_energy) : 0;
  p.generators = s.generators;
  p.backup_generation = watts(s.generators * in_si(site.auxiliary.generator_rating));
  // The clusters' shares weighted by their design IT power (cluster[].curtailable_share, else
  // flex.curtailable_share).
  p.flex_share = site.offered_flex_share();
  p.flex_power = watts(p.flex_share * in_si(s.peak_it));
  p.flex_duration = site.flex.max_duration;
  p.flex_events = site.flex.max_events;
  for (const BuildoutYear& y : s.buildout)
    p.schedule.push_back({y.year, y.gpu_count, y.peak_facility, y.grid_capacity});
  if (p.schedule.empty()) p.schedule.push_back({0, s.gpu_count, s.peak_facility, s.grid_capacity});

  // ---- the pre-screen ---------------------------------------------------------------------
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string kgia_src = "M (MOTIE draft operating rules, 2024, via l5ene.co.kr)";
  const std::string network = "needs KEPCO's network study: not estimable here";
  const std::string business = "business data, not a campus model's: not estimable here";
  auto item = [&](const char* ko, const char* en, const char* group, double pts, std::string q,
                  double ind, std::string reading) {
    p.items.push_back({ko, en, group, pts, std::move(q), ind, std::move(reading), kgia_src});
  };
  const double peak_mw = mw(s.peak_facility);
  item("계통 여유도", "system margin", "technical", 15,
       fmt("peak %.1f MW", peak_mw) + fmt(" (%.1f MVA)", in_megavolt_amperes(s.peak_facility_apparent)),
       nan, network);
  item("과부하 증가율", "overload increase", "technical", 10, "", nan, network);
  item("전력공급 여유 확보 난이도", "difficulty of margin", "technical", 20,
       s.buildout.empty() ? "" : std::to_string(s.buildout.size()) + " build-out years", nan, network);
  item("적정전압 유지 가능 여부", "voltage maintainable (pass/fail)", "technical", 0, "", nan, network);
  {
    // Indicative (assumption, L): points in proportion to the firm on-site capacity (LNG and the
    // battery's power) against the peak demand, capped at the item's 10.
    const double firm_mw = mw(p.onsite_firm) + mw(p.battery_power);
    const double share = peak_mw > 0 ? std::min(1.0, firm_mw / peak_mw) : 0;
    item("자가 발전 운전 계획", "self-generation plan", "technical", 10,
         fmt("firm on-site %.0f MW", firm_mw) + fmt(" = %.0f %% of peak", 100 * firm_mw / std::max(peak_mw, 1e-9)),
         10 * share, "assumed: 10 × firm on-site capacity ÷ peak demand, capped (the rule is not published; L)");
  }
  item("전력 사용 효율화 계획", "efficiency plan", "technical", 5, fmt("PUE %.3f", s.pue_annual), nan,
       "the rule is not published; PUE shown");
  item("부지제공 공급여유 기여", "land for the grid (bonus +5)", "technical", 5, "", nan, business);
  item("적정전압 신청여부", "voltage requested (−15)", "technical", -15, "", nan, network);
  item("사업 안정성", "business stability", "non-technical", 5, "", nan, business);
  item("지방 재정 기여도", "local fiscal contribution", "non-technical", 5, "", nan, business);
  item("부가가치 유발 효과", "value added", "non-technical", 5, "", nan, business);
  item("직접고용 효과", "direct jobs", "non-technical", 5, "", nan, business);
  item("해당지역 지원사업", "regional programmes (+5)", "non-technical", 5, "", nan, business);
  item("특별법 지원사업 대상", "special-law programmes (+5)", "non-technical", 5, "", nan, business);
  item("전력자립도", "power self-sufficiency", "policy", 10,
       fmt("%.1f %% of the year's energy from on-site generation", 100 * p.self_sufficiency),
       10 * std::min(1.0, p.self_sufficiency),
       "assumed: 10 × the on-site share of the year's energy (the rule is not published; L)");
  item("전력정책 부합도", "policy fit", "policy", 10, "", nan, business);
  item("전력수요 분산화 효과", "demand dispersion (±15)", "policy", 15,
       p.region == "capital" ? "capital region" : "outside the capital region",
       p.region == "capital" ? -15.0 : 15.0,
       "assumed: the ends of the ±15 range by region (the rule is not published; the 2025-11-28 "
       "revision is stricter for the capital region; L)");
  for (const KgiaItem& i : p.items)
    if (!std::isnan(i.indicative_points)) {
      p.indicative_points += i.indicative_points;
      p.indicative_max += std::abs(i.max_points);
    }
  if (!r.status.ok())
    p.notes.push_back("the run's status is " + p.status + ": " +
                      (r.status.messages.empty() ? std::string() : r.status.messages.front()));
  return p;
}

std::string to_json(const std::vector<InterconnectionPack>& packs) {
  std::ostringstream o;
  o << "[";
  for (std::size_t k = 0; k < packs.size(); ++k) {
    const InterconnectionPack& p = packs[k];
    o << (k ? ",\n" : "\n") << "{\n  \"site\": " << detail::json_string(p.site)
      << ",\n  \"status\": " << detail::json_string(p.status)
      << ",\n  \"region\": " << detail::json_string(p.region)
      << ",\n  \"region_from_weather\": " << (p.region_from_weather ? "true" : "false")
      << ",\n  \"peak_facility_mw\": " << num(mw(p.peak_facility))
      << ",\n  \"peak_apparent_mva\": " << num(in_megavolt_amperes(p.peak_apparent))
      << ",\n  \"power_factor\": " << num(p.power_factor)
      << ",\n  \"contracted_demand_mw\": " << num(mw(p.contracted_demand))
      << ",\n  \"grid_capacity_mw\": " << num(mw(p.grid_capacity))
      << ",\n  \"grid_capacity_n1_mw\": " << num(mw(p.grid_capacity_n1))
      << ",\n  \"load_factor\": " << num(p.load_factor) << ",\n  \"pue\": " << num(p.pue)
      << ",\n  \"facility_energy_mwh\": " << num(mwh(p.facility_energy))
      << ",\n  \"monthly_energy_mwh\": [";
    for (std::size_t m = 0; m < 12; ++m) o << (m ? ", " : "") << num(mwh(p.monthly_energy[m]));
    o << "],\n  \"mean_day_mw\": [";
    for (std::size_t h = 0; h < 24; ++h) o << (h ? ", " : "") << num(mw(p.mean_day[h]));
    o << "],\n  \"timestep_s\": " << num(in_si(p.timestep))
      << ",\n  \"max_ramp_mw_per_s\": " << num(mw(p.max_ramp_per_s))
      << ",\n  \"max_ramp_mw_per_min\": " << num(mw(p.max_ramp_per_min))
      << ",\n  \"dynamic_range_mw\": " << num(mw(p.dynamic_range))
      << ",\n  \"swing_band_share_0p1_3hz\": " << num(p.swing_band_share)
      << ",\n  \"onsite_capacity_mw\": " << num(mw(p.onsite_capacity))
      << ",\n  \"onsite_firm_mw\": " << num(mw(p.onsite_firm))
      << ",\n  \"onsite_energy_mwh\": " << num(mwh(p.onsite_energy))
      << ",\n  \"self_sufficiency\": " << num(p.self_sufficiency)
      << ",\n  \"battery_mw\": " << num(mw(p.battery_power))
      << ",\n  \"battery_mwh\": " << num(mwh(p.battery_energy))
      << ",\n  \"generators\": " << p.generators
      << ",\n  \"backup_generation_mw\": " << num(mw(p.backup_generation))
      << ",\n  \"flex_share\": " << num(p.flex_share) << ",\n  \"flex_mw\": " << num(mw(p.flex_power))
      << ",\n  \"flex_duration_h\": " << num(in_si(p.flex_duration) / 3600.0)
      << ",\n  \"flex_events_per_year\": " << p.flex_events << ",\n  \"schedule\": [";
    for (std::size_t i = 0; i < p.schedule.size(); ++i) {
      const EnergizationStep& e = p.schedule[i];
      o << (i ? ", " : "") << "{\"year\": " << (e.year ? std::to_string(e.year) : "null")
        << ", \"gpu_count\": " << e.gpu_count << ", \"peak_facility_mw\": " << num(mw(e.peak_facility))
        << ", \"grid_capacity_mw\": " << num(mw(e.grid_capacity)) << "}";
    }
    o << "],\n  \"kgia\": {\"indicative_points\": " << num(p.indicative_points)
      << ", \"indicative_max\": " << num(p.indicative_max) << ", \"pass_mark\": 70, \"items\": [";
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const KgiaItem& it = p.items[i];
      o << (i ? ",\n    " : "\n    ") << "{\"item\": " << detail::json_string(it.item)
        << ", \"item_en\": " << detail::json_string(it.item_en)
        << ", \"group\": " << detail::json_string(it.group) << ", \"max_points\": " << num(it.max_points)
        << ", \"quantity\": " << detail::json_string(it.quantity)
        << ", \"indicative_points\": " << num(it.indicative_points)
        << ", \"reading\": " << detail::json_string(it.reading)
        << ", \"confidence\": " << detail::json_string(it.confidence) << "}";
    }
    o << "]},\n  \"notes\": [";
    for (std::size_t i = 0; i < p.notes.size(); ++i) o << (i ? ", " : "") << detail::json_string(p.notes[i]);
    o << "]\n}";
  }
  o << "\n]\n";
  return o.str();
}

namespace {

using detail::csv_field;  // output/text_table.hpp

std::string csv_num(double v) { return std::isnan(v) ? std::string() : detail::json_number(v); }

}  // namespace

std::string datapack_csv(const std::vector<InterconnectionPack>& packs) {
  // One row per site; the columns are the JSON's scalar keys, then the monthly energy and the
  // mean day (the schedule and the pre-screen items: kgia_csv and the JSON).
  using P = InterconnectionPack;
  struct Col {
    const char* name;
    std::string (*get)(const P&);
  };
  static const Col kCols[] = {
      {"site", [](const P& p) { return csv_field(p.site); }},
      {"status", [](const P& p) { return csv_field(p.status); }},
      {"region", [](const P& p) { return csv_field(p.region); }},
      {"peak_facility_mw", [](const P& p) { return csv_num(mw(p.peak_facility)); }},
      {"peak_apparent_mva", [](const P& p) { return csv_num(in_megavolt_amperes(p.peak_apparent)); }},
      {"power_factor", [](const P& p) { return csv_num(p.power_factor); }},
      {"contracted_demand_mw", [](const P& p) { return csv_num(mw(p.contracted_demand)); }},
      {"grid_capacity_mw", [](const P& p) { return csv_num(mw(p.grid_capacity)); }},
      {"grid_capacity_n1_mw", [](const P& p) { return csv_num(mw(p.grid_capacity_n1)); }},
      {"load_factor", [](const P& p) { return csv_num(p.load_factor); }},
      {"pue", [](const P& p) { return csv_num(p.pue); }},
      {"facility_energy_mwh", [](const P& p) { return csv_num(mwh(p.facility_energy)); }},
      {"timestep_s", [](const P& p) { return csv_num(in_si(p.timestep)); }},
      {"max_ramp_mw_per_s", [](const P& p) { return csv_num(mw(p.max_ramp_per_s)); }},
      {"max_ramp_mw_per_min", [](const P& p) { return csv_num(mw(p.max_ramp_per_min)); }},
      {"dynamic_range_mw", [](const P& p) { return csv_num(mw(p.dynamic_range)); }},
      {"swing_band_share_0p1_3hz", [](const P& p) { return csv_num(p.swing_band_share); }},
      {"onsite_capacity_mw", [](const P& p) { return csv_num(mw(p.onsite_capacity)); }},
      {"onsite_firm_mw", [](const P& p) { return csv_num(mw(p.onsite_firm)); }},
      {"onsite_energy_mwh", [](const P& p) { return csv_num(mwh(p.onsite_energy)); }},
      {"self_sufficiency", [](const P& p) { return csv_num(p.self_sufficiency); }},
      {"battery_mw", [](const P& p) { return csv_num(mw(p.battery_power)); }},
      {"battery_mwh", [](const P& p) { return csv_num(mwh(p.battery_energy)); }},
      {"generators", [](const P& p) { return std::to_string(p.generators); }},
      {"backup_generation_mw", [](const P& p) { return csv_num(mw(p.backup_generation)); }},
      {"flex_share", [](const P& p) { return csv_num(p.flex_share); }},
      {"flex_mw", [](const P& p) { return csv_num(mw(p.flex_power)); }},
      {"flex_duration_h", [](const P& p) { return csv_num(in_si(p.flex_duration) / 3600.0); }},
      {"flex_events_per_year", [](const P& p) { return std::to_string(p.flex_events); }},
      {"kgia_indicative_points", [](const P& p) { return csv_num(p.indicative_points); }},
      {"kgia_indicative_max", [](const P& p) { return csv_num(p.indicative_max); }},
  };
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string o;
  for (const Col& c : kCols) {
    if (!o.empty()) o += ',';
    o += c.name;
  }
  for (const char* m : kMonths) o += std::string(",energy_") + m + "_mwh";
  for (int h = 0; h < 24; ++h) o += fmt(",mean_demand_h%02.0f_mw", h);
  o += '\n';
  for (const P& p : packs) {
    std::string row;
    for (const Col& c : kCols) {
      if (&c != kCols) row += ',';
      row += c.get(p);
    }
    for (const Energy& e : p.monthly_energy) {
      row += ',';
      row += csv_num(mwh(e));
    }
    for (const Power& w : p.mean_day) {
      row += ',';
      row += csv_num(mw(w));
    }
    o += row + '\n';
  }
  return o;
}

std::string kgia_csv(const std::vector<InterconnectionPack>& packs) {
  std::string o = "site,region,item,item_en,group,max_points,quantity,indicative_points,reading,confidence\n";
  for (const InterconnectionPack& p : packs)
    for (const KgiaItem& i : p.items) {
      o += csv_field(p.site);
      // One field at a time (`"," + f` trips g++ 12's -Wrestrict false positive).
      const std::string fields[] = {csv_field(p.region),       csv_field(i.item),
                                    csv_field(i.item_en),      csv_field(i.group),
                                    csv_num(i.max_points),     csv_field(i.quantity),
                                    csv_num(i.indicative_points), csv_field(i.reading),
                                    csv_field(i.confidence)};
      for (const std::string& f : fields) {
        o += ',';
        o += f;
      }
      o += '\n';
    }
  return o;
}

namespace {
// A table with one label column and one column per site, fitted to 100 terminal columns
// (site names wrapped, wide Hangul counted as two columns; output/text_table.hpp), indented.
std::string table(const std::vector<InterconnectionPack>& packs,
                  const std::vector<std::pair<std::string, std::vector<std::string>>>& rows) {
  std::vector<std::string> labels, names;
  std::vector<std::vector<std::string>> cells;
  for (const auto& [label, line] : rows) {
    labels.push_back(label);
    cells.push_back(line);
  }
  for (const auto& p : packs) names.push_back(p.site);
  const std::string t = detail::terminal_table(labels, names, cells, 98);
  std::string o;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t e = t.find('\n', i);
    const std::string line = t.substr(i, e - i);
    if (!line.empty()) o += "  ";
    o += line;
    o += '\n';
    i = e + 1;
  }
  return o;
}

template <class F>
std::vector<std::string> each(const std::vector<InterconnectionPack>& packs, F f) {
  std::vector<std::string> v;
  for (const auto& p : packs) v.push_back(f(p));
  return v;
}
}  // namespace

std::string datapack_report(const std::vector<InterconnectionPack>& packs) {
  using P = InterconnectionPack;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
      {"status", each(packs, [](const P& p) { return p.status; })},
      {"peak demand MW", each(packs, [](const P& p) { return fmt("%.1f", mw(p.peak_facility)); })},
      {"peak demand MVA (at the pf)", each(packs, [](const P& p) { return fmt("%.1f", in_megavolt_amperes(p.peak_apparent)); })},
      {"power factor", each(packs, [](const P& p) { return fmt("%.2f", p.power_factor); })},
      {"connection MW, normal / N-1", each(packs, [](const P& p) { return fmt("%.0f", mw(p.grid_capacity)) + " / " + fmt("%.0f", mw(p.grid_capacity_n1)); })},
      {"load factor", each(packs, [](const P& p) { return fmt("%.3f", p.load_factor); })},
      {"PUE", each(packs, [](const P& p) { return fmt("%.3f", p.pue); })},
      {"energy GWh/yr", each(packs, [](const P& p) { return fmt("%.0f", mwh(p.facility_energy) / 1e3); })},
      {"max ramp MW/s, MW/min", each(packs, [](const P& p) { return fmt("%.2f", mw(p.max_ramp_per_s)) + ", " + fmt("%.1f", mw(p.max_ramp_per_min)); })},
      {"dynamic range MW", each(packs, [](const P& p) { return fmt("%.1f", mw(p.dynamic_range)); })},
      {"swing band share 0.1-3 Hz", each(packs, [](const P& p) { return std::isnan(p.swing_band_share) ? std::string("— (steps > 0.1 s)") : fmt("%.3f", p.swing_band_share); })},
      {"on-site generation MW (firm)", each(packs, [](const P& p) { return fmt("%.0f", mw(p.onsite_capacity)) + " (" + fmt("%.0f", mw(p.onsite_firm)) + ")"; })},
      {"battery MW / MWh", each(packs, [](const P& p) { return fmt("%.0f", mw(p.battery_power)) + " / " + fmt("%.0f", mwh(p.battery_energy)); })},
      {"backup generation MW (sets)", each(packs, [](const P& p) { return fmt("%.0f", mw(p.backup_generation)) + " (" + std::to_string(p.generators) + ")"; })},
      {"flexibility offered", each(packs, [](const P& p) { return p.flex_share > 0 ? fmt("%.0f MW", mw(p.flex_power)) + fmt(" for %.0f h", in_si(p.flex_duration) / 3600.0) : std::string("none"); })},
      {"energization (year: peak MW)", each(packs, [](const P& p) {
         std::string v;
         for (const auto& e : p.schedule) {
           if (!v.empty()) v += ' ';
           if (e.year) {
             v += std::to_string(e.year);
             v += ':';
           }
           v += fmt("%.0f", mw(e.peak_facility));
         }
         return v;
       })},
  };
  std::string out = "dcload datapack — what a large-load interconnection study asks for\n\n" + table(packs, rows);
  for (const auto& p : packs)
    for (const auto& n : p.notes) out += detail::wrap_text("  note (" + p.site + "): " + n, 100, 4);
  return out;
}

std::string kgia_report(const std::vector<InterconnectionPack>& packs) {
  using P = InterconnectionPack;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
      {"region", each(packs, [](const P& p) { return p.region + (p.region_from_weather ? " (from weather)" : ""); })},
      {"peak / contract demand MW", each(packs, [](const P& p) { return fmt("%.1f", mw(p.peak_facility)) + " / " + (in_si(p.contracted_demand) > 0 ? fmt("%.1f", mw(p.contracted_demand)) : std::string("—")); })},
      {"load factor", each(packs, [](const P& p) { return fmt("%.3f", p.load_factor); })},
      {"PUE", each(packs, [](const P& p) { return fmt("%.3f", p.pue); })},
      {"on-site generation MW (firm)", each(packs, [](const P& p) { return fmt("%.0f", mw(p.onsite_capacity)) + " (" + fmt("%.0f", mw(p.onsite_firm)) + ")"; })},
      {"self-sufficiency (전력자립도)", each(packs, [](const P& p) { return fmt("%.1f %%", 100 * p.self_sufficiency); })},
      {"flexibility offered", each(packs, [](const P& p) { return p.flex_share > 0 ? fmt("%.0f MW", mw(p.flex_power)) : std::string("none"); })},
  };
  std::string out =
      "dcload kgia — pre-screen for Korea's grid impact assessment (전력계통영향평가, loads ≥ 10 MW)\n\n" +
      table(packs, rows) + "\n";
  std::vector<std::pair<std::string, std::vector<std::string>>> items;
  if (!packs.empty())
    for (std::size_t i = 0; i < packs.front().items.size(); ++i) {
      const KgiaItem& it = packs.front().items[i];
      std::string label = it.item_en;
      if (it.max_points != 0 && it.item_en.find('(') == std::string::npos) {
        label += " (";
        label += fmt("%+.0f", it.max_points);
        label += ')';
      }
      items.push_back({label, each(packs, [i](const P& p) {
                         const KgiaItem& x = p.items[i];
                         return std::isnan(x.indicative_points) ? std::string("—") : fmt("%+.1f", x.indicative_points);
                       })});
    }
  items.push_back({"indicative points (of the 3 items)", each(packs, [](const P& p) {
                     return fmt("%+.1f", p.indicative_points) + fmt(" of %.0f", p.indicative_max);
                   })});
  out += "  items (points; indicative readings are assumptions, L; — = not estimable here)\n" + table(packs, items);
  out +=
      "\n  Pass: voltage maintainable and ≥ 70 points. The items of KEPCO's network study (system\n"
      "  margin 15, overload 10, difficulty 20, voltage pass/fail, voltage request −15) and the\n"
      "  business items cannot be known from a campus model: this pre-screen cannot say whether\n"
      "  a file passes. Items and points: MOTIE's draft operating rules (2024) as summarised by\n"
      "  l5ene.co.kr (M); how points are awarded within an item is not published.\n";
  for (const auto& p : packs)
    for (const auto& n : p.notes) out += detail::wrap_text("  note (" + p.site + "): " + n, 100, 4);
  return out;
}

}  // namespace dcload
