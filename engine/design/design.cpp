// Design stage: the plant sized once, on the site's design basis, before a run steps through
// time (engine/stages.hpp). Every component is sized for its load at design IT power (every
// cluster at full utilization) on the design outdoor states, independent of the run's time step
// and window; a run then reports each component's largest load and the hours it exceeded what
// is installed. Method and sources: engine/cooling/README.md ("Sizing").
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cooling/chiller.hpp"
#include "cooling/components.hpp"
#include "cooling/cold_source.hpp"
#include "stages.hpp"
#include "weather/psychro.hpp"

namespace dcload::detail {
namespace {

struct State {
  double db_c, wb_c;
};

// Wet-bulb of air at dry-bulb `db_c` holding the humidity ratio of (db0, wb0).
double wet_bulb_at_same_moisture(double db_c, double db0_c, double wb0_c, double p_pa) {
  const double w = weather_detail::humidity_ratio_from_wet_bulb(db0_c, wb0_c, p_pa);
  const double pv = w * p_pa / (0.621945 + w);  // ASHRAE HoF 2017 ch. 1 eq. 20 inverted
  const double rh = std::min(1.0, pv / weather_detail::saturation_pressure_pa(db_c));
  return weather_detail::wet_bulb_c(db_c, rh, p_pa);
}

double mean_of(const std::vector<double>& v, double fallback) {
  if (v.empty()) return fallback;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

// The design outdoor states of the basis: the wet-bulb state (towers) and the dry-bulb state
// (dry coolers, air-cooled chillers), or every hour of the year (peak_of_year).
std::vector<State> design_states(const Site& site, const Weather& w, PlantDesign& d) {
  const DesignConditions& c = w.design;
  const double p = d.pressure_pa;
  const bool has_design = !(c.wb_004_c == 0.0 && c.db_004_c == 0.0) &&
                          std::isfinite(c.db_004_c) && std::isfinite(c.wb_004_c);
  double max_db = -1e300, max_wb = -1e300, db_at_max_wb = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    max_db = std::max(max_db, w.dry_bulb_c[i]);
    if (w.wet_bulb_c[i] > max_wb) {
      max_wb = w.wet_bulb_c[i];
      db_at_max_wb = w.dry_bulb_c[i];
    }
  }
  DesignBasis basis = site.cooling.design_basis;
  if (basis != DesignBasis::kPeakOfYear && !has_design) {
    d.notes.push_back("the weather carries no design conditions: the plant is sized to its own "
                      "hottest hours (peak_of_year) instead of the ASHRAE basis asked for");
    basis = DesignBasis::kPeakOfYear;
  }
  std::vector<State> s;
  if (basis == DesignBasis::kPeakOfYear) {
    for (size_t i = 0; i < w.size(); ++i) s.push_back({w.dry_bulb_c[i], w.wet_bulb_c[i]});
    d.db_state_db_c = max_db;
    d.wb_state_wb_c = max_wb;
    d.wb_state_db_c = db_at_max_wb;
    d.db_state_wb_c = std::nan("");
    return s;
  }
  const double mcdb = std::isfinite(c.mcdb_wb004_c) ? c.mcdb_wb004_c : c.db_004_c;
  State wb_state{mcdb, c.wb_004_c}, db_state{c.db_004_c, c.mcwb_004_c};
  if (basis == DesignBasis::kAshraeNYear20) {
    // Towers: the extreme annual wet-bulb, its dry-bulb shifted with it from the 0.4 % state.
    // Dry coolers: the 20-year return-period dry-bulb, holding the moisture of the 0.4 % state
    // (the convention of the ASHRAE design day, HoF ch. 14).
    if (std::isfinite(c.wb_extreme_c)) {
      wb_state = {std::max(c.wb_extreme_c, mcdb + (c.wb_extreme_c - c.wb_004_c)), c.wb_extreme_c};
    } else {
      wb_state = {db_at_max_wb, max_wb};
      d.notes.push_back("design basis ashrae_n_year_20: the weather gives no extreme annual "
                        "wet-bulb; the year's highest wet-bulb hour was used");
    }
    if (std::isfinite(c.db_n20_c)) {
      db_state = {c.db_n20_c, wet_bulb_at_same_moisture(c.db_n20_c, c.db_004_c, c.mcwb_004_c, p)};
    } else {
      db_state = {max_db, wet_bulb_at_same_moisture(max_db, c.db_004_c, c.mcwb_004_c, p)};
      d.notes.push_back("design basis ashrae_n_year_20: the weather gives no 20-year "
                        "return-period dry-bulb; the year's highest dry-bulb was used");
    }
  }
  d.wb_state_db_c = wb_state.db_c;
  d.wb_state_wb_c = wb_state.wb_c;
  d.db_state_db_c = db_state.db_c;
  d.db_state_wb_c = db_state.wb_c;
  std::vector<State> states = {wb_state, db_state};
  // Air-cooled chillers reject their heat through their own coils; the towers or dry coolers
  // are then only the economizer, which carries the whole loop heat in the coldest hours and
  // nothing at the hot design states: size it (and its pumps) at the year's coldest hour too.
  if (site.cooling.chiller_type == ChillerType::kAirCooled && w.size() > 0) {
    size_t cold = 0;
    for (size_t i = 1; i < w.size(); ++i)
      if (w.dry_bulb_c[i] < w.dry_bulb_c[cold]) cold = i;
    states.push_back({w.dry_bulb_c[cold], w.wet_bulb_c[cold]});
  }
  return states;
}

Weather states_weather(const Weather& hourly, const std::vector<State>& states, double p_pa) {
  Weather w;
  w.source = "design states";
  w.latitude_deg = hourly.latitude_deg;
  w.longitude_deg = hourly.longitude_deg;
  w.timezone_h = hourly.timezone_h;
  w.elevation_m = hourly.elevation_m;
  w.timestep_s = 3600;
  w.design = hourly.design;
  for (const State& s : states) {
    w.month.push_back(7);
    w.dry_bulb_c.push_back(s.db_c);
    w.wet_bulb_c.push_back(s.wb_c);
    w.dew_point_c.push_back(s.wb_c);
    w.relative_humidity.push_back(1.0);
    w.pressure_pa.push_back(p_pa);
    w.ghi_w_m2.push_back(0.0);
    w.dni_w_m2.push_back(0.0);
    w.dhi_w_m2.push_back(0.0);
    w.wind_m_s.push_back(0.0);
  }
  return w;
}

int units_for(double load_w, double unit_w) {
  return load_w > 0 && unit_w > 0 ? static_cast<int>(std::ceil(load_w / unit_w - 1e-9)) : 0;
}

}  // namespace

PlantDesign design_plant(const Site& site, const Weather& hourly) {
  const size_t n_halls = site.halls.size();
  // Design IT per hall: every cluster at the highest draw its workload reaches at any time
  // step (a training compute phase: all GPUs of a synchronous job peak together), fans at the
  // hall's inlet. Sizing on the hourly mean instead would leave the plant short in the
  // compute phases of a 1-second run (the room's thermal mass rides through seconds, but a
  // design load should not depend on the step chosen to look at it).
  std::vector<double> hall_it(n_halls, 0.0), hall_liq(n_halls, 0.0);
  for (const ClusterSpec& cl : site.clusters) {
    const size_t h = cl.hall < n_halls ? cl.hall : 0;
    const double node_w = cluster_peak_node_power_w(cl);
    const double fixed_w =
        static_cast<double>(cl.count) * (in_si(cl.network_per_gpu) + in_si(cl.storage_per_gpu));
    const double lf = std::clamp(cl.liquid_fraction, 0.0, 1.0);
    const double fan = air_cooled_power_factor(in_celsius(site.halls[h].supply_air()));
    hall_it[h] += node_w * ((1.0 - lf) * fan + lf) + fixed_w;
    hall_liq[h] += lf * node_w;
  }
  return design_plant_for(site, hourly, hall_it, hall_liq);
}

PlantDesign design_plant_for(const Site& site, const Weather& hourly,
                             std::vector<double> hall_it, std::vector<double> hall_liq) {
  PlantDesign d;
  d.basis = site.cooling.design_basis;
  d.pressure_pa = mean_of(hourly.pressure_pa, 101325.0);
  const std::vector<State> states = design_states(site, hourly, d);
  const Weather sw = states_weather(hourly, states, d.pressure_pa);
  const size_t n = sw.size();
  const size_t n_halls = site.halls.size();
  const ElectricalSpec& e = site.electrical;
  const CoolingSpec& c = site.cooling;

  hall_it.resize(n_halls, 0.0);
  hall_liq.resize(n_halls, 0.0);
  d.halls.assign(n_halls, HallDesign{});
  for (size_t h = 0; h < n_halls; ++h) {
    const CoolingTechnology t = site.halls[h].technology;
    if (t == CoolingTechnology::kImmersion || t == CoolingTechnology::kImmersionTwoPhase)
      hall_liq[h] = hall_it[h];
    d.halls[h].it_w = hall_it[h];
    d.it_w += hall_it[h];
  }

  // ---- components to size (loads recorded by the cooling stage in sizing mode) ----
  auto add = [&](const std::string& name, const std::string& hall, double unit_w, int spares) {
    ComponentSize cs;
    cs.name = name;
    cs.hall = hall;
    cs.unit_w = unit_w;
    cs.installed = spares;  // duty added once the design load is known
    d.components.push_back(cs);
    return static_cast<int>(d.components.size() - 1);
  };
  d.chiller_component = add("chillers", "", in_si(c.chiller.unit), c.chiller.spares);
  const char* rej = c.heat_rejection == HeatRejection::kTower       ? "cooling_towers"
                    : c.heat_rejection == HeatRejection::kDryCooler ? "dry_coolers"
                    : c.heat_rejection == HeatRejection::kSeawater  ? "seawater_exchangers"
                                                                    : "adiabatic_coolers";
  // A seawater-only plant's exchangers are sized at the warmest intake of the year (the
  // terminal's send-out and the sea both vary; the flow limit is the run's, not the design's).
  // Only the intake is wanted: the pump heat (the pipe's friction, per call) is not computed.
  if (c.cold_source.enabled()) {
    d.cold_design_intake_c = -1e300;
    for (int hr = 0; hr < 8760; ++hr)
      d.cold_design_intake_c = std::max(
          d.cold_design_intake_c,
          cold_step(c.cold_source, hr * 3600.0 + 1800.0, 1.0, /*pump_heat_k=*/0.0).intake_c);
  }
  d.rejection_component = add(rej, "", in_si(c.tower_cell.unit), c.tower_cell.spares);
  // A cold source with a backup: its exchangers, in units of a tower cell's capacity
  // (assumption: no seawater plate-exchanger module size was sourced), sized below.
  if (c.cold_source.enabled() && c.heat_rejection != HeatRejection::kSeawater)
    d.cold_component = add("seawater_exchangers", "", in_si(c.tower_cell.unit), c.tower_cell.spares);
  for (size_t h = 0; h < n_halls; ++h) {
    // DX halls: the DX units (rated capacity; their load is counted rated-equivalent).
    d.halls[h].crah_component =
        site.halls[h].technology == CoolingTechnology::kDx
            ? add("dx_units", site.halls[h].name, in_si(c.dx.unit), c.dx.spares)
            : add("crahs", site.halls[h].name, in_si(c.crah.unit), c.crah.spares);
    if (site.halls[h].has_liquid_loop())
      d.halls[h].cdu_component = add("cdus", site.halls[h].name, in_si(c.cdu.unit), c.cdu.spares);
  }
  // Pumps: variable-speed sets, assumption one duty pump per duty chiller plus one standby
  // (no source for a pump count was found; their energy follows flow and head, not the count).
  d.chw_pump_component = add("chilled_water_pumps", "", 0.0, 1);
  d.cw_pump_component = add("condenser_water_pumps", "", 0.0, 1);
  const bool any_liquid = std::any_of(site.halls.begin(), site.halls.end(),
                                      [](const HallSpec& h) { return h.has_liquid_loop(); });
  if (any_liquid) d.fw_pump_component = add("facility_water_pumps", "", 0.0, 1);

  // YorkCalc towers matched to tower_design_approach at the design wet-bulb (the correlation's
  // limit 26.7 °C applies: higher wet-bulbs are evaluated at it and counted as out of range).
  d.tower_lg = yorkcalc_design_lg(d.wb_state_wb_c, in_si(c.tower_range),
                                  in_si(c.tower_design_approach));

  // ---- the UPS–cooling fixed point at design: modules for the design UPS output ----
  const double r = e.distribution_loss;
  const double dist_w = d.it_w * r / (1.0 - r);
  d.nameplate_it_w = in_si(site.design_it_power());
  const double lighting_w = site.auxiliary.lighting_fraction * d.nameplate_it_w;
  double ups_out = d.it_w + dist_w, ups_loss = 0;
  CoolingSeries cool;
  std::vector<Series> indoor(n_halls, Series(n)), liquid(n_halls, Series(n));
  for (size_t h = 0; h < n_halls; ++h) liquid[h].assign(n, hall_liq[h]);
  const double module_va = e.ups_module_rating.va();
  for (int iter = 0; iter < 8; ++iter) {
    d.ups_modules = ups_modules_installed(e, ups_out);
    const double f = ups_out / (d.ups_modules * module_va * e.ups_power_factor);
    ups_loss = d.ups_modules * module_va *
               (e.ups_no_load_loss + e.ups_proportional_loss * f + e.ups_square_loss * f * f);
    const double shared_w = dist_w + ups_loss + lighting_w;
    for (size_t h = 0; h < n_halls; ++h)
      indoor[h].assign(n, hall_it[h] + shared_w * (d.it_w > 0 ? hall_it[h] / d.it_w : 0.0));
    cool = compute_cooling(site, d, sw, indoor, liquid, /*sizing=*/true);
    double fed = 0;
    for (size_t k = 0; k < n; ++k) {
      double x = 0;
      if (e.ups_serves_crah_fans) x += cool.crah_fan_w[k];
      if (e.ups_serves_pumps) x += cool.chw_pump_w[k];
      fed = std::max(fed, x);
    }
    const double next = d.it_w + dist_w + fed;
    if (std::abs(next - ups_out) <= 1e-9 * next) break;
    ups_out = next;
  }
  d.ups_design_output_w = ups_out;

  // ---- cooling components from the loads at the design states ----
  for (size_t k = 0; k < n; ++k) {
    d.loop_heat_w = std::max(d.loop_heat_w, cool.reusable_heat_w[k]);
    d.chiller_design_load_w = std::max(d.chiller_design_load_w, cool.chiller_load_w[k]);
  }
  for (size_t i = 0; i < d.components.size(); ++i) {
    ComponentSize& cs = d.components[i];
    cs.design_load_w = cool.component_max_w[i];
  }
  // Seawater exchangers beside a backup: the most the seawater can take, the design (contract)
  // flow at the permit's warming.
  if (d.cold_component >= 0)
    d.components[static_cast<size_t>(d.cold_component)].design_load_w =
        cold_design_flow_kg_s(c.cold_source) * kSeawaterCp *
        std::max(0.0, cold_step(c.cold_source, 0.0, 1e9).limit_k);
  // Heat through the towers / dry coolers and the pumps at design: their largest state.
  d.rejection_w = d.components[static_cast<size_t>(d.rejection_component)].design_load_w;
  ComponentSize& ch = d.components[static_cast<size_t>(d.chiller_component)];
  ch.design_load_w = d.chiller_design_load_w;
  d.chillers_duty = units_for(ch.design_load_w, ch.unit_w);
  d.chillers_installed = d.chillers_duty > 0 ? d.chillers_duty + c.chiller.spares : 0;
  for (ComponentSize& cs : d.components) {
    if (cs.name.find("pumps") != std::string::npos) {
      // Pumps: per duty chiller (at least one), unit = the design pump power shared among them;
      // none for a loop that carries no heat (a campus of DX halls has no water loops).
      const int duty = cs.design_load_w > 0 ? std::max(1, d.chillers_duty) : 0;
      cs.duty = duty;
      cs.installed = duty > 0 ? duty + 1 : 0;
      cs.unit_w = duty > 0 ? cs.design_load_w / duty : 0.0;
      continue;
    }
    if (&cs == &ch) {
      cs.duty = d.chillers_duty;
      cs.installed = d.chillers_installed;
      continue;
    }
    cs.duty = units_for(cs.design_load_w, cs.unit_w);
    cs.installed = cs.duty > 0 ? cs.duty + cs.installed : 0;
  }
  const double fan_ratio = c.heat_rejection == HeatRejection::kTower      ? c.tower_fan_power_ratio
                           : c.heat_rejection == HeatRejection::kSeawater ? 0.0
                                                                          : c.dry_cooler_fan_power_ratio;
  d.fan_design_w = fan_ratio * d.rejection_w;
  // Without the cold source: the backup's fans, or towers' for a seawater-only plant.
  d.reference_fan_design_w =
      c.heat_rejection == HeatRejection::kSeawater ? c.tower_fan_power_ratio * d.rejection_w
                                                   : d.fan_design_w;
  d.tower_air_m3_s = c.tower_air_m3_s_per_w * d.rejection_w;
  for (size_t h = 0; h < n_halls; ++h) {
    if (d.halls[h].crah_component >= 0)
      d.halls[h].air_heat_w = d.components[static_cast<size_t>(d.halls[h].crah_component)].design_load_w;
    if (d.halls[h].cdu_component >= 0)
      d.halls[h].liquid_heat_w = d.components[static_cast<size_t>(d.halls[h].cdu_component)].design_load_w;
  }

  // ---- facility at design: generators and transformers ----
  const CoolingSeries run_cool = compute_cooling(site, d, sw, indoor, liquid, /*sizing=*/false);
  double cooling_w = 0;
  for (size_t k = 0; k < n; ++k) cooling_w = std::max(cooling_w, run_cool.total_w[k]);
  const double before_tr_w = d.it_w + dist_w + ups_loss + lighting_w + cooling_w;
  const double pf = site.grid.power_factor > 0 ? site.grid.power_factor : 1.0;
  const double s_va = before_tr_w / pf;
  const double tr_va = e.transformer_rating.va();
  // Transformers energized: those the design demand needs with one out (N+1), at most the
  // site's count (a build-out year energizes what its phases need).
  const int needed = tr_va > 0 ? static_cast<int>(std::ceil(s_va / tr_va - 1e-9)) : 0;
  d.transformers = std::clamp(needed + (e.transformer_count >= 2 ? 1 : 0), 1,
                              std::max(1, e.transformer_count));
  const double tr_total = d.transformers * tr_va;
  const double tr_loss_w = tr_total > 0 ? tr_total * e.transformer_no_load_loss +
                                              e.transformer_load_loss * s_va * s_va / tr_total
                                        : 0.0;
  d.facility_w = before_tr_w + tr_loss_w;
  const double gen_w = in_si(site.auxiliary.generator_rating);
  const int gen_duty = units_for(d.facility_w, gen_w);
  d.generators = gen_duty + site.auxiliary.generator_spares;
  // Jacket-water heaters: rated to hold the set point at the coldest hour of the weather year.
  const AuxiliarySpec& a = site.auxiliary;
  d.generator_heater_max_w = a.generator_heater_fraction * gen_w * d.generators;
  d.generator_heater_setpoint_c = in_celsius(a.generator_heater_setpoint);
  double cold_c = 1e300;
  for (double t : hourly.dry_bulb_c) cold_c = std::min(cold_c, t);
  d.generator_heater_ua_w_per_k = cold_c < d.generator_heater_setpoint_c
                                      ? d.generator_heater_max_w / (d.generator_heater_setpoint_c - cold_c)
                                      : 0.0;
  if (!(cold_c < d.generator_heater_setpoint_c)) d.generator_heater_max_w = 0.0;

  ComponentSize g;
  g.name = "generators";
  g.duty = gen_duty;
  g.installed = d.generators;
  g.unit_w = gen_w;
  g.design_load_w = d.facility_w;
  d.components.push_back(g);
  d.generator_component = static_cast<int>(d.components.size() - 1);
  ComponentSize u;
  u.name = "ups_modules";
  u.duty = static_cast<int>(std::ceil(ups_out / (module_va * e.ups_power_factor) - 1e-9));
  u.installed = d.ups_modules;
  u.unit_w = module_va * e.ups_power_factor;
  u.design_load_w = ups_out;
  d.components.push_back(u);
  d.ups_component = static_cast<int>(d.components.size() - 1);
  ComponentSize t;
  t.name = "transformers";
  t.duty = needed;
  t.installed = d.transformers;
  t.unit_w = tr_va * pf;
  t.design_load_w = before_tr_w;
  d.components.push_back(t);
  d.transformer_component = static_cast<int>(d.components.size() - 1);
  return d;
}

}  // namespace dcload::detail
