#pragma once
#include <string>

#include "dcload/run.hpp"
#include "stages.hpp"

namespace dcload::detail {

/// Everything the metrics stage reads, one run's series.
struct RunSeries {
  const Clock* clock;
  const Weather* weather;
  const ItSeries* it;
  const ElectricalSeries* electrical;
  const CoolingSeries* cooling;
  const Series* transformer_loss_w;
  const Series* facility_w;
  const GridSeries* grid;
  const SupplyTotals* supply;
};

/// Annual and monthly energy by subsystem, PUE, peaks and their time, headroom, CO2, cost.
Summary compute_metrics(const Site& site, const RunSeries& s);

/// Calendar time of the start of step k of a non-leap typical year (local standard time).
struct StepTime {
  int month, day, hour, minute, second;  // month and day 1-based
};
StepTime step_time(Eigen::Index k, double dt_s);
/// "MM-DD HH:MM" of the start of step k.
std::string step_time_label(Eigen::Index k, double dt_s);

}  // namespace dcload::detail
