// A foreign key of gazelle_timeline_entries as the database's catalog lists
// it: what a session reads to say which reference a refused row is missing
// (Violation::column and ::referenced_table, core/violation.h).
#pragma once

#include <string>
#include <vector>

#include "core/row_links.h"

namespace gb {

struct ForeignKey {
  std::string constraint;         // its name (PostgreSQL); empty for SQLite
  std::string column;             // the referencing column ("user_id")
  std::string table;              // the referenced table ("users")
  std::string referenced_column;  // "id"; empty when the table's primary key is meant
};

// The entry links (core/row_links.h) among `keys`: a key of a link's column to
// the table that link points at (streams/timeline/timeline_links.h LinkedTable).
// One to another table (the business's own) is the database's to enforce.
LinkSet DeclaredEntryLinks(const std::vector<ForeignKey>& keys);

}  // namespace gb
