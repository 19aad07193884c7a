// SQLite result codes -> ErrorKind (the SQLite counterpart of sqlstate.h).
#pragma once

#include <string_view>

#include "core/error.h"

namespace gb {

// BUSY/LOCKED -> transient; CONSTRAINT/TOOBIG/MISMATCH -> data; FULL, IOERR,
// READONLY, PERM, CORRUPT -> permanent; CANTOPEN, NOTADB, and "no such
// table/column" -> config. `code` of the Error is e.g. "SQLITE_CONSTRAINT_CHECK".
// A refused row's Violation comes from the extended code: CONSTRAINT_FOREIGNKEY
// a missing reference (the session names it: SQLite does not), _UNIQUE and
// _PRIMARYKEY a unique key, _NOTNULL, _CHECK; other data errors bad data.
Error SqliteError(std::string_view doing, int extended_code, std::string_view message);

}  // namespace gb
