// The end of a run: a table per year and an overall summary, and for
// `--profile` where the time went. Pure: tested as strings.
//
//   Year   Expected     Loaded  Repaired  Rejected  Skipped   Done
//   2016      9,943      9,943         0         0        0   100%
//   ...
//   Total  282,669    282,667         2         0        0   100%
#pragma once

#include <string>
#include <string_view>

#include "monitor/snapshot.h"

namespace gb {

// "done", "done_with_rejects", "stopped"... in words for the user; `brief`
// drops the advice ("stopped" rather than "stopped (resumable)").
std::string StateLabel(std::string_view state, bool brief = false);

// The per-year table (planned years, then a row for rows outside them when
// any were skipped, then the total). Lines end with '\n'.
std::string FormatYearTable(const Snapshot& snapshot);
// The same per other stream (clients, pianos, …); empty when the run has none.
std::string FormatStreamTable(const Snapshot& snapshot);

// "Done in 4m 05s: 282,669 entries (282,600 new, 0 updated, 69 unchanged), 2 repaired,
//  0 rejected, 0 skipped · 1,152 e/s on average" then retries by reason and
// the engine's message (how to resume when stopped). Lines end with '\n'.
std::string FormatOverallSummary(const Snapshot& snapshot);

// Time per phase with its share, for --profile. Lines end with '\n'.
std::string FormatProfile(const Snapshot& snapshot);

}  // namespace gb
