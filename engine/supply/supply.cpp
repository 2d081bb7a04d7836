// Supply stage: the facility demand of each step dispatched over the site's [[supply]] entries
// (grid, LNG combined cycle, solar, wind, battery) by the rules of dispatch.cpp, then priced
// and counted (engine/supply/README.md).
//
// Economics, per source, over the simulated period T (a year unless a window was run):
//   capital  = CRF(i, life) · (capex_W · capacity + capex_J · energy capacity) · T / 1 yr
//   fixed    = fixed O&M · capacity · T
//   variable = variable O&M · energy delivered (LNG: generated)
//   fuel     = fuel price · fuel energy (LHV); carbon = carbon price · CO2 (on-site emissions)
//   energy   = tariff · grid import (flat or time of use); demand charge on the peak import
//   battery: annuity of the power part + max(annuity of the energy part, degradation cost ·
//   energy discharged) (see the battery case below)
// CRF(i, n) = i(1+i)^n / ((1+i)^n − 1) (NREL ATB "Financial definitions"; Short, Packey & Holt,
// NREL/TP-462-5173 (1995), "A Manual for the Economic Evaluation of Energy Efficiency and
// Renewable Energy Technologies"). Carbon price on grid import is not added: the KEPCO tariff
// carries its own climate-and-environment charge (the 기후환경요금, a per-kWh component of the
// KEPCO electricity bill since 2021).
#include "supply/supply.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace dcload::detail {
namespace {

constexpr double kYearS = 3.1536e7;  // 365 d: the typical year

double sum(const Series& v) { return as_array(v).sum(); }

// The grid's energy price in each step of a block, USD/J: flat, or the time-of-use price of the
// step's day type, month and hour. Day 0 (1 January) of the typical year is a Monday, as in the
// IT stage's weekly shape (engine/it/workload.cpp): days 5 and 6 of each week are Saturday and
// Sunday.
// The grid's carbon-free share of each step from an hourly profile (hour of the year of the
// step's midpoint, or of the day for a 24-value profile).
Series grid_cfe_series(const SupplySpec& g, double start_s, double dt_s, size_t n) {
  const auto& f = g.cfe_profile;
  Series c(n);
  for (size_t k = 0; k < n; ++k) {
    const auto hour = static_cast<size_t>((start_s + (static_cast<double>(k) + 0.5) * dt_s) / 3600.0);
    c[k] = f[f.size() == 24 ? hour % 24 : hour % 8760];
  }
  return c;
}

Series grid_price_series(const SupplySpec& g, const Clock& clock, const Weather& w, size_t n) {
  Series p(n, g.tariff_usd_per_j);
  if (g.tou_usd_per_j.empty()) return p;
  for (size_t k = 0; k < n; ++k) {
    const double mid_s = clock.start_s + (static_cast<double>(k) + 0.5) * clock.dt_s;
    const auto hour = static_cast<size_t>(clock.hour_mid[static_cast<Eigen::Index>(k)]);
    p[k] = grid_price_at(g, static_cast<size_t>(mid_s / 86400.0), w.month[k], hour);
  }
  return p;
}

}  // namespace

double grid_price_at(const SupplySpec& g, std::size_t day_of_year, int month, std::size_t hour) {
  if (g.tou_usd_per_j.empty()) return g.tariff_usd_per_j;
  const std::size_t day = day_of_year % 7;
  const std::size_t type = day == 5 ? 1 : day == 6 ? 2 : 0;
  return g.tou_usd_per_j[type * 288 + static_cast<std::size_t>(month - 1) * 24 + hour % 24];
}

SupplyPlan plan_supply(const Site& site, double grid_capacity_w, const Weather& year_weather,
                       const Series* sizing_demand_w, const Weather* sizing_weather) {
  SupplyPlan plan;
  for (std::size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& s = site.supply[i];
    switch (s.type) {
      case SupplyType::kGrid: plan.grid = &s; break;
      case SupplyType::kLngCcgt: plan.ccgt = &s; break;
      case SupplyType::kBattery: plan.battery = &s; break;
      case SupplyType::kSolar: {
        PvSystem pv;
        pv.dc_rating_w = in_si(s.capacity);
        pv.tilt_deg = s.tilt_deg;
        pv.azimuth_deg = s.azimuth_deg;
        pv.dc_ac_ratio = s.dc_ac_ratio;
        pv.losses = s.losses;
        pv.degradation_per_year = s.degradation_per_year;
        pv.age_years = s.age_years;
        if (const auto problems = validate(pv); !problems.empty())
          throw std::invalid_argument("supply " + s.name + ": " + problems.front());
        plan.renewables.push_back(i);
        plan.pv_or_wind.push_back(static_cast<int>(plan.pv.size()));
        plan.pv.push_back(pv);
        break;
      }
      case SupplyType::kWind: {
        WindFarm f;
        f.capacity_w = in_si(s.capacity);
        f.hub_height_m = s.hub_height_m;
        f.shear_exponent = s.shear_exponent;
        f.availability = s.availability;
        f.wake_loss = s.wake_loss;
        f.electrical_loss = s.electrical_loss;
        f.mean_speed_hub_m_s = s.mean_wind_speed_m_s;
        // The rescaling to a hub-height annual mean refers to the whole weather year, also in a
        // block or a window of it.
        f.measured_mean_m_s = mean_measured_wind_m_s(year_weather);
        f.curve.speed_m_s = s.turbine.speed_m_s;
        f.curve.fraction = s.turbine.fraction;
        f.curve.cut_in = s.turbine.cut_in_m_s;
        f.curve.cut_out = s.turbine.cut_out_m_s;
        if (const auto problems = validate(f); !problems.empty())
          throw std::invalid_argument("supply " + s.name + ": " + problems.front());
        plan.renewables.push_back(i);
        plan.pv_or_wind.push_back(-1 - static_cast<int>(plan.wind.size()));
        plan.wind.push_back(f);
        break;
      }
    }
  }
  plan.onsite = plan.ccgt || plan.battery || !plan.renewables.empty();
  // Import up to the connection's usable capacity, or a lower contractual limit.
  plan.import_limit_w =
      plan.grid == nullptr ? 0.0
                           : (in_si(plan.grid->import_limit) > 0
                                  ? std::min(in_si(plan.grid->import_limit), grid_capacity_w)
                                  : grid_capacity_w);
  DispatchInput& in = plan.dispatch;
  in.grid_import_limit_w = plan.import_limit_w;
  if (const SupplySpec* ccgt = plan.ccgt) {
    in.ccgt.units = ccgt->units;
    in.ccgt.unit_capacity_w = in_si(ccgt->capacity);
    in.ccgt.min_stable_load = ccgt->min_stable_load;
    in.ccgt.ramp_w_per_s = ccgt->ramp_per_s * in_si(ccgt->capacity) * ccgt->units;
    in.ccgt.forced_outage_rate = ccgt->forced_outage_rate;
    in.ccgt.mttr_s = in_si(ccgt->outage_mttr);
    in.ccgt.seed = site.seed;
    in.ccgt.efficiency_full_load = ccgt->efficiency;
    in.ccgt.no_load_fuel_fraction = ccgt->no_load_fuel_fraction;
  }
  plan.grid_cfe = plan.grid ? plan.grid->grid_cfe_share : 0.0;
  in.grid_cfe_share = plan.grid_cfe;
  // Merit order: LNG's marginal cost per J generated against the grid's price each step.
  if (const SupplySpec* ccgt = plan.ccgt)
    in.ccgt_marginal_usd_per_j =
        (ccgt->fuel_usd_per_j + site.economics.carbon_price_usd_per_kg * ccgt->fuel_co2_kg_per_j) /
            ccgt->efficiency +
        ccgt->cost.variable_om_usd_per_j;
  if (const SupplySpec* battery = plan.battery) {
    in.battery.round_trip_efficiency = battery->round_trip_efficiency;
    in.battery.soc_min = battery->soc_min;
    in.battery.soc_max = battery->soc_max;
    // Assumption: the year starts half full (clamped to the allowed band); over a year the
    // starting charge is a small share of the throughput.
    in.battery.soc_initial = std::clamp(0.5, battery->soc_min, battery->soc_max);
    plan.battery_energy_j = in_si(battery->energy);
    plan.battery_power_w = in_si(battery->capacity);
    if (battery->target_cfe > 0) {
      if (sizing_demand_w == nullptr || sizing_weather == nullptr)
        throw std::logic_error("plan_supply: target_cfe needs the hourly demand");
      // Size energy (power = energy / duration) for the target on the hourly year; the search
      // is bounded by two days of the peak demand.
      DispatchInput sz = in;
      sz.demand_w = sizing_demand_w;
      sz.dt_s = sizing_weather->timestep_s;
      std::vector<Series> re(plan.renewables.size());
      Series re_total(sizing_demand_w->size(), 0.0);
      for (std::size_t r = 0; r < plan.renewables.size(); ++r) {
        const int pw = plan.pv_or_wind[r];
        if (pw >= 0) pv_ac_power(plan.pv[static_cast<size_t>(pw)], *sizing_weather, re[r]);
        else wind_power(plan.wind[static_cast<size_t>(-1 - pw)], *sizing_weather, re[r]);
        as_array(re_total) += as_array(re[r]);
      }
      if (!plan.renewables.empty()) sz.renewable_w = &re_total;
      Series sizing_cfe;
      if (plan.grid && !plan.grid->cfe_profile.empty()) {
        sizing_cfe = grid_cfe_series(*plan.grid, sizing_weather->start_s, sizing_weather->timestep_s,
                                     sizing_demand_w->size());
        sz.grid_cfe = &sizing_cfe;
      }
      const double duration_s = in_si(battery->duration);
      const double max_j = 48.0 * 3600.0 * as_array(*sizing_demand_w).maxCoeff();
      const double sized =
          size_battery_for_cfe(sz, duration_s, battery->target_cfe, plan.grid_cfe, std::max(max_j, 1.0));
      if (sized < 0) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "battery %s: no size up to %.0f MWh reaches the hourly carbon-free share "
                      "target of %.1f %%; sized at that bound",
                      battery->name.c_str(), max_j / 3.6e9, 100 * battery->target_cfe);
        plan.messages.push_back(buf);
        plan.battery_energy_j = max_j;
      } else {
        plan.battery_energy_j = sized;
      }
      // A given energy or power is replaced by the sized one: say so, not silently.
      if (in_si(battery->energy) > 0 || in_si(battery->capacity) > 0) {
        char buf[240];
        std::snprintf(buf, sizeof buf,
                      "battery %s: sized for target_cfe %.1f %% to %.0f MWh / %.0f MW, replacing "
                      "the energy and power given (%.0f MWh / %.0f MW)",
                      battery->name.c_str(), 100 * battery->target_cfe,
                      plan.battery_energy_j / 3.6e9, plan.battery_energy_j / duration_s / 1e6,
                      in_si(battery->energy) / 3.6e9, in_si(battery->capacity) / 1e6);
        plan.messages.push_back(buf);
      }
      plan.battery_power_w = plan.battery_energy_j / duration_s;
    }
    in.battery.energy_j = plan.battery_energy_j;
    in.battery.power_w = plan.battery_power_w;
  }
  return plan;
}

SupplyState start_supply(const Site& site, const SupplyPlan& plan, double design_facility_w) {
  SupplyState st;
  for (const SupplySpec& s : site.supply) {
    SupplySourceTotals t;
    t.name = s.name;
    t.type = s.type;
    st.sources.push_back(t);
  }
  // A step counts as unserved when more than a millionth of the design demand is left over
  // (rounding of the dispatch is far below that).
  st.unserved_threshold_w = 1e-6 * std::max(1.0, design_facility_w);
  (void)plan;
  return st;
}

void supply_block(const Site& site, const SupplyPlan& plan, SupplyState& st, const Clock& clock,
                  const Weather& w, const Series& facility_w, SupplySeries& out) {
  const double dt_s = clock.dt_s;
  const size_t n = facility_w.size();
  st.period_s += static_cast<double>(n) * dt_s;
  st.demand_j += sum(facility_w) * dt_s;
  out.onsite = plan.onsite;

  // Renewables available this block, per source.
  std::vector<Series> re(plan.renewables.size());
  Series re_total;
  if (!plan.renewables.empty()) {
    re_total.assign(n, 0.0);
    for (std::size_t r = 0; r < plan.renewables.size(); ++r) {
      const int pw = plan.pv_or_wind[r];
      if (pw >= 0) pv_ac_power(plan.pv[static_cast<size_t>(pw)], w, re[r]);
      else wind_power(plan.wind[static_cast<size_t>(-1 - pw)], w, re[r]);
      as_array(re_total) += as_array(re[r]);
    }
  }
  DispatchSeries d;
  const auto demand = as_array(facility_w).max(0.0);
  // Prices per step: for a time-of-use energy charge, or for the dispatch to weigh import
  // against LNG.
  const bool tou = std::any_of(site.supply.begin(), site.supply.end(), [](const SupplySpec& s) {
    return s.type == SupplyType::kGrid && !s.tou_usd_per_j.empty();
  });
  Series grid_price;
  if (plan.grid && (tou || (plan.onsite && plan.ccgt)))
    grid_price = grid_price_series(*plan.grid, clock, w, n);
  // Carbon-free share of grid energy per step: an hourly profile, else one value.
  Series grid_cfe;
  if (plan.grid && !plan.grid->cfe_profile.empty())
    grid_cfe = grid_cfe_series(*plan.grid, clock.start_s, dt_s, n);
  auto cfe_at = [&](size_t k) { return grid_cfe.empty() ? plan.grid_cfe : grid_cfe[k]; };
  if (plan.onsite) {
    DispatchInput in = plan.dispatch;
    in.demand_w = &facility_w;
    if (!grid_cfe.empty()) in.grid_cfe = &grid_cfe;
    if (plan.grid && plan.ccgt) in.grid_price_usd_per_j = &grid_price;
    in.renewable_w = plan.renewables.empty() ? nullptr : &re_total;
    in.dt_s = dt_s;
    dispatch(in, st.dispatch, d);
    out.grid_w = d.grid_w;
    out.unserved_w = d.unserved_w;
    for (size_t k = 0; k < n; ++k) {
      const double l = std::max(0.0, facility_w[k]);
      st.cfe_clean_j +=
          std::min(l, d.renewable_used_w[k] + d.clean_discharge_w[k] +
                          cfe_at(k) * (d.grid_w[k] - d.charge_grid_w[k])) * dt_s;
      st.cfe_load_j += l * dt_s;
    }
    out.residual_w.resize(n);
    as_array(out.residual_w) = as_array(out.grid_w) + as_array(out.unserved_w);
    out.onsite_w.resize(n);
    as_array(out.onsite_w) = as_array(d.renewable_used_w) + as_array(d.ccgt_w);
    out.discharge_w = d.discharge_w;
    out.charge_w = d.charge_w;
    out.soc.assign(n, 0.0);
    if (plan.battery_energy_j > 0) as_array(out.soc) = as_array(d.soc_j) / plan.battery_energy_j;
  } else {
    // Grid only: import = min(demand, limit), the rest unserved; CFE = g·import / demand.
    // The on-site series stay empty (a reused SupplySeries may hold an earlier run's).
    for (Series* s : {&out.residual_w, &out.onsite_w, &out.discharge_w, &out.charge_w, &out.soc})
      s->clear();
    out.grid_w.resize(n);
    out.unserved_w.resize(n);
    as_array(out.grid_w) = demand.min(plan.import_limit_w);
    as_array(out.unserved_w) = demand - as_array(out.grid_w);
    if (grid_cfe.empty()) {
      st.cfe_clean_j += plan.grid_cfe * sum(out.grid_w) * dt_s;
    } else {
      double clean = 0;
      for (size_t k = 0; k < n; ++k) clean += grid_cfe[k] * out.grid_w[k];
      st.cfe_clean_j += clean * dt_s;
    }
    st.cfe_load_j += demand.sum() * dt_s;
  }
  st.unserved_j += sum(out.unserved_w) * dt_s;
  st.unserved_hours += static_cast<double>((as_array(out.unserved_w) > st.unserved_threshold_w).count()) *
                       dt_s / 3600.0;

  // ---- per source: energy, fuel, emissions, grid energy charges ----
  out.source_w.assign(site.supply.size(), Series());
  for (std::size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& s = site.supply[i];
    SupplySourceTotals& t = st.sources[i];
    switch (s.type) {
      case SupplyType::kGrid: {
        const double e = sum(out.grid_w) * dt_s;
        t.energy_j += e;
        if (n) t.peak_w = std::max(t.peak_w, as_array(out.grid_w).maxCoeff());
        // Emission factor: the annual mean, or the step's hour of an hourly profile (hour of
        // the year, or of the day for a 24-value profile).
        if (s.emission_profile_kg_per_j.empty()) {
          t.co2_kg += e * s.emission_kg_per_j;
        } else {
          const auto& f = s.emission_profile_kg_per_j;
          double kg = 0;
          for (size_t k = 0; k < n; ++k) {
            const double mid_h = (clock.start_s + (static_cast<double>(k) + 0.5) * dt_s) / 3600.0;
            const auto hour = static_cast<size_t>(mid_h);
            kg += out.grid_w[k] * f[f.size() == 24 ? hour % 24 : hour % 8760];
          }
          t.co2_kg += kg * dt_s;
        }
        // Energy charge: flat, or the time-of-use price of the step's day type, month and hour.
        if (s.tou_usd_per_j.empty()) {
          t.energy_usd += e * s.tariff_usd_per_j;
        } else {
          double usd = 0;
          for (size_t k = 0; k < n; ++k) usd += out.grid_w[k] * grid_price[k];
          t.energy_usd += usd * dt_s;
        }
        break;
      }
      case SupplyType::kLngCcgt: {
        t.energy_j += sum(d.ccgt_w) * dt_s;
        t.curtailed_j += sum(d.ccgt_spilled_w) * dt_s;
        t.fuel_j += sum(d.ccgt_fuel_w) * dt_s;
        out.source_w[i] = d.ccgt_w;
        break;
      }
      case SupplyType::kSolar:
      case SupplyType::kWind: {
        // Renewables used and stored are shared among the renewable sources in proportion to
        // their output in each step.
        const size_t r = static_cast<size_t>(
            std::find(plan.renewables.begin(), plan.renewables.end(), i) - plan.renewables.begin());
        const Series& mine = re[r];
        Series delivered(n, 0.0);
        double used = 0, charged = 0, curtailed = 0;
        for (size_t k = 0; k < n; ++k) {
          if (!(re_total[k] > 0)) continue;
          const double share = mine[k] / re_total[k];
          const double re_charge = d.charge_w[k] - d.charge_grid_w[k] - d.charge_ccgt_w[k];
          delivered[k] = share * (d.renewable_used_w[k] + re_charge);
          used += delivered[k];
          charged += share * re_charge;
          curtailed += share * d.curtailed_w[k];
        }
        t.available_j += sum(mine) * dt_s;
        t.energy_j += used * dt_s;
        t.charged_j += charged * dt_s;
        t.curtailed_j += curtailed * dt_s;
        out.source_w[i] = std::move(delivered);
        break;
      }
      case SupplyType::kBattery:
        t.energy_j += sum(d.discharge_w) * dt_s;
        out.source_w[i] = d.discharge_w;
        break;
    }
  }
}

SupplyTotals finish_supply(const Site& site, const SupplyPlan& plan, const SupplyState& st) {
  SupplyTotals out;
  out.onsite = plan.onsite;
  out.messages = plan.messages;
  out.demand_j = st.demand_j;
  out.unserved_j = st.unserved_j;
  out.unserved_hours = st.unserved_hours;
  out.cfe_share = st.cfe_load_j > 0 ? st.cfe_clean_j / st.cfe_load_j : 0.0;
  const double period_s = st.period_s;
  const double rate = site.economics.discount_rate;
  auto capital = [&](const SupplySpec& s, double capacity_w, double energy_j) {
    const double life_y = in_si(s.cost.lifetime) / kYearS;
    if (!(life_y > 0)) return 0.0;
    const double overnight = s.cost.capex_usd_per_w * capacity_w + s.cost.capex_usd_per_j * energy_j;
    return capital_recovery_factor(rate, life_y) * overnight * period_s / kYearS;
  };
  auto fixed_om = [&](const SupplySpec& s, double capacity_w) {
    return s.cost.fixed_om_usd_per_w_s * capacity_w * period_s;
  };
  for (std::size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& s = site.supply[i];
    SupplySourceTotals t = st.sources[i];
    switch (s.type) {
      case SupplyType::kGrid:
        t.capacity_w = plan.import_limit_w;
        // Demand charge on the largest import of the run, per month simulated.
        t.fixed_om_usd = s.demand_charge_usd_per_w_s * t.peak_w * period_s;
        out.peak_import_w = std::max(out.peak_import_w, t.peak_w);
        break;
      case SupplyType::kLngCcgt:
        t.capacity_w = in_si(s.capacity) * s.units;
        t.available_j = t.energy_j + t.curtailed_j;  // generated
        t.co2_kg = t.fuel_j * s.fuel_co2_kg_per_j;
        t.water_m3 = t.available_j * s.water_m3_per_j;
        t.capital_usd = capital(s, t.capacity_w, 0);
        t.fixed_om_usd = fixed_om(s, t.capacity_w);
        t.variable_om_usd = t.available_j * s.cost.variable_om_usd_per_j;
        t.fuel_usd = t.fuel_j * s.fuel_usd_per_j;
        t.carbon_usd = t.co2_kg * site.economics.carbon_price_usd_per_kg;
        break;
      case SupplyType::kSolar:
      case SupplyType::kWind: {
        t.capacity_w = in_si(s.capacity);
        // Solar capex and fixed O&M are per kW AC (NREL ATB convention, configs/catalog/
        // supply.toml) while solar is sized by its DC nameplate: they apply to the inverter
        // rating DC / (DC/AC ratio). Wind is rated AC already.
        const double cost_basis_w =
            s.type == SupplyType::kSolar ? t.capacity_w / s.dc_ac_ratio : t.capacity_w;
        t.capital_usd = capital(s, cost_basis_w, 0);
        t.fixed_om_usd = fixed_om(s, cost_basis_w);
        t.variable_om_usd = t.available_j * s.cost.variable_om_usd_per_j;
        break;
      }
      case SupplyType::kBattery: {
        // Cells end by calendar ageing or by cycling, whichever comes first (HOMER's battery
        // life = min(float life, throughput life), HOMER Pro manual "Battery Throughput"): the
        // energy part of the cost is the larger of its annuity and the wear of the energy
        // discharged; the power part (inverters, connection) is annualized as usual.
        t.capacity_w = plan.battery_power_w;
        t.battery_energy_j = plan.battery_energy_j;
        const double power_capital = capital(s, plan.battery_power_w, 0.0);
        const double energy_capital = capital(s, 0.0, plan.battery_energy_j);
        const double wear = t.energy_j * s.degradation_usd_per_j;
        t.capital_usd = power_capital + std::max(energy_capital, wear);
        t.fixed_om_usd = fixed_om(s, plan.battery_power_w);
        break;
      }
    }
    // Capacity factor: output over nameplate × period (solar on the DC nameplate, PVWatts
    // convention; renewables and LNG on what they could or did generate, before curtailment).
    const double out_j = (s.type == SupplyType::kSolar || s.type == SupplyType::kWind ||
                          s.type == SupplyType::kLngCcgt)
                             ? t.available_j
                             : t.energy_j;
    t.capacity_factor = t.capacity_w > 0 && period_s > 0 ? out_j / (t.capacity_w * period_s) : 0.0;
    out.co2_kg += t.co2_kg;
    out.water_m3 += t.water_m3;
    out.cost_usd += t.cost_usd();
    out.sources.push_back(std::move(t));
  }
  return out;
}

}  // namespace dcload::detail
