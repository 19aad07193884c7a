// --progress json: one JSON object per event, one per line, for machines.
//
// Every object has:
//   "event"  run_started | page_fetched | batch_committed | batch_split |
//            row_rejected | retry_scheduled | token_refreshed | slice_done |
//            warning | time_spent | run_finished
//   "time"   ISO 8601 UTC of the moment it was rendered ("2024-11-15T14:23:00Z")
// and, per event:
//   run_started      run_id, worker_id, destination, resumed, concurrency, units,
//                    years [int], expected {"2024": n}, done_before [cell]
//   page_fetched     unit, rows, elapsed_ms
//   batch_committed  unit, batch_no, rows, elapsed_ms, newest_id, counts [cell]
//   batch_split      unit, rows, reason
//   row_rejected     unit, external_id, year, sqlstate, reason
//   retry_scheduled  what ("api"|"database"), reason, attempt, delay_ms, until (ISO)
//   token_refreshed  ok, expires_at (ISO), message
//   slice_done       unit, fetched
//   warning          message
//   time_spent       phase, elapsed_us
//   run_finished     run_id, exit_code, state, reason, elapsed_ms, totals [cell]
// A cell is {"year", "type", "inserted", "updated", "unchanged", "repaired",
// "rejected", "skipped"}.
// batch_committed and run_finished also carry "progress": {"done", "expected",
// "rate" (entries/s, sliding window), "eta_s" (null when unknown), "batches",
// "repaired", "rejected", "skipped"}.
#pragma once

#include <ostream>
#include <string>

#include "core/clock.h"
#include "monitor/renderer.h"

namespace gb {

// The JSON text (one line, no newline) for an event; `snapshot` feeds "progress".
std::string FormatJsonEvent(const Event& event, const Snapshot& snapshot,
                            std::chrono::system_clock::time_point now);

class JsonRenderer final : public Renderer {
 public:
  JsonRenderer(std::ostream& out, const Clock& clock);
  void Render(const Event& event, const ProgressModel& model) override;

 private:
  std::ostream& out_;
  const Clock& clock_;
};

}  // namespace gb
