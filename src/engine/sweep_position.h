// Where a unit's sweep stands, and which rows of a page are new to it.
//
// The API's cursors are offsets from the newest entry of a filter. An entry
// arriving at the top shifts them by one: the next page starts a row early and
// presents again a row this sweep already counted. An entry deleted above
// shifts them the other way: the next page starts a row late and a row is
// skipped. So a unit's checkpoint is more than the API cursor:
// - the bottom: the second of the oldest row read and the ids read at that
//   second. Results come newest first, so a row newer than the bottom (or at
//   its second and already read) was read before: it is dropped, neither
//   written nor counted again.
// - the filter's totalCount at the last page. A page whose first row is new
//   while the count went down may have skipped rows: the sweep steps back to
//   where the last page began (its rows come again and are dropped) and, when
//   that does not connect either, starts over from the top.
// - the top: the second and ids of the newest rows of a sweep that began at
//   the top, so the run's closing check (engine/closing_check.h) sweeps only
//   what arrived above it since.
// Rows without a readable time or id cannot be placed: they are always new
// and never move a mark (the transform rejects them anyway).
//
// The position is encoded as JSON into the unit's checkpoint cursor; the sink
// stores it as it is. A plain cursor (an older checkpoint) decodes as one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sink/destination.h"
#include "source/timeline_source.h"

namespace gb {

// Rows at one edge of what a sweep read: their second and their ids.
struct SweepMark {
  std::optional<int64_t> at;
  std::vector<std::string> ids;

  bool set() const { return at.has_value(); }
  bool Holds(std::string_view id) const;
  // Newer than the mark, or one of its rows (a bottom: read before).
  bool AtOrAbove(int64_t t, std::string_view id) const;
  // Older than the mark, or one of its rows (a top: covered by that sweep).
  bool AtOrBelow(int64_t t, std::string_view id) const;
  // Adds a row at the mark's second; an older row starts a new mark.
  void Lower(int64_t t, std::string id);
  bool operator==(const SweepMark&) const = default;
};

struct SweepPosition {
  bool started = false;              // a page was taken (else: the unit's start)
  std::optional<std::string> after;  // the next page's cursor (none: the top)
  std::optional<std::string> back;   // where the last page began (none: the top)
  bool stepped_back = false;         // the next page is a step back
  int64_t total = -1;                // the filter's totalCount at the last page
  SweepMark top;                     // newest rows, when the sweep began at the top
  SweepMark bottom;                  // oldest rows read so far

  std::string Encode() const;
  static SweepPosition Decode(std::string_view checkpoint);
  bool operator==(const SweepPosition&) const = default;
};

// The edges that earlier sweeps covered, for a unit that loads only what they
// missed (the closing check's top-up): per type, the top of that type's sweep
// ("" for the catch-all's, i.e. types outside the 28); the top of the last
// top-up, which covers every type; and per recounted year, the top of its
// last recount, which covers every type of that year (a recount loads only
// its year). Encoded into UnitSpec::stop_at.
struct CoveredMarks {
  std::vector<std::pair<std::string, SweepMark>> types;
  SweepMark all;
  // Year, the instant it begins, the recount's top.
  struct YearMark {
    int year = 0;
    int64_t from = 0;
    int64_t until = 0;  // the next year's start
    SweepMark top;
  };
  std::vector<YearMark> years;

  // Covered: at or below a mark that applies to the row's type.
  bool Covers(const std::string& type, bool known_type, int64_t t, std::string_view id) const;
  // Rows older than this are all covered (none: the sweep goes to its end).
  std::optional<int64_t> Floor() const;
  std::string Encode() const;
  static CoveredMarks Decode(std::string_view text);
};

// What to do with one page.
struct PageTake {
  enum class Next { kAccept, kStepBack, kRestart } next = Next::kAccept;
  std::vector<char> keep;    // per node (kAccept): new to the sweep and not covered
  bool below_floor = false;  // a row older than every covered mark: the sweep is over
  int64_t again = 0;         // rows presented again (read before, or above the unit's bound)
};

// Follows one unit's sweep page by page. `shifting`: the source's cursors are
// offsets that move under a sweep (the API); a file's do not, and then every
// row is new and nothing is checked.
class SweepTracker {
 public:
  SweepTracker(const UnitSpec& spec, SweepPosition start, bool shifting);

  // The cursor to ask the next page after (none: the top of the filter).
  std::optional<std::string> NextAfter() const;
  // Judges a page fetched after NextAfter(); moves the position when accepted.
  PageTake Take(const Page& page);
  const SweepPosition& position() const { return position_; }

 private:
  struct Placed {
    std::optional<int64_t> at;  // none: undated (or no id)
  };
  std::vector<Placed> Place(const Page& page) const;
  bool Connected(const Page& page, bool from_top, int64_t again) const;
  void Advance(const Page& page, const std::vector<Placed>& placed, bool from_top, PageTake* take);
  // Rows presented again: read before, or above the unit's bound.
  int64_t Again(const Page& page, const std::vector<Placed>& placed) const;
  // The page was taken: the next one follows it.
  void Moved(const Page& page, const std::optional<std::string>& used);

  const UnitSpec& spec_;
  SweepPosition position_;
  bool shifting_;
  std::optional<int64_t> bound_;  // rows at or after this belong to a newer piece
  std::optional<CoveredMarks> covered_;
};

}  // namespace gb
