// Rule-based dispatch (see dispatch.hpp). The rules, in order, each step:
//  1. renewables serve the demand; 2. renewable surplus charges the battery, the rest is
//  curtailed; 3. the battery discharges for the deficit; 4. the LNG plant serves the remaining
//  deficit with as many units as needed, each at or above its minimum stable load, within the
//  plant ramp limit; a deficit below one unit's minimum goes to the grid when it can carry it,
//  otherwise one unit runs at minimum and its excess is spilled; 5. the grid imports up to the
//  connection; 6. what is left is unserved.
// Storage update as in PyPSA's StorageUnit (soc_t = soc_{t−1} + η_store·charge·Δt −
// discharge·Δt/η_dispatch), standing loss neglected.
#include "supply/dispatch.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace dcload::detail {


void dispatch(const DispatchInput& in, DispatchSeries& out) {
  DispatchState fresh;
  dispatch(in, fresh, out);
}

void dispatch(const DispatchInput& in, DispatchState& st, DispatchSeries& out) {
  if (!in.demand_w) throw std::invalid_argument("dispatch: no demand series");
  const std::vector<double>& demand = *in.demand_w;
  const size_t n = demand.size();
  if (in.renewable_w && in.renewable_w->size() != n)
    throw std::invalid_argument("dispatch: renewable and demand series differ in length");
  const BatterySpec& b = in.battery;
  const CcgtSpec& c = in.ccgt;
  if (b.power_w < 0 || b.energy_j < 0 || !(b.round_trip_efficiency > 0 && b.round_trip_efficiency <= 1) ||
      !(b.soc_min >= 0 && b.soc_min <= b.soc_initial && b.soc_initial <= b.soc_max && b.soc_max <= 1))
    throw std::invalid_argument("dispatch: battery needs power, energy ≥ 0, 0 < RTE ≤ 1 and "
                                "0 ≤ soc_min ≤ soc_initial ≤ soc_max ≤ 1");
  if (c.units < 0 || c.unit_capacity_w < 0 || !(c.min_stable_load >= 0 && c.min_stable_load <= 1) ||
      !(c.forced_outage_rate >= 0 && c.forced_outage_rate < 1) ||
      !(c.efficiency_full_load > 0 && c.efficiency_full_load < 1) ||
      !(c.no_load_fuel_fraction >= 0 && c.no_load_fuel_fraction < 1) || c.ramp_w_per_s < 0 ||
      !(c.mttr_s >= 0))
    throw std::invalid_argument("dispatch: CCGT parameters out of range");
  if (!(in.dt_s > 0)) throw std::invalid_argument("dispatch: step must be positive");

  if (in.grid_price_usd_per_j && in.grid_price_usd_per_j->size() != n)
    throw std::invalid_argument("dispatch: grid price and demand series differ in length");
  for (auto* s : {&out.renewable_used_w, &out.curtailed_w, &out.charge_w, &out.discharge_w,
                  &out.soc_j, &out.ccgt_w, &out.ccgt_spilled_w, &out.ccgt_fuel_w, &out.grid_w,
                  &out.unserved_w, &out.ccgt_units_on, &out.ccgt_units_up, &out.charge_grid_w,
                  &out.charge_ccgt_w, &out.clean_discharge_w})
    s->assign(n, 0.0);

  const double dt = in.dt_s;
  const double eta = std::sqrt(b.round_trip_efficiency);  // one-way, charge = discharge
  const double soc_lo = b.soc_min * b.energy_j, soc_hi = b.soc_max * b.energy_j;
  // Forced outages: an expected-value derate of every unit, or (mttr_s > 0) seeded two-state
  // Markov units at full capacity. Per-step probabilities of a transition: 1 − exp(−rate·Δt).
  const bool random_outages = c.mttr_s > 0 && c.forced_outage_rate > 0 && c.units > 0;
  const double unit_avail_w = c.unit_capacity_w * (random_outages ? 1.0 : 1 - c.forced_outage_rate);
  const double unit_min_w = c.min_stable_load * unit_avail_w;
  const double ramp_step_w =
      c.ramp_w_per_s > 0 ? c.ramp_w_per_s * dt : unit_avail_w * std::max(c.units, 1);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double mu = random_outages ? 1.0 / c.mttr_s : 0.0;
  const double lambda = random_outages ? c.forced_outage_rate * mu / (1 - c.forced_outage_rate) : 0.0;
  const double p_fail = 1 - std::exp(-lambda * dt), p_repair = 1 - std::exp(-mu * dt);
  if (!st.started) {
    st.started = true;
    st.soc_j = b.soc_initial * b.energy_j;
    st.soc_clean_j = st.soc_j;  // the initial charge counts as carbon-free
    st.ccgt_prev_w = 0;
    st.rng.seed(c.seed * 0x9E3779B97F4A7C15ULL + 0xCC67ULL);
    st.up.assign(static_cast<size_t>(std::max(c.units, 0)), 1);
    // Start each unit in its stationary state (down with probability FOR).
    if (random_outages)
      for (auto& u : st.up) u = uniform(st.rng) >= c.forced_outage_rate;
  }
  double soc = st.soc_j;
  std::vector<char>& up = st.up;
  // Fuel per unit on and per W out (HOMER linear curve): at full load F0 + F1 = 1/η_full.
  const double f0 = c.no_load_fuel_fraction / c.efficiency_full_load;  // × unit capacity
  const double f1 = (1 - c.no_load_fuel_fraction) / c.efficiency_full_load;
  double ccgt_prev_w = st.ccgt_prev_w;
  double soc_clean = st.soc_clean_j;
  // Look-ahead: the firm shortfall of each step (demand above renewables, the LNG plant's
  // expected available output and the import limit) and its suffix sums, so the shortfall of
  // the next `lookahead_s` is one subtraction per step.
  const bool lookahead = in.lookahead_s > 0 && b.power_w > 0 && b.energy_j > 0 &&
                         (in.grid_import_limit_w > 0 || c.units > 0);
  std::vector<double> after;  // after[k] = Σ_{j ≥ k} shortfall_j · dt
  size_t horizon = 0;
  if (lookahead) {
    const double lng_expected_w = c.unit_capacity_w * c.units * (1 - c.forced_outage_rate);
    after.assign(n + 1, 0.0);
    for (size_t k = n; k-- > 0;) {
      const double re = in.renewable_w ? std::max(0.0, (*in.renewable_w)[k]) : 0.0;
      const double f = std::max(0.0, demand[k] - re - lng_expected_w - in.grid_import_limit_w);
      after[k] = after[k + 1] + f * dt;
    }
    horizon = static_cast<size_t>(std::llround(in.lookahead_s / dt));
  }

  for (size_t k = 0; k < n; ++k) {
    const double load = std::max(0.0, demand[k]);
    const double re = in.renewable_w ? std::max(0.0, (*in.renewable_w)[k]) : 0.0;
    const double re_used = std::min(re, load);
    double deficit = load - re_used;
    double surplus = re - re_used;
    out.renewable_used_w[k] = re_used;
    // 2. charge from surplus only (never in the same step as a discharge: a surplus means no
    // deficit).
    if (surplus > 0 && b.power_w > 0) {
      const double room_w = std::max(0.0, (soc_hi - soc) / (eta * dt));
      const double ch = std::min({surplus, b.power_w, room_w});
      const double before = soc;
      soc = std::min(soc_hi, soc + ch * eta * dt);
      soc_clean += soc - before;  // renewable charge is carbon-free
      out.charge_w[k] = ch;
      surplus -= ch;
    }
    out.curtailed_w[k] = surplus;
    // 3. discharge for the deficit — but while a shortfall lies ahead (look-ahead), only for
    // the part of the deficit the LNG plant and the grid cannot carry, keeping the charge for it.
    double foreseen_j = 0;
    if (lookahead) {
      const size_t end = std::min(n, k + 1 + horizon);
      foreseen_j = (after[k + 1] - after[end]) / eta;
    }
    if (deficit > 0 && b.power_w > 0) {
      const double avail_w = std::max(0.0, (soc - soc_lo) * eta / dt);
      const double firm_w = c.unit_capacity_w * c.units * (1 - c.forced_outage_rate) + in.grid_import_limit_w;
      const double for_w = foreseen_j > 0 ? std::max(0.0, deficit - firm_w) : deficit;
      const double dis = std::min({for_w, b.power_w, avail_w});
      const double share = soc > 0 ? std::clamp(soc_clean / soc, 0.0, 1.0) : 0.0;
      const double before = soc;
      soc = std::max(soc_lo, soc - dis / eta * dt);
      soc_clean = std::max(0.0, soc_clean - share * (before - soc));
      out.discharge_w[k] = dis;
      out.clean_discharge_w[k] = share * dis;
      deficit -= dis;
    }
    // 4–5. LNG and grid in merit order: the cheaper first (time-of-use aware), LNG first when
    // no prices are given.
    const bool grid_first = in.grid_price_usd_per_j != nullptr &&
                            (*in.grid_price_usd_per_j)[k] < in.ccgt_marginal_usd_per_j;
    const double left_after_grid = std::max(0.0, deficit - in.grid_import_limit_w);
    double lng_room_w = 0;  // spare output of the units running this step
    // 4. LNG combined cycle.
    double ccgt = 0, spilled = 0, units_on = 0;
    int units_up = c.units;
    if (random_outages) {
      units_up = 0;
      for (auto& u : up) {
        u = u ? uniform(st.rng) >= p_fail : uniform(st.rng) < p_repair;
        units_up += u;
      }
    }
    out.ccgt_units_up[k] = units_up;
    const double plant_avail_w = unit_avail_w * units_up;
    if (units_up > 0 && unit_avail_w > 0) {
      const double lo = std::max(0.0, ccgt_prev_w - ramp_step_w);
      const double hi = std::min(plant_avail_w, ccgt_prev_w + ramp_step_w);
      double want = std::min(grid_first ? left_after_grid : deficit, hi);
      const bool grid_can_take = grid_first ? left_after_grid <= 0 : deficit <= in.grid_import_limit_w;
      if (want < unit_min_w && lo <= 0 && grid_can_take) want = 0;  // leave it to the grid
      double out_w = std::max(want, lo);                             // cannot ramp down faster
      if (out_w > 0) {
        units_on = std::min<double>(units_up, std::ceil(out_w / unit_avail_w - 1e-12));
        units_on = std::max(units_on, 1.0);
        // Each running unit at least at minimum load (ceil() leaves every unit above half load
        // when two or more run, so minimum loads up to 50 % hold); synchronising a unit to its
        // minimum load is exempt from the ramp limit.
        out_w = std::max(out_w, unit_min_w);
        if (out_w > plant_avail_w) out_w = plant_avail_w;
      }
      ccgt = std::min(out_w, deficit);
      spilled = out_w - ccgt;
      if (units_on > 0) lng_room_w = std::max(0.0, std::min(units_on * unit_avail_w, hi) - out_w);
      out.ccgt_fuel_w[k] = units_on * c.unit_capacity_w * f0 + out_w * f1;
      ccgt_prev_w = out_w;
      deficit -= ccgt;
    } else {
      ccgt_prev_w = 0;  // every unit out: restarting units are not ramp-limited
    }
    out.ccgt_w[k] = ccgt;  // (look-ahead charging below may add to it)
    out.ccgt_spilled_w[k] = spilled;
    out.ccgt_units_on[k] = units_on;
    // 5. grid, 6. unserved.
    double g = std::min(deficit, in.grid_import_limit_w);
    out.unserved_w[k] = deficit - g;
    // Look-ahead charging: no discharge and nothing unserved this step, and the next horizon
    // holds a shortfall the charge above soc_min cannot cover (÷ η: what leaves the cells).
    if (lookahead && out.discharge_w[k] == 0 && out.unserved_w[k] == 0 && out.charge_w[k] < b.power_w) {
      const double need_j = foreseen_j;
      const double have_j = soc - soc_lo;
      if (need_j > have_j && soc < soc_hi) {
        double want_w = std::min({(need_j - have_j) / (eta * dt), (soc_hi - soc) / (eta * dt),
                                  b.power_w - out.charge_w[k]});
        const double grid_room = std::max(0.0, in.grid_import_limit_w - g);
        const bool lng_cheaper = in.grid_price_usd_per_j == nullptr ||
                                 (*in.grid_price_usd_per_j)[k] >= in.ccgt_marginal_usd_per_j;
        double from_grid = 0, from_lng = 0;
        if (lng_cheaper) {
          from_lng = std::min(want_w, lng_room_w);
          from_grid = std::min(want_w - from_lng, grid_room);
        } else {
          from_grid = std::min(want_w, grid_room);
          from_lng = std::min(want_w - from_grid, lng_room_w);
        }
        const double ch = from_grid + from_lng;
        if (ch > 0) {
          const double before = soc;
          soc = std::min(soc_hi, soc + ch * eta * dt);
          const double stored = soc - before;
          const double gc = in.grid_cfe ? (*in.grid_cfe)[k] : in.grid_cfe_share;
          soc_clean += ch > 0 ? stored * (from_grid * gc) / ch : 0.0;
          out.charge_w[k] += ch;
          out.charge_grid_w[k] = from_grid;
          out.charge_ccgt_w[k] = from_lng;
          g += from_grid;
          ccgt += from_lng;
          out.ccgt_fuel_w[k] += from_lng * f1;
          ccgt_prev_w += from_lng;
          out.ccgt_w[k] = ccgt;
        }
      }
    }
    out.grid_w[k] = g;
    out.soc_j[k] = soc;
  }
  st.soc_j = soc;
  st.soc_clean_j = soc_clean;
  st.ccgt_prev_w = ccgt_prev_w;
}

double capital_recovery_factor(double rate, double years) {
  if (!(years > 0) || !(rate > -1)) throw std::invalid_argument("CRF: need years > 0, rate > −1");
  if (std::abs(rate) < 1e-12) return 1.0 / years;
  const double p = std::pow(1 + rate, years);
  return rate * p / (p - 1);
}

double cfe_share(const std::vector<double>& demand_w, const DispatchSeries& d,
                 double grid_cfe_share, const std::vector<double>* grid_cfe) {
  double clean = 0, load = 0;
  for (size_t k = 0; k < demand_w.size(); ++k) {
    const double l = std::max(0.0, demand_w[k]);
    const double gc = grid_cfe ? (*grid_cfe)[k] : grid_cfe_share;
    const double c = d.renewable_used_w[k] + d.clean_discharge_w[k] +
                     gc * (d.grid_w[k] - d.charge_grid_w[k]);
    clean += std::min(l, c);
    load += l;
  }
  return load > 0 ? clean / load : 0.0;
}

double size_battery_for_cfe(DispatchInput in, double duration_s, double target,
                            double grid_cfe_share, double max_energy_j) {
  if (!(duration_s > 0) || !(max_energy_j > 0) || !(target >= 0 && target <= 1))
    throw std::invalid_argument("battery sizing: need duration > 0, max energy > 0, 0 ≤ target ≤ 1");
  DispatchSeries d;
  auto share = [&](double energy_j) {
    in.battery.energy_j = energy_j;
    in.battery.power_w = energy_j / duration_s;
    dispatch(in, d);
    return cfe_share(*in.demand_w, d, grid_cfe_share, in.grid_cfe);
  };
  if (share(0.0) >= target) return 0.0;
  if (share(max_energy_j) < target) return -1.0;
  // The share grows with the battery (more surplus stored, more deficit covered), so bisect.
  double lo = 0, hi = max_energy_j;
  while (hi - lo > 1e-4 * max_energy_j) {
    const double mid = 0.5 * (lo + hi);
    (share(mid) >= target ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace dcload::detail
