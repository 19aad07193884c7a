// Folds the engine's events into a Snapshot: per-year expected / loaded /
// repaired / rejected / skipped, totals, rate over a sliding window, ETA,
// retries and why, current waits, batches, per-unit progress and time per
// phase. Thread-safe: the engine's streams call On() concurrently while a
// renderer (or a ticker thread) calls snapshot().
#pragma once

#include <chrono>
#include <map>
#include <mutex>

#include "core/clock.h"
#include "core/events.h"
#include "monitor/rate_window.h"
#include "monitor/snapshot.h"

namespace gb {

class ProgressModel final : public Observer {
 public:
  struct Options {
    std::chrono::milliseconds window = std::chrono::seconds(10);  // for rates
    int batch_size = 0;  // rows per batch, to estimate the batch count (0 = average seen)
    size_t max_warnings = 5;
  };

  explicit ProgressModel(const Clock& clock);
  ProgressModel(const Clock& clock, Options options);

  void On(const Event& event) override;

  // The state now: rates and ETA are computed at the moment of the call.
  Snapshot snapshot() const;

 private:
  void Apply(const RunStarted& e);
  void Apply(const PageFetched& e);
  void Apply(const PageSizeFound&) {}  // words only: the log prints it
  void Apply(const BatchCommitted& e);
  void Apply(const BatchSplit& e);
  void Apply(const RowRejected& e);
  void Apply(const RetryScheduled& e);
  void Apply(const TokenRefreshed& e);
  void Apply(const SliceDone& e);
  void Apply(const Warning& e);
  void Apply(const UserLinksRestored& e);
  void Apply(const TimeSpent& e);
  void Apply(const DestinationPrepared&) {}  // words only: the log prints it
  void Apply(const SyncCompared& e);
  void Apply(const MissingMarked& e);
  void Apply(const RunFinished& e);

  void AddCounts(const CountTable& table);
  void RecountFrom(const CountTable& table);
  void AddWarning(std::string message);
  void ComputeDerived(Snapshot& s) const;

  const Clock& clock_;
  Options options_;
  mutable std::mutex mu_;
  Snapshot state_;  // the folded part; derived fields are filled in snapshot()
  std::chrono::steady_clock::time_point started_at_{};
  std::map<std::string, Wait> waits_;  // latest wait per "what"
  RateWindow rate_;
  std::map<int, RateWindow> year_rates_;
  int64_t rows_committed_ = 0;  // by this process, all outcomes
};

}  // namespace gb
