// The same external_id twice in one batch (the API's offset cursors can
// repeat a row across pages) must not make an upsert fail ("cannot affect row
// a second time"): the last occurrence is written, the others count as unchanged.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/events.h"
#include "core/record.h"

namespace gb {

// Indexes of the rows to write, in batch order; earlier duplicates are added
// to `counts` as unchanged under their own (year, type).
std::vector<size_t> LastOccurrences(std::span<const Row> rows, CountTable* counts);

}  // namespace gb
