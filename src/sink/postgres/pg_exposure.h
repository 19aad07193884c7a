// Who can reach the tool's tables through a hosted database's public API, and
// the statements that close them. Supabase serves the tables of `public` to
// its anon and authenticated roles (its default privileges grant them ALL on
// every new table there) unless row level security is on; the anon key is
// public by design. A plain PostgreSQL has neither role: nothing is exposed,
// and the same closing statements only touch PUBLIC.
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/table_exposure.h"
#include "sink/postgres/pg_connection.h"

namespace gb {

// Where the bookkeeping lives (sql/postgres/*.sql name it literally): a schema
// Supabase does not serve unless told to.
inline constexpr std::string_view kBookkeepingSchema = "gazelle_backfill";
// The bookkeeping tables (in public before the upgrade that moved them).
inline constexpr std::array<std::string_view, 8> kBookkeepingTables = {
    "gb_runs",    "gb_plan",    "gb_units",   "gb_counters",
    "gb_rejects", "gb_workers", "gb_missing", "gb_schedule"};
// The data tables, named as the business's SQL names them (search_path).
inline constexpr std::array<std::string_view, 2> kDataTables = {"users",
                                                                "gazelle_timeline_entries"};
// The roles Supabase's API (PostgREST, GraphQL, Realtime) runs requests as.
inline constexpr std::array<std::string_view, 2> kApiRoles = {"anon", "authenticated"};

// "gazelle_backfill.gb_runs" (a name to_regclass resolves; the tool's own spelling).
std::string BookkeepingTable(std::string_view table);
// Every table the tool reads or writes, as to_regclass names them: the data
// tables (the timeline's, then every stream's), then the bookkeeping.
std::vector<std::string> ToolTables();
// ToolTables() and the bookkeeping an earlier version left in public (until
// the next run moves it): what watch and doctor check for exposure.
std::vector<std::string> AuditedTables();

// What PUBLIC and the API roles hold on one table or sequence.
struct RelationGrants {
  std::string schema;
  std::string name;
  std::map<std::string, std::set<std::string>> held;  // "anon" | "authenticated" | "PUBLIC"
};

struct TableAccess {
  RelationGrants table;
  bool row_security = false;
  std::vector<RelationGrants> sequences;  // owned by its columns (serial, identity)

  std::string Qualified() const { return table.schema + "." + table.name; }
};

// Open to the API roles: row level security off while PUBLIC or an API role
// holds a privilege on it (with RLS on and no policy they see no row).
bool IsExposed(const TableAccess& access);
// The exposure of `access` with the statements that close it: row level
// security on, then every privilege of PUBLIC and the API roles revoked from
// the table and its sequences (TRUNCATE ignores row level security).
TableExposure DescribeExposure(const TableAccess& access);
// The statements closing a table the tool has just created or moved: row
// level security on, PUBLIC and every API role of `roles` left with nothing
// on the table and its sequences (whatever default privileges granted them).
std::vector<std::string> CloseNewTable(const TableAccess& access,
                                       const std::vector<std::string>& roles);
// The same for the tool's new schema.
std::vector<std::string> CloseNewSchema(std::string_view schema,
                                        const std::vector<std::string>& roles);

class PgExposure {
 public:
  explicit PgExposure(PgConnection* conn) : conn_(conn) {}

  // The API roles that exist here (none on a plain PostgreSQL).
  Result<std::vector<std::string>> ApiRoles();
  // The access to each table of `tables` that exists (names as to_regclass
  // takes them), in the order the database lists them.
  Result<std::vector<TableAccess>> Read(const std::vector<std::string>& tables,
                                        const std::vector<std::string>& roles);
  // The tables of `tables` open to the API roles; none when no API role exists.
  Result<std::vector<TableExposure>> Exposed(const std::vector<std::string>& tables);
  // Runs each statement, in the caller's transaction when there is one.
  Status Apply(std::string_view doing, const std::vector<std::string>& statements);

 private:
  PgConnection* conn_;
};

}  // namespace gb
