#pragma once
// Metrics stage: the Summary of a run, accumulated block by block (engine/metrics/metrics.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "stages.hpp"
#include "supply/supply.hpp"

namespace dcload::detail {

/// Everything the metrics stage reads from one block of steps.
struct BlockSeries {
  const Clock* clock;
  const Weather* weather;
  const ItSeries* it;
  const ElectricalSeries* electrical;
  const CoolingSeries* cooling;
  const Series* transformer_loss_w;
  const Series* facility_w;
  const Series* grid_draw_w;   ///< what the grid is asked for (facility, or the residual)
  const Series* headroom_w;
  const SupplySeries* supply;
};

/// Accumulates a run's Summary over its blocks; memory independent of the number of steps
/// (apart from the facility series kept for the swing spectrum of sub-second runs).
class MetricsAccumulator {
 public:
  /// `capacity_w` / `capacity_n1_w`: the grid's usable capacity, normal and N-1.
  MetricsAccumulator(const Site& site, const PlantDesign& design, double dt_s, double start_s,
                     std::size_t total_steps, double capacity_w, double capacity_n1_w);
  void add(const BlockSeries& b);
  /// The Summary (status from the findings of the run; the caller adds the design day, the
  /// build-out rows and the weather notes).
  Summary finish(const SupplyTotals& supply, const RampState& ramp) const;

 private:
  struct Peak {
    double value = -1e300;
    std::size_t step = 0;
    double db_c = 0, wb_c = 0;
  };
  const Site& site_;
  const PlantDesign& design_;
  double dt_s_, start_s_;
  std::size_t total_steps_, steps_ = 0;
  // energies, J
  double it_j_ = 0, fan_j_ = 0, cooling_j_ = 0, ups_j_ = 0, dist_j_ = 0, tr_j_ = 0, aux_j_ = 0,
         lighting_j_ = 0, gen_heater_j_ = 0, facility_j_ = 0, heat_rejected_j_ = 0,
         reusable_j_ = 0, water_kg_ = 0, evap_kg_ = 0, latent_j_ = 0, tower_heat_j_ = 0;
  // The cold source (zero without one): its heat, pumps, seawater, savings against the plant
  // without it, and its extremes.
  double cold_j_ = 0, sea_pump_j_ = 0, sea_kg_ = 0, unserved_cold_j_ = 0;
  double ref_cooling_j_ = 0, ref_chiller_j_ = 0, ref_fan_j_ = 0, ref_water_kg_ = 0;
  double chiller_j_ = 0, rej_fan_j_ = 0, avail_kg_ = 0, max_sea_flow_ = 0;
  double min_sea_c_ = 1e300, max_sea_c_ = -1e300, min_margin_k_ = 1e300, max_discharge_c_ = -1e300;
  double cold_full_h_ = 0, cold_short_h_ = 0, cold_unconverged_h_ = 0;
  std::array<double, 12> fac_month_{}, it_month_{};
  std::vector<double> hall_it_j_;
  Peak peak_fac_, peak_it_;
  double min_it_ = 1e300, min_fac_ = 1e300, peak_cooling_ = 0, peak_chiller_ = 0;
  double min_headroom_ = 1e300;
  std::size_t min_headroom_step_ = 0;
  double hours_over_ = 0, hours_over_n1_ = 0, max_draw_ = 0;
  double ups_fraction_sum_ = 0;
  double mode_h_[3] = {0, 0, 0};
  CoolingSeries cooling_hours_;  // hour counters and component maxima summed over blocks
  // Ramps within 1 s and 1 min: the last facility values of the previous block.
  std::vector<double> tail_;
  double ramp_1s_ = 0, ramp_1min_ = 0;
  // Facility series kept for the swing spectrum (sub-second runs of ≤ kMaxSpectrumSteps).
  std::vector<double> spectrum_;
  double capacity_w_ = 0, capacity_n1_w_ = 0;
};

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
/// The same over the `n` values p(0) … p(n − 1) of a callable (a series held in two parts).
template <class At>
double max_change_within(const At& p, Eigen::Index n, double dt_s, double window_s) {
  if (n < 2) return 0.0;
  // Exact at the step's resolution: the largest |P(t + window) − P(t)| over whole steps; steps
  // longer than the window: the step-to-step change scaled to the window.
  const bool exact = dt_s <= window_s;
  const Eigen::Index lag =
      exact ? std::min<Eigen::Index>(n - 1, std::max<Eigen::Index>(1, std::llround(window_s / dt_s)))
            : 1;
  double m = 0.0;
  for (Eigen::Index k = 0; k + lag < n; ++k) m = std::max(m, std::abs(p(k + lag) - p(k)));
  return exact ? m : m * window_s / dt_s;
}

/// Share of the variance ("swing energy") of a series in the band [f_lo, f_hi] Hz: the one-sided
/// DFT power of the bins in the band (Goertzel, exact DFT bins m/(n·dt)) over n·Σ(p − mean)²
/// (Parseval). 0..1; NaN for a constant series or fewer than 4 steps. Cost O(n · band bins).
double band_energy_share(const Eigen::Ref<const ArrayXd>& p, double dt_s, double f_lo_hz,
                         double f_hi_hz);

}  // namespace dcload::detail
