#pragma once
// Workload utilization series: the step-mean of u(t) for one cluster (configs/catalog/
// workloads.toml, engine/it/README.md). Plain doubles; one allocation per run (the event list).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "stages.hpp"

namespace dcload::detail {

/// Measure of {τ ∈ [0, t) : (τ − offset) mod period ∈ [0, width)} up to a constant: the
/// cumulative time spent inside a periodic pulse. The mean of the pulse indicator over [a, b) is
/// (pulse_time(b) − pulse_time(a)) / (b − a). Requires period > 0, 0 ≤ width ≤ period.
double pulse_time(double t, double period, double width, double offset);

/// Start times (s after 1 January 00:00) of job interruptions of a cluster of `gpus`
/// accelerators over [0, until_s): a Poisson process of rate gpus / (gpu_hours_per_failure·3600)
/// drawn by inverse transform from a 64-bit Mersenne Twister seeded with `seed` (deterministic
/// on every platform). Empty when gpu_hours_per_failure ≤ 0.
std::vector<double> failure_times(const WorkloadSpec& w, double gpus, double until_s,
                                  uint64_t seed);

/// Fill `u` (size clock.steps) with the step-mean utilization of workload `w` on a cluster of
/// `gpus` accelerators; `seed` drives the failure events. `u_cap`: a power cap expressed as a
/// utilization, applied to every level of the waveform before averaging (∞: none).
void workload_utilization(const WorkloadSpec& w, const Clock& clock, double gpus, uint64_t seed,
                          ArrayXd& u, double u_cap = std::numeric_limits<double>::infinity());

/// Share of time in checkpoint pauses: duration / interval (0 without checkpoints).
double checkpoint_duty(const WorkloadSpec& w);
/// Mean utilization of the iterations between checkpoints, chosen so the long-run training mean
/// (checkpoint pauses included) is mean_utilization: (mean − duty·u_ckpt)/(1 − duty).
double iteration_mean_utilization(const WorkloadSpec& w);
/// Read a measured utilization trace (README, "Workloads"): a CSV with the header
/// `hour,utilization`, hours since 1 January 00:00 local standard time at a constant step,
/// utilization 0…1.5 (1 = node_full_power). Throws ConfigError (file, line, column, `key`).
WorkloadSpec read_utilization_trace(const std::filesystem::path& csv, const std::string& key);

/// Compute-phase utilization of a training iteration: iteration mean / (1 − comm_share·comm_dip).
double compute_phase_utilization(const WorkloadSpec& w);

/// The highest step-mean utilization workload_utilization() can produce at any step length
/// (the shortest step averages least): training share × the compute phase (every job may be in
/// its compute phase at once) + inference share × the daily peak m·(1 + A)·max(1, weekend
/// factor) (clamped to 1 as there); a trace's largest value; each level capped at `u_cap`.
double peak_utilization(const WorkloadSpec& w,
                        double u_cap = std::numeric_limits<double>::infinity());

/// Utilization → power curve f(u) of a cluster (ClusterSpec::power_curve, engine/it/it.cpp):
/// node power = P_idle + (P_full − P_idle)·f(u), f(0) = 0, f(1) = 1, rising; beyond u = 1 f
/// continues with its slope at 1. `table`: 11 values at u = 0, 0.1, …, 1 for "table:NAME".
double power_curve_value(const std::string& curve, const std::vector<double>& table, double u);
/// The u at which f(u) = f (f ≥ 0), the inverse of power_curve_value (a power cap as u).
double power_curve_inverse(const std::string& curve, const std::vector<double>& table, double f);
/// f applied to every element of `u` in place ("linear" leaves it unchanged).
void apply_power_curve(const std::string& curve, const std::vector<double>& table, ArrayXd& u);
/// Share of a cluster's `count` in service over step k (1 without late additions), for the
/// build-out within a year: late additions count from their `from_s`, pro rata within a step.
void in_service_share(const ClusterSpec& c, const Clock& clock, ArrayXd& share);

}  // namespace dcload::detail
