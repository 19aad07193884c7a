// UTF-8 helpers for the transform: strict validation (no overlongs, no
// surrogates D800–DFFF as sent by a lone "\ud800" escape, nothing above
// U+10FFFF), replacement of bad bytes, and cutting at character boundaries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gb {

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when the
// bytes there are not a valid, shortest-form, non-surrogate scalar value.
size_t Utf8SequenceLength(std::string_view text, size_t pos);

bool IsValidUtf8(std::string_view text);

// Length (3) of a surrogate U+D800..U+DFFF encoded like a character
// (generalized UTF-8, "WTF-8": how a lone "\ud800" escape decodes) at
// text[pos], else 0.
size_t EncodedSurrogateLength(std::string_view text, size_t pos);

// Every encoded surrogate, and every other byte that does not start a valid
// sequence, becomes one U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view text);

// Number of characters (code points) in valid UTF-8 text.
size_t Utf8Length(std::string_view text);

// The first `max_chars` characters of valid UTF-8 text (never splits one).
std::string_view TruncateUtf8(std::string_view text, size_t max_chars);

}  // namespace gb
