// The timeline table's links declared as foreign keys when it is created.
// Its CREATE statements (postgres_create.sql, sqlite_create.sql) declare the
// users' link, and mark the others' place with a comment
// `/* references <stream> */`; a link is declared there when the run that
// creates the table loads the stream it points at (a timeline loaded alone
// keeps its links as the API gives them: nothing would be there to point at).
#pragma once

#include <string>
#include <string_view>

#include "core/row_links.h"

namespace gb {

// The table the link kEntryLinks[link] points at: users, or its stream's
// (gazelle_clients, ...). A foreign key of that column to another table (the
// business's own) is not the tool's: the sinks leave it to the database.
std::string_view LinkedTable(size_t link);

// `create` with the links of `links` (core/row_links.h) declared: each marker
// of one of them becomes `REFERENCES <its stream's table> (external_id)`.
std::string TimelineCreate(std::string_view create, LinkSet links);

}  // namespace gb
