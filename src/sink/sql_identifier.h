// The one place identifiers are quoted. Values are always bound parameters;
// identifiers (savepoint names, table names chosen at run time) go through here.
#pragma once

#include <string>
#include <string_view>

namespace gb {

// "name" with embedded quotes doubled; valid in PostgreSQL and SQLite.
std::string QuoteIdentifier(std::string_view name);

}  // namespace gb
