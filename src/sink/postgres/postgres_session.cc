#include "sink/postgres/postgres_session.h"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/row_links.h"
#include "sink/batch_dedupe.h"
#include "sink/object_counts.h"
#include "sink/postgres/copy_text.h"
#include "sink/postgres/pg_schema_setup.h"
#include "sink/postgres/row_digest.h"
#include "sink/unit_spec_json.h"
#include "sql/postgres.h"
#include "streams/timeline.h"
#include "streams/timeline/timeline_links.h"
#include "streams/users.h"

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

Result<SchemaReport> PostgresSession::EnsureSchema(const SchemaOptions& options) {
  auto report = PgSchemaSetup(conn_.get()).Ensure(options);
  links_.reset();
  foreign_keys_.reset();
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
                    {"access_level",
                     u.access_level ? nlohmann::json(SafeText(*u.access_level)) : nlohmann::json()},
                    {"status", SafeText(u.status)}});
  }
  auto res = conn_->Exec("loading users", streams::users::kPostgresUpsert,
                         {rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Result<LinkCounts> PostgresSession::RestoreEntryLinks() {
  auto res = conn_->Exec("restoring the links of the timeline", q::kRestoreEntryLinks);
  if (!res) return tl::unexpected(res.error());
  return LinkCounts{res->Int(0, 0), res->Int(0, 1)};
}

Status PostgresSession::ReadForeignKeys() {
  auto res = conn_->Exec("inspecting gazelle_timeline_entries", q::kEntriesForeignKeys);
  if (!res) return tl::unexpected(res.error());
  foreign_keys_.emplace();
  for (int r = 0; r < res->rows(); ++r) {
    foreign_keys_->push_back({std::string(res->Text(r, 0)), std::string(res->Text(r, 1)),
                              std::string(res->Text(r, 2)), std::string(res->Text(r, 3))});
  }
  return {};
}

Result<LinkSet> PostgresSession::DeclaredLinks() {
  if (links_) return *links_;
  if (Status s = ReadForeignKeys(); !s) return tl::unexpected(s.error());
  links_ = DeclaredEntryLinks(*foreign_keys_);
  return *links_;
}

std::chrono::microseconds PostgresSession::RoundTrip() {
  std::chrono::microseconds least = std::chrono::microseconds::max();
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (!conn_->Exec("measuring the round trip", q::kRoundTrip)) return {};
    least = std::min(least, std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start));
  }
  return least;
}

Status PostgresSession::Begin() {
  if (in_transaction_) return Fail(ErrorKind::kInternal, "Begin() inside a transaction");
  conn_->Defer(q::kBegin);  // sent with the transaction's first statement
  in_transaction_ = true;
  release_pending_ = false;
  stage_exists_ = false;
  return {};
}

Result<CountTable> PostgresSession::WriteRows(std::span<const Row> rows) {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "WriteRows() outside a transaction");
  CountTable counts;
  if (rows.empty()) return counts;
  auto links = DeclaredLinks();  // before the savepoint: a failure here is not the rows' fault
  if (!links) return tl::unexpected(links.error());
  std::vector<size_t> keep = LastOccurrences(rows, &counts);
  const std::string savepoint =
      release_pending_ ? Join({q::kReleaseSavepoint, q::kSavepoint}) : std::string(q::kSavepoint);
  release_pending_ = false;
  if (auto s = conn_->Simple("preparing the batch", savepoint); !s) {
    return tl::unexpected(s.error());
  }
  if (fresh_streak_) {
    auto copied = TryCopyAllFresh(rows, keep, &counts);
    if (!copied) return tl::unexpected(AbandonWrite(copied.error()));
    if (*copied) return ReleaseBatch(counts);
  }
  auto probe = Probe(rows, keep);
  if (!probe) return tl::unexpected(AbandonWrite(probe.error()));
  // Rows pointing at a row the destination lacks are repaired before they
  // are written (core/row_links.h), on a copy of the batch.
  std::vector<Row> repaired;
  if (probe->unknown) {
    repaired.assign(rows.begin(), rows.end());
    for (size_t i : keep) repaired[i] = WithUnresolvedLinks(rows[i], probe->UnknownOf(rows[i]));
    rows = repaired;
  }
  std::vector<size_t> fresh, existing;
  bool any_existing = false;
  for (size_t k = 0; k < keep.size(); ++k) {
    const size_t i = keep[k];
    const std::optional<int64_t>& stored = probe->stored[k];
    if (!stored) {
      fresh.push_back(i);
    } else if (!CountIfUnchanged(rows[i], *stored, &counts)) {
      existing.push_back(i);
    }
    any_existing |= stored.has_value();
  }
  fresh_streak_ = !any_existing && !probe->unknown;
  if (!fresh.empty()) {
    auto copied = CopyFresh(rows, fresh, &counts);
    if (!copied && copied.error().code != "23505") {
      return tl::unexpected(AbandonWrite(copied.error()));
    }
    if (!copied) {
      // A concurrent writer inserted one of these meanwhile: upsert them instead
      // (rows already counted unchanged stay as they are).
      auto undo = conn_->Simple("rolling back the batch", std::string(q::kRollbackToSavepoint));
      if (!undo) return tl::unexpected(undo.error());
      existing.insert(existing.end(), fresh.begin(), fresh.end());
      fresh_streak_ = false;
    }
  }
  if (!existing.empty()) {
    bool created = !stage_exists_;
    auto staged = StageAndUpsert(rows, existing, &counts);
    if (!staged) {
      if (created) stage_exists_ = false;  // its creation is rolled back with the savepoint
      return tl::unexpected(AbandonWrite(staged.error()));
    }
  }
  return ReleaseBatch(counts);
}

Result<CountTable> PostgresSession::WriteObjects(const StreamModule& stream,
                                                 std::span<const std::string> nodes) {
  if (!in_transaction_) return Fail(ErrorKind::kInternal, "WriteObjects() outside a transaction");
  if (nodes.empty()) return CountTable{};
  const std::string doing = "writing " + std::string(stream.name);
  const std::string savepoint =
      release_pending_ ? Join({q::kReleaseSavepoint, q::kSavepoint}) : std::string(q::kSavepoint);
  release_pending_ = false;
  if (auto s = conn_->Simple(doing, savepoint); !s) return tl::unexpected(s.error());
  const std::string array = JsonArrayOf(nodes);
  auto stored = conn_->Exec(doing, stream.postgres.existing, {array});
  if (!stored) return tl::unexpected(AbandonWrite(stored.error()));
  auto written = conn_->Exec(doing, stream.postgres.upsert, {array});
  if (!written) return tl::unexpected(AbandonWrite(written.error()));
  if (const LinkTableSql& links = stream.postgres.link_table; !links.create.empty()) {
    for (std::string_view sql : {links.remove, links.write}) {
      if (auto s = conn_->Exec(doing, sql, {array}); !s) {
        return tl::unexpected(AbandonWrite(s.error()));
      }
    }
  }
  int64_t unlinked = 0;
  for (int r = 0; r < written->rows(); ++r) unlinked += written->Bool(r, 0) ? 1 : 0;
  return ReleaseBatch(ObjectCounts(stream, static_cast<int64_t>(nodes.size()), stored->Int(0, 0),
                                   written->rows(), unlinked));
}

Result<LinkCounts> PostgresSession::RestoreStreamLinks(const StreamModule& stream) {
  const std::string doing = "restoring the links of " + std::string(stream.name);
  if (const LinkTableSql& links = stream.postgres.link_table; !links.create.empty()) {
    if (auto s = conn_->Exec(doing, links.restore); !s) return tl::unexpected(s.error());
  }
  auto res = conn_->Exec(doing, stream.postgres.restore_links);
  if (!res) return tl::unexpected(res.error());
  LinkCounts links;
  for (int r = 0; r < res->rows(); ++r) ++(res->Bool(r, 0) ? links.restored : links.unlinked);
  return links;
}

// The savepoint is released with the next one, or by COMMIT: no round trip
// of its own.
Result<CountTable> PostgresSession::ReleaseBatch(const CountTable& counts) {
  release_pending_ = true;
  return counts;
}

Result<bool> PostgresSession::TryCopyAllFresh(std::span<const Row> rows,
                                              const std::vector<size_t>& keep, CountTable* counts) {
  auto copied = CopyFresh(rows, keep, counts);
  if (copied) return true;
  const std::string& code = copied.error().code;
  if (code != "23505" && code != "23503") return tl::unexpected(copied.error());
  // unique_violation (a row exists) or foreign_key_violation (a link to a row not there)
  fresh_streak_ = false;
  auto undo = conn_->Simple("rolling back the batch", std::string(q::kRollbackToSavepoint));
  if (!undo) return tl::unexpected(undo.error());
  return false;
}

LinkSet PostgresSession::ProbeResult::UnknownOf(const Row& row) const {
  LinkSet links = 0;
  for (size_t l = 0; l < kEntryLinks.size(); ++l) {
    const std::optional<std::string>& link = row.*kEntryLinks[l].member;
    if (link && unknown_links[l].count(*link) > 0) links |= LinkBit(l);
  }
  return links;
}

Result<PostgresSession::ProbeResult> PostgresSession::Probe(std::span<const Row> rows,
                                                            const std::vector<size_t>& keep) {
  std::vector<std::string_view> ids, link_ids, link_kinds;
  std::array<std::unordered_set<std::string_view>, kEntryLinks.size()> seen;
  static constexpr std::string_view kKinds[] = {"0", "1", "2", "3", "4"};
  static_assert(std::size(kKinds) == kEntryLinks.size());
  for (size_t i : keep) {
    ids.push_back(rows[i].external_id);
    for (size_t l = 0; l < kEntryLinks.size(); ++l) {
      if ((*links_ & LinkBit(l)) == 0) continue;
      const std::optional<std::string>& link = rows[i].*kEntryLinks[l].member;
      if (!link || !seen[l].insert(*link).second) continue;
      link_kinds.push_back(kKinds[l]);
      link_ids.push_back(*link);
    }
  }
  auto res = conn_->Exec(
      "checking the batch", q::kProbeBatch,
      {TextArrayLiteral(ids), TextArrayLiteral(link_kinds), TextArrayLiteral(link_ids)});
  if (!res) return tl::unexpected(res.error());
  ProbeResult probe;
  probe.stored.resize(keep.size());
  for (int r = 0; r < res->rows(); ++r) {
    const int64_t position = res->Int(r, 2);
    if (res->Text(r, 0) == "e") {  // 1-based, in `ids`
      if (position < 1 || position > static_cast<int64_t>(keep.size())) {
        return Fail(ErrorKind::kInternal, "the probe answered for a row it was not asked about");
      }
      probe.stored[static_cast<size_t>(position - 1)] = res->Int(r, 3);
    } else {  // a link's index in kEntryLinks
      if (position < 0 || position >= static_cast<int64_t>(kEntryLinks.size())) {
        return Fail(ErrorKind::kInternal, "the probe answered for a link it was not asked about");
      }
      probe.unknown_links[static_cast<size_t>(position)].emplace(res->Text(r, 1));
      probe.unknown = true;
    }
  }
  return probe;
}

// A stored row whose digest is the one this row would have is left alone:
// counted unchanged (or repaired, as the upsert counts it) without being sent.
bool PostgresSession::CountIfUnchanged(const Row& row, int64_t stored_digest, CountTable* counts) {
  auto digest = RowDigest(row);
  if (!digest || *digest != stored_digest) return false;
  Counts& c = (*counts)[CountKey{row.year, row.source_type}];
  (row.repaired ? c.repaired : c.unchanged) += 1;
  if (row.unlinked) c.unlinked += 1;
  return true;
}

// Rows known to be new go straight into the table with COPY (PostgreSQL's
// fastest path: batched heap inserts), skipping the staging table.
Status PostgresSession::CopyFresh(std::span<const Row> rows, const std::vector<size_t>& fresh,
                                  CountTable* counts) {
  copy_buffer_.clear();
  CountTable added;
  for (size_t i : fresh) {
    const Row& row = rows[i];
    AppendEntryCopyRow(row, &copy_buffer_);
    Counts& c = added[CountKey{row.year, row.source_type}];
    (row.repaired ? c.repaired : c.inserted) += 1;
    if (row.unlinked) c.unlinked += 1;
  }
  auto copied = conn_->CopyIn("writing the batch", std::string(streams::timeline::kPostgresCopy),
                              copy_buffer_);
  if (!copied) return copied;
  for (const auto& [key, c] : added) (*counts)[key] += c;
  return {};
}

Status PostgresSession::StageAndUpsert(std::span<const Row> rows, const std::vector<size_t>& keep,
                                       CountTable* counts) {
  std::string prologue(stage_exists_ ? q::kTruncateStage : q::kCreateStage);
  if (auto s = conn_->Simple("preparing the batch", prologue); !s) return s;
  stage_exists_ = true;
  if (auto s = StageRows(rows, keep); !s) return s;
  auto upserted = Upsert(rows, keep, CountTable{});
  if (!upserted) return tl::unexpected(upserted.error());
  for (const auto& [key, c] : *upserted) (*counts)[key] += c;
  return {};
}

Status PostgresSession::StageRows(std::span<const Row> rows, const std::vector<size_t>& keep) {
  copy_buffer_.clear();
  for (size_t i : keep) AppendCopyRow(rows[i], &copy_buffer_);
  return conn_->CopyIn("staging the batch", std::string(q::kCopyStage), copy_buffer_);
}

Result<CountTable> PostgresSession::Upsert(std::span<const Row> rows,
                                           const std::vector<size_t>& keep, CountTable counts) {
  auto res = conn_->Exec("upserting the batch", streams::timeline::kPostgresUpsert);
  if (!res) return tl::unexpected(res.error());
  // Every staged row is inserted, updated, repaired or (the rest) unchanged.
  CountTable staged;
  for (size_t i : keep) {
    Counts& c = staged[CountKey{rows[i].year, rows[i].source_type}];
    c.unchanged += 1;
    if (rows[i].unlinked) c.unlinked += 1;  // repaired by the engine (pre_repaired)
  }
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
    if (error.violation.kind == ViolationKind::kMissingReference) NameReference(&error.violation);
  }
  return error;
}

void PostgresSession::NameReference(Violation* violation) {
  auto find = [&]() -> const ForeignKey* {
    if (!foreign_keys_) return nullptr;
    for (const ForeignKey& key : *foreign_keys_) {
      if (key.constraint == violation->constraint) return &key;
    }
    return nullptr;
  };
  const ForeignKey* key = find();
  if (key == nullptr) {
    if (!ReadForeignKeys()) return;  // unnamed: the engine takes it for the users' link
    key = find();
  }
  if (key == nullptr) return;
  violation->column = key->column;
  violation->referenced_table = key->table;
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
  release_pending_ = false;
  return conn_->Simple("committing the batch", std::string(q::kCommit));
}

void PostgresSession::Rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  release_pending_ = false;
  if (!conn_->broken()) (void)conn_->Simple("rolling back", std::string(q::kRollback));
}

}  // namespace gb
