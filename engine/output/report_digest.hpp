// The digest of a run that the site report draws: a ChannelSink that, while the run runs,
// keeps per-bucket envelopes (mean, min, max) of the drawn channels — hourly buckets for an
// hourly or finer year, so peaks of 1-minute or 1-second steps survive as maxima — monthly
// energy by subsystem, cooling-mode hours by month and facility power for the load-duration
// curve. Memory does not grow with the steps beyond the load-duration data (whole up to 2 M
// steps, binned after).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "dcload/run.hpp"

namespace dcload::detail {

inline constexpr int kDaysIn[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
inline constexpr const char* kMonth[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr double kYearS = 365.0 * 86400.0;
// Display points of a series: an hourly year is shown whole; finer steps are bucketed.
inline constexpr std::size_t kDisplayPoints = 8760;
// Facility power kept whole for the load-duration curve up to this many steps (16 MB);
// beyond, a histogram of 10 kW bins.
inline constexpr std::size_t kKeepAllSteps = 2'000'000;
inline constexpr double kHistBinW = 1e4;

/// Month (0–11) of a time in seconds after 1 January 00:00 of the 365-day year.
inline int month_of(double t_s) {
  int day = static_cast<int>(std::fmod(std::floor(t_s / 86400.0), 365.0));
  if (day < 0) day += 365;
  for (int m = 0; m < 12; ++m) {
    if (day < kDaysIn[m]) return m;
    day -= kDaysIn[m];
  }
  return 11;
}

/// "MM-DD HH:MM" of a time of the year.
inline std::string time_label(double t_s) {
  const double y = std::fmod(t_s, kYearS);
  int day = static_cast<int>(y / 86400.0);
  const int sec = static_cast<int>(std::llround(y - day * 86400.0));
  int m = 0;
  while (m < 11 && day >= kDaysIn[m]) day -= kDaysIn[m++];
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d %02d:%02d", m + 1, day + 1, sec / 3600, sec / 60 % 60);
  return buf;
}

// Channels the page draws, digested per bucket (mean, min, max).
inline bool report_draws(const std::string& name) {
  static const char* const kNames[] = {"facility_power", "it_power",          "cooling_power",
                                       "grid_headroom",  "dry_bulb",          "wet_bulb",
                                       "grid_import",    "battery_discharge", "battery_charge",
                                       "battery_soc",    "unserved_power"};
  for (const char* n : kNames)
    if (name == n) return true;
  return name.rfind("source_", 0) == 0;
}

// Monthly energy groups: facility = IT + cooling + electrical losses + auxiliaries (the
// facility balance of the run, engine/run.cpp).
inline int report_group_of(const std::string& name) {
  if (name == "it_power") return 0;
  if (name == "cooling_power") return 1;
  if (name == "ups_loss" || name == "distribution_loss" || name == "transformer_loss") return 2;
  if (name == "aux_power") return 3;
  return -1;
}

struct Envelope {
  std::vector<double> sum, min, max;
  std::vector<double> mean(const std::vector<std::size_t>& count) const {
    std::vector<double> m(sum.size());
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = count[i] ? sum[i] / count[i] : NAN;
    return m;
  }
};

// The values of one series for a load-duration curve: kept whole up to a number of steps,
// else binned (10 kW bins), with the exact maximum.
class DurationData {
 public:
  void start(std::size_t total, std::size_t keep_limit) {
    total_ = total;
    keep_all_ = total <= keep_limit;
    all_.clear();
    hist_.clear();
    max_ = -INFINITY;
    if (keep_all_) all_.reserve(total);
  }
  void add(double v) {
    max_ = std::max(max_, v);
    if (keep_all_) {
      all_.push_back(v);
      return;
    }
    const auto bin = static_cast<std::size_t>(std::max(0.0, v) / kHistBinW);
    if (bin >= hist_.size()) hist_.resize(bin + 1, 0);
    ++hist_[bin];
  }
  bool empty() const { return keep_all_ ? all_.empty() : hist_.empty(); }
  // The curve at `points` exceedance fractions (0 = the largest step, 1 = the smallest).
  std::vector<double> curve(std::size_t points) {
    std::vector<double> out(points);
    if (points == 0 || empty()) return {};
    if (keep_all_) {
      std::sort(all_.begin(), all_.end(), std::greater<>());
      const std::size_t n = all_.size();
      for (std::size_t i = 0; i < points; ++i)
        out[i] = all_[std::min(n - 1, i * (n - 1) / std::max<std::size_t>(1, points - 1))];
      return out;
    }
    // Histogram: the value at each exceedance rank; the first point is the exact maximum.
    const double n = static_cast<double>(total_);
    std::size_t bin = hist_.size();
    double above = 0;
    for (std::size_t i = 0; i < points; ++i) {
      const double rank = static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(1, points - 1)) * (n - 1);
      while (bin > 0 && above + static_cast<double>(hist_[bin - 1]) <= rank) above += hist_[--bin];
      out[i] = i == 0 ? max_ : (static_cast<double>(bin > 0 ? bin - 1 : 0) + 0.5) * kHistBinW;
    }
    return out;
  }

 private:
  std::size_t total_ = 0;
  bool keep_all_ = true;
  std::vector<double> all_;
  std::vector<std::uint32_t> hist_;
  double max_ = -INFINITY;
};

// A ChannelSink that digests the run: per-bucket envelopes of the drawn channels, monthly
// energy by group, cooling-mode hours by month, and facility power for the load-duration curve.
class ReportDigest : public ChannelSink {
 public:
  /// Energy groups of monthly_j(), in this order (report_group_of()).
  enum Group { kIt, kCooling, kElectrical, kAux, kGroups };
  /// `keep_all_steps`: facility power is kept whole for the load-duration curve up to this many
  /// steps, else binned (10 kW).
  explicit ReportDigest(std::size_t keep_all_steps = kKeepAllSteps) : keep_limit_(keep_all_steps) {}

  void begin(const std::vector<Channel>& layout, std::size_t total, double dt_s,
             double start_s) override {
    total_ = total;
    dt_s_ = dt_s;
    start_s_ = start_s;
    per_bucket_ = std::max<std::size_t>(1, (total + kDisplayPoints - 1) / kDisplayPoints);
    // Whole hours when steps are finer than an hour and the run spans a week or more: buckets
    // line up with the clock (the heat map's hours). Shorter windows keep finer buckets.
    const auto per_hour = static_cast<std::size_t>(std::llround(3600.0 / dt_s));
    if (dt_s < 3600.0 && per_bucket_ > 1 && per_hour > 0 &&
        static_cast<double>(total) * dt_s >= 7.0 * 86400.0)
      per_bucket_ = (per_bucket_ + per_hour - 1) / per_hour * per_hour;
    buckets_ = (total + per_bucket_ - 1) / per_bucket_;
    count_.assign(buckets_, 0);
    slots_.assign(layout.size(), -1);
    group_.assign(layout.size(), -1);
    mode_index_ = facility_index_ = import_index_ = unserved_index_ = -1;
    monthly_of_.fill(-1);
    monthly_sum_ = {};
    monthly_max_ = {};
    for (auto& m : monthly_max_) m.fill(-INFINITY);
    month_steps_ = {};
    for (std::size_t i = 0; i < layout.size(); ++i) {
      const std::string& n = layout[i].name;
      group_[i] = report_group_of(n);
      if (n == "cooling_mode") mode_index_ = static_cast<int>(i);
      if (n == "facility_power") facility_index_ = static_cast<int>(i);
      if (n == "grid_import") import_index_ = static_cast<int>(i);
      if (n == "unserved_power") unserved_index_ = static_cast<int>(i);
      for (std::size_t j = 0; j < kMonthlyNames.size(); ++j)
        if (n == kMonthlyNames[j]) monthly_of_[j] = static_cast<int>(i);
      if (!report_draws(n)) continue;
      slots_[i] = static_cast<int>(names_.size());
      names_.push_back(n);
      env_.push_back({std::vector<double>(buckets_, 0.0), std::vector<double>(buckets_, INFINITY),
                      std::vector<double>(buckets_, -INFINITY)});
    }
    facility_.start(total, keep_limit_);
    draw_.start(import_index_ >= 0 ? total : 0, keep_limit_);
  }

  void block(std::size_t first, const std::vector<std::span<const double>>& values) override {
    const std::size_t n = values.empty() ? 0 : values[0].size();
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t step = first + k;
      const std::size_t b = step / per_bucket_;
      ++count_[b];
      const double t = start_s_ + static_cast<double>(step) * dt_s_;
      const int m = month_of(t);
      for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i][k];
        if (group_[i] >= 0) monthly_j_[group_[i]][m] += v * dt_s_;
        if (slots_[i] < 0) continue;
        Envelope& e = env_[slots_[i]];
        e.sum[b] += v;
        e.min[b] = std::min(e.min[b], v);
        e.max[b] = std::max(e.max[b], v);
      }
      ++month_steps_[m];
      for (std::size_t j = 0; j < kMonthlyNames.size(); ++j) {
        if (monthly_of_[j] < 0) continue;
        const double v = values[static_cast<std::size_t>(monthly_of_[j])][k];
        monthly_sum_[j][m] += v;
        monthly_max_[j][m] = std::max(monthly_max_[j][m], v);
      }
      if (mode_index_ >= 0) {
        const int mode = std::clamp(static_cast<int>(std::lround(values[mode_index_][k])), 0, 2);
        mode_h_[m][mode] += dt_s_ / 3600.0;
      }
      if (facility_index_ >= 0) facility_.add(values[facility_index_][k]);
      // The demand on the grid: import + what no source served (the headroom's draw).
      if (import_index_ >= 0)
        draw_.add(values[import_index_][k] + (unserved_index_ >= 0 ? values[unserved_index_][k] : 0.0));
    }
  }
  void end() override {}

  bool has(const std::string& name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
  }
  const Envelope& env(const std::string& name) const {
    return env_[std::find(names_.begin(), names_.end(), name) - names_.begin()];
  }
  std::vector<double> mean(const std::string& name) const { return env(name).mean(count_); }
  const std::vector<std::string>& names() const { return names_; }
  std::size_t buckets() const { return buckets_; }
  double bucket_s() const { return static_cast<double>(per_bucket_) * dt_s_; }
  double bucket_start(std::size_t b) const {
    return start_s_ + static_cast<double>(b * per_bucket_) * dt_s_;
  }
  bool fine() const { return per_bucket_ > 1; }  // buckets hold several steps: show envelopes
  bool full_hourly_year() const {
    return std::abs(bucket_s() - 3600.0) < 1e-6 && buckets_ == 8760 && start_s_ == 0.0;
  }
  double dt_s() const { return dt_s_; }
  std::size_t total() const { return total_; }
  const std::array<std::array<double, 12>, kGroups>& monthly_j() const { return monthly_j_; }
  const std::array<std::array<double, 3>, 12>& mode_hours() const { return mode_h_; }
  /// Channels summed by month (kMonthlyNames): has_monthly(name); monthly_sum (Σ value·dt,
  /// J for powers), monthly_mean, monthly_max.
  static constexpr std::array<const char*, 5> kMonthlyNames = {
      "cold_source_heat", "heat_rejected", "seawater_pump_power", "sea_temperature",
      "discharge_temperature"};
  bool has_monthly(std::string_view name) const { return monthly_index(name) >= 0; }
  std::array<double, 12> monthly_sum(std::string_view name) const {
    std::array<double, 12> r{};
    if (const int j = monthly_index(name); j >= 0)
      for (int m = 0; m < 12; ++m) r[m] = monthly_sum_[j][m] * dt_s_;
    return r;
  }
  std::array<double, 12> monthly_mean(std::string_view name) const {
    std::array<double, 12> r{};
    if (const int j = monthly_index(name); j >= 0)
      for (int m = 0; m < 12; ++m)
        r[m] = month_steps_[m] ? monthly_sum_[j][m] / static_cast<double>(month_steps_[m]) : NAN;
    return r;
  }
  std::array<double, 12> monthly_max(std::string_view name) const {
    std::array<double, 12> r{};
    if (const int j = monthly_index(name); j >= 0) r = monthly_max_[j];
    return r;
  }

  // The load-duration curve of facility demand at `points` exceedance fractions (0 = the
  // largest step, 1 = the smallest), in W.
  std::vector<double> duration_curve(std::size_t points) { return facility_.curve(points); }
  // The same of the demand on the grid (import + unserved) for sites with on-site supply;
  // empty otherwise.
  std::vector<double> grid_duration_curve(std::size_t points) { return draw_.curve(points); }

 private:
  std::size_t keep_limit_ = kKeepAllSteps;
  std::size_t total_ = 0, per_bucket_ = 1, buckets_ = 0;
  double dt_s_ = 3600, start_s_ = 0;
  std::vector<std::size_t> count_;
  std::vector<int> slots_, group_;
  int mode_index_ = -1, facility_index_ = -1;
  std::vector<std::string> names_;
  std::vector<Envelope> env_;
  std::array<std::array<double, 12>, kGroups> monthly_j_{};
  std::array<std::array<double, 3>, 12> mode_h_{};
  int import_index_ = -1, unserved_index_ = -1;
  DurationData facility_, draw_;
  int monthly_index(std::string_view name) const {
    for (std::size_t j = 0; j < kMonthlyNames.size(); ++j)
      if (name == kMonthlyNames[j] && monthly_of_[j] >= 0) return static_cast<int>(j);
    return -1;
  }
  std::array<int, kMonthlyNames.size()> monthly_of_{};
  std::array<std::array<double, 12>, kMonthlyNames.size()> monthly_sum_{}, monthly_max_{};
  std::array<std::size_t, 12> month_steps_{};
};


}  // namespace dcload::detail
