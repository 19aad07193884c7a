// A JSON string's escaping, as PostgreSQL's jsonb prints it (escape_json):
// \" \\ \n \r \t \b \f, other bytes under 0x20 as \u00xx (lower-case hex),
// everything else (UTF-8 included) as is. The simulator writes its answers
// this way, and the loader predicts jsonb's text of a row with it.
#pragma once

#include <string>
#include <string_view>

namespace gb {

// Appends `text` escaped (without the surrounding quotes).
void AppendJsonEscaped(std::string_view text, std::string* out);

}  // namespace gb
