// What `run` was asked to do, once parsed and validated by cli/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/date_span.h"
#include "core/worker_id.h"

namespace gb {

// Rows per transaction: the default and the largest --batch-size allowed.
inline constexpr int kDefaultBatchSize = 1000;
inline constexpr int kMaxBatchSize = 100000;
// Nodes per page: what --page-size asks by default, its largest value (the
// API documents no maximum; engine/page_sizer.h follows what it honours), and
// the size every Gazelle client has used, asked when a larger one is refused.
// 500 by default: one of the business's scripts asked it of the real API, and
// at 10 requests/s it loads 4.6 times the entries of 100 (bench, pages); a
// silent cap is followed, a refusal steps down to 100. The shifting-offset
// trials at 500 (arrivals and deletions at the top during the sweep) passed
// 40 times in a row before it became the default.
inline constexpr int kDefaultPageSize = 500;
inline constexpr int kMaxPageSize = 1000;
inline constexpr int kNormPageSize = 100;
// The most concurrent streams --concurrency allows.
inline constexpr int kMaxConcurrency = 64;

// Rows per transaction when the user did not choose: a database far away
// (Supabase over the internet) pays a few round trips per batch, so its
// batches are bigger. Measured with bench/latency_proxy at 20 and 50 ms.
inline constexpr int kFarBatchSize = 5000;
inline constexpr std::chrono::milliseconds kFarRoundTrip{5};
inline int BatchSizeFor(std::chrono::microseconds round_trip) {
  return round_trip >= kFarRoundTrip ? kFarBatchSize : kDefaultBatchSize;
}

// `sync` (engine/sync_planner.h). The overlap: the timeline has no update
// time, so entries edited after they were loaded (a technician completing a
// visit's notes days later) are found only by sweeping them again; entries
// back-dated or deleted anywhere are found by the month counts instead. 30
// days: the window the business's own daily job ended on (from 7, which
// missed edits), and about 2,300 entries at its volume, 5 pages of 500.
inline constexpr std::chrono::seconds kDefaultOverlap = std::chrono::days{30};
// Another stream is swept whole (its edits found) when its count differs
// from the source's, and at least this often: daily, ~110 pages at scale 1.
inline constexpr std::chrono::seconds kDefaultSweepEvery = std::chrono::days{1};
struct SyncOptions {
  std::chrono::seconds overlap = kDefaultOverlap;
  std::chrono::seconds sweep_every = kDefaultSweepEvery;
  // Off: the overlap's window alone, no month counts, nothing marked (the
  // business's old daily job; for showing what the counts find).
  bool reconcile = true;
  // Set by the engine: every stream the sync compared (swept or equal), as
  // run parameters name them ("timeline" included), for verify's default.
  std::vector<std::string> synced = {};
};

struct RunOptions {
  std::vector<int> years;            // sorted ascending, unique (2016-2025, lists, single years)
  bool timeline = true;              // load the timeline (--streams)
  std::vector<std::string> streams;  // the other streams to load (streams/registry.h names)
  // --streams was given. Not given: an unfinished run that differs only in
  // its streams (one an earlier version started: the timeline alone) is
  // resumed with its own rather than refused.
  bool streams_chosen = true;
  // `sync` instead of a backfill: the plan is the destination's difference
  // with the source (engine/sync_planner.h); years and streams follow it.
  std::optional<SyncOptions> sync;
  std::string tz = "UTC";              // year boundaries
  int batch_size = kDefaultBatchSize;  // rows per transaction (upper bound when adapting)
  bool batch_size_chosen = false;      // by the loader: BatchSizeFor the database's round trip
  int concurrency = 0;                 // streams; 0 = choose (see engine)
  int page_size = kDefaultPageSize;    // nodes asked per page (the API may give fewer)
  bool restart = false;                // start the range over
  bool legacy_types = false;           // map types onto the old 8-value CHECK
  std::optional<std::pair<int, int>> truncate;  // --truncate 500,2000 (title, description)
  bool close_exposed_tables = false;            // close existing tables open to the API roles
  WorkerId worker_id;                           // set by cli (else this process)
  std::chrono::seconds lease{60};
  std::chrono::milliseconds heartbeat{2000};
  bool profile = false;  // --profile: report where the time goes
  // Adaptive batching: a batch is also committed when no page arrived for
  // this long, so a slow API still checkpoints often.
  std::chrono::milliseconds flush_after{300};
  int queue_pages = 0;  // pages a fetcher may run ahead of its writer; 0 = one batch's worth

  // The dates the other streams are loaded for: the span of the years, the
  // whole of each for a sync (it keeps the account current, future events too).
  DateSpan StreamSpan() const { return sync ? DateSpan{} : SpanOfYears(years); }
};

}  // namespace gb
