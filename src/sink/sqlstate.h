// SQLSTATE -> ErrorKind, and for a refused row the Violation, decided once
// here for the PostgreSQL sink (the SQLite sink maps its result codes onto the
// same kinds in sqlite_error.h).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace gb {

// 08xxx, 57P01-03, 40001, 40P01, 53300 -> transient; 23xxx, 22xxx, 21000 -> data;
// 42501 permission, 53100 disk full, 53200 out of memory -> permanent;
// 42703 / 42P01 / 42883 undefined column/table/function, 3D000 -> config; 28xxx -> auth.
ErrorKind ClassifySqlState(std::string_view sqlstate);

// What a refused row violated: 23503 a missing reference, 23505 a unique key,
// 23502 a NOT NULL column, 23514 a CHECK, other 23xxx, 22xxx and 21000 bad
// data; kNone otherwise. `constraint` and `column` are the error's fields
// (PG_DIAG_CONSTRAINT_NAME, PG_DIAG_COLUMN_NAME), empty when absent. A
// missing reference's column is not among them: the session names it from
// the constraint (postgres_session.h).
Violation ClassifyViolation(std::string_view sqlstate, std::string_view constraint,
                            std::string_view column);

// An Error with the kind of `sqlstate`, the message prefixed with what we were
// doing, and a hint for the permanent/config cases. Secrets are redacted.
Error SqlError(std::string_view doing, std::string_view sqlstate, std::string_view message);

}  // namespace gb
