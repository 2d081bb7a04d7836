// Supply stage (first order): all demand imported from the grid at a flat tariff and an annual
// emission factor (configs: [[supply]] type = "grid").
#include "stages.hpp"

namespace dcload::detail {

SupplySeries compute_supply(const Site& site, const ArrayXd& facility_w) {
  SupplySeries s;
  s.grid_import_w = facility_w;
  s.co2_kg_s = facility_w * site.supply.emission_kg_per_j;
  s.cost_usd_s = facility_w * site.supply.tariff_usd_per_j;
  return s;
}

}  // namespace dcload::detail
