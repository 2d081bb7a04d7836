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
// carries its own climate-and-environment charge (../shared/reference/supply-grid-gpu.md §2.5).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stages.hpp"
#include "supply/dispatch.hpp"
#include "supply/solar.hpp"
#include "supply/wind.hpp"

namespace dcload::detail {
namespace {

constexpr double kYearS = 3.1536e7;  // 365 d: the typical year

double sum(const Series& v) { return as_array(v).sum(); }

}  // namespace

SupplySeries compute_supply(const Site& site, const Clock& clock, const Weather& w,
                            const Series& facility_w, double grid_capacity_w) {
  const double dt_s = clock.dt_s;
  const size_t n = facility_w.size();
  const double period_s = static_cast<double>(n) * dt_s;
  SupplySeries out;
  out.demand_j = sum(facility_w) * dt_s;

  // ---- gather the sources ------------------------------------------------------------
  DispatchInput in;
  in.demand_w = &facility_w;
  in.dt_s = dt_s;
  const SupplySpec* grid = nullptr;
  const SupplySpec* ccgt = nullptr;
  const SupplySpec* battery = nullptr;
  std::vector<const SupplySpec*> renewables;
  std::vector<Series> re_series;  // available AC output of each renewable, W
  for (const SupplySpec& s : site.supply) {
    switch (s.type) {
      case SupplyType::kGrid: grid = &s; break;
      case SupplyType::kLngCcgt: ccgt = &s; break;
      case SupplyType::kBattery: battery = &s; break;
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
        renewables.push_back(&s);
        pv_ac_power(pv, w, re_series.emplace_back());
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
        f.curve.speed_m_s = s.turbine.speed_m_s;
        f.curve.fraction = s.turbine.fraction;
        f.curve.cut_in = s.turbine.cut_in_m_s;
        f.curve.cut_out = s.turbine.cut_out_m_s;
        if (const auto problems = validate(f); !problems.empty())
          throw std::invalid_argument("supply " + s.name + ": " + problems.front());
        renewables.push_back(&s);
        wind_power(f, w, re_series.emplace_back());
        break;
      }
    }
  }
  out.onsite = ccgt || battery || !renewables.empty();
  Series re_total;
  if (!renewables.empty()) {
    re_total.assign(n, 0.0);
    for (const Series& r : re_series) as_array(re_total) += as_array(r);
    in.renewable_w = &re_total;
  }
  // Import up to the connection's usable capacity, or a lower contractual limit.
  const double import_limit_w =
      grid == nullptr ? 0.0
                      : (in_si(grid->import_limit) > 0
                             ? std::min(in_si(grid->import_limit), grid_capacity_w)
                             : grid_capacity_w);
  in.grid_import_limit_w = import_limit_w;
  if (ccgt) {
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
  const double grid_cfe = grid ? grid->grid_cfe_share : 0.0;
  double battery_energy_j = 0, battery_power_w = 0;
  if (battery) {
    in.battery.round_trip_efficiency = battery->round_trip_efficiency;
    in.battery.soc_min = battery->soc_min;
    in.battery.soc_max = battery->soc_max;
    // Assumption: the year starts half full (clamped to the allowed band); over a year the
    // starting charge is a small share of the throughput.
    in.battery.soc_initial = std::clamp(0.5, battery->soc_min, battery->soc_max);
    battery_energy_j = in_si(battery->energy);
    battery_power_w = in_si(battery->capacity);
    if (battery->target_cfe > 0) {
      // Size energy (power = energy / duration) for the target; the search is bounded by two
      // days of the peak demand.
      const double duration_s = in_si(battery->duration);
      const double max_j = 48.0 * 3600.0 * as_array(facility_w).maxCoeff();
      const double sized = size_battery_for_cfe(in, duration_s, battery->target_cfe, grid_cfe,
                                                std::max(max_j, 1.0));
      if (sized < 0) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "battery %s: no size up to %.0f MWh reaches the hourly carbon-free share "
                      "target of %.1f %%; sized at that bound",
                      battery->name.c_str(), max_j / 3.6e9, 100 * battery->target_cfe);
        out.messages.push_back(buf);
        battery_energy_j = max_j;
      } else {
        battery_energy_j = sized;
      }
      // A given energy or power is replaced by the sized one: say so, not silently.
      if (in_si(battery->energy) > 0 || in_si(battery->capacity) > 0) {
        char buf[240];
        std::snprintf(buf, sizeof buf,
                      "battery %s: sized for target_cfe %.1f %% to %.0f MWh / %.0f MW, replacing "
                      "the energy and power given (%.0f MWh / %.0f MW)",
                      battery->name.c_str(), 100 * battery->target_cfe, battery_energy_j / 3.6e9,
                      battery_energy_j / duration_s / 1e6, in_si(battery->energy) / 3.6e9,
                      in_si(battery->capacity) / 1e6);
        out.messages.push_back(buf);
      }
      battery_power_w = battery_energy_j / duration_s;
    }
    in.battery.energy_j = battery_energy_j;
    in.battery.power_w = battery_power_w;
  }

  // ---- dispatch ----------------------------------------------------------------------
  DispatchSeries d;
  if (out.onsite) {
    dispatch(in, d);
    out.cfe_share = cfe_share(facility_w, d, grid_cfe);
    out.grid_w = std::move(d.grid_w);
    out.unserved_w = std::move(d.unserved_w);
  } else {
    // Grid only: the dispatch reduces to import = min(demand, limit) (the same rules, without
    // the per-step bookkeeping of sources that are absent); the CFE share is then
    // Σ g·import / Σ demand since g·import ≤ demand.
    const auto demand = as_array(facility_w).max(0.0);
    out.grid_w.resize(n);
    out.unserved_w.resize(n);
    as_array(out.grid_w) = demand.min(import_limit_w);
    as_array(out.unserved_w) = demand - as_array(out.grid_w);
    const double load = demand.sum();
    out.cfe_share = load > 0 ? grid_cfe * sum(out.grid_w) / load : 0.0;
    // No on-site sources: no on-site channels; the grid stage reads the facility demand.
  }
  if (out.onsite) {
    out.residual_w.resize(n);
    as_array(out.residual_w) = as_array(out.grid_w) + as_array(out.unserved_w);
    out.onsite_w.resize(n);
    as_array(out.onsite_w) = as_array(d.renewable_used_w) + as_array(d.ccgt_w);
    out.discharge_w = d.discharge_w;  // copies: the per-source totals below still read d
    out.charge_w = d.charge_w;
    out.soc.assign(n, 0.0);
    if (battery_energy_j > 0) as_array(out.soc) = as_array(d.soc_j) / battery_energy_j;
  }
  out.unserved_j = sum(out.unserved_w) * dt_s;
  out.unserved_hours =
      static_cast<double>((as_array(out.unserved_w) > 1e-6 * std::max(1.0, as_array(facility_w).maxCoeff())).count()) *
      dt_s / 3600.0;

  // ---- per source: energy, emissions, water, cost ------------------------------------
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
  for (const SupplySpec& s : site.supply) {
    SupplySourceTotals t;
    t.name = s.name;
    t.type = s.type;
    switch (s.type) {
      case SupplyType::kGrid: {
        t.capacity_w = import_limit_w;
        t.energy_j = sum(out.grid_w) * dt_s;
        // Emission factor: the annual mean, or the step's hour of an hourly profile (hour of the
        // year, or of the day for a 24-value profile).
        if (s.emission_profile_kg_per_j.empty()) {
          t.co2_kg = t.energy_j * s.emission_kg_per_j;
        } else {
          const auto& f = s.emission_profile_kg_per_j;
          double kg = 0;
          for (size_t k = 0; k < n; ++k) {
            const double mid_h = (clock.start_s + (static_cast<double>(k) + 0.5) * dt_s) / 3600.0;
            const auto hour = static_cast<size_t>(mid_h);
            kg += out.grid_w[k] * f[f.size() == 24 ? hour % 24 : hour % 8760];
          }
          t.co2_kg = kg * dt_s;
        }
        // Energy charge: flat, or the time-of-use price of the step's month and hour; demand
        // charge on the largest import of the run, per month simulated.
        if (s.tou_usd_per_j.empty()) {
          t.energy_usd = t.energy_j * s.tariff_usd_per_j;
        } else {
          // Day 0 (1 January) of the typical year is a Monday, as in the IT stage's weekly
          // shape (engine/it/workload.cpp): days 5 and 6 of each week are Saturday and Sunday.
          double usd = 0;
          for (size_t k = 0; k < n; ++k) {
            const double mid_s = clock.start_s + (static_cast<double>(k) + 0.5) * dt_s;
            const auto day = static_cast<size_t>(mid_s / 86400.0) % 7;
            const size_t type = day == 5 ? 1 : day == 6 ? 2 : 0;
            const auto hour = static_cast<size_t>(clock.hour_mid[static_cast<Eigen::Index>(k)]);
            usd += out.grid_w[k] * s.tou_usd_per_j[type * 288 +
                                                   static_cast<size_t>(w.month[k] - 1) * 24 +
                                                   hour % 24];
          }
          t.energy_usd = usd * dt_s;
        }
        const double peak_import_w = n ? as_array(out.grid_w).maxCoeff() : 0.0;
        t.fixed_om_usd = s.demand_charge_usd_per_w_s * peak_import_w * period_s;
        break;
      }
      case SupplyType::kLngCcgt: {
        t.capacity_w = in_si(s.capacity) * s.units;
        t.energy_j = sum(d.ccgt_w) * dt_s;
        t.curtailed_j = sum(d.ccgt_spilled_w) * dt_s;
        t.available_j = t.energy_j + t.curtailed_j;  // generated
        t.fuel_j = sum(d.ccgt_fuel_w) * dt_s;
        t.co2_kg = t.fuel_j * s.fuel_co2_kg_per_j;
        t.water_m3 = t.available_j * s.water_m3_per_j;
        t.capital_usd = capital(s, t.capacity_w, 0);
        t.fixed_om_usd = fixed_om(s, t.capacity_w);
        t.variable_om_usd = t.available_j * s.cost.variable_om_usd_per_j;
        t.fuel_usd = t.fuel_j * s.fuel_usd_per_j;
        t.carbon_usd = t.co2_kg * site.economics.carbon_price_usd_per_kg;
        break;
      }
      case SupplyType::kSolar:
      case SupplyType::kWind: {
        // Renewables used and stored are shared among the renewable sources in proportion to
        // their output in each step.
        const size_t idx = static_cast<size_t>(
            std::find(renewables.begin(), renewables.end(), &s) - renewables.begin());
        const Series& mine = re_series[idx];
        double used = 0, curtailed = 0;
        for (size_t k = 0; k < n; ++k) {
          if (!(re_total[k] > 0)) continue;
          const double share = mine[k] / re_total[k];
          used += share * (d.renewable_used_w[k] + d.charge_w[k]);
          curtailed += share * d.curtailed_w[k];
        }
        t.capacity_w = in_si(s.capacity);
        t.available_j = sum(mine) * dt_s;
        t.energy_j = used * dt_s;
        t.curtailed_j = curtailed * dt_s;
        t.capital_usd = capital(s, t.capacity_w, 0);
        t.fixed_om_usd = fixed_om(s, t.capacity_w);
        t.variable_om_usd = t.available_j * s.cost.variable_om_usd_per_j;
        break;
      }
      case SupplyType::kBattery: {
        // Cells end by calendar ageing or by cycling, whichever comes first (HOMER's battery
        // life = min(float life, throughput life), HOMER Pro manual "Battery Throughput"): the
        // energy part of the cost is the larger of its annuity and the wear of the energy
        // discharged; the power part (inverters, connection) is annualized as usual.
        t.capacity_w = battery_power_w;
        t.battery_energy_j = battery_energy_j;
        t.energy_j = sum(d.discharge_w) * dt_s;
        const double power_capital = capital(s, battery_power_w, 0.0);
        const double energy_capital = capital(s, 0.0, battery_energy_j);
        const double wear = t.energy_j * s.degradation_usd_per_j;
        t.capital_usd = power_capital + std::max(energy_capital, wear);
        t.fixed_om_usd = fixed_om(s, battery_power_w);
        break;
      }
    }
    // Capacity factor: output over nameplate × period (solar on the DC nameplate, PVWatts
    // convention; renewables and LNG on what they could or did generate, before curtailment).
    const double out_j = (s.type == SupplyType::kSolar || s.type == SupplyType::kWind ||
                          s.type == SupplyType::kLngCcgt)
                             ? t.available_j
                             : t.energy_j;
    t.capacity_factor = t.capacity_w > 0 ? out_j / (t.capacity_w * period_s) : 0.0;
    out.co2_kg += t.co2_kg;
    out.water_m3 += t.water_m3;
    out.cost_usd += t.cost_usd();
    out.sources.push_back(std::move(t));
  }
  return out;
}

}  // namespace dcload::detail
