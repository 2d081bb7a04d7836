// A progress bar on stderr for long runs (RunOptions::progress).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace dcload::cli {

/// Draws "[=====>     ]  45 %  1.2 M steps/s  ETA 12 s" (with `count`: "1234/4096" too) on stderr, at most 10 times a second,
/// once a run has taken longer than 2 s — only when stderr is a terminal (never in pipes, logs
/// or CI) — and clears the line when done.
class ProgressBar {
 public:
  /// `unit` names what is counted ("steps", "scenarios"); `count` also shows done/total.
  ProgressBar(std::size_t total_steps, std::string label, std::string unit = "steps",
              bool count = false);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void update(double share);  // share of the steps done, 0..1

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t total_;
  std::string label_;
  std::string unit_;
  bool count_;
  bool tty_;
  bool drawn_ = false;
  Clock::time_point start_, last_;
};

}  // namespace dcload::cli
