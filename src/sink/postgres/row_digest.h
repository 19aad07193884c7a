// A digest of the columns the upsert compares (everything but the id and
// timestamps), computed the same way here and in SQL (probe_batch.sql), so a
// re-run over a loaded table learns which rows are unchanged from the probe
// alone and sends only the others to be staged and upserted.
//
// Each column is 'N' for NULL or 'V<bytes>:<value>' (no two rows share an
// encoding); the time is the epoch as PostgreSQL's extract() prints it, the
// metadata as jsonb prints it (jsonb_text.h). The digest is hashtextextended
// of that text (pg_text_hash.h), as the server prints the bigint.
#pragma once

#include <optional>
#include <string>

#include "core/record.h"

namespace gb {

// nullopt when the row's stored form cannot be predicted (see JsonbText):
// such a row is always compared in the database.
std::optional<std::string> RowDigest(const Row& row);

}  // namespace gb
