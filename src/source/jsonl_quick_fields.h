// The two fields a filter of the file source looks at first, read without
// parsing the JSON, so a sweep of one type over a dump skips the other types'
// lines at the cost of a prefix check (a full parse costs ~50x more, and every
// unit of a run sweeps the whole file).
//
// Only a line in the exact shape `sim dump --jsonl` and the API write is read
// this way: {"id":"tme_<20 hex>","occurredAt":"YYYY-MM-DDTHH:MM:SSZ","type":"NAME",
// Any other line (hostile, reordered) gets nullopt and is parsed in full, with
// the lenient rules of MatchesFilter. A line of this shape can still be broken
// further on, or repeat a key (the full parse keeps the last value): only a
// full parse can tell, so JsonlSource parses every line once (Survey) and
// trusts the quick read only where both agree. The prefix alone is cheap
// enough for the many sweeps of a run.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gb {

struct QuickFields {
  int64_t occurred_at = 0;  // epoch seconds
  std::string_view type;    // points into the line
};

std::optional<QuickFields> ReadQuickFields(std::string_view line);

// Whether the full parse reads the same type and time as ReadQuickFields did:
// the whole line is valid JSON (UTF-8 included) and names "type" and
// "occurredAt" once each. A validation only (~5x cheaper than ParseNode), so
// the survey of a dump costs little before the first page.
bool QuickReadHolds(std::string_view line);

// The type and the time of a line ReadQuickFields accepted, read from their
// fixed places without checking the shape again (a sweep's fast path, for
// lines the survey already checked). Empty / nullopt when the line is too
// short for it.
std::string_view QuickType(std::string_view line);
std::optional<int64_t> QuickTime(std::string_view line);

}  // namespace gb
