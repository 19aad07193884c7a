// What writing a batch of a stream's nodes did, from what both dialects can
// tell: how many of its ids were stored before, and the rows the upsert
// wrote (with how many of them had a link nulled). Unchanged rows are not
// written; a row with a link nulled counts as repaired (and unlinked); the
// written rest splits into inserted (new ids) and updated.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/events.h"
#include "streams/stream.h"

namespace gb {

CountTable ObjectCounts(const StreamModule& stream, int64_t nodes, int64_t stored_before,
                        int64_t written, int64_t unlinked);

// The nodes as one JSON array (they are JSON texts already).
std::string JsonArrayOf(std::span<const std::string> nodes);

}  // namespace gb
