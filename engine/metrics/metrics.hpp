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
  const SupplySeries* supply;
};

/// Annual and monthly energy by subsystem, PUE, peaks and their time, headroom, CO2, cost.
Summary compute_metrics(const Site& site, const RunSeries& s);

/// Calendar time of the start of step k of a non-leap typical year (local standard time).
struct StepTime {
  int month, day, hour, minute, second;  // month and day 1-based
};
/// `start_s`: start of step 0 after 1 January 00:00 (window runs).
StepTime step_time(Eigen::Index k, double dt_s, double start_s = 0.0);
/// "MM-DD HH:MM" of the start of step k.
std::string step_time_label(Eigen::Index k, double dt_s, double start_s = 0.0);

/// Largest change of a series within `window_s`: max |p[k + lag] − p[k]| with
/// lag = window_s / dt_s steps when dt_s ≤ window_s; for longer steps the largest step-to-step
/// change scaled by window_s / dt_s. 0 for fewer than two steps.
double max_change_within(const Eigen::Ref<const ArrayXd>& p, double dt_s, double window_s);

/// Share of the variance ("swing energy") of a series in the band [f_lo, f_hi] Hz: the one-sided
/// DFT power of the bins in the band (Goertzel, exact DFT bins m/(n·dt)) over n·Σ(p − mean)²
/// (Parseval). 0..1; NaN for a constant series or fewer than 4 steps. Cost O(n · band bins).
double band_energy_share(const Eigen::Ref<const ArrayXd>& p, double dt_s, double f_lo_hz,
                         double f_hi_hz);

}  // namespace dcload::detail
