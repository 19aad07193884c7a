#include "sink/postgres/postgres_session.h"

#include <nlohmann/json.hpp>

#include "sink/batch_dedupe.h"
#include "sink/postgres/copy_text.h"
#include "sink/unit_spec_json.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

std::string Join(std::initializer_list<std::string_view> statements) {
  std::string out;
  for (auto s : statements) {
    if (!out.empty()) out += ";\n";
    out += s;
  }
  return out;
}

}  // namespace

PostgresSession::PostgresSession(std::unique_ptr<PgConnection> conn)
    : conn_(std::move(conn)), runs_(conn_.get()) {}

PostgresSession::~PostgresSession() {
  if (in_transaction_) Rollback();
}

Result<SchemaReport> PostgresSession::EnsureSchema(const SchemaOptions&) {
  const char* doing = "creating the schema";
  SchemaReport report;
  if (auto s = conn_->Simple(doing, std::string(q::kBegin)); !s) return tl::unexpected(s.error());
  auto body = [&]() -> Status {
    // Serialise concurrent workers creating the same tables.
    if (auto s = conn_->Exec(doing, q::kLockSchema); !s) return tl::unexpected(s.error());
    auto users = conn_->Exec(doing, q::kTableExists, {"users"});
    auto entries = conn_->Exec(doing, q::kTableExists, {"gazelle_timeline_entries"});
    if (!users) return tl::unexpected(users.error());
    if (!entries) return tl::unexpected(entries.error());
    report.users_created = !users->Bool(0, 0);
    report.entries_created = !entries->Bool(0, 0);
    for (std::string_view sql :
         {q::kCreateUsers, q::kCreateEntries, q::kCreateEntriesOccurredAtIndex, q::kCreateRuns,
          q::kCreatePlan, q::kCreateUnits, q::kCreateCounters, q::kCreateRejects,
          q::kCreateWorkers}) {
      if (sql == q::kCreateEntriesOccurredAtIndex && !report.entries_created) continue;
      if (auto s = conn_->Exec(doing, sql); !s) return tl::unexpected(s.error());
    }
    return {};
  };
  if (auto s = body(); !s) {
    (void)conn_->Simple(doing, std::string(q::kRollback));
    return tl::unexpected(s.error());
  }
  if (auto s = conn_->Simple(doing, std::string(q::kCommit)); !s) return tl::unexpected(s.error());
  user_fk_.reset();
  return report;
}

Status PostgresSession::UpsertUsers(std::span<const ApiUser> users) {
  if (users.empty()) return {};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& u : users) {
    rows.push_back({{"id", SafeText(u.id)},
                    {"first_name", SafeText(u.first_name)},
                    {"last_name", SafeText(u.last_name)},
                    {"email", SafeText(u.email)},
                    {"role", SafeText(u.role)}});
  }
  auto res = conn_->Exec("loading users", q::kUpsertUsers,
                         {rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Result<bool> PostgresSession::UserForeignKey() {
  if (user_fk_) return *user_fk_;
  auto res = conn_->Exec("inspecting gazelle_timeline_entries", q::kEntriesUserFk);
  if (!res) return tl::unexpected(res.error());
  user_fk_ = res->Bool(0, 0);
  return *user_fk_;
}

Status PostgresSession::Begin() {
  if (in_transaction_) return Fail(ErrorKind::kInternal, "Begin() inside a transaction");
  if (auto s = conn_->Simple("starting a transaction", std::string(q::kBegin)); !s) return s;
  in_transaction_ = true;
  stage_exists_ = false;
  return {};
}

Result<CountTable> PostgresSession::WriteRows(std::span<const Row> rows) {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "WriteRows() outside a transaction");
  CountTable counts;
  if (rows.empty()) return counts;
  auto fk = UserForeignKey();  // before the savepoint: a failure here is not the rows' fault
  if (!fk) return tl::unexpected(fk.error());
  std::vector<size_t> keep = LastOccurrences(rows, &counts);
  // One round trip: (create the staging table on first use,) savepoint, empty the stage.
  std::string prologue = stage_exists_ ? Join({q::kSavepoint, q::kTruncateStage})
                                       : Join({q::kCreateStage, q::kSavepoint});
  if (auto s = conn_->Simple("preparing the batch", prologue); !s) {
    return tl::unexpected(s.error());
  }
  stage_exists_ = true;
  if (auto s = StageRows(rows, keep); !s) return tl::unexpected(AbandonWrite(s.error()));
  auto result = Upsert(rows, keep, std::move(counts));
  if (!result) return tl::unexpected(AbandonWrite(result.error()));
  if (auto s = conn_->Simple("writing the batch", std::string(q::kReleaseSavepoint)); !s) {
    return tl::unexpected(s.error());
  }
  return result;
}

Status PostgresSession::StageRows(std::span<const Row> rows, const std::vector<size_t>& keep) {
  copy_buffer_.clear();
  for (size_t i : keep) AppendCopyRow(rows[i], &copy_buffer_);
  return conn_->CopyIn("staging the batch", std::string(q::kCopyStage), copy_buffer_);
}

Result<CountTable> PostgresSession::Upsert(std::span<const Row> rows,
                                           const std::vector<size_t>& keep, CountTable counts) {
  auto res = conn_->Exec("upserting the batch", q::kUpsertEntries, {*user_fk_ ? "true" : "false"});
  if (!res) return tl::unexpected(res.error());
  // Every staged row is inserted, updated, repaired or (the rest) unchanged.
  CountTable staged;
  for (size_t i : keep) staged[CountKey{rows[i].year, rows[i].source_type}].unchanged += 1;
  for (int r = 0; r < res->rows(); ++r) {
    CountKey key{static_cast<int>(res->Int(r, 0)), std::string(res->Text(r, 1))};
    Counts& c = staged[key];
    c.inserted = res->Int(r, 2);
    c.updated = res->Int(r, 3);
    c.repaired = res->Int(r, 4);
    c.unchanged -= c.inserted + c.updated + c.repaired;
  }
  for (const auto& [key, c] : staged) counts[key] += c;
  return counts;
}

Error PostgresSession::AbandonWrite(Error error) {
  if (!conn_->broken()) {
    auto undo = conn_->Simple("rolling back the batch",
                              Join({q::kRollbackToSavepoint, q::kReleaseSavepoint}));
    if (!undo) return undo.error();  // the transaction itself is gone: that error wins
  }
  return error;
}

Status PostgresSession::RecordRejects(int64_t run_id, const std::string& unit,
                                      std::span<const Reject> rejects) {
  return runs_.RecordRejects(run_id, unit, rejects);
}

Status PostgresSession::SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) {
  return runs_.SaveProgress(checkpoint, deltas);
}

Status PostgresSession::Commit() {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "Commit() outside a transaction");
  in_transaction_ = false;
  return conn_->Simple("committing the batch", std::string(q::kCommit));
}

void PostgresSession::Rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  if (!conn_->broken()) (void)conn_->Simple("rolling back", std::string(q::kRollback));
}

}  // namespace gb
