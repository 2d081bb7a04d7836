// IT stage: clusters of catalog accelerators × count × utilization → W.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "stages.hpp"

namespace dcload::detail {

Clock make_clock(const Weather& w) {
  Clock c;
  c.dt_s = w.timestep_s;
  c.steps = static_cast<Eigen::Index>(w.size());
  c.hour_mid.resize(c.steps);
  // Step midpoints repeat every day: compute one day, then copy (no fmod per step).
  const double dt_h = c.dt_s / 3600.0;
  const Eigen::Index per_day = static_cast<Eigen::Index>(std::llround(24.0 / dt_h));
  for (Eigen::Index k = 0; k < std::min(per_day, c.steps); ++k)
    c.hour_mid[k] = (static_cast<double>(k) + 0.5) * dt_h;
  for (Eigen::Index k = per_day; k < c.steps; ++k) c.hour_mid[k] = c.hour_mid[k - per_day];
  return c;
}

ItSeries compute_it(const Site& site, const Clock& clock) {
  ItSeries out;
  out.it_w.assign(static_cast<size_t>(clock.steps), 0.0);
  out.liquid_w.assign(static_cast<size_t>(clock.steps), 0.0);
  auto it_w = as_array(out.it_w);
  auto liquid_w = as_array(out.liquid_w);
  ArrayXd u(clock.steps);
  for (const ClusterSpec& c : site.clusters) {
    const AcceleratorSpec& a = c.accelerator;
    const double nodes = static_cast<double>(c.count) / a.gpus_per_node;
    const double idle_w = in_si(a.node_idle);
    const double full_w = in_si(a.node_full);
    // Network and storage run at their rated draw whatever the utilization (first order).
    const double fixed_w =
        static_cast<double>(c.count) * (in_si(c.network_per_gpu) + in_si(c.storage_per_gpu));
    // Utilization u(h) = mean·(1 + A·cos(2π(h − h_peak)/24)) clipped to [0, 1]
    // (configs/catalog/workloads.toml); node power linear in u between idle and full
    // (OpenDC "linear" power model, atlarge-research/opendc@691036de PowerModels.java).
    const WorkloadSpec& wl = c.workload;
    if (wl.daily_amplitude == 0.0) {
      u.setConstant(std::clamp(wl.mean_utilization, 0.0, 1.0));
    } else {
      for (Eigen::Index k = 0; k < clock.steps; ++k) {
        const double phase = 2.0 * std::numbers::pi * (clock.hour_mid[k] - wl.peak_hour) / 24.0;
        u[k] = std::clamp(wl.mean_utilization * (1.0 + wl.daily_amplitude * std::cos(phase)),
                          0.0, 1.0);
      }
    }
    // Node heat splits between liquid and air by the catalog's liquid share; network and
    // storage are air-cooled.
    it_w += nodes * (idle_w + (full_w - idle_w) * u) + fixed_w;
    if (a.liquid_fraction > 0.0)
      liquid_w += a.liquid_fraction * nodes * (idle_w + (full_w - idle_w) * u);
  }
  out.design_w = in_si(site.design_it_power());
  return out;
}

}  // namespace dcload::detail
