#pragma once
// configs/catalog/supply.toml (compiled into the library): default parameters of each supply
// type, the campus economics and wind-turbine power curves; every figure sourced in the file.

#include <optional>
#include <string>
#include <vector>

#include "dcload/site.hpp"

namespace dcload::detail {

/// Catalog table of a [[supply]] entry: "grid", "lng_ccgt", "solar", "battery",
/// "wind_onshore" or "wind_offshore".
std::string supply_table_name(const std::string& type, const std::string& location);

/// The default (as TOML text, e.g. "182.7 KRW/kWh") of `key` in [type.TABLE]; empty when the
/// catalog has none.
std::string supply_default(const std::string& table, const std::string& key);

/// The default of `key` in [economics]; empty when none.
std::string economics_default(const std::string& key);

/// A turbine power curve by name ([turbine.NAME]); nullopt when unknown.
std::optional<TurbineCurve> find_turbine(const std::string& name);
std::vector<std::string> turbine_names();

/// A time-of-use tariff ([tariff.NAME]): energy price per day type, month and hour
/// (3 × 12 × 24: weekdays, Saturdays, Sundays; then month, then hour) including per-kWh adders,
/// and the demand charge, converted to USD with `krw_per_usd`.
struct TariffSchedule {
  std::vector<double> energy_usd_per_j;  ///< 864 values
  double demand_usd_per_w_s = 0;
};
std::optional<TariffSchedule> find_tariff(const std::string& name, double krw_per_usd);
std::vector<std::string> tariff_names();

}  // namespace dcload::detail
