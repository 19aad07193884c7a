#include "sink/postgres/pg_schema_setup.h"

#include <algorithm>

#include "sink/postgres/copy_text.h"
#include "sink/postgres/pg_exposure.h"
#include "sink/sql_identifier.h"
#include "sql/postgres.h"
#include "streams/registry.h"
#include "streams/timeline.h"
#include "streams/timeline/timeline_links.h"
#include "streams/users.h"

namespace gb {
namespace {

namespace q = sql::postgres;

constexpr const char* kDoing = "creating the schema";

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

Result<SchemaReport> PgSchemaSetup::Ensure(const SchemaOptions& options) {
  SchemaReport report;
  if (auto s = conn_->Simple(kDoing, std::string(q::kBegin)); !s) return tl::unexpected(s.error());
  if (auto s = Body(options, report); !s) {
    (void)conn_->Simple(kDoing, std::string(q::kRollback));
    return tl::unexpected(s.error());
  }
  if (auto s = conn_->Simple(kDoing, std::string(q::kCommit)); !s) return tl::unexpected(s.error());
  if (options.close_exposed) {
    for (auto& e : report.exposed) e.closed = true;
  }
  return report;
}

Status PgSchemaSetup::Body(const SchemaOptions& options, SchemaReport& report) {
  // Serialise concurrent workers creating the same tables.
  if (auto s = conn_->Exec(kDoing, q::kLockSchema); !s) return tl::unexpected(s.error());
  auto existed = Existing(ToolTables());
  if (!existed) return tl::unexpected(existed.error());
  report.users_created = !Contains(*existed, "users");
  report.entries_created = !Contains(*existed, "gazelle_timeline_entries");
  report.bookkeeping_schema = std::string(kBookkeepingSchema);
  auto schema = conn_->Exec(kDoing, q::kSchemaExists, {std::string(kBookkeepingSchema)});
  if (!schema) return tl::unexpected(schema.error());
  const bool schema_existed = schema->Bool(0, 0);
  if (auto s = conn_->Exec(kDoing, q::kCreateBookkeepingSchema); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = MoveLegacyBookkeeping(report); !s) return s;
  if (auto s = CreateTables(options, report); !s) return s;
  return Secure(options, *existed, schema_existed, report);
}

Result<std::vector<std::string>> PgSchemaSetup::Existing(const std::vector<std::string>& tables) {
  auto res = conn_->Exec(kDoing, q::kExistingTables, {TextArrayLiteral(tables)});
  if (!res) return tl::unexpected(res.error());
  std::vector<std::string> out;
  for (int i = 0; i < res->rows(); ++i) out.emplace_back(res->Text(i, 0));
  return out;
}

// An earlier version kept its bookkeeping in public (served by Supabase's
// API): the tables move into the tool's schema as they are, an unfinished
// run included, before the CREATE ... IF NOT EXISTS below would make new ones.
Status PgSchemaSetup::MoveLegacyBookkeeping(SchemaReport& report) {
  auto legacy = conn_->Exec(kDoing, q::kLegacyBookkeeping, {TextArrayLiteral(kBookkeepingTables)});
  if (!legacy) return tl::unexpected(legacy.error());
  for (int i = 0; i < legacy->rows(); ++i) {
    std::string table(legacy->Text(i, 0));
    std::string move = BindIdentifiers(q::kMoveToBookkeepingSchema, {{"table", table}});
    if (auto s = conn_->Exec("moving the bookkeeping into its schema", move); !s) {
      return tl::unexpected(s.error());
    }
    report.moved_tables.push_back(std::move(table));
  }
  return {};
}

Status PgSchemaSetup::CreateTables(const SchemaOptions& options, SchemaReport& report) {
  // The tables the timeline's may reference first (users, then the streams in load order).
  if (auto s = conn_->Exec(kDoing, streams::users::kPostgresCreate); !s) {
    return tl::unexpected(s.error());
  }
  for (const StreamModule* stream : AllStreams()) {
    if (auto s = conn_->Exec(kDoing, stream->postgres.create); !s) return tl::unexpected(s.error());
    if (std::string_view links = stream->postgres.link_table.create; !links.empty()) {
      if (auto s = conn_->Exec(kDoing, links); !s) return tl::unexpected(s.error());
    }
  }
  const std::string entries =
      TimelineCreate(streams::timeline::kPostgresCreate, options.entry_links);
  for (std::string_view sql :
       {std::string_view(entries), streams::timeline::kPostgresOccurredAtIndex, q::kCreateRuns,
        q::kCreatePlan, q::kCreateUnits, q::kCreateCounters, q::kCreateRejects, q::kCreateWorkers,
        q::kCreateMissing, q::kCreateSchedule}) {
    if (sql == streams::timeline::kPostgresOccurredAtIndex && !report.entries_created) continue;
    if (auto s = conn_->Exec(kDoing, sql); !s) return tl::unexpected(s.error());
  }
  // A users table made before (by an earlier version, or by the business's
  // own scripts) that lacks some of the columns written: they are added,
  // nullable; the columns it has are kept (role stays, no longer written).
  auto missing = conn_->Exec(kDoing, q::kUsersMissingColumns);
  if (!missing) return tl::unexpected(missing.error());
  if (missing->rows() > 0) {
    for (int i = 0; i < missing->rows(); ++i) {
      report.users_columns_added.emplace_back(missing->Text(i, 0));
    }
    if (auto s = conn_->Exec(kDoing, q::kAddUsersColumns); !s) return tl::unexpected(s.error());
  }
  // Counters from before `unlinked` (links nulled, a part of repaired).
  auto unlinked = conn_->Exec(kDoing, q::kCountersUnlinkedExists);
  if (!unlinked) return tl::unexpected(unlinked.error());
  if (unlinked->Int(0, 0) == 0) {
    if (auto s = conn_->Exec(kDoing, q::kAddCountersUnlinked); !s) return tl::unexpected(s.error());
  }
  // Workers from before the reason codes (their sentences stay in `reason`).
  auto codes = conn_->Exec(kDoing, q::kWorkersReasonCodeExists);
  if (!codes) return tl::unexpected(codes.error());
  if (codes->Int(0, 0) == 0) {
    if (auto s = conn_->Exec(kDoing, q::kAddWorkersReasonFields); !s) {
      return tl::unexpected(s.error());
    }
  }
  return {};
}

Status PgSchemaSetup::Secure(const SchemaOptions& options, const std::vector<std::string>& existed,
                             bool schema_existed, SchemaReport& report) {
  PgExposure exposure(conn_);
  auto roles = exposure.ApiRoles();
  if (!roles) return tl::unexpected(roles.error());
  const char* doing = "closing the new tables to the API roles";
  if (!schema_existed) {
    if (auto s = exposure.Apply(doing, CloseNewSchema(kBookkeepingSchema, *roles)); !s) return s;
  }
  std::vector<std::string> created, kept;
  for (const auto& table : ToolTables()) {
    (Contains(existed, table) ? kept : created).push_back(table);
  }
  auto fresh = exposure.Read(created, *roles);
  if (!fresh) return tl::unexpected(fresh.error());
  for (const auto& access : *fresh) {
    if (auto s = exposure.Apply(doing, CloseNewTable(access, *roles)); !s) return s;
  }
  if (roles->empty()) return {};  // no API: nothing that existed is exposed
  auto old = exposure.Read(kept, *roles);
  if (!old) return tl::unexpected(old.error());
  for (const auto& access : *old) {
    if (!IsExposed(access)) continue;
    report.exposed.push_back(DescribeExposure(access));
    if (!options.close_exposed) continue;
    if (auto s = exposure.Apply("closing an exposed table", report.exposed.back().fix); !s) {
      return s;
    }
  }
  return {};
}

}  // namespace gb
