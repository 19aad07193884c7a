// The rejects table (gb_rejects) for `rejects list | export | retry`. Reading
// is plain; retrying writes rows through an ordinary Session (the engine's
// batch writer drives it) and settles the rejects on the same connection,
// inside the same transaction, through RejectsTransaction: rows that now
// load leave the table, the others keep their new reason, and the run's
// counters move from rejected to loaded/repaired — all committed together.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/events.h"
#include "core/record.h"
#include "sink/destination.h"

namespace gb {

struct StoredReject {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string unit;
  Reject reject;           // external id, year, type, sqlstate, reason, raw node
  std::string created_at;  // ISO 8601 UTC
};

struct RejectUpdate {
  int64_t id = 0;
  std::string sqlstate;
  std::string reason;
};

// Statements run inside the current transaction of the Session it was made with.
class RejectsTransaction {
 public:
  virtual ~RejectsTransaction() = default;
  virtual Status Update(std::span<const RejectUpdate> updates) = 0;
  virtual Status Remove(std::span<const int64_t> ids) = 0;
  // Adds (possibly negative) deltas to the run's counters, without any checkpoint.
  virtual Status AddCounters(int64_t run_id, const CountTable& deltas) = 0;
};

// One connection: `rejects` borrows the session's connection, so it is
// declared second and destroyed first.
struct RetryConnection {
  std::unique_ptr<Session> session;
  std::unique_ptr<RejectsTransaction> rejects;
};

class RejectsStore {
 public:
  virtual ~RejectsStore() = default;
  // Oldest first; all runs when `run_id` is none. Empty before any run.
  virtual Result<std::vector<StoredReject>> List(std::optional<int64_t> run_id) = 0;
  // The run's parameters as stored (JSON: years, tz, legacy_types, truncate).
  virtual Result<std::string> RunParams(int64_t run_id) = 0;
  virtual Result<RetryConnection> ConnectForRetry() = 0;
  virtual std::string Describe() const = 0;  // no password
};

// For the same URLs as OpenDestination; a SQLite file that does not exist is kConfig.
Result<std::unique_ptr<RejectsStore>> OpenRejectsStore(const std::string& url);

}  // namespace gb
