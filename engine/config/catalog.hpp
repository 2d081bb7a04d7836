#pragma once
// Catalogs shipped in configs/catalog/ (compiled into the library): accelerators, workloads,
// cooling technologies. Each figure carries its source in the TOML file.

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "dcload/site.hpp"

namespace dcload::detail {

struct AcceleratorEntry {
  AcceleratorSpec spec;
  Power network_per_gpu;
  Power storage_per_gpu;
};

std::optional<AcceleratorEntry> find_accelerator(const std::string& name);
/// "air", "liquid" or "air_or_liquid", as the catalog writes it.
const char* accelerator_cooling_name(AcceleratorCooling c);
std::vector<std::string> accelerator_names();

/// A utilization → power table `[[power_curve]]` of accelerators.toml, normalized to the shape
/// f(u_i) = (P_i − P_0)/(P_10 − P_0) at u_i = 0, 0.1, …, 1; nullopt when no table has the name.
std::optional<std::vector<double>> find_power_curve_table(const std::string& name);
std::vector<std::string> power_curve_table_names();

std::optional<WorkloadSpec> find_workload(const std::string& name);
std::vector<std::string> workload_names();

/// The default (as TOML text, e.g. "15 °C") of a hall-level cooling key for a technology, from
/// configs/catalog/cooling.toml [technology.TECH]; empty when the catalog has none.
std::string cooling_default(const std::string& technology, const std::string& key);
/// The default (as TOML text) of a plant-level cooling key, configs/catalog/cooling.toml [plant].
std::string plant_default(const std::string& key);

/// Where a catalog default is written and what its file says about it: "configs/catalog/FILE
/// [TABLE]: " followed by the comment lines just above `key = ...` in TABLE and its trailing
/// comment (the figure's source), or the location alone when the key carries no comment (a
/// comment above a group of keys belongs to its first key).
std::string catalog_source(std::string_view file, std::string_view table, std::string_view key);

/// A UPS loss curve of configs/catalog/ups.toml: the Schneider WP113 coefficients (as TOML
/// text, fractions of module rating) and the published points they were fitted to.
struct UpsModel {
  std::string name, mode;
  std::string no_load_loss, proportional_loss, square_loss;
  struct Point {
    double load = 0, efficiency = 0;
  };
  std::vector<Point> efficiency;
  std::string source, confidence;
};
std::optional<UpsModel> find_ups_model(const std::string& name);
std::vector<std::string> ups_model_names();

}  // namespace dcload::detail
