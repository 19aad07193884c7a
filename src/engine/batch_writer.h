// The write protocol of one batch (see sink/destination.h), in one
// transaction: upsert all rows; when the database refuses the statement for a
// row-level reason (kData), bisect — halves, recursively, inside the same
// transaction (the sink rolls each failed statement back to its savepoint) —
// down to the single bad rows, so a batch with b bad rows of n costs
// O(b·log n) statements. A row the sink says links to a missing row
// (Violation kMissingReference, core/violation.h) whose link is repairable
// (an unknown user) is repaired without loss: the link set to NULL, the
// original kept in metadata, counted as repaired. Other bad rows become
// rejects with the database's code and message (kept, never read). Then
// rejects, checkpoint and counters are written and everything commits
// together. Transient errors retry the whole batch from Begin. A batch of
// another stream (its nodes) is bisected the same way; its links never fail
// (the stream's upsert nulls them), a node refused otherwise is a reject.
#pragma once

#include <span>

#include "core/events.h"
#include "engine/batch.h"
#include "engine/retrying_session.h"

namespace gb {

class BatchWriter {
 public:
  BatchWriter(RetryingSession& session, Observer& observer)
      : session_(session), observer_(observer) {}

  // Commits the batch or returns the error that stopped it (nothing of the
  // batch is then committed; the unit's checkpoint is unchanged).
  Result<BatchResult> Write(const Batch& batch);

 private:
  Status Attempt(Session& session, const Batch& batch, BatchResult* result);
  // Writes rows[lo, hi). `known_bad`: the caller knows the range fails (its
  // sibling succeeded while their parent failed), so it is split at once.
  Status WriteRange(Session& session, const Batch& batch, size_t lo, size_t hi, bool known_bad,
                    BatchResult* result);
  Status WriteSingleBadRow(Session& session, const Batch& batch, size_t i, const Error& error,
                           BatchResult* result);

  RetryingSession& session_;
  Observer& observer_;
};

}  // namespace gb
