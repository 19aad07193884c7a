// The words for what the destination check found (the sink reports structs):
// a table open to the API roles of a hosted database, with the statements
// that close it, and the bookkeeping an upgrade moved into its own schema.
// One wording for the run's log, watch (terminal and page) and doctor.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/table_exposure.h"

namespace gb {

// "public.users is open to the API: row level security is off and anon,
// authenticated hold SELECT, INSERT, … on it — anyone with the project's anon
// key can read and change its rows." (or, once closed, that it was and is no more)
std::string ExposureText(const TableExposure& exposure);
// How to close it ("Close it with these statements (or rerun with
// --close-exposed-tables, or gazelle-backfill doctor --fix):") or, closed,
// "Closed with:".
std::string ExposureFixIntro(const TableExposure& exposure);
// The text, the intro, then each statement on its own line, indented, ending in ';'.
std::vector<std::string> ExposureLines(const TableExposure& exposure);
// The statements as one SQL script ("stmt;\nstmt;\n").
std::string FixScript(const std::vector<std::string>& statements);
// {table, row_security, roles, privileges, fix, closed, text, fix_intro}: the
// machine fields and the words (in the current language) for JSON documents.
nlohmann::json ExposureJson(const TableExposure& exposure);
// "Upgrade: the bookkeeping tables gb_runs, gb_units moved from public into
// the schema gazelle_backfill, with their data; …"
std::string MovedTablesText(const std::string& schema, const std::vector<std::string>& tables);

}  // namespace gb
