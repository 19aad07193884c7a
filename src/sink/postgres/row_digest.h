// A digest of the columns the upsert compares (everything but the id and
// timestamps), computed the same way here and in SQL (probe_batch.sql), so a
// re-run over a loaded table learns which rows are unchanged from the probe
// alone and sends only the others to be staged and upserted.
//
// hashtextextended (pg_text_hash.h) chained over the columns in order: each
// column's text hashed with the previous hash as its seed, the seed's lowest
// bit flipped when the column is NULL (so NULL and '' differ). The time is
// the epoch as PostgreSQL's extract() prints it, the metadata as jsonb prints
// it (jsonb_text.h).
#pragma once

#include <cstdint>
#include <optional>

#include "core/record.h"

namespace gb {

// nullopt when the row's stored form cannot be predicted (see JsonbText):
// such a row is always compared in the database.
std::optional<int64_t> RowDigest(const Row& row);

}  // namespace gb
