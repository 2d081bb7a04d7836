#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dcload::cli {

ProgressBar::ProgressBar(std::size_t total_steps, std::string label, std::string unit, bool count)
    : total_(total_steps),
      label_(std::move(label)),
      unit_(std::move(unit)),
      count_(count),
      tty_(isatty(STDERR_FILENO) == 1) {
  start_ = last_ = Clock::now();
}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::update(double share) {
  if (!tty_) return;
  const Clock::time_point now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 2.0 || (drawn_ && now - last_ < std::chrono::milliseconds(100))) return;
  last_ = now;
  drawn_ = true;
  share = std::clamp(share, 0.0, 1.0);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(share * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '=' : (i == filled ? '>' : ' ');
  bar[kWidth] = '\0';
  const double rate = share * static_cast<double>(total_) / elapsed;  // steps per second
  const double eta = share > 0 ? elapsed * (1.0 - share) / share : 0.0;
  char rate_text[32];
  if (rate >= 1e6) std::snprintf(rate_text, sizeof rate_text, "%.1f M", rate / 1e6);
  else if (rate >= 1e3) std::snprintf(rate_text, sizeof rate_text, "%.1f k", rate / 1e3);
  else std::snprintf(rate_text, sizeof rate_text, "%.0f", rate);
  char count_text[64] = "";
  if (count_)
    std::snprintf(count_text, sizeof count_text, " %zu/%zu",
                  static_cast<std::size_t>(std::llround(share * static_cast<double>(total_))), total_);
  std::fprintf(stderr, "\r%s [%s]%s %3.0f %%  %s %s/s  ETA %.0f s\033[K", label_.c_str(), bar,
               count_text, 100.0 * share, rate_text, unit_.c_str(), std::ceil(eta));
  std::fflush(stderr);
}

}  // namespace dcload::cli
