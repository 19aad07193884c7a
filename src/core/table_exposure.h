// A table of the destination that the roles of a hosted database's public API
// can reach (Supabase serves every table of `public` to anyone holding the
// project's anon key unless row level security is on), with the statements
// that close it. Found by the sink, carried by events and the status reader,
// put into words only by monitor/ (exposure_text.h).
#pragma once

#include <string>
#include <vector>

namespace gb {

struct TableExposure {
  std::string table;                    // schema-qualified: "public.users"
  bool row_security = false;            // RLS enabled on the table
  std::vector<std::string> roles;       // who holds privileges: "anon", "authenticated", "PUBLIC"
  std::vector<std::string> privileges;  // what they hold: "SELECT", "INSERT", ... (union)
  std::vector<std::string> fix;         // the statements that close it, in order
  bool closed = false;  // the fix was applied (run --close-exposed-tables, doctor --fix)

  bool operator==(const TableExposure&) const = default;
};

}  // namespace gb
