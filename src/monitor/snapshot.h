// What a renderer needs to know about a run at one instant: the ProgressModel
// folds events into it; the log, the status line, JSON, and later `watch` and
// the web page read it. Plain data, copied out under the model's lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/events.h"

namespace gb {

struct YearProgress {
  bool planned = false;  // one of the requested years
  int64_t expected = 0;  // from the plan (0 when not planned)
  Counts counts;         // including what earlier attempts committed
  double rate = 0;       // entries/s over the sliding window
  std::optional<std::chrono::seconds> eta;

  // Rows of the year dealt with for good: loaded, repaired or rejected.
  int64_t done() const { return counts.loaded() + counts.repaired + counts.rejected; }
  bool complete() const { return planned && done() >= expected; }
};

struct UnitProgress {
  int64_t pages = 0;
  int64_t fetched = 0;    // rows of the pages fetched by this process
  int64_t committed = 0;  // rows of the batches committed by this process
  bool done = false;
};

// A retry the engine is waiting on right now (429, backoff after 5xx, reconnect).
struct Wait {
  std::string what;    // "api" or "database"
  std::string reason;  // the cause as the source or the database said it
  int attempt = 0;
  std::chrono::system_clock::time_point until;
  int http_status = 0;  // 429: rate limited, whatever `reason` says
};

struct Snapshot {
  bool started = false;
  bool finished = false;
  std::chrono::system_clock::time_point now;
  std::chrono::milliseconds elapsed{0};

  // From RunStarted.
  int64_t run_id = 0;
  std::string worker_id;
  std::string destination;
  bool resumed = false;
  int concurrency = 0;
  int unit_count = 0;
  int batch_size = 0;             // rows per transaction
  int64_t far_round_trip_ms = 0;  // the database's round trip, when it made batches bigger

  // Progress. `done`/`expected` cover the requested years only; rows outside
  // them are `skipped` (in `totals`, and in `years` under their own year).
  std::map<int, YearProgress> years;
  Counts totals;
  int64_t expected = 0;
  int64_t done = 0;
  int64_t done_before = 0;  // committed by earlier attempts (resume)
  double rate = 0;          // entries/s over the sliding window
  std::optional<std::chrono::seconds> eta;
  int current_year = 0;  // year with most rows in the latest batch
  // The other streams (streams/stream.h), apart from the timeline's years
  // and totals: expected is the stream's count when the run was planned.
  std::map<std::string, YearProgress> streams;

  // Batches and pages of this process.
  int64_t batches = 0;
  int64_t batches_estimated = 0;  // >= batches; from the plan and the batch size
  int64_t pages = 0;
  int64_t splits = 0;
  std::string newest_id;
  std::map<std::string, UnitProgress> units;

  // Trouble.
  int64_t retries = 0;
  std::map<std::string, int64_t> retry_reasons;  // "api: 429 Too Many Requests" -> count
  std::vector<Wait> waits;                       // still in the future at `now`
  int64_t token_refreshes = 0;
  int64_t token_refresh_failures = 0;
  std::vector<std::string> warnings;  // the most recent few
  // Before any entry (UserLinksRestored): links given back, links still nulled.
  int64_t links_restored = 0;
  int64_t links_unlinked = 0;

  // A sync (SyncCompared, MissingMarked): what it compared and swept, and
  // the rows it marked gone from the source (or back), per stream.
  struct Sync {
    bool compared = false;
    int months = 0;
    int months_differing = 0;
    int64_t top = 0;
    std::string floor;
    std::vector<std::string> streams_swept;  // whole
    std::vector<std::string> streams_equal;
    std::vector<StreamWindow> streams_new;  // only the objects created since a date
    std::map<std::string, std::pair<int64_t, int64_t>> marks;  // stream -> marked, restored
  } sync;

  // --profile: time per phase ("api", "parse", "transform", "database").
  std::map<std::string, std::chrono::microseconds> phase_time;

  // From RunFinished.
  std::string state;  // done | done_with_rejects | stopped | failed | ...
  std::string reason;
  int exit_code = 0;
};

}  // namespace gb
