// The two fields a filter of the file source looks at first, read without
// parsing the JSON, so a sweep of one type over a dump skips the other types'
// lines at the cost of a prefix check (a full parse costs ~50x more, and every
// unit of a run sweeps the whole file).
//
// Only a line in the exact shape `sim dump --jsonl` and the API write is read
// this way: {"id":"tme_<20 hex>","occurredAt":"YYYY-MM-DDTHH:MM:SSZ","type":"NAME",
// with neither key repeated later in the line. Everything before the type is
// then well-formed, so the full parser would read the same two values.
// Any other line (hostile, truncated, reordered) gets nullopt and is parsed
// in full, with the lenient rules of MatchesFilter.
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

}  // namespace gb
