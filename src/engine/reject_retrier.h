// `rejects retry`: runs rejected rows again, after their cause was fixed,
// through the loader's own path — the raw API node parsed again, the same
// Transform (with the run's parameters: years, time zone, legacy types,
// truncation) and the engine's BatchWriter (bisecting inside one
// transaction, unknown users repaired). In that same transaction the rejects
// are settled: rows that now load leave the rejects table, the others keep
// their new reason, and the run's counters move from rejected to
// loaded/repaired. Transient errors retry the whole batch.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/events.h"
#include "engine/transformer.h"
#include "sink/rejects_store.h"

namespace gb {

struct RetryOptions {
  std::optional<int64_t> run_id;  // none: the rejects of every run
  int batch_size = 500;
};

struct RetryReport {
  int64_t retried = 0;
  int64_t loaded = 0;    // now in the destination as they are
  int64_t repaired = 0;  // now in the destination, repaired (unknown user)
  int64_t still_rejected = 0;
  std::map<std::string, int64_t> still_by_reason;
  bool stopped = false;  // a signal stopped it between batches (what was done is committed)
};

// The transform a run used, from its stored parameters (see Planner::ParamsJson).
Result<TransformOptions> TransformOptionsOfRun(const std::string& params_json);

class RejectRetrier {
 public:
  RejectRetrier(RejectsStore& store, Observer& observer, Clock& clock,
                const std::atomic<bool>& stop)
      : store_(store), observer_(observer), clock_(clock), stop_(stop) {}

  Result<RetryReport> Run(const RetryOptions& options);

 private:
  Status RetryRun(int64_t run_id, std::span<const StoredReject> rejects, int batch_size,
                  RetryReport& report);

  RejectsStore& store_;
  Observer& observer_;
  Clock& clock_;
  const std::atomic<bool>& stop_;
};

}  // namespace gb
