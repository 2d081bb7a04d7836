#pragma once
// Internal interfaces of the pipeline stages. Each stage is a function over arrays of SI doubles
// (one value per time step), called once per run from engine/run.cpp. No quantities, strings or
// virtual calls inside the loops.
//
// Storage: every series a stage produces is a std::vector<double> (a `Series`) that the run later
// moves, without copying, into RunResult::channels; the stages compute on Eigen maps of it
// (`as_array`). So a run allocates each output series once and nothing per step.

#include <Eigen/Core>
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

/// Time axis of a run: step length and the local hour at each step's midpoint.
struct Clock {
  double dt_s = 3600;
  Eigen::Index steps = 0;
  ArrayXd hour_mid;   ///< local standard time of the step midpoint, hours since 00:00 (0..24)
  double start_s = 0; ///< start of step 0, s after 1 January 00:00 local standard time
};
/// `start_s`: where step 0 of `w` starts in the year (a window run), s.
Clock make_clock(const Weather& w, double start_s = 0);

// ---- it ---------------------------------------------------------------------------------
struct ItSeries {
  Series it_w;         ///< IT power (accelerator nodes + network + storage), W
  Series liquid_w;     ///< part of it_w whose heat goes to a liquid loop (cold plates), W
  double design_w = 0; ///< all clusters at full utilization, W
};
/// `inlet_c` (optional, one value per step): IT inlet air temperature, °C, from
/// supply_air_temperature_c(); above 23 °C server fans speed up (engine/it/it.cpp).
ItSeries compute_it(const Site& site, const Clock& clock, const Series* inlet_c = nullptr);

/// Multiplier on the power of air-cooled servers at inlet temperature `inlet_c` (1 at or below
/// the 23 °C fan threshold; engine/it/it.cpp has the curve and its sources).
double air_cooled_power_factor(double inlet_c);

// ---- electrical (downstream of the transformers) ----------------------------------------
struct ElectricalSeries {
  Series distribution_loss_w;  ///< PDU/busway loss (indoors), W
  Series ups_loss_w;           ///< UPS loss (indoors), W
  Series lighting_w;           ///< lighting and offices (indoors), W
  Series generator_heater_w;   ///< standby-generator jacket-water heaters (outdoors), W
  Series aux_w;                ///< lighting + generator heaters, W
  Series ups_load_fraction;    ///< per-module load fraction
  int ups_modules_installed = 0;
  int generators_installed = 0;
};
/// Distribution loss and lighting from the IT series; UPS loss for an output of IT + PDU loss.
/// Generator heaters are added later by add_generator_heaters().
ElectricalSeries compute_electrical(const Site& site, const ItSeries& it);

/// UPS modules installed for a design output (W) under the site's redundancy
/// (Schneider WP75 topologies).
int ups_modules_installed(const ElectricalSpec& e, double design_output_w);

/// UPS loss for a given UPS output series (IT + PDU loss + any UPS-fed mechanical load), with
/// modules sized for max(design_output_w, peak output): fills ups_loss_w, ups_load_fraction and
/// ups_modules_installed of `el`.
void compute_ups(const ElectricalSpec& e, const Series& ups_output_w, double design_output_w,
                 ElectricalSeries& el);

/// Standby generators sized to the peak facility demand (N + spares), their jacket-water heater
/// power each step from the outdoor dry-bulb; fills generator_heater_w and adds it to aux_w.
void add_generator_heaters(const Site& site, const Weather& w, double peak_facility_w,
                           ElectricalSeries& el);

/// HV/MV transformer losses (W) for the load passing through them, into `loss_w`.
void transformer_loss(const ElectricalSpec& e, const Series& load_w, Series& loss_w);

// ---- cooling ----------------------------------------------------------------------------
/// Air temperature delivered to the IT inlets, °C, per step (for the IT stage's fan-power
/// model). Owned by the cooling stage: for the chilled-water air plant it is the chilled-water
/// supply plus the coil approach.
Series supply_air_temperature_c(const Site& site, const Weather& w);
enum CoolingMode : int { kFree = 0, kPartial = 1, kMechanical = 2 };
struct CoolingSeries {
  // Power per component, W (each a separate series so the electrical stage can route any of
  // them through the UPS). tower_fan_w holds the heat-rejection fans: tower or dry cooler.
  Series crah_fan_w, chw_pump_w, cw_pump_w, chiller_w, tower_fan_w;
  Series cdu_pump_w;       ///< CDU (IT-side coolant) pumps, liquid/immersion only, W
  Series fw_pump_w;        ///< facility-water pumps of the liquid loop, W
  Series total_w;          ///< sum of the seven components above, W
  Series chiller_load_w;   ///< heat removed by chillers, W
  Series heat_rejected_w;  ///< heat rejected outdoors by the towers or dry coolers, W
  Series reusable_heat_w;  ///< heat in the warmest facility loop (see reusable_heat_c), W
  Series water_kg_s;       ///< make-up water (evaporation + drift + blowdown), kg/s
  Series mode;             ///< CoolingMode per step (free: no compressor; mechanical: all loops on chillers)
  int chillers_installed = 0;
  double chiller_design_load_w = 0;  ///< chiller load at the ASHRAE 0.4 % design condition
  double reusable_heat_c = 0;        ///< return temperature of that loop, °C
  double shortfall_hours = 0;        ///< hours the chiller load exceeded the installed plant
  double redundancy_lost_hours = 0;  ///< hours it exceeded the duty units (standby running)
  double chiller_curve_out_of_range_hours = 0; ///< hours a chiller curve input was clamped
  double tower_curve_out_of_range_hours = 0;   ///< hours a YorkCalc input was outside its limits
  double air_loop_free_hours = 0;     ///< hours the air loop carried heat with no compressor
  double liquid_loop_free_hours = 0;  ///< the same for the liquid (facility-water) loop
};
/// `indoor_heat_w`: all heat released in the white space (IT + UPS + PDU + lighting), W;
/// `liquid_heat_w`: the part of it removed by liquid (cold plates, immersion), W (≤ indoor).
CoolingSeries compute_cooling(const Site& site, const Weather& w, const Series& indoor_heat_w,
                              const Series& liquid_heat_w);

// ---- grid -------------------------------------------------------------------------------
struct GridSeries {
  double capacity_w = 0;     ///< usable real power: min(connection, transformers)·pf, ≤ contract
  double capacity_n1_w = 0;  ///< the same with the largest circuit or transformer out
  Series headroom_w;         ///< capacity − facility demand
  double min_headroom_n1_w = 0;
  double hours_over = 0;
  double hours_over_n1 = 0;
  double max_ramp_w_per_s = 0;     ///< largest |Δ facility| / Δt between steps
  double storage_power_w = 0;      ///< storage that holds the grid draw to the ramp limit
  double storage_energy_j = 0;
};
/// Grid capacity of a connection (apparent power) with the site's power factor, transformers,
/// circuits and contracted demand; `n1` with the largest circuit or transformer out.
double grid_capacity_w(const Site& site, ApparentPower connection, bool n1);
GridSeries compute_grid(const Site& site, const Series& facility_w, double dt_s);
/// The ASHRAE 0.4 % cooling design day of a weather year: 24 hourly steps in its hottest month,
/// dry-bulb from w.design.db_004_c down by the ASHRAE HoF ch. 14 Table 6 fractions of the
/// month's mean daily range, humidity held at the (db_004, mcwb_004) state.
Weather design_day_weather(const Weather& w);

// ---- supply ----------------------------------------------------------------------------
/// One [[supply]] entry's year (engine/supply/supply.cpp): energies in J, money in USD.
struct SupplySourceTotals {
  std::string name;
  SupplyType type = SupplyType::kGrid;
  double capacity_w = 0;     ///< rated: grid import limit, plant total, DC (solar), AC (wind), battery power
  double energy_j = 0;       ///< delivered to the campus (renewables: to the load or the battery)
  double available_j = 0;    ///< renewables: possible output; lng: generated incl. spilled
  double curtailed_j = 0;    ///< renewables: surplus not stored; lng: spilled at minimum load
  double capacity_factor = 0;
  double fuel_j = 0;         ///< lng fuel (LHV)
  double co2_kg = 0;
  double water_m3 = 0;
  double battery_energy_j = 0;  ///< battery: energy capacity used in the run (sized or given)
  // cost components over the run, USD
  double capital_usd = 0, fixed_om_usd = 0, variable_om_usd = 0, fuel_usd = 0, carbon_usd = 0,
         energy_usd = 0;
  double cost_usd() const {
    return capital_usd + fixed_om_usd + variable_om_usd + fuel_usd + carbon_usd + energy_usd;
  }
};
struct SupplySeries {
  std::vector<SupplySourceTotals> sources;
  bool onsite = false;       ///< any source other than the grid
  Series grid_w;             ///< grid import, W
  Series residual_w;         ///< demand the grid is asked for: import + unserved, W
  // The four series below are filled only when `onsite` (empty otherwise).
  Series onsite_w;           ///< on-site generation serving the load (renewables used + LNG), W
  Series discharge_w;        ///< battery discharge to the load, W
  Series charge_w;           ///< battery charge from renewable surplus, W
  Series soc;                ///< battery state of charge, fraction of energy capacity
  Series unserved_w;         ///< W
  double demand_j = 0, unserved_j = 0, unserved_hours = 0;
  double co2_kg = 0, cost_usd = 0, water_m3 = 0;
  double cfe_share = 0;      ///< hourly (per-step) carbon-free share, load-weighted
  std::vector<std::string> messages;  ///< findings for the run status (battery sizing)
};
/// Dispatch the facility demand over the site's sources and price it. `grid_capacity_w`:
/// usable capacity of the connection (the import limit unless a supply sets its own).
SupplySeries compute_supply(const Site& site, const Clock& clock, const Weather& w,
                            const Series& facility_w, double grid_capacity_w);

}  // namespace dcload::detail
