// A JSON string token decoded the way the API meant it even when strict
// UTF-8 cannot hold it: an unpaired UTF-16 surrogate escape ("\ud800") becomes
// its generalized UTF-8 bytes (ED A0 80, "WTF-8") instead of failing the whole
// string, so the transform can repair it losslessly (engine/text_repair)
// rather than reject the row. simdjson refuses such strings; this is the
// fallback for exactly those.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gb {

// `token` is the raw JSON token, quotes included (trailing whitespace is
// ignored). None when it is not a string or has an escape JSON does not know.
std::optional<std::string> DecodeJsonStringWtf8(std::string_view token);

}  // namespace gb
