// The supply linear program (engine/optimize/README.md): built as triplets, solved by COIN-OR
// CLP (Forrest et al., https://github.com/coin-or/Clp) through its C++ API. Internal units: MW,
// MWh, thousands of USD (kUSD), step length h in hours.
//
// Per step t: import g_t, LNG output l_t, battery charge c_t and discharge d_t, state of charge
// s_t (end of step), unserved u_t (only with a value of lost load). Capacities: one column per
// extendable source (battery: power and energy). Rows:
//   balance   Σ_r p_rt·C_r + g_t + l_t + d_t − c_t + u_t ≥ D_t   (the excess is curtailment)
//   battery   s_t = s_{t−1} + η_c·h·c_t − h·d_t/η_d, cyclic (s_{−1} = s_{T−1});
//             s_min·E ≤ s_t ≤ s_max·E; c_t, d_t ≤ P
//   LNG       l_t ≤ A·L; |l_t − l_{t−1}| ≤ r·L (when the ramp limit binds within a step)
//   grid      g_t ≤ G (the contract, the demand-charge base), G ≤ the connection
//   CFE       (1 − γ)·Σ g_t·h + Σ l_t·h + Σ u_t·h ≤ (1 − target)·Σ D_t·h
//   CO2       Σ e_t·g_t·h + Σ k·l_t·h ≤ cap
//   wear      W ≥ annuity_E·E, W ≥ wear·Σ d_t·h (battery energy cost = max of the two)
// The CFE row is the hourly (24/7) score on one bus without export: every MWh of load is served
// by renewables used, battery discharge, import, LNG or not at all, and the battery's discharge
// is what it was charged with less its losses, so the load's carbon-free part is
// D − (1 − γ)·import − LNG − unserved each step. Energy cycled from the grid or LNG through the
// battery is counted dirty when it is imported or generated and its losses make it dirtier: it
// can never raise the score (tests/test_optimize.cpp).
#include "optimize/supply_lp.hpp"

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace dcload::detail {
namespace {

const double kInf = COIN_DBL_MAX;
constexpr double kJPerMWh = 3.6e9;
constexpr double kUsdPerJ = kJPerMWh / 1e3;  // USD/J → kUSD/MWh
constexpr double kUsdPerW = 1e6 / 1e3;       // USD/W → kUSD/MW

struct Lp {
  std::vector<double> col_lb, col_ub, obj, row_lb, row_ub;
  std::vector<int> ri, ci;
  std::vector<double> v;
  int col(double lb, double ub, double cost) {
    col_lb.push_back(lb);
    col_ub.push_back(ub);
    obj.push_back(cost);
    return static_cast<int>(obj.size()) - 1;
  }
  int row(double lb, double ub) {
    row_lb.push_back(lb);
    row_ub.push_back(ub);
    return static_cast<int>(row_lb.size()) - 1;
  }
  void add(int r, int c, double x) {
    if (x == 0) return;
    ri.push_back(r);
    ci.push_back(c);
    v.push_back(x);
  }
};

// What the objective is: the cost (normal), or a diagnostic for an infeasible program.
enum class Goal { kCost, kMinUnserved, kMinDirty, kMinCo2 };

struct Built {
  Lp lp;
  std::vector<int> cap;        // per source: capacity column, −1 when fixed
  int energy = -1;             // battery energy column
  int peak = -1, wear = -1;
  std::vector<int> g, l, c, d, s, u;
  int balance0 = 0, cfe_row = -1, co2_row = -1;
  int grid = -1, lng = -1, battery = -1;
  std::vector<int> renewables;
};

double at(const std::vector<double>& v, size_t t) { return v.size() == 1 ? v[0] : v[t]; }

Built build(const LpInput& in, Goal goal, bool force_cfe_row = false) {
  Built b;
  Lp& lp = b.lp;
  const size_t n = in.demand_w.size();
  const double h = in.dt_s / 3600.0;
  const bool cost_goal = goal == Goal::kCost;
  const bool allow_unserved = in.voll_usd_per_j > 0 || goal == Goal::kMinUnserved;
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const LpSource& s = in.sources[i];
    switch (s.kind) {
      case LpSource::Kind::kGrid: b.grid = static_cast<int>(i); break;
      case LpSource::Kind::kLng: b.lng = static_cast<int>(i); break;
      case LpSource::Kind::kBattery: b.battery = static_cast<int>(i); break;
      case LpSource::Kind::kRenewable: b.renewables.push_back(static_cast<int>(i)); break;
    }
  }
  // ---- capacity columns ----
  b.cap.assign(in.sources.size(), -1);
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const LpSource& s = in.sources[i];
    if (!s.extendable || s.kind == LpSource::Kind::kGrid) continue;  // grid: the peak column
    double cost = (s.capital_usd_per_w + s.fixed_usd_per_w) * kUsdPerW;
    if (s.kind == LpSource::Kind::kRenewable) {
      double avail = 0;
      for (double p : s.profile) avail += p;
      cost += s.variable_usd_per_j * kUsdPerJ * avail * h;
    }
    b.cap[i] = lp.col(s.min_w / 1e6, s.max_w > 0 ? s.max_w / 1e6 : kInf, cost_goal ? cost : 0);
  }
  // ---- per step columns ----
  const LpSource* grid = b.grid >= 0 ? &in.sources[static_cast<size_t>(b.grid)] : nullptr;
  const LpSource* lng = b.lng >= 0 ? &in.sources[static_cast<size_t>(b.lng)] : nullptr;
  const LpSource* bat = b.battery >= 0 ? &in.sources[static_cast<size_t>(b.battery)] : nullptr;
  double grid_max_mw = 0;
  if (grid) {
    grid_max_mw = (grid->extendable ? grid->max_w : grid->capacity_w) / 1e6;
    const double lo = grid->extendable ? grid->min_w / 1e6 : 0.0;
    const double dc = grid->demand_charge_usd_per_w * kUsdPerW;
    if (dc > 0 || grid->extendable)
      b.peak = lp.col(lo, grid_max_mw, cost_goal ? dc : 0);
    b.g.resize(n);
    for (size_t t = 0; t < n; ++t) {
      double cost = 0;
      if (cost_goal) cost = at(grid->price_usd_per_j, t) * kUsdPerJ * h;
      else if (goal == Goal::kMinDirty) cost = (1 - at(grid->cfe_share, t)) * h;
      else if (goal == Goal::kMinCo2) cost = at(grid->grid_co2_kg_per_j, t) * kJPerMWh / 1e3 * h;
      b.g[t] = lp.col(0, grid_max_mw, cost);
    }
  }
  if (lng) {
    b.l.resize(n);
    const double ub = b.cap[static_cast<size_t>(b.lng)] >= 0 ? kInf
                                                             : lng->availability * lng->capacity_w / 1e6;
    double cost = 0;
    if (cost_goal)
      cost = (lng->fuel_usd_per_j + lng->carbon_usd_per_j + lng->variable_usd_per_j) * kUsdPerJ * h;
    else if (goal == Goal::kMinDirty) cost = h;
    else if (goal == Goal::kMinCo2) cost = lng->co2_kg_per_j * kJPerMWh / 1e3 * h;
    for (size_t t = 0; t < n; ++t) b.l[t] = lp.col(0, ub, cost);
  }
  if (bat) {
    const int pcol = b.cap[static_cast<size_t>(b.battery)];
    const double pmax = pcol >= 0 ? kInf : bat->capacity_w / 1e6;
    if (bat->extendable)
      b.energy = lp.col(bat->min_energy_j / kJPerMWh,
                        bat->max_energy_j > 0 ? bat->max_energy_j / kJPerMWh : kInf, 0);
    const double e_fixed = bat->energy_j / kJPerMWh;
    const double annuity = bat->capital_usd_per_j * kUsdPerJ;  // kUSD per MWh of energy capacity
    b.c.resize(n);
    b.d.resize(n);
    b.s.resize(n);
    for (size_t t = 0; t < n; ++t) {
      b.c[t] = lp.col(0, pmax, 0);
      b.d[t] = lp.col(0, pmax, 0);
      b.s[t] = b.energy >= 0 ? lp.col(0, kInf, 0)
                             : lp.col(bat->soc_min * e_fixed, bat->soc_max * e_fixed, 0);
    }
    // Energy cost: max(annuity·E, wear·Σd·h) through W, or annuity·E alone without wear.
    if (cost_goal) {
      if (bat->wear_usd_per_j > 0) {
        b.wear = lp.col(b.energy >= 0 ? 0.0 : annuity * e_fixed, kInf, 1.0);
        if (b.energy >= 0) {
          const int r = lp.row(0, kInf);
          lp.add(r, b.wear, 1);
          lp.add(r, b.energy, -annuity);
        }
        const int r = lp.row(0, kInf);
        lp.add(r, b.wear, 1);
        const double k = bat->wear_usd_per_j * kUsdPerJ * h;
        for (size_t t = 0; t < n; ++t) lp.add(r, b.d[t], -k);
      } else if (b.energy >= 0) {
        lp.obj[static_cast<size_t>(b.energy)] = annuity;
      }
    }
  }
  if (allow_unserved) {
    b.u.resize(n);
    const double cost = cost_goal ? in.voll_usd_per_j * kUsdPerJ * h
                                  : (goal == Goal::kMinUnserved || goal == Goal::kMinDirty ? h : 0);
    for (size_t t = 0; t < n; ++t) b.u[t] = lp.col(0, std::max(0.0, in.demand_w[t]) / 1e6, cost);
  }
  // ---- balance rows ----
  b.balance0 = static_cast<int>(lp.row_lb.size());
  for (size_t t = 0; t < n; ++t) {
    double rhs = std::max(0.0, in.demand_w[t]) / 1e6;
    for (int ri : b.renewables) {
      const LpSource& s = in.sources[static_cast<size_t>(ri)];
      if (b.cap[static_cast<size_t>(ri)] < 0) rhs -= s.profile[t] * s.capacity_w / 1e6;
    }
    const int r = lp.row(rhs, kInf);
    for (int ri : b.renewables) {
      const int col = b.cap[static_cast<size_t>(ri)];
      if (col >= 0) lp.add(r, col, in.sources[static_cast<size_t>(ri)].profile[t]);
    }
    if (grid) lp.add(r, b.g[t], 1);
    if (lng) lp.add(r, b.l[t], 1);
    if (bat) {
      lp.add(r, b.d[t], 1);
      lp.add(r, b.c[t], -1);
    }
    if (allow_unserved) lp.add(r, b.u[t], 1);
  }
  // ---- grid contract ----
  if (grid && b.peak >= 0)
    for (size_t t = 0; t < n; ++t) {
      const int r = lp.row(-kInf, 0);
      lp.add(r, b.g[t], 1);
      lp.add(r, b.peak, -1);
    }
  // ---- LNG capacity and ramp ----
  if (lng) {
    const int lcap = b.cap[static_cast<size_t>(b.lng)];
    if (lcap >= 0)
      for (size_t t = 0; t < n; ++t) {
        const int r = lp.row(-kInf, 0);
        lp.add(r, b.l[t], 1);
        lp.add(r, lcap, -lng->availability);
      }
    if (lng->ramp_per_step < 1)
      for (size_t t = 1; t < n; ++t)
        for (int sign : {1, -1}) {
          const double fixed = lcap >= 0 ? 0.0 : lng->ramp_per_step * lng->capacity_w / 1e6;
          const int r = lp.row(-kInf, fixed);
          lp.add(r, b.l[t], sign);
          lp.add(r, b.l[t - 1], -sign);
          if (lcap >= 0) lp.add(r, lcap, -lng->ramp_per_step);
        }
  }
  // ---- battery ----
  if (bat) {
    const int pcol = b.cap[static_cast<size_t>(b.battery)];
    for (size_t t = 0; t < n; ++t) {
      const int r = lp.row(0, 0);
      lp.add(r, b.s[t], 1);
      if (n > 1) lp.add(r, b.s[(t + n - 1) % n], -1);
      lp.add(r, b.c[t], -bat->eta_charge * h);
      lp.add(r, b.d[t], h / bat->eta_discharge);
      // One row c_t + d_t ≤ P instead of two: charging and discharging in the same hour only
      // loses energy, which the free curtailment of the balance makes pointless, so the optimum
      // never does both and the single row is exact.
      if (pcol >= 0) {
        const int rp = lp.row(-kInf, 0);
        lp.add(rp, b.c[t], 1);
        lp.add(rp, b.d[t], 1);
        lp.add(rp, pcol, -1);
      }
      // With E a variable, s_t is the charge above soc_min·E (≥ 0 as a bound; the dynamics are
      // unchanged because soc_min·E is constant over the year): one row s_t ≤ (soc_max − soc_min)·E.
      if (b.energy >= 0) {
        const int hi = lp.row(-kInf, 0);
        lp.add(hi, b.s[t], 1);
        lp.add(hi, b.energy, -(bat->soc_max - bat->soc_min));
      }
    }
  }
  // ---- carbon-free share and CO2 cap ----
  double demand_mwh = 0;
  for (double x : in.demand_w) demand_mwh += std::max(0.0, x) / 1e6 * h;
  if ((in.cfe_target > 0 || (force_cfe_row && goal == Goal::kCost)) &&
      (goal == Goal::kCost || goal == Goal::kMinCo2)) {
    b.cfe_row = lp.row(-kInf, (1 - in.cfe_target) * demand_mwh);
    for (size_t t = 0; t < n; ++t) {
      if (grid) lp.add(b.cfe_row, b.g[t], (1 - at(grid->cfe_share, t)) * h);
      if (lng) lp.add(b.cfe_row, b.l[t], h);
      if (allow_unserved) lp.add(b.cfe_row, b.u[t], h);
    }
  }
  if (in.co2_cap_kg > 0 && goal == Goal::kCost) {
    b.co2_row = lp.row(-kInf, in.co2_cap_kg / 1e3);  // t
    for (size_t t = 0; t < n; ++t) {
      if (grid) lp.add(b.co2_row, b.g[t], at(grid->grid_co2_kg_per_j, t) * kJPerMWh / 1e3 * h);
      if (lng) lp.add(b.co2_row, b.l[t], lng->co2_kg_per_j * kJPerMWh / 1e3 * h);
    }
  }
  return b;
}

struct Solved {
  int status = 4;
  double objective = 0, seconds = 0;
  int iterations = 0;
  std::vector<double> x, y;
};

// One program in CLP, solved first from scratch (presolve, then the chosen algorithm; the
// barrier ends with a crossover to a basic solution, for the duals) and then again from the
// last basis after a right-hand side changes (dual simplex: the basis stays dual feasible).
class Solver {
 public:
  Solver(const Lp& lp, double time_limit_s) {
    m_.setLogLevel(0);
    CoinPackedMatrix a(true, lp.ri.data(), lp.ci.data(), lp.v.data(),
                       static_cast<CoinBigIndex>(lp.v.size()));
    // The matrix must have every row and column, also those without entries.
    a.setDimensions(static_cast<int>(lp.row_lb.size()), static_cast<int>(lp.obj.size()));
    m_.loadProblem(a, lp.col_lb.data(), lp.col_ub.data(), lp.obj.data(), lp.row_lb.data(),
                   lp.row_ub.data());
    m_.setMaximumSeconds(time_limit_s);
  }
  Solved first(LpInput::Algorithm algorithm) {
    ClpSolve how;
    how.setPresolveType(ClpSolve::presolveOn);
    switch (algorithm) {
      case LpInput::Algorithm::kDual: how.setSolveType(ClpSolve::useDual); break;
      case LpInput::Algorithm::kPrimal: how.setSolveType(ClpSolve::usePrimal); break;
      case LpInput::Algorithm::kBarrier: how.setSolveType(ClpSolve::useBarrier); break;
    }
    return timed([&] { m_.initialSolve(how); });
  }
  Solved again_with_row_upper(int row, double upper) {
    m_.setRowUpper(row, upper);
    return timed([&] { m_.dual(); });
  }

 private:
  template <class F>
  Solved timed(F f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    Solved s;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    s.status = m_.status();
    s.iterations = m_.numberIterations();
    s.objective = m_.objectiveValue();
    s.x.assign(m_.primalColumnSolution(), m_.primalColumnSolution() + m_.numberColumns());
    s.y.assign(m_.dualRowSolution(), m_.dualRowSolution() + m_.numberRows());
    return s;
  }
  ClpSimplex m_;
};

Solved solve(const Lp& lp, LpInput::Algorithm algorithm, double time_limit_s) {
  Solver solver(lp, time_limit_s);
  return solver.first(algorithm);
}

const char* algorithm_name(LpInput::Algorithm a) {
  switch (a) {
    case LpInput::Algorithm::kDual: return "dual simplex";
    case LpInput::Algorithm::kPrimal: return "primal simplex";
    case LpInput::Algorithm::kBarrier: return "barrier";
  }
  return "";
}

std::string mw_text(double w) {
  char buf[48];
  if (w >= 1e9) std::snprintf(buf, sizeof buf, "%.3g GW", w / 1e9);
  else std::snprintf(buf, sizeof buf, "%.4g MW", w / 1e6);
  return buf;
}

// "solar ≤ 3 GW, wind ≤ 2 GW, battery ≤ 4 GW / 16 GWh" — what bounded the clean sources.
std::string clean_bounds(const LpInput& in) {
  std::string out;
  for (const LpSource& s : in.sources) {
    if (s.kind == LpSource::Kind::kGrid || s.kind == LpSource::Kind::kLng) continue;
    std::string part = s.name;
    if (!s.extendable) part += " fixed at " + mw_text(s.capacity_w);
    else if (s.max_w > 0) part += " ≤ " + mw_text(s.max_w);
    else part += " unbounded";
    if (s.kind == LpSource::Kind::kBattery && s.extendable && s.max_energy_j > 0) {
      char buf[48];
      std::snprintf(buf, sizeof buf, " / %.4g MWh", s.max_energy_j / kJPerMWh);
      part += buf;
    }
    out += (out.empty() ? "" : ", ") + part;
  }
  return out.empty() ? "no carbon-free source but the grid's share" : out;
}

void check_input(const LpInput& in) {
  const size_t n = in.demand_w.size();
  if (n == 0) throw std::invalid_argument("supply LP: no steps");
  if (!(in.dt_s > 0)) throw std::invalid_argument("supply LP: step length must be > 0");
  if (!(in.cfe_target >= 0 && in.cfe_target <= 1))
    throw std::invalid_argument("supply LP: cfe target must be within 0 … 100 %");
  int grids = 0, lngs = 0, bats = 0;
  for (const LpSource& s : in.sources) {
    grids += s.kind == LpSource::Kind::kGrid;
    lngs += s.kind == LpSource::Kind::kLng;
    bats += s.kind == LpSource::Kind::kBattery;
    if (s.extendable && s.max_w > 0 && s.min_w > s.max_w)
      throw std::invalid_argument("supply LP: " + s.name + ": min capacity above max");
    if (s.kind == LpSource::Kind::kRenewable && s.profile.size() != n)
      throw std::invalid_argument("supply LP: " + s.name + ": profile length differs from demand");
    if (s.kind == LpSource::Kind::kGrid && s.price_usd_per_j.size() != 1 &&
        s.price_usd_per_j.size() != n)
      throw std::invalid_argument("supply LP: grid price needs one value or one per step");
    if (s.kind == LpSource::Kind::kGrid && s.grid_co2_kg_per_j.size() != 1 &&
        s.grid_co2_kg_per_j.size() != n)
      throw std::invalid_argument("supply LP: grid CO2 needs one value or one per step");
    if (s.kind == LpSource::Kind::kBattery &&
        !(s.eta_charge > 0 && s.eta_discharge > 0 && s.soc_max > s.soc_min))
      throw std::invalid_argument("supply LP: battery efficiencies or SOC window invalid");
  }
  if (grids > 1 || lngs > 1 || bats > 1)
    throw std::invalid_argument("supply LP: at most one grid, one LNG and one battery");
}


// The result of a solved program `b` of `in`: status in words (infeasible: the binding limit,
// found by diagnostic programs), or the optimum in SI.
LpResult finish(const LpInput& in, const Built& b, const Solved& s) {
  const size_t n = in.demand_w.size();
  const double h = in.dt_s / 3600.0;
  LpResult r;
  r.rows = static_cast<int>(b.lp.row_lb.size());
  r.columns = static_cast<int>(b.lp.obj.size());
  r.nonzeros = static_cast<long long>(b.lp.v.size());
  r.algorithm = algorithm_name(in.algorithm);
  for (double x : in.demand_w) r.demand_j += std::max(0.0, x) * in.dt_s;
  r.solve_seconds = s.seconds;
  r.iterations = s.iterations;
  switch (s.status) {
    case 0: r.status = "optimal"; break;
    case 1: r.status = "infeasible"; break;
    case 2: r.status = "unbounded"; break;
    case 3: r.status = "iteration_limit"; break;
    default: r.status = "error"; break;
  }
  if (r.status == "unbounded") {
    r.reason = "the cost has no lower bound: a source with a negative or zero cost and no upper "
               "bound (check capex, prices and max_capacity)";
    return r;
  }
  if (r.status == "iteration_limit") {
    char buf[160];
    std::snprintf(buf, sizeof buf, "the solver stopped after %d iterations and %.0f s without an "
                  "optimum", s.iterations, s.seconds);
    r.reason = buf;
    return r;
  }
  if (r.status == "error") {
    r.reason = "the solver reported numerical trouble (CLP status " + std::to_string(s.status) + ")";
    return r;
  }
  if (r.status == "infeasible") {
    // Which limit binds: first can the demand be met at all, then the carbon-free target, then
    // the CO2 cap — each found by a diagnostic program with the same bounds.
    const Built bu = build(in, Goal::kMinUnserved);
    const Solved su = solve(bu.lp, in.algorithm, in.time_limit_s);
    char buf[600];
    if (su.status == 0 && su.objective > 1e-6 * r.demand_j / kJPerMWh + 1e-9) {
      double worst = 0;
      size_t worst_t = 0, hours = 0;
      for (size_t t = 0; t < n; ++t) {
        const double u = su.x[static_cast<size_t>(bu.u[t])];
        if (u > 1e-6) ++hours;
        if (u > worst) worst = u, worst_t = t;
      }
      std::snprintf(buf, sizeof buf,
                    "demand cannot be served: even with every extendable source at its maximum "
                    "at least %.0f MWh stay unserved over %zu steps (worst %.1f MW at step %zu); "
                    "raise a max_capacity, add a source, or price unserved energy with "
                    "[economics] value_of_lost_load",
                    su.objective, hours, worst, worst_t);
      r.reason = buf;
      return r;
    }
    if (in.cfe_target > 0) {
      const Built bd = build(in, Goal::kMinDirty);
      const Solved sd = solve(bd.lp, in.algorithm, in.time_limit_s);
      const double demand_mwh = r.demand_j / kJPerMWh;
      const double best = sd.status == 0 && demand_mwh > 0 ? 1 - sd.objective / demand_mwh : 0;
      if (sd.status == 0 && best < in.cfe_target - 1e-9) {
        r.max_cfe_share = best;
        std::snprintf(buf, sizeof buf,
                      "%.4g %% carbon-free is unreachable: at most %.2f %% with %s",
                      100 * in.cfe_target, 100 * best, clean_bounds(in).c_str());
        r.reason = buf;
        return r;
      }
    }
    if (in.co2_cap_kg > 0) {
      const Built bc = build(in, Goal::kMinCo2);
      const Solved sc = solve(bc.lp, in.algorithm, in.time_limit_s);
      if (sc.status == 0) {
        std::snprintf(buf, sizeof buf,
                      "the CO2 cap of %.0f t is unreachable: at least %.0f t with these sources "
                      "and bounds%s",
                      in.co2_cap_kg / 1e3, sc.objective, in.cfe_target > 0 ? " at this CFE target" : "");
        r.reason = buf;
        return r;
      }
    }
    r.reason = "no dispatch meets every constraint (the solver found no binding limit it could "
               "name; check bounds)";
    return r;
  }

  // ---- optimal: read the solution back in SI ----
  const auto& x = s.x;
  auto val = [&](int col) { return col >= 0 ? x[static_cast<size_t>(col)] : 0.0; };
  r.cost_usd = s.objective * 1e3;
  auto series = [&](const std::vector<int>& cols, std::vector<double>& out) {
    out.assign(n, 0.0);
    if (cols.empty()) return;
    for (size_t t = 0; t < n; ++t) out[t] = std::max(0.0, val(cols[t])) * 1e6;
  };
  series(b.g, r.import_w);
  series(b.l, r.lng_w);
  series(b.c, r.charge_w);
  series(b.d, r.discharge_w);
  series(b.u, r.unserved_w);
  r.soc_j.assign(n, 0.0);
  if (!b.s.empty())
    for (size_t t = 0; t < n; ++t) {
      r.soc_j[t] = val(b.s[t]) * kJPerMWh;
      if (b.energy >= 0)  // the column holds the charge above soc_min·E
        r.soc_j[t] += in.sources[static_cast<size_t>(b.battery)].soc_min * val(b.energy) * kJPerMWh;
    }
  r.price_usd_per_mwh.assign(n, 0.0);
  for (size_t t = 0; t < n; ++t)
    r.price_usd_per_mwh[t] = s.y[static_cast<size_t>(b.balance0) + t] * 1e3 / h;
  if (b.cfe_row >= 0) r.cfe_dual_usd_per_mwh = std::max(0.0, -s.y[static_cast<size_t>(b.cfe_row)] * 1e3);
  if (b.co2_row >= 0) r.co2_dual_usd_per_t = std::max(0.0, -s.y[static_cast<size_t>(b.co2_row)] * 1e3);

  double dirty_j = 0;
  std::vector<double> renewable_w(n, 0.0);
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const LpSource& src = in.sources[i];
    LpSourceResult o;
    o.name = src.name;
    o.kind = src.kind;
    o.extendable = src.extendable;
    const double cap_w = b.cap[i] >= 0 ? val(b.cap[i]) * 1e6 : src.capacity_w;
    o.capacity_w = cap_w;
    o.capital_usd = src.capital_usd_per_w * cap_w;
    o.fixed_om_usd = src.fixed_usd_per_w * cap_w;
    switch (src.kind) {
      case LpSource::Kind::kGrid: {
        double peak = 0;
        for (size_t t = 0; t < n; ++t) {
          const double g = r.import_w[t];
          peak = std::max(peak, g);
          o.energy_j += g * in.dt_s;
          o.energy_usd += g * in.dt_s * at(src.price_usd_per_j, t);
          o.co2_kg += g * in.dt_s * at(src.grid_co2_kg_per_j, t);
          dirty_j += (1 - at(src.cfe_share, t)) * g * in.dt_s;
        }
        o.capacity_w = b.peak >= 0 ? val(b.peak) * 1e6 : peak;
        o.capital_usd = 0;
        o.fixed_om_usd = src.demand_charge_usd_per_w * o.capacity_w;
        break;
      }
      case LpSource::Kind::kLng:
        for (size_t t = 0; t < n; ++t) o.energy_j += r.lng_w[t] * in.dt_s;
        o.fuel_usd = src.fuel_usd_per_j * o.energy_j;
        o.carbon_usd = src.carbon_usd_per_j * o.energy_j;
        o.variable_om_usd = src.variable_usd_per_j * o.energy_j;
        o.co2_kg = src.co2_kg_per_j * o.energy_j;
        dirty_j += o.energy_j;
        break;
      case LpSource::Kind::kRenewable:
        for (size_t t = 0; t < n; ++t) {
          const double p = src.profile[t] * cap_w;
          renewable_w[t] += p;
          o.available_j += p * in.dt_s;
        }
        o.variable_om_usd = src.variable_usd_per_j * o.available_j;
        break;
      case LpSource::Kind::kBattery: {
        o.energy_capacity_j = b.energy >= 0 ? val(b.energy) * kJPerMWh : src.energy_j;
        for (size_t t = 0; t < n; ++t) {
          o.energy_j += r.discharge_w[t] * in.dt_s;
          o.charged_j += r.charge_w[t] * in.dt_s;
        }
        const double annuity = src.capital_usd_per_j * o.energy_capacity_j;
        o.capital_usd += std::max(annuity, src.wear_usd_per_j * o.energy_j);
        break;
      }
    }
    r.co2_kg += o.co2_kg;
    r.sources.push_back(o);
  }
  // Curtailment: the balance's excess each step (renewables not used or stored).
  r.curtailed_w.assign(n, 0.0);
  for (size_t t = 0; t < n; ++t) {
    const double supplied = renewable_w[t] + r.import_w[t] + r.lng_w[t] + r.discharge_w[t] -
                            r.charge_w[t] + r.unserved_w[t];
    r.curtailed_w[t] = std::max(0.0, supplied - std::max(0.0, in.demand_w[t]));
    r.curtailed_j += r.curtailed_w[t] * in.dt_s;
    r.unserved_j += r.unserved_w[t] * in.dt_s;
  }
  // Renewables delivered: available less their share of the curtailment.
  double available = 0;
  for (const auto& o : r.sources) available += o.available_j;
  for (auto& o : r.sources)
    if (o.kind == LpSource::Kind::kRenewable && available > 0)
      o.energy_j = o.available_j * (1 - std::min(1.0, r.curtailed_j / available));
  dirty_j += r.unserved_j;
  r.unserved_cost_usd = r.unserved_j * in.voll_usd_per_j;
  r.cfe_share = r.demand_j > 0 ? 1 - dirty_j / r.demand_j : 0;
  return r;
}

}  // namespace

LpResult solve_supply_lp(const LpInput& in) {
  check_input(in);
  const Built b = build(in, Goal::kCost);
  return finish(in, b, solve(b.lp, in.algorithm, in.time_limit_s));
}

std::vector<LpResult> solve_supply_lp_curve(const LpInput& in, const std::vector<double>& targets) {
  check_input(in);
  for (double t : targets)
    if (!(t >= 0 && t <= 1)) throw std::invalid_argument("supply LP: cfe target must be within 0 … 100 %");
  std::vector<LpResult> out;
  if (targets.empty()) return out;
  LpInput first = in;
  first.cfe_target = targets.front();
  const Built b = build(first, Goal::kCost, /*force_cfe_row=*/true);
  double demand_mwh = 0;
  for (double x : in.demand_w) demand_mwh += std::max(0.0, x) / 1e6 * (in.dt_s / 3600.0);
  Solver solver(b.lp, in.time_limit_s);
  double unreachable_above = 2;  // a target above the largest reachable share needs no solve
  for (size_t k = 0; k < targets.size(); ++k) {
    LpInput at_k = in;
    at_k.cfe_target = targets[k];
    if (targets[k] > unreachable_above + 1e-9) {
      LpResult r = out.back();
      char buf[600];
      std::snprintf(buf, sizeof buf, "%.4g %% carbon-free is unreachable: at most %.2f %% with %s",
                    100 * targets[k], 100 * unreachable_above, clean_bounds(in).c_str());
      r.reason = buf;
      r.solve_seconds = 0;
      r.iterations = 0;
      out.push_back(r);
      continue;
    }
    const Solved s = k == 0 ? solver.first(in.algorithm)
                            : solver.again_with_row_upper(b.cfe_row, (1 - targets[k]) * demand_mwh);
    out.push_back(finish(at_k, b, s));
    if (out.back().max_cfe_share >= 0) unreachable_above = out.back().max_cfe_share;
  }
  return out;
}

}  // namespace dcload::detail
