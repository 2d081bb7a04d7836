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

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "dcload/units.hpp"

namespace dcload {

/// How a system is offered (configs/catalog/accelerators.toml `cooling`): air-cooled only,
/// liquid-cooled only (cannot be put in an air-cooled hall, e.g. GB200/GB300 NVL72 racks), or
/// both variants sold.
enum class AcceleratorCooling { kAir, kLiquid, kAirOrLiquid };

/// Number formats of `compute` targets (ClusterSpec, "1 EFLOPS FP64").
enum class Precision { kFp64, kFp32, kTf32, kBf16, kFp16, kFp8, kFp4 };

/// One accelerator model from configs/catalog/accelerators.toml, resolved by name.
struct AcceleratorSpec {
  std::string name;             ///< catalog name, e.g. "H100 SXM"
  Power tdp;                    ///< board power limit of one accelerator (datasheet)
  int gpus_per_node = 0;        ///< accelerators per server (node)
  int gpus_per_rack = 0;        ///< accelerators per rack as deployed (0: not given)
  Power node_rated;             ///< nameplate maximum of one node (vendor)
  Power node_idle;              ///< node draw with no job running
  Power node_full;              ///< node draw at full utilization, sustained (measured)
  AcceleratorCooling cooling = AcceleratorCooling::kAir;
  /// Share of node heat removed by liquid when the system is liquid-cooled (0 for air-only).
  double liquid_fraction = 0;
  /// Dense (no sparsity) peak throughput per accelerator, TFLOPS, indexed by Precision
  /// (0: not given / not supported). FP64 counts tensor-core FP64 where the device has it.
  std::array<double, 7> dense_tflops{};
  double sparsity_factor = 0;   ///< 2:4 structured sparsity multiplier on tensor formats (0: none)
  std::string power_curve = "linear"; ///< default utilization → power curve (see ClusterSpec)
  Energy psu_storage_per_gpu;   ///< energy storage in the rack power supplies, per accelerator (0: none)
  std::string status;           ///< "shipping", "announced" or "roadmap"
  std::string available;        ///< first availability, "YYYY-MM"
  std::string confidence;       ///< H primary source read, M secondary, L weak
  std::string source;           ///< where the figures come from

  double bf16_dense_tflops() const { return dense_tflops[static_cast<int>(Precision::kBf16)]; }
};

/// A workload's utilization pattern from configs/catalog/workloads.toml (see engine/it/README.md).
/// Utilization u scales node power between node_idle (u = 0) and node_full (u = 1); a training
/// iteration's compute phase may exceed 1 (node draw above the sustained mean).
/// u(t) = training_share · u_train(t) + (1 − training_share) · u_infer(t).
struct WorkloadSpec {
  std::string name;                 ///< "training", "inference", "mixed"
  double training_share = 1.0;      ///< share of the cluster running synchronous training, 0..1
  // ---- training: iteration swings, checkpoints, restarts after failures ----
  double mean_utilization = 1.0;    ///< training: mean u over an iteration (1 = node_full)
  double iteration_period_s = 0;    ///< one synchronous iteration (compute then communication), s
  double comm_share = 0;            ///< share of the iteration spent in communication, 0..1
  double comm_dip = 0;              ///< relative drop of u during communication, 0..1
  double checkpoint_interval_s = 0; ///< time between checkpoints (0: none), s
  double checkpoint_duration_s = 0; ///< training paused while a checkpoint is written, s
  double checkpoint_utilization = 0;///< u during a checkpoint pause
  double gpu_hours_per_failure = 0; ///< accelerator-hours between job interruptions (0: none)
  double job_gpus = 0;              ///< accelerators per training job (one failure stops one job)
  double restart_duration_s = 0;    ///< the interrupted job idles (u = 0) this long, s
  // ---- inference: daily and weekly shape in local standard time ----
  double inference_utilization = 0.6; ///< daily mean of the inference utilization
  double daily_amplitude = 0.0;     ///< relative amplitude A of 1 + A·cos(2π(h − h_peak)/24)
  double peak_hour = 14.0;          ///< local hour of the daily peak
  double weekend_factor = 1.0;      ///< inference utilization on Saturday and Sunday, × weekday
  // ---- measured trace (`workload = "FILE.csv"`): replaces the shapes above when not empty ----
  std::vector<double> trace;        ///< utilization per trace step, repeated with its period
  double trace_step_s = 0;          ///< length of one trace step, s
  double trace_start_s = 0;         ///< time of the first row, s after 1 January 00:00
  std::string source;
};

/// A group of identical accelerators running one workload.
struct ClusterSpec {
  std::string name;
  AcceleratorSpec accelerator;
  int64_t count = 0;                 ///< number of accelerators (whole nodes)
  std::size_t hall = 0;              ///< index into Site::halls
  /// Share of node heat removed by liquid (cold plates) in this cluster: 0 in an air hall;
  /// in a liquid hall the catalog's liquid_fraction unless the site sets it. Immersion halls
  /// take all IT heat into the tanks whatever this is.
  double liquid_fraction = 0;
  WorkloadSpec workload;
  Power network_per_gpu;             ///< switches, NICs and optics, per accelerator
  Power storage_per_gpu;             ///< storage servers, per accelerator
  Power power_cap_per_gpu;           ///< node power cap ÷ accelerators per node; 0 W = none
  /// Carried through a grid outage by the backup (`dcload outage`); false: shed when the grid
  /// goes (its IT and the cooling it needs leave the critical load).
  bool critical = true;
  /// Share of this cluster's IT power it can shed on request (cluster[].curtailable_share;
  /// `dcload capacity --flex`); unset = the campus's flex.curtailable_share.
  std::optional<double> curtailable_share;
  /// Utilization → node power: P = P_idle + (P_full − P_idle)·f(u). "linear" f = u, "square"
  /// u², "cubic" u³, "sqrt" √u (OpenDC/CloudSim forms), "table:NAME" piecewise-linear through
  /// an 11-point SPECpower-style table (u = 0, 0.1, …, 1) from configs/catalog/accelerators.toml.
  /// Beyond u = 1 (training compute phases) f continues with its slope at u = 1.
  std::string power_curve = "linear";
  std::vector<double> power_curve_table; ///< for "table:NAME": f at u = 0, 0.1, …, 1 (0 … 1)
  /// Build-out within the run year (set by run() for a phased site, not by site files): part of
  /// `count` enters service only from `from_s` (s after 1 January 00:00 of the run year).
  struct LateAddition {
    double from_s = 0;
    int64_t count = 0;
  };
  std::vector<LateAddition> late_additions;

  /// Nodes (servers, or whole racks for rack-scale systems): count / gpus_per_node.
  int64_t nodes() const;
  /// Racks as deployed: ⌈count / gpus_per_rack⌉ (0 when the catalog gives no rack size).
  int64_t racks() const;
  /// Design IT power of the cluster: nodes × node_full + count × (network + storage), W.
  Power design_power() const;
};

/// One build-out step: `count` accelerators join cluster `cluster` from a date.
struct PhaseSpec {
  int year = 0, month = 1, day = 1;  ///< in service from this date
  std::size_t cluster = 0;           ///< index into Site::clusters
  int64_t count = 0;                 ///< accelerators added
};

/// UPS topology (Schneider Electric White Paper 75, "Comparing UPS System Design
/// Configurations"): N capacity only; N+1 one spare module; 2N two full systems; distributed
/// redundant: k systems sized so that any k−1 carry the load (each runs at ≤ (k−1)/k).
enum class UpsRedundancy { kN, kNPlus1, k2N, kDistributed };
/// air: CRAH fans + chilled water; liquid: direct-to-chip cold plates on facility water (the
/// air-cooled share by CRAHs); immersion: all IT heat into single-phase tanks on facility water.
/// immersion_two_phase: all IT heat boils a dielectric whose vapour condenses on a coil cooled
/// by facility water (no IT-side pump).
enum class CoolingTechnology { kAir, kLiquid, kImmersion, kImmersionTwoPhase, kDx };
/// tower: open wet towers on wet-bulb (uses water); dry_cooler: finned coils on dry-bulb (none);
/// adiabatic: dry coolers whose inlet air is pre-cooled by evaporative pads/spray above a
/// dry-bulb threshold (water only then).
/// Heat rejection of the plant. seawater = the cold source ([cooling.cold_source]) alone, no
/// towers or coolers behind it (heat it cannot take is a shortfall).
enum class HeatRejection { kTower, kDryCooler, kAdiabatic, kSeawater };
/// A cold source used before the heat rejection: the seawater leaving an LNG terminal's
/// open-rack vaporizers (colder than the sea by the vaporizers' cooling), or plain seawater.
enum class ColdSourceKind { kNone, kLngTerminal, kSeawater };
/// Chiller performance model (engine/cooling/README.md), one per plant whatever the heat
/// rejection: carnot = Carnot (second-law) fraction of the lift between the loop's leaving water
/// and the condenser water, with the DOE-2 part-load curve; lei_masanet = Lei & Masanet COP
/// regression in condenser-water temperature (chilled-water loops ≤ 20 °C; warmer loops on the
/// Carnot fraction); doe2_centrifugal = DOE-2.1E reference water-cooled centrifugal EIR curves;
/// carrier_30rb390 = EnergyPlus air-cooled scroll EIR curves.
enum class ChillerModel { kLeiMasanet, kCarnot, kDoe2Centrifugal, kCarrier30rb390 };
/// water_cooled: condensers on condenser water from the heat rejection; air_cooled: condensers
/// on outdoor dry-bulb (no condenser pump or tower for the chillers' heat).
enum class ChillerType { kWaterCooled, kAirCooled };
/// Tower approach: constant = tower_approach at every condition; yorkcalc = EnergyPlus YorkCalc
/// correlation in wet-bulb, range and liquid-to-gas ratio, equal to tower_approach at design.
enum class TowerModel { kConstantApproach, kYorkCalc };
/// Tower evaporation: psychrometric = the air's humidity gain across the tower, exit air
/// saturated (EnergyPlus "SaturatedExit"); loss_factor = a fixed fraction of the water flow per
/// K of range (EnergyPlus "LossFactor").
enum class TowerWaterModel { kPsychrometric, kLossFactor };
/// A water loop's pumps (engine/cooling/README.md, "Pumps and tower fans"): variable = speed
/// follows the flow the heat needs, not below `pump_min_flow`, power by `pump_curve`;
/// constant = design flow whenever the loop carries heat.
enum class PumpControl { kVariable, kConstant };
/// Part-load power of a variable-speed pump, fraction of design vs flow fraction x:
/// linear = x (head held at design: EnergyPlus Pump:VariableSpeed default curve 0, 1, 0, 0);
/// dp_reset, no_reset, riding_curve = the ASHRAE 90.1 Appendix G cubic curves as
/// openstudio-standards applies them.
enum class PumpCurve { kLinear, kDpReset, kNoReset, kRidingCurve };
/// Tower fans: follow_load = speed at the plant's load fraction (≥ minimum), no set point;
/// variable / two_speed / single_speed = the fans hold the condenser-water set point as
/// EnergyPlus CoolingTower:VariableSpeed / TwoSpeed / SingleSpeed do (speed found, or cycled).
enum class TowerFanControl { kFollowLoad, kVariable, kTwoSpeed, kSingleSpeed };
/// Condenser-water set point of the towers: wet_bulb = outdoor wet-bulb + an approach within
/// limits; fixed = one temperature.
enum class CondenserSetpoint { kWetBulb, kFixed };
/// Outdoor condition the plant is sized for (engine/cooling/README.md, "Sizing"):
/// ashrae_0_4 = the 0.4 % cooling design conditions; ashrae_n_year_20 = the 20-year
/// return-period extreme dry-bulb and the extreme annual wet-bulb; peak_of_year = the worst
/// hour of the weather year, at design IT power.
enum class DesignBasis { kAshrae004, kAshraeNYear20, kPeakOfYear };

/// Electrical chain: HV/MV transformers → MV/LV distribution (PDU/busway) → UPS → IT.
struct ElectricalSpec {
  UpsRedundancy ups_redundancy = UpsRedundancy::k2N;
  std::string ups_model;            ///< configs/catalog/ups.toml entry the loss figures come from
  ApparentPower ups_module_rating;  ///< one UPS module
  double ups_power_factor = 0;      ///< output power factor rating of a module (kW/kVA)
  double ups_no_load_loss = 0;      ///< loss at zero load, fraction of module rating
  double ups_proportional_loss = 0; ///< loss proportional to load, fraction of load
  double ups_square_loss = 0;       ///< loss ∝ load², fraction of rating at full load
  double distribution_loss = 0;     ///< PDU/busway/cabling loss, fraction of power passed
  ApparentPower transformer_rating; ///< one HV/MV main transformer
  int transformer_count = 0;        ///< transformers sharing the load
  double transformer_no_load_loss = 0;  ///< fraction of rating, always on
  double transformer_load_loss = 0;     ///< fraction of rating at rated load (∝ load²)
  double transformer_power_factor = 0; ///< load power factor seen by transformers (= grid's)
  int ups_distributed_systems = 0;  ///< k for kDistributed (e.g. 3 systems, "3-to-make-2")
  bool ups_serves_crah_fans = false; ///< CRAH fans fed through the UPS (their loss → heat)
  bool ups_serves_pumps = false;     ///< chilled-water (and CDU) pumps fed through the UPS
};

/// Auxiliary (non-IT, non-cooling) building loads.
struct AuxiliarySpec {
  double lighting_fraction = 0;  ///< lighting and offices, fraction of design IT power
  Power generator_rating;        ///< one standby generator set
  int generator_spares = 0;      ///< standby generators beyond those needed (N+spares)
  double generator_heater_fraction = 0; ///< jacket-water heater rating, fraction of genset rating
  Temperature generator_heater_setpoint; ///< jacket water kept at or above this
  Duration generator_fuel = hours(12.0); ///< fuel on site, hours of all sets at full load
  double generator_fail_to_start = 0;   ///< per set, per outage
  Duration generator_mttf = hours(1100.0); ///< mean time to failure of a running set
};

/// What the backup should reach ([resilience]; `dcload outage`).
struct ResilienceSpec {
  double target = 0.99;                    ///< chance of riding through target_duration
  Duration target_duration = hours(24.0);
};

/// One data hall: its clusters share a cooling technology and loop temperatures
/// ([[hall]] in the site file; a file without [[hall]] has one hall from the [cooling] keys).
/// Every hall has an air loop (CRAHs on chilled water) for the heat not on liquid; liquid and
/// immersion halls add a facility-water loop through CDUs. All halls share the heat rejection,
/// the chiller plant and the electrical chain (CoolingSpec, ElectricalSpec).
struct HallSpec {
  std::string name;
  CoolingTechnology technology = CoolingTechnology::kAir;
  // ---- air loop: CRAH fans on chilled water ----
  Temperature chilled_water_supply;
  TemperatureDelta chilled_water_delta_t;
  TemperatureDelta coil_approach;        ///< supply air − chilled-water supply at the CRAH coil
  TemperatureDelta air_delta_t;          ///< air temperature rise across the IT
  Pressure crah_fan_pressure;
  double crah_fan_efficiency = 0;
  TemperatureDelta economizer_approach;  ///< plate heat exchanger between condenser water and the hall's loops
  // ---- liquid loop (technology liquid / immersion) ----
  Temperature facility_water_supply;     ///< facility water to the CDUs
  TemperatureDelta facility_water_delta_t; ///< facility-water return minus supply
  Pressure cdu_pump_head;                ///< IT-side (secondary) coolant pump head
  TemperatureDelta cdu_delta_t;          ///< IT-side coolant temperature rise
  // ---- two-phase immersion ----
  Temperature two_phase_boiling_point;         ///< saturation temperature of the tank fluid
  TemperatureDelta two_phase_condenser_approach; ///< vapour minus facility-water return
  // ---- air-side economizer (technology air) ----
  bool air_economizer = false;           ///< outdoor air to the white space when in the envelope
  Temperature air_economizer_max_dew_point; ///< supply-air dew-point limit (ASHRAE class A1)
  double air_economizer_max_rh = 0;      ///< supply-air relative-humidity limit (class A1)

  // ---- DX CRAC units (technology dx): the supply air they hold (cooling.dx_supply_air) ----
  Temperature dx_supply_air;

  bool has_liquid_loop() const {
    return technology != CoolingTechnology::kAir && technology != CoolingTechnology::kDx;
  }
  /// Air delivered to the IT inlets: chilled-water supply + coil approach (dx: dx_supply_air).
  Temperature supply_air() const;
};

/// Equipment of one kind: units of `unit` capacity, N duty + `spares` installed.
struct ComponentSpec {
  Power unit;          ///< capacity of one unit (heat removed or rejected, or electric output)
  int spares = 0;      ///< units installed beyond those the design load needs
};

/// Seawater taken as a heat sink before the heat rejection ([cooling.cold_source];
/// engine/cooling/README.md, "Cold source"). Per step: flow = flow_kg_s × profile share, at most
/// max_flow_kg_s; intake = seawater temperature − vaporizer_delta_t; the campus's condenser water
/// leaves the seawater heat exchanger at intake + hx_approach; the seawater returned may be at
/// most max_discharge_rise above the sea (and at most the condenser range above the intake).
struct ColdSourceSpec {
  ColdSourceKind kind = ColdSourceKind::kNone;
  double flow_kg_s = 0;          ///< seawater the source gives at profile share 1
  double max_flow_kg_s = 0;      ///< the campus's contractual maximum (0 = flow_kg_s)
  /// Share of flow_kg_s per step: 12 values (calendar month), 24 (hour of day) or 8,760 (hour of
  /// the year); empty = 1 every step.
  std::vector<double> flow_profile;
  std::string flow_profile_name;   ///< "builtin:..." or the CSV file (for messages)
  /// Sea temperature, °C: 12 values (mid-month, interpolated between), 24 or 8,760.
  std::vector<double> seawater_c;
  std::string seawater_name;       ///< "builtin:ulsan" or the CSV file
  bool seawater_given = false;     ///< the site named its sea temperatures
  bool rise_given = false;         ///< the site named its discharge limit
  TemperatureDelta vaporizer_delta_t;   ///< seawater cooled by the vaporizers (0 for plain seawater)
  TemperatureDelta hx_approach;         ///< condenser water leaving − seawater entering
  TemperatureDelta max_discharge_rise;  ///< seawater returned − the sea
  Pressure pump_head;                   ///< static lift, heat exchanger and screens at design flow
  Length distance;                      ///< one-way pipe route to the source
  double pipe_velocity_m_s = 0;         ///< velocity at the design (maximum) flow: sets the diameter
  Length pipe_roughness;                ///< absolute roughness of the pipes
  double pump_efficiency = 0;           ///< seawater pumps, wire to water
  /// With a backup, when both run: the seawater trims the supply after the towers (true,
  /// "after") or pre-cools the return before them (false, "before").
  bool after_backup = true;
  bool enabled() const { return kind != ColdSourceKind::kNone; }
};

/// The shared cooling plant: water-side economizer, staged chillers, heat rejection by towers,
/// dry coolers or adiabatic coolers, pumps, and how the plant is sized
/// (engine/cooling/README.md).
struct CoolingSpec {
  HeatRejection heat_rejection = HeatRejection::kTower;
  ChillerModel chiller_model = ChillerModel::kCarnot;
  ChillerType chiller_type = ChillerType::kWaterCooled;
  TowerModel tower_model = TowerModel::kYorkCalc;
  TowerWaterModel tower_water_model = TowerWaterModel::kPsychrometric;
  DesignBasis design_basis = DesignBasis::kAshraeNYear20;
  TemperatureDelta tower_approach;         ///< constant_approach: leaving water − wet-bulb
  TemperatureDelta tower_design_approach;  ///< yorkcalc: approach at the design wet-bulb, full fan
  TemperatureDelta tower_range;          ///< condenser-water ΔT at design
  Pressure chilled_water_pump_head;      ///< chilled- and facility-water distribution pumps
  Pressure condenser_water_pump_head;
  double pump_efficiency = 0;
  double tower_fan_power_ratio = 0;  ///< tower fan power at design, per W of heat rejected
  double tower_fan_min_speed = 0;    ///< minimum fan speed fraction
  double tower_evaporation_per_k = 0; ///< loss_factor: evaporated fraction of water flow per K
  double tower_air_m3_s_per_w = 0;   ///< psychrometric: tower air volume flow at design per W rejected
  double tower_drift = 0;            ///< drift, fraction of water flow
  double cycles_of_concentration = 0;
  // ---- pump and tower-fan control (engine/cooling/README.md, "Pumps and tower fans") ----
  PumpControl chilled_water_pump_control = PumpControl::kVariable;
  PumpControl condenser_water_pump_control = PumpControl::kVariable;
  PumpControl facility_water_pump_control = PumpControl::kVariable;
  PumpCurve pump_curve = PumpCurve::kLinear;
  double pump_min_flow = 0;              ///< variable pumps: least flow, fraction of design
  TowerFanControl tower_fan_control = TowerFanControl::kFollowLoad;
  CondenserSetpoint condenser_setpoint_control = CondenserSetpoint::kWetBulb;
  Temperature condenser_setpoint;        ///< fixed: the set point; wet_bulb: its upper limit
  Temperature condenser_setpoint_min;    ///< wet_bulb: the set point's lower limit
  TemperatureDelta condenser_setpoint_approach;  ///< wet_bulb: set point − outdoor wet-bulb
  double tower_low_speed_flow = 0;       ///< two_speed: air-flow ratio at low speed
  double tower_low_speed_power = 0;      ///< two_speed: fan power ratio at low speed
  // ---- dry coolers / adiabatic coolers ----
  TemperatureDelta dry_cooler_approach;  ///< leaving fluid minus outdoor dry-bulb
  double dry_cooler_fan_power_ratio = 0; ///< fan power at design per W rejected
  Temperature adiabatic_threshold;       ///< adiabatic: spray when the dry-bulb is above this
  double adiabatic_effectiveness = 0;    ///< adiabatic: (T_db − T_in)/(T_db − T_wb) of the pads
  // ---- equipment (sized on design_basis; engine/cooling/README.md) ----
  ComponentSpec chiller;       ///< one chiller's cooling capacity
  ComponentSpec tower_cell;    ///< heat rejected by one tower cell (or dry cooler) at design
  ComponentSpec crah;          ///< sensible cooling of one CRAH / fan-wall unit (per hall)
  ComponentSpec cdu;           ///< heat moved by one CDU (per liquid hall)
  // ---- DX CRAC units (technology dx; engine/cooling/README.md, "DX units") ----
  ComponentSpec dx;            ///< rated total cooling of one DX unit (AHRI conditions)
  double dx_cop = 0;           ///< gross rated COP: compressor + condenser fans
  Temperature dx_room_dew_point;  ///< dew point of the hall's air (the coil's entering wet-bulb)
  /// Keys the site file set that have no effect on this plant (set-point keys with follow_load
  /// fans, dx_* keys without a DX hall): the run says so.
  std::vector<std::string> unused_keys;
  // ---- heat reuse ----
  double heat_reuse_fraction = 0;        ///< share of the reusable heat actually exported
  ColdSourceSpec cold_source;            ///< [cooling.cold_source], used before the heat rejection
};

/// Grid connection at the point of interconnection.
/// A scheduled change of the grid connection (e.g. a new 345 kV line).
struct GridUpgrade {
  int year = 0, month = 1, day = 1;  ///< in service from this date
  ApparentPower connection;         ///< the connection from then on
  ApparentPower circuit_rating;     ///< new rating of each circuit; 0 VA = unchanged
};

/// The utility's mask for fast swings of the grid draw ([grid.limits]; `dcload swing`), over a
/// sub-second window. 0 (or a share of 1) = no limit. The band share is the share of the
/// draw's power-variance energy (its fluctuation about the window mean) in the band.
struct SwingLimits {
  double max_ramp_w_per_s = 0;          ///< largest |ΔP|/Δt between steps, W/s
  Power max_dynamic_range;              ///< largest max − min within dynamic_range_window
  Duration dynamic_range_window = seconds(1.0);
  double band_low_hz = 0.1, band_high_hz = 20.0;  ///< the critical band
  double max_band_share = 1.0;          ///< of the variance in [band_low, band_high)
  Power max_band_rms;                   ///< RMS of the fluctuation within the band
  double inter_area_low_hz = 0.1, inter_area_high_hz = 1.0;
  double max_inter_area_share = 1.0;
  /// A declared electromechanical mode (from the network's eigenanalysis): the band it spans
  /// and the largest oscillation amplitude (peak, sinusoid-equivalent) it may be forced with.
  double modal_low_hz = 0, modal_high_hz = 0;  ///< 0, 0 = none declared
  Power modal_max_amplitude;            ///< 0 = only flag the iteration periods in the band
};

struct GridSpec {
  ApparentPower connection;     ///< rated apparent power at the point of interconnection
  double power_factor = 0;      ///< facility power factor at the POI
  int circuits = 0;             ///< incoming circuits (lines)
  ApparentPower circuit_rating; ///< thermal rating of one circuit
  Power contracted_demand;      ///< contracted maximum demand; 0 = not set
  double ramp_limit_w_per_s = 0; ///< allowed ramp of the grid draw, W/s; 0 = none
  std::vector<GridUpgrade> upgrades; ///< sorted by date
  /// Hourly share of the connection's capacity the network can give (grid.capacity_profile):
  /// 8,760 values (hour of the year) or 24 (hour of the day), 0..1; empty = always all of it.
  /// Used by the flexibility analysis (dcload capacity --flex).
  std::vector<double> capacity_profile;
  std::string capacity_profile_file;  ///< where it was read from (for messages)
  /// "capital" (Seoul, Incheon, Gyeonggi), "non_capital", or "auto" (from the weather station)
  /// for the grid impact assessment's demand-dispersion item (dcload kgia).
  std::string region = "auto";
  /// Constrained hours (grid.constrained_hours): in that many hours of the year the network can
  /// give only (1 − constrained_share) of the connection — the hours of highest regional load
  /// (grid.regional_load, 8,760 values) or, without one, the campus's own highest-demand hours
  /// (the worst case: the network's constraint coincides with the campus's peak). 0 = none.
  int constrained_hours = 0;
  double constrained_share = 0;       ///< share of the connection withdrawn in those hours
  std::vector<double> regional_load;  ///< hourly regional load (any unit; only its ranking is used)
  std::string regional_load_file;
  SwingLimits limits;                 ///< [grid.limits]: the mask for fast swings
};

/// What the campus can give back to the grid on request ([flex]; dcload capacity --flex): IT
/// power shed by power caps or paused jobs; curtailable_share is every cluster's share unless a
/// cluster sets its own (cluster[].curtailable_share).
enum class FlexRecovery { kLost, kDeferred };
struct FlexSpec {
  double curtailable_share = 0;    ///< share of IT power that can be shed (0 = no flexibility)
  Duration max_duration = hours(3.0);  ///< longest single curtailment event
  int max_events = 0;              ///< events per year (0 = no limit)
  double max_energy_share = 0;     ///< curtailed IT energy per year, share of the year's IT energy
  FlexRecovery recovery = FlexRecovery::kLost;  ///< deferred: made up later within the window
  Duration recovery_window = hours(24.0);
  double value_of_compute_usd_per_j = 0;  ///< revenue lost per J of IT energy not served (0: not priced)
};

/// Smoothing layers between the accelerators and the grid ([smoothing]; `dcload swing`),
/// in their order from the chips out. Each is off at 0.
struct SmoothingSpec {
  double gpu_floor = 0;                 ///< power floor, share of the campus design IT power
  double gpu_ramp_down_w_per_s = 0;     ///< ramp-down limit per accelerator, W/s (0: none)
  Energy rack_storage_per_gpu;          ///< PSU / rack energy storage per accelerator
  Duration rack_storage_tau = seconds(1.0);
  double ups_share = 0;                 ///< share of the UPS rating used to smooth the input
  Duration ups_autonomy = minutes(5.0); ///< UPS battery runtime at its rating
  double ups_energy_share = 0.2;        ///< share of that energy smoothing may use
  Duration ups_tau = seconds(10.0);
  double ups_wear_usd_per_j = 0;        ///< battery wear per J discharged
  double ups_cycle_life = 5475;         ///< equivalent full cycles the UPS battery lasts
  Duration ups_calendar_life = hours(10.0 * 8760.0);  ///< its life in years when not cycled
  Power bess_power;                     ///< site BESS for smoothing (fixed size; 0 = searched)
  Energy bess_energy;
  Duration bess_tau = seconds(30.0);
  double bess_round_trip = 0.85;
  double bess_capex_usd_per_w = 0, bess_capex_usd_per_j = 0;
  double bess_fixed_om_share = 0.025;   ///< fixed O&M per year, share of the capital cost
  Duration bess_lifetime = hours(15.0 * 8760.0);
  double bess_cycle_life = 5475;        ///< equivalent full cycles the BESS lasts
  Power supercap_power;                 ///< supercapacitor bank (fixed size; 0 = searched)
  Energy supercap_energy;
  Duration supercap_tau = seconds(2.0);
  double supercap_round_trip = 0.95;
  double supercap_capex_usd_per_w = 0, supercap_capex_usd_per_j = 0;  ///< 0: not searched
  Duration supercap_lifetime = hours(20.0 * 8760.0);
  double energy_price_usd_per_j = 0;    ///< burned energy; 0: the run's average supply cost
};

/// A voltage-dip sequence and the UPS transfer logic it meets ([ride_through]; `dcload swing`).
struct RideThroughSpec {
  int dips = 6;                         ///< dips in the sequence
  Duration dip_spacing = seconds(16.4);
  Duration dip_duration = seconds(0.054);
  double dip_depth = 0.65;              ///< 0.65: the voltage falls to 35 % of nominal
  std::string dips_file;                ///< CSV start_s,duration_s,depth (replaces the above)
  std::vector<double> dip_start_s, dip_duration_s, dip_depth_share;  ///< read from dips_file
  // The site's UPS transfer logic (every block):
  double count_depth = 0.1;             ///< a dip this deep counts as a disturbance
  Duration count_duration = seconds(0.0);
  int strikes = 3;
  Duration strike_window = seconds(60.0);
  double transfer_depth = 1.0;          ///< deeper: transfer at once (> 1: never)
  Duration ride_through_time = hours(1e6); ///< longer: transfer after this long
  bool manual_return = true;
  Duration retransfer_delay = minutes(5.0);
  Duration manual_return_time = hours(2.0);
};

/// The sub-second window `dcload swing` analyses and the islanded-plant check ([swing]).
struct SwingSpec {
  std::string start = "07-15 14:00";    ///< local standard time of the window's start
  Duration duration = minutes(10.0);
  Duration timestep = seconds(0.1);
  double governor_time_s = 3.0;         ///< lng_ccgt governor as one lag
  double droop = 0.05;
  double inertia_s = 4.0;               ///< inertia constant H of the on-site plant
  double max_frequency_deviation_hz = 0.2;
  double nominal_frequency_hz = 60.0;
};

/// Kind of a [[supply]] entry (engine/supply/README.md has the dispatch rules).
enum class SupplyType { kGrid, kLngCcgt, kSolar, kWind, kBattery };

/// Cost inputs of one source (defaults in configs/catalog/supply.toml, each sourced there).
/// All money in USD (KRW inputs converted with [economics] krw_per_usd).
struct SupplyCost {
  double capex_usd_per_w = 0;         ///< overnight capital cost per W of `capacity`
  double capex_usd_per_j = 0;         ///< battery: capital cost per J of energy capacity
  double fixed_om_usd_per_w_s = 0;    ///< fixed O&M per W of capacity per second
  double variable_om_usd_per_j = 0;   ///< variable O&M per J delivered
  Duration lifetime = seconds(0.0);   ///< economic life (annualized by the capital recovery factor)
};

/// A wind-turbine power curve: net output fraction of rated power against hub-height speed.
struct TurbineCurve {
  std::string name;
  std::vector<double> speed_m_s;
  std::vector<double> fraction;
  double cut_in_m_s = 3, cut_out_m_s = 25;
  std::string source;
};

/// One source of a campus's supply ([[supply]] in the site file). Which fields apply depends
/// on `type`; the others keep their defaults.
struct SupplySpec {
  std::string name;
  SupplyType type = SupplyType::kGrid;
  SupplyCost cost;
  // ---- grid: import up to the connection ----
  double tariff_usd_per_j = 0;        ///< flat energy price, USD per J (converted from KRW if given)
  /// Time-of-use energy price by day type (weekday, Saturday, Sunday), month and hour
  /// (3 × 12 × 24, USD per J) when a `tariff_schedule` is chosen; empty for the flat tariff.
  std::vector<double> tou_usd_per_j;
  std::string tariff_schedule;        ///< catalog name of the TOU schedule ("" = flat)
  double demand_charge_usd_per_w_s = 0; ///< on the peak import, USD per W per second
  double emission_kg_per_j = 0;       ///< kg CO2 per J imported (annual mean)
  /// Hourly emission factors (kg per J) from `emission_profile`: 8,760 values (hour of the
  /// year) or 24 (hour of the day); empty = the annual factor every hour.
  std::vector<double> emission_profile_kg_per_j;
  double grid_cfe_share = 0;          ///< carbon-free share of the grid's generation, 0..1
  /// Hourly carbon-free shares (0..1) from `cfe_profile`: 8,760 values (hour of the year) or 24
  /// (hour of the day); empty = grid_cfe_share every hour.
  std::vector<double> cfe_profile;
  Power import_limit;                 ///< 0 W: the grid connection's usable capacity
  // ---- capacity: lng_ccgt per unit (net AC); solar DC nameplate; wind AC; battery power ----
  Power capacity;
  int units = 0;                      ///< lng_ccgt units
  // ---- lng_ccgt ----
  double min_stable_load = 0;         ///< fraction of a unit's capacity
  double ramp_per_s = 0;              ///< plant ramp limit, fraction of capacity per s (0: none)
  double forced_outage_rate = 0;
  Duration outage_mttr = seconds(0.0); ///< 0: outages as an expected derate; > 0: random, seeded
  double efficiency = 0;              ///< full-load net electric / fuel (LHV)
  double no_load_fuel_fraction = 0;   ///< fuel at zero output, share of full-load fuel
  double fuel_usd_per_j = 0;          ///< fuel price per J (LHV)
  double fuel_co2_kg_per_j = 0;       ///< kg CO2 per J of fuel
  double water_m3_per_j = 0;          ///< water consumed per J generated
  // ---- lng_ccgt, solar, wind: outage survival (`dcload outage`) ----
  /// Runs islanded with the campus through a grid outage: lng_ccgt units keep carrying it;
  /// solar and wind output lowers the load the backup carries. false: trips with the grid.
  bool islanding = false;
  Duration islanded_mttf = hours(1100.0); ///< lng_ccgt: mean time to failure while islanded
  // ---- solar ----
  double dc_ac_ratio = 0;
  double losses = 0;
  double degradation_per_year = 0;
  double age_years = 0;
  double tilt_deg = 0;
  double azimuth_deg = 0;             ///< eastward from north; 180 = facing south
  // ---- wind ----
  bool offshore = false;
  double hub_height_m = 0;
  double shear_exponent = 0;
  double availability = 0;
  double wake_loss = 0;
  double electrical_loss = 0;
  double mean_wind_speed_m_s = 0;     ///< hub-height mean to rescale the weather's wind to; 0 = none
  TurbineCurve turbine;
  // ---- battery ----
  Energy energy;                      ///< nameplate energy
  double round_trip_efficiency = 0;
  double soc_min = 0, soc_max = 0;
  double degradation_usd_per_j = 0;   ///< per J discharged
  double target_cfe = 0;              ///< > 0: size `energy` for this hourly carbon-free share
  Duration duration = seconds(0.0);   ///< energy / power when sizing for target_cfe
  // ---- optimization (`dcload optimize`, engine/optimize/README.md) ----
  /// The optimizer chooses this source's capacity (battery: power and energy) within the
  /// bounds below; `capacity` / `energy` stay what a plain run simulates.
  bool extendable = false;
  Power min_capacity;                 ///< lower bound (grid: contract, i.e. peak import)
  Power max_capacity;                 ///< upper bound; 0 W = none (grid: the connection)
  Energy min_energy;                  ///< battery energy bounds; max 0 = none
  Energy max_energy;
};

/// What `dcload optimize` aims at ([optimize]); command-line options replace these.
struct OptimizeSpec {
  double cfe_target = 0;              ///< hourly carbon-free share to reach, 0..1
  double co2_cap_kg = 0;              ///< CO2 over the year; 0 = none
  bool n1_import = false;             ///< import limited to the connection's N-1 capacity
  std::string algorithm = "dual";     ///< "dual", "primal" or "barrier"
};

/// Campus-wide economics ([economics]).
struct EconomicsSpec {
  double discount_rate = 0;           ///< real discount rate for the capital recovery factor
  double carbon_price_usd_per_kg = 0; ///< K-ETS allowance price applied to on-site emissions
  double value_of_lost_load_usd_per_j = 0; ///< price of unserved energy (0 = not priced)
};

/// One key of a site as the reader resolved it (Site::inputs).
struct ResolvedInput {
  std::string key;          ///< concrete path, e.g. "cooling.chilled_water_supply", "cluster[0].count"
  std::string value;        ///< as written ("18 °C", "\"air\"", "60000"), or the default's text
  std::string unit;         ///< display unit of the key's dimension ("°C"; "" for numbers, text)
  std::string origin;       ///< "FILE:LINE" where it was written, "--set", or "default"
  std::string source;       ///< defaults: where the default comes from (standard, datasheet, ...)
  std::string description;  ///< the key table's one-line description
  bool is_default() const { return origin == "default"; }
};

/// A validated site, all values in SI.
struct Site {
  std::string name;
  std::filesystem::path file;       ///< the site file it came from (empty when built in code)
  std::string weather;              ///< "builtin:NAME" or a path (resolved against file's folder)
  uint64_t seed = 1;
  std::vector<ClusterSpec> clusters;
  std::vector<PhaseSpec> phases;    ///< build-out, sorted by date (empty: built as listed)
  /// The calendar year a run of this campus is stamped with (timeseries.csv `time`,
  /// Summary::calendar_year): set by built_by(year); 0 = the last build-out year of a phased
  /// site, else kReferenceYear.
  int calendar_year = 0;
  std::vector<HallSpec> halls;      ///< at least one; ClusterSpec::hall indexes it
  ElectricalSpec electrical;
  AuxiliarySpec auxiliary;
  CoolingSpec cooling;
  GridSpec grid;
  std::vector<SupplySpec> supply;  ///< sources; a site without [[supply]] imports from the grid
  /// No grid import at all: every [[supply]] entry is on-site (set explicitly; a [[supply]]
  /// list without a grid entry is otherwise an error).
  bool islanded = false;
  EconomicsSpec economics;
  OptimizeSpec optimize;
  FlexSpec flex;
  ResilienceSpec resilience;
  SmoothingSpec smoothing;
  RideThroughSpec ride_through;
  SwingSpec swing;
  double krw_per_usd = 0;
  /// What the reader assumed or adjusted that the user did not write (a count rounded up to
  /// whole nodes, a compute precision assumed); every run repeats them in its status messages.
  std::vector<std::string> notes;
  /// Every key the reader used to build this site, in key order: given in the file (or an
  /// `extends` parent, or --set) or taken from the key table's defaults, with the default's
  /// source (the report's "inputs as resolved" table). Empty for a Site built in code.
  std::vector<ResolvedInput> inputs;

  /// Design IT power: every cluster at full utilization.
  Power design_it_power() const;
  /// The share of cluster `c`'s IT power it can shed: its own curtailable_share, else
  /// flex.curtailable_share.
  double curtailable_share_of(const ClusterSpec& c) const {
    return c.curtailable_share.value_or(flex.curtailable_share);
  }
  /// Whether any cluster can shed IT power (its curtailable share > 0).
  bool offers_flex() const;
  /// Design-IT-weighted share of the campus's IT power that can be shed (a phased site: as
  /// built by its last phase; 0 = no flexibility).
  double offered_flex_share() const;

  /// The campus as built by the end of `year`: each cluster's count plus the phases dated in or
  /// before that year, and no phases left (engine/it/buildout.cpp).
  Site built_by(int year) const;

  /// Every problem with this site, one line each ("cluster[0].count = -5: out of range,
  /// expected 0 … 1e+08"), empty when it can be run: the same range and consistency checks the
  /// site-file reader applies, for sites built or changed in code. run() refuses a site with
  /// problems (ConfigError naming the first).
  std::vector<std::string> validate() const;
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

/// Every input error of a site file in one pass (up to 20), as `dcload validate` reports them:
/// TOML syntax, unknown keys, units, ranges, catalog names, referenced files (traces, emission
/// profiles) and the weather source (found and readable). Empty when the file is fine.
std::vector<ConfigError> validate_site_file(const std::filesystem::path& path,
                                            const std::vector<std::string>& overrides = {});

/// The built-in default site (configs/ulsan.toml as compiled into the library).
Site default_site(const std::vector<std::string>& overrides = {});

/// A site with every default of the key table applied and nothing else: one air hall, no
/// clusters, no weather, no grid connection and no transformer rating (the keys a site file must
/// give). For sites built in code: fill those in (clusters with make_cluster()), then
/// Site::validate().
Site site_template();

/// A cluster of `count` catalog accelerators running a catalog workload, with the catalog's
/// network, storage, power-curve and liquid-share defaults, in hall `hall` of `site` (the
/// liquid share follows the hall's technology). Throws ConfigError for unknown names.
ClusterSpec make_cluster(const Site& site, const std::string& name, const std::string& accelerator,
                         int64_t count, const std::string& workload = "training",
                         std::size_t hall = 0);

/// One key a site file may contain, as the site-file reference lists it (`dcload keys`).
struct SiteKey {
  std::string key;               ///< dotted path, array elements as "cluster[].count"
  std::string type;              ///< "a power (W, kW, MW)", "integer", "one of `air`, ..."
  std::string default_markdown;  ///< the default as README shows it ("`18 °C`", "required", "—")
  std::string default_text;      ///< the same without Markdown backticks
  std::string range;             ///< "0 … 1e+08", "≥ 0 MW", "" when unbounded
  std::string description;
  std::string source;            ///< where the default comes from
  bool required = false;
};
/// Every key of the key table that drives the reader and --set, in table order.
const std::vector<SiteKey>& site_keys();

/// The site-file reference (Markdown table generated from the key table), as in README.
std::string config_reference_markdown();

/// The catalogs compiled into the library that `dcload catalog` lists: "accelerators",
/// "workloads", "ups".
std::vector<std::string> catalog_names();
/// A catalog as `dcload catalog NAME --json` prints it: a JSON array of objects, one per entry,
/// each with its figures and their source. Throws ConfigError for an unknown name.
std::string catalog_json(std::string_view name);

}  // namespace dcload
