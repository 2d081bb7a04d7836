// `dcload swing`: a sub-second window of the campus against the utility's mask, the smoothing
// layers, the least-cost stack, the ride-through of a dip sequence and the islanded plant.
// The small models are in swing_models.cpp; this file composes them (engine/grid/README.md,
// "Swings").
#include "dcload/swing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "dcload/error.hpp"
#include "grid/swing_models.hpp"
#include "supply/dispatch.hpp"

namespace dcload {
namespace detail {
namespace {

constexpr double kYear_s = 8760.0 * 3600.0;
// Round trip of the rack PSUs' capacitor storage with its DC/DC stage. Assumption (L): no
// figure was found; capacitors themselves lose little, the converter a few per cent.
constexpr double kRackStorageRoundTrip = 0.95;

SwingMetrics metrics_of(const SwingArray& p, double dt_s, const SwingLimits& l,
                        const std::vector<double>& edges) {
  SwingMetrics m;
  PowerSpectrum s;
  power_spectrum(p, dt_s, s);
  m.mean = watts(p.size() ? p.mean() : 0.0);
  m.max_ramp_w_per_s = max_ramp_w_per_s(p, dt_s);
  m.dynamic_range = watts(dynamic_range_w(p, dt_s, in_si(l.dynamic_range_window)));
  const double var = s.variance_w2;
  const double band = band_variance_w2(s, l.band_low_hz, l.band_high_hz);
  const double inter = band_variance_w2(s, l.inter_area_low_hz, l.inter_area_high_hz);
  m.band_share = var > 0 ? band / var : 0.0;
  m.inter_area_share = var > 0 ? inter / var : 0.0;
  m.band_rms = watts(std::sqrt(band));
  m.rms = watts(std::sqrt(var));
  if (l.modal_high_hz > l.modal_low_hz && l.modal_low_hz > 0)
    m.modal_amplitude = watts(std::sqrt(2.0 * band_variance_w2(s, l.modal_low_hz, l.modal_high_hz)));
  for (size_t i = 0; i + 1 < edges.size(); ++i)
    m.band_rms_w.push_back(std::sqrt(band_variance_w2(s, edges[i], edges[i + 1])));
  char b[256];
  if (l.max_ramp_w_per_s > 0 && m.max_ramp_w_per_s > l.max_ramp_w_per_s) {
    std::snprintf(b, sizeof b, "ramp %.2f MW/s above the limit %.2f MW/s",
                  m.max_ramp_w_per_s / 1e6, l.max_ramp_w_per_s / 1e6);
    m.breaches.push_back(b);
  }
  if (in_si(l.max_dynamic_range) > 0 && in_si(m.dynamic_range) > in_si(l.max_dynamic_range)) {
    std::snprintf(b, sizeof b, "dynamic range %.2f MW within %.3g s above the limit %.2f MW",
                  in_megawatts(m.dynamic_range), in_si(l.dynamic_range_window),
                  in_megawatts(l.max_dynamic_range));
    m.breaches.push_back(b);
  }
  if (l.max_band_share < 1.0 && m.band_share > l.max_band_share) {
    std::snprintf(b, sizeof b, "%.1f %% of the fluctuation in %.3g–%.3g Hz, above %.1f %%",
                  100 * m.band_share, l.band_low_hz, l.band_high_hz, 100 * l.max_band_share);
    m.breaches.push_back(b);
  }
  if (in_si(l.max_band_rms) > 0 && in_si(m.band_rms) > in_si(l.max_band_rms)) {
    std::snprintf(b, sizeof b, "RMS %.3f MW in %.3g–%.3g Hz above the limit %.3f MW",
                  in_megawatts(m.band_rms), l.band_low_hz, l.band_high_hz,
                  in_megawatts(l.max_band_rms));
    m.breaches.push_back(b);
  }
  if (l.max_inter_area_share < 1.0 && m.inter_area_share > l.max_inter_area_share) {
    std::snprintf(b, sizeof b, "%.1f %% of the fluctuation in the inter-area band %.3g–%.3g Hz, "
                  "above %.1f %%", 100 * m.inter_area_share, l.inter_area_low_hz,
                  l.inter_area_high_hz, 100 * l.max_inter_area_share);
    m.breaches.push_back(b);
  }
  if (in_si(l.modal_max_amplitude) > 0 && in_si(m.modal_amplitude) > in_si(l.modal_max_amplitude)) {
    std::snprintf(b, sizeof b, "forcing %.3f MW in the mode %.3g–%.3g Hz above %.3f MW",
                  in_megawatts(m.modal_amplitude), l.modal_low_hz, l.modal_high_hz,
                  in_megawatts(l.modal_max_amplitude));
    m.breaches.push_back(b);
  }
  return m;
}

// The inputs every layer evaluation needs, from the window run.
struct Window {
  double dt_s = 0;
  SwingArray it_w, facility_w;
  double k = 1.0;            // d facility / d IT
  double design_it_w = 0;
  double gpus = 0;
  double ups_rating_w = 0;
  double rack_storage_j = 0;  // Σ accelerators × PSU storage (smoothing.rack_storage or catalog)
  double rack_power_w = 0;    // design IT of the clusters with rack storage
  double price_usd_per_j = 0;
  double year_scale = 1.0;   // year / window
  double crf_bess = 0, crf_supercap = 0;
};

// A storage layer's settings as the stack uses them.
struct StorageSize {
  double power_w = 0, energy_j = 0;
};

struct Scratch {
  SwingArray it, fac, tmp;
};

// Applies a storage layer to `p` (in place via tmp); fills the layer's storage fields.
StorageStats storage_layer(const Window& w, SwingArray& p, SwingArray& tmp,
                           const StorageSmoothing& s, SwingLayer& layer) {
  StorageStats st;
  apply_storage(p, w.dt_s, s, tmp, st);
  p.swap(tmp);
  layer.active = true;
  layer.storage_power = watts(s.power_w);
  layer.storage_energy = joules(s.energy_j);
  layer.peak_storage_power = watts(st.peak_power_w);
  layer.losses = joules(st.loss_j);
  layer.limited_steps = st.limited_steps;
  const double window_s = w.dt_s * static_cast<double>(p.size());
  layer.cycles_per_day = s.energy_j > 0 ? st.discharged_j / s.energy_j * 86400.0 / window_s : 0;
  layer.cost_usd_per_yr = st.loss_j * w.year_scale * w.price_usd_per_j;
  return st;
}

StorageSmoothing storage(double power_w, double energy_j, double tau_s, double round_trip) {
  StorageSmoothing s;
  s.power_w = power_w;
  s.energy_j = energy_j;
  s.tau_s = tau_s;
  s.eta_charge = s.eta_discharge = std::sqrt(round_trip);
  return s;
}

// The stack: which sizes of each layer (the site's fixed ones as given).
struct Stack {
  double gpu_floor = 0;
  double ups_share = 0;
  StorageSize bess, supercap;
};

// Evaluates a stack, layer by layer from `from` (0 = gpu) on; layers[i] and p_out filled.
void evaluate(const Window& w, const Site& site, const Stack& st, const std::vector<double>& edges,
              std::vector<SwingLayer>& layers, std::vector<std::vector<double>>* series,
              bool every_layer = true) {
  const SmoothingSpec& sm = site.smoothing;
  const SwingLimits& lim = site.grid.limits;
  layers.clear();
  auto push = [&](SwingLayer&& layer, const SwingArray& p) {
    // In the search only the grid-side result (the last layer) is judged.
    if (every_layer || layer.name == "supercap") layer.after = metrics_of(p, w.dt_s, lim, edges);
    if (series && layer.active) series->emplace_back(p.data(), p.data() + p.size());
    layers.push_back(std::move(layer));
  };
  SwingLayer as_run;
  as_run.name = "as run";
  as_run.label = "the campus as run";
  as_run.active = true;
  push(std::move(as_run), w.facility_w);

  SwingArray it = w.it_w, tmp, fac;
  char b[200];
  // GPU floor and ramp-down: the IT draw changes, the grid by k × that change.
  SwingLayer gpu;
  gpu.name = "gpu";
  GpuSmoothing g;
  g.floor_w = st.gpu_floor * w.design_it_w;
  g.ramp_down_w_per_s = sm.gpu_ramp_down_w_per_s * w.gpus;
  std::snprintf(b, sizeof b, "GPU floor %.0f %% of design IT, ramp-down %.0f W/s per GPU",
                100 * st.gpu_floor, sm.gpu_ramp_down_w_per_s);
  gpu.label = b;
  if (g.floor_w > 0 || g.ramp_down_w_per_s > 0) {
    const double burned_it_j = apply_gpu_smoothing(it, w.dt_s, g, tmp);
    it.swap(tmp);
    gpu.active = true;
    gpu.burned = joules(burned_it_j * w.k);
    gpu.cost_usd_per_yr = burned_it_j * w.k * w.year_scale * w.price_usd_per_j;
  }
  push(std::move(gpu), w.facility_w + w.k * (it - w.it_w));
  // Rack PSU storage, on the IT side; it stores and gives back within the racks' rating
  // (power up to the design IT of the clusters that have it).
  SwingLayer rack;
  rack.name = "rack";
  const double rack_j = w.rack_storage_j;
  std::snprintf(b, sizeof b, "rack PSU storage %.0f J per GPU on average (%.4f MWh)",
                w.gpus > 0 ? rack_j / w.gpus : 0.0, rack_j / 3.6e9);
  rack.label = b;
  if (rack_j > 0)
    storage_layer(w, it, tmp, storage(w.rack_power_w, rack_j, in_si(sm.rack_storage_tau), kRackStorageRoundTrip),
                  rack);
  fac = w.facility_w + w.k * (it - w.it_w);
  push(std::move(rack), fac);
  // UPS battery smoothing, on the facility draw.
  SwingLayer ups;
  ups.name = "ups";
  const double ups_p = st.ups_share * w.ups_rating_w;
  const double ups_e = w.ups_rating_w * in_si(sm.ups_autonomy) * sm.ups_energy_share *
                       (st.ups_share > 0 ? 1.0 : 0.0);
  std::snprintf(b, sizeof b, "UPS battery smoothing %.0f %% of %.1f MW UPS, %.2f MWh usable",
                100 * st.ups_share, w.ups_rating_w / 1e6, ups_e / 3.6e9);
  ups.label = b;
  if (ups_p > 0 && ups_e > 0) {
    // The UPS battery cycles as a Li-ion BESS does (ATB's 85 % AC round trip; assumption: its
    // rectifier and inverter are already in the path, so this is conservative).
    const StorageStats st2 =
        storage_layer(w, fac, tmp, storage(ups_p, ups_e, in_si(sm.ups_tau), sm.bess_round_trip), ups);
    // Wear of the UPS battery per J delivered (its capital is already installed).
    const double delivered = st2.discharged_j;
    ups.cost_usd_per_yr += delivered * w.year_scale * sm.ups_wear_usd_per_j;
  }
  push(std::move(ups), fac);
  // Site BESS and supercapacitors: bought storage, capital annualized (+ fixed O&M share).
  struct Bought {
    const char* name;
    const char* what;
    StorageSize size;
    double tau_s, round_trip, capex_w, capex_j, annual_share;
  };
  const Bought bought[] = {
      {"bess", "site BESS", st.bess, in_si(sm.bess_tau), sm.bess_round_trip,
       sm.bess_capex_usd_per_w, sm.bess_capex_usd_per_j, w.crf_bess + sm.bess_fixed_om_share},
      {"supercap", "supercapacitors", st.supercap, in_si(sm.supercap_tau),
       sm.supercap_round_trip, sm.supercap_capex_usd_per_w, sm.supercap_capex_usd_per_j,
       w.crf_supercap}};
  for (const Bought& x : bought) {
    SwingLayer layer;
    layer.name = x.name;
    std::snprintf(b, sizeof b, "%s %.1f MW / %.4f MWh", x.what, x.size.power_w / 1e6,
                  x.size.energy_j / 3.6e9);
    layer.label = b;
    if (x.size.power_w > 0 && x.size.energy_j > 0) {
      storage_layer(w, fac, tmp, storage(x.size.power_w, x.size.energy_j, x.tau_s, x.round_trip),
                    layer);
      layer.cost_usd_per_yr +=
          (x.capex_w * x.size.power_w + x.capex_j * x.size.energy_j) * x.annual_share;
    }
    push(std::move(layer), fac);
  }
}

double stack_cost(const std::vector<SwingLayer>& layers) {
  double c = 0;
  for (const SwingLayer& l : layers) c += l.cost_usd_per_yr;
  return c;
}

// The least-cost stack over a grid of layer sizes: exhaustive (the grid is small and each
// evaluation is one pass over the window and one FFT per layer).
SwingStack search_stack(const Window& w, const Site& site, const std::vector<double>& edges) {
  SwingStack best;
  best.searched = true;
  const SmoothingSpec& sm = site.smoothing;
  std::vector<double> floors = {0.0, 0.5, 0.6, 0.7, 0.8, 0.9};
  if (sm.gpu_floor > 0 && std::find(floors.begin(), floors.end(), sm.gpu_floor) == floors.end())
    floors.push_back(sm.gpu_floor);
  std::vector<double> ups = {0.0};
  if (w.ups_rating_w > 0) ups = {0.0, 0.25, 0.5, 1.0};
  const double mean_w = w.facility_w.mean();
  std::vector<StorageSize> bess = {{}};
  if (in_si(sm.bess_power) > 0) {
    bess = {{}, {in_si(sm.bess_power), in_si(sm.bess_energy)}};
  } else {
    for (double share : {0.025, 0.05, 0.1, 0.2, 0.4})
      for (double dur_s : {30.0, 120.0, 600.0})
        bess.push_back({share * mean_w, share * mean_w * dur_s});
  }
  std::vector<StorageSize> sc = {{}};
  if (in_si(sm.supercap_power) > 0) {
    sc.push_back({in_si(sm.supercap_power), in_si(sm.supercap_energy)});
  } else if (sm.supercap_capex_usd_per_w > 0 || sm.supercap_capex_usd_per_j > 0) {
    for (double share : {0.025, 0.05, 0.1, 0.2})
      for (double dur_s : {5.0, 20.0}) sc.push_back({share * mean_w, share * mean_w * dur_s});
  }
  char b[200];
  std::snprintf(b, sizeof b,
                "exhaustive: GPU floor %zu × UPS share %zu × BESS %zu × supercapacitor %zu sizes",
                floors.size(), ups.size(), bess.size(), sc.size());
  best.method = b;
  if (sc.size() == 1 && in_si(sm.supercap_power) <= 0)
    best.method += " (supercapacitors left out: no smoothing.supercap_capex given)";
  best.cost_usd_per_yr = std::numeric_limits<double>::infinity();
  std::vector<SwingLayer> layers;
  std::string first_breach;
  for (double f : floors)
    for (double u : ups)
      for (const StorageSize& bs : bess)
        for (const StorageSize& s : sc) {
          Stack st{f, u, bs, s};
          evaluate(w, site, st, edges, layers, nullptr, false);
          ++best.evaluated;
          const SwingMetrics& m = layers.back().after;
          if (!m.compliant()) {
            if (first_breach.empty()) first_breach = m.breaches.front();
            continue;
          }
          const double c = stack_cost(layers);
          if (c < best.cost_usd_per_yr) {
            best.found = true;
            best.cost_usd_per_yr = c;
            best.gpu_floor = f;
            best.ups_share = u;
            best.bess_power = watts(bs.power_w);
            best.bess_energy = joules(bs.energy_j);
            best.supercap_power = watts(s.power_w);
            best.supercap_energy = joules(s.energy_j);
            best.layers = layers;  // re-evaluated with every layer's metrics below
          }
        }
  if (best.found) {
    Stack chosen{best.gpu_floor, best.ups_share,
                 {in_si(best.bess_power), in_si(best.bess_energy)},
                 {in_si(best.supercap_power), in_si(best.supercap_energy)}};
    // Refinement: shrink each searched storage's power, then its energy, by bisection while
    // the stack still meets the mask (each is monotone in the mask only approximately: every
    // trial is evaluated, and only a compliant, cheaper one is kept).
    auto refine = [&](StorageSize Stack::*which, bool fixed) {
      if (fixed || (chosen.*which).power_w <= 0) return;
      for (int part = 0; part < 2; ++part) {
        double lo = 0, hi = part == 0 ? (chosen.*which).power_w : (chosen.*which).energy_j;
        for (int it = 0; it < 12; ++it) {
          const double mid = 0.5 * (lo + hi);
          Stack trial = chosen;
          (part == 0 ? (trial.*which).power_w : (trial.*which).energy_j) = mid;
          evaluate(w, site, trial, edges, layers, nullptr, false);
          ++best.evaluated;
          const double c = stack_cost(layers);
          if (layers.back().after.compliant() && c <= best.cost_usd_per_yr) {
            hi = mid;
            chosen = trial;
            best.cost_usd_per_yr = c;
          } else {
            lo = mid;
          }
        }
      }
    };
    refine(&Stack::bess, in_si(sm.bess_power) > 0);
    refine(&Stack::supercap, in_si(sm.supercap_power) > 0);
    best.bess_power = watts(chosen.bess.power_w);
    best.bess_energy = joules(chosen.bess.energy_j);
    best.supercap_power = watts(chosen.supercap.power_w);
    best.supercap_energy = joules(chosen.supercap.energy_j);
    best.method += ", then bisection of the chosen BESS and supercapacitor power and energy";
    evaluate(w, site, chosen, edges, best.layers, nullptr);
    best.cost_usd_per_yr = stack_cost(best.layers);
  } else {
    best.cost_usd_per_yr = 0;
    // The largest stack of the grid: what still breaks.
    Stack top{floors.back() > 0.9 ? floors.back() : 0.9, ups.back(), bess.back(), sc.back()};
    evaluate(w, site, top, edges, layers, nullptr);
    const SwingMetrics& m = layers.back().after;
    best.why_not = m.breaches.empty() ? first_breach : m.breaches.front();
  }
  return best;
}

// Iteration periods of training workloads against the declared mode.
ModalCheck modal_check(const Site& site, const Summary& sum, const SwingMetrics& as_run) {
  ModalCheck m;
  const SwingLimits& l = site.grid.limits;
  m.declared = l.modal_low_hz > 0 && l.modal_high_hz > l.modal_low_hz;
  m.low_hz = l.modal_low_hz;
  m.high_hz = l.modal_high_hz;
  for (const ClusterResult& c : sum.clusters) m.gpus += c.count;
  if (!m.declared) return m;
  m.amplitude = as_run.modal_amplitude;
  m.max_amplitude = l.modal_max_amplitude;
  if (in_si(m.max_amplitude) > 0 && in_si(m.amplitude) > 0)
    m.max_gpus = static_cast<std::int64_t>(std::floor(
        static_cast<double>(m.gpus) * in_si(m.max_amplitude) / in_si(m.amplitude)));
  auto inside = [&](double period, int& harmonic) {
    for (int h : {1, 3, 5}) {
      const double f = h / period;
      if (f >= l.modal_low_hz && f < l.modal_high_hz) {
        harmonic = h;
        return true;
      }
    }
    harmonic = 0;
    return false;
  };
  for (const ClusterSpec& c : site.clusters) {
    const WorkloadSpec& wl = c.workload;
    if (!(wl.iteration_period_s > 0) || wl.comm_share <= 0 || wl.comm_dip <= 0) continue;
    ModalFlag f;
    f.cluster = c.name;
    f.workload = wl.name;
    f.period_s = wl.iteration_period_s;
    f.in_band = inside(f.period_s, f.harmonic);
    if (f.in_band) {
      // Smallest change of the period after which no harmonic 1, 3, 5 is in the band: the
      // candidates are the periods that put a harmonic just on an edge.
      double best = std::numeric_limits<double>::infinity();
      for (int h : {1, 3, 5})
        for (double edge : {l.modal_low_hz, l.modal_high_hz}) {
          for (double eps : {-1e-6, 1e-6}) {
            const double t = h / edge * (1.0 + eps);
            int hh = 0;
            if (t > 0 && !inside(t, hh) && std::abs(t - f.period_s) < std::abs(best))
              best = t - f.period_s;
          }
        }
      f.shift_s = std::isfinite(best) ? best : 0.0;
    }
    m.flags.push_back(f);
  }
  return m;
}

std::vector<VoltageDip> dip_sequence(const RideThroughSpec& rt) {
  std::vector<VoltageDip> dips;
  if (!rt.dip_start_s.empty()) {
    for (size_t i = 0; i < rt.dip_start_s.size(); ++i)
      dips.push_back({rt.dip_start_s[i], rt.dip_duration_s[i], rt.dip_depth_share[i]});
    return dips;
  }
  for (int i = 0; i < rt.dips; ++i)
    dips.push_back({i * in_si(rt.dip_spacing), in_si(rt.dip_duration), rt.dip_depth});
  return dips;
}

UpsTransferLogic site_logic(const RideThroughSpec& rt) {
  UpsTransferLogic u;
  u.name = "site";
  u.count_depth = rt.count_depth;
  u.count_duration_s = in_si(rt.count_duration);
  u.strikes = rt.strikes;
  u.strike_window_s = in_si(rt.strike_window);
  u.transfer_depth = rt.transfer_depth;
  u.ride_through_s = in_si(rt.ride_through_time) > 0 ? in_si(rt.ride_through_time) : 1e30;
  u.manual_return = rt.manual_return;
  u.retransfer_delay_s = in_si(rt.retransfer_delay);
  u.manual_return_s = in_si(rt.manual_return_time);
  return u;
}

std::string describe_logic(const UpsTransferLogic& u) {
  char b[200];
  std::string t;
  if (u.strikes > 0) {
    std::snprintf(b, sizeof b, "%d dips of %.0f %% or deeper within %.0f s transfer", u.strikes,
                  100 * u.count_depth, u.strike_window_s);
    t = b;
  } else {
    t = "no strike count";
  }
  if (u.ride_through_s < 1e29) {
    std::snprintf(b, sizeof b, "; the battery carries a dip up to %.3g s, then the generators",
                  u.ride_through_s);
    t += b;
  }
  if (u.transfer_depth < 1.0) {
    std::snprintf(b, sizeof b, "; a dip deeper than %.0f %% transfers at once",
                  100 * u.transfer_depth);
    t += b;
  }
  if (u.manual_return)
    std::snprintf(b, sizeof b, "; back by hand after %.3g h", u.manual_return_s / 3600.0);
  else
    std::snprintf(b, sizeof b, "; back by itself %.3g min after the last disturbance",
                  u.retransfer_delay_s / 60.0);
  t += b;
  return t;
}

RideThroughCase ride_case(const std::vector<VoltageDip>& dips, const UpsTransferLogic& u,
                          double facility_w, double ups_fed_w) {
  RideThroughCase c;
  c.setting = u.name;
  c.description = describe_logic(u);
  const TransferOutcome o = ups_transfer(dips, u);
  c.transferred = o.transferred;
  c.transfer_s = o.transfer_s;
  c.strike = o.strike;
  c.manual_return = u.manual_return;
  c.momentary = static_cast<int>(o.ride_s.size());
  c.momentary_load = watts(ups_fed_w);
  char b[200];
  int n = 0;
  for (const VoltageDip& d : dips) {
    ++n;
    const bool rode = std::find(o.ride_s.begin(), o.ride_s.end(), d.start_s) != o.ride_s.end();
    std::snprintf(b, sizeof b, "dip %d: %.0f %% for %.0f ms", n, 100 * d.depth, 1e3 * d.duration_s);
    std::string what = b;
    if (o.transferred && d.start_s > o.transfer_s) {
      c.timeline.push_back({d.start_s, what + " (on backup already)", watts(0.0)});
      continue;
    }
    if (o.transferred && d.start_s == o.transfer_s) {
      what += o.strike > 0 ? " — strike " + std::to_string(o.strike) + ": every block to backup"
                           : " — every block to backup";
      c.timeline.push_back({d.start_s, what, watts(-facility_w)});
      continue;
    }
    if (rode) {
      c.timeline.push_back({d.start_s, what + " — UPS on battery for the dip", watts(-ups_fed_w)});
      c.timeline.push_back({d.start_s + d.duration_s, "  back on the rectifier", watts(ups_fed_w)});
    } else {
      c.timeline.push_back({d.start_s, what + " — below the UPS's count, ridden", watts(0.0)});
    }
  }
  if (o.transferred && (dips.empty() || o.transfer_s != dips.front().start_s)) {
    bool logged = false;
    for (const auto& e : c.timeline)
      if (e.time_s == o.transfer_s && in_si(e.grid_step) < 0) logged = true;
    if (!logged)
      c.timeline.push_back({o.transfer_s, "dip outlasts the ride-through: every block to backup",
                            watts(-facility_w)});
  }
  if (o.transferred) {
    c.transferred_load = watts(facility_w);
    c.return_s = o.return_s;
    c.timeline.push_back({o.return_s, u.manual_return ? "load back on the grid (by hand)"
                                                      : "load back on the grid (automatic)",
                          watts(facility_w)});
  }
  std::stable_sort(c.timeline.begin(), c.timeline.end(),
                   [](const RideThroughEvent& a, const RideThroughEvent& b2) { return a.time_s < b2.time_s; });
  return c;
}

IslandCheck island_check(const Site& site, const SwingArray& load_w,
                         double dt_s) {
  IslandCheck is;
  const SupplySpec* lng = nullptr;
  for (const SupplySpec& s : site.supply)
    if (s.type == SupplyType::kLngCcgt) lng = &s;
  if (lng == nullptr) return is;
  is.applies = true;
  is.plant = lng->name;
  const double cap = in_si(lng->capacity) * std::max(1, lng->units);
  is.capacity = watts(cap);
  is.ramp_w_per_s = lng->ramp_per_s * cap;
  is.governor_s = site.swing.governor_time_s;
  is.droop = site.swing.droop;
  is.inertia_s = site.swing.inertia_s;
  is.limit_hz = site.swing.max_frequency_deviation_hz;
  const double f0 = site.swing.nominal_frequency_hz;
  // Single-machine island: 2H·dx/dt = (Pm − Pe)/S (x: frequency deviation per unit, the
  // data-center load as constant power, no load damping; Kundur 1994, §11.1). Two controls:
  // the plant's load controller moves its set point towards the load at the plant's dispatch
  // ramp (supply[].ramp_rate), and the governor adds the droop response, Pm → Pset − x·S/R,
  // through one lag of governor_s (Kundur §9.2; primary response is not held to the dispatch
  // ramp, which is minutes-scale), within 0…S.
  double x = 0, pm = load_w.size() ? std::min(load_w[0], cap) : 0.0;
  double pset = pm;
  const double alpha = is.governor_s > 0 ? dt_s / (is.governor_s + dt_s) : 1.0;
  const double step = is.ramp_w_per_s > 0 ? is.ramp_w_per_s * dt_s : 1e300;
  double worst = 0;
  for (Eigen::Index k = 0; k < load_w.size(); ++k) {
    pset = std::clamp(pset + std::clamp(load_w[k] - pset, -step, step), 0.0, cap);
    const double ref = pset - x * cap / is.droop;
    pm = std::clamp(pm + (ref - pm) * alpha, 0.0, cap);
    x += dt_s * (pm - load_w[k]) / (2.0 * is.inertia_s * cap);
    worst = std::max(worst, std::abs(x) * f0);
  }
  is.max_frequency_deviation_hz = worst;
  is.follows = worst <= is.limit_hz && load_w.maxCoeff() <= cap;
  if (!is.follows) {
    // A grid-forming battery holds the frequency; the plant follows the load as its governor
    // and ramp allow; the battery carries the gap.
    SwingArray plant;
    PlantFollowing pf{is.ramp_w_per_s, is.governor_s, cap};
    follow_with_plant(load_w, dt_s, pf, plant);
    const SwingArray gap = load_w - plant;
    is.bridge_power = watts(gap.abs().maxCoeff());
    double e = 0, lo = 0, hi = 0;
    for (Eigen::Index k = 0; k < gap.size(); ++k) {
      e += gap[k] * dt_s;
      lo = std::min(lo, e);
      hi = std::max(hi, e);
    }
    is.bridge_energy = joules(hi - lo);
  }
  return is;
}

}  // namespace

SwingMetrics swing_metrics(const std::vector<double>& p_w, double dt_s, const SwingLimits& l,
                           const std::vector<double>& edges_hz) {
  const SwingArray p = Eigen::Map<const SwingArray>(p_w.data(), static_cast<Eigen::Index>(p_w.size()));
  return metrics_of(p, dt_s, l, edges_hz);
}

}  // namespace detail

bool SwingResult::compliant() const {
  bool ok = !layers.empty() && layers.back().after.compliant();
  for (const RideThroughCase& c : ride_through)
    if (c.setting == "site" && c.transferred) ok = false;
  if (island.applies && !island.follows) ok = false;
  return ok;
}

SwingResult swing(const Site& site, const SwingOptions& o) {
  using namespace detail;
  SwingResult r;
  r.site = site.name;
  r.limits = site.grid.limits;
  const std::string start_text = o.start.empty() ? site.swing.start : o.start;
  r.start = parse_year_time(start_text);
  r.duration = in_si(o.duration) > 0 ? o.duration : site.swing.duration;
  const Duration dt = in_si(o.timestep) > 0 ? o.timestep : site.swing.timestep;
  r.dt_s = in_si(dt);
  if (r.dt_s > 1.0 + 1e-12)
    throw ConfigError("", 0, 0, "swing.timestep",
                      "swing.timestep must be 1 s or less for a swing analysis (sub-second "
                      "swings; 0.1 s resolves up to 5 Hz)");
  RunOptions ro;
  ro.timestep = dt;
  ro.start = r.start;
  ro.duration = r.duration;
  ro.weather_override = o.weather_override;
  ro.channels = {"it_power", "facility_power"};
  // The window's problems name the swing key they come from (the run would name none).
  if (const auto problems = ro.validate(); !problems.empty()) {
    const std::string key =
        problems.front().find("timestep") != std::string::npos ? "swing.timestep" : "swing.start";
    char b[160];
    std::snprintf(b, sizeof b, "%s: the window %s + %g s at %g s steps: ", key.c_str(),
                  start_text.c_str(), in_si(r.duration), r.dt_s);
    throw ConfigError("", 0, 0, key, b + problems.front());
  }
  const RunResult run = dcload::run(site, ro);
  detail::analyse_swing(site, run.summary, run.channel("it_power"), run.channel("facility_power"),
                        o.search, r);
  r.run_status = run.status;
  return r;
}

namespace detail {

void analyse_swing(const Site& site, const Summary& sum, std::span<const double> it,
                   std::span<const double> fac, bool search, SwingResult& r) {
  r.dt_s = in_si(sum.timestep);
  r.limits = site.grid.limits;
  r.gpus = 0;
  Window w;
  w.dt_s = r.dt_s;
  w.it_w = Eigen::Map<const SwingArray>(it.data(), static_cast<Eigen::Index>(it.size()));
  w.facility_w = Eigen::Map<const SwingArray>(fac.data(), static_cast<Eigen::Index>(fac.size()));
  r.steps = it.size();
  // Facility/IT slope (least squares); the mean ratio when the IT draw is flat.
  const double mi = w.it_w.mean(), mf = w.facility_w.mean();
  const double var_it = (w.it_w - mi).square().sum();
  w.k = var_it > 1e-6 * mi * mi * static_cast<double>(r.steps) + 1.0
            ? ((w.it_w - mi) * (w.facility_w - mf)).sum() / var_it
            : (mi > 0 ? mf / mi : 1.0);
  r.facility_per_it = w.k;
  w.design_it_w = in_si(sum.design_it_power);
  for (const ClusterResult& c : sum.clusters) r.gpus += c.count;
  w.gpus = static_cast<double>(r.gpus);
  for (const ComponentResult& c : sum.plant)
    if (c.name == "ups_modules") w.ups_rating_w += in_si(c.installed_capacity);
  // Rack PSU storage: the site's figure for every accelerator, else each cluster's catalog
  // figure (accelerators.toml psu_energy_storage) × its accelerators as run.
  for (const ClusterResult& c : sum.clusters) {
    double per_gpu = in_si(site.smoothing.rack_storage_per_gpu);
    if (!(per_gpu > 0))
      for (const ClusterSpec& spec : site.clusters)
        if (spec.name == c.name) per_gpu = in_si(spec.accelerator.psu_storage_per_gpu);
    w.rack_storage_j += per_gpu * static_cast<double>(c.count);
    if (per_gpu > 0) w.rack_power_w += in_si(c.design_it);
  }
  const double window_s = r.dt_s * static_cast<double>(r.steps);
  w.year_scale = window_s > 0 ? kYear_s / window_s : 0.0;
  if (site.smoothing.energy_price_usd_per_j > 0) {
    w.price_usd_per_j = site.smoothing.energy_price_usd_per_j;
  } else if (in_si(sum.facility_energy) > 0 && sum.supply_cost_usd > 0) {
    w.price_usd_per_j = sum.supply_cost_usd / in_si(sum.facility_energy);
    char b[200];
    std::snprintf(b, sizeof b,
                  "energy the layers burn or lose is priced at the window's average supply cost, "
                  "%.1f USD/MWh (smoothing.energy_price sets another)",
                  w.price_usd_per_j * 3.6e9);
    r.notes.push_back(b);
  } else {
    r.notes.push_back("no energy price (the supply cost is incomplete and smoothing.energy_price "
                      "is 0): burned and lost energy are not priced");
  }
  r.energy_price_usd_per_j = w.price_usd_per_j;
  const double rate = site.economics.discount_rate;
  w.crf_bess = capital_recovery_factor(rate, in_si(site.smoothing.bess_lifetime) / kYear_s);
  w.crf_supercap = capital_recovery_factor(rate, in_si(site.smoothing.supercap_lifetime) / kYear_s);
  r.spectrum_edges_hz = {0.0, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 20.0};
  const double nyquist = 0.5 / r.dt_s;
  while (r.spectrum_edges_hz.size() > 2 &&
         r.spectrum_edges_hz[r.spectrum_edges_hz.size() - 2] >= nyquist)
    r.spectrum_edges_hz.pop_back();
  r.spectrum_edges_hz.back() = std::max(r.spectrum_edges_hz.back(), nyquist + 1e-9);

  // The site's own stack.
  Stack site_stack;
  site_stack.gpu_floor = site.smoothing.gpu_floor;
  site_stack.ups_share = site.smoothing.ups_share;
  site_stack.bess = {in_si(site.smoothing.bess_power), in_si(site.smoothing.bess_energy)};
  site_stack.supercap = {in_si(site.smoothing.supercap_power), in_si(site.smoothing.supercap_energy)};
  evaluate(w, site, site_stack, r.spectrum_edges_hz, r.layers, &r.series_w);
  for (const SwingLayer& l : r.layers)
    if (l.active) r.series_names.push_back(l.name);
  if (search) r.stack = search_stack(w, site, r.spectrum_edges_hz);
  r.modal = modal_check(site, sum, r.layers.front().after);

  // Ride-through: the site's setting, then the other of "three strikes" and "ride-through".
  const std::vector<VoltageDip> dips = dip_sequence(site.ride_through);
  const double ups_fed_w = mi + (sum.it_energy.value() > 0 && sum.ups_loss.value() > 0
                                     ? mi * sum.ups_loss.value() / sum.it_energy.value()
                                     : 0.0);
  const UpsTransferLogic mine = site_logic(site.ride_through);
  r.ride_through.push_back(ride_case(dips, mine, mf, ups_fed_w));
  UpsTransferLogic other;
  if (mine.strikes == 3 && mine.manual_return) {
    other.name = "ride-through";
    other.count_depth = mine.count_depth;
    other.strikes = 0;
    other.ride_through_s = 30.0;  // then the generators (they start in 30–90 s)
    other.manual_return = false;
    other.retransfer_delay_s = 300.0;
  } else {
    other.name = "three strikes";
    other.count_depth = 0.1;
    other.strikes = 3;
    other.strike_window_s = 60.0;
    other.manual_return = true;
    other.manual_return_s = 7200.0;
  }
  r.ride_through.push_back(ride_case(dips, other, mf, ups_fed_w));

  // Islanded plant against the draw after the site's layers.
  const SwingArray after = Eigen::Map<const SwingArray>(
      r.series_w.back().data(), static_cast<Eigen::Index>(r.series_w.back().size()));
  r.island = island_check(site, after, r.dt_s);
  if (r.island.applies && r.stack.found) {
    // The same plant behind the cheapest stack.
    Stack chosen{r.stack.gpu_floor, r.stack.ups_share,
                 {in_si(r.stack.bess_power), in_si(r.stack.bess_energy)},
                 {in_si(r.stack.supercap_power), in_si(r.stack.supercap_energy)}};
    std::vector<SwingLayer> layers;
    std::vector<std::vector<double>> series;
    evaluate(w, site, chosen, r.spectrum_edges_hz, layers, &series, false);
    const SwingArray behind = Eigen::Map<const SwingArray>(
        series.back().data(), static_cast<Eigen::Index>(series.back().size()));
    r.island_with_stack = island_check(site, behind, r.dt_s);
  }

  // Notes: what the numbers rest on.
  {
    const SwingLimits& l = site.grid.limits;
    char b2[300];
    auto above = [&](const char* what, double lo, double hi) {
      if (hi <= nyquist) return;
      std::snprintf(b2, sizeof b2,
                    "the %s's upper edge %.3g Hz is above the window's Nyquist frequency %.3g Hz "
                    "(%.3g s steps): its figures cover %.3g–%.3g Hz only",
                    what, hi, nyquist, r.dt_s, lo, nyquist);
      r.notes.push_back(b2);
    };
    above("critical band", l.band_low_hz, l.band_high_hz);
    above("inter-area band", l.inter_area_low_hz, l.inter_area_high_hz);
    if (l.modal_high_hz > l.modal_low_hz && l.modal_low_hz > 0)
      above("declared mode", l.modal_low_hz, l.modal_high_hz);
  }
  auto life_note = [&](const std::vector<SwingLayer>& layers, const std::string& which) {
    for (const SwingLayer& l : layers) {
      if (!l.active || (l.name != "ups" && l.name != "bess") || l.cycles_per_day <= 0) continue;
      const double cycles = l.name == "ups" ? site.smoothing.ups_cycle_life : site.smoothing.bess_cycle_life;
      const double life_s = l.name == "ups" ? in_si(site.smoothing.ups_calendar_life)
                                            : in_si(site.smoothing.bess_lifetime);
      const double years = cycles / (l.cycles_per_day * 365.0);
      if (years * kYear_s >= life_s) continue;
      char b3[320];
      std::snprintf(b3, sizeof b3,
                    "%s%s: %.2f equivalent full cycles a day reach the battery's %.0f-cycle life "
                    "in %.1f years, before its %.0f-year life: replacements, or more energy so "
                    "each cycle is shallower",
                    which.c_str(), l.name == "ups" ? "UPS battery smoothing" : "site BESS",
                    l.cycles_per_day, cycles, years, life_s / kYear_s);
      r.notes.push_back(b3);
    }
  };
  life_note(r.layers, "");
  for (const SwingLayer& l : r.layers) {
    if (!l.active) continue;
    if (l.name == "supercap" && site.smoothing.supercap_capex_usd_per_w <= 0 &&
        site.smoothing.supercap_capex_usd_per_j <= 0)
      r.notes.push_back("the supercapacitors' capital is not priced (no smoothing.supercap_capex_"
                        "power or _energy): their cost is their losses only");
    if (l.name == "rack")
      r.notes.push_back("rack PSU storage is counted as built into the racks (no capital; its "
                        "cost is its losses)");
  }
  if (r.stack.found) life_note(r.stack.layers, "cheapest stack, ");
  const bool gpu_on = r.layers.size() > 1 && r.layers[1].active;
  if (gpu_on || (r.stack.found && r.stack.gpu_floor > 0))
    r.notes.push_back("the GPU floor acts on the campus IT draw as a whole: exact for one "
                      "synchronous job, a lower bound of the burned energy when jobs run out of "
                      "phase (each device's floor acts on its own draw)");
  r.notes.push_back("costs per year assume the window's swing all year (× 8,760 h / window); "
                    "storage capital is annualized at economics.discount_rate");
  if (r.steps < 2 || r.layers.front().after.rms.value() <= 0)
    r.notes.push_back("the window's draw is flat: no swing to analyse (a training workload with "
                      "iteration_period_s, comm_share and comm_dip swings)");
  r.notes.push_back("dip sequence: " + std::to_string(dips.size()) +
                    (site.ride_through.dip_start_s.empty()
                         ? " dips as ride_through.* (default: the 2024-07-10 Eastern "
                           "Interconnection event, NERC incident review 2025-01-08, as quoted)"
                         : " dips from " + site.ride_through.dips_file));
}

}  // namespace detail
}  // namespace dcload
