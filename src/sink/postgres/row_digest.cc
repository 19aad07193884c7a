#include "sink/postgres/row_digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <memory>

#include "sink/postgres/jsonb_text.h"

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
// allocation but the digest's own text.
std::optional<std::string> RowDigest(const Row& row) {
  std::optional<std::string> printed;  // jsonb's text, when it differs from ours
  std::string_view metadata = row.metadata.empty() ? std::string_view("{}") : row.metadata;
  if (metadata != "{}") {
    printed = JsonbText(metadata);
    if (!printed) return std::nullopt;
    metadata = *printed;
  }
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
  Put(metadata, &text);
  // Fetched once: OpenSSL 3's implicit fetch in EVP_md5() takes a lock and a
  // provider lookup per call (more than the hashing of a row).
  static EVP_MD* const kMd5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           &EVP_MD_CTX_free);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (kMd5 == nullptr || ctx == nullptr || EVP_DigestInit_ex(ctx.get(), kMd5, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), md, &length) != 1) {
    return std::nullopt;  // no digest: the row is compared in the database
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[md[i] >> 4];
    hex[2 * i + 1] = kHex[md[i] & 15];
  }
  return hex;
}

}  // namespace gb
