#include "sink/postgres/row_digest.h"

#include <openssl/evp.h>

#include "sink/postgres/jsonb_text.h"

namespace gb {
namespace {

void Put(std::string_view value, std::string* out) {
  out->push_back('V');
  out->append(std::to_string(value.size()));
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

std::optional<std::string> RowDigest(const Row& row) {
  auto metadata = JsonbText(row.metadata.empty() ? std::string_view("{}") : row.metadata);
  if (!metadata) return std::nullopt;
  std::string text;
  text.reserve(256);
  for (const auto* field :
       {&row.client_id, &row.piano_id, &row.user_id, &row.invoice_id, &row.estimate_id}) {
    Put(*field, &text);
  }
  Put(std::string_view(std::to_string(row.occurred_at) + ".000000"), &text);
  Put(std::string_view(row.entry_type), &text);
  Put(row.title, &text);
  Put(row.description, &text);
  Put(std::string_view(*metadata), &text);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), md, &length, EVP_md5(), nullptr) != 1) {
    return std::nullopt;
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
