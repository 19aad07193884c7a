// TimelineSource over an export file (`run --from-file dump.jsonl`): one API
// node JSON per line, newest first, as `sim dump --jsonl` writes it.
//
// Memory stays flat whatever the file size: the cursor is a byte offset into
// the file, and FetchPage reads forward from it, applying the filter, until it
// has `first` matching nodes. Every unit of a run sweeps the file, so the
// first read of the file (Survey: every line checked once) builds a
// JsonlIndex of it, and each sweep then reads only the blocks that can hold
// its entries, with a quick read of the type where the survey found the line
// in the quick shape. A sweep continues from where the previous page of the
// same unit stopped, on the same reader (a few idle readers are kept). Count
// sweeps once per lower bound, tallying every type at once, or once per
// filter with a client (results cached). A malformed
// line becomes a node with `defect` and the raw line, never dropped; a field
// it lacks matches any filter on that field (so a line without a type reaches
// every typed stream rather than none).
//
// Users (docs/dump-format.md): a dump opens with the account's users, one
// PrivateUser per line ({"__typename":"PrivateUser", id, firstName, ...}, the
// allUsers answer's shape), then its entries. FetchUsers returns those lines,
// or the users of the file given as `users_file` (--users-file, same lines).
// A dump without users (written before they were dumped) and no users file is
// kConfig: loading it would null every user link.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/jsonl_index.h"
#include "source/line_reader.h"
#include "source/timeline_source.h"

namespace gb {

class JsonlSource final : public TimelineSource {
 public:
  // kConfig when the file cannot be opened.
  // `users_file`: where the users come from when the dump has none (may be empty).
  static Result<std::unique_ptr<JsonlSource>> Open(const std::string& path,
                                                   const std::string& users_file = "");

  // has_next_page is true while bytes remain after the page, so the last page
  // of a filter may come back empty with has_next_page false.
  Result<Page> FetchPage(const PageRequest& request) override;
  Result<int64_t> Count(const TimelineFilter& filter) override;
  // All the plan's counts without a client filter in one sweep.
  Result<std::vector<int64_t>> CountEach(const std::vector<TimelineFilter>& filters) override;
  // In a file whose lines are all newest first (as `sim dump` writes it), the
  // cursor is the start of the first line older than the filter's bound: the
  // planner can then cut a heavy type in time as it does over the API. No
  // cursor when a line is out of order or has no readable time (it would
  // belong to more than one piece).
  Result<FilterEnd> EndOf(const TimelineFilter& filter) override;
  Result<std::vector<ApiUser>> FetchUsers() override;
  std::string Describe() const override;

  // Reads of the whole file so far: the survey and each sweep made to count
  // (for tests of the cache).
  int whole_reads() const;

 private:
  explicit JsonlSource(std::string path) : path_(std::move(path)) {}
  // Reads the leading PrivateUser lines; data_start_ is the first line after them.
  Status ReadUserHeader();

  // The lines at or after a bound, by type: one sweep answers every Count
  // without a client filter at that bound (the plan asks ~40 of them).
  struct Tally {
    std::map<std::string, int64_t, std::less<>> by_type;
    int64_t lenient = 0;  // lines without a type: they match every typed filter
    int64_t total = 0;
    int64_t Of(const std::vector<std::string>& types) const;
    void Add(std::string_view type, bool untyped);
    void Merge(const Tally& other);
  };
  // Lines by the bounds they pass, while tallying several bounds in one read.
  class Buckets {
   public:
    explicit Buckets(const std::vector<std::optional<int64_t>>& bounds);
    bool empty() const { return sorted_.empty(); }
    std::optional<int64_t> lowest() const;
    // One line (`untyped`: a lenient line without a type).
    void Add(std::string_view type, std::optional<int64_t> at, bool lenient, bool untyped);
    void StoreInto(std::map<std::optional<int64_t>, Tally>* tallies) const;

   private:
    std::vector<int64_t> sorted_;  // no bound = INT64_MIN, passed by every time
    std::vector<Tally> buckets_;   // [i]: the lines passing exactly the i lowest bounds
  };
  std::vector<std::optional<int64_t>> Untallied(std::vector<std::optional<int64_t>> bounds) const;
  Result<Tally> TallySince(std::optional<int64_t> bound);
  Status TallyBounds(std::vector<std::optional<int64_t>> bounds);
  // The first read of the file, before any sweep: builds index_, and tallies
  // `bounds` on the way (the plan's counts).
  Status Survey(const std::vector<std::optional<int64_t>>& bounds = {});
  // Calls `match` for each line from `in`'s position on that passes the
  // filter (with its parsed node when the full parse was needed to decide),
  // until `match` returns false or the file ends.
  using Match = std::function<bool(std::string_view line, ApiNode* parsed)>;
  void Sweep(LineReader& in, const TimelineFilter& filter, std::optional<int64_t> bound,
             const Match& match) const;
  // A reader at `offset`: the one the previous page left there, or a new one.
  std::unique_ptr<LineReader> TakeReader(int64_t offset);
  void KeepReader(std::unique_ptr<LineReader> reader);

  std::string path_;
  std::string users_file_;
  std::vector<ApiUser> dump_users_;  // the dump's own PrivateUser lines
  int64_t data_start_ = 0;           // the byte offset of the first entry line
  mutable std::mutex mu_;
  std::map<std::string, int64_t> counts_;
  std::map<std::optional<int64_t>, Tally> tallies_;
  int whole_reads_ = 0;
  std::mutex tally_mu_;  // one tally read at a time: streams asking together wait for it
  std::mutex survey_mu_;
  bool surveyed_ = false;
  bool newest_first_ = true;  // every line has a time, none newer than the line before
  JsonlIndex index_;
  int64_t surveyed_end_ = 0;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<LineReader>> idle_readers_;
};

// Whether a node passes the filter (`bound`: occurredAtGet in epoch seconds).
bool MatchesFilter(const ApiNode& node, const TimelineFilter& filter, std::optional<int64_t> bound);

}  // namespace gb
