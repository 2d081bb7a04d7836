// IT stage: clusters of catalog accelerators × count × workload utilization → W.
#include <algorithm>
#include <cmath>
#include <limits>

#include "it/workload.hpp"
#include "stages.hpp"

namespace dcload::detail {

Clock make_clock(const Weather& w, double start_s) {
  Clock c;
  c.dt_s = w.timestep_s;
  c.steps = static_cast<Eigen::Index>(w.size());
  c.start_s = start_s;
  c.hour_mid.resize(c.steps);
  // Step midpoints repeat every day: compute one day, then copy (no fmod per step).
  const double dt_h = c.dt_s / 3600.0;
  const double start_h = start_s / 3600.0;
  const Eigen::Index per_day = static_cast<Eigen::Index>(std::llround(24.0 / dt_h));
  for (Eigen::Index k = 0; k < std::min(per_day, c.steps); ++k)
    c.hour_mid[k] = std::fmod(start_h + (static_cast<double>(k) + 0.5) * dt_h, 24.0);
  for (Eigen::Index k = per_day; k < c.steps; ++k) c.hour_mid[k] = c.hour_mid[k - per_day];
  return c;
}

// Server fans and inlet temperature. EnergyPlus ElectricEquipment:ITE:AirCooled is the anchor
// (CPU and fan power as curves of inlet temperature), but its shipped example curves are
// placeholders (zero idle power, +6.7 %/K; ../shared/reference/datacenter-models.md b.1), so
// the curve here comes from an industry rule of thumb (confidence L, blog.bizi.com 2010-02-09
// "New environmental range for data centers"): fans draw 10 % of server power at low inlet
// temperatures; manufacturers speed fans up from about 23 °C; fan energy doubles by 27 °C
// (server +10 %) and triples by 29 °C (server +20 %). Derived: the fan power ratio
// r(ΔT) = 1 + ΔT/12 + ΔT²/24 with ΔT = T_inlet − 23 K passes through r(4) = 2 and r(6) = 3;
// we hold it at ΔT = 12 K (35 °C, the ASHRAE A2 allowable limit, fans at full speed).
// Only the air-cooled share of node heat (1 − liquid_fraction) sees the factor.
constexpr double kFanShare = 0.10;
constexpr double kFanThresholdC = 23.0;
constexpr double kFanMaxDeltaK = 12.0;

double air_cooled_power_factor(double inlet_c) {
  const double d = std::clamp(inlet_c - kFanThresholdC, 0.0, kFanMaxDeltaK);
  const double r = 1.0 + d / 12.0 + d * d / 24.0;
  return 1.0 + kFanShare * (r - 1.0);
}

ItSeries compute_it(const Site& site, const Clock& clock, const Series* inlet_c) {
  ItSeries out;
  out.it_w.assign(static_cast<size_t>(clock.steps), 0.0);
  out.liquid_w.assign(static_cast<size_t>(clock.steps), 0.0);
  auto it_w = as_array(out.it_w);
  auto liquid_w = as_array(out.liquid_w);
  ArrayXd u(clock.steps);
  // Fan factor per step (1 when no inlet series or every inlet is at or below the threshold).
  ArrayXd fan(clock.steps);
  fan.setOnes();
  if (inlet_c != nullptr && inlet_c->size() == static_cast<size_t>(clock.steps))
    for (Eigen::Index k = 0; k < clock.steps; ++k)
      fan[k] = air_cooled_power_factor((*inlet_c)[static_cast<size_t>(k)]);
  const bool warm = (fan > 1.0).any();
  for (size_t ci = 0; ci < site.clusters.size(); ++ci) {
    const ClusterSpec& c = site.clusters[ci];
    const AcceleratorSpec& a = c.accelerator;
    const double gpus = static_cast<double>(c.count);
    const double nodes = gpus / a.gpus_per_node;
    const double idle_w = in_si(a.node_idle);
    const double full_w = in_si(a.node_full);
    // Network and storage run at their rated draw whatever the utilization (first order).
    const double fixed_w = gpus * (in_si(c.network_per_gpu) + in_si(c.storage_per_gpu));
    // Utilization per step (engine/it/workload.cpp); each cluster gets its own failure stream.
    // Power cap per node (cluster[].power_cap_per_gpu × gpus_per_node) as a utilization.
    const double cap_node_w = in_si(c.power_cap_per_gpu) * a.gpus_per_node;
    const double u_cap = cap_node_w > 0 && full_w > idle_w
                             ? std::max(0.0, (cap_node_w - idle_w) / (full_w - idle_w))
                             : std::numeric_limits<double>::infinity();
    workload_utilization(c.workload, clock, gpus, site.seed * 1000003ULL + ci, u, u_cap);
    // Node power linear in u between idle and full (OpenDC "linear" power model,
    // atlarge-research/opendc@691036de PowerModels.java); u > 1 in a training compute phase.
    // Node heat splits between liquid and air by the catalog's liquid share; network and
    // storage are air-cooled.
    // Fans speed up with inlet temperature on the air-cooled share; liquid heat is unchanged.
    if (warm) {
      const double lf = a.liquid_fraction;
      it_w += nodes * (idle_w + (full_w - idle_w) * u) * ((1.0 - lf) * fan + lf) + fixed_w;
    } else {
      it_w += nodes * (idle_w + (full_w - idle_w) * u) + fixed_w;
    }
    if (a.liquid_fraction > 0.0)
      liquid_w += a.liquid_fraction * nodes * (idle_w + (full_w - idle_w) * u);
  }
  out.design_w = in_si(site.design_it_power());
  return out;
}

}  // namespace dcload::detail
