#pragma once
/// \file site.hpp
/// A Site: one campus, typed, validated, in SI units — read from a TOML site file (see README,
/// "Site file reference") or built in code.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/ulsan.toml", {"cluster[0].count=30000"});
///   dcload::RunResult r = dcload::run(site);
/// \endcode

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "dcload/units.hpp"

namespace dcload {

/// One accelerator model from configs/catalog/accelerators.toml, resolved by name.
struct AcceleratorSpec {
  std::string name;             ///< catalog name, e.g. "H100 SXM"
  Power tdp;                    ///< board power limit of one accelerator (datasheet)
  int gpus_per_node = 8;        ///< accelerators per server (node)
  Power node_rated;             ///< nameplate maximum of one node (vendor)
  Power node_idle;              ///< node draw with no job running
  Power node_full;              ///< node draw at full utilization, sustained (measured)
  double liquid_fraction = 0;   ///< share of node heat removed by liquid (0 for air-cooled)
  std::string source;           ///< where the figures come from
};

/// A workload's utilization pattern from configs/catalog/workloads.toml.
struct WorkloadSpec {
  std::string name;                 ///< "training", "inference", ...
  double mean_utilization = 1.0;    ///< mean of the utilization series, 0..1
  double daily_amplitude = 0.0;     ///< relative amplitude A of 1 + A·cos(2π(h − h_peak)/24)
  double peak_hour = 14.0;          ///< local hour of the daily peak
  std::string source;
};

/// A group of identical accelerators running one workload.
struct ClusterSpec {
  std::string name;
  AcceleratorSpec accelerator;
  int64_t count = 0;                 ///< number of accelerators
  WorkloadSpec workload;
  Power network_per_gpu;             ///< switches, NICs and optics, per accelerator
  Power storage_per_gpu;             ///< storage servers, per accelerator
};

enum class UpsRedundancy { kN, kNPlus1, k2N };
enum class CoolingTechnology { kAir };
enum class HeatRejection { kTower };

/// Electrical chain: HV/MV transformers → MV/LV distribution (PDU/busway) → UPS → IT.
struct ElectricalSpec {
  UpsRedundancy ups_redundancy = UpsRedundancy::k2N;
  ApparentPower ups_module_rating;  ///< one UPS module
  double ups_power_factor = 1.0;    ///< output power factor rating of a module (kW/kVA)
  double ups_no_load_loss = 0;      ///< loss at zero load, fraction of module rating
  double ups_proportional_loss = 0; ///< loss proportional to load, fraction of load
  double ups_square_loss = 0;       ///< loss ∝ load², fraction of rating at full load
  double distribution_loss = 0;     ///< PDU/busway/cabling loss, fraction of power passed
  ApparentPower transformer_rating; ///< one HV/MV main transformer
  int transformer_count = 2;        ///< transformers sharing the load
  double transformer_no_load_loss = 0;  ///< fraction of rating, always on
  double transformer_load_loss = 0;     ///< fraction of rating at rated load (∝ load²)
  double transformer_power_factor = 0.95; ///< load power factor seen by transformers
};

/// Auxiliary (non-IT, non-cooling) building loads.
struct AuxiliarySpec {
  double lighting_fraction = 0;  ///< lighting and offices, fraction of design IT power
};

/// Cooling plant: CRAH fans + chilled water + water-side economizer + towers.
struct CoolingSpec {
  CoolingTechnology technology = CoolingTechnology::kAir;
  HeatRejection heat_rejection = HeatRejection::kTower;
  Temperature chilled_water_supply;
  TemperatureDelta chilled_water_delta_t;
  TemperatureDelta tower_approach;
  TemperatureDelta economizer_approach;  ///< plate heat exchanger approach
  TemperatureDelta tower_range;          ///< condenser-water ΔT at design
  TemperatureDelta air_delta_t;          ///< CRAH air temperature rise across IT
  Pressure crah_fan_pressure;
  double crah_fan_efficiency = 0.7;
  Pressure chilled_water_pump_head;
  Pressure condenser_water_pump_head;
  double pump_efficiency = 0.7;
  double tower_fan_power_ratio = 0;  ///< tower fan power at design, per W of heat rejected
  double tower_fan_min_speed = 0.2;  ///< minimum fan speed fraction
  Power chiller_unit_capacity;
  int chiller_spares = 1;            ///< N+spares installed
  double tower_evaporation_per_k = 0.002; ///< evaporated fraction of water flow per K of range
  double tower_drift = 0.0005;       ///< drift, fraction of water flow
  double cycles_of_concentration = 4;
};

/// Grid connection at the point of interconnection.
struct GridSpec {
  ApparentPower connection;     ///< contracted/rated apparent power
  double power_factor = 0.95;   ///< facility power factor at the POI
};

/// How the demand is supplied and paid for (first-order: grid import only).
struct SupplySpec {
  std::string type = "grid";
  double tariff_usd_per_j = 0;          ///< energy price, USD per J (converted from KRW if given)
  double emission_kg_per_j = 0;         ///< kg CO2 per J imported
};

/// A validated site, all values in SI.
struct Site {
  std::string name;
  std::filesystem::path file;       ///< the site file it came from (empty when built in code)
  std::string weather;              ///< "builtin:NAME" or a path (resolved against file's folder)
  uint64_t seed = 1;
  std::vector<ClusterSpec> clusters;
  ElectricalSpec electrical;
  AuxiliarySpec auxiliary;
  CoolingSpec cooling;
  GridSpec grid;
  SupplySpec supply;
  double krw_per_usd = 1380.0;

  /// Design IT power: every cluster at full utilization.
  Power design_it_power() const;
};

/// Read and validate a site file. `overrides` are `KEY=VALUE` strings as for `--set`
/// (`cluster[0].count=30000`, `grid.connection=200 MVA`), applied after `extends`.
/// Throws ConfigError whose message starts with `FILE:LINE:COLUMN:` for malformed TOML, an
/// unknown key (with a suggestion), a wrong unit or dimension, a missing required key, a value
/// out of range, or an unknown catalog name.
Site load_site(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});

/// The same from TOML text; `name` is used in messages (e.g. "<string>").
Site load_site_from_string(std::string_view toml_text, const std::string& name = "<string>",
                           const std::vector<std::string>& overrides = {});

/// The built-in default site (configs/ulsan.toml as compiled into the library).
Site default_site(const std::vector<std::string>& overrides = {});

/// The site-file reference (Markdown table generated from the key table), as in README.
std::string config_reference_markdown();

}  // namespace dcload
