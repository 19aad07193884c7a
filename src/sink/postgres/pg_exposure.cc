#include "sink/postgres/pg_exposure.h"

#include <algorithm>

#include "sink/postgres/copy_text.h"
#include "sink/sql_identifier.h"
#include "sql/postgres.h"
#include "streams/registry.h"

namespace gb {
namespace {

namespace q = sql::postgres;

constexpr std::string_view kPublic = "PUBLIC";

std::string RevokeTable(const RelationGrants& t, std::string_view holder) {
  if (holder == kPublic) {
    return BindIdentifiers(q::kCloseRevokeTableFromPublic,
                           {{"schema", t.schema}, {"table", t.name}});
  }
  return BindIdentifiers(q::kCloseRevokeTable,
                         {{"schema", t.schema}, {"table", t.name}, {"role", holder}});
}

std::string RevokeSequence(const RelationGrants& s, std::string_view holder) {
  if (holder == kPublic) {
    return BindIdentifiers(q::kCloseRevokeSequenceFromPublic,
                           {{"schema", s.schema}, {"sequence", s.name}});
  }
  return BindIdentifiers(q::kCloseRevokeSequence,
                         {{"schema", s.schema}, {"sequence", s.name}, {"role", holder}});
}

std::string EnableRowSecurity(const RelationGrants& t) {
  return BindIdentifiers(q::kCloseEnableRowSecurity, {{"schema", t.schema}, {"table", t.name}});
}

// SELECT, INSERT, UPDATE, DELETE first (what the API does), then the rest
// alphabetically: the order GRANT's documentation lists them in.
std::vector<std::string> InGrantOrder(const std::set<std::string>& privileges) {
  static constexpr std::array<std::string_view, 4> kFirst = {"SELECT", "INSERT", "UPDATE",
                                                             "DELETE"};
  std::vector<std::string> out;
  for (auto p : kFirst) {
    if (privileges.count(std::string(p)) > 0) out.emplace_back(p);
  }
  for (const auto& p : privileges) {
    if (std::find(kFirst.begin(), kFirst.end(), p) == kFirst.end()) out.push_back(p);
  }
  return out;
}

std::vector<std::string> ToVector(const auto& items) {
  return std::vector<std::string>(items.begin(), items.end());
}

// The rows of table_access.sql for one table, in order: the table itself,
// then each of its sequences.
void AddRow(const PgResult& r, int i, std::vector<TableAccess>& out) {
  auto text = [&](int col) { return std::string(r.Text(i, col)); };
  if (out.empty() || out.back().table.schema != text(0) || out.back().table.name != text(1)) {
    TableAccess access;
    access.table.schema = text(0);
    access.table.name = text(1);
    access.row_security = r.Bool(i, 2);
    out.push_back(std::move(access));
  }
  TableAccess& access = out.back();
  RelationGrants* relation = &access.table;
  if (r.Bool(i, 5)) {
    if (access.sequences.empty() || access.sequences.back().schema != text(3) ||
        access.sequences.back().name != text(4)) {
      access.sequences.push_back(RelationGrants{text(3), text(4), {}});
    }
    relation = &access.sequences.back();
  }
  if (!r.IsNull(i, 6)) relation->held[text(6)].insert(text(7));
}

}  // namespace

std::string BookkeepingTable(std::string_view table) {
  return std::string(kBookkeepingSchema) + "." + std::string(table);
}

std::vector<std::string> ToolTables() {
  std::vector<std::string> tables = ToVector(kDataTables);
  for (const StreamModule* stream : AllStreams()) {
    tables.emplace_back(stream->table);
    if (!stream->link_table.empty()) tables.emplace_back(stream->link_table);
  }
  for (auto t : kBookkeepingTables) tables.push_back(BookkeepingTable(t));
  return tables;
}

std::vector<std::string> AuditedTables() {
  std::vector<std::string> tables = ToolTables();
  for (auto t : kBookkeepingTables) tables.push_back("public." + std::string(t));
  return tables;
}

bool IsExposed(const TableAccess& access) {
  return !access.row_security && !access.table.held.empty();
}

TableExposure DescribeExposure(const TableAccess& access) {
  TableExposure e;
  e.table = access.Qualified();
  e.row_security = access.row_security;
  std::set<std::string> roles, privileges;
  for (const auto& [holder, held] : access.table.held) {
    roles.insert(holder);
    privileges.insert(held.begin(), held.end());
  }
  e.roles = ToVector(roles);
  e.privileges = InGrantOrder(privileges);
  if (!access.row_security) e.fix.push_back(EnableRowSecurity(access.table));
  for (const auto& [holder, held] : access.table.held)
    e.fix.push_back(RevokeTable(access.table, holder));
  for (const auto& s : access.sequences) {
    for (const auto& [holder, held] : s.held) e.fix.push_back(RevokeSequence(s, holder));
  }
  return e;
}

std::vector<std::string> CloseNewTable(const TableAccess& access,
                                       const std::vector<std::string>& roles) {
  std::vector<std::string> out = {EnableRowSecurity(access.table),
                                  RevokeTable(access.table, kPublic)};
  for (const auto& role : roles) out.push_back(RevokeTable(access.table, role));
  for (const auto& s : access.sequences) {
    out.push_back(RevokeSequence(s, kPublic));
    for (const auto& role : roles) out.push_back(RevokeSequence(s, role));
  }
  return out;
}

std::vector<std::string> CloseNewSchema(std::string_view schema,
                                        const std::vector<std::string>& roles) {
  std::vector<std::string> out = {
      BindIdentifiers(q::kCloseRevokeSchemaFromPublic, {{"schema", schema}})};
  for (const auto& role : roles) {
    out.push_back(BindIdentifiers(q::kCloseRevokeSchema, {{"schema", schema}, {"role", role}}));
  }
  return out;
}

Result<std::vector<std::string>> PgExposure::ApiRoles() {
  auto res = conn_->Exec("looking for the API roles", q::kApiRoles, {TextArrayLiteral(kApiRoles)});
  if (!res) return tl::unexpected(res.error());
  std::vector<std::string> roles;
  for (int i = 0; i < res->rows(); ++i) roles.emplace_back(res->Text(i, 0));
  return roles;
}

Result<std::vector<TableAccess>> PgExposure::Read(const std::vector<std::string>& tables,
                                                  const std::vector<std::string>& roles) {
  auto res = conn_->Exec("reading who may reach the tables", q::kTableAccess,
                         {TextArrayLiteral(tables), TextArrayLiteral(roles)});
  if (!res) return tl::unexpected(res.error());
  std::vector<TableAccess> out;
  for (int i = 0; i < res->rows(); ++i) AddRow(*res, i, out);
  return out;
}

Result<std::vector<TableExposure>> PgExposure::Exposed(const std::vector<std::string>& tables) {
  auto roles = ApiRoles();
  if (!roles) return tl::unexpected(roles.error());
  std::vector<TableExposure> out;
  if (roles->empty()) return out;
  auto access = Read(tables, *roles);
  if (!access) return tl::unexpected(access.error());
  for (const auto& a : *access) {
    if (IsExposed(a)) out.push_back(DescribeExposure(a));
  }
  return out;
}

Status PgExposure::Apply(std::string_view doing, const std::vector<std::string>& statements) {
  for (const auto& sql : statements) {
    if (auto s = conn_->Exec(doing, sql); !s) return tl::unexpected(s.error());
  }
  return {};
}

}  // namespace gb
