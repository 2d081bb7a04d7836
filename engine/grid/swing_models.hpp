#pragma once
// Small models behind `dcload swing` (engine/grid/README.md, "Swings"): the spectrum of a
// sub-second draw, ramps and dynamic range, the smoothing layers (GPU power floor and ramp-down
// limit, storage that makes the grid follow a low-pass of the load) and the UPS transfer logic
// under a voltage-dip sequence. Plain doubles in SI units; no Site, no strings in the hot paths.
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace dcload::detail {

using SwingArray = Eigen::ArrayXd;

/// One-sided power spectrum of the fluctuation of `p_w` (its mean removed), rectangular window,
/// by Eigen's FFT (unsupported/Eigen/FFT, kissfft back end): power[k] at freq k·df, df = 1/(N·dt),
/// k = 1 … ⌊N/2⌋, scaled so that Σ power = variance of p_w (Parseval, W²).
struct PowerSpectrum {
  double df_hz = 0;
  std::vector<double> power_w2;  ///< index k = bin k (k = 0, the mean, is 0)
  double variance_w2 = 0;
};
void power_spectrum(const SwingArray& p_w, double dt_s, PowerSpectrum& out);

/// Variance of the fluctuation in the bins with f_lo ≤ f < f_hi (W²).
double band_variance_w2(const PowerSpectrum& s, double f_lo_hz, double f_hi_hz);

/// Largest |p[k] − p[k−1]| / dt over the series, W/s.
double max_ramp_w_per_s(const SwingArray& p_w, double dt_s);

/// Largest (max − min) of p_w over any run of `window_s` (at least one step; the whole series
/// when window_s ≥ its length), W. Monotone deques: O(N).
double dynamic_range_w(const SwingArray& p_w, double dt_s, double window_s);

/// GPU power smoothing (NVML power smoothing: a power floor and a ramp-down rate, per device;
/// the campus form is the per-device setting × the number of devices): out ≥ floor, and out
/// falls by at most ramp_down·dt per step (it rises with the load at once). The energy above
/// the load is "burned" (no work done).
struct GpuSmoothing {
  double floor_w = 0;                 ///< campus floor, W (0: none)
  double ramp_down_w_per_s = 0;       ///< campus ramp-down limit, W/s (0: none)
};
/// Writes out_w; returns the energy burned, J. Aggregate form: exact for one synchronous job,
/// a lower bound of the burn when jobs run out of phase (each device's floor acts on its own
/// draw).
double apply_gpu_smoothing(const SwingArray& load_w, double dt_s, const GpuSmoothing& g,
                           SwingArray& out_w);

/// Storage that makes the upstream draw follow a first-order low-pass of the load (time
/// constant tau_s) with a slow pull of its charge back to the start (tau_s·soc_pull), within
/// its power and energy: storage power = load − upstream draw, > 0 discharging.
struct StorageSmoothing {
  double power_w = 0;       ///< discharge and charge limit, W
  double energy_j = 0;      ///< usable energy, J
  double tau_s = 1.0;       ///< low-pass time constant of the upstream draw, s
  double eta_charge = 1.0;  ///< one-way charge efficiency
  double eta_discharge = 1.0;
  double soc_start = 0.5;   ///< share of energy_j at the start (and the level it is pulled to)
  /// Pull of the charge towards soc_start, in units of tau_s. A controller setting, not a
  /// published figure (assumption): slow enough (10 τ) to leave the low-pass's band alone,
  /// fast enough to hold the charge over a window of minutes; its share of the residual,
  /// 1/soc_pull, is in the test of the low-pass.
  double soc_pull = 10.0;
};
struct StorageStats {
  double discharged_j = 0;  ///< delivered to the load side
  double charged_j = 0;     ///< taken from the upstream side
  double loss_j = 0;        ///< conversion losses (charge and discharge)
  double soc_start_j = 0, soc_end_j = 0, soc_min_j = 0, soc_max_j = 0;
  double peak_power_w = 0;  ///< largest |storage power|
  std::size_t limited_steps = 0;  ///< steps its power or energy limit bound
  /// Energy balance: Σ(load − upstream)·dt + (soc_end − soc_start) + loss = 0 (tested).
};
void apply_storage(const SwingArray& load_w, double dt_s, const StorageSmoothing& s,
                   SwingArray& out_w, StorageStats& stats);

/// A generating plant following an islanded load: governor as a first-order lag (time constant
/// governor_s) limited to ramp_w_per_s; the mismatch load − plant is what a grid-forming
/// battery bridge must carry. Returns the plant output in out_w.
struct PlantFollowing {
  double ramp_w_per_s = 0;  ///< 0: no ramp limit
  double governor_s = 0;    ///< 0: follows at once (within the ramp)
  double capacity_w = 0;    ///< output ≤ capacity
};
void follow_with_plant(const SwingArray& load_w, double dt_s, const PlantFollowing& p,
                       SwingArray& out_w);

// ---- ride-through -----------------------------------------------------------------------

/// One voltage dip at the campus's supply: from start_s for duration_s, the voltage at
/// (1 − depth) of nominal.
struct VoltageDip {
  double start_s = 0;
  double duration_s = 0;
  double depth = 0;  ///< 0.1: the voltage falls to 90 % of nominal
};

/// A UPS block's transfer logic. A dip counts as a disturbance when it is at least
/// `count_depth` deep and lasts at least `count_duration_s`; `strikes` disturbances within
/// `strike_window_s` transfer the block to backup (battery, then the standby generators) and
/// keep it there. Independently, a dip deeper than `transfer_depth` or longer than
/// `ride_through_s` transfers at once (the UPS cannot carry it on its rectifier). Return:
/// automatic `retransfer_delay_s` after the last disturbance, or by hand after
/// `manual_return_s`.
struct UpsTransferLogic {
  std::string name;
  double count_depth = 0.1;
  double count_duration_s = 0;
  int strikes = 3;                    ///< 0: strikes never transfer
  double strike_window_s = 60;
  double transfer_depth = 1.0;        ///< > 1: never on depth alone
  double ride_through_s = 1e30;       ///< longest dip carried without transfer
  bool manual_return = true;
  double retransfer_delay_s = 300;
  double manual_return_s = 7200;
};

/// What one block does under a dip sequence.
struct TransferOutcome {
  bool transferred = false;
  double transfer_s = 0;              ///< when it went to backup
  int strike = 0;                     ///< the disturbance that did it (1-based; 0: depth/duration)
  double return_s = 0;                ///< when its load is back on the grid
  int disturbances = 0;               ///< dips that counted
  std::vector<double> ride_s;         ///< dips carried on the UPS battery (start times)
};
TransferOutcome ups_transfer(const std::vector<VoltageDip>& dips, const UpsTransferLogic& u);

}  // namespace dcload::detail
