#include "sink/postgres/row_digest.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string>

#include "sink/postgres/jsonb_text.h"
#include "sink/postgres/pg_text_hash.h"

namespace gb {
namespace {

// One link of the chain: hashtextextended(coalesce(value, ''), hash # is_null).
int64_t Chain(int64_t hash, std::optional<std::string_view> value) {
  const uint64_t seed = static_cast<uint64_t>(hash) ^ (value ? 0u : 1u);
  return PgTextHash(value.value_or(std::string_view()), seed);
}

std::optional<std::string_view> View(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return std::string_view(*value);
}

}  // namespace

// Runs for every row already stored on a rerun: each column is hashed where
// it is, nothing is concatenated (the epoch's text is on the stack).
std::optional<int64_t> RowDigest(const Row& row) {
  const auto metadata = JsonbText(row.metadata.empty() ? std::string_view("{}") : row.metadata);
  if (!metadata) return std::nullopt;
  int64_t hash = 0;
  for (const auto* field :
       {&row.client_id, &row.piano_id, &row.user_id, &row.invoice_id, &row.estimate_id}) {
    hash = Chain(hash, View(*field));
  }
  char epoch[32];
  char* end = std::to_chars(std::begin(epoch), std::end(epoch) - 8, row.occurred_at).ptr;
  end = std::copy_n(".000000", 7, end);  // extract(epoch ...) of a whole second
  hash = Chain(hash, std::string_view(epoch, static_cast<size_t>(end - epoch)));
  hash = Chain(hash, std::string_view(row.entry_type));
  hash = Chain(hash, View(row.title));
  hash = Chain(hash, View(row.description));
  return Chain(hash, std::string_view(*metadata));
}

}  // namespace gb
