#pragma once
// Internal interfaces of the pipeline stages. Each stage is a function over Eigen arrays of SI
// doubles (one value per time step), called once per run from engine/run.cpp. No quantities,
// strings or virtual calls inside the loops; all arrays are allocated once per run.

#include <Eigen/Core>

#include "dcload/site.hpp"
#include "dcload/weather.hpp"

namespace dcload::detail {

using Eigen::ArrayXd;

/// Time axis of a run: step length and the local hour at each step's midpoint.
struct Clock {
  double dt_s = 3600;
  Eigen::Index steps = 0;
  ArrayXd hour_mid;   ///< local standard time of the step midpoint, hours since 00:00 (0..24)
};
Clock make_clock(const Weather& w);

// ---- it ---------------------------------------------------------------------------------
struct ItSeries {
  ArrayXd it_w;        ///< IT power (accelerator nodes + network + storage), W
  double design_w = 0; ///< all clusters at full utilization, W
};
ItSeries compute_it(const Site& site, const Clock& clock);

// ---- electrical (downstream of the transformers) ----------------------------------------
struct ElectricalSeries {
  ArrayXd distribution_loss_w;  ///< PDU/busway loss (indoors), W
  ArrayXd ups_loss_w;           ///< UPS loss (indoors), W
  ArrayXd aux_w;                ///< lighting and offices (indoors), W
  ArrayXd ups_load_fraction;    ///< per-module load fraction
  int ups_modules_installed = 0;
};
ElectricalSeries compute_electrical(const Site& site, const ItSeries& it);

/// HV/MV transformer losses for a load passing through them (W), facility power factor pf.
ArrayXd transformer_loss(const ElectricalSpec& e, const ArrayXd& load_w);

// ---- cooling ----------------------------------------------------------------------------
enum CoolingMode : int { kFree = 0, kPartial = 1, kMechanical = 2 };
struct CoolingSeries {
  ArrayXd crah_fan_w, chw_pump_w, cw_pump_w, chiller_w, tower_fan_w, total_w;
  ArrayXd chiller_load_w;   ///< heat removed by chillers, W
  ArrayXd heat_rejected_w;  ///< heat rejected outdoors by the towers, W
  ArrayXd water_kg_s;       ///< make-up water (evaporation + drift + blowdown), kg/s
  ArrayXd mode;             ///< CoolingMode per step
  int chillers_installed = 0;
  double chiller_design_load_w = 0;
};
/// `indoor_heat_w`: heat released in the white space (IT + UPS + PDU + lighting).
CoolingSeries compute_cooling(const Site& site, const Weather& w, const ArrayXd& indoor_heat_w);

// ---- grid -------------------------------------------------------------------------------
struct GridSeries {
  double capacity_w = 0;   ///< connection MVA × power factor
  ArrayXd headroom_w;      ///< capacity − facility demand
  double hours_over = 0;
};
GridSeries compute_grid(const Site& site, const ArrayXd& facility_w, double dt_s);

// ---- supply -----------------------------------------------------------------------------
struct SupplySeries {
  ArrayXd grid_import_w;
  ArrayXd co2_kg_s;
  ArrayXd cost_usd_s;
};
SupplySeries compute_supply(const Site& site, const ArrayXd& facility_w);

}  // namespace dcload::detail
