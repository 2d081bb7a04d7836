#pragma once
// Internal interfaces of the pipeline stages. Each stage is a function over arrays of SI doubles
// (one value per time step), called once per block of steps from engine/run.cpp. No
// quantities, strings or virtual calls inside the loops.
//
// A run has two phases (engine/run.cpp):
//  1. design: the plant is sized once, on the site's design basis (engine/design/design.cpp),
//     from the hourly weather year — independent of the run's time step and window;
//  2. steps: the pipeline runs block by block (a day of steps, or the whole hourly year), each
//     stage computing the block's series with the fixed design; the metrics stage accumulates
//     them, so a run's memory is bounded by the block and the channels it keeps.
//
// Storage: every series is a std::vector<double> (a `Series`) of the block's length; stages
// compute on Eigen maps of it (`as_array`). A stage writes into output structs its caller owns
// (the run's Workspace, dcload/run.hpp), resizing them to the block: reused across blocks and
// runs, they allocate nothing once grown, and a stage must therefore write (or reset) every
// element and counter it reports. The returning overloads are for tests and benchmarks.

#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

#include "dcload/site.hpp"
#include "dcload/weather.hpp"

namespace dcload::detail {

using Eigen::ArrayXd;
using Series = std::vector<double>;

inline Eigen::Map<ArrayXd> as_array(Series& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}
inline Eigen::Map<const ArrayXd> as_array(const Series& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

/// Time axis of a block: step length and the local hour at each step's midpoint.
struct Clock {
  double dt_s = 3600;
  Eigen::Index steps = 0;
  ArrayXd hour_mid;   ///< local standard time of the step midpoint, hours since 00:00 (0..24)
  double start_s = 0; ///< start of step 0, s after 1 January 00:00 local standard time
};
/// The clock of weather `w` (its start_s and timestep).
Clock make_clock(const Weather& w);
void make_clock(const Weather& w, Clock& out);

// ---- design: the plant, sized once (engine/design/design.cpp) ---------------------------

/// One kind of equipment as installed: `installed` = duty + spares units of `unit_w`, sized
/// for `design_load_w` on the design basis; the run fills `max_load_w` and `hours_over`
/// (hours the load exceeded what the installed units deliver).
struct ComponentSize {
  std::string name;          ///< "chillers", "cooling_towers", "dry_coolers", "crahs", "cdus", ...
  std::string hall;          ///< hall name for per-hall equipment, "" for the shared plant
  int duty = 0;
  int installed = 0;
  double unit_w = 0;         ///< capacity of one unit (heat, or electric output for generators)
  double design_load_w = 0;  ///< load on the design basis
  double max_load_w = 0;     ///< largest load of the run
  double hours_over = 0;     ///< hours the load exceeded the installed capacity
};

/// A hall's loads on the design basis.
struct HallDesign {
  double it_w = 0;           ///< design IT power (every cluster at full utilization), W
  double air_heat_w = 0;     ///< heat the CRAHs remove at design (incl. fan heat), W
  double liquid_heat_w = 0;  ///< heat the CDUs move to facility water at design, W
  double air_flow_m3_s = 0;  ///< CRAH air flow at design
  int crah_component = -1;   ///< index in PlantDesign::components (−1: none)
  int cdu_component = -1;
};

/// The campus plant as sized on the design basis; fixed for every block of a run.
struct PlantDesign {
  DesignBasis basis = DesignBasis::kAshraeNYear20;
  /// The design outdoor states used (dry-bulb, wet-bulb °C; pressure Pa): towers are sized at
  /// the wet-bulb state, dry coolers at the dry-bulb state (both are evaluated).
  double db_state_db_c = 0, db_state_wb_c = 0, wb_state_db_c = 0, wb_state_wb_c = 0;
  double pressure_pa = 101325;
  std::vector<std::string> notes;  ///< how the basis was resolved (fallbacks), for the status

  double it_w = 0;                 ///< design IT power of the campus (workload peak, fans at inlet)
  /// Site::design_it_power(): every cluster at full (sustained) utilization — the floor-area
  /// proxy lighting and offices scale with.
  double nameplate_it_w = 0;
  std::vector<HallDesign> halls;
  // electrical
  int transformers = 0;            ///< main transformers energized (≤ the site's count)
  int ups_modules = 0;
  double ups_design_output_w = 0;
  double facility_w = 0;           ///< facility demand on the design basis
  int generators = 0;              ///< installed standby sets (N + spares)
  double generator_heater_ua_w_per_k = 0; ///< jacket-water heaters: UA from the coldest hour
  double generator_heater_max_w = 0;
  double generator_heater_setpoint_c = 0;
  // cooling plant
  double chiller_design_load_w = 0;   ///< chiller load on the design basis
  int chillers_duty = 0, chillers_installed = 0;
  double loop_heat_w = 0;             ///< heat into all hall loops at design (tower L/G scaling)
  double rejection_w = 0;             ///< heat through the towers / dry coolers at design
  double tower_lg = 0;                ///< YorkCalc design liquid-to-gas ratio
  double tower_air_m3_s = 0;          ///< psychrometric towers: air volume flow at design
  double rejection_air_kg_s = 0;      ///< dry / adiabatic coolers: air mass flow at design
  double fan_design_w = 0;            ///< tower or dry-cooler fan power at design
  /// Fan power at design of the plant without its cold source (towers for a seawater-only
  /// plant; the backup otherwise): the reference the cold source's savings are counted against.
  double reference_fan_design_w = 0;
  /// Seawater-only plant: the warmest intake of the year, the exchangers' design state.
  double cold_design_intake_c = 0;
  int chiller_component = -1, rejection_component = -1, generator_component = -1,
      ups_component = -1, transformer_component = -1, chw_pump_component = -1,
      cw_pump_component = -1, fw_pump_component = -1;
  /// The seawater exchangers of a cold source with a backup (a seawater-only plant's are the
  /// rejection component).
  int cold_component = -1;
  std::vector<ComponentSize> components;
};

/// Size the plant of `site` on its design basis from the hourly weather year `hourly`
/// (its design conditions and, for peak_of_year, its hours). Deterministic; cheap for the
/// ASHRAE bases (two design states), one hourly pass for peak_of_year.
PlantDesign design_plant(const Site& site, const Weather& hourly);
/// The same for given design heat per hall: `hall_it_w` IT power, `hall_liquid_w` its part on
/// liquid (design_plant computes both from the clusters at full utilization).
PlantDesign design_plant_for(const Site& site, const Weather& hourly, std::vector<double> hall_it_w,
                             std::vector<double> hall_liquid_w);

// ---- it ---------------------------------------------------------------------------------
struct ItSeries {
  Series it_w;          ///< IT power (accelerator nodes + network + storage), W
  /// Share of the campus's equipment energized in each step: the design IT power in service
  /// over the design IT power of the campus as built (build-out years: phases entering service
  /// part-way; empty when everything is in service all along).
  Series energized;
  Series fan_w;         ///< server-fan power within it_w, W (TUE/ITUE; engine/it/it.cpp)
  /// IT power the campus could shed this step: Σ clusters' curtailable share × their IT power,
  /// W (empty when no cluster offers flexibility).
  Series curtailable_w;
  std::vector<Series> hall_it_w;      ///< it_w of each hall
  std::vector<Series> hall_liquid_w;  ///< heat of each hall removed by liquid, W
  ArrayXd node_w;                     ///< scratch: a cluster's utilization, then its node power
  ArrayXd share;                      ///< scratch: a cluster's in-service share (late additions)
};
/// `inlet_c[h]`: IT inlet air temperature of hall h, °C (its supply air); above 23 °C server
/// fans speed up (engine/it/it.cpp).
void compute_it(const Site& site, const Clock& clock, const std::vector<double>& inlet_c,
                ItSeries& out);
ItSeries compute_it(const Site& site, const Clock& clock, const std::vector<double>& inlet_c);

/// Node power of a cluster at the highest step-mean utilization its workload can reach at any
/// time step (a training compute phase, the inference daily peak, a trace's maximum; within
/// its power cap), W, all nodes together: what the plant is sized for (engine/design), so no
/// time step finds a load the design did not allow for.
double cluster_peak_node_power_w(const ClusterSpec& c);

/// Multiplier on the power of air-cooled servers at inlet temperature `inlet_c` (1 at or below
/// the 23 °C fan threshold; engine/it/it.cpp has the curve and its sources).
double air_cooled_power_factor(double inlet_c);
/// Share of an air-cooled node's power drawn by its fans at or below 23 °C inlet.
double server_fan_share();

// ---- electrical (downstream of the transformers) ----------------------------------------
struct ElectricalSeries {
  Series distribution_loss_w;  ///< PDU/busway loss (indoors), W
  Series ups_loss_w;           ///< UPS loss (indoors), W
  Series lighting_w;           ///< lighting and offices (indoors), W
  Series generator_heater_w;   ///< standby-generator jacket-water heaters (outdoors), W
  Series aux_w;                ///< lighting + generator heaters, W
  Series ups_load_fraction;    ///< per-module load fraction
};
/// Distribution loss, lighting and UPS loss (for an output of IT + PDU loss) with the designed
/// modules; generator heaters from the outdoor dry-bulb.
void compute_electrical(const Site& site, const PlantDesign& d, const ItSeries& it,
                        const Weather& w, ElectricalSeries& out);
ElectricalSeries compute_electrical(const Site& site, const PlantDesign& d, const ItSeries& it,
                                    const Weather& w);

/// UPS modules installed for a design output (W) under the site's redundancy
/// (Schneider WP75 topologies).
int ups_modules_installed(const ElectricalSpec& e, double design_output_w);

/// UPS loss for a UPS output series with `modules` installed sharing it: fills ups_loss_w and
/// ups_load_fraction of `el` (Schneider WP113 loss form).
void compute_ups(const ElectricalSpec& e, const Series& ups_output_w, int modules,
                 ElectricalSeries& el);

/// HV/MV transformer losses (W) for the load passing through `transformers` units (× the
/// energized share per step when `energized` is not empty), into `loss_w`.
void transformer_loss(const ElectricalSpec& e, int transformers, const Series& energized,
                      const Series& load_w, Series& loss_w);

// ---- cooling ----------------------------------------------------------------------------
enum CoolingMode : int { kFree = 0, kPartial = 1, kMechanical = 2 };
struct CoolingSeries {
  // Power per component, W (each a separate series so the electrical stage can route any of
  // them through the UPS). tower_fan_w holds the heat-rejection fans: tower or dry cooler.
  Series crah_fan_w, chw_pump_w, cw_pump_w, chiller_w, tower_fan_w;
  Series cdu_pump_w;       ///< CDU (IT-side coolant) pumps, liquid/immersion halls, W
  Series fw_pump_w;        ///< facility-water pumps of the liquid loops, W
  Series dx_w;             ///< DX CRAC units' compressors and condenser fans (technology dx), W
  Series total_w;          ///< sum of the seven components above (+ seawater pumps), W
  Series chiller_load_w;   ///< heat removed by chillers, W
  Series heat_rejected_w;  ///< heat rejected outdoors (towers, dry coolers, exhaust air), W
  Series reusable_heat_w;  ///< heat in the warmest facility loop (see reusable_heat_c), W
  Series water_kg_s;       ///< make-up water (evaporation + drift + blowdown), kg/s
  Series evaporation_kg_s; ///< water evaporated (towers, pads), kg/s
  Series latent_w;         ///< heat the towers reject as latent heat (evaporation × h_fg), W
  Series mode;             ///< CoolingMode per step (free: no compressor anywhere)
  // ---- the cold source ([cooling.cold_source]); empty without one ----
  Series seawater_pump_w;  ///< seawater pumps, W (part of total_w)
  Series cold_heat_w;      ///< heat taken by the seawater, W
  Series cold_capacity_w;  ///< heat the seawater could take this step, W
  Series cold_flow_kg_s;   ///< seawater through the campus's exchangers, kg/s
  Series cold_offered_kg_s; ///< seawater the source offered this step (profile, contract), kg/s
  Series sea_c;            ///< the sea at the intake, °C
  Series discharge_c;      ///< seawater returned (intake temperature when none flows), °C
  Series discharge_limit_c; ///< the sea + max_discharge_rise, °C
  Series cold_unserved_w;  ///< seawater-only plant: heat neither the seawater nor a backup took, W
  /// The same plant and loads without the cold source (its backup; towers for a seawater-only
  /// plant), step by step: what the cold source saved.
  Series ref_chiller_w, ref_tower_fan_w, ref_cw_pump_w, ref_water_kg_s, ref_heat_rejected_w;
  double cold_full_hours = 0;     ///< hours the seawater took all the condenser heat
  double cold_unconverged_hours = 0; ///< hours the seawater/backup split did not settle
  double cold_short_hours = 0;    ///< seawater-only plant: hours with heat left unserved
  double reusable_heat_c = 0;        ///< return temperature of that loop, °C
  double redundancy_lost_hours = 0;  ///< hours the chiller load exceeded the duty units
  double chiller_curve_out_of_range_hours = 0; ///< hours a chiller curve input was clamped
  double chiller_cycling_hours = 0;  ///< hours a chiller ran below its minimum part load (cycling)
  double tower_curve_out_of_range_hours = 0;   ///< hours a YorkCalc input was outside its limits
  /// set-point tower control: hours full fan speed left the water warmer than the set point
  double tower_setpoint_unmet_hours = 0;
  double dx_curve_out_of_range_hours = 0;  ///< hours a DX coil curve input was clamped
  double air_loop_free_hours = 0;     ///< hours every air loop carried heat with no compressor
  double liquid_loop_free_hours = 0;  ///< the same for the liquid (facility-water) loops
  std::vector<double> hall_air_free_hours, hall_liquid_free_hours;
  /// Largest load and hours over the installed capacity, per PlantDesign::components entry.
  std::vector<double> component_max_w, component_hours_over;
};
/// `hall_indoor_w[h]`: all heat released in hall h (IT + its share of UPS, PDU and lighting
/// losses), W; `hall_liquid_w[h]`: the part removed by liquid (≤ indoor). With `sizing`, the
/// plant has no limits yet (design_plant evaluates the design states).
void compute_cooling(const Site& site, const PlantDesign& d, const Weather& w,
                     const std::vector<Series>& hall_indoor_w,
                     const std::vector<Series>& hall_liquid_w, CoolingSeries& out,
                     bool sizing = false);
CoolingSeries compute_cooling(const Site& site, const PlantDesign& d, const Weather& w,
                              const std::vector<Series>& hall_indoor_w,
                              const std::vector<Series>& hall_liquid_w, bool sizing = false);

// ---- grid -------------------------------------------------------------------------------
/// Grid capacity of a connection (apparent power) with the site's power factor, transformers,
/// circuits and contracted demand; `n1` with the largest circuit or transformer out.
double grid_capacity_w(const Site& site, ApparentPower connection, bool n1);
/// The site with its reference cluster at `gpus` accelerators and the others scaled by the same
/// ratio in whole nodes (the capacity and flexibility searches' trial campus).
Site scaled_campus(const Site& site, size_t ref, int64_t gpus);
/// A phased site as built by `year` on the connection in force by then (upgrades dated in or
/// before the year); an unphased site with that connection.
Site campus_with_grid_of(const Site& site, int year);
/// The first cluster with accelerators; ConfigError when there is none.
size_t reference_cluster(const Site& site);
/// State of the ramp-limited grid draw across blocks.
struct RampState {
  bool started = false;
  double grid_w = 0, energy_j = 0, e_min = 0, e_max = 0, p_max = 0;
  double last_w = 0;           ///< last facility value (for the step-to-step ramp)
  double max_ramp_w_per_s = 0;
};
/// Headroom of a block (capacity − grid draw) and the ramp-limited storage state.
void compute_grid(const Site& site, double capacity_w, const Series& draw_w, double dt_s,
                  Series& headroom_w, RampState& ramp);
/// The ASHRAE 0.4 % cooling design day of a weather year: 24 hourly steps in its hottest month,
/// dry-bulb from w.design.db_004_c down by the ASHRAE HoF ch. 14 Table 6 fractions of the
/// month's mean daily range, humidity held at the (db_004, mcwb_004) state.
Weather design_day_weather(const Weather& w);

// ---- supply ----------------------------------------------------------------------------
/// One [[supply]] entry's totals (engine/supply/supply.cpp): energies in J, money in USD.
struct SupplySourceTotals {
  std::string name;
  SupplyType type = SupplyType::kGrid;
  double capacity_w = 0;     ///< rated: grid import limit, plant total, DC (solar), AC (wind), battery power
  double energy_j = 0;       ///< delivered to the campus (renewables: to the load or the battery)
  double charged_j = 0;      ///< renewables: part of energy_j that went into the battery
  double available_j = 0;    ///< renewables: possible output; lng: generated incl. spilled
  double curtailed_j = 0;    ///< renewables: surplus not stored; lng: spilled at minimum load
  double capacity_factor = 0;
  double fuel_j = 0;         ///< lng fuel (LHV)
  double co2_kg = 0;
  double water_m3 = 0;
  double battery_energy_j = 0;  ///< battery: energy capacity used in the run (sized or given)
  double peak_w = 0;         ///< grid: largest import
  // cost components over the run, USD
  double capital_usd = 0, fixed_om_usd = 0, variable_om_usd = 0, fuel_usd = 0, carbon_usd = 0,
         energy_usd = 0;
  double cost_usd() const {
    return capital_usd + fixed_om_usd + variable_om_usd + fuel_usd + carbon_usd + energy_usd;
  }
};

/// Sources of a site resolved for dispatch (battery sized when target_cfe asks), built once.
struct SupplyPlan;
/// Dispatch state carried from block to block.
struct SupplyState;

/// The block's dispatch: who serves the facility demand of each step.
struct SupplySeries {
  bool onsite = false;       ///< any source other than the grid
  Series grid_w;             ///< grid import, W
  Series residual_w;         ///< demand the grid is asked for: import + unserved, W
  // Filled only when `onsite` (empty otherwise).
  std::vector<Series> source_w;  ///< per on-site source (supply order): energy to the campus, W
  Series onsite_w;           ///< on-site generation serving the load (renewables used + LNG), W
  Series discharge_w;        ///< battery discharge to the load, W
  Series charge_w;           ///< battery charge from renewable surplus, W
  Series soc;                ///< battery state of charge, fraction of energy capacity
  Series unserved_w;         ///< W
};

}  // namespace dcload::detail
