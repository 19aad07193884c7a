#include "sink/postgres/row_digest.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string>

#include "sink/postgres/jsonb_text.h"
#include "sink/postgres/pg_text_hash.h"

namespace gb {
namespace {

void Put(std::string_view value, std::string* out) {
  char length[24];
  const auto end = std::to_chars(std::begin(length), std::end(length), value.size()).ptr;
  out->push_back('V');
  out->append(length, end);
  out->push_back(':');
  out->append(value);
}

void Put(const std::optional<std::string>& value, std::string* out) {
  if (value) {
    Put(std::string_view(*value), out);
  } else {
    out->push_back('N');
  }
}

}  // namespace

// Runs for every row already stored on a rerun: one buffer per thread, no
// allocation for the text hashed.
std::optional<std::string> RowDigest(const Row& row) {
  const auto metadata = JsonbText(row.metadata.empty() ? std::string_view("{}") : row.metadata);
  if (!metadata) return std::nullopt;
  thread_local std::string text;
  text.clear();
  for (const auto* field :
       {&row.client_id, &row.piano_id, &row.user_id, &row.invoice_id, &row.estimate_id}) {
    Put(*field, &text);
  }
  char epoch[32];
  char* end = std::to_chars(std::begin(epoch), std::end(epoch) - 8, row.occurred_at).ptr;
  end = std::copy_n(".000000", 7, end);  // extract(epoch ...) of a whole second
  Put(std::string_view(epoch, static_cast<size_t>(end - epoch)), &text);
  Put(std::string_view(row.entry_type), &text);
  Put(row.title, &text);
  Put(row.description, &text);
  Put(std::string_view(*metadata), &text);
  return std::to_string(PgTextHash(text));
}

}  // namespace gb
