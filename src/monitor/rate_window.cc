#include "monitor/rate_window.h"

namespace gb {
namespace {

// Below this span a rate is mostly noise (one batch landing early or late).
constexpr std::chrono::milliseconds kMinSpan{500};

}  // namespace

RateWindow::RateWindow(std::chrono::milliseconds window) : window_(window) {}

void RateWindow::Add(TimePoint t, int64_t total) {
  samples_.emplace_back(t, total);
  // Keep exactly one sample at or before the window's start: it is the baseline
  // the rate is measured from.
  while (samples_.size() >= 2 && samples_[1].first <= t - window_) samples_.pop_front();
}

double RateWindow::Rate(TimePoint now) const {
  if (samples_.empty()) return 0;
  // The baseline: the newest sample at or before now - window, else the oldest.
  auto base = samples_.front();
  for (const auto& s : samples_) {
    if (s.first > now - window_) break;
    base = s;
  }
  auto span = now - base.first;
  if (span < kMinSpan) return 0;
  int64_t gained = samples_.back().second - base.second;
  return static_cast<double>(gained) / std::chrono::duration<double>(span).count();
}

}  // namespace gb
