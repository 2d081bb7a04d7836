// Small models behind `dcload swing`; see swing_models.hpp for each one's form and source.
#include "grid/swing_models.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <deque>

#include <unsupported/Eigen/FFT>

namespace dcload::detail {

void power_spectrum(const SwingArray& p_w, double dt_s, PowerSpectrum& out) {
  const Eigen::Index n = p_w.size();
  out.power_w2.clear();
  out.variance_w2 = 0;
  out.df_hz = n > 0 ? 1.0 / (static_cast<double>(n) * dt_s) : 0.0;
  if (n < 2) return;
  // Eigen's FFT (kissfft back end) caches its plans per length: one object per thread.
  thread_local Eigen::FFT<double> fft;
  thread_local std::vector<double> x;
  thread_local std::vector<std::complex<double>> X;
  fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
  const double mean = p_w.mean();
  x.resize(static_cast<size_t>(n));
  for (Eigen::Index k = 0; k < n; ++k) x[static_cast<size_t>(k)] = p_w[k] - mean;
  fft.fwd(X, x);
  // Parseval: Σ_k |X_k|² = N·Σ x²; one-sided, the bins 1 … N/2 − 1 stand for ±k (×2), the
  // Nyquist bin (N even) for itself. Dividing by N² gives the variance share of each bin.
  const size_t half = static_cast<size_t>(n / 2);
  out.power_w2.assign(half + 1, 0.0);
  const double nn = static_cast<double>(n) * static_cast<double>(n);
  for (size_t k = 1; k <= half; ++k) {
    const double twice = (n % 2 == 0 && k == half) ? 1.0 : 2.0;
    out.power_w2[k] = twice * std::norm(X[k]) / nn;
    out.variance_w2 += out.power_w2[k];
  }
}

double band_variance_w2(const PowerSpectrum& s, double f_lo_hz, double f_hi_hz) {
  double v = 0;
  for (size_t k = 1; k < s.power_w2.size(); ++k) {
    const double f = static_cast<double>(k) * s.df_hz;
    if (f >= f_lo_hz && f < f_hi_hz) v += s.power_w2[k];
  }
  return v;
}

double max_ramp_w_per_s(const SwingArray& p_w, double dt_s) {
  if (p_w.size() < 2) return 0.0;
  const Eigen::Index n = p_w.size();
  return (p_w.tail(n - 1) - p_w.head(n - 1)).abs().maxCoeff() / dt_s;
}

double dynamic_range_w(const SwingArray& p_w, double dt_s, double window_s) {
  const Eigen::Index n = p_w.size();
  if (n == 0) return 0.0;
  // Samples k − w … k span w steps = window_s.
  const Eigen::Index w =
      std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::llround(window_s / dt_s)));
  if (w >= n - 1) return p_w.maxCoeff() - p_w.minCoeff();
  std::deque<Eigen::Index> hi, lo;  // indices of a falling / rising run
  double best = 0;
  for (Eigen::Index k = 0; k < n; ++k) {
    while (!hi.empty() && p_w[hi.back()] <= p_w[k]) hi.pop_back();
    while (!lo.empty() && p_w[lo.back()] >= p_w[k]) lo.pop_back();
    hi.push_back(k);
    lo.push_back(k);
    while (hi.front() < k - w) hi.pop_front();
    while (lo.front() < k - w) lo.pop_front();
    best = std::max(best, p_w[hi.front()] - p_w[lo.front()]);
  }
  return best;
}

double apply_gpu_smoothing(const SwingArray& load_w, double dt_s, const GpuSmoothing& g,
                           SwingArray& out_w) {
  const Eigen::Index n = load_w.size();
  out_w.resize(n);
  if (n == 0) return 0.0;
  const double step = g.ramp_down_w_per_s * dt_s;
  double prev = std::max(load_w[0], g.floor_w);
  double burned_j = 0;
  for (Eigen::Index k = 0; k < n; ++k) {
    double v = std::max(load_w[k], g.floor_w);
    if (step > 0 && k > 0) v = std::max(v, prev - step);
    out_w[k] = v;
    prev = v;
    burned_j += (v - load_w[k]) * dt_s;
  }
  return burned_j;
}

void apply_storage(const SwingArray& load_w, double dt_s, const StorageSmoothing& s,
                   SwingArray& out_w, StorageStats& st) {
  const Eigen::Index n = load_w.size();
  out_w.resize(n);
  st = StorageStats{};
  const double e_max = std::max(s.energy_j, 0.0);
  double soc = std::clamp(s.soc_start, 0.0, 1.0) * e_max;
  const double soc_ref = soc;
  st.soc_start_j = st.soc_min_j = st.soc_max_j = soc;
  if (n == 0 || s.power_w <= 0 || e_max <= 0) {
    out_w = load_w;
    st.soc_end_j = soc;
    return;
  }
  const double alpha = dt_s / (s.tau_s + dt_s);  // backward-Euler first-order low-pass
  const double pull_s = std::max(s.tau_s * s.soc_pull, dt_s);
  double lp = load_w[0];
  for (Eigen::Index k = 0; k < n; ++k) {
    lp += (load_w[k] - lp) * alpha;
    const double target = lp - (soc - soc_ref) / pull_s;  // more charge → draw less upstream
    const double want = load_w[k] - target;               // > 0: discharge
    double p = std::clamp(want, -s.power_w, s.power_w);
    if (p > 0)
      p = std::min(p, soc * s.eta_discharge / dt_s);
    else
      p = std::max(p, -(e_max - soc) / (s.eta_charge * dt_s));
    if (p != want) ++st.limited_steps;
    if (p > 0) {
      const double drawn = p * dt_s / s.eta_discharge;
      soc -= drawn;
      st.discharged_j += p * dt_s;
      st.loss_j += drawn - p * dt_s;
    } else {
      const double in = -p * dt_s;
      soc += in * s.eta_charge;
      st.charged_j += in;
      st.loss_j += in * (1.0 - s.eta_charge);
    }
    soc = std::clamp(soc, 0.0, e_max);
    st.soc_min_j = std::min(st.soc_min_j, soc);
    st.soc_max_j = std::max(st.soc_max_j, soc);
    st.peak_power_w = std::max(st.peak_power_w, std::abs(p));
    out_w[k] = load_w[k] - p;
  }
  st.soc_end_j = soc;
}

void follow_with_plant(const SwingArray& load_w, double dt_s, const PlantFollowing& p,
                       SwingArray& out_w) {
  const Eigen::Index n = load_w.size();
  out_w.resize(n);
  if (n == 0) return;
  const double alpha = p.governor_s > 0 ? dt_s / (p.governor_s + dt_s) : 1.0;
  const double step = p.ramp_w_per_s > 0 ? p.ramp_w_per_s * dt_s : 1e300;
  const double cap = p.capacity_w > 0 ? p.capacity_w : 1e300;
  double y = std::min(load_w[0], cap);  // in steady state at the window's start
  for (Eigen::Index k = 0; k < n; ++k) {
    if (k > 0) y += std::clamp((load_w[k] - y) * alpha, -step, step);
    y = std::clamp(y, 0.0, cap);
    out_w[k] = y;
  }
}

TransferOutcome ups_transfer(const std::vector<VoltageDip>& dips_in, const UpsTransferLogic& u) {
  std::vector<VoltageDip> dips = dips_in;
  std::sort(dips.begin(), dips.end(),
            [](const VoltageDip& a, const VoltageDip& b) { return a.start_s < b.start_s; });
  TransferOutcome o;
  std::deque<double> window;  // start times of the disturbances within the strike window
  double last_end_s = 0;
  for (const VoltageDip& d : dips) {
    const bool counts = d.depth >= u.count_depth && d.duration_s >= u.count_duration_s;
    if (counts) {
      ++o.disturbances;
      last_end_s = std::max(last_end_s, d.start_s + d.duration_s);
    }
    if (o.transferred) continue;  // on backup: later dips only delay an automatic return
    if (d.depth > u.transfer_depth) {
      o.transferred = true;  // the rectifier cannot hold the DC bus: at once
      o.transfer_s = d.start_s;
      continue;
    }
    if (d.duration_s > u.ride_through_s) {
      o.transferred = true;  // carried on battery for ride_through_s, then to the generators
      o.transfer_s = d.start_s + u.ride_through_s;
      continue;
    }
    if (!counts) continue;  // below the UPS's detection: the rectifier rides it
    window.push_back(d.start_s);
    while (!window.empty() && window.front() < d.start_s - u.strike_window_s) window.pop_front();
    if (u.strikes > 0 && static_cast<int>(window.size()) >= u.strikes) {
      o.transferred = true;
      o.transfer_s = d.start_s;
      o.strike = o.disturbances;
      continue;
    }
    o.ride_s.push_back(d.start_s);  // on battery for the dip, back to the rectifier after
  }
  if (o.transferred)
    o.return_s = u.manual_return ? o.transfer_s + u.manual_return_s
                                 : std::max(o.transfer_s, last_end_s) + u.retransfer_delay_s;
  return o;
}

}  // namespace dcload::detail
