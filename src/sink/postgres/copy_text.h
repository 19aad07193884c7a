// Rows -> PostgreSQL COPY text format for the staging table, appended to one
// reusable buffer (no allocation per row once the buffer has grown).
#pragma once

#include <string>

#include "core/record.h"

namespace gb {

// Appends one line in the column order of sql/postgres/create_stage.sql.
// Backslash, newline, carriage return and tab are escaped; every other byte is
// passed as is (a NUL or invalid UTF-8 is refused by the server as a data
// error for the batch, which the engine bisects).
void AppendCopyRow(const Row& row, std::string* out);

}  // namespace gb
