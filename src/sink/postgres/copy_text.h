// Rows -> PostgreSQL COPY text format for the staging table, appended to one
// reusable buffer (no allocation per row once the buffer has grown).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace gb {

// Appends one line in the column order of sql/postgres/create_stage.sql.
// Backslash, newline, carriage return and tab are escaped; every other byte is
// passed as is (a NUL or invalid UTF-8 is refused by the server as a data
// error for the batch, which the engine bisects).
void AppendCopyRow(const Row& row, std::string* out);

// Appends one line in the column order of src/streams/timeline/postgres_copy.sql (the
// destination table itself, for rows known to be new), as the row is (a link
// to a missing row already nulled: core/row_links.h).
void AppendEntryCopyRow(const Row& row, std::string* out);

// A text[] literal ({"a","b\"c"}) for binding a list of ids as one parameter.
std::string TextArrayLiteral(std::span<const std::string_view> items);
std::string TextArrayLiteral(const std::vector<std::string>& items);

}  // namespace gb
