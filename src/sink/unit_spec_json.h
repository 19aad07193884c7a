// UnitSpec <-> the JSON stored in gb_units.spec (both dialects).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "sink/destination.h"

namespace gb {

std::string UnitSpecToJson(const UnitSpec& spec);
// kInternal when the stored text is not a spec (someone edited the table).
Result<UnitSpec> UnitSpecFromJson(std::string_view json);

// Text safe for any column and any JSON parameter: NUL bytes, which neither
// PostgreSQL text nor jsonb can hold, become the visible escape "\u0000".
std::string SafeText(std::string_view text);

}  // namespace gb
