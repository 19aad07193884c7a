#include "sink/sqlite/sqlite_session.h"

#include "core/iso_time.h"
#include "core/row_links.h"
#include "sink/batch_dedupe.h"
#include "sink/object_counts.h"
#include "sink/sql_identifier.h"
#include "sql/sqlite.h"
#include "streams/registry.h"
#include "streams/timeline.h"
#include "streams/timeline/timeline_links.h"
#include "streams/users.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

}  // namespace

SqliteSession::SqliteSession(std::unique_ptr<SqliteConnection> conn)
    : conn_(std::move(conn)), runs_(conn_.get()) {}

SqliteSession::~SqliteSession() { Rollback(); }

Result<bool> SqliteSession::TableExists(const char* name) {
  auto stmt = conn_->Run("inspecting the schema", q::kTableExists, name);
  if (!stmt) return Err(stmt);
  bool exists = *stmt != nullptr && sqlite3_column_int(*stmt, 0) > 0;
  SqliteConnection::Done(*stmt);
  return exists;
}

// A users table made before (by an earlier version, or by the business's
// own scripts) that lacks some of the columns written: they are added,
// nullable; the columns it has are kept (role stays, no longer written).
Status SqliteSession::AddUserColumns(SchemaReport* report) {
  const char* doing = "adding the missing columns to users";
  for (auto [column, add] :
       {std::pair{"first_name", q::kAddUsersFirstName},
        std::pair{"last_name", q::kAddUsersLastName}, std::pair{"email", q::kAddUsersEmail},
        std::pair{"access_level", q::kAddUsersAccessLevel}, std::pair{"status", q::kAddUsersStatus},
        std::pair{"updated_at", q::kAddUsersUpdatedAt}}) {
    auto stmt = conn_->Run(doing, q::kUsersHasColumn, column);
    if (!stmt) return Err(stmt);
    const bool has = *stmt != nullptr && sqlite3_column_int(*stmt, 0) > 0;
    SqliteConnection::Done(*stmt);
    if (has) continue;
    if (auto s = conn_->Exec(doing, add); !s) return s;
    report->users_columns_added.emplace_back(column);
  }
  return {};
}

// Counters from before `unlinked` (links nulled, a part of repaired): the
// column is added, 0 for what was counted before.
Status SqliteSession::AddUnlinkedCounter() {
  const char* doing = "adding unlinked to gb_counters";
  auto stmt = conn_->Run(doing, q::kCountersHasUnlinked);
  if (!stmt) return Err(stmt);
  const bool has = *stmt != nullptr && sqlite3_column_int(*stmt, 0) > 0;
  SqliteConnection::Done(*stmt);
  if (has) return {};
  return conn_->Exec(doing, q::kAddCountersUnlinked);
}

// Workers from before the reason codes: a code and one column per field
// (core/wait_reason.h); their sentences stay in `reason`, shown as they are.
Status SqliteSession::AddWorkerReasonFields() {
  const char* doing = "adding the reason codes to gb_workers";
  auto stmt = conn_->Run(doing, q::kWorkersHasReasonCode);
  if (!stmt) return Err(stmt);
  const bool has = *stmt != nullptr && sqlite3_column_int(*stmt, 0) > 0;
  SqliteConnection::Done(*stmt);
  if (has) return {};
  for (std::string_view sql :
       {q::kAddWorkersReasonCode, q::kAddWorkersReasonUntil, q::kAddWorkersReasonAttempt,
        q::kAddWorkersReasonHttpStatus, q::kAddWorkersReasonDetail, q::kAddWorkersReasonRate,
        q::kAddWorkersReasonPace}) {
    if (auto s = conn_->Exec(doing, sql); !s) return s;
  }
  return {};
}

Result<SchemaReport> SqliteSession::EnsureSchema(const SchemaOptions& options) {
  const char* doing = "creating the schema";
  SchemaReport report;
  if (auto s = conn_->Exec(doing, q::kBegin); !s) return Err(s);
  auto body = [&]() -> Status {
    auto users = TableExists("users");
    auto entries = TableExists("gazelle_timeline_entries");
    if (!users) return Err(users);
    if (!entries) return Err(entries);
    report.users_created = !*users;
    report.entries_created = !*entries;
    // The tables the timeline's may reference first (users, then the streams in load order).
    if (auto s = conn_->Exec(doing, streams::users::kSqliteCreate); !s) return s;
    for (const StreamModule* stream : AllStreams()) {
      if (auto s = conn_->Exec(doing, stream->sqlite.create); !s) return s;
      if (std::string_view links = stream->sqlite.link_table.create; !links.empty()) {
        if (auto s = conn_->Exec(doing, links); !s) return s;
      }
    }
    const std::string create =
        TimelineCreate(streams::timeline::kSqliteCreate, options.entry_links);
    for (std::string_view sql :
         {std::string_view(create), streams::timeline::kSqliteOccurredAtIndex, q::kCreateRuns,
          q::kCreatePlan, q::kCreateUnits, q::kCreateCounters, q::kCreateRejects, q::kCreateWorkers,
          q::kCreateMissing, q::kCreateSchedule}) {
      if (sql == streams::timeline::kSqliteOccurredAtIndex && !report.entries_created) continue;
      if (auto s = conn_->Exec(doing, sql); !s) return s;
    }
    if (Status s = AddUserColumns(&report); !s) return s;
    if (Status s = AddUnlinkedCounter(); !s) return s;
    return AddWorkerReasonFields();
  };
  if (auto s = body(); !s) {
    (void)conn_->Exec(doing, q::kRollback);
    return Err(s);
  }
  if (auto s = conn_->Exec(doing, q::kCommit); !s) return Err(s);
  links_.reset();
  foreign_keys_.reset();
  return report;
}

Status SqliteSession::UpsertUsers(std::span<const ApiUser> users) {
  const char* doing = "loading users";
  if (auto s = conn_->Exec(doing, q::kBegin); !s) return s;
  for (const auto& u : users) {
    if (auto s = conn_->Run(doing, streams::users::kSqliteUpsert, u.id, u.first_name, u.last_name,
                            u.email, u.access_level, u.status);
        !s) {
      (void)conn_->Exec(doing, q::kRollback);
      return Err(s);
    }
  }
  return conn_->Exec(doing, q::kCommit);
}

Result<LinkCounts> SqliteSession::RestoreEntryLinks() {
  const char* doing = "restoring the links of the timeline";
  LinkCounts links;
  if (auto s = conn_->Exec(doing, q::kBegin); !s) return Err(s);
  auto body = [&]() -> Status {
    if (auto s = conn_->Run(doing, q::kRestoreEntryLinks); !s) return Err(s);
    links.restored = conn_->Changes();
    auto count = conn_->Run(doing, q::kUnlinkedEntries);
    if (!count) return Err(count);
    links.unlinked = *count != nullptr ? sqlite3_column_int64(*count, 0) : 0;
    SqliteConnection::Done(*count);
    return conn_->Exec(doing, q::kCommit);
  };
  if (Status s = body(); !s) {
    (void)conn_->Exec(doing, q::kRollback);
    return tl::unexpected(s.error());
  }
  return links;
}

Status SqliteSession::ReadForeignKeys() {
  std::vector<ForeignKey> keys;
  auto listed = conn_->ForEachRow(
      "inspecting gazelle_timeline_entries", q::kEntriesForeignKeys, [&](sqlite3_stmt* stmt) {
        keys.push_back({"", SqliteConnection::Text(stmt, 0), SqliteConnection::Text(stmt, 1),
                        SqliteConnection::Text(stmt, 2)});
      });
  if (!listed) return listed;
  foreign_keys_ = std::move(keys);
  return {};
}

Result<LinkSet> SqliteSession::DeclaredLinks() {
  if (links_) return *links_;
  if (Status s = ReadForeignKeys(); !s) return Err(s);
  links_ = DeclaredEntryLinks(*foreign_keys_);
  return *links_;
}

// Whether the row link `l` of kEntryLinks points at is there: one lookup per
// id (rows a batch points at repeat: an id found is remembered, the tool never
// deletes one).
Result<bool> SqliteSession::LinkedRowExists(size_t l, const std::string& id) {
  static const std::array<std::string, kEntryLinks.size()> kExists = [] {
    std::array<std::string, kEntryLinks.size()> sql;
    for (size_t i = 0; i < kEntryLinks.size(); ++i) {
      const bool users = LinkedTable(i) == UsersStream().table;
      sql[i] = BindIdentifiers(q::kReferenceExists, {{"table", LinkedTable(i)},
                                                     {"column", users ? "id" : "external_id"}});
    }
    return sql;
  }();
  if (known_[l].count(id) > 0) return true;
  auto found = conn_->Run("checking the batch", kExists[l], id);
  if (!found) return Err(found);
  const bool exists = *found != nullptr && sqlite3_column_int64(*found, 0) != 0;
  SqliteConnection::Done(*found);
  if (exists) known_[l].insert(id);
  return exists;
}

Status SqliteSession::Begin() {
  if (in_transaction_) return Fail(ErrorKind::kInternal, "Begin() inside a transaction");
  if (auto s = conn_->Exec("starting a transaction", q::kBegin); !s) return s;
  in_transaction_ = true;
  return {};
}

Result<CountTable> SqliteSession::WriteRows(std::span<const Row> rows) {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "WriteRows() outside a transaction");
  CountTable counts;
  if (rows.empty()) return counts;
  auto links = DeclaredLinks();
  if (!links) return Err(links);
  std::vector<size_t> keep = LastOccurrences(rows, &counts);
  if (auto s = conn_->Exec("writing the batch", q::kSavepoint); !s) return Err(s);
  for (size_t i : keep) {
    if (auto s = WriteRow(rows[i], *links, &counts); !s) {
      // Undo this attempt only: the transaction stays usable for the bisect.
      (void)conn_->Exec("rolling back the batch", q::kRollbackToSavepoint);
      (void)conn_->Exec("rolling back the batch", q::kReleaseSavepoint);
      return Err(s);
    }
  }
  if (auto s = conn_->Exec("writing the batch", q::kReleaseSavepoint); !s) return Err(s);
  return counts;
}

Result<CountTable> SqliteSession::WriteObjects(const StreamModule& stream,
                                               std::span<const std::string> nodes) {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "WriteObjects() outside a transaction");
  if (nodes.empty()) return CountTable{};
  const std::string doing = "writing " + std::string(stream.name);
  if (auto s = conn_->Exec(doing, q::kSavepoint); !s) return Err(s);
  const std::string array = JsonArrayOf(nodes);
  int64_t stored = 0, written = 0, unlinked = 0;
  Status s = conn_->ForEachRow(
      doing, stream.sqlite.existing,
      [&](sqlite3_stmt* row) { stored = sqlite3_column_int64(row, 0); }, std::string_view(array));
  if (s) {
    s = conn_->ForEachRow(
        doing, stream.sqlite.upsert,
        [&](sqlite3_stmt* row) {
          ++written;
          unlinked += sqlite3_column_int(row, 0) != 0 ? 1 : 0;
        },
        std::string_view(array));
  }
  if (const LinkTableSql& links = stream.sqlite.link_table; s && !links.create.empty()) {
    for (std::string_view sql : {links.remove, links.write}) {
      if (s)
        s = conn_->ForEachRow(
            doing, sql, [](sqlite3_stmt*) {}, std::string_view(array));
    }
  }
  if (!s) {
    // Undo this attempt only: the transaction stays usable for the bisect.
    (void)conn_->Exec("rolling back the batch", q::kRollbackToSavepoint);
    (void)conn_->Exec("rolling back the batch", q::kReleaseSavepoint);
    return Err(s);
  }
  if (auto r = conn_->Exec(doing, q::kReleaseSavepoint); !r) return Err(r);
  return ObjectCounts(stream, static_cast<int64_t>(nodes.size()), stored, written, unlinked);
}

Result<LinkCounts> SqliteSession::RestoreStreamLinks(const StreamModule& stream) {
  LinkCounts links;
  const std::string doing = "restoring the links of " + std::string(stream.name);
  if (const LinkTableSql& table = stream.sqlite.link_table; !table.create.empty()) {
    if (auto s = conn_->Exec(doing, table.restore); !s) return Err(s);
  }
  Status s = conn_->ForEachRow(doing, stream.sqlite.restore_links, [&](sqlite3_stmt* row) {
    ++(sqlite3_column_int(row, 0) != 0 ? links.restored : links.unlinked);
  });
  if (!s) return Err(s);
  return links;
}

Status SqliteSession::WriteRow(const Row& given, LinkSet links, CountTable* counts) {
  const char* doing = "upserting the batch";
  // A link to a row not there is repaired before the row is written (core/row_links.h).
  LinkSet missing = 0;
  for (size_t l = 0; l < kEntryLinks.size(); ++l) {
    if ((links & LinkBit(l)) == 0) continue;
    const std::optional<std::string>& link = given.*kEntryLinks[l].member;
    if (!link) continue;
    auto exists = LinkedRowExists(l, *link);
    if (!exists) return tl::unexpected(exists.error());
    if (!*exists) missing |= LinkBit(l);
  }
  const Row repaired_row = missing != 0 ? WithUnresolvedLinks(given, missing) : Row{};
  const Row& row = missing != 0 ? repaired_row : given;
  conn_->SetLastInsertId(0);  // an UPDATE leaves it alone: nonzero afterwards = inserted
  auto s = conn_->Run(doing, streams::timeline::kSqliteUpsert, row.external_id, row.client_id,
                      row.piano_id, row.user_id, row.invoice_id, row.estimate_id,
                      FormatIsoUtc(row.occurred_at), row.entry_type, row.title, row.description,
                      row.metadata.empty() ? std::string("{}") : row.metadata);
  if (!s) {
    Error error = s.error();
    if (error.violation.kind == ViolationKind::kMissingReference) {
      NameReference(row, &error.violation);
    }
    return tl::unexpected(std::move(error));
  }
  Counts& c = (*counts)[CountKey{row.year, row.source_type}];
  if (row.repaired) {
    c.repaired += 1;
    if (row.unlinked) c.unlinked += 1;
  } else if (conn_->Changes() == 0) {
    c.unchanged += 1;
  } else if (conn_->LastInsertId() != 0) {
    c.inserted += 1;
  } else {
    c.updated += 1;
  }
  return {};
}

void SqliteSession::NameReference(const Row& row, Violation* violation) {
  const char* doing = "inspecting gazelle_timeline_entries";
  if (!foreign_keys_ && !ReadForeignKeys())
    return;  // unnamed: the engine takes it for the users' link
  for (const ForeignKey& key : *foreign_keys_) {
    const std::optional<std::string>* link = RowLink(row, key.column);
    if (link == nullptr || !*link || key.referenced_column.empty()) continue;
    auto exists =
        conn_->QueryOnce(doing,
                         BindIdentifiers(q::kReferenceExists,
                                         {{"table", key.table}, {"column", key.referenced_column}}),
                         **link);
    if (exists && *exists == 0) {
      violation->column = key.column;
      violation->referenced_table = key.table;
      return;
    }
  }
}

Status SqliteSession::Commit() {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "Commit() outside a transaction");
  auto s = conn_->Exec("committing the batch", q::kCommit);
  // A failed COMMIT (busy) leaves the transaction open: the engine rolls back and retries.
  if (s) in_transaction_ = false;
  return s;
}

void SqliteSession::Rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  (void)conn_->Exec("rolling back", q::kRollback);
}

}  // namespace gb
