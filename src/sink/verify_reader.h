// The destination side of `verify`: counts and ids of gazelle_timeline_entries
// over occurred_at ranges, lookups of external ids in batches (one query per
// batch, never one per id), duplicates by external id and rows whose id is
// not of the API's tme_ scheme. Unlike StatusReader (watch), verify may scan
// the entries table: it runs once, on demand, and the occurred_at index
// bounds each range. Times are epoch seconds, ranges are [from, to).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/date_span.h"
#include "core/error.h"
#include "streams/stream.h"

namespace gb {

struct DuplicateId {
  std::string external_id;
  int64_t copies = 0;
};

// Rows whose external id is not tme_…: old imports, hand-made rows.
struct ForeignRows {
  int64_t count = 0;
  std::vector<std::string> sample;  // at most the limit asked for, sorted
};

class VerifyReader {
 public:
  virtual ~VerifyReader() = default;
  // False when the destination has no entries table yet (nothing loaded).
  virtual Result<bool> HasEntries() = 0;
  virtual Result<int64_t> CountBetween(int64_t from, int64_t to) = 0;
  virtual Result<std::vector<std::string>> IdsBetween(int64_t from, int64_t to) = 0;
  // The subset of `ids` present in the table (any occurred_at).
  virtual Result<std::vector<std::string>> ExistingIds(std::span<const std::string> ids) = 0;
  virtual Result<std::vector<DuplicateId>> Duplicates(int64_t from, int64_t to, int limit) = 0;
  virtual Result<ForeignRows> Foreign(int64_t from, int64_t to, int limit) = 0;
  // Rows with a link nulled (metadata.unresolved_<link>_id kept: core/row_links.h).
  virtual Result<int64_t> Unlinked(int64_t from, int64_t to) = 0;
  // The rows of another stream's table (streams/stream.h).
  virtual Result<int64_t> CountStream(const StreamModule& stream, const DateSpan& span) = 0;
  virtual std::string Describe() const = 0;  // no password
};

// For the same URLs as OpenDestination. Connects lazily; a SQLite file that
// does not exist is a kConfig error (verify never creates a database).
Result<std::unique_ptr<VerifyReader>> OpenVerifyReader(const std::string& url);

}  // namespace gb
