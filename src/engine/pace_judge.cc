#include "engine/pace_judge.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/median.h"

namespace gb {
namespace {

double Seconds(std::chrono::system_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

std::optional<WaitReason> PaceJudge::Observe(TimePoint now, int64_t committed, int streams) {
  streams = std::max(streams, 1);
  points_.emplace_back(now, committed);
  // Keep one point at or before the window's start, so the rate spans all of it.
  while (points_.size() > 2 && points_[1].first <= now - options_.window) points_.pop_front();
  if (now - points_.front().first < options_.window) return std::nullopt;  // not a full window yet
  const double rate = static_cast<double>(committed - points_.front().second) /
                      Seconds(now - points_.front().first);
  const double per_stream = rate / streams;
  while (!rates_.empty() && rates_.front().first < now - options_.history) rates_.pop_front();
  std::optional<WaitReason> reason;
  if (rates_.size() >= options_.min_samples) {
    std::vector<double> values;
    for (const auto& [t, r] : rates_) values.push_back(r);
    const double median = Median(std::move(values));
    if (median > 0 && per_stream < options_.fraction * median) {
      reason = SlowPace(std::llround(rate), std::llround(median * streams));
    }
  }
  rates_.emplace_back(now, per_stream);  // judged against the rates before it
  return reason;
}

}  // namespace gb
