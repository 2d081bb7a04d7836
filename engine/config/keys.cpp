#include "config/keys.hpp"

#include <algorithm>
#include <deque>
#include <string>

namespace dcload::detail {
namespace {
using D = Dimension;

// EU Ecodesign Reg. 548/2014 (amended 2019/1783) Annex I Table I.4, Tier 2 minimum PEI
// 99.770 % for liquid-immersed transformers ≥ 100 MVA; the regulation's 400 MVA example at that
// PEI: P0 = 158.73 kW (0.040 %), Pk = 1,333.04 kW (0.333 %); PEI = 1 − 2√(P0·Pk)/Sr checks.
constexpr std::string_view kTransformerSource =
    "EU 548/2014 Tier 2 minimum PEI 99.770 % (≥ 100 MVA), example split P0 = 0.040 %, "
    "Pk = 0.333 % of rating";

// Defaults written "@cooling" come from configs/catalog/cooling.toml for the chosen
// [cooling] technology (each figure sourced there). Others carry their source here.
std::vector<KeySpec> build_table() {
  std::vector<KeySpec> t = {
      // ---- top level ----------------------------------------------------------------------
      {"name", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Site name shown in outputs (defaults to the file name).", "", false},
      {"description", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Free text.", "", false},
      {"extends", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Base site file (relative to this file); this file overrides its keys, arrays replace whole.",
       "", false},
      {"weather", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "\"builtin:NAME\" (a Korean station, e.g. builtin:ulsan) or a path to an EPW/CSV file "
       "relative to the site file.",
       "", true},
      {"seed", Kind::kInteger, D::kNone, "1", 0, 9.007199254740992e15, {},
       "Seed for every stochastic element; a run is deterministic for a seed.", "", false},
      {"islanded", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "The campus has no grid import: every [[supply]] entry is on-site. Required to leave the "
       "grid out of a [[supply]] list (a list without a grid entry is otherwise an error).",
       "", false},

      // ---- [[cluster]] --------------------------------------------------------------------
      {"cluster[].name", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Cluster name.", "", true},
      {"cluster[].accelerator", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Accelerator by catalog name (configs/catalog/accelerators.toml), e.g. \"H100 SXM\".", "",
       true},
      {"cluster[].count", Kind::kInteger, D::kNone, "0", 0, 1e8, {},
       "Number of accelerators (0: built later by [[phase]] entries, or set by `compute`).", "",
       false},
      {"cluster[].compute", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Instead of `count`: a compute target with its number format, e.g. \"1 EFLOPS FP64\", "
       "\"2 EFLOPS FP8 sparse\" (TFLOPS, PFLOPS, EFLOPS; FP64, FP32, TF32, BF16, FP16, FP8, FP4; "
       "dense unless \"sparse\"); count = ⌈target ÷ the accelerator's throughput in that "
       "format⌉, rounded up to whole nodes. Without a format dense BF16 is assumed and the run "
       "says so.",
       "accelerators.toml, dense throughput per format (vendor datasheets)", false},
      {"cluster[].hall", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Name of the [[hall]] the cluster stands in (required when the site has several halls).",
       "", false},
      {"cluster[].liquid_fraction", Kind::kQuantity, D::kFraction, "@accelerator", 0, 1, {},
       "Share of node heat removed by liquid (cold plates) in a liquid hall, e.g. \"16 %\" for "
       "20 % of the racks on cold plates that capture 80 %. Must be 0 in an air hall; immersion "
       "halls take all IT heat into the tanks.",
       "accelerators.toml liquid_fraction (the liquid-cooled variant)", false},
      {"cluster[].workload", Kind::kString, D::kNone, "training", kNoMin, kNoMax, {},
       "Workload by catalog name (configs/catalog/workloads.toml): training, training_restarts, "
       "inference, mixed; or a measured utilization trace \"FILE.csv\" (columns hour,utilization; "
       "relative to the site file).",
       "", false},
      {"cluster[].network_power_per_gpu", Kind::kQuantity, D::kPowerPerGpu, "@accelerator", 0,
       5e3, {},
       "Network switches, NICs and optics per accelerator.", "accelerators.toml, per entry",
       false},
      {"cluster[].storage_power_per_gpu", Kind::kQuantity, D::kPowerPerGpu, "@accelerator", 0,
       5e3, {},
       "Storage servers per accelerator.", "accelerators.toml, per entry", false},
      {"cluster[].power_scale", Kind::kReal, D::kNone, "1.0", 0.5, 1.5, {},
       "Scale on the catalog's node draw (idle, full and nameplate) for an uncertain accelerator "
       "power, e.g. a sweep over 0.9 … 1.1; 1 = the catalog as measured.",
       "no default claim: 1 leaves the catalog's sourced figures unchanged; the range bounds a "
       "±50 % uncertainty",
       false},
      {"cluster[].power_cap_per_gpu", Kind::kQuantity, D::kPowerPerGpu, "0 W", 0, 1e5, {},
       "Node power cap per accelerator (node cap = this × accelerators per node); clips the "
       "workload's peaks, e.g. training compute phases (0 W = no cap).",
       "operator setting; power capping trims training peaks (Patel et al., \"Characterizing "
       "Power Management Opportunities for LLMs in the Cloud\", ASPLOS'24)",
       false},
      {"cluster[].critical", Kind::kBool, D::kNone, "true", kNoMin, kNoMax, {},
       "Carried through a grid outage by the backup (`dcload outage`): its IT, and the cooling "
       "and losses it needs, are the critical load; false = shed when the grid goes (e.g. a "
       "training cluster that restarts from its last checkpoint).",
       "a setting: every cluster carried, as a Tier III/IV design backs the whole critical load "
       "(Uptime Institute, Tier Standard: Topology)",
       false},
      {"cluster[].curtailable_share", Kind::kQuantity, D::kFraction, "@flex", 0, 1, {},
       "Share of this cluster's IT power it can shed on request (`dcload capacity --flex`), e.g. "
       "an inference cluster 0 %, a training cluster that pauses 100 %; default: "
       "flex.curtailable_share.",
       "a contract setting (no default of its own): flex.curtailable_share", false},
      {"cluster[].power_curve", Kind::kString, D::kNone, "@accelerator", kNoMin, kNoMax, {},
       "Utilization → node power curve between the node's idle and full draw: \"linear\", "
       "\"square\", \"cubic\", \"sqrt\" (OpenDC/CloudSim forms) or \"table:NAME\", an "
       "11-point SPECpower-style table from configs/catalog/accelerators.toml (e.g. "
       "table:specpower_ibm_x3550_m3).",
       "OpenDC PowerModels.java (atlarge-research/opendc@93588eb5); SPECpower_ssj2008 results "
       "via CloudSim",
       false},

      // ---- [[phase]] (build-out) ----------------------------------------------------------
      {"phase[].date", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Date the phase enters service, \"YYYY-MM-DD\"; a run reports every year from the first "
       "phase to the last (`buildout`).",
       "", true},
      {"phase[].cluster", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Name of the [[cluster]] the phase adds to.", "", true},
      {"phase[].count", Kind::kInteger, D::kNone, "", 1, 1e8, {},
       "Accelerators added to that cluster from that date.", "", true},

      // ---- [electrical] -------------------------------------------------------------------
      {"electrical.ups_redundancy", Kind::kEnum, D::kNone, "2N", kNoMin, kNoMax,
       {"N", "N+1", "2N", "distributed"},
       "UPS topology; sets each module's load fraction (2N: two full systems share the load; "
       "distributed: ups_distributed_systems systems, any one may fail).",
       "Schneider WP108 (Avelar): 2N systems run each side at ≤ 50 %, typically 20–40 %; "
       "topologies per Schneider WP75", false},
      {"electrical.ups_model", Kind::kString, D::kNone, "modern_double_conversion", kNoMin,
       kNoMax, {},
       "UPS loss curve by name from configs/catalog/ups.toml (e.g. modern_double_conversion, "
       "eco_mode, legacy_ge_sg_500); ups_no_load_loss, ups_proportional_loss and "
       "ups_square_loss override its coefficients.",
       "configs/catalog/ups.toml (manufacturer datasheets, fits shown there)", false},
      {"electrical.ups_distributed_systems", Kind::kInteger, D::kNone, "3", 2, 16, {},
       "Systems in a distributed-redundant UPS (k systems, any k−1 carry the load).",
       "Schneider WP75: distributed redundant \"3-to-make-2\" is the common form", false},
      {"electrical.ups_serves_crah_fans", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "CRAH fans are fed through the UPS (their power adds UPS load and loss).", "", false},
      {"electrical.ups_serves_pumps", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "Chilled-water pumps are fed through the UPS (chillers and towers never are).", "",
       false},
      {"electrical.ups_module_rating", Kind::kQuantity, D::kApparentPower, "1500 kVA", 1e4, 1e8,
       {}, "Rating of one UPS module.",
       "Schneider Galaxy VX 1500 kVA frame (datasheet); assumption for module size", false},
      {"electrical.ups_power_factor", Kind::kReal, D::kNone, "1.0", 0.5, 1.0, {},
       "UPS output power factor rating (kW per kVA).",
       "unity-pf double-conversion UPS (Galaxy VX datasheet: output pf 1)", false},
      {"electrical.ups_no_load_loss", Kind::kQuantity, D::kFraction, "@ups", 0, 0.2, {},
       "UPS loss at zero load, fraction of module rating.", "configs/catalog/ups.toml, the chosen ups_model", false},
      {"electrical.ups_proportional_loss", Kind::kQuantity, D::kFraction, "@ups", 0, 0.2, {},
       "UPS loss proportional to load, fraction of module rating at full load.", "configs/catalog/ups.toml, the chosen ups_model", false},
      {"electrical.ups_square_loss", Kind::kQuantity, D::kFraction, "@ups", 0, 0.2, {},
       "UPS loss ∝ load², fraction of module rating at full load.", "configs/catalog/ups.toml, the chosen ups_model", false},
      {"electrical.distribution_loss", Kind::kQuantity, D::kFraction, "0.56 %", 0, 0.1, {},
       "PDU, busway and cabling loss, fraction of power passed.",
       "Lei & Masanet, Energy 201 (2020) 117556, example PD loss", false},
      {"electrical.transformer_rating", Kind::kQuantity, D::kApparentPower, "", 1e5, 1e10, {},
       "Rating of one HV/MV main transformer (e.g. 154/22.9 kV).", "", true},
      {"electrical.transformer_count", Kind::kInteger, D::kNone, "2", 1, 64, {},
       "Main transformers sharing the load.", "", false},
      {"electrical.transformer_no_load_loss", Kind::kQuantity, D::kFraction, "0.040 %", 0, 0.05,
       {}, "Transformer core loss, fraction of rating, always on.", kTransformerSource, false},
      {"electrical.transformer_load_loss", Kind::kQuantity, D::kFraction, "0.333 %", 0, 0.05, {},
       "Transformer winding loss at rated load, fraction of rating (∝ load²).",
       kTransformerSource, false},

      // ---- [auxiliary] --------------------------------------------------------------------
      {"auxiliary.lighting", Kind::kQuantity, D::kFraction, "0.18 %", 0, 0.1, {},
       "Lighting and offices, fraction of design IT power, all hours.",
       "Lei & Masanet, Energy 201 (2020) 117556, example lighting share", false},
      {"auxiliary.generator_rating", Kind::kQuantity, D::kPower, "2.5 MW", 1e5, 2e7, {},
       "Rating of one standby generator set (sets sized to the design facility demand).",
       "assumption: 2.5 MW class diesel sets, common for large data centres", false},
      {"auxiliary.generator_spares", Kind::kInteger, D::kNone, "1", 0, 100, {},
       "Standby generator sets beyond those needed (N+spares).", "assumption: N+1", false},
      {"auxiliary.generator_fuel", Kind::kQuantity, D::kDuration, "12 h", 0, 8760 * 3600.0, {},
       "Fuel stored on site, as hours of all generator sets at full load (outage survival, "
       "`dcload outage`).",
       "Uptime Institute Tier Standard: Topology — at least 12 h of on-site fuel at N load, for "
       "every Tier (as quoted by core-es.com, \"Preventing downtime in data centers\"; M)", false},
      {"auxiliary.generator_fail_to_start", Kind::kQuantity, D::kFraction, "0.94 %", 0, 1, {},
       "Probability that a generator set fails to start when the grid goes (per set, per outage).",
       "NREL REopt default (REopt.jl src/outagesim/backup_reliability.jl, generator_failure_to_start "
       "= 0.0094)", false},
      {"auxiliary.generator_mttf", Kind::kQuantity, D::kDuration, "1100 h", 1, 1e9, {},
       "Mean time to failure of a running generator set (fails each hour with probability 1/MTTF).",
       "NREL REopt default (REopt.jl backup_reliability.jl, generator_mean_time_to_failure = "
       "1100 h)", false},
      {"auxiliary.generator_heater", Kind::kQuantity, D::kFraction, "0.36 %", 0, 0.02, {},
       "Jacket-water heater rating per generator set, fraction of its rating; full power at the "
       "coldest hour of the year, none above the set point.",
       "assumption: 9 kW per 2.5 MW set; heaters are standard on standby sets (NFPA 110 via "
       "Kim Hotstart, CSE magazine 2008)", false},
      {"auxiliary.generator_heater_setpoint", Kind::kQuantity, D::kTemperature, "32.2 °C",
       273.15, 273.15 + 70, {}, "Jacket-water temperature the heaters hold.",
       "NFPA 110: coolant kept at ≥ 90 °F (32.2 °C) when the room is below 70 °F (via "
       "CSE magazine, \"Preheating for savings\", 2008)", false},

      // ---- [cooling] ----------------------------------------------------------------------
      // Hall-level keys (kHallKeys below): in [cooling] they are the campus default for every
      // hall; [[hall]] entries may override each (hall[].KEY). "@cooling" resolves against
      // configs/catalog/cooling.toml [technology.TECH] for the hall's technology. Plant-level
      // keys ("@plant") come from [plant] of the same file. Each figure is sourced there.
      {"cooling.technology", Kind::kEnum, D::kNone, "air", kNoMin, kNoMax,
       {"air", "liquid", "immersion", "immersion_two_phase", "dx"},
       "Cooling design of a hall: air = CRAH fans + chilled water; liquid = direct-to-chip cold "
       "plates on facility water (the air-cooled share by CRAHs); immersion = all IT heat into "
       "single-phase tanks on facility water; immersion_two_phase = all IT heat boils a "
       "dielectric condensed on facility-water coils (no CDU pumps); dx = direct-expansion CRAC "
       "units with air-cooled condensers (no chilled water; the dx_* keys).",
       "", false},
      {"cooling.chilled_water_supply", Kind::kQuantity, D::kTemperature, "@cooling", 273.15 + 4,
       273.15 + 30, {}, "Chilled-water supply temperature of a hall's air loop.", "", false},
      {"cooling.chilled_water_delta_t", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 2, 20,
       {}, "Chilled-water return minus supply.", "", false},
      {"cooling.coil_approach", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 0.5, 10, {},
       "CRAH coil approach: supply air (the IT inlet) minus chilled-water supply.", "", false},
      {"cooling.air_delta_t", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 3, 30, {},
       "Air temperature rise across the IT (CRAH return minus supply).", "", false},
      {"cooling.crah_fan_pressure", Kind::kQuantity, D::kPressure, "@cooling", 50, 3000, {},
       "CRAH fan total pressure rise.", "", false},
      {"cooling.crah_fan_efficiency", Kind::kReal, D::kNone, "@cooling", 0.2, 0.95, {},
       "CRAH fan + motor + drive efficiency.", "", false},
      {"cooling.economizer_approach", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 0.5, 10,
       {}, "Economizer heat-exchanger approach (condenser water to the hall's loops).", "",
       false},
      {"cooling.facility_water_supply", Kind::kQuantity, D::kTemperature, "@cooling",
       273.15 + 10, 273.15 + 60, {},
       "Facility-water supply to the CDUs (liquid, immersion), e.g. 32, 40 or 45 °C.", "", false},
      {"cooling.facility_water_delta_t", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 2,
       20, {}, "Facility-water return minus supply.", "", false},
      {"cooling.cdu_pump_head", Kind::kQuantity, D::kPressure, "@cooling", 1e4, 1e6, {},
       "CDU pump head on the IT-side coolant loop.", "", false},
      {"cooling.cdu_delta_t", Kind::kQuantity, D::kTemperatureDelta, "@cooling", 2, 30, {},
       "IT-side coolant temperature rise across cold plates or tanks.", "", false},
      {"cooling.two_phase_boiling_point", Kind::kQuantity, D::kTemperature, "61 °C",
       273.15 + 20, 273.15 + 100, {},
       "Two-phase immersion: boiling point of the tank fluid at the tank pressure.",
       "3M Novec 7100 engineered fluid, boiling point 61 °C (3M product information; 3M has "
       "announced the end of its PFAS production, so set the fluid in use)",
       false},
      {"cooling.two_phase_condenser_approach", Kind::kQuantity, D::kTemperatureDelta, "6 K", 1,
       30, {}, "Two-phase immersion: vapour temperature minus facility-water return.",
       "assumption: a finned condenser coil in the vapour space; no vendor table read", false},
      {"cooling.air_economizer", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "Air-side economizer with evaporative assist (technology = air): outdoor air, pad-cooled "
       "toward its wet-bulb by adiabatic_effectiveness, supplied when its moisture keeps the "
       "supply air within the dew-point and RH limits; chilled water trims the rest.",
       "assumption: off (the catalog air plant is a chilled-water design)", false},
      {"cooling.air_economizer_max_dew_point", Kind::kQuantity, D::kTemperature, "17 °C",
       273.15 - 12, 273.15 + 28, {}, "Air economizer: highest supply-air dew point.",
       "ASHRAE TC 9.9, Thermal Guidelines for Data Processing Environments, 5th ed. (2021), "
       "class A1 allowable dew point −12…17 °C (as tabulated in the EnergyPlus Input Output "
       "Reference, ElectricEquipment:ITE:AirCooled environmental classes)",
       false},
      {"cooling.air_economizer_max_rh", Kind::kQuantity, D::kFraction, "80 %", 0.08, 1, {},
       "Air economizer: highest supply-air relative humidity.",
       "ASHRAE TC 9.9 Thermal Guidelines 5th ed. (2021), class A1 allowable RH 8–80 %", false},
      // Plant-level keys.
      {"cooling.heat_rejection", Kind::kEnum, D::kNone, "tower", kNoMin, kNoMax,
       {"tower", "dry_cooler", "adiabatic", "seawater"},
       "Heat rejection of the plant: tower = open wet cooling towers on wet-bulb; dry_cooler = "
       "closed finned coils on dry-bulb, no water; adiabatic = dry coolers with evaporative "
       "pre-cooling of the inlet air above adiabatic_threshold; seawater = the cold source "
       "([cooling.cold_source]) alone, heat it cannot take a shortfall. With a cold source and "
       "tower / dry_cooler / adiabatic, that is the backup for what the source cannot take.",
       "", false},
      {"cooling.chiller_model", Kind::kEnum, D::kNone, "carnot", kNoMin, kNoMax,
       {"carnot", "lei_masanet", "doe2_centrifugal", "carrier_30rb390"},
       "Chiller performance, one model for the plant whatever the heat rejection: carnot = "
       "Carnot (second-law) fraction of the lift from each loop's leaving water to the condenser "
       "water, DOE-2 part-load curve; lei_masanet = Lei & Masanet COP regression in condenser "
       "water (loops ≤ 20 °C; warmer loops on the Carnot fraction); doe2_centrifugal = DOE-2.1E "
       "reference water-cooled centrifugal EIR curves (valid 5–10 °C chilled water); "
       "carrier_30rb390 = EnergyPlus air-cooled scroll EIR curves (valid to 15.56 °C).",
       "engine/cooling/README.md, \"Chillers\": the Carnot fraction is the one model valid at "
       "every loop temperature and orders towers before dry coolers by their water temperature",
       false},
      {"cooling.chiller_type", Kind::kEnum, D::kNone, "water_cooled", kNoMin, kNoMax,
       {"water_cooled", "air_cooled"},
       "Chiller condensers: water_cooled = on the heat rejection's condenser water; air_cooled = "
       "on outdoor dry-bulb (needs an air-cooled curve set, chiller_model = carrier_30rb390).",
       "", false},
      {"cooling.tower_model", Kind::kEnum, D::kNone, "yorkcalc", kNoMin, kNoMax,
       {"yorkcalc", "constant_approach"},
       "Tower approach: yorkcalc = EnergyPlus YorkCalc correlation in wet-bulb, range and L/G "
       "(CoolingTower:VariableSpeed), matched to tower_design_approach at the design wet-bulb, "
       "so the approach varies with load and weather; constant_approach = tower_approach every "
       "hour (the Lei & Masanet 2020 simplification).",
       "EnergyPlus Engineering Reference, CoolingTower:VariableSpeed (YorkCalc model, its "
       "coefficients and validity limits in the I/O reference)",
       false},
      {"cooling.tower_water_model", Kind::kEnum, D::kNone, "psychrometric", kNoMin, kNoMax,
       {"psychrometric", "loss_factor"},
       "Tower evaporation: psychrometric = the air's humidity gain across the tower with "
       "saturated exit air (EnergyPlus \"SaturatedExit\"), so cold dry air takes heat "
       "sensibly; loss_factor = tower_evaporation_per_k × range × water flow (EnergyPlus "
       "\"LossFactor\").",
       "EnergyPlus Engineering Reference, \"Cooling Towers and Evaporative Fluid Coolers\", "
       "tower make-up water (evaporation loss modes)",
       false},
      {"cooling.design_basis", Kind::kEnum, D::kNone, "ashrae_n_year_20", kNoMin, kNoMax,
       {"ashrae_0.4", "ashrae_n_year_20", "peak_of_year"},
       "Outdoor condition every plant component is sized for, at design IT power: ashrae_0.4 = "
       "the 0.4 % cooling design dry-bulb and wet-bulb; ashrae_n_year_20 = the 20-year "
       "return-period extreme dry-bulb and the extreme annual wet-bulb; peak_of_year = the "
       "worst hour of the weather year. Independent of the run's time step and window.",
       "ASHRAE Handbook—Fundamentals 2021 ch. 14, cooling design conditions and extreme annual / n-year return-period values; mission-critical practice in engine/cooling/README.md (\"Sizing\")", false},
      {"cooling.tower_approach", Kind::kQuantity, D::kTemperatureDelta, "@plant", 1, 15, {},
       "Tower leaving water minus outdoor wet-bulb (tower_model = constant_approach).", "", false},
      {"cooling.tower_design_approach", Kind::kQuantity, D::kTemperatureDelta, "3.89 K", 1.1, 15,
       {}, "Tower approach at the design wet-bulb, design range and full fan speed "
       "(tower_model = yorkcalc; sets the towers' design liquid-to-gas ratio).",
       "YorkCalc/CoolTools reference condition, EnergyPlus Engineering Reference "
       "(CoolingTower:VariableSpeed): 35 → 29.4 °C water at 25.6 °C wet-bulb (95/85/78 °F), "
       "approach 7 °F = 3.89 K",
       false},
      {"cooling.tower_range", Kind::kQuantity, D::kTemperatureDelta, "@plant", 1, 15, {},
       "Condenser-water range (entering minus leaving tower) at design.", "", false},
      {"cooling.chilled_water_pump_head", Kind::kQuantity, D::kPressure, "@plant", 1e4, 1e6,
       {}, "Chilled-water (and facility-water) distribution pump head.", "", false},
      {"cooling.condenser_water_pump_head", Kind::kQuantity, D::kPressure, "@plant", 1e4, 1e6,
       {}, "Condenser-water pump head.", "", false},
      {"cooling.pump_efficiency", Kind::kReal, D::kNone, "@plant", 0.2, 0.95, {},
       "Pump + motor efficiency.", "", false},
      {"cooling.chilled_water_pump_control", Kind::kEnum, D::kNone, "variable", kNoMin, kNoMax,
       {"variable", "constant"},
       "Chilled-water pumps of the air loops: variable = speed follows the flow the heat needs "
       "(not below pump_min_flow; power by pump_curve); constant = design flow (from the sized "
       "plant) whenever the loop carries heat.",
       "ASHRAE 90.1-2019 §6.5.4.2: chilled-water systems are designed for variable flow", false},
      {"cooling.condenser_water_pump_control", Kind::kEnum, D::kNone, "variable", kNoMin,
       kNoMax, {"variable", "constant"},
       "Condenser-water pumps: variable = flow follows the heat at the design range; constant "
       "= design flow whenever heat is rejected (the range then shrinks with the load).",
       "assumption: variable-speed condenser pumps, as dcload's plant has modelled them since "
       "its first version (ASHRAE 90.1-2019 §6.5.4.2 requires variable flow on chilled-water "
       "loops only); constant is the older practice", false},
      {"cooling.facility_water_pump_control", Kind::kEnum, D::kNone, "variable", kNoMin,
       kNoMax, {"variable", "constant"},
       "Facility-water pumps of the liquid loops (CDU primaries): variable or constant, as "
       "chilled_water_pump_control.",
       "ASHRAE 90.1-2019 §6.5.4.2 (variable flow); CDU secondaries always follow their heat",
       false},
      {"cooling.pump_curve", Kind::kEnum, D::kNone, "linear", kNoMin, kNoMax,
       {"linear", "dp_reset", "no_reset", "riding_curve"},
       "Part-load power of variable chilled- and facility-water pumps (condenser pumps stay "
       "linear: an open tower loop's head is static lift), fraction of design at flow fraction x: linear = x "
       "(head held at design); dp_reset = 0.0205x + 0.4101x² + 0.5753x³; no_reset = 0.5726x − "
       "0.301x² + 0.7347x³; riding_curve = 3.2485x − 4.7443x² + 2.5294x³.",
       "linear: EnergyPlus Pump:VariableSpeed default part-load curve (0, 1, 0, 0), "
       "conservative against a reset; the cubics: NREL openstudio-standards, "
       "Standards.PumpVariableSpeed.rb pump_variable_speed_set_control_type (ASHRAE 90.1 "
       "Appendix G)", false},
      {"cooling.pump_min_flow", Kind::kQuantity, D::kFraction, "0.25", 0, 1, {},
       "Least flow of variable pumps while their loop runs, fraction of design flow.",
       "ASHRAE 90.1-2019 §6.5.4.2: variable-flow pumps turn down to no more than the larger of "
       "25 % of design flow and the equipment's minimum", false},
      {"cooling.tower_fan_control", Kind::kEnum, D::kNone, "follow_load", kNoMin, kNoMax,
       {"follow_load", "variable", "two_speed", "single_speed"},
       "Tower fans: follow_load = speed at the plant's load fraction (≥ tower_fan_min_speed), "
       "no set point; variable = variable speed holding the condenser set point (cycling "
       "below the minimum speed); two_speed = low / high speed, cycled; single_speed = on/off "
       "cycling. The set-point controls need tower_model = \"yorkcalc\".",
       "follow_load: dcload's model since its first version (Lei & Masanet, Energy 201 (2020) "
       "117556, fans by the affinity law on load); the set-point controls: EnergyPlus "
       "Engineering Reference, CoolingTower:VariableSpeed / TwoSpeed / SingleSpeed", false},
      {"cooling.condenser_setpoint_control", Kind::kEnum, D::kNone, "wet_bulb", kNoMin, kNoMax,
       {"wet_bulb", "fixed"},
       "Condenser-water set point of set-point tower controls: wet_bulb = outdoor wet-bulb + "
       "condenser_setpoint_approach, within condenser_setpoint_min … condenser_setpoint; fixed "
       "= condenser_setpoint. The towers go colder while a water-side economizer can use it.",
       "Modelica Buildings, DataCenters ChillerCooled example (PartialDataCenter.mo): min(29.44, "
       "max(15.56, T_wb + 3)) °C; EnergyPlus SetpointManager:FollowOutdoorAirTemperature", false},
      {"cooling.condenser_setpoint", Kind::kQuantity, D::kTemperature, "29.44 °C",
       273.15 + 5, 273.15 + 45, {},
       "Condenser-water set point (fixed), or its upper limit (wet_bulb).",
       "AHRI 550/590 standard rating condenser-water entering 85 °F (29.44 °C); Modelica "
       "Buildings ChillerCooled example upper limit", false},
      {"cooling.condenser_setpoint_min", Kind::kQuantity, D::kTemperature, "15.56 °C",
       273.15 + 0, 273.15 + 40, {},
       "Lower limit of the wet-bulb condenser set point (the chillers themselves never see "
       "water below 15.56 °C, their minimum).",
       "Modelica Buildings, DataCenters ChillerCooled example (PartialDataCenter.mo): 60 °F "
       "(15.56 °C)", false},
      {"cooling.condenser_setpoint_approach", Kind::kQuantity, D::kTemperatureDelta, "3 K", 0,
       15, {}, "Wet-bulb condenser set point minus outdoor wet-bulb.",
       "Modelica Buildings, DataCenters ChillerCooled example (PartialDataCenter.mo): T_wb + 3 K",
       false},
      {"cooling.tower_low_speed_flow", Kind::kQuantity, D::kFraction, "0.5", 0.1, 0.9, {},
       "two_speed towers: air-flow ratio at low speed.",
       "EnergyPlus CoolingTower:TwoSpeed, Low Fan Speed Air Flow Rate Sizing Factor default 0.5",
       false},
      {"cooling.tower_low_speed_power", Kind::kQuantity, D::kFraction, "0.16", 0.01, 0.9, {},
       "two_speed towers: fan power at low speed, fraction of design.",
       "EnergyPlus CoolingTower:TwoSpeed, Low Fan Speed Fan Power Sizing Factor default 0.16",
       false},
      {"cooling.tower_fan_power_ratio", Kind::kQuantity, D::kFraction, "@plant", 0, 0.1, {},
       "Tower fan power at design per unit heat rejected.", "", false},
      {"cooling.tower_fan_min_speed", Kind::kQuantity, D::kFraction, "@plant", 0, 1, {},
       "Minimum tower (and dry-cooler) fan speed, fraction of full speed.", "", false},
      {"cooling.tower_evaporation_per_k", Kind::kQuantity, D::kFraction, "@plant", 0, 0.01, {},
       "Water evaporated per K of range, fraction of circulating flow (tower_water_model = "
       "loss_factor).", "", false},
      {"cooling.tower_air_flow", Kind::kReal, D::kNone, "@plant", 5, 100, {},
       "Tower air volume flow at design, m³/s per MW of design heat rejected "
       "(tower_water_model = psychrometric: the air whose humidity gain is the evaporation).",
       "", false},
      {"cooling.tower_drift", Kind::kQuantity, D::kFraction, "@plant", 0, 0.01, {},
       "Drift loss, fraction of circulating flow.", "", false},
      {"cooling.cycles_of_concentration", Kind::kReal, D::kNone, "@plant", 1.5, 20, {},
       "Cycles of concentration (sets blowdown).", "", false},
      {"cooling.dry_cooler_approach", Kind::kQuantity, D::kTemperatureDelta, "@plant", 1, 20,
       {}, "Dry-cooler leaving fluid minus outdoor dry-bulb.", "", false},
      {"cooling.dry_cooler_fan_power_ratio", Kind::kQuantity, D::kFraction, "@plant", 0, 0.2,
       {}, "Dry-cooler fan power at design per unit heat rejected.", "", false},
      {"cooling.adiabatic_threshold", Kind::kQuantity, D::kTemperature, "25 °C", 273.15,
       273.15 + 45, {},
       "Adiabatic dry coolers: spray / wet the pads when the outdoor dry-bulb is above this.",
       "assumption: a common switch-over setting of adiabatic coolers (vendors leave it to the "
       "operator); no primary source read",
       false},
      {"cooling.adiabatic_effectiveness", Kind::kQuantity, D::kFraction, "80 %", 0, 1, {},
       "Adiabatic pre-cooling effectiveness (T_db − T_in)/(T_db − T_wb).",
       "Buzan et al., Geosci. Model Dev. 8 (2015) 151–170, swamp-cooler efficiency 80 % (well "
       "maintained; 65 % poorly maintained), as implemented in NCL heat_swamp_cooleff",
       false},
      {"cooling.chiller_unit_capacity", Kind::kQuantity, D::kPower, "@plant", 1e5, 2e7, {},
       "Cooling capacity of one chiller.", "", false},
      {"cooling.chiller_spares", Kind::kInteger, D::kNone, "@plant", 0, 16, {},
       "Standby chillers beyond those the design load needs (N+spares).", "", false},
      {"cooling.tower_cell_capacity", Kind::kQuantity, D::kPower, "@plant", 1e5, 1e8, {},
       "Heat one cooling-tower cell (or one dry cooler) rejects at the design condition.", "",
       false},
      {"cooling.tower_spares", Kind::kInteger, D::kNone, "@plant", 0, 16, {},
       "Tower cells (or dry coolers) beyond those the design load needs.", "", false},
      {"cooling.dx_unit_capacity", Kind::kQuantity, D::kPower, "105 kW", 5e3, 1e6, {},
       "Rated total cooling of one DX CRAC unit (technology = dx) at the rating conditions "
       "(26.7 °C / 19.4 °C wet-bulb entering, 35 °C outdoor).",
       "Vertiv Liebert DS System Design Manual SL-18827 (28–105 kW air-cooled floor-mounted "
       "DX units): the largest model", false},
      {"cooling.dx_spares", Kind::kInteger, D::kNone, "1", 0, 64, {},
       "DX units installed per DX hall beyond those the design load needs.",
       "N+1 per hall, as the CRAHs (concurrently maintainable, Uptime Tier III)", false},
      {"cooling.dx_cop", Kind::kReal, D::kNone, "3.0", 1.0, 8.0, {},
       "Gross rated COP of the DX units (compressor and condenser fans; the CRAC fan is "
       "counted with the CRAH fans).",
       "EnergyPlus testfiles/2ZoneDataCenterHVAC_wEconomizer.idf, Coil:Cooling:DX:SingleSpeed "
       "\"West DX Cooling Coil\": gross rated cooling COP 3.0", false},
      {"cooling.dx_supply_air", Kind::kQuantity, D::kTemperature, "18 °C", 273.15 + 10,
       273.15 + 35, {}, "Air the DX units supply to the IT inlets (technology = dx).",
       "assumption: the lower edge of the ASHRAE TC 9.9 recommended inlet envelope, 18–27 °C "
       "(Thermal Guidelines for Data Processing Environments, 5th ed. 2021), as legacy DX rooms "
       "run", false},
      {"cooling.dx_room_dew_point", Kind::kQuantity, D::kTemperature, "10 °C", 273.15 - 20,
       273.15 + 20, {},
       "Dew point of the hall's air, which sets the DX coils' entering wet-bulb (the rooms are "
       "sealed; the units' humidity control holds it).",
       "assumption: inside the ASHRAE TC 9.9 recommended envelope, dew point −9 to 15 °C "
       "(Thermal Guidelines, 5th ed. 2021)", false},
      {"cooling.crah_unit_capacity", Kind::kQuantity, D::kPower, "@plant", 1e4, 1e7, {},
       "Sensible cooling of one CRAH or fan-wall unit.", "", false},
      {"cooling.crah_spares", Kind::kInteger, D::kNone, "@plant", 0, 64, {},
       "CRAH units per hall beyond those the hall's design load needs.", "", false},
      {"cooling.cdu_unit_capacity", Kind::kQuantity, D::kPower, "@plant", 1e4, 1e7, {},
       "Heat one coolant distribution unit (CDU) moves to facility water.", "", false},
      {"cooling.cdu_spares", Kind::kInteger, D::kNone, "@plant", 0, 64, {},
       "CDUs per liquid hall beyond those the hall's design load needs.", "", false},
      {"cooling.heat_reuse_fraction", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "Share of the reusable heat exported (district heating); sets ERE and ERF.",
       "assumption: none exported unless a heat customer is named", false},
      // ---- [cooling.cold_source]: seawater before the heat rejection ----
      {"cooling.cold_source.kind", Kind::kEnum, D::kNone, "none", kNoMin, kNoMax,
       {"none", "lng_terminal", "seawater"},
       "A cold source used before the heat rejection: lng_terminal = the seawater leaving an LNG "
       "terminal's open-rack vaporizers (colder than the sea by vaporizer_delta_t, its flow "
       "following the send-out); seawater = plain seawater from an intake (no vaporizer).",
       "no cold source unless the site has one", false},
      {"cooling.cold_source.arrangement", Kind::kEnum, D::kNone, "after", kNoMin, kNoMax,
       {"after", "before"},
       "With a backup, in the hours both run: after = the seawater exchanger after the towers, "
       "trimming the supply below their water (saves chiller work); before = it pre-cools the "
       "return ahead of them (saves tower water). Hours the seawater can take all the heat run "
       "it alone either way.",
       "design choice: the colder source downstream, as a water-side economizer sits upstream "
       "of the chillers it relieves", false},
      {"cooling.cold_source.flow", Kind::kQuantity, D::kMassFlow, "0 t/h", 0, 1e6, {},
       "Seawater the source gives at profile share 1 (an LNG terminal: at full send-out). "
       "Required with a cold source.",
       "site-specific: the Korea Energy Terminal's vaporizers take about 10,000 t/h (news1, "
       "2025-10-29, www.news1.kr/industry/general-industry/5961747)", false},
      {"cooling.cold_source.max_flow", Kind::kQuantity, D::kMassFlow, "0 t/h", 0, 1e6, {},
       "Contractual maximum the campus may take; 0 = all of the flow. Pipes and pumps are sized "
       "for it.",
       "assumption: the whole flow, until a contract says otherwise", false},
      {"cooling.cold_source.flow_profile", Kind::kString, D::kNone, "auto", kNoMin, kNoMax, {},
       "Share of the flow per step: auto (lng_terminal: builtin:kogas_power_sales_2018; seawater: "
       "flat), flat, builtin:kogas_power_sales_2018 (the monthly shape of KOGAS's LNG sales for "
       "power generation, Dec 2017-Oct 2018, largest month = 1), or a CSV file: month,share (12 "
       "rows), or hour,share (24 or 8,760 rows), shares 0…1.",
       "engine/cooling/cold_source.cpp: the monthly shape of KOGAS's LNG sales (assumption: the "
       "terminal's send-out follows the national one)", false},
      {"cooling.cold_source.seawater_temperature", Kind::kString, D::kNone, "builtin:ulsan",
       kNoMin, kNoMax, {},
       "The sea's temperature (before any vaporizer's cooling): builtin:ulsan (monthly means of "
       "the Ulsan coast, an estimate, interpolated between mid-months), or a CSV file: "
       "month,temperature_c (12 rows) or hour,temperature_c (24 or 8,760 rows).",
       "engine/cooling/cold_source.cpp (its sources beside the table)", false},
      {"cooling.cold_source.vaporizer_delta_t", Kind::kQuantity, D::kTemperatureDelta, "3.9 K",
       0, 15, {},
       "lng_terminal: the seawater's cooling through the vaporizers (the send-out's heat over "
       "the flow's heat capacity; constant when the flow follows the send-out). Not used for "
       "plain seawater.",
       "derived: KOGAS standard open-rack vaporizer 8,000 t/h of seawater for 120-180 t/h of "
       "LNG (Today Energy, todayenergy.kr idxno=286006), at the range's midpoint 150 t/h, with "
       "about 200 kcal = 837 kJ per kg to vaporize LNG and warm it to 0 °C (kharn.kr no=22855): "
       "150 x 837 / (8,000 x 3.995) = 3.9 K (3.1-4.7 K over the range)", false},
      {"cooling.cold_source.hx_approach", Kind::kQuantity, D::kTemperatureDelta, "2 K", 0.2, 10,
       {},
       "Seawater heat exchanger: condenser water leaving minus seawater entering.",
       "within the 1.7-2.8 K heat-exchanger approach Lei & Masanet's tool samples (Energy 201 "
       "(2020) 117556; their figure spans the whole seawater-to-facility-water path)", false},
      {"cooling.cold_source.max_discharge_rise", Kind::kQuantity, D::kTemperatureDelta, "3 K", 0,
       20, {},
       "Seawater returned may be at most this much warmer than the sea (the permit's limit, "
       "applied to the campus's return before it mixes).",
       "assumption: the IFC EHS General Guidelines (2007), 1.3, 3 °C above ambient at the edge "
       "of the mixing zone, applied at the outfall (conservative); Korea sets no national "
       "numeric limit for thermal discharge, only 40 °C for wastewater (Seocheon Shinmun 2011, "
       "newssc.co.kr idxno=20368): the terminal's permit decides", false},
      {"cooling.cold_source.pump_head", Kind::kQuantity, D::kPressure, "150 kPa", 0, 2e6, {},
       "Seawater pumps: static lift, heat exchanger and screens at design flow (pipe friction "
       "comes from distance, pipe_velocity and pipe_roughness on top).",
       "assumption: plate heat exchanger 70 kPa + strainers and lift 80 kPa", false},
      {"cooling.cold_source.distance", Kind::kQuantity, D::kLength, "1 km", 0, 1e5, {},
       "One-way pipe route between the source and the campus's heat exchangers.",
       "assumption: the terminal beside the campus", false},
      {"cooling.cold_source.pipe_velocity", Kind::kQuantity, D::kSpeed, "2 m/s", 0.3, 5, {},
       "Seawater velocity in the supply and return pipes at the design (maximum) flow: it sets "
       "their diameter, D = sqrt(4 V / (pi v)), and with pipe_roughness their friction "
       "(Darcy-Weisbach, Swamee-Jain friction factor).",
       "assumption: large water mains are sized for about 1-2.5 m/s", false},
      {"cooling.cold_source.pipe_roughness", Kind::kQuantity, D::kLength, "0.045 mm", 0, 0.01,
       {}, "Absolute roughness of the seawater pipes.",
       "Moody, Trans. ASME 66 (1944) 671: commercial steel 0.045 mm (HDPE is smoother, "
       "fouled pipe rougher)", false},
      {"cooling.cold_source.pump_efficiency", Kind::kReal, D::kNone, "0.8", 0.2, 0.95, {},
       "Seawater pumps, hydraulic power over electric power.",
       "within the 0.6-0.8 seawater pump efficiency Lei & Masanet's tool samples (Energy 201 "
       "(2020) 117556; its example 0.798)", false},

      // ---- [[hall]] -----------------------------------------------------------------------
      {"hall[].name", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Hall name; clusters name it in cluster[].hall. Every hall-level [cooling] key may be "
       "set per hall (hall[].KEY), else the [cooling] value, else the catalog default for the "
       "hall's technology.",
       "", true},

      // ---- [grid] -------------------------------------------------------------------------
      {"grid.connection", Kind::kQuantity, D::kApparentPower, "", 1e5, 1e11, {},
       "Apparent-power capacity of the grid connection at the point of interconnection.", "",
       true},
      {"grid.power_factor", Kind::kReal, D::kNone, "0.95", 0.5, 1.0, {},
       "Facility power factor at the connection (MW = MVA × power factor).",
       "assumption: power-factor-corrected campus; KEPCO's tariff reference power factor is 90 % "
       "lagging (Basic Supply Terms, power-factor adjustment)",
       false},
      {"grid.circuits", Kind::kInteger, D::kNone, "2", 1, 16, {},
       "Incoming circuits (lines) of the connection; N-1 loses one.",
       "double-circuit 154 kV supply (KEPCO overhead lines are rated for 2 circuits: "
       "lifeinfo5.com, \"가공송전선로 용량\", M)", false},
      {"grid.circuit_rating", Kind::kQuantity, D::kApparentPower, "452 MVA", 1e5, 1e11, {},
       "Thermal rating of one incoming circuit.",
       "154 kV overhead line, ACSR 410 mm² × 2 bundle: ≈ 452 MVA per circuit (KEPCO line "
       "ratings via lifeinfo5.com, \"가공송전선로 용량\"; √3·V·I re-derived; M)", false},
      {"grid.contracted_demand", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Contracted maximum demand; when set (> 0) it caps the capacity used for headroom.", "",
       false},
      {"grid.ramp_limit", Kind::kQuantity, D::kRampRate, "0 MW/min", 0, 1e9, {},
       "Allowed ramp of the grid draw (0 = none); storage is sized to hold the load to it.", "",
       false},
      {"grid.capacity_profile", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "CSV `hour,available_share` (8,760 rows, or 24 for the hour of the day): the share of "
       "the connection's capacity the network can give each hour (constrained hours < 1). Used "
       "by `dcload capacity --flex`; none = the whole capacity every hour.",
       "", false},
      {"grid.constrained_hours", Kind::kInteger, D::kNone, "0", 0, 8760, {},
       "Hours of the year in which the network can give only (1 − grid.constrained_share) of "
       "the connection (`dcload capacity --flex`): the hours of highest grid.regional_load, or "
       "without one the campus's own highest-demand hours (the worst case). 0 = none; not "
       "together with grid.capacity_profile.",
       "a setting from the network study (0: none assumed)", false},
      {"grid.constrained_share", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "Share of the connection withdrawn in each constrained hour (grid.constrained_hours).",
       "a setting from the network study", false},
      {"grid.regional_load", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "CSV `hour,load` with 8,760 rows (hour of the year from 0; any unit, only the ranking is "
       "used): the regional load whose highest hours are grid.constrained_hours, e.g. KPX's "
       "hourly demand (data.go.kr, 한국전력거래소_시간별 전국 전력수요량).",
       "", false},
      {"grid.region", Kind::kEnum, D::kNone, "auto", kNoMin, kNoMax, {"auto", "capital", "non_capital"},
       "Korean region for the grid impact assessment's demand-dispersion item (`dcload kgia`): "
       "capital = Seoul, Incheon, Gyeonggi; auto = from the weather station (seoul, incheon, "
       "suwon, icheon, or an EPW of Seoul or Incheon → capital).",
       "the capital region as the Seoul Metropolitan Area Readjustment Planning Act "
       "(수도권정비계획법, art. 2) defines it", false},
      {"grid.upgrade[].date", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Date a grid upgrade enters service, \"YYYY-MM-DD\".", "", true},
      {"grid.upgrade[].connection", Kind::kQuantity, D::kApparentPower, "", 1e5, 1e11, {},
       "Connection from that date on (e.g. a 345 kV line).", "", true},
      {"grid.upgrade[].circuit_rating", Kind::kQuantity, D::kApparentPower, "0 MVA", 0, 1e11, {},
       "Rating of each incoming circuit from that date on (0 = unchanged).", "", false},

      // ---- [resilience] (`dcload outage`) ---------------------------------------------------
      {"resilience.target", Kind::kQuantity, D::kFraction, "99 %", 0, 1, {},
       "Chance of riding through an outage of resilience.target_duration the backup should reach "
       "(mean over start hours); `dcload outage` says how many generator sets it takes.",
       "a planner's choice (assumption): 99 % for 24 h", false},
      {"resilience.target_duration", Kind::kQuantity, D::kDuration, "24 h", 3600, 96 * 3600.0, {},
       "Outage length of the target.", "a planner's choice (assumption); REopt's longest is 96 h",
       false},

      // ---- [flex] ---------------------------------------------------------------------------
      {"flex.curtailable_share", Kind::kQuantity, D::kFraction, "0 %", 0, 0.9, {},
       "Share of IT power the campus can shed on request (power caps, paused or deferred jobs), "
       "every cluster alike; 0 = no flexibility offered.",
       "0: flexibility is a contract, not a default. For scale: −25 % of a 256-GPU cluster for "
       "3 h (Emerald AI/Oracle field trial, Phoenix 2025-05, arXiv 2507.00909), ≈ −35 % within "
       "30 s held up to 10 h (Emerald AI/Nebius, London, 2025-12; secondary reports, M)",
       false},
      {"flex.max_duration", Kind::kQuantity, D::kDuration, "3 h", 3600, 8760 * 3600.0, {},
       "Longest single curtailment event.",
       "the 3-hour event of the Phoenix field trial (arXiv 2507.00909)", false},
      {"flex.max_events", Kind::kInteger, D::kNone, "0", 0, 8760, {},
       "Curtailment events allowed per year (0 = no limit).", "", false},
      {"flex.max_energy_share", Kind::kQuantity, D::kFraction, "0.5 %", 0, 0.5, {},
       "Curtailed IT energy allowed per year, share of the year's IT energy.",
       "the middle case of Duke University's \"Rethinking Load Growth\" (Norris et al., "
       "Nicholas Institute, Feb 2025): 0.25 / 0.5 / 1 % of annual load curtailed", false},
      {"flex.recovery", Kind::kEnum, D::kNone, "lost", kNoMin, kNoMax, {"lost", "deferred"},
       "What happens to curtailed compute: lost, or deferred (made up in the hours after, within "
       "the headroom and flex.recovery_window; what cannot be made up is lost).",
       "lost: the conservative reading (training paused, inference turned away)", false},
      {"flex.recovery_window", Kind::kQuantity, D::kDuration, "24 h", 3600, 8760 * 3600.0, {},
       "Deferred compute must be made up within this time after its event.",
       "assumption: a day (deferrable training or batch work)", false},
      {"flex.value_of_compute", Kind::kQuantity, D::kEnergyPrice, "0 USD/MWh", 0, 1e-1, {},
       "Revenue lost per MWh of IT energy not served (0 = not priced: the cost is reported in "
       "MWh only).", "", false},

      // ---- [grid.limits]: the utility's mask for fast swings (dcload swing) ---------------
      // No utility has published numeric sub-second limits for large loads in the sources read
      // (Choukse et al., "Power Stabilization for AI Training Datacenters", arXiv 2508.14318,
      // 2025, give the form: ramp-up/down MW/s, dynamic power range, a critical band with a cap
      // on its share of the fluctuation's energy, e.g. 0.1–20 Hz and 20 %). Every limit is off
      // (0, or a share of 100 %) until the site states its utility's figure.
      {"grid.limits.max_ramp", Kind::kQuantity, D::kRampRate, "0 MW/s", 0, 1e12, {},
       "Largest change of the grid draw from one step to the next, per second, in a sub-second "
       "window (0 = none).",
       "a figure from the utility (form: Choukse et al., arXiv 2508.14318, 2025)", false},
      {"grid.limits.max_dynamic_range", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Largest max − min of the grid draw within grid.limits.dynamic_range_window (0 = none).",
       "a figure from the utility (form: arXiv 2508.14318; cf. IEC 61000-3-3)", false},
      {"grid.limits.dynamic_range_window", Kind::kQuantity, D::kDuration, "1 s", 1e-3, 3600, {},
       "Window over which the dynamic range (max − min) is taken.",
       "assumption: one second (the paper names the metric, not its window)", false},
      {"grid.limits.band_low", Kind::kQuantity, D::kFrequency, "0.1 Hz", 0, 1e3, {},
       "Lower edge of the critical band of the swing spectrum.",
       "example band of arXiv 2508.14318 (0.1–20 Hz)", false},
      {"grid.limits.band_high", Kind::kQuantity, D::kFrequency, "20 Hz", 0, 1e3, {},
       "Upper edge of the critical band (bins at or above the window's Nyquist frequency are "
       "absent: 5 Hz at 0.1 s steps).",
       "example band of arXiv 2508.14318 (0.1–20 Hz)", false},
      {"grid.limits.max_band_share", Kind::kQuantity, D::kFraction, "100 %", 0, 1, {},
       "Largest share of the fluctuation's energy (variance about the window mean) in the "
       "critical band (100 % = none). Scale-free: smoothing a periodic swing shrinks it but "
       "keeps it in the band, so this share falls only when slower variation remains.",
       "form and example (20 %) of arXiv 2508.14318 as summarised by its reviewers; the paper's "
       "exact definition was not read", false},
      {"grid.limits.max_band_rms", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Largest RMS of the grid draw's fluctuation within the critical band (0 = none).",
       "a figure from the utility", false},
      {"grid.limits.inter_area_low", Kind::kQuantity, D::kFrequency, "0.1 Hz", 0, 1e3, {},
       "Lower edge of the inter-area oscillation band.",
       "inter-area modes below 1 Hz (arXiv 2508.14318: < 1 Hz lines, 1–2.5 Hz closely coupled "
       "sources, 7–100+ Hz shaft torsion)", false},
      {"grid.limits.inter_area_high", Kind::kQuantity, D::kFrequency, "1 Hz", 0, 1e3, {},
       "Upper edge of the inter-area oscillation band.", "as grid.limits.inter_area_low", false},
      {"grid.limits.max_inter_area_share", Kind::kQuantity, D::kFraction, "100 %", 0, 1, {},
       "Largest share of the fluctuation's energy in the inter-area band (100 % = none).",
       "a figure from the utility", false},
      {"grid.limits.modal_low", Kind::kQuantity, D::kFrequency, "0 Hz", 0, 1e3, {},
       "Lower edge of a declared electromechanical mode of the network (from its "
       "eigenanalysis); with modal_high, iteration periods whose fundamental or 3rd/5th "
       "harmonic falls inside are flagged (0 = none declared).",
       "a figure from the network study (cf. Pre-Dispatch Resonance Safety Criterion, "
       "arXiv 2606.22096: 1–10 s iteration periods force the inter-area band)", false},
      {"grid.limits.modal_high", Kind::kQuantity, D::kFrequency, "0 Hz", 0, 1e3, {},
       "Upper edge of the declared mode.", "a figure from the network study", false},
      {"grid.limits.modal_max_amplitude", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Largest forced oscillation the mode tolerates, as the peak of a sinusoid of the same "
       "energy in the modal band; gives the largest accelerator count (0 = flag only).",
       "a figure from the network study (arXiv 2606.22096 bounds the cluster size this way)",
       false},

      // ---- [smoothing]: layers between the accelerators and the grid (dcload swing) ---------
      {"smoothing.gpu_floor", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "GPU power floor (NVML power smoothing, Blackwell and later): the campus IT draw is held "
       "at or above this share of its design IT power; the energy above the load is burned.",
       "NVIDIA NVML API, nvmlPowerSmoothing (docs.nvidia.com/deploy/nvml-api/"
       "group__nvmlPowerSmoothing.html): secondary power floor (W); 0: off", false},
      {"smoothing.gpu_ramp_down", Kind::kQuantity, D::kRampRate, "0 W/s", 0, 1e9, {},
       "GPU ramp-down limit per accelerator (NVML RAMP_DOWN_RATE, W/s): the draw falls no "
       "faster, burning the difference (0 = none).",
       "NVIDIA NVML API, nvmlPowerSmoothing: RAMP_DOWN_RATE \"expects a value in W/s\"", false},
      {"smoothing.rack_storage", Kind::kQuantity, D::kEnergy, "0 J", 0, 1e9, {},
       "Energy storage in the rack power supplies, per accelerator, for every cluster; 0 = each "
       "cluster's catalog figure (accelerators.toml psu_energy_storage: GB300 NVL72 ~65 J per "
       "GPU, the others none).",
       "NVIDIA, \"How New GB300 NVL72 Features Provide Steady Power for AI\" (developer.nvidia."
       "com, 2025): PSU with energy storage, \"up to 30 %\" lower peak grid demand; the 65 J/GPU "
       "figure is as quoted by readers of that post (secondary)", false},
      {"smoothing.rack_storage_tau", Kind::kQuantity, D::kDuration, "0.5 s", 1e-3, 3600, {},
       "Time constant of the low-pass the rack's draw follows while its storage lasts.",
       "assumption: sub-second edges (65 J against a ~1 kW half-swing lasts ~0.07 s)", false},
      {"smoothing.ups_share", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "Share of the installed UPS rating used to smooth the input draw from the battery "
       "(Vertiv \"Input Power Smoothing\"); 0 = off.",
       "Vertiv, \"Evaluating the performance of Vertiv large UPS with AI workloads\" (vertiv.com)",
       false},
      {"smoothing.ups_autonomy", Kind::kQuantity, D::kDuration, "5 min", 1, 3600, {},
       "UPS battery runtime at the UPS rating.",
       "assumption: data-center UPS autonomy is typically under 10 min (gensets start in "
       "30–90 s); M", false},
      {"smoothing.ups_energy_share", Kind::kQuantity, D::kFraction, "20 %", 0, 1, {},
       "Share of the UPS battery energy smoothing may cycle; the rest stays reserved for the "
       "transfer to the generators.",
       "assumption: the ride-through reserve comes first (Vertiv Dynamic Grid Support keeps "
       "runtime reserved for the generator transfer)", false},
      {"smoothing.ups_tau", Kind::kQuantity, D::kDuration, "10 s", 1e-3, 3600, {},
       "Time constant of the low-pass the UPS input follows.", "assumption", false},
      {"smoothing.ups_wear", Kind::kQuantity, D::kEnergyPrice, "85.8 USD/MWh", 0, 1, {},
       "Battery wear per MWh the UPS battery delivers while smoothing.",
       "derived as the supply catalog's battery degradation cost: NREL ATB 2024 Li-ion 375.6 "
       "USD/kWh over 15 yr × 365 cycles of an 80 % window = 85.8 USD/MWh (assumption: a UPS "
       "Li-ion rack wears as a utility cell)", false},
      {"smoothing.ups_cycle_life", Kind::kReal, D::kNone, "5475", 1, 1e7, {},
       "Equivalent full cycles the UPS battery lasts; `dcload swing` says when smoothing would "
       "use them up before smoothing.ups_calendar_life.",
       "derived as smoothing.ups_wear: NREL ATB 2024's 15-year life at one cycle a day = 5,475 "
       "cycles (assumption: a UPS Li-ion rack as a utility cell; no vendor figure found)", false},
      {"smoothing.ups_calendar_life", Kind::kQuantity, D::kYears, "10 yr", 1, 50 * 3.1536e7, {},
       "Life of the UPS battery when it is not cycled.",
       "Schneider Electric (APC FAQ000265882): Li-ion UPS batteries \"designed to last for 10 "
       "years\"", false},
      {"smoothing.bess_power", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Site battery (BESS) kept for smoothing: its power (0 = sized by the stack search).", "a setting: none installed",
       false},
      {"smoothing.bess_energy", Kind::kQuantity, D::kEnergy, "0 MWh", 0, 1e14, {},
       "Its energy (with smoothing.bess_power).", "a setting: none installed", false},
      {"smoothing.bess_tau", Kind::kQuantity, D::kDuration, "60 s", 1e-3, 86400, {},
       "Time constant of the low-pass the grid draw follows behind the BESS.",
       "assumption: a minute (generation needs one minute to 90 minutes to respond: NVIDIA "
       "GB300 post)", false},
      {"smoothing.bess_round_trip", Kind::kQuantity, D::kFraction, "85 %", 0.5, 1, {},
       "BESS AC round-trip efficiency.",
       "NREL ATB 2024 utility-scale Li-ion: 85 % (Cole & Frazier 2020)", false},
      {"smoothing.bess_capex_power", Kind::kQuantity, D::kCapexPower, "497.7 USD/kW", 0, 1e3, {},
       "BESS capital cost per kW.",
       "NREL ATB 2024 utility-scale Li-ion, Moderate, 2022 USD (as configs/catalog/supply.toml)",
       false},
      {"smoothing.bess_capex_energy", Kind::kQuantity, D::kCapexEnergy, "375.6 USD/kWh", 0, 1e3,
       {}, "BESS capital cost per kWh.", "NREL ATB 2024, as smoothing.bess_capex_power", false},
      {"smoothing.bess_fixed_om", Kind::kQuantity, D::kFraction, "2.5 %", 0, 0.5, {},
       "BESS fixed O&M per year, as a share of its capital cost.",
       "NREL ATB 2024 utility-scale Li-ion: FOM 2.5 % of capital per year", false},
      {"smoothing.bess_lifetime", Kind::kQuantity, D::kYears, "15 yr", 1, 50 * 3.1536e7, {},
       "BESS life for the capital recovery factor.", "NREL ATB 2024: 15 years", false},
      {"smoothing.bess_cycle_life", Kind::kReal, D::kNone, "5475", 1, 1e7, {},
       "Equivalent full cycles the BESS lasts (a shorter life by cycling is said).",
       "derived: NREL ATB 2024's 15-year life at one cycle a day = 5,475 cycles", false},
      {"smoothing.supercap_power", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "Supercapacitor bank kept for smoothing: its power (0 = sized by the search when its "
       "costs are given).", "a setting: none installed", false},
      {"smoothing.supercap_energy", Kind::kQuantity, D::kEnergy, "0 MWh", 0, 1e14, {},
       "Its energy.", "a setting: none installed", false},
      {"smoothing.supercap_tau", Kind::kQuantity, D::kDuration, "2 s", 1e-3, 3600, {},
       "Time constant of the low-pass behind the supercapacitors.", "assumption", false},
      {"smoothing.supercap_round_trip", Kind::kQuantity, D::kFraction, "95 %", 0.5, 1, {},
       "Supercapacitor round-trip efficiency.",
       "assumption: EDLC banks with their converter, 90–98 %; L", false},
      {"smoothing.supercap_capex_power", Kind::kQuantity, D::kCapexPower, "0 USD/kW", 0, 1e4, {},
       "Supercapacitor capital cost per kW (0 = unknown: the search leaves the layer out).",
       "no sourced price was found (PNNL-28866, 2019, is the primary to read)", false},
      {"smoothing.supercap_capex_energy", Kind::kQuantity, D::kCapexEnergy, "0 USD/kWh", 0, 1e5,
       {}, "Supercapacitor capital cost per kWh.", "as smoothing.supercap_capex_power", false},
      {"smoothing.supercap_lifetime", Kind::kQuantity, D::kYears, "20 yr", 1, 50 * 3.1536e7, {},
       "Supercapacitor life for the capital recovery factor.",
       "Maxwell (press paraphrase): 20-year life, ~10 % capacity loss after 10 years; L", false},
      {"smoothing.energy_price", Kind::kQuantity, D::kEnergyPrice, "0 USD/MWh", 0, 1, {},
       "Price of the energy the GPU floor burns (0 = the window run's average supply cost).",
       "the site's own supply cost unless set",  false},

      // ---- [ride_through]: a voltage-dip sequence against the UPS transfer logic ----------
      // Default: the 2024-07-10 Eastern Interconnection event (NERC, "Incident Review:
      // Considering Simultaneous Voltage-Sensitive Load Reductions", 2025-01-08: a 230 kV line
      // fault, ~1,500 MW of data-center load lost; six faults within 82 s, each 42–66 ms, the
      // voltage near the fault at 0.25–0.40 pu; load transferred "three voltage disturbances
      // within one minute" and stayed off until transferred back by hand). The event figures
      // are as quoted from the review by secondary readers; its PDF was not read here.
      {"ride_through.dips", Kind::kInteger, D::kNone, "6", 0, 1000, {},
       "Dips in the sequence, evenly spaced.", "NERC incident review 2025-01-08: six faults", false},
      {"ride_through.dip_spacing", Kind::kQuantity, D::kDuration, "16.4 s", 0.01, 3600, {},
       "Time from one dip's start to the next.",
       "derived: six faults within 82 s, spacing not published → 82 s / 5 = 16.4 s (assumption: "
       "even)", false},
      {"ride_through.dip_duration", Kind::kQuantity, D::kDuration, "54 ms", 1e-3, 3600, {},
       "Duration of each dip.", "NERC incident review as quoted: 42–66 ms per fault; midpoint",
       false},
      {"ride_through.dip_depth", Kind::kQuantity, D::kFraction, "65 %", 0, 1, {},
       "Depth of each dip: 65 % = the voltage falls to 35 % of nominal.",
       "NERC incident review as quoted: 0.25–0.40 pu near the fault; midpoint 0.35 pu (the "
       "campus may see a shallower dip)", false},
      {"ride_through.dips_file", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "CSV `start_s,duration_s,depth` (depth 0–1 below nominal), one dip per row; replaces "
       "the evenly spaced sequence.", "none: the evenly spaced sequence above", false},
      {"ride_through.count_depth", Kind::kQuantity, D::kFraction, "10 %", 0, 1, {},
       "A dip at least this deep counts as a disturbance (a UPS leaving its input window).",
       "assumption: the ±10 % input window of a double-conversion UPS (Schneider Galaxy VX "
       "990-5452M, eConversion window ±10 %)", false},
      {"ride_through.count_duration", Kind::kQuantity, D::kDuration, "0 s", 0, 3600, {},
       "A dip at least this long counts.", "assumption: any duration the UPS detects", false},
      {"ride_through.strikes", Kind::kInteger, D::kNone, "3", 0, 100, {},
       "Disturbances within ride_through.strike_window that transfer a block to backup (0 = "
       "never on strikes).",
       "NERC incident review 2025-01-08 (as quoted): \"three voltage disturbances within one "
       "minute\"", false},
      {"ride_through.strike_window", Kind::kQuantity, D::kDuration, "60 s", 0.01, 86400, {},
       "Window of the strike count.", "NERC incident review (as quoted): one minute", false},
      {"ride_through.transfer_depth", Kind::kQuantity, D::kFraction, "100 %", 0, 1.01, {},
       "A dip deeper than this transfers at once (100 % = never on depth alone).",
       "a double-conversion UPS carries any dip on its battery (Eaton 164000821 §6.2.3: to "
       "battery mode first); 100 %: no depth trigger", false},
      {"ride_through.ride_through_time", Kind::kQuantity, D::kDuration, "0 s", 0, 1e12, {},
       "A dip longer than this transfers after this long (the UPS battery carries it so far); "
       "0 = any length.",
       "the 2024 logic counted dips, not their length (NERC incident review, as quoted)", false},
      {"ride_through.retransfer", Kind::kEnum, D::kNone, "manual", kNoMin, kNoMax,
       {"manual", "automatic"},
       "How a transferred block returns to the grid: by hand, or by itself after "
       "ride_through.retransfer_delay of normal voltage.",
       "NERC incident review (as quoted): loads stayed off \"until they manually transfer "
       "back\"", false},
      {"ride_through.retransfer_delay", Kind::kQuantity, D::kDuration, "5 min", 0, 86400, {},
       "Automatic return: normal voltage this long after the last disturbance.", "assumption",
       false},
      {"ride_through.manual_return_time", Kind::kQuantity, D::kDuration, "2 h", 0, 864000, {},
       "Manual return: time from the transfer until the load is back.",
       "assumption: the review says the load did not return for hours", false},

      // ---- [swing]: the window `dcload swing` analyses; the islanded plant ----------------
      {"swing.start", Kind::kString, D::kNone, "07-15 14:00", kNoMin, kNoMax, {},
       "Local standard time the sub-second window starts (\"MM-DD HH:MM\").",
       "a summer afternoon (the hottest hours of the typical year)", false},
      {"swing.duration", Kind::kQuantity, D::kDuration, "10 min", 1, 86400, {},
       "Length of the window.", "minutes hold many iterations and the 0.1 Hz band", false},
      {"swing.timestep", Kind::kQuantity, D::kDuration, "0.1 s", 1e-3, 1, {},
       "Step of the window (must divide one hour).", "0.1 s resolves up to 5 Hz", false},
      {"swing.governor_time", Kind::kQuantity, D::kDuration, "3 s", 0, 600, {},
       "The on-site plant's governor and turbine as one lag (lng_ccgt).",
       "derived: IEC 61970-302 (CIM dynamics) GovCT1 typical Tact 0.4 s + Tb 0.1 s + Tpelec "
       "2.5 s = 3.0 s, the lags in series as one of the same mean delay", false},
      {"swing.droop", Kind::kQuantity, D::kFraction, "5 %", 0.01, 0.2, {},
       "Governor droop of the on-site plant.", "IEC 61970-302 GovCT1: typical R = 0.05", false},
      {"swing.inertia", Kind::kQuantity, D::kDuration, "4 s", 0.5, 20, {},
       "Inertia constant H of the on-site plant (on its rating).",
       "Kundur, Power System Stability and Control (1994), Table 3.2: thermal units, 2-pole, "
       "H = 2.5–6 s; mid-range", false},
      {"swing.max_frequency_deviation", Kind::kQuantity, D::kFrequency, "0.2 Hz", 1e-3, 5, {},
       "Largest frequency deviation of an islanded campus.",
       "Korean supply standard 60 Hz ± 0.2 Hz (Electricity Business Act Enforcement Rule, "
       "Article 18, Annex 3)", false},

      // ---- [[supply]] ---------------------------------------------------------------------
      // "@supply": the default comes from configs/catalog/supply.toml, table [type.TYPE]
      // (wind: [type.wind_onshore] or [type.wind_offshore] by `location`), sourced there.
      {"supply[].type", Kind::kEnum, D::kNone, "grid", kNoMin, kNoMax,
       {"grid", "lng_ccgt", "solar", "wind", "battery"},
       "Source type. At most one grid, one lng_ccgt and one battery entry; any number of solar "
       "and wind entries.",
       "", false},
      {"supply[].name", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "Name shown in outputs (defaults to the type).", "", false},
      {"supply[].capacity", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "lng_ccgt: net output of one unit; solar: DC nameplate; wind: AC nameplate; battery: "
       "charge/discharge power. Required for those types.",
       "", false},
      {"supply[].units", Kind::kInteger, D::kNone, "@supply", 1, 100, {},
       "lng_ccgt: number of identical units.", "", false},
      {"supply[].tariff", Kind::kQuantity, D::kEnergyPrice, "@supply", 0, 1e-3, {},
       "grid: flat energy price of import.", "", false},
      {"supply[].emission_factor", Kind::kQuantity, D::kEmissionFactor, "@supply", 0, 3e-7, {},
       "grid: CO2 per unit of import (annual mean).", "", false},
      {"supply[].tariff_schedule", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "grid: a time-of-use tariff by name ([tariff.NAME] in configs/catalog/supply.toml); "
       "replaces the flat `tariff` (\"\" = flat).",
       "", false},
      {"supply[].demand_charge", Kind::kQuantity, D::kFixedOm, "0 KRW/kW/month", 0, 1e-5, {},
       "grid: charge on the peak import per month (KEPCO basic charge); a tariff_schedule "
       "brings its own unless this is set.",
       "", false},
      {"supply[].emission_profile", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "grid: hourly emission factors, a CSV file (relative to the site file) with columns "
       "`hour,t_per_mwh`: 8,760 rows (hour of the year from 0) or 24 (hour of the day). Its "
       "import-weighted mean replaces emission_factor.",
       "", false},
      {"supply[].cfe_share", Kind::kQuantity, D::kFraction, "@supply", 0, 1, {},
       "grid: carbon-free (nuclear + renewable) share of the grid's generation, counted as "
       "carbon-free in the hourly CFE score.",
       "", false},
      {"supply[].cfe_profile", Kind::kString, D::kNone, "", kNoMin, kNoMax, {},
       "grid: hourly carbon-free share of the grid's generation, a CSV file (relative to the "
       "site file) with columns `hour,cfe_share` (0 … 1): 8,760 rows (hour of the year from 0) "
       "or 24 (hour of the day). Replaces cfe_share hour by hour (CFE score, the battery's clean "
       "charge, the optimizer's CFE constraint).",
       "", false},
      {"supply[].import_limit", Kind::kQuantity, D::kPower, "0 MW", 0, 1e11, {},
       "grid: import limit below the connection (0 = the grid connection's usable capacity, "
       "[grid]; a larger value is capped at it).",
       "", false},
      {"supply[].min_stable_load", Kind::kQuantity, D::kFraction, "@supply", 0, 1, {},
       "lng_ccgt: minimum stable load of a unit, share of its capacity.", "", false},
      {"supply[].ramp_rate", Kind::kQuantity, D::kRampFraction, "@supply", 0, 1, {},
       "lng_ccgt: plant ramp limit as a share of capacity (0 = none).", "", false},
      {"supply[].forced_outage_rate", Kind::kQuantity, D::kFraction, "@supply", 0, 0.9, {},
       "lng_ccgt: expected unavailability of a unit.", "", false},
      {"supply[].outage_mttr", Kind::kQuantity, D::kDuration, "0 h", 0, 3.1536e7, {},
       "lng_ccgt: mean time to repair. 0 = forced outages as an expected-value derate of every "
       "unit; > 0 = each unit fails and is repaired at random (two-state Markov, NREL PRAS unit "
       "model), seeded by `seed`, so the run shows the hours a block is out.",
       "no default repair time is assumed: give the plant's own (e.g. from its outage records)",
       false},
      {"supply[].islanding", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "lng_ccgt, solar, wind: runs islanded with the campus through a grid outage (`dcload "
       "outage`). lng_ccgt: its units keep carrying the campus (each unavailable at the outage's "
       "start with forced_outage_rate, failing while islanded at 1 / islanded_mttf; gas piped, "
       "no fuel limit); solar, wind: their output lowers the load the backup carries. false: "
       "trips with the grid.",
       "a setting; false as a grid-connected plant is built: inverter-based plants must cease to "
       "energize an unintentional island within 2 s (IEEE 1547-2018 clause 8.1.2), and a CCGT "
       "islands only with a designed islanding scheme",
       false},
      {"supply[].islanded_mttf", Kind::kQuantity, D::kDuration, "1100 h", 3600, 3.1536e9, {},
       "lng_ccgt with islanding: mean time to failure of a unit while it carries the campus "
       "alone (failures not repaired during the outage).",
       "REopt.jl backup_reliability.jl generator_mean_time_to_failure = 1100 time steps (its "
       "default for every generator kind; no CCGT-specific islanded figure found, L)",
       false},
      {"supply[].efficiency", Kind::kQuantity, D::kFraction, "@supply", 0.2, 0.7, {},
       "lng_ccgt: full-load net efficiency (LHV).", "", false},
      {"supply[].no_load_fuel_fraction", Kind::kQuantity, D::kFraction, "@supply", 0, 0.5, {},
       "lng_ccgt: fuel at zero output as a share of full-load fuel (linear fuel curve; sets the "
       "part-load heat rate).",
       "", false},
      {"supply[].fuel_price", Kind::kQuantity, D::kFuelPrice, "@supply", 0, 1e-6, {},
       "lng_ccgt: delivered fuel price (LHV basis).", "", false},
      {"supply[].fuel_emission_factor", Kind::kQuantity, D::kEmissionFactor, "@supply", 0,
       1e-7, {}, "lng_ccgt: CO2 per unit of fuel energy.", "", false},
      {"supply[].water_use", Kind::kQuantity, D::kWaterIntensity, "@supply", 0, 1e-8, {},
       "lng_ccgt: water consumed per unit generated.", "", false},
      {"supply[].dc_ac_ratio", Kind::kReal, D::kNone, "@supply", 0.5, 3, {},
       "solar: DC nameplate / inverter AC rating.", "", false},
      {"supply[].losses", Kind::kQuantity, D::kFraction, "@supply", 0, 0.99, {},
       "solar: DC system losses (soiling, wiring, mismatch, ...).", "", false},
      {"supply[].degradation", Kind::kQuantity, D::kFraction, "@supply", 0, 0.1, {},
       "solar: output loss per year of age.", "", false},
      {"supply[].age", Kind::kQuantity, D::kYears, "0 yr", 0, 1.6e9, {},
       "solar: age of the array in the simulated year.", "", false},
      {"supply[].tilt", Kind::kReal, D::kNone, "@supply", 0, 90, {},
       "solar: tilt from horizontal, degrees.", "", false},
      {"supply[].azimuth", Kind::kReal, D::kNone, "@supply", 0, 360, {},
       "solar: azimuth eastward from north, degrees (180 = facing south).", "", false},
      {"supply[].location", Kind::kEnum, D::kNone, "onshore", kNoMin, kNoMax,
       {"onshore", "offshore"}, "wind: selects the catalog defaults.", "", false},
      {"supply[].turbine", Kind::kString, D::kNone, "@supply", kNoMin, kNoMax, {},
       "wind: power curve by name ([turbine.NAME] in configs/catalog/supply.toml).", "", false},
      {"supply[].hub_height", Kind::kQuantity, D::kLength, "@supply", 10, 300, {},
       "wind: hub height.", "", false},
      {"supply[].shear_exponent", Kind::kReal, D::kNone, "@supply", 0, 0.6, {},
       "wind: power-law exponent from the weather's 10 m wind to hub height.", "", false},
      {"supply[].mean_wind_speed", Kind::kQuantity, D::kSpeed, "@supply", 0, 20, {},
       "wind: hub-height annual mean to rescale the weather's wind to (0 = no rescaling), e.g. "
       "from a resource assessment of the offshore site.",
       "", false},
      {"supply[].availability", Kind::kQuantity, D::kFraction, "@supply", 0, 1, {},
       "wind: technical availability.", "", false},
      {"supply[].wake_loss", Kind::kQuantity, D::kFraction, "@supply", 0, 0.5, {},
       "wind: array wake loss.", "", false},
      {"supply[].electrical_loss", Kind::kQuantity, D::kFraction, "@supply", 0, 0.5, {},
       "wind: collection and export loss.", "", false},
      {"supply[].energy", Kind::kQuantity, D::kEnergy, "0 MWh", 0, 1e15, {},
       "battery: nameplate energy (0 with target_cfe: sized by the run).", "", false},
      {"supply[].round_trip_efficiency", Kind::kQuantity, D::kFraction, "@supply", 0.3, 1, {},
       "battery: AC-to-AC round-trip efficiency.", "", false},
      {"supply[].soc_min", Kind::kQuantity, D::kFraction, "@supply", 0, 1, {},
       "battery: lowest state of charge.", "", false},
      {"supply[].soc_max", Kind::kQuantity, D::kFraction, "@supply", 0, 1, {},
       "battery: highest state of charge.", "", false},
      {"supply[].degradation_cost", Kind::kQuantity, D::kEnergyPrice, "@supply", 0, 1e-3, {},
       "battery: cost of cell wear per unit discharged; the energy part of the battery's cost is "
       "the larger of its capital annuity and this wear (cycling or calendar ageing, whichever "
       "ends the cells first).",
       "", false},
      {"supply[].target_cfe", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "battery: size the energy (power = energy / duration) for this hourly carbon-free share "
       "(0 = use `energy`); a given energy and capacity are replaced, and a status message "
       "says so.",
       "", false},
      {"supply[].duration", Kind::kQuantity, D::kDuration, "4 h", 60, 3.6e6, {},
       "battery: energy / power when sizing for target_cfe.", "", false},
      {"supply[].capex", Kind::kQuantity, D::kCapexPower, "@supply", 0, 1e3, {},
       "Overnight capital cost per unit of capacity (lng_ccgt, solar, wind).", "", false},
      {"supply[].capex_power", Kind::kQuantity, D::kCapexPower, "@supply", 0, 1e3, {},
       "battery: capital cost per unit of power (inverters, grid connection).", "", false},
      {"supply[].capex_energy", Kind::kQuantity, D::kCapexEnergy, "@supply", 0, 1e-2, {},
       "battery: capital cost per unit of energy capacity.", "", false},
      {"supply[].fixed_om", Kind::kQuantity, D::kFixedOm, "@supply", 0, 1e-5, {},
       "Fixed O&M per unit of capacity per year.", "", false},
      {"supply[].variable_om", Kind::kQuantity, D::kEnergyPrice, "@supply", 0, 1e-3, {},
       "Variable O&M per unit delivered.", "", false},
      {"supply[].lifetime", Kind::kQuantity, D::kYears, "@supply", 3.1536e7, 3.1536e9, {},
       "Economic life for the capital recovery factor.", "", false},
      {"supply[].extendable", Kind::kBool, D::kNone, "false", kNoMin, kNoMax, {},
       "`dcload optimize` chooses this source's capacity (battery: power and energy) between "
       "min_capacity and max_capacity; `capacity` stays what a plain run simulates (grid: the "
       "contract, i.e. the peak import, up to the connection).",
       "", false},
      {"supply[].min_capacity", Kind::kQuantity, D::kPower, "0 MW", 0, 1e12, {},
       "With extendable: the smallest capacity the optimizer may choose (solar: DC).", "",
       false},
      {"supply[].max_capacity", Kind::kQuantity, D::kPower, "0 MW", 0, 1e12, {},
       "With extendable: the largest capacity the optimizer may choose (0 = no bound; grid: "
       "the connection), e.g. the land or sea area a region can give.",
       "", false},
      {"supply[].min_energy", Kind::kQuantity, D::kEnergy, "0 MWh", 0, 1e16, {},
       "battery with extendable: the smallest energy capacity.", "", false},
      {"supply[].max_energy", Kind::kQuantity, D::kEnergy, "0 MWh", 0, 1e16, {},
       "battery with extendable: the largest energy capacity (0 = no bound).", "", false},

      // ---- [economics] --------------------------------------------------------------------
      {"economics.krw_per_usd", Kind::kReal, D::kNone, "1380", 1, 1e5, {},
       "Exchange rate used to report KRW inputs in USD.",
       "assumption near the 2024 annual mean (≈ 1,364 KRW/USD, Bank of Korea ECOS "
       "731Y003), L", false},
      {"economics.discount_rate", Kind::kQuantity, D::kFraction, "@economics", -0.05, 0.3, {},
       "Real discount rate of the capital recovery factor.", "", false},
      {"economics.carbon_price", Kind::kQuantity, D::kCarbonPrice, "@economics", 0, 10, {},
       "Carbon price on on-site (LNG) emissions; grid import's carbon cost is in its tariff.",
       "", false},
      {"economics.value_of_lost_load", Kind::kQuantity, D::kEnergyPrice, "0 USD/MWh", 0, 1e-1,
       {},
       "Price of unserved energy, added to the cost per IT MWh as `unserved_cost_musd` (0 = "
       "unserved energy is reported, not priced).",
       "a planner's choice: no Korean value of lost load is assumed", false},

      // ---- [optimize] (`dcload optimize`) -------------------------------------------------
      {"optimize.cfe", Kind::kQuantity, D::kFraction, "0 %", 0, 1, {},
       "Hourly carbon-free share (24/7 CFE) the least-cost supply must reach; `--cfe` "
       "replaces it.",
       "", false},
      {"optimize.co2_cap", Kind::kQuantity, D::kMass, "0 t", 0, 1e13, {},
       "CO2 the supply may emit over the year (0 = no cap); `--co2-cap` replaces it.", "",
       false},
      {"optimize.import_limit", Kind::kEnum, D::kNone, "connection", kNoMin, kNoMax,
       {"connection", "n1"},
       "Grid import bound of the optimum: the connection's usable capacity, or its N-1 "
       "capacity (a circuit or transformer out), so the campus stays supplied through one "
       "outage.",
       "", false},
      {"optimize.algorithm", Kind::kEnum, D::kNone, "dual", kNoMin, kNoMax,
       {"dual", "primal", "barrier"},
       "CLP algorithm: dual simplex (default, the fastest measured on the regions; "
       "bench/README.md), primal simplex, or barrier with crossover.",
       "", false},
  };
  // Per-hall copies of the hall-level [cooling] keys, right after hall[].name.
  static const char* const kHallKeys[] = {
      "technology", "chilled_water_supply", "chilled_water_delta_t", "coil_approach",
      "air_delta_t", "crah_fan_pressure", "crah_fan_efficiency", "economizer_approach",
      "facility_water_supply", "facility_water_delta_t", "cdu_pump_head", "cdu_delta_t",
      "two_phase_boiling_point", "two_phase_condenser_approach", "air_economizer",
      "air_economizer_max_dew_point", "air_economizer_max_rh"};
  static std::deque<std::string> storage;  // owns the generated paths and descriptions
  std::vector<KeySpec> hall;
  for (const char* leaf : kHallKeys) {
    const auto it = std::find_if(t.begin(), t.end(), [&](const KeySpec& k) {
      return k.path == "cooling." + std::string(leaf);
    });
    KeySpec h = *it;
    h.path = storage.emplace_back("hall[]." + std::string(leaf));
    h.default_text = "@hall";
    h.description = storage.emplace_back("This hall's " + std::string(leaf) +
                                          " (default: [cooling] " + leaf + ").");
    h.source = "";
    hall.push_back(h);
  }
  const auto at = std::find_if(t.begin(), t.end(),
                               [](const KeySpec& k) { return k.path == "hall[].name"; });
  t.insert(at + 1, hall.begin(), hall.end());
  return t;
}
}  // namespace

bool is_hall_key(std::string_view leaf) {
  const KeySpec* k = find_key("hall[]." + std::string(leaf));
  return k != nullptr && leaf != "name";
}

const std::vector<KeySpec>& key_table() {
  static const std::vector<KeySpec> table = build_table();
  return table;
}

std::string pattern_of(std::string_view concrete) {
  std::string out;
  out.reserve(concrete.size());
  for (size_t i = 0; i < concrete.size(); ++i) {
    if (concrete[i] == '[') {
      out += "[]";
      while (i < concrete.size() && concrete[i] != ']') ++i;
    } else {
      out += concrete[i];
    }
  }
  return out;
}

const KeySpec* find_key(std::string_view pattern) {
  for (const auto& k : key_table())
    if (k.path == pattern) return &k;
  return nullptr;
}

bool is_array_table(std::string_view name) {
  return name == "cluster" || name == "supply" || name == "grid.upgrade" || name == "phase" ||
         name == "hall";
}

bool is_table(std::string_view pattern) {
  for (const auto& k : key_table()) {
    const std::string_view p = k.path;
    if (p.size() > pattern.size() && p.substr(0, pattern.size()) == pattern &&
        (p[pattern.size()] == '.' || p[pattern.size()] == '['))
      return true;
  }
  return false;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string suggest_table(std::string_view pattern) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& k : key_table()) {
    const std::string_view p = k.path;
    const size_t end = p.find_first_of(".[");
    if (end == std::string_view::npos) continue;
    const std::string_view table = p.substr(0, end);
    const size_t d = edit_distance(pattern, table);
    if (d < best_d) {
      best_d = d;
      best = std::string(table);
    }
  }
  return best_d <= std::max<size_t>(2, pattern.size() / 3) ? best : std::string();
}

std::string suggest_key(std::string_view pattern) {
  // Compare the last segment within the same parent first, then whole paths.
  std::string best;
  size_t best_d = std::string::npos;
  const size_t dot = pattern.rfind('.');
  const std::string_view parent = dot == std::string_view::npos ? "" : pattern.substr(0, dot);
  const std::string_view leaf = dot == std::string_view::npos ? pattern : pattern.substr(dot + 1);
  for (const auto& k : key_table()) {
    const std::string_view p = k.path;
    const size_t kd = p.rfind('.');
    const std::string_view kparent = kd == std::string_view::npos ? "" : p.substr(0, kd);
    const std::string_view kleaf = kd == std::string_view::npos ? p : p.substr(kd + 1);
    size_t d = kparent == parent ? edit_distance(leaf, kleaf) : edit_distance(pattern, p) + 1;
    if (d < best_d) {
      best_d = d;
      best = std::string(p);
    }
  }
  const size_t limit = std::max<size_t>(2, leaf.size() / 3);
  return best_d <= limit ? best : std::string();
}

}  // namespace dcload::detail
