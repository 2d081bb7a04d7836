// Outage survival: a Markov chain over working backup units jointly with the storage state of
// charge, for every start hour (the method and its simplifications: include/dcload/resilience.hpp).
//
// Method after NREL REopt.jl, NatLabRockies/REopt.jl@896abfa66108dfe19e058bbe6864cde6700b67d9:
// src/outagesim/backup_reliability.jl (starting_probabilities, markov_matrix,
// survival_with_battery_single_start_time, battery_bin_shift, shift_gen_battery_prob_matrix!,
// fuel_use). Written anew here; the conventions kept are REopt's: failures to run are applied
// before an hour is checked, a state that cannot meet an hour is dropped (cumulative survival),
// storage shifts by whole bins after the check, and the fuel check multiplies in.
#include "dcload/resilience.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dcload/error.hpp"

namespace dcload {
namespace {

constexpr double kSecondsPerHour = 3600.0;
constexpr double kDropProbability = 1e-18;  // transition probabilities below this are dropped
constexpr double kBinSlack = 1e-9;          // bins: tolerance of ceil/floor on shift counts
constexpr double kLoadSlack = 1e-12;        // relative: a shortfall this small is none
constexpr long long kMaxStates = 20'000'000;

[[noreturn]] void bad(const std::string& key, const std::string& message) {
  throw ConfigError("", 0, 0, key, "outage input " + key + ": " + message);
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void check_probability(double p, const std::string& key) {
  if (!(p >= 0.0 && p <= 1.0)) bad(key, "expected a probability in 0..1, got " + fmt(p));
}
void check_nonnegative(double v, const std::string& key, bool allow_inf = false) {
  if (std::isnan(v) || v < 0 || (!allow_inf && std::isinf(v)))
    bad(key, std::string("expected a finite value ≥ 0") + (allow_inf ? " or infinity" : "") +
                 ", got " + fmt(v));
}

// P(exactly k of n units survive) when each survives with probability 1 − p.
double binomial_pmf(int n, int k, double p) {
  if (k < 0 || k > n) return 0.0;
  if (p == 0.0) return k == n ? 1.0 : 0.0;
  if (p == 1.0) return k == 0 ? 1.0 : 0.0;
  const double q = 1.0 - p;
  if (n <= 50) {  // C(50, 25) < 2^53: the coefficient is exact
    double c = 1.0;
    for (int i = 1; i <= std::min(k, n - k); ++i) c = c * (n - std::min(k, n - k) + i) / i;
    return c * std::pow(q, k) * std::pow(p, n - k);
  }
  const double lc = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
  return std::exp(lc + k * std::log1p(-p) + (n - k) * std::log(p));
}

// One kind's hourly transition: from g working units to g' ≤ g, the weights kept.
struct Kind {
  int n = 0;
  long long stride = 1;
  double unit_w = 0;
  // into[g'] = the (g, weight) of g > g' working units that fall to g' in one hour, g ascending
  std::vector<std::vector<std::pair<int, double>>> into;
  std::vector<double> stay;  // stay[g] = weight g → g
};

// The equivalent store (all StorageUnits together), in delivered-energy terms.
struct Store {
  double energy_j = 0;         // deliverable energy when full (Σ energy · efficiency)
  double power_w = 0;          // Σ power
  double charge_factor = 0;    // deliverable energy gained per J of spare capacity taken
  std::vector<double> start_j; // deliverable energy at each start hour
  bool present() const { return energy_j > 0 && power_w > 0; }
};

// dst[b] += w · src[b] for b in lo..hi (two different rows of the state table)
void axpy(double* __restrict dst, const double* __restrict src, double w, int lo, int hi) {
  for (int b = lo; b <= hi; ++b) dst[b] += w * src[b];
}

// Σ p[lo..hi], four running sums (the loop is the hot spot of a run with storage)
double range_sum(const double* p, int lo, int hi) {
  double a = 0, b = 0, c = 0, d = 0;
  int i = lo;
  for (; i + 3 <= hi; i += 4) {
    a += p[i];
    b += p[i + 1];
    c += p[i + 2];
    d += p[i + 3];
  }
  for (; i <= hi; ++i) a += p[i];
  return (a + b) + (c + d);
}

void validate(const OutageInputs& in) {
  if (in.critical_load_w.empty()) bad("critical_load_w", "the load profile is empty");
  for (std::size_t i = 0; i < in.critical_load_w.size(); ++i)
    check_nonnegative(in.critical_load_w[i], "critical_load_w[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < in.units.size(); ++i) {
    const BackupUnit& u = in.units[i];
    const std::string k = "units[" + std::to_string(i) + "].";
    if (u.count < 0)
      bad(k + "count", "expected a unit count ≥ 0 for '" + u.name + "', got " + std::to_string(u.count));
    check_nonnegative(u.unit_w, k + "unit_w");
    check_probability(u.fail_to_start, k + "fail_to_start");
    check_probability(u.fail_to_run_per_h, k + "fail_to_run_per_h");
    check_nonnegative(u.fuel_hours, k + "fuel_hours", true);
  }
  for (std::size_t i = 0; i < in.storage.size(); ++i) {
    const StorageUnit& s = in.storage[i];
    const std::string k = "storage[" + std::to_string(i) + "].";
    check_nonnegative(s.energy_j, k + "energy_j");
    check_nonnegative(s.power_w, k + "power_w");
    if (!(s.efficiency > 0.0 && s.efficiency <= 1.0))
      bad(k + "efficiency", "expected a discharge efficiency in (0, 1], got " + fmt(s.efficiency));
    check_probability(s.charge_efficiency, k + "charge_efficiency");
    if (!s.soc_at_start.empty() && s.soc_at_start.size() != in.critical_load_w.size())
      bad(k + "soc_at_start", "expected one state of charge per load hour (" +
                                  std::to_string(in.critical_load_w.size()) + "), got " +
                                  std::to_string(s.soc_at_start.size()));
    for (std::size_t t = 0; t < s.soc_at_start.size(); ++t)
      if (!(s.soc_at_start[t] >= 0.0 && s.soc_at_start[t] <= 1.0))
        bad(k + "soc_at_start[" + std::to_string(t) + "]",
            "expected a state of charge fraction in 0..1, got " + fmt(s.soc_at_start[t]));
  }
  if (in.durations_h.empty()) bad("durations_h", "no outage durations given");
  for (std::size_t i = 0; i < in.durations_h.size(); ++i) {
    const double d = in.durations_h[i];
    if (!(std::isfinite(d) && d >= 1.0 && d == std::floor(d) && d <= 1e6))
      bad("durations_h[" + std::to_string(i) + "]",
          "expected a whole number of hours ≥ 1, got " + fmt(d));
  }
  if (in.storage_bins == 1 || in.storage_bins < 0 || in.storage_bins > 1'000'000)
    bad("storage_bins", "expected 0 (automatic) or 2..1000000 bins, got " +
                            std::to_string(in.storage_bins));
}

}  // namespace

OutageSurvival outage_survival(const OutageInputs& in) {
  validate(in);
  const std::size_t T = in.critical_load_w.size();
  const int D = static_cast<int>(*std::max_element(in.durations_h.begin(), in.durations_h.end()));

  // ---- unit kinds: the joint state is a mixed-radix number, the first kind fastest ----------
  std::vector<Kind> kinds;
  std::vector<const BackupUnit*> kind_units;
  long long S = 1;
  for (const BackupUnit& u : in.units) {
    if (u.count == 0 || u.unit_w == 0) continue;
    Kind k;
    k.n = u.count;
    k.stride = S;
    k.unit_w = u.unit_w;
    k.into.resize(k.n + 1);
    k.stay.resize(k.n + 1);
    for (int g = 0; g <= k.n; ++g) {
      for (int g2 = 0; g2 <= g; ++g2) {
        const double w = binomial_pmf(g, g2, u.fail_to_run_per_h);
        if (g2 == g)
          k.stay[g] = w;
        else if (w >= kDropProbability)
          k.into[g2].push_back({g, w});
      }
    }
    if (S > kMaxStates / (k.n + 1))
      bad("units", "more than " + std::to_string(kMaxStates) +
                       " joint unit states (the product of count + 1 over the kinds); merge kinds");
    S *= k.n + 1;
    kinds.push_back(std::move(k));
    kind_units.push_back(&u);
  }

  std::vector<double> cap(S, 0.0);  // electric capacity of each joint state, W
  std::vector<double> start(S, 1.0);
  for (long long s = 0; s < S; ++s) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      const int g = static_cast<int>((s / kinds[i].stride) % (kinds[i].n + 1));
      cap[s] += g * kinds[i].unit_w;
      start[s] *= binomial_pmf(kinds[i].n, g, kind_units[i]->fail_to_start);
    }
  }

  // ---- the equivalent store -------------------------------------------------------------
  Store store;
  store.start_j.assign(T, 0.0);
  double charge_weight = 0;
  for (const StorageUnit& su : in.storage) {
    if (su.energy_j == 0 || su.power_w == 0) continue;
    store.energy_j += su.energy_j * su.efficiency;
    store.power_w += su.power_w;
    charge_weight += su.power_w * su.charge_efficiency * su.efficiency;
    for (std::size_t t = 0; t < T; ++t)
      store.start_j[t] += (su.soc_at_start.empty() ? 1.0 : su.soc_at_start[t]) * su.energy_j * su.efficiency;
  }
  if (store.present()) store.charge_factor = charge_weight / store.power_w;

  int B = 1;
  double bin_j = 0;
  if (store.present()) {
    if (in.storage_bins > 0) {
      B = in.storage_bins;
    } else {
      const double duration_h = store.energy_j / store.power_w / kSecondsPerHour;
      B = static_cast<int>(std::clamp(std::round(20.0 * duration_h), 1.0, 4000.0)) + 1;
    }
    bin_j = store.energy_j / (B - 1);
  }
  if (S > kMaxStates / B)
    bad("storage_bins", "more than " + std::to_string(kMaxStates) +
                            " states (joint unit states × storage bins); use fewer bins");

  std::vector<std::size_t> want(in.durations_h.size());
  for (std::size_t i = 0; i < want.size(); ++i) want[i] = static_cast<std::size_t>(in.durations_h[i]);

  OutageSurvival out;
  out.durations_h = in.durations_h;
  out.mean.assign(want.size(), 0.0);
  out.minimum.assign(want.size(), 2.0);
  out.worst_start.assign(want.size(), 0);
  out.by_start.assign(want.size(), std::vector<double>(in.critical_load_w.size(), 0.0));
  out.storage_bins = B;
  out.states = S;

  // ---- the fuel check: every unit working, deterministic (REopt's fuel_use) -------------------
  bool any_fuel_limit = false;
  for (const BackupUnit* u : kind_units) any_fuel_limit |= std::isfinite(u->fuel_hours);
  std::vector<std::size_t> fuel_order(kinds.size());
  for (std::size_t i = 0; i < fuel_order.size(); ++i) fuel_order[i] = i;
  std::stable_sort(fuel_order.begin(), fuel_order.end(), [&](std::size_t a, std::size_t b) {
    return kind_units[a]->fuel_hours < kind_units[b]->fuel_hours;
  });
  // The first hour (1..D) from start t that the fuel cannot carry, D + 1 if none. The kinds,
  // shortest endurance first, take the load in proportion to their capacity as long as their
  // fuel lasts (REopt's fuel_use); the store covers what is left and recharges from spare
  // capacity (burning fuel for it), as in the chain.
  auto fuel_lasts = [&](std::size_t t) -> int {
    if (!any_fuel_limit) return D + 1;
    std::vector<double> fuel_j(kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i)
      fuel_j[i] = kinds[i].n * kinds[i].unit_w * kind_units[i]->fuel_hours * kSecondsPerHour;
    double soc = store.present() ? store.start_j[t] : 0.0;
    for (int d = 1; d <= D; ++d) {
      const double load = in.critical_load_w[(t + d - 1) % T];
      double charge = 0;  // W the store would take
      if (store.present() && store.charge_factor > 0)
        charge = std::min(store.power_w, (store.energy_j - soc) / (store.charge_factor * kSecondsPerHour));
      double rest = load + charge;
      double generated = 0;
      for (std::size_t j = 0; j < fuel_order.size(); ++j) {
        const std::size_t i = fuel_order[j];
        double remaining_cap = 0;
        for (std::size_t m = j; m < fuel_order.size(); ++m)
          remaining_cap += kinds[fuel_order[m]].n * kinds[fuel_order[m]].unit_w;
        const double own = kinds[i].n * kinds[i].unit_w;
        const double gen =
            std::max(0.0, std::min({own, rest * own / remaining_cap, fuel_j[i] / kSecondsPerHour}));
        fuel_j[i] = std::max(0.0, fuel_j[i] - gen * kSecondsPerHour);
        rest -= gen;
        generated += gen;
      }
      double unmet = load - generated;
      if (unmet > 0) {
        if (store.present()) {
          const double from_store = std::min({unmet, store.power_w, soc / kSecondsPerHour});
          soc -= from_store * kSecondsPerHour;
          unmet -= from_store;
        }
        if (unmet > kLoadSlack * std::max(load, 1.0)) return d;
      } else if (store.present()) {
        soc = std::min(store.energy_j, soc - unmet * kSecondsPerHour * store.charge_factor);
      }
    }
    return D + 1;
  };

  // ---- the chain, one start hour at a time ---------------------------------------------------
  // prob[s * B + b]: probability of joint unit state s with the store in bin b, having met every
  // hour so far. Only bins lo[s]..hi[s] can be non-zero (empty when lo > hi); outside, zero.
  std::vector<double> prob(static_cast<std::size_t>(S) * B, 0.0);
  std::vector<int> lo(S), hi(S);
  std::vector<double> surv(D + 1);

  // Without storage each state is one number: the same chain without the bin bookkeeping.
  auto units_only = [&](std::size_t t) {
    std::copy(start.begin(), start.end(), prob.begin());
    int last = D;
    for (int d = 1; d <= D; ++d) {
      const double load = in.critical_load_w[(t + d - 1) % T];
      const double weakest = load - kLoadSlack * std::max(load, 1.0);
      for (const Kind& k : kinds) {
        const long long span = k.stride * (k.n + 1);
        for (long long base0 = 0; base0 < S; base0 += span)
          for (long long inner = 0; inner < k.stride; ++inner) {
            const long long base = base0 + inner;
            for (int g2 = 0; g2 <= k.n; ++g2) {
              const long long dst = base + g2 * k.stride;
              if (cap[dst] < weakest) {
                prob[dst] = 0.0;
                continue;
              }
              double x = prob[dst] * k.stay[g2];
              for (const auto& [g, w] : k.into[g2]) x += w * prob[base + g * k.stride];
              prob[dst] = x;
            }
          }
      }
      double total = 0;
      for (long long s = 0; s < S; ++s) {
        if (cap[s] < weakest) prob[s] = 0.0;  // only when there are no kinds at all
        total += prob[s];
      }
      surv[d] = total;
      if (total == 0.0) {
        last = d;
        break;
      }
    }
    for (int d = last + 1; d <= D; ++d) surv[d] = 0.0;
  };

  auto with_storage = [&](std::size_t t) {
    std::fill(prob.begin(), prob.end(), 0.0);
    const int b0 = store.present()
                       ? std::clamp(static_cast<int>(std::floor(store.start_j[t] / bin_j + kBinSlack)), 0, B - 1)
                       : 0;
    for (long long s = 0; s < S; ++s) {
      prob[s * B + b0] = start[s];
      lo[s] = start[s] > 0 ? b0 : 1;
      hi[s] = start[s] > 0 ? b0 : 0;
    }
    int last = D;  // durations after a zero survival stay zero
    for (int d = 1; d <= D; ++d) {
      const double load = in.critical_load_w[(t + d - 1) % T];
      const double slack = kLoadSlack * std::max(load, 1.0);
      // states too weak for hour d whatever the store holds: cap + store power < load; a
      // state with fewer units of any kind is weaker still, so these are dropped as soon as
      // the transition reaches them (the kinds' transitions only ever lower a count)
      const double weakest = load - slack - (store.present() ? store.power_w * (1 + kLoadSlack) : 0.0);
      // failures to run during hour d, kind by kind (each kind's transition acts on its own
      // digit); in place, ascending in the destination count: new[g'] needs old[g ≥ g'] only
      for (const Kind& k : kinds) {
        const long long span = k.stride * (k.n + 1);
        for (long long base0 = 0; base0 < S; base0 += span) {
          for (long long inner = 0; inner < k.stride; ++inner) {
            const long long base = base0 + inner;
            for (int g2 = 0; g2 <= k.n; ++g2) {
              const long long dst = base + g2 * k.stride;
              double* pd = &prob[dst * B];
              if (cap[dst] < weakest) {  // lost in hour d: no need to fill it
                for (int b = lo[dst]; b <= hi[dst]; ++b) pd[b] = 0.0;
                lo[dst] = 1;
                hi[dst] = 0;
                continue;
              }
              const double stay = k.stay[g2];
              if (lo[dst] <= hi[dst]) {
                if (stay != 1.0)
                  for (int b = lo[dst]; b <= hi[dst]; ++b) pd[b] *= stay;
              }
              for (const auto& [g, w] : k.into[g2]) {
                const long long src = base + g * k.stride;
                if (lo[src] > hi[src]) continue;
                axpy(pd, &prob[src * B], w, lo[src], hi[src]);
                if (lo[dst] > hi[dst]) {
                  lo[dst] = lo[src];
                  hi[dst] = hi[src];
                } else {
                  lo[dst] = std::min(lo[dst], lo[src]);
                  hi[dst] = std::max(hi[dst], hi[src]);
                }
              }
            }
          }
        }
      }
      // hour d: states that cannot meet the load are lost; the store moves by whole bins
      double total = 0;
      for (long long s = 0; s < S; ++s) {
        if (lo[s] > hi[s]) continue;
        double* p = &prob[s * B];
        const double shortfall = load - cap[s];
        int from = lo[s], to = hi[s];
        if (shortfall > slack) {
          int need = B;  // bins the hour takes; B: more than the store can give
          if (store.present() && shortfall <= store.power_w * (1 + kLoadSlack))
            need = std::max(0, static_cast<int>(std::ceil(shortfall * kSecondsPerHour / bin_j - kBinSlack)));
          for (int b = from; b <= std::min(to, need - 1); ++b) p[b] = 0.0;
          from = std::max(from, need);
          if (from > to) {
            lo[s] = 1;
            hi[s] = 0;
            continue;
          }
          if (need > 0) {  // down by `need` bins (overlapping move, then clear what is left)
            const int n = to - from + 1;
            std::memmove(p + from - need, p + from, sizeof(double) * n);
            const int clear_from = std::max(from, to - need + 1);
            std::fill(p + clear_from, p + to + 1, 0.0);
            from -= need;
            to -= need;
          }
        } else if (store.present() && store.charge_factor > 0 && from < B - 1) {
          const double spare = std::clamp(cap[s] - load, 0.0, store.power_w);
          const int up = static_cast<int>(std::floor(spare * kSecondsPerHour * store.charge_factor / bin_j + kBinSlack));
          if (up > 0) {
            const int cut = B - 1 - up;  // bins ≥ cut fill the store
            double top = 0;
            for (int b = std::max(from, cut); b <= to; ++b) {
              top += p[b];
              p[b] = 0.0;
            }
            for (int b = std::min(to, cut - 1); b >= from; --b) {
              p[b + up] = p[b];
              p[b] = 0.0;
            }
            p[B - 1] += top;
            from = std::min(from + up, B - 1);
            to = std::min(to + up, B - 1);
          }
        }
        lo[s] = from;
        hi[s] = to;
        total += range_sum(p, from, to);
      }
      surv[d] = total;
      if (total == 0.0) {
        last = d;
        break;
      }
    }
    for (int d = last + 1; d <= D; ++d) surv[d] = 0.0;
  };

  if (in.start_every < 1) bad("start_every", "must be at least 1");
  const std::size_t every = static_cast<std::size_t>(in.start_every);
  std::size_t evaluated = 0;
  for (auto& row : out.by_start) row.assign(T, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 0; t < T; t += every) {
    ++evaluated;
    if (B == 1)
      units_only(t);
    else
      with_storage(t);

    const int fuel_fails = fuel_lasts(t);
    for (std::size_t i = 0; i < want.size(); ++i) {
      const int d = static_cast<int>(want[i]);
      // Sums of probabilities can round a hair above 1.
      const double v = d >= fuel_fails ? 0.0 : std::min(1.0, surv[d]);
      out.by_start[i][t] = v;
      out.mean[i] += v;
      if (v < out.minimum[i]) {
        out.minimum[i] = v;
        out.worst_start[i] = static_cast<int>(t);
      }
    }
  }
  for (double& m : out.mean) m /= static_cast<double>(evaluated);
  return out;
}

OutageSurvival mix_survival(const std::vector<std::pair<double, OutageSurvival>>& cases) {
  if (cases.empty()) throw ConfigError("", 0, 0, "cases", "mix_survival: no cases");
  const OutageSurvival& first = cases.front().second;
  double total = 0;
  for (const auto& [w, s] : cases) {
    if (!(w >= 0) || s.durations_h != first.durations_h || s.by_start.size() != first.by_start.size())
      throw ConfigError("", 0, 0, "cases", "mix_survival: cases of different shapes or a negative weight");
    for (std::size_t i = 0; i < s.by_start.size(); ++i)
      if (s.by_start[i].size() != first.by_start[i].size())
        throw ConfigError("", 0, 0, "cases", "mix_survival: cases over different start hours");
    total += w;
  }
  if (!(total > 0)) throw ConfigError("", 0, 0, "cases", "mix_survival: weights sum to 0");
  OutageSurvival out;
  out.durations_h = first.durations_h;
  out.storage_bins = 1;
  for (const auto& [w, s] : cases) {
    out.storage_bins = std::max(out.storage_bins, s.storage_bins);
    out.states = std::max(out.states, s.states);
  }
  const std::size_t n = first.durations_h.size();
  out.mean.assign(n, 0.0);
  out.minimum.assign(n, 2.0);
  out.worst_start.assign(n, 0);
  out.by_start.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double>& v = out.by_start[i];
    v.assign(first.by_start[i].size(), 0.0);
    for (const auto& [w, s] : cases)
      for (std::size_t t = 0; t < v.size(); ++t) v[t] += w / total * s.by_start[i][t];
    std::size_t evaluated = 0;
    for (std::size_t t = 0; t < v.size(); ++t) {
      if (std::isnan(v[t])) continue;  // a start hour not evaluated (OutageInputs::start_every)
      ++evaluated;
      out.mean[i] += v[t];
      if (v[t] < out.minimum[i]) {
        out.minimum[i] = v[t];
        out.worst_start[i] = static_cast<int>(t);
      }
    }
    if (evaluated) out.mean[i] /= static_cast<double>(evaluated);
  }
  return out;
}

}  // namespace dcload
