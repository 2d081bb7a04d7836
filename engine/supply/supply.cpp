// Supply stage (first order): all demand imported from the grid at a flat tariff and an annual
// emission factor (configs: [[supply]] type = "grid").
#include "stages.hpp"

namespace dcload::detail {

SupplyTotals compute_supply(const Site& site, const Series& facility_w, double dt_s) {
  SupplyTotals s;
  s.import_j = as_array(facility_w).sum() * dt_s;
  s.co2_kg = s.import_j * site.supply.emission_kg_per_j;
  s.cost_usd = s.import_j * site.supply.tariff_usd_per_j;
  return s;
}

}  // namespace dcload::detail
