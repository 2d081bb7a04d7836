// IT stage: clusters of catalog accelerators × count × workload utilization → W.
#include <algorithm>
#include <cmath>
#include <limits>

#include "it/workload.hpp"
#include "stages.hpp"

namespace dcload::detail {

Clock make_clock(const Weather& w) {
  Clock c;
  make_clock(w, c);
  return c;
}

void make_clock(const Weather& w, Clock& c) {
  c.dt_s = w.timestep_s;
  c.steps = static_cast<Eigen::Index>(w.size());
  c.start_s = w.start_s;
  c.hour_mid.resize(c.steps);
  // Step midpoints repeat every day: compute one day, then copy (no fmod per step).
  const double dt_h = c.dt_s / 3600.0;
  const double start_h = c.start_s / 3600.0;
  const Eigen::Index per_day = static_cast<Eigen::Index>(std::llround(24.0 / dt_h));
  for (Eigen::Index k = 0; k < std::min(per_day, c.steps); ++k)
    c.hour_mid[k] = std::fmod(start_h + (static_cast<double>(k) + 0.5) * dt_h, 24.0);
  for (Eigen::Index k = per_day; k < c.steps; ++k) c.hour_mid[k] = c.hour_mid[k - per_day];
}

// Server fans and inlet temperature. EnergyPlus ElectricEquipment:ITE:AirCooled is the anchor
// (CPU and fan power as curves of inlet temperature), but its shipped example curves are
// placeholders (zero idle power, +6.7 %/K: EnergyPlus testfiles/2ZoneDataCenterHVAC_wEconomizer
// .idf, whose CPU curve is −1 + x + 0.06667·T). The
// curve here is server power relative to its power at or below 23 °C, piecewise-linear through
// measured points:
//  * 23–27 °C: +0.425 %/K, the midpoint of the 0.35–0.5 %/K room-wide sensitivity of server
//    power to inlet temperature measured between 23 and 30 °C in two colocation data centres
//    (Coroamă, "Temperature Optimisation in Data Centres", arXiv:2509.26163, 2025, M/H);
//    below 23 °C flat (the lower end of that study's range; fans at minimum speed).
//  * 27–37 °C: the measured wall power of a Dell R410 as its inlet air was raised by
//    recirculation (GRC, "Experiment: Temperature Set Point vs Server Fan Power", 2016-06-17,
//    Table 1: 137.7 / 139.4 / 141.5 / 144.0 and 144.1 / 148.4 / 154 W at 27 / 29 / 31 / 33 /
//    35 / 37 °C, M — vendor blog, one lightly loaded server, so a low-fan-power case), as
//    ratios to 27 °C multiplied by the 27 °C value above; held above 37 °C.
// Replaces an earlier rule of thumb (fan energy ×2 by 27 °C, ×3 by 29 °C) that gave +26 % at
// 30 °C and +70 % at 35 °C — 5–9× the measurements. Heavily loaded 1U servers measured by IBM
// rose 17 % from 20 to 31 °C (ASME InterPACK2011 paper 44625, abstract), so dense fan-cooled GPU
// nodes may sit above this curve: a lower bound, confidence L/M.
// Only the air-cooled share of node heat (1 − liquid_fraction) sees the factor.
// Fan share at or below 23 °C: 10 % of an air-cooled node's power, the low end of "10 to 15
// percent or more of the total power drawn by the server" (J. Neudorfer, "Server fans: how to
// optimize the power used", eWeek 2009-03-05; 1U CPU servers, so large-fan GPU nodes may sit
// lower). Confidence L: no measured fan share of a GPU node was found. Used for the fan energy
// and ITUE/TUE (it does not change IT power); every watt of the speed-up above 23 °C counts as fan
// power too (a small part of it is silicon leakage, not separated here).
namespace {
constexpr double kServerFanShare = 0.10;
constexpr double kFanFlatBelowC = 23.0;
constexpr double kFanSlopePerK = 0.00425;  // Coroamă 2025, midpoint of 0.35–0.5 %/K
constexpr double kGrcT[] = {27.0, 29.0, 31.0, 33.0, 35.0, 37.0};
constexpr double kGrcW[] = {137.7, 139.4, 141.5, (144.0 + 144.1) / 2.0, 148.4, 154.0};
}  // namespace

double server_fan_share() { return kServerFanShare; }

double air_cooled_power_factor(double inlet_c) {
  if (inlet_c <= kFanFlatBelowC) return 1.0;
  const double at27 = 1.0 + kFanSlopePerK * (kGrcT[0] - kFanFlatBelowC);
  if (inlet_c <= kGrcT[0]) return 1.0 + kFanSlopePerK * (inlet_c - kFanFlatBelowC);
  if (inlet_c >= kGrcT[5]) return at27 * kGrcW[5] / kGrcW[0];
  int i = 0;
  while (inlet_c > kGrcT[i + 1]) ++i;
  const double x = (inlet_c - kGrcT[i]) / (kGrcT[i + 1] - kGrcT[i]);
  return at27 * (kGrcW[i] + x * (kGrcW[i + 1] - kGrcW[i])) / kGrcW[0];
}

// Utilization → power curves. Analytic forms as in OpenDC's PowerModels.java
// (atlarge-research/opendc@93588eb5: linear, square, cubic, sqrt, each P_idle + ΔP·g(u)) and
// CloudSim; "table:NAME" is OpenDC's interpolate(): piecewise-linear through an 11-point
// SPECpower_ssj2008-style table (configs/catalog/accelerators.toml, [[power_curve]]). OpenDC
// clamps u to [0, 1]; here u > 1 (a training compute phase above the sustained mean) continues
// with the slope at u = 1 so that the linear default is unchanged — an assumption.
double power_curve_value(const std::string& curve, const std::vector<double>& table, double u) {
  u = std::max(u, 0.0);
  if (curve == "linear") return u;
  if (curve == "square") return u <= 1.0 ? u * u : 1.0 + 2.0 * (u - 1.0);
  if (curve == "cubic") return u <= 1.0 ? u * u * u : 1.0 + 3.0 * (u - 1.0);
  if (curve == "sqrt") return u <= 1.0 ? std::sqrt(u) : 1.0 + 0.5 * (u - 1.0);
  // table: 11 points at u = 0, 0.1, …, 1
  if (u >= 1.0) return table[10] + 10.0 * (table[10] - table[9]) * (u - 1.0);
  const double x = 10.0 * u;
  const int i = std::min(static_cast<int>(x), 9);
  return table[i] + (table[i + 1] - table[i]) * (x - i);
}

double power_curve_inverse(const std::string& curve, const std::vector<double>& table, double f) {
  f = std::max(f, 0.0);
  if (curve == "linear") return f;
  if (curve == "square") return f <= 1.0 ? std::sqrt(f) : 1.0 + (f - 1.0) / 2.0;
  if (curve == "cubic") return f <= 1.0 ? std::cbrt(f) : 1.0 + (f - 1.0) / 3.0;
  if (curve == "sqrt") return f <= 1.0 ? f * f : 1.0 + (f - 1.0) / 0.5;
  if (f >= 1.0) return 1.0 + (f - 1.0) / (10.0 * (table[10] - table[9]));
  int i = 0;
  while (i < 9 && f > table[i + 1]) ++i;
  const double span = table[i + 1] - table[i];
  return (i + (span > 0 ? (f - table[i]) / span : 0.0)) / 10.0;
}

void apply_power_curve(const std::string& curve, const std::vector<double>& table, ArrayXd& u) {
  if (curve == "linear") return;
  // The same values as power_curve_value, with the choice of curve made once.
  const auto each = [&u](auto f) {
    for (Eigen::Index k = 0; k < u.size(); ++k) u[k] = f(std::max(u[k], 0.0));
  };
  if (curve == "square") return each([](double x) { return x <= 1.0 ? x * x : 2.0 * x - 1.0; });
  if (curve == "cubic") return each([](double x) { return x <= 1.0 ? x * x * x : 3.0 * x - 2.0; });
  if (curve == "sqrt")
    return each([](double x) { return x <= 1.0 ? std::sqrt(x) : 0.5 * x + 0.5; });
  const double* t = table.data();
  const double beyond = 10.0 * (t[10] - t[9]);
  each([t, beyond](double x) {
    if (x >= 1.0) return t[10] + beyond * (x - 1.0);
    const double y = 10.0 * x;
    const int i = std::min(static_cast<int>(y), 9);
    return t[i] + (t[i + 1] - t[i]) * (y - i);
  });
}

void in_service_share(const ClusterSpec& c, const Clock& clock, ArrayXd& share) {
  share.setOnes(clock.steps);
  if (c.late_additions.empty() || c.count <= 0) return;
  const double n = static_cast<double>(c.count);
  for (const ClusterSpec::LateAddition& a : c.late_additions)
    for (Eigen::Index k = 0; k < clock.steps; ++k) {
      const double t_end = clock.start_s + (static_cast<double>(k) + 1.0) * clock.dt_s;
      const double on = std::clamp((t_end - a.from_s) / clock.dt_s, 0.0, 1.0);
      share[k] -= static_cast<double>(a.count) * (1.0 - on) / n;
    }
}

namespace {
// A node power cap (cluster[].power_cap_per_gpu × gpus_per_node) as a share f of the
// idle-to-full range, then as the utilization at which the cluster's curve reaches it (∞: none).
double utilization_cap(const ClusterSpec& c) {
  const AcceleratorSpec& a = c.accelerator;
  const double idle_w = in_si(a.node_idle), full_w = in_si(a.node_full);
  const double cap_node_w = in_si(c.power_cap_per_gpu) * a.gpus_per_node;
  return cap_node_w > 0 && full_w > idle_w
             ? power_curve_inverse(c.power_curve, c.power_curve_table,
                                   std::max(0.0, (cap_node_w - idle_w) / (full_w - idle_w)))
             : std::numeric_limits<double>::infinity();
}
}  // namespace

double cluster_peak_node_power_w(const ClusterSpec& c) {
  const AcceleratorSpec& a = c.accelerator;
  const double nodes = static_cast<double>(c.count) / std::max(1, a.gpus_per_node);
  const double f = power_curve_value(c.power_curve, c.power_curve_table,
                                     peak_utilization(c.workload, utilization_cap(c)));
  return nodes * (in_si(a.node_idle) + (in_si(a.node_full) - in_si(a.node_idle)) * f);
}

ItSeries compute_it(const Site& site, const Clock& clock, const std::vector<double>& inlet_c) {
  ItSeries out;
  compute_it(site, clock, inlet_c, out);
  return out;
}

void compute_it(const Site& site, const Clock& clock, const std::vector<double>& inlet_c,
                ItSeries& out) {
  const size_t n = static_cast<size_t>(clock.steps);
  const size_t n_halls = site.halls.size();
  // Sums start from zero; assign() keeps the storage of a reused ItSeries.
  out.it_w.assign(n, 0.0);
  out.fan_w.assign(n, 0.0);
  out.energized.clear();
  const bool flex = site.offers_flex();
  if (flex) out.curtailable_w.assign(n, 0.0);
  else out.curtailable_w.clear();
  out.hall_it_w.resize(n_halls);
  out.hall_liquid_w.resize(n_halls);
  for (size_t h = 0; h < n_halls; ++h) {
    out.hall_it_w[h].assign(n, 0.0);
    out.hall_liquid_w[h].assign(n, 0.0);
  }
  auto it_w = as_array(out.it_w);
  auto fan_w = as_array(out.fan_w);
  // A cluster's utilization, turned into its node power in place.
  ArrayXd& node = out.node_w;
  ArrayXd& share = out.share;  // in-service share of a cluster, only for late build-out additions
  for (size_t ci = 0; ci < site.clusters.size(); ++ci) {
    const ClusterSpec& c = site.clusters[ci];
    const AcceleratorSpec& a = c.accelerator;
    const size_t h = c.hall < n_halls ? c.hall : 0;
    const double gpus = static_cast<double>(c.count);
    const double nodes = gpus / a.gpus_per_node;
    const double idle_w = in_si(a.node_idle);
    const double full_w = in_si(a.node_full);
    // Network and storage run at their rated draw whatever the utilization (first order).
    const double fixed_w = gpus * (in_si(c.network_per_gpu) + in_si(c.storage_per_gpu));
    // Utilization per step (engine/it/workload.cpp); each cluster gets its own failure stream.
    // Power cap per node (cluster[].power_cap_per_gpu × gpus_per_node) as a share f of the
    // idle-to-full range, then as the utilization at which the cluster's curve reaches it.
    const double u_cap = utilization_cap(c);
    workload_utilization(c.workload, clock, gpus, site.seed * 1000003ULL + ci, node, u_cap);
    // Node power between idle and full through the cluster's curve f(u) (linear by default:
    // OpenDC "linear" host model, atlarge-research/opendc@93588eb5 PowerModels.java); f > 1 in
    // a training compute phase. f is applied to the step mean of u — exact for the linear
    // curve, an approximation (Jensen) for curved ones when a step spans many iterations.
    apply_power_curve(c.power_curve, c.power_curve_table, node);
    node = nodes * (idle_w + (full_w - idle_w) * node);
    // Build-out within the year: accelerators entering service part-way draw nothing before.
    if (!c.late_additions.empty()) {
      in_service_share(c, clock, share);
      node *= share;
      if (out.energized.empty()) out.energized.assign(n, 0.0);
      as_array(out.energized) += in_si(c.design_power()) * (share - 1.0);
    }
    // Node heat splits between liquid and air by the cluster's liquid share; network and
    // storage are air-cooled. Server fans cool the air-cooled share and speed up with the
    // hall's inlet temperature (immersion: no server fans, liquid share 1).
    const double lf = std::clamp(c.liquid_fraction, 0.0, 1.0);
    const double fan = air_cooled_power_factor(h < inlet_c.size() ? inlet_c[h] : 0.0);
    const double air_share = 1.0 - lf;
    auto hall_it = as_array(out.hall_it_w[h]);
    auto hall_liq = as_array(out.hall_liquid_w[h]);
    if (c.late_additions.empty())
      hall_it += node * (air_share * fan + lf) + fixed_w;
    else
      hall_it += node * (air_share * fan + lf) + fixed_w * share;
    // Curtailable IT: the cluster's share of its own IT power (node, fans, network, storage).
    if (const double cs = site.curtailable_share_of(c); flex && cs > 0) {
      if (c.late_additions.empty())
        as_array(out.curtailable_w) += cs * (node * (air_share * fan + lf) + fixed_w);
      else
        as_array(out.curtailable_w) += cs * (node * (air_share * fan + lf) + fixed_w * share);
    }
    hall_liq += lf * node;
    // Fan power: the share at ≤ 23 °C of the air-cooled node power, plus the speed-up.
    fan_w += node * air_share * (kServerFanShare + (fan - 1.0));
  }
  const bool immersion_any = std::any_of(site.halls.begin(), site.halls.end(), [](const HallSpec& hs) {
    return hs.technology == CoolingTechnology::kImmersion ||
           hs.technology == CoolingTechnology::kImmersionTwoPhase;
  });
  if (!out.energized.empty()) {
    // Σ design power in service / design power built: 1 + Σ design·(share − 1) / design.
    const double design_w = in_si(site.design_it_power());
    as_array(out.energized) = 1.0 + as_array(out.energized) / std::max(design_w, 1.0);
  }
  for (size_t h = 0; h < n_halls; ++h) {
    // Immersion halls: every watt of IT (network and storage too) goes into the tanks.
    if (immersion_any && (site.halls[h].technology == CoolingTechnology::kImmersion ||
                          site.halls[h].technology == CoolingTechnology::kImmersionTwoPhase))
      out.hall_liquid_w[h] = out.hall_it_w[h];
    it_w += as_array(out.hall_it_w[h]);
  }
}

}  // namespace dcload::detail
