// Workload utilization: training iteration swings, checkpoints and restarts after failures;
// inference daily and weekly shape. Each step holds the exact mean of the waveform over the
// step, so energy does not depend on the step length (tested in tests/test_it.cpp).
#include "it/workload.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <random>
#include <string>

#include "dcload/error.hpp"
#include "io/files.hpp"
#include "weather/text.hpp"

namespace dcload::detail {

double pulse_time(double t, double period, double width, double offset) {
  const double x = t - offset;
  const double n = std::floor(x / period);
  const double r = x - n * period;
  return n * width + std::min(std::max(r, 0.0), width);
}

double checkpoint_duty(const WorkloadSpec& w) {
  if (w.checkpoint_interval_s <= 0 || w.checkpoint_duration_s <= 0) return 0.0;
  return std::min(w.checkpoint_duration_s, w.checkpoint_interval_s) / w.checkpoint_interval_s;
}

double iteration_mean_utilization(const WorkloadSpec& w) {
  // mean = (1 − duty)·u_iter + duty·u_ckpt  →  u_iter = (mean − duty·u_ckpt)/(1 − duty).
  const double duty = checkpoint_duty(w);
  if (duty >= 1.0) return w.mean_utilization;
  return (w.mean_utilization - duty * w.checkpoint_utilization) / (1.0 - duty);
}

double compute_phase_utilization(const WorkloadSpec& w) {
  return iteration_mean_utilization(w) / (1.0 - w.comm_share * w.comm_dip);
}

std::vector<double> failure_times(const WorkloadSpec& w, double gpus, double until_s,
                                  uint64_t seed) {
  std::vector<double> t;
  if (w.gpu_hours_per_failure <= 0 || gpus <= 0) return t;
  const double rate_per_s = gpus / (w.gpu_hours_per_failure * 3600.0);
  t.reserve(static_cast<size_t>(rate_per_s * until_s * 1.2) + 16);
  std::mt19937_64 rng(seed);
  double now = 0;
  for (;;) {
    // U in (0, 1] from the top 53 bits; −ln(U)/λ is exponential with rate λ.
    const double unit = (static_cast<double>(rng() >> 11) + 1.0) * 0x1.0p-53;
    now += -std::log(unit) / rate_per_s;
    if (now >= until_s) break;
    t.push_back(now);
  }
  return t;
}

namespace {

// One training job of a cluster: its share of the cluster's accelerators and the phases of its
// iterations and checkpoints. Jobs run independently, so their phases differ (drawn per seed).
struct Job {
  double share;
  double iteration_offset_s;
  double checkpoint_offset_s;
};

inline double unit_draw(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;  // [0, 1)
}

// True when x is a whole multiple of period (then every phase averages to the period mean).
inline bool whole_periods(double x, double period) {
  const double n = x / period;
  return std::abs(n - std::round(n)) <= 1e-9 * std::max(1.0, n) && n >= 1.0 - 1e-9;
}

}  // namespace

namespace {

// Bounds of a measured trace (README, "Workloads"; engine/weather/README.md, "Bounds").
// Hours: the rows lie in the typical year a run simulates, 0 (1 January 00:00) to 8760 (its
// end, so hour-ending stamps 1…8760 read too); the trace repeats with its period, so a longer
// one could never be used. Step: at least 1 s, because rows are "evenly spaced" to within
// kTraceSpacingTolerance_h (3.6 ms, the rounding of hours printed with 6 decimals), which must
// stay small against the step. Utilization: 0 to 1.5 (1 = node_full_power), as documented.
constexpr double kTraceFirstHour = 0.0;
constexpr double kTraceLastHour = 8760.0;
constexpr double kTraceMinStep_h = 1.0 / 3600.0;
constexpr double kTraceSpacingTolerance_h = 1e-6;  // × max(1, step in h)
constexpr double kTraceMaxUtilization = 1.5;

std::string shortest(double v) { return weather_detail::format_number(v); }

}  // namespace

WorkloadSpec read_utilization_trace(const std::filesystem::path& csv, const std::string& key) {
  InputFile f;
  f.path = csv;
  f.what = "workload trace";
  f.key = key;
  const std::string text = read_input_file(f);
  const std::string file = csv.string();
  WorkloadSpec w;
  w.name = csv.filename().string();
  w.source = "measured trace " + file;
  std::string_view rest = text;
  int line_no = 0;
  int last_row_line = 1;
  std::vector<double> hours;
  double step_h = 0.0;  // from the first two rows
  auto fail = [&](int line, int column, const std::string& msg) {
    throw ConfigError(file, line, column, key, msg);
  };
  if (text.empty()) {
    fail(1, 1, "expected the header \"hour,utilization\", got an empty file");
  }
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) {
      if (line != "hour,utilization")
        fail(1, 1, "expected the header \"hour,utilization\", got \"" + std::string(line) + "\"");
      continue;
    }
    if (line.empty()) continue;
    const std::size_t comma = line.find(',');
    const std::string_view hour_text =
        weather_detail::trim(line.substr(0, comma == std::string_view::npos ? 0 : comma));
    double h = 0.0;
    if (comma == std::string_view::npos || !weather_detail::parse_number(line.substr(0, comma), h))
      fail(line_no, 1, "expected \"HOUR,UTILIZATION\" numbers, got \"" + std::string(line) + "\"");
    const std::string_view u_field = line.substr(comma + 1);
    double u = 0.0;
    if (!weather_detail::parse_number(u_field, u) || !(u >= 0.0 && u <= kTraceMaxUtilization))
      fail(line_no, static_cast<int>(comma) + 2,
           "utilization \"" + std::string(u_field) +
               "\": expected a number from 0 to 1.5 (1 = node_full_power)");
    if (!(h >= kTraceFirstHour && h <= kTraceLastHour))
      fail(line_no, 1,
           "hour = \"" + std::string(hour_text) +
               "\": expected a finite hour from 0 to 8760 (hours since 1 January 00:00 of the "
               "typical year a run simulates), got " +
               shortest(h));
    if (hours.size() == 1) {
      step_h = h - hours[0];
      if (!(step_h >= kTraceMinStep_h))
        fail(line_no, 1,
             "hour = \"" + std::string(hour_text) +
                 "\": expected an hour at least 1 s (0.000277778 h) after the previous row's " +
                 shortest(hours[0]) + " (rows increase at a constant step), got " + shortest(h));
    } else if (hours.size() > 1) {
      const double want = hours.back() + step_h;
      if (!(std::abs((h - hours.back()) - step_h) <=
            kTraceSpacingTolerance_h * std::max(1.0, step_h)))
        fail(line_no, 1,
             "hour = \"" + std::string(hour_text) + "\": expected " + shortest(want) +
                 " (rows evenly spaced at the step of the first two rows, " + shortest(step_h) +
                 " h, within " + shortest(kTraceSpacingTolerance_h * std::max(1.0, step_h)) +
                 " h), got " + shortest(h));
    }
    hours.push_back(h);
    w.trace.push_back(u);
    last_row_line = line_no;
  }
  if (w.trace.size() < 2)
    fail(last_row_line + 1, 0,
         "a trace needs at least two rows after the header \"hour,utilization\", got " +
             std::to_string(w.trace.size()));
  w.trace_step_s = step_h * 3600.0;
  w.trace_start_s = hours.front() * 3600.0;
  w.training_share = 0.0;
  return w;
}

namespace {

// Step mean of a cyclic piecewise-constant trace over [a, b): cumulative integral F(t).
struct TraceIntegral {
  const WorkloadSpec& w;
  std::vector<double> prefix;  // prefix[i] = Σ_{j<i} trace[j]·step
  double period_s;
  explicit TraceIntegral(const WorkloadSpec& ws) : w(ws) {
    prefix.resize(w.trace.size() + 1, 0.0);
    for (size_t i = 0; i < w.trace.size(); ++i)
      prefix[i + 1] = prefix[i] + w.trace[i] * w.trace_step_s;
    period_s = static_cast<double>(w.trace.size()) * w.trace_step_s;
  }
  double at(double t) const {
    const double x = t - w.trace_start_s;
    const double cycles = std::floor(x / period_s);
    const double r = x - cycles * period_s;
    const auto i = std::min(w.trace.size() - 1, static_cast<size_t>(r / w.trace_step_s));
    return cycles * prefix.back() + prefix[i] +
           (r - static_cast<double>(i) * w.trace_step_s) * w.trace[i];
  }
};

}  // namespace

void workload_utilization(const WorkloadSpec& w, const Clock& clock, double gpus, uint64_t seed,
                          ArrayXd& u, double u_cap) {
  const Eigen::Index n = clock.steps;
  const double dt = clock.dt_s;
  const double t0 = clock.start_s;
  u.resize(n);
  if (!w.trace.empty()) {  // a measured trace: exact step means, nothing else applies
    const TraceIntegral f(w);
    for (Eigen::Index k = 0; k < n; ++k) {
      const double a = t0 + static_cast<double>(k) * dt;
      u[k] = (f.at(a + dt) - f.at(a)) / dt;
    }
    // Capped: clip the step means (exact when the trace step is no shorter than the run step).
    if (std::isfinite(u_cap)) u = u.min(u_cap);
    return;
  }
  const double share = std::clamp(w.training_share, 0.0, 1.0);

  // ---- training ----
  if (share > 0) {
    // A power cap clips each level of the waveform before averaging (exact for these
    // piecewise-constant levels): compute, communication, checkpoint.
    const double u_hi_raw = compute_phase_utilization(w);
    const double u_hi = std::min(u_hi_raw, u_cap);
    const double u_lo = std::min(u_hi_raw * (1.0 - w.comm_dip), u_cap);
    const double u_ck = std::min(w.checkpoint_utilization, u_cap);
    const double u_iter_raw = iteration_mean_utilization(w);
    const bool swings = w.iteration_period_s > 0 && w.comm_share > 0 && w.comm_dip > 0;
    const double u_iter =
        swings ? (1.0 - w.comm_share) * u_hi + w.comm_share * u_lo : std::min(u_iter_raw, u_cap);
    const bool checkpoints = w.checkpoint_interval_s > 0 && w.checkpoint_duration_s > 0;
    // Jobs of job_gpus (the last one takes the remainder); one job when job_gpus is 0.
    std::mt19937_64 rng(seed ^ 0x9E3779B97F4A7C15ULL);
    std::vector<Job> jobs;
    const double job_gpus = w.job_gpus > 0 ? std::min(w.job_gpus, gpus) : gpus;
    for (double left = gpus; left > 0.5; left -= job_gpus) {
      const double g = std::min(job_gpus, left);
      const double it_off = unit_draw(rng) * w.iteration_period_s;
      const double ck_off = unit_draw(rng) * w.checkpoint_interval_s;
      jobs.push_back({g / gpus, it_off, ck_off});
    }
    // Step means that do not depend on the phase: a step of whole iterations averages to the
    // iteration mean, a step of whole checkpoint intervals to the checkpoint duty.
    const bool swing_flat = !swings || whole_periods(dt, w.iteration_period_s);
    const bool ck_flat = !checkpoints || whole_periods(dt, w.checkpoint_interval_s);
    const double ck_width =
        checkpoints ? std::min(w.checkpoint_duration_s, w.checkpoint_interval_s) : 0.0;
    const double ck_duty = checkpoint_duty(w);
    if (swing_flat && ck_flat) {
      // Without a cap, (1 − duty)·u_iter + duty·u_ckpt = mean_utilization by construction.
      u.setConstant((1.0 - ck_duty) * u_iter + ck_duty * u_ck);
    } else {
      const double p = w.iteration_period_s;
      const double comm_w = w.comm_share * p;
      // The waveform repeats every checkpoint interval when that is a whole number of steps
      // and of iterations: compute one interval, then copy (a 1-min year of 31 jobs costs
      // 30 steps × 31 jobs instead of 525,600 × 31).
      Eigen::Index repeat = 0;
      auto steps_in = [dt](double x) { return static_cast<Eigen::Index>(std::llround(x / dt)); };
      if (checkpoints && whole_periods(w.checkpoint_interval_s, dt) &&
          (swing_flat ||
           (whole_periods(p, dt) && steps_in(w.checkpoint_interval_s) % steps_in(p) == 0)))
        repeat = steps_in(w.checkpoint_interval_s);
      else if (!checkpoints && swings && whole_periods(p, dt))
        repeat = steps_in(p);
      const Eigen::Index computed = repeat > 0 ? std::min(n, repeat) : n;
      for (Eigen::Index k = 0; k < computed; ++k) {
        const double a = t0 + static_cast<double>(k) * dt;
        const double b = a + dt;
        double sum = 0;
        for (const Job& j : jobs) {
          // Communication is the last comm_share of each of the job's iterations.
          double uj = u_iter;
          if (!swing_flat) {
            const double off = j.iteration_offset_s + p - comm_w;
            const double comm =
                (pulse_time(b, p, comm_w, off) - pulse_time(a, p, comm_w, off)) / dt;
            uj = u_hi - (u_hi - u_lo) * comm;
          }
          double ck = ck_duty;
          if (!ck_flat) {
            const double q = w.checkpoint_interval_s;
            ck = (pulse_time(b, q, ck_width, j.checkpoint_offset_s) -
                  pulse_time(a, q, ck_width, j.checkpoint_offset_s)) /
                 dt;
          }
          sum += j.share * ((1.0 - ck) * uj + ck * u_ck);
        }
        u[k] = sum;
      }
      for (Eigen::Index k = computed; k < n; ++k) u[k] = u[k - computed];
    }
    // Failures: each stops one job (job_gpus of the cluster) for restart_duration, at u = 0.
    const double end = t0 + static_cast<double>(n) * dt;
    const std::vector<double> fails = failure_times(w, gpus, end, seed);
    if (!fails.empty() && w.restart_duration_s > 0) {
      const double job_share = job_gpus / gpus;
      const double r = w.restart_duration_s;
      // Sweep: events are sorted; `first` is the earliest event that may still overlap.
      size_t first = 0;
      for (Eigen::Index k = 0; k < n; ++k) {
        const double a = t0 + static_cast<double>(k) * dt;
        const double b = a + dt;
        while (first < fails.size() && fails[first] + r <= a) ++first;
        double idle_s = 0;
        for (size_t i = first; i < fails.size() && fails[i] < b; ++i)
          idle_s += std::min(b, fails[i] + r) - std::max(a, fails[i]);
        if (idle_s > 0) u[k] *= 1.0 - std::min(1.0, job_share * idle_s / dt);
      }
    }
    if (share < 1) u *= share;
  } else {
    u.setZero();
  }

  // ---- inference ----
  if (share < 1) {
    const double m = w.inference_utilization;
    const double amp = w.daily_amplitude;
    const double omega = 2.0 * std::numbers::pi / 86400.0;  // rad per s
    const double peak_s = w.peak_hour * 3600.0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double a = t0 + static_cast<double>(k) * dt;
      // Exact step mean of cos(ω(t − t_peak)): (sin φ_b − sin φ_a)/(φ_b − φ_a).
      const double pa = omega * (a - peak_s);
      const double pb = omega * (a + dt - peak_s);
      const double c = amp == 0 ? 0.0 : (std::sin(pb) - std::sin(pa)) / (pb - pa);
      // Day 0 (1 January) is a Monday: days 5 and 6 of each week are the weekend.
      const long long day = static_cast<long long>(std::floor((a + 0.5 * dt) / 86400.0));
      const double week = (day % 7) >= 5 ? w.weekend_factor : 1.0;
      u[k] += (1.0 - share) * std::clamp(m * (1.0 + amp * c) * week, 0.0, std::min(1.0, u_cap));
    }
  }
}

double peak_utilization(const WorkloadSpec& w, double u_cap) {
  if (!w.trace.empty()) {
    double hi = 0;
    for (const double x : w.trace) hi = std::max(hi, x);
    return std::min(hi, u_cap);
  }
  const double share = std::clamp(w.training_share, 0.0, 1.0);
  double u = 0;
  if (share > 0) {
    const double hi = std::max({compute_phase_utilization(w), iteration_mean_utilization(w),
                                w.checkpoint_utilization});
    u += share * std::min(hi, u_cap);
  }
  if (share < 1) {
    const double peak = w.inference_utilization * (1.0 + std::abs(w.daily_amplitude)) *
                        std::max(1.0, w.weekend_factor);
    u += (1.0 - share) * std::clamp(peak, 0.0, std::min(1.0, u_cap));
  }
  return u;
}

}  // namespace dcload::detail
