// The electrical part of a site: [electrical] (UPS, distribution, transformers) and
// [auxiliary] (lighting, standby generators), read into ElectricalSpec / AuxiliarySpec, and
// their checks.
#include "config/catalog.hpp"
#include "config/reader.hpp"

namespace dcload::detail {

void read_electrical(const Reader& r, Site& site) {
  ElectricalSpec& e = site.electrical;
  const std::string red = r.text("electrical.ups_redundancy");
  e.ups_redundancy = red == "N"             ? UpsRedundancy::kN
                     : red == "N+1"         ? UpsRedundancy::kNPlus1
                     : red == "distributed" ? UpsRedundancy::kDistributed
                                            : UpsRedundancy::k2N;
  e.ups_model = r.text("electrical.ups_model");
  if (!find_ups_model(e.ups_model)) {
    const std::string s = closest(e.ups_model, ups_model_names());
    r.lookup_problem("electrical.ups_model",
              "electrical.ups_model = \"" + e.ups_model + "\": not in configs/catalog/ups.toml" +
                  (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
                  join(ups_model_names()) + ")");
  }
  e.ups_module_rating = volt_amperes(r.quantity("electrical.ups_module_rating"));
  e.ups_power_factor = r.real("electrical.ups_power_factor");
  e.ups_no_load_loss = r.quantity("electrical.ups_no_load_loss");
  e.ups_proportional_loss = r.quantity("electrical.ups_proportional_loss");
  e.ups_square_loss = r.quantity("electrical.ups_square_loss");
  e.distribution_loss = r.quantity("electrical.distribution_loss");
  e.transformer_rating = volt_amperes(r.quantity("electrical.transformer_rating"));
  e.transformer_count = static_cast<int>(r.integer("electrical.transformer_count"));
  e.transformer_no_load_loss = r.quantity("electrical.transformer_no_load_loss");
  e.transformer_load_loss = r.quantity("electrical.transformer_load_loss");
  e.ups_distributed_systems = static_cast<int>(r.integer("electrical.ups_distributed_systems"));
  e.ups_serves_crah_fans = r.boolean("electrical.ups_serves_crah_fans");
  e.ups_serves_pumps = r.boolean("electrical.ups_serves_pumps");
  // The transformers see the campus load at the power factor of the connection.
  e.transformer_power_factor = r.real("grid.power_factor");

  AuxiliarySpec& a = site.auxiliary;
  a.lighting_fraction = r.quantity("auxiliary.lighting");
  a.generator_rating = watts(r.quantity("auxiliary.generator_rating"));
  a.generator_spares = static_cast<int>(r.integer("auxiliary.generator_spares"));
  a.generator_heater_fraction = r.quantity("auxiliary.generator_heater");
  a.generator_heater_setpoint = kelvin(r.quantity("auxiliary.generator_heater_setpoint"));
  a.generator_fuel = seconds(r.quantity("auxiliary.generator_fuel"));
  a.generator_fail_to_start = r.quantity("auxiliary.generator_fail_to_start");
  a.generator_mttf = seconds(r.quantity("auxiliary.generator_mttf"));
  site.resilience.target = r.quantity("resilience.target");
  site.resilience.target_duration = seconds(r.quantity("resilience.target_duration"));
}

void check_electrical(const Site& site, Problems& p) {
  const ElectricalSpec& e = site.electrical;
  p.range("electrical.ups_module_rating", e.ups_module_rating.va());
  p.range("electrical.ups_power_factor", e.ups_power_factor);
  p.range("electrical.ups_no_load_loss", e.ups_no_load_loss);
  p.range("electrical.ups_proportional_loss", e.ups_proportional_loss);
  p.range("electrical.ups_square_loss", e.ups_square_loss);
  p.range("electrical.distribution_loss", e.distribution_loss);
  p.range("electrical.transformer_rating", e.transformer_rating.va());
  p.range("electrical.transformer_count", e.transformer_count);
  p.range("electrical.transformer_no_load_loss", e.transformer_no_load_loss);
  p.range("electrical.transformer_load_loss", e.transformer_load_loss);
  if (e.ups_redundancy == UpsRedundancy::kDistributed)
    p.range("electrical.ups_distributed_systems", e.ups_distributed_systems);
  if (!(e.transformer_power_factor >= 0.5 && e.transformer_power_factor <= 1.0))
    p.range("grid.power_factor", e.transformer_power_factor);
  const AuxiliarySpec& a = site.auxiliary;
  p.range("auxiliary.lighting", a.lighting_fraction);
  p.range("auxiliary.generator_rating", in_si(a.generator_rating));
  p.range("auxiliary.generator_spares", a.generator_spares);
  p.range("auxiliary.generator_heater", a.generator_heater_fraction);
  p.range("auxiliary.generator_heater_setpoint", in_si(a.generator_heater_setpoint));
  p.range("auxiliary.generator_fuel", in_si(a.generator_fuel));
  p.range("auxiliary.generator_fail_to_start", a.generator_fail_to_start);
  p.range("auxiliary.generator_mttf", in_si(a.generator_mttf));
  p.range("resilience.target", site.resilience.target);
  p.range("resilience.target_duration", in_si(site.resilience.target_duration));
}

}  // namespace dcload::detail
