#pragma once
// Catalogs shipped in configs/catalog/ (compiled into the library): accelerators, workloads,
// cooling technologies. Each figure carries its source in the TOML file.

#include <optional>
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
std::vector<std::string> accelerator_names();

/// A utilization → power table `[[power_curve]]` of accelerators.toml, normalized to the shape
/// f(u_i) = (P_i − P_0)/(P_10 − P_0) at u_i = 0, 0.1, …, 1; nullopt when no table has the name.
std::optional<std::vector<double>> find_power_curve_table(const std::string& name);
std::vector<std::string> power_curve_table_names();

std::optional<WorkloadSpec> find_workload(const std::string& name);
std::vector<std::string> workload_names();

/// The default (as TOML text, e.g. "15 °C") of `[cooling] key` for a technology, from
/// configs/catalog/cooling.toml; empty when the catalog has none.
std::string cooling_default(const std::string& technology, const std::string& key);

}  // namespace dcload::detail
