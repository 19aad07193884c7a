// TimelineSource over an export file (`run --from-file dump.jsonl`): one API
// node JSON per line, newest first, as `sim dump --jsonl` writes it.
//
// Memory stays flat whatever the file size: the cursor is a byte offset into
// the file, and FetchPage reads forward from it, applying the filter, until it
// has `first` matching nodes. Count streams the file once per distinct filter
// (results cached). A malformed line becomes a node with `defect` and the raw
// line, never dropped; a field it lacks matches any filter on that field (so a
// line without a type reaches every typed stream rather than none).
//
// Users: an export of entries says nothing reliable about users (ids only, no
// names), so FetchUsers returns the users of a `users.jsonl` file next to the
// dump (one {id, firstName, lastName, email, role} per line) when it exists,
// and an empty list otherwise (no users known; entries' user links are then
// repaired by the loader as unknown users).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "source/jsonl_quick_fields.h"
#include "source/timeline_source.h"

namespace gb {

class JsonlSource final : public TimelineSource {
 public:
  // kConfig when the file cannot be opened.
  static Result<std::unique_ptr<JsonlSource>> Open(const std::string& path);

  // has_next_page is true while bytes remain after the page, so the last page
  // of a filter may come back empty with has_next_page false.
  Result<Page> FetchPage(const PageRequest& request) override;
  Result<int64_t> Count(const TimelineFilter& filter) override;
  Result<std::vector<ApiUser>> FetchUsers() override;
  std::string Describe() const override;

  // Distinct filters streamed so far by Count (for tests of the cache).
  int count_scans() const;

 private:
  explicit JsonlSource(std::string path) : path_(std::move(path)) {}

  // Lines a quick read would get wrong (see jsonl_quick_fields.h), by
  // offset: one full parse of the file, before the first quick read, finds
  // them, so every other line of every sweep is filtered without parsing.
  Status Survey();
  // The quick fields of the line at `offset`, when they decide `filter`.
  std::optional<QuickFields> Quick(std::string_view line, int64_t offset,
                                   const TimelineFilter& filter) const;

  std::string path_;
  mutable std::mutex mu_;
  std::map<std::string, int64_t> counts_;
  int count_scans_ = 0;
  std::mutex survey_mu_;
  bool surveyed_ = false;
  std::unordered_set<int64_t> odd_lines_;
};

// Whether a node passes the filter (`bound`: occurredAtGet in epoch seconds).
bool MatchesFilter(const ApiNode& node, const TimelineFilter& filter, std::optional<int64_t> bound);

}  // namespace gb
