// PostgreSQL's hashtextextended(text, seed) computed here: the 64-bit hash
// of the text's bytes (hash_bytes_extended, Bob Jenkins' lookup3 mixing) that
// the server uses for hash partitioning, so it stays the same across server
// versions. The rerun digest (row_digest.h) chains this hash over the
// columns, in the probe and here: over 212,000 rows the server spends ~245 ms
// on it, against ~540 ms hashing the columns' concatenated text and ~1,100 ms
// for md5 of that text (PostgreSQL 15).
//
// For a column with a deterministic collation (every default one); the
// server hashes a nondeterministic ICU collation's sort key instead.
#pragma once

#include <cstdint>
#include <string_view>

namespace gb {

// As the server returns it: a bigint (the unsigned hash reinterpreted).
int64_t PgTextHash(std::string_view bytes, uint64_t seed = 0);

}  // namespace gb
