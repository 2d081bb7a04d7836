// `dcload optimize`: the site's own hourly facility demand (the pipeline's run) is the load of
// the supply linear program (supply_lp.cpp); its optimum is written back into the site and run
// through the simulator (engine/optimize/README.md).
#include "dcload/optimize.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "dcload/error.hpp"
#include "dcload/weather.hpp"
#include "optimize/supply_lp.hpp"
#include "output/json_text.hpp"
#include "supply/supply.hpp"

namespace dcload {
namespace {

using detail::LpInput;
using detail::LpSource;

constexpr double kYearS = 3.1536e7;  // 365 d, the typical year (as the supply stage)
constexpr double kJPerMWh = 3.6e9;

const char* type_name(SupplyType t) {
  switch (t) {
    case SupplyType::kGrid: return "grid";
    case SupplyType::kLngCcgt: return "lng_ccgt";
    case SupplyType::kSolar: return "solar";
    case SupplyType::kWind: return "wind";
    case SupplyType::kBattery: return "battery";
  }
  return "";
}

[[noreturn]] void fail(const Site& site, const std::string& key, const std::string& message) {
  throw ConfigError(site.file.empty() ? std::string() : site.file.string(), 0, 0, key, message);
}

// Energy price of grid import in each hour of the typical year (the supply stage's pricing).
std::vector<double> grid_prices(const SupplySpec& g, const Weather& w) {
  if (g.tou_usd_per_j.empty()) return {g.tariff_usd_per_j};
  std::vector<double> p(w.size());
  for (size_t k = 0; k < p.size(); ++k) p[k] = detail::grid_price_at(g, k / 24, w.month[k], k % 24);
  return p;
}

std::vector<double> grid_co2(const SupplySpec& g, size_t n) {
  if (g.emission_profile_kg_per_j.empty()) return {g.emission_kg_per_j};
  const auto& f = g.emission_profile_kg_per_j;
  std::vector<double> e(n);
  for (size_t k = 0; k < n; ++k) e[k] = f[f.size() == 24 ? k % 24 : k % 8760];
  return e;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

// What every optimum of a site shares: its weather, its demand run and the program's input.
struct Prepared {
  Weather w;
  RunResult demand_run;
  LpInput in;
  OptimizeResult base;  // the demand-side fields and targets filled in
  double connection_w = 0;
};

Prepared prepare(const Site& site, const OptimizeOptions& options) {
  if (const auto problems = site.validate(); !problems.empty())
    fail(site, "", problems.front());
  Prepared prep;
  OptimizeResult& out = prep.base;
  out.site = site.name;
  out.cfe_target = options.cfe_target.value_or(site.optimize.cfe_target);
  out.co2_cap_kg = options.co2_cap_kg.value_or(site.optimize.co2_cap_kg);
  if (!(out.cfe_target >= 0 && out.cfe_target <= 1))
    fail(site, "optimize.cfe", "optimize.cfe: the carbon-free target must be within 0 … 100 %");
  if (!(out.co2_cap_kg >= 0)) fail(site, "optimize.co2_cap", "optimize.co2_cap must be ≥ 0");
  bool any = false;
  for (const SupplySpec& s : site.supply) any = any || s.extendable;
  if (!any)
    fail(site, "supply",
         "supply: no [[supply]] entry is extendable, so there is nothing to optimize; mark the "
         "sources the optimizer may size with extendable = true (and max_capacity)");

  // ---- the demand: the site's own run, hourly ----
  const std::string source = options.weather_override.empty() ? site.weather : options.weather_override;
  const std::filesystem::path base = site.file.empty() ? std::filesystem::path() : site.file.parent_path();
  prep.w = load_weather(source, base, site.seed);
  const Weather& w = prep.w;
  prep.demand_run = run(site, w, {.channels = {"facility_power"}});
  const RunResult& demand_run = prep.demand_run;
  const std::span<const double> facility = demand_run.channel("facility_power");
  const Summary& ds = demand_run.summary;
  const size_t n = facility.size();
  const double period_s = static_cast<double>(n) * 3600.0;
  const double years = period_s / kYearS;
  out.demand = ds.facility_energy;
  out.it_energy = ds.it_energy;
  out.peak_facility = ds.peak_facility;
  out.water = ds.water;
  const double connection_w = site.optimize.n1_import ? in_si(ds.grid_capacity_n1) : in_si(ds.grid_capacity);
  out.grid_capacity = watts(connection_w);
  prep.connection_w = connection_w;

  // Sources resolved as the simulator resolves them; an extendable source without a capacity
  // gets a 1 MW reference for its per-MW output profile.
  // A battery's target_cfe sizes it in a plain run; the optimizer sizes it itself.
  Site ref = site;
  for (SupplySpec& s : ref.supply) s.target_cfe = 0;
  for (SupplySpec& s : ref.supply)
    if (s.extendable && s.type != SupplyType::kGrid && !(in_si(s.capacity) > 0)) {
      s.capacity = watts(1e6);
      if (s.type == SupplyType::kLngCcgt && s.units < 1) s.units = 1;
      if (s.type == SupplyType::kBattery && !(in_si(s.energy) > 0)) s.energy = joules(4 * kJPerMWh);
    }
  const detail::SupplyPlan plan = detail::plan_supply(ref, connection_w, w, nullptr, nullptr);

  LpInput& in = prep.in;
  in.demand_w.assign(facility.begin(), facility.end());
  in.dt_s = 3600;
  in.cfe_target = out.cfe_target;
  in.co2_cap_kg = out.co2_cap_kg;
  in.voll_usd_per_j = site.economics.value_of_lost_load_usd_per_j;
  out.unserved_priced = in.voll_usd_per_j > 0;
  const std::string& alg = site.optimize.algorithm;
  in.algorithm = alg == "barrier" ? LpInput::Algorithm::kBarrier
                 : alg == "primal" ? LpInput::Algorithm::kPrimal
                                   : LpInput::Algorithm::kDual;
  const double rate = site.economics.discount_rate;
  auto annuity = [&](const SupplySpec& s) {
    const double life_y = in_si(s.cost.lifetime) / kYearS;
    return life_y > 0 ? detail::capital_recovery_factor(rate, life_y) * years : 0.0;
  };
  size_t renewable = 0;
  for (size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& s = site.supply[i];
    LpSource x;
    x.name = s.name;
    x.extendable = s.extendable;
    x.min_w = in_si(s.min_capacity);
    x.max_w = in_si(s.max_capacity);
    switch (s.type) {
      case SupplyType::kGrid: {
        x.kind = LpSource::Kind::kGrid;
        x.capacity_w = plan.import_limit_w;
        if (s.extendable) x.max_w = x.max_w > 0 ? std::min(x.max_w, plan.import_limit_w) : plan.import_limit_w;
        if (x.min_w > x.max_w)
          fail(site, "supply[" + std::to_string(i) + "].min_capacity",
               "supply[" + std::to_string(i) + "].min_capacity is above the grid's import limit (" +
                   std::to_string(static_cast<long>(x.max_w / 1e6)) + " MW)");
        x.price_usd_per_j = grid_prices(s, w);
        x.grid_co2_kg_per_j = grid_co2(s, n);
        x.demand_charge_usd_per_w = s.demand_charge_usd_per_w_s * period_s;
        x.cfe_share = s.cfe_profile.empty() ? std::vector<double>{s.grid_cfe_share} : [&] {
          std::vector<double> c(n);
          for (size_t k = 0; k < n; ++k) c[k] = s.cfe_profile[s.cfe_profile.size() == 24 ? k % 24 : k % 8760];
          return c;
        }();
        break;
      }
      case SupplyType::kLngCcgt:
        x.kind = LpSource::Kind::kLng;
        x.capacity_w = in_si(s.capacity) * s.units;
        x.availability = 1 - s.forced_outage_rate;
        x.ramp_per_step = s.ramp_per_s > 0 ? s.ramp_per_s * 3600.0 : 1.0;
        x.fuel_usd_per_j = s.fuel_usd_per_j / s.efficiency;
        x.co2_kg_per_j = s.fuel_co2_kg_per_j / s.efficiency;
        x.carbon_usd_per_j = site.economics.carbon_price_usd_per_kg * x.co2_kg_per_j;
        x.variable_usd_per_j = s.cost.variable_om_usd_per_j;
        x.capital_usd_per_w = annuity(s) * s.cost.capex_usd_per_w;
        x.fixed_usd_per_w = s.cost.fixed_om_usd_per_w_s * period_s;
        break;
      case SupplyType::kSolar:
      case SupplyType::kWind: {
        x.kind = LpSource::Kind::kRenewable;
        x.capacity_w = in_si(s.capacity);
        const int pw = plan.pv_or_wind[renewable++];
        std::vector<double> p;
        double rating = 0;
        if (pw >= 0) {
          detail::pv_ac_power(plan.pv[static_cast<size_t>(pw)], w, p);
          rating = plan.pv[static_cast<size_t>(pw)].dc_rating_w;
        } else {
          detail::wind_power(plan.wind[static_cast<size_t>(-1 - pw)], w, p);
          rating = plan.wind[static_cast<size_t>(-1 - pw)].capacity_w;
        }
        for (double& v : p) v /= rating;
        x.profile = std::move(p);
        // Capex and fixed O&M of solar are per kW AC (NREL ATB convention): per W of DC
        // nameplate they are divided by the DC/AC ratio (configs/catalog/supply.toml).
        const double per_dc = s.type == SupplyType::kSolar ? 1.0 / s.dc_ac_ratio : 1.0;
        x.capital_usd_per_w = annuity(s) * s.cost.capex_usd_per_w * per_dc;
        x.fixed_usd_per_w = s.cost.fixed_om_usd_per_w_s * period_s * per_dc;
        x.variable_usd_per_j = s.cost.variable_om_usd_per_j;
        break;
      }
      case SupplyType::kBattery:
        x.kind = LpSource::Kind::kBattery;
        x.capacity_w = in_si(s.capacity);
        x.energy_j = in_si(s.energy);
        x.min_energy_j = in_si(s.min_energy);
        x.max_energy_j = in_si(s.max_energy);
        x.eta_charge = x.eta_discharge = std::sqrt(s.round_trip_efficiency);
        x.soc_min = s.soc_min;
        x.soc_max = s.soc_max;
        x.capital_usd_per_w = annuity(s) * s.cost.capex_usd_per_w;
        x.capital_usd_per_j = annuity(s) * s.cost.capex_usd_per_j;
        x.fixed_usd_per_w = s.cost.fixed_om_usd_per_w_s * period_s;
        x.wear_usd_per_j = s.degradation_usd_per_j;
        break;
    }
    in.sources.push_back(std::move(x));
  }

  out.notes = {
      "hourly steps over the typical year, one bus, no export; perfect foresight",
      "LNG output continuous between 0 and its available capacity (1 − forced-outage rate): "
      "minimum stable load and unit commitment relaxed, fuel at full-load efficiency",
      "battery state of charge cyclic over the year",
      "solar capex and fixed O&M per kW AC (DC nameplate / DC-to-AC ratio)",
  };
  if (site.optimize.n1_import) out.notes.push_back("grid import bounded by the connection's N-1 capacity");
  out.min_grid_headroom = watts(connection_w);
  return prep;
}

// The optimum `lp` of the prepared program as a result; with options.simulate, also run.
OptimizeResult result_of(const Site& site, const Prepared& prep, const detail::LpResult& lp,
                         double cfe_target, const OptimizeOptions& options) {
  OptimizeResult out = prep.base;
  out.cfe_target = cfe_target;
  const Weather& w = prep.w;
  const Summary& ds = prep.demand_run.summary;
  const double connection_w = prep.connection_w;
  out.status = lp.status;
  out.reason = lp.reason;
  out.rows = lp.rows;
  out.columns = lp.columns;
  out.nonzeros = lp.nonzeros;
  out.solve_seconds = lp.solve_seconds;
  out.iterations = lp.iterations;
  out.algorithm = lp.algorithm;
  if (lp.status != "optimal") return out;

  out.cost_usd = lp.cost_usd - lp.unserved_cost_usd;
  out.unserved_cost_usd = lp.unserved_cost_usd;
  out.co2 = kilograms(lp.co2_kg);
  out.cfe_share = lp.cfe_share;
  out.curtailed = joules(lp.curtailed_j);
  out.unserved = joules(lp.unserved_j);
  out.cfe_dual_usd_per_mwh = lp.cfe_dual_usd_per_mwh;
  out.co2_dual_usd_per_t = lp.co2_dual_usd_per_t;
  const double served_mwh = (lp.demand_j - lp.unserved_j) / kJPerMWh;
  out.lcoe_usd_per_mwh = served_mwh > 0 ? out.cost_usd / served_mwh : 0;
  const double it_mwh = in_megawatt_hours(ds.it_energy);
  out.cost_per_it_mwh_usd = it_mwh > 0 ? lp.cost_usd / it_mwh : 0;
  {
    const auto& p = lp.price_usd_per_mwh;
    double sum = 0;
    for (double v : p) {
      sum += v;
      out.price.max = std::max(out.price.max, v);
      out.price.hours_above_200 += v > 200 ? 1 : 0;
    }
    out.price.mean = p.empty() ? 0 : sum / static_cast<double>(p.size());
    out.price.median = percentile(p, 0.5);
    out.price.p95 = percentile(p, 0.95);
  }
  double peak_import = 0;
  for (double g : lp.import_w) peak_import = std::max(peak_import, g);
  out.min_grid_headroom = watts(connection_w - peak_import);

  // ---- the optimum as a site, and its simulation ----
  Site opt = site;
  opt.supply.clear();
  for (size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& s = site.supply[i];
    const detail::LpSourceResult& r = lp.sources[i];
    OptimizedSource o;
    o.name = s.name;
    o.type = type_name(s.type);
    o.extendable = s.extendable;
    o.capacity = watts(r.capacity_w);
    o.battery_energy = joules(r.energy_capacity_j);
    o.energy = joules(r.energy_j);
    o.available = joules(r.available_j);
    o.co2 = kilograms(r.co2_kg);
    o.capital_usd = r.capital_usd;
    o.fixed_om_usd = r.fixed_om_usd;
    o.variable_om_usd = r.variable_om_usd;
    o.fuel_usd = r.fuel_usd;
    o.carbon_usd = r.carbon_usd;
    o.energy_usd = r.energy_usd;
    o.cost_usd = r.cost_usd();
    out.sources.push_back(o);

    SupplySpec c = s;
    c.extendable = false;
    c.min_capacity = c.max_capacity = watts(0.0);
    c.min_energy = c.max_energy = joules(0.0);
    if (s.extendable) {
      switch (s.type) {
        case SupplyType::kGrid: c.import_limit = watts(r.capacity_w); break;
        case SupplyType::kLngCcgt: {
          // The chosen capacity in units of the catalog size (the last one smaller).
          if (r.capacity_w < 1e3) continue;
          const double unit = in_si(s.capacity) > 0 ? in_si(s.capacity) * 1.0 : r.capacity_w;
          c.units = std::max(1, static_cast<int>(std::ceil(r.capacity_w / unit - 1e-9)));
          c.capacity = watts(r.capacity_w / c.units);
          break;
        }
        case SupplyType::kSolar:
        case SupplyType::kWind:
          if (r.capacity_w < 1e3) continue;  // not built
          c.capacity = watts(r.capacity_w);
          break;
        case SupplyType::kBattery:
          if (r.capacity_w < 1e3 || r.energy_capacity_j < 3.6e6) continue;
          c.capacity = watts(r.capacity_w);
          c.energy = joules(r.energy_capacity_j);
          c.target_cfe = 0;
          break;
      }
    }
    opt.supply.push_back(std::move(c));
  }
  out.optimized_site = opt;
  if (options.simulate) {
    RunResult sim = run(opt, w, {.channels = {"none"}});
    out.simulated_status = sim.status;
    out.simulated = std::move(sim.summary);
  }
  return out;
}

}  // namespace

OptimizeResult optimize(const Site& site, const OptimizeOptions& options) {
  const Prepared prep = prepare(site, options);
  return result_of(site, prep, detail::solve_supply_lp(prep.in), prep.in.cfe_target, options);
}

std::vector<OptimizeResult> optimize_curve(const Site& site, const std::vector<double>& targets,
                                           const OptimizeOptions& options) {
  for (double t : targets)
    if (!(t >= 0 && t <= 1))
      fail(site, "optimize.cfe", "optimize: a carbon-free target must be within 0 … 100 %");
  const Prepared prep = prepare(site, options);
  const std::vector<detail::LpResult> lps = detail::solve_supply_lp_curve(prep.in, targets);
  std::vector<OptimizeResult> out;
  for (size_t k = 0; k < lps.size(); ++k) out.push_back(result_of(site, prep, lps[k], targets[k], options));
  return out;
}

std::string OptimizeResult::report() const {
  std::ostringstream o;
  char buf[400];
  auto line = [&](const char* fmt, auto... args) {
    std::snprintf(buf, sizeof buf, fmt, args...);
    o << buf << '\n';
  };
  line("%s — least-cost supply", site.c_str());
  line("  target: %.1f %% hourly carbon-free%s%s", 100 * cfe_target,
       co2_cap_kg > 0 ? ", CO2 cap " : "",
       co2_cap_kg > 0 ? (std::to_string(static_cast<long long>(co2_cap_kg / 1e3)) + " t").c_str() : "");
  line("  status: %s", status.c_str());
  if (status != "optimal") {
    line("  why: %s", reason.c_str());
    line("  program: %d rows, %d columns, %lld non-zeros, %s, %.2f s", rows, columns, nonzeros,
         algorithm.c_str(), solve_seconds);
    return o.str();
  }
  line("");
  line("  %-26s %-9s %12s %12s %12s %12s", "source", "type", "capacity MW", "energy MWh",
       "delivered GWh", "cost MUSD/yr");
  for (const auto& s : sources) {
    std::string e = s.type == "battery" ? std::to_string(static_cast<long long>(std::llround(in_megawatt_hours(s.battery_energy)))) : "";
    line("  %-26s %-9s %12.1f %12s %12.1f %12.2f%s", s.name.c_str(), s.type.c_str(),
         in_megawatts(s.capacity), e.c_str(), in_megawatt_hours(s.energy) / 1e3, s.cost_usd / 1e6,
         s.extendable ? "" : "  (fixed)");
  }
  line("");
  line("  supply cost            %10.1f MUSD/yr   LCOE %.1f USD/MWh   %.1f USD per IT MWh",
       cost_usd / 1e6, lcoe_usd_per_mwh, cost_per_it_mwh_usd);
  line("  carbon-free share      %10.2f %%        CO2 %.1f kt", 100 * cfe_share, in_si(co2) / 1e6);
  line("  curtailed              %10.1f GWh       unserved %.1f MWh%s", in_megawatt_hours(curtailed) / 1e3,
       in_megawatt_hours(unserved), unserved_priced ? " (priced at the value of lost load)" : "");
  line("  marginal cost of CFE   %10.1f USD per MWh of carbon-free energy", cfe_dual_usd_per_mwh);
  if (co2_cap_kg > 0) line("  marginal cost of CO2   %10.1f USD/t", co2_dual_usd_per_t);
  line("  energy price (duals)   mean %.1f, median %.1f, p95 %.1f, max %.1f USD/MWh; %.0f h above 200",
       price.mean, price.median, price.p95, price.max, price.hours_above_200);
  line("  grid headroom          %10.1f MW at the largest import (capacity %.1f MW)",
       in_megawatts(min_grid_headroom), in_megawatts(grid_capacity));
  line("  program                %d rows, %d columns, %lld non-zeros; %s, %d iterations, %.2f s",
       rows, columns, nonzeros, algorithm.c_str(), iterations, solve_seconds);
  for (const auto& n : notes) line("  approximation: %s", n.c_str());
  if (simulated) {
    const Summary& s = *simulated;
    line("");
    line("  the same capacities simulated (rule-based dispatch):");
    line("    supply cost %.1f MUSD/yr (%+.2f %% against the program), carbon-free %.2f %%, CO2 %.1f kt, unserved %.1f MWh, status %s",
         s.supply_cost_usd / 1e6, cost_usd > 0 ? 100 * (s.supply_cost_usd - cost_usd) / cost_usd : 0.0,
         100 * s.cfe_share, in_si(s.co2) / 1e6, in_megawatt_hours(s.unserved),
         std::string(simulated_status.name()).c_str());
  }
  return o.str();
}

std::string to_json(const OptimizeResult& r) {
  using detail::json_number;
  using detail::json_string;
  std::ostringstream o;
  o << "{\n  \"site\": " << json_string(r.site) << ",\n  \"status\": " << json_string(r.status)
    << ",\n  \"reason\": " << json_string(r.reason)
    << ",\n  \"cfe_target\": " << json_number(r.cfe_target)
    << ",\n  \"co2_cap_t\": " << json_number(r.co2_cap_kg / 1e3)
    << ",\n  \"unserved_priced\": " << (r.unserved_priced ? "true" : "false")
    << ",\n  \"sources\": [";
  for (size_t i = 0; i < r.sources.size(); ++i) {
    const auto& s = r.sources[i];
    o << (i ? ",\n" : "\n") << "    {\"name\": " << json_string(s.name) << ", \"type\": "
      << json_string(s.type) << ", \"extendable\": " << (s.extendable ? "true" : "false")
      << ", \"capacity_mw\": " << json_number(in_megawatts(s.capacity))
      << ", \"battery_energy_mwh\": " << json_number(in_megawatt_hours(s.battery_energy))
      << ", \"energy_mwh\": " << json_number(in_megawatt_hours(s.energy))
      << ", \"available_mwh\": " << json_number(in_megawatt_hours(s.available))
      << ", \"co2_t\": " << json_number(in_si(s.co2) / 1e3)
      << ", \"capital_musd\": " << json_number(s.capital_usd / 1e6)
      << ", \"fixed_om_musd\": " << json_number(s.fixed_om_usd / 1e6)
      << ", \"variable_om_musd\": " << json_number(s.variable_om_usd / 1e6)
      << ", \"fuel_musd\": " << json_number(s.fuel_usd / 1e6)
      << ", \"carbon_musd\": " << json_number(s.carbon_usd / 1e6)
      << ", \"energy_musd\": " << json_number(s.energy_usd / 1e6)
      << ", \"cost_musd\": " << json_number(s.cost_usd / 1e6) << "}";
  }
  o << "\n  ],\n  \"supply_cost_musd\": " << json_number(r.cost_usd / 1e6)
    << ",\n  \"unserved_cost_musd\": " << json_number(r.unserved_cost_usd / 1e6)
    << ",\n  \"lcoe_usd_per_mwh\": " << json_number(r.lcoe_usd_per_mwh)
    << ",\n  \"cost_per_it_mwh_usd\": " << json_number(r.cost_per_it_mwh_usd)
    << ",\n  \"co2_t\": " << json_number(in_si(r.co2) / 1e3)
    << ",\n  \"cfe_share\": " << json_number(r.cfe_share)
    << ",\n  \"curtailed_mwh\": " << json_number(in_megawatt_hours(r.curtailed))
    << ",\n  \"unserved_mwh\": " << json_number(in_megawatt_hours(r.unserved))
    << ",\n  \"facility_energy_mwh\": " << json_number(in_megawatt_hours(r.demand))
    << ",\n  \"it_energy_mwh\": " << json_number(in_megawatt_hours(r.it_energy))
    << ",\n  \"peak_facility_mw\": " << json_number(in_megawatts(r.peak_facility))
    << ",\n  \"water_m3\": " << json_number(in_si(r.water))
    << ",\n  \"grid_capacity_mw\": " << json_number(in_megawatts(r.grid_capacity))
    << ",\n  \"min_grid_headroom_mw\": " << json_number(in_megawatts(r.min_grid_headroom))
    << ",\n  \"cfe_dual_usd_per_mwh\": " << json_number(r.cfe_dual_usd_per_mwh)
    << ",\n  \"co2_dual_usd_per_t\": " << json_number(r.co2_dual_usd_per_t)
    << ",\n  \"price_usd_per_mwh\": {\"mean\": " << json_number(r.price.mean)
    << ", \"median\": " << json_number(r.price.median) << ", \"p95\": " << json_number(r.price.p95)
    << ", \"max\": " << json_number(r.price.max)
    << ", \"hours_above_200\": " << json_number(r.price.hours_above_200) << "}"
    << ",\n  \"lp\": {\"rows\": " << r.rows << ", \"columns\": " << r.columns
    << ", \"nonzeros\": " << r.nonzeros << ", \"iterations\": " << r.iterations
    << ", \"algorithm\": " << json_string(r.algorithm)
    << ", \"solve_s\": " << json_number(r.solve_seconds) << "}"
    << ",\n  \"notes\": [";
  for (size_t i = 0; i < r.notes.size(); ++i) o << (i ? ", " : "") << json_string(r.notes[i]);
  o << "]";
  if (r.simulated) {
    const Summary& s = *r.simulated;
    o << ",\n  \"simulated\": {\"supply_cost_musd\": " << json_number(s.supply_cost_usd / 1e6)
      << ", \"cfe_share\": " << json_number(s.cfe_share)
      << ", \"co2_t\": " << json_number(in_si(s.co2) / 1e3)
      << ", \"unserved_mwh\": " << json_number(in_megawatt_hours(s.unserved))
      << ", \"cost_per_it_mwh_usd\": " << json_number(s.cost_per_it_mwh_usd)
      << ", \"status\": " << json_string(std::string(r.simulated_status.name())) << "}";
  }
  o << "\n}\n";
  return o.str();
}

}  // namespace dcload
