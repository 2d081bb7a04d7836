// Electrical stage: PDU/busway, UPS and transformer losses; lighting and generator heaters.
// Equipment counts come from the sized plant (engine/design/design.cpp); in a build-out year the
// equipment of a phase is energized with the phase (ItSeries::energized).
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

namespace {
// UPS loss of `modules` (may be fractional: the energized share of a build-out year's modules)
// sharing `out_w`: Schneider WP113 (Rasmussen) loss form per module, loss/S = a0 + a1·f + a2·f²
// with f = P_out/(modules·S·pf); coefficients from configs/catalog/ups.toml (ups_model).
// Both arguments are Eigen expressions (a sum, a constant), evaluated in the one pass that
// writes f: no temporary series.
template <class OutW, class Modules>
void ups_loss(const ElectricalSpec& e, const Eigen::ArrayBase<OutW>& out_w,
              const Eigen::ArrayBase<Modules>& modules, ElectricalSeries& el) {
  const double s_va = e.ups_module_rating.va();
  const double module_w = s_va * e.ups_power_factor;
  auto f = as_array(el.ups_load_fraction);
  f = (modules > 0).select(out_w / (modules * module_w), 0.0);
  as_array(el.ups_loss_w) =
      modules * s_va * (e.ups_no_load_loss + e.ups_proportional_loss * f + e.ups_square_loss * f.square());
}

// The electrical series for the energized share `energized` (an expression: all ones, or the
// build-out year's series).
template <class Energized>
void electrical_series(const Site& site, const PlantDesign& d, const ItSeries& it,
                       const Weather& w, const Eigen::ArrayBase<Energized>& energized,
                       ElectricalSeries& out) {
  const ElectricalSpec& e = site.electrical;
  const Eigen::Index ni = static_cast<Eigen::Index>(it.it_w.size());
  // Distribution (PDU, busway, cabling) between UPS and IT: the IT draw is what is left after
  // the loss, P_in = P_IT / (1 − r) (Lei & Masanet 2020, eq. for L_PD).
  const double r = e.distribution_loss;
  const auto it_w = as_array(it.it_w);
  as_array(out.distribution_loss_w) = it_w * (r / (1.0 - r));
  ups_loss(e, it_w + as_array(out.distribution_loss_w), d.ups_modules * energized, out);
  // Lighting and offices: a constant share of design IT power (Lei & Masanet 2020 example),
  // of the halls energized.
  as_array(out.lighting_w) = site.auxiliary.lighting_fraction * d.nameplate_it_w * energized;
  // Standby-generator jacket-water heaters replace the engine's heat loss to the air around
  // it, UA·(T_set − T_db) (steady conduction/convection); rated to hold the set point at the
  // coldest hour of the weather year (the UA in the design). Above the set point: off.
  if (d.generator_heater_max_w > 0 && ni > 0) {
    const auto db = Eigen::Map<const ArrayXd>(w.dry_bulb_c.data(), ni);
    as_array(out.generator_heater_w) =
        (d.generator_heater_ua_w_per_k * (d.generator_heater_setpoint_c - db))
            .max(0.0)
            .min(d.generator_heater_max_w) *
        energized;
  } else {
    as_array(out.generator_heater_w).setZero();
  }
  as_array(out.aux_w) = as_array(out.lighting_w) + as_array(out.generator_heater_w);
}
}  // namespace

void compute_ups(const ElectricalSpec& e, const Series& ups_output_w, int modules,
                 ElectricalSeries& el) {
  const Eigen::Index n = static_cast<Eigen::Index>(ups_output_w.size());
  el.ups_load_fraction.resize(ups_output_w.size());
  el.ups_loss_w.resize(ups_output_w.size());
  ups_loss(e, as_array(ups_output_w), ArrayXd::Constant(n, modules), el);
}

ElectricalSeries compute_electrical(const Site& site, const PlantDesign& d, const ItSeries& it,
                                    const Weather& w) {
  ElectricalSeries out;
  compute_electrical(site, d, it, w, out);
  return out;
}

void compute_electrical(const Site& site, const PlantDesign& d, const ItSeries& it,
                        const Weather& w, ElectricalSeries& out) {
  const size_t n = it.it_w.size();
  // Every element of these is written below (resize keeps a reused series' storage).
  for (Series* s : {&out.distribution_loss_w, &out.lighting_w, &out.generator_heater_w,
                    &out.aux_w, &out.ups_loss_w, &out.ups_load_fraction})
    s->resize(n);
  if (it.energized.empty())
    electrical_series(site, d, it, w, ArrayXd::Ones(static_cast<Eigen::Index>(n)), out);
  else
    electrical_series(site, d, it, w, as_array(it.energized), out);
}

void transformer_loss(const ElectricalSpec& e, int transformers, const Series& energized,
                      const Series& load_w, Series& loss_w) {
  // P_loss = n·S_r·(P0 + Pk·(S/(n·S_r))²) with S = P/pf: no-load (core) plus load (winding) loss
  // ∝ current² (pvlib transformer.simple_efficiency after Westinghouse T&D Reference Book, 4th
  // ed., p. 101; EU 548/2014 loss definitions). n: the transformers energized (a build-out
  // year's phases bring theirs into service with them).
  loss_w.resize(load_w.size());
  const Eigen::Index n = static_cast<Eigen::Index>(load_w.size());
  // `count` is an expression (a constant, or the energized share): no temporary series.
  const auto loss = [&](const auto& count) {
    const auto total_va = (count * e.transformer_rating.va()).max(1.0);
    const auto s_va = as_array(load_w) / e.transformer_power_factor;
    as_array(loss_w) = total_va * e.transformer_no_load_loss +
                       e.transformer_load_loss * s_va.square() / total_va;
  };
  if (energized.empty())
    loss(ArrayXd::Constant(n, transformers));
  else
    loss(transformers * as_array(energized));
}

}  // namespace dcload::detail
