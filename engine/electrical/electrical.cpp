// Electrical stage: PDU/busway, UPS and transformer losses; lighting and generator heaters.
#include <algorithm>
#include <cmath>

#include "stages.hpp"

namespace dcload::detail {

int ups_modules_installed(const ElectricalSpec& e, double design_output_w) {
  const double module_w = e.ups_module_rating.va() * e.ups_power_factor;
  // Modules needed to carry the design output (the 1e-9 guards exact multiples).
  const int n = std::max(1, static_cast<int>(std::ceil(design_output_w / module_w - 1e-9)));
  switch (e.ups_redundancy) {
    case UpsRedundancy::kN: return n;
    case UpsRedundancy::kNPlus1: return n + 1;
    case UpsRedundancy::k2N: return 2 * n;  // two full systems, each able to carry the load
    case UpsRedundancy::kDistributed: {
      // k systems of m modules, any k−1 of them carry the load: m·(k−1) ≥ n (Schneider WP75,
      // distributed redundant); in normal operation every system shares the load.
      const int k = e.ups_distributed_systems;
      const int m = (n + k - 2) / (k - 1);
      return k * m;
    }
  }
  return n;
}

void compute_ups(const ElectricalSpec& e, const Series& ups_output_w, double design_output_w,
                 ElectricalSeries& el) {
  const auto out_w = as_array(ups_output_w);
  const double design_w = std::max(design_output_w, out_w.size() ? out_w.maxCoeff() : 0.0);
  const int installed = ups_modules_installed(e, design_w);
  el.ups_modules_installed = installed;
  const double module_w = e.ups_module_rating.va() * e.ups_power_factor;
  el.ups_load_fraction.resize(ups_output_w.size());
  el.ups_loss_w.resize(ups_output_w.size());
  // Modules share the load equally: f = P_out / (installed · S · pf).
  auto f = as_array(el.ups_load_fraction);
  f = out_w / (installed * module_w);
  // Schneider WP113 (Rasmussen) loss form per module, loss/S = a0 + a1·f + a2·f², summed over
  // the installed modules (coefficients and their source: engine/config/keys.cpp).
  as_array(el.ups_loss_w) =
      installed * e.ups_module_rating.va() *
      (e.ups_no_load_loss + e.ups_proportional_loss * f + e.ups_square_loss * f.square());
}

ElectricalSeries compute_electrical(const Site& site, const ItSeries& it) {
  const ElectricalSpec& e = site.electrical;
  ElectricalSeries out;
  const size_t n = it.it_w.size();
  for (Series* s : {&out.distribution_loss_w, &out.lighting_w, &out.generator_heater_w, &out.aux_w})
    s->assign(n, 0.0);
  // Distribution (PDU, busway, cabling) between UPS and IT: the IT draw is what is left after
  // the loss, P_in = P_IT / (1 − r) (Lei & Masanet 2020, eq. for L_PD).
  const double r = e.distribution_loss;
  const auto it_w = as_array(it.it_w);
  auto dist = as_array(out.distribution_loss_w);
  dist = it_w * (r / (1.0 - r));
  Series ups_out(n);
  as_array(ups_out) = it_w + dist;
  compute_ups(e, ups_out, it.design_w / (1.0 - r), out);
  // Lighting and offices: a constant share of design IT power (Lei & Masanet 2020 example).
  std::fill(out.lighting_w.begin(), out.lighting_w.end(),
            site.auxiliary.lighting_fraction * it.design_w);
  out.aux_w = out.lighting_w;
  return out;
}

void add_generator_heaters(const Site& site, const Weather& w, double peak_facility_w,
                           ElectricalSeries& el) {
  const AuxiliarySpec& a = site.auxiliary;
  const double rating_w = in_si(a.generator_rating);
  const int duty = std::max(1, static_cast<int>(std::ceil(peak_facility_w / rating_w - 1e-9)));
  el.generators_installed = duty + a.generator_spares;
  const double heater_w = a.generator_heater_fraction * rating_w * el.generators_installed;
  const size_t n = el.aux_w.size();
  el.generator_heater_w.assign(n, 0.0);
  if (heater_w <= 0.0 || n == 0) return;
  // Jacket-water heaters replace the engine's heat loss to the air around it, UA·(T_set − T_db)
  // (steady conduction/convection); the heaters are rated to hold the set point at the coldest
  // hour of the year, which fixes UA = heater_w / (T_set − T_min). Above the set point: off.
  const double set_c = in_celsius(a.generator_heater_setpoint);
  const auto db = Eigen::Map<const ArrayXd>(w.dry_bulb_c.data(), static_cast<Eigen::Index>(n));
  const double cold_c = db.minCoeff();
  if (cold_c >= set_c) return;
  const double ua_w_per_k = heater_w / (set_c - cold_c);
  auto heat = as_array(el.generator_heater_w);
  heat = (ua_w_per_k * (set_c - db)).max(0.0).min(heater_w);
  as_array(el.aux_w) += heat;
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
