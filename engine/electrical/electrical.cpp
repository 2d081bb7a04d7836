// Electrical stage: PDU/busway, UPS and transformer losses; auxiliary loads.
#include <algorithm>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {

ElectricalSeries compute_electrical(const Site& site, const ItSeries& it) {
  const ElectricalSpec& e = site.electrical;
  ElectricalSeries out;
  // Distribution (PDU, busway, cabling) between UPS and IT: the IT draw is what is left after
  // the loss, P_in = P_IT / (1 − r) (Lei & Masanet 2020, eq. for L_PD).
  const double r = e.distribution_loss;
  const size_t n_steps = it.it_w.size();
  for (Series* s : {&out.distribution_loss_w, &out.ups_loss_w, &out.aux_w, &out.ups_load_fraction})
    s->resize(n_steps);
  const auto it_w = as_array(it.it_w);
  auto dist = as_array(out.distribution_loss_w);
  dist = it_w * (r / (1.0 - r));

  // Modules needed to carry the design load, then redundancy (Schneider WP108: in 2N each side
  // carries the whole load alone, so each module runs at ≤ 50 %).
  const double module_w = e.ups_module_rating.va() * e.ups_power_factor;
  const double design_out_w = it.design_w / (1.0 - r);
  const int n = std::max(1, static_cast<int>(std::ceil(design_out_w / module_w - 1e-9)));
  const int installed = e.ups_redundancy == UpsRedundancy::kN       ? n
                        : e.ups_redundancy == UpsRedundancy::kNPlus1 ? n + 1
                                                                      : 2 * n;
  out.ups_modules_installed = installed;
  // Modules share the load equally: f = P_out / (installed · S · pf).
  auto f = as_array(out.ups_load_fraction);
  f = (it_w + dist) / (installed * module_w);
  // Schneider WP113 loss form per module, loss/S = a0 + a1·f + a2·f² (coefficients: key table).
  as_array(out.ups_loss_w) =
      installed * e.ups_module_rating.va() *
      (e.ups_no_load_loss + e.ups_proportional_loss * f + e.ups_square_loss * f.square());
  // Lighting and offices: a constant share of design IT power (Lei & Masanet 2020 example).
  std::fill(out.aux_w.begin(), out.aux_w.end(), site.auxiliary.lighting_fraction * it.design_w);
  return out;
}

void transformer_loss(const ElectricalSpec& e, const Series& load_w, Series& loss_w) {
  // P_loss = n·S_r·(P0 + Pk·(S/(n·S_r))²) with S = P/pf: no-load (core) plus load (winding) loss
  // ∝ current² (pvlib transformer.simple_efficiency after Westinghouse T&D Reference Book, 4th
  // ed., p. 101; EU 548/2014 loss definitions).
  const double total_va = e.transformer_count * e.transformer_rating.va();
  loss_w.resize(load_w.size());
  const double per_w = 1.0 / (e.transformer_power_factor * total_va);
  as_array(loss_w) = total_va * (e.transformer_no_load_loss +
                                 e.transformer_load_loss * (as_array(load_w) * per_w).square());
}

}  // namespace dcload::detail
