// The one place identifiers are quoted. Values are always bound parameters;
// identifiers (savepoint names, table, schema and role names chosen at run
// time) go through here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gb {

// "name" with embedded quotes doubled; valid in PostgreSQL and SQLite.
std::string QuoteIdentifier(std::string_view name);

using IdentifierValues = std::vector<std::pair<std::string_view, std::string_view>>;

// A statement of sql/<dialect>/*.sql whose identifiers are only known at run
// time, written with psql's syntax for an identifier variable, :"name": each
// :"name" becomes QuoteIdentifier(value of name). A placeholder without a
// value is left as it is (the server then refuses the statement); "::" casts
// are never taken for one. The file's final newline is dropped: the result
// is run as it is, and shown as it is (one line, then ";").
std::string BindIdentifiers(std::string_view sql, const IdentifierValues& values);

}  // namespace gb
