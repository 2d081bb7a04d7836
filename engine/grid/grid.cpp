// Grid stage: connection capacity (MVA × power factor → MW), headroom each step, hours over.
#include "stages.hpp"

namespace dcload::detail {

GridSeries compute_grid(const Site& site, const Series& facility_w, double dt_s) {
  GridSeries g;
  g.capacity_w = in_si(real_power(site.grid.connection, site.grid.power_factor));
  g.headroom_w.resize(facility_w.size());
  auto headroom = as_array(g.headroom_w);
  headroom = g.capacity_w - as_array(facility_w);
  g.hours_over = static_cast<double>((headroom < 0.0).count()) * dt_s / 3600.0;
  return g;
}

}  // namespace dcload::detail
