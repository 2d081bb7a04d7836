#pragma once
/// \file swing.hpp
/// Training swings the grid can live with (`dcload swing`): a sub-second window of the campus
/// checked against the utility's mask ([grid.limits]), the grid-side waveform after each
/// smoothing layer ([smoothing]), the least-cost stack of layers that meets the mask, the
/// ride-through of a voltage-dip sequence under the UPS transfer logic ([ride_through]), and
/// whether an on-site LNG plant can carry the swing islanded.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/ulsan.toml");
///   dcload::SwingResult r = dcload::swing(site);
///   for (const auto& layer : r.layers)
///     std::printf("%s: %.2f MW/s, %.1f %% in band\n", layer.name.c_str(),
///                 layer.after.max_ramp_w_per_s / 1e6, 100 * layer.after.band_share);
///   if (r.stack.found) std::printf("cheapest stack: %.0f USD/yr\n", r.stack.cost_usd_per_yr);
/// \endcode
///
/// Method (engine/grid/README.md, "Swings"):
///  - the window is a run of the site at swing.timestep from swing.start for swing.duration
///    (0.1 s, 10 min by default); the waveform is its facility draw at the grid;
///  - spectrum: one-sided power spectrum of the draw's fluctuation (mean removed, rectangular
///    window, Eigen's FFT); a band's share is its part of the variance, its RMS the square root
///    of its variance (Parseval);
///  - layers, from the chips out: GPU floor and ramp-down (the campus IT draw held up, the
///    energy burned), rack PSU storage, UPS battery, site BESS, supercapacitors — each storage
///    a low-pass follower within its power and energy; IT-side changes reach the grid through
///    the window's own facility/IT slope (losses and cooling as the run computed them);
///  - the stack search is exhaustive over a stated grid of layer sizes (SwingStack::grid);
///  - costs per year assume the window's swing all year (scale 8,760 h / window).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {

/// Options of a swing analysis. Empty/zero fields take the site's [swing] values.
struct SwingOptions {
  std::string weather_override;   ///< as RunOptions::weather_override
  std::string start;              ///< "MM-DD HH:MM" (empty: swing.start)
  Duration duration = seconds(0.0);  ///< 0: swing.duration
  Duration timestep = seconds(0.0);  ///< 0: swing.timestep
  bool search = true;             ///< run the least-cost stack search
};

/// Swing metrics of one grid-side waveform, against the site's mask.
struct SwingMetrics {
  Power mean;
  double max_ramp_w_per_s = 0;    ///< largest |ΔP|/Δt between steps
  Power dynamic_range;            ///< largest max − min within grid.limits.dynamic_range_window
  double band_share = 0;          ///< share of the variance in the critical band
  Power band_rms;                 ///< RMS of the fluctuation within the critical band
  double inter_area_share = 0;    ///< share of the variance in the inter-area band
  Power modal_amplitude;          ///< sinusoid-equivalent peak in the declared modal band (0: none)
  Power rms;                      ///< RMS of the whole fluctuation
  /// RMS of the fluctuation in the report bands (SwingResult::spectrum_edges_hz), W.
  std::vector<double> band_rms_w;
  std::vector<std::string> breaches;  ///< one sentence per limit exceeded; empty: compliant
  bool compliant() const { return breaches.empty(); }
};

/// One smoothing layer as the site states it, and the waveform at the grid after it.
struct SwingLayer {
  std::string name;               ///< "as run", "gpu", "rack", "ups", "bess", "supercap"
  std::string label;              ///< what it is, e.g. "GPU floor 60 %, ramp-down 500 W/s"
  bool active = false;
  SwingMetrics after;             ///< the grid draw after this layer (and the ones before)
  Energy burned;                  ///< gpu: energy above the load (at the grid) in the window
  Energy losses;                  ///< storage: conversion losses in the window
  Power storage_power;            ///< storage: rating used
  Energy storage_energy;          ///< storage: usable energy
  Power peak_storage_power;       ///< storage: largest |power| it gave
  double cycles_per_day = 0;      ///< storage: equivalent full cycles per day (discharged / E)
  std::size_t limited_steps = 0;  ///< storage: steps its power or energy bound
  double cost_usd_per_yr = 0;     ///< annualized capital + O&M + energy burned or lost
};

/// The least-cost stack that meets the mask, from an exhaustive search over `grid`.
struct SwingStack {
  bool searched = false;
  bool found = false;
  std::string method;             ///< the search as done, e.g. "exhaustive over 6 × 4 × 16 sizes"
  std::size_t evaluated = 0;
  double gpu_floor = 0;           ///< share of design IT
  double ups_share = 0;
  Power bess_power;
  Energy bess_energy;
  Power supercap_power;
  Energy supercap_energy;
  double cost_usd_per_yr = 0;
  std::vector<SwingLayer> layers; ///< the chosen stack, layer by layer (as SwingResult::layers)
  std::string why_not;            ///< when not found: the limit no searched stack met
};

/// An iteration period of a training workload against the declared mode.
struct ModalFlag {
  std::string cluster;
  std::string workload;
  double period_s = 0;
  int harmonic = 0;               ///< 1, 3 or 5: the harmonic inside the band (0: none)
  bool in_band = false;
  double shift_s = 0;             ///< smallest change of the period that leaves the band (±)
};
struct ModalCheck {
  bool declared = false;
  double low_hz = 0, high_hz = 0;
  std::vector<ModalFlag> flags;
  Power amplitude;                ///< as run
  Power max_amplitude;            ///< grid.limits.modal_max_amplitude (0: not given)
  std::int64_t gpus = 0;          ///< accelerators as run
  std::int64_t max_gpus = 0;      ///< gpus × max_amplitude / amplitude (0: not given)
};

/// One event of a ride-through timeline.
struct RideThroughEvent {
  double time_s = 0;              ///< after the first dip's start
  std::string what;
  Power grid_step;                ///< change of the grid draw (< 0: load lost)
};
/// A UPS transfer setting under the dip sequence.
struct RideThroughCase {
  std::string setting;            ///< "site" or the compared preset's name
  std::string description;
  bool transferred = false;
  double transfer_s = 0;
  int strike = 0;
  Power transferred_load;         ///< facility load moved to backup (every block)
  double return_s = 0;
  bool manual_return = false;
  int momentary = 0;              ///< dips carried on the UPS battery (momentary load loss)
  Power momentary_load;           ///< UPS-fed load the grid loses during each of them
  std::vector<RideThroughEvent> timeline;
};

/// Whether the on-site LNG plant can follow the swing islanded.
struct IslandCheck {
  bool applies = false;           ///< an lng_ccgt source exists
  std::string plant;
  Power capacity;
  double ramp_w_per_s = 0;
  double governor_s = 0, droop = 0, inertia_s = 0;
  double max_frequency_deviation_hz = 0;   ///< of the island without a bridge
  double limit_hz = 0;
  bool follows = false;
  Power bridge_power;             ///< grid-forming battery that closes the gap (0 if follows)
  Energy bridge_energy;
};

struct SwingResult {
  std::string site;
  RunStatus run_status;           ///< of the window run
  double dt_s = 0;
  Duration start, duration;
  std::size_t steps = 0;
  std::int64_t gpus = 0;
  double facility_per_it = 0;     ///< slope of facility vs IT draw in the window
  double energy_price_usd_per_j = 0;  ///< for burned and lost energy
  SwingLimits limits;
  std::vector<double> spectrum_edges_hz;  ///< report bands: [edge_i, edge_i+1)
  std::vector<SwingLayer> layers; ///< "as run" then every layer in order (inactive ones too)
  SwingStack stack;
  ModalCheck modal;
  std::vector<RideThroughCase> ride_through;  ///< the site's setting, then the compared one
  IslandCheck island;             ///< behind the site's own layers
  IslandCheck island_with_stack;  ///< behind the cheapest stack (applies when one was found)
  std::vector<std::string> notes;
  /// Grid draw per step after each active layer (W), for CSV output: names as layers[i].name.
  std::vector<std::string> series_names;
  std::vector<std::vector<double>> series_w;
  /// The outcome: ok when the site's stack meets the mask, the ride-through keeps the load on
  /// the grid and an islanded plant follows.
  bool compliant() const;
};

/// Analyse the site's swings. Throws ConfigError for bad options (a start that is not a time
/// of the year, a step that does not divide an hour); physical findings are in the result.
SwingResult swing(const Site& site, const SwingOptions& options = {});

std::string swing_report(const SwingResult& r);   ///< the text report (≤ 100 columns)
std::string to_json(const SwingResult& r);
std::string swing_series_csv(const SwingResult& r);  ///< time_s + one column per layer, MW
std::string swing_spectrum_csv(const SwingResult& r);  ///< frequency + power per layer, MW²

namespace detail {
/// Everything after the window run (the bench times it apart from the run): `it` and `fac`
/// are the run's it_power and facility_power channels, `sum` its summary; fills `r` (its
/// start, duration and site as the caller set them).
void analyse_swing(const Site& site, const Summary& sum, std::span<const double> it,
                   std::span<const double> fac, bool search, SwingResult& r);
/// The mask's verdict on a waveform (exposed for tests).
SwingMetrics swing_metrics(const std::vector<double>& p_w, double dt_s, const SwingLimits& l,
                           const std::vector<double>& edges_hz);
}  // namespace detail

}  // namespace dcload
