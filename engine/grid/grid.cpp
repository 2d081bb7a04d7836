// Grid stage: the connection's usable capacity (normal and N-1), headroom each step, hours over,
// ramps of the facility draw and the storage that would hold them to a ramp limit. Block by
// block: the ramp-limited draw carries its state across blocks (RampState).
#include <algorithm>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {

double grid_capacity_w(const Site& site, ApparentPower connection, bool n1) {
  const GridSpec& g = site.grid;
  const ElectricalSpec& e = site.electrical;
  // The usable apparent power is the smallest of the connection (the agreed supply), the
  // incoming circuits (k lines; N-1: k−1) and the main transformers (count·rating; N-1:
  // (count−1)·rating, the firm capacity with the largest unit out).
  const double k = g.circuits;
  const double circuits_va = (n1 ? k - 1.0 : k) * g.circuit_rating.va();
  const double tr = e.transformer_count;
  const double transformers_va = (n1 ? tr - 1.0 : tr) * e.transformer_rating.va();
  double cap_w = std::min({connection.va(), circuits_va, transformers_va}) * g.power_factor;
  if (in_si(g.contracted_demand) > 0.0) cap_w = std::min(cap_w, in_si(g.contracted_demand));
  return std::max(cap_w, 0.0);
}

void compute_grid(const Site& site, double capacity_w, const Series& draw_w, double dt_s,
                  Series& headroom_w, RampState& s) {
  const auto fac = as_array(draw_w);
  headroom_w.resize(draw_w.size());
  as_array(headroom_w) = capacity_w - fac;
  const Eigen::Index n = fac.size();
  // Ramp-limited grid draw: the grid follows the load but changes by at most r·Δt per step;
  // storage (battery or UPS energy) supplies or absorbs the difference. Its power is the
  // largest difference, its energy the range of the running energy balance.
  const double r = site.grid.ramp_limit_w_per_s;
  const double max_step = r * dt_s;
  for (Eigen::Index k = 0; k < n; ++k) {
    if (!s.started) {
      s.started = true;
      s.last_w = fac[k];
      s.grid_w = fac[k];
      continue;
    }
    s.max_ramp_w_per_s = std::max(s.max_ramp_w_per_s, std::abs(fac[k] - s.last_w) / dt_s);
    s.last_w = fac[k];
    if (r > 0.0) {
      s.grid_w += std::clamp(fac[k] - s.grid_w, -max_step, max_step);
      const double p = fac[k] - s.grid_w;  // > 0: storage discharges
      s.p_max = std::max(s.p_max, std::abs(p));
      s.energy_j += p * dt_s;
      s.e_min = std::min(s.e_min, s.energy_j);
      s.e_max = std::max(s.e_max, s.energy_j);
    }
  }
}

}  // namespace dcload::detail
