// Session::EnsureSchema for PostgreSQL, in one transaction under the schema
// lock (concurrent workers wait for each other): the bookkeeping schema and
// its tables (moved there from public when an earlier version left them
// there), the data tables when absent, everything it creates closed to the
// API roles, and the tables that existed before checked for exposure —
// reported, closed only when asked (SchemaOptions::close_exposed).
#pragma once

#include <string>
#include <vector>

#include "sink/destination.h"
#include "sink/postgres/pg_connection.h"

namespace gb {

class PgSchemaSetup {
 public:
  explicit PgSchemaSetup(PgConnection* conn) : conn_(conn) {}

  Result<SchemaReport> Ensure(const SchemaOptions& options);

 private:
  Status Body(const SchemaOptions& options, SchemaReport& report);
  Result<std::vector<std::string>> Existing(const std::vector<std::string>& tables);
  Status MoveLegacyBookkeeping(SchemaReport& report);
  // The tables when absent, and the users columns an older users table lacks.
  Status CreateTables(const SchemaOptions& options, SchemaReport& report);
  // Closes what this transaction created; reports (and, when asked, closes)
  // the exposure of what existed before.
  Status Secure(const SchemaOptions& options, const std::vector<std::string>& existed,
                bool schema_existed, SchemaReport& report);

  PgConnection* conn_;
};

}  // namespace gb
