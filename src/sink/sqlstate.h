// SQLSTATE -> ErrorKind, decided once here for the PostgreSQL sink (the SQLite
// sink maps its result codes onto the same kinds in sqlite_error.h).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace gb {

// 08xxx, 57P01-03, 40001, 40P01, 53300 -> transient; 23xxx, 22xxx, 21000 -> data;
// 42501 permission, 53100 disk full, 53200 out of memory -> permanent;
// 42703 / 42P01 / 42883 undefined column/table/function, 3D000 -> config; 28xxx -> auth.
ErrorKind ClassifySqlState(std::string_view sqlstate);

// An Error with the kind of `sqlstate`, the message prefixed with what we were
// doing, and a hint for the permanent/config cases. Secrets are redacted.
Error SqlError(std::string_view doing, std::string_view sqlstate, std::string_view message);

}  // namespace gb
