// The text PostgreSQL prints for a jsonb value (`metadata::text`): keys
// sorted by length then bytes, the last of duplicate keys kept, ", " and ": "
// between items, strings escaped as escape_json does. It lets the loader tell
// that a stored row is unchanged from a digest (see row_digest.h) instead of
// sending the row to compare it.
//
// nullopt when this JSON's jsonb text cannot be predicted for sure (not
// JSON, or a number whose numeric form may print differently, such as 1e-05
// or -0.0): the caller then compares the whole row in the database.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gb {

std::optional<std::string> JsonbText(std::string_view json);

}  // namespace gb
