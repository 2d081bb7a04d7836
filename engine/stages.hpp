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
};
Clock make_clock(const Weather& w);

// ---- it ---------------------------------------------------------------------------------
struct ItSeries {
  Series it_w;         ///< IT power (accelerator nodes + network + storage), W
  Series liquid_w;     ///< part of it_w whose heat goes to a liquid loop (cold plates), W
  double design_w = 0; ///< all clusters at full utilization, W
};
ItSeries compute_it(const Site& site, const Clock& clock);

// ---- electrical (downstream of the transformers) ----------------------------------------
struct ElectricalSeries {
  Series distribution_loss_w;  ///< PDU/busway loss (indoors), W
  Series ups_loss_w;           ///< UPS loss (indoors), W
  Series aux_w;                ///< lighting and offices (indoors), W
  Series ups_load_fraction;    ///< per-module load fraction
  int ups_modules_installed = 0;
};
ElectricalSeries compute_electrical(const Site& site, const ItSeries& it);

/// HV/MV transformer losses (W) for the load passing through them, into `loss_w`.
void transformer_loss(const ElectricalSpec& e, const Series& load_w, Series& loss_w);

// ---- cooling ----------------------------------------------------------------------------
/// Air temperature delivered to the IT inlets, °C, per step (for the IT stage's fan-power
/// model). Owned by the cooling stage: for the chilled-water air plant it is the chilled-water
/// supply plus the coil approach.
Series supply_air_temperature_c(const Site& site, const Weather& w);
enum CoolingMode : int { kFree = 0, kPartial = 1, kMechanical = 2 };
struct CoolingSeries {
  Series crah_fan_w, chw_pump_w, cw_pump_w, chiller_w, tower_fan_w, total_w;
  Series chiller_load_w;   ///< heat removed by chillers, W
  Series heat_rejected_w;  ///< heat rejected outdoors by the towers, W
  Series water_kg_s;       ///< make-up water (evaporation + drift + blowdown), kg/s
  Series mode;             ///< CoolingMode per step
  int chillers_installed = 0;
  double chiller_design_load_w = 0;
};
/// `indoor_heat_w`: all heat released in the white space (IT + UPS + PDU + lighting), W;
/// `liquid_heat_w`: the part of it removed by liquid (cold plates, immersion), W (≤ indoor).
CoolingSeries compute_cooling(const Site& site, const Weather& w, const Series& indoor_heat_w,
                              const Series& liquid_heat_w);

// ---- grid -------------------------------------------------------------------------------
struct GridSeries {
  double capacity_w = 0;   ///< connection MVA × power factor
  Series headroom_w;       ///< capacity − facility demand
  double hours_over = 0;
};
GridSeries compute_grid(const Site& site, const Series& facility_w, double dt_s);

// ---- supply -----------------------------------------------------------------------------
/// Totals of the grid-import supply over the run (first order: one source, flat tariff and an
/// annual emission factor, so no per-step series is needed yet).
struct SupplyTotals {
  double import_j = 0;
  double co2_kg = 0;
  double cost_usd = 0;
};
SupplyTotals compute_supply(const Site& site, const Series& facility_w, double dt_s);

}  // namespace dcload::detail
