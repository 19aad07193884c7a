// What `run` was asked to do, once parsed and validated by cli/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

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

struct RunOptions {
  std::vector<int> years;            // sorted ascending, unique (2016-2025, lists, single years)
  bool timeline = true;              // load the timeline (--streams)
  std::vector<std::string> streams;  // the other streams to load (streams/registry.h names)
  // --streams was given. Not given: an unfinished run that differs only in
  // its streams (one an earlier version started: the timeline alone) is
  // resumed with its own rather than refused.
  bool streams_chosen = true;
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
};

}  // namespace gb
