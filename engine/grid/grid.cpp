// Grid stage: the connection's usable capacity (normal and N-1), headroom each step, hours over,
// ramps of the facility draw and the storage that would hold them to a ramp limit.
#include <algorithm>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {

double grid_capacity_w(const Site& site, ApparentPower connection, bool n1) {
  const GridSpec& g = site.grid;
  const ElectricalSpec& e = site.electrical;
  // The usable apparent power is the smallest of the connection (the agreed supply), the
  // incoming circuits (k lines; N-1: k−1) and the main transformers (count·rating; N-1:
  // (count−1)·rating, the "firm capacity" of ../shared/reference/supply-grid-gpu.md §2.9).
  const double k = g.circuits;
  const double circuits_va = (n1 ? k - 1.0 : k) * g.circuit_rating.va();
  const double tr = e.transformer_count;
  const double transformers_va = (n1 ? tr - 1.0 : tr) * e.transformer_rating.va();
  double cap_w =
      std::min({connection.va(), circuits_va, transformers_va}) * g.power_factor;
  if (in_si(g.contracted_demand) > 0.0) cap_w = std::min(cap_w, in_si(g.contracted_demand));
  return cap_w;
}

GridSeries compute_grid(const Site& site, const Series& facility_w, double dt_s) {
  GridSeries g;
  g.capacity_w = grid_capacity_w(site, site.grid.connection, false);
  g.capacity_n1_w = grid_capacity_w(site, site.grid.connection, true);
  const auto fac = as_array(facility_w);
  g.headroom_w.resize(facility_w.size());
  auto headroom = as_array(g.headroom_w);
  headroom = g.capacity_w - fac;
  const double step_h = dt_s / 3600.0;
  g.hours_over = static_cast<double>((headroom < 0.0).count()) * step_h;
  g.hours_over_n1 = static_cast<double>((fac > g.capacity_n1_w).count()) * step_h;
  g.min_headroom_n1_w = fac.size() ? g.capacity_n1_w - fac.maxCoeff() : g.capacity_n1_w;

  const Eigen::Index n = fac.size();
  if (n > 1) g.max_ramp_w_per_s = (fac.tail(n - 1) - fac.head(n - 1)).abs().maxCoeff() / dt_s;
  // Ramp-limited grid draw: the grid follows the load but changes by at most r·Δt per step;
  // storage (battery or UPS energy) supplies or absorbs the difference. Its power is the
  // largest difference, its energy the range of the running energy balance.
  const double r = site.grid.ramp_limit_w_per_s;
  if (r > 0.0 && n > 0) {
    const double max_step = r * dt_s;
    double grid = fac[0], energy = 0.0, e_min = 0.0, e_max = 0.0, p_max = 0.0;
    for (Eigen::Index k = 1; k < n; ++k) {
      grid += std::clamp(fac[k] - grid, -max_step, max_step);
      const double p = fac[k] - grid;  // > 0: storage discharges
      p_max = std::max(p_max, std::abs(p));
      energy += p * dt_s;
      e_min = std::min(e_min, energy);
      e_max = std::max(e_max, energy);
    }
    g.storage_power_w = p_max;
    g.storage_energy_j = e_max - e_min;
  }
  return g;
}

}  // namespace dcload::detail
