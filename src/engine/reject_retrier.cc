#include "engine/reject_retrier.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/batch_writer.h"
#include "engine/retrying_session.h"
#include "source/node_parser.h"

namespace gb {
namespace {

// What one retry batch must settle when it commits.
struct Settlement {
  int64_t run_id = 0;
  std::vector<const StoredReject*> written;    // rejects sent to the writer as rows
  std::vector<RejectUpdate> transform_failed;  // rejected again before the database
  std::vector<Reject> database_failed;         // stashed by RecordRejects
};

// The Session the writer drives: everything goes to the real session, except
// that rejects and progress are settled on the rejects table instead of a
// unit's checkpoint — in the same transaction, on the same connection.
class SettlingSession final : public Session {
 public:
  SettlingSession(RetryConnection conn, Settlement* settle)
      : conn_(std::move(conn)), s_(*conn_.session), settle_(settle) {}

  Result<SchemaReport> EnsureSchema(const SchemaOptions& o) override { return s_.EnsureSchema(o); }
  Status UpsertUsers(std::span<const ApiUser> u) override { return s_.UpsertUsers(u); }
  Result<std::optional<RunRecord>> LatestRun() override { return s_.LatestRun(); }
  Result<RunRecord> CreateRun(const NewRun& r) override { return s_.CreateRun(r); }
  Status ResetRun(int64_t id) override { return s_.ResetRun(id); }
  Result<std::optional<UnitState>> ClaimUnit(int64_t run, const std::string& worker,
                                             std::chrono::seconds lease) override {
    return s_.ClaimUnit(run, worker, lease);
  }
  Status ReleaseUnit(int64_t unit, const std::string& worker) override {
    return s_.ReleaseUnit(unit, worker);
  }
  Status Heartbeat(const WorkerBeat& b) override { return s_.Heartbeat(b); }
  Result<bool> AllUnitsDone(int64_t run) override { return s_.AllUnitsDone(run); }
  Status FinishRun(int64_t run, RunState state, const std::string& reason) override {
    return s_.FinishRun(run, state, reason);
  }
  Result<CountTable> RunCounts(int64_t run) override { return s_.RunCounts(run); }
  Status Begin() override {
    settle_->database_failed.clear();  // a retried attempt starts from nothing
    return s_.Begin();
  }
  Result<CountTable> WriteRows(std::span<const Row> rows) override { return s_.WriteRows(rows); }
  Status Commit() override { return s_.Commit(); }
  void Rollback() override { s_.Rollback(); }

  Status RecordRejects(int64_t, const std::string&, std::span<const Reject> rejects) override {
    settle_->database_failed.assign(rejects.begin(), rejects.end());
    return {};
  }
  Status SaveProgress(const Checkpoint&, const CountTable& deltas) override;

 private:
  RetryConnection conn_;
  Session& s_;
  Settlement* settle_;
};

Status SettlingSession::SaveProgress(const Checkpoint&, const CountTable& deltas) {
  CountTable moved = deltas;  // what the rows did now, per (year, type)...
  std::multimap<std::string, int64_t> ids_of;
  for (const StoredReject* r : settle_->written) {
    --moved[{r->reject.year, r->reject.type}].rejected;  // ...minus the old rejection
    ids_of.emplace(r->reject.external_id, r->id);
  }
  std::vector<RejectUpdate> updates = settle_->transform_failed;
  std::set<int64_t> still;
  for (const Reject& r : settle_->database_failed) {
    auto [lo, hi] = ids_of.equal_range(r.external_id);
    for (auto it = lo; it != hi; ++it) {
      if (still.insert(it->second).second) updates.push_back({it->second, r.sqlstate, r.reason});
    }
  }
  std::vector<int64_t> loaded;
  for (const StoredReject* r : settle_->written) {
    if (!still.contains(r->id)) loaded.push_back(r->id);
  }
  RejectsTransaction& tx = *conn_.rejects;
  if (Status s = tx.Update(updates); !s) return s;
  if (Status s = tx.Remove(loaded); !s) return s;
  return tx.AddCounters(settle_->run_id, moved);
}

// Hands the BatchWriter's RetryingSession settling sessions.
class SettlingDestination final : public Destination {
 public:
  SettlingDestination(RejectsStore& store, Settlement* settle) : store_(store), settle_(settle) {}
  Result<std::unique_ptr<Session>> Connect() override {
    auto conn = store_.ConnectForRetry();
    if (!conn) return tl::unexpected(conn.error());
    return std::unique_ptr<Session>(std::make_unique<SettlingSession>(std::move(*conn), settle_));
  }
  std::string Describe() const override { return store_.Describe(); }
  bool ConcurrentWriters() const override { return false; }

 private:
  RejectsStore& store_;
  Settlement* settle_;
};

}  // namespace

Result<TransformOptions> TransformOptionsOfRun(const std::string& params_json) {
  auto j = nlohmann::json::parse(params_json, nullptr, false);
  if (!j.is_object() || !j.contains("years") || !j["years"].is_array()) {
    return Fail(ErrorKind::kConfig, "the run's stored parameters are unreadable: " + params_json);
  }
  auto zone = YearZone::Make(j.value("tz", std::string("UTC")));
  if (!zone) return tl::unexpected(zone.error());
  TransformOptions options{*zone, {}, j.value("legacy_types", false), std::nullopt};
  for (const auto& y : j["years"]) {
    if (y.is_number_integer()) options.years.insert(y.get<int>());
  }
  const auto& t = j.value("truncate", nlohmann::json());
  if (t.is_array() && t.size() == 2 && t[0].is_number_integer() && t[1].is_number_integer()) {
    options.truncate = std::make_pair(t[0].get<int>(), t[1].get<int>());
  }
  return options;
}

Result<RetryReport> RejectRetrier::Run(const RetryOptions& options) {
  auto rejects = store_.List(options.run_id);
  if (!rejects) return tl::unexpected(rejects.error());
  std::map<int64_t, std::vector<StoredReject>> by_run;
  for (StoredReject& r : *rejects) by_run[r.run_id].push_back(std::move(r));
  RetryReport report;
  for (const auto& [run_id, list] : by_run) {
    if (Status s = RetryRun(run_id, list, std::max(1, options.batch_size), report); !s) {
      return tl::unexpected(s.error());
    }
    if (report.stopped) break;
  }
  return report;
}

Status RejectRetrier::RetryRun(int64_t run_id, std::span<const StoredReject> rejects,
                               int batch_size, RetryReport& report) {
  auto params = store_.RunParams(run_id);
  if (!params) return tl::unexpected(params.error());
  auto options = TransformOptionsOfRun(*params);
  if (!options) return tl::unexpected(options.error());
  const Transformer transformer(std::move(*options));
  Settlement settle;
  SettlingDestination destination(store_, &settle);
  RetryingSession session(destination, observer_, clock_, nullptr, stop_);
  BatchWriter writer(session, observer_);
  for (size_t start = 0; start < rejects.size(); start += batch_size) {
    if (stop_) {
      report.stopped = true;
      return {};
    }
    settle = Settlement{run_id, {}, {}, {}};
    Batch batch;
    batch.unit = "rejects-retry";
    batch.checkpoint.run_id = run_id;
    for (const StoredReject& r :
         rejects.subspan(start, std::min<size_t>(batch_size, rejects.size() - start))) {
      Transformed t = transformer.Transform(ParseNode(r.reject.raw));
      if (t.outcome == Transformed::Outcome::kRow) {
        batch.rows.push_back(std::move(t.row));
        batch.repaired.push_back(t.repaired);
        settle.written.push_back(&r);
        continue;
      }
      std::string reason = t.outcome == Transformed::Outcome::kRejected
                               ? t.reject.reason
                               : "occurredAt is outside the run's years";
      settle.transform_failed.push_back({r.id, "", reason});
      ++report.still_by_reason[reason];
    }
    auto result = writer.Write(batch);
    if (!result) return tl::unexpected(result.error());
    report.retried += static_cast<int64_t>(settle.written.size() + settle.transform_failed.size());
    for (const auto& [key, c] : result->counts) {
      report.loaded += c.loaded();
      report.repaired += c.repaired;
    }
    report.still_rejected +=
        static_cast<int64_t>(result->rejected.size() + settle.transform_failed.size());
    for (const Reject& r : result->rejected) ++report.still_by_reason[r.reason];
  }
  return {};
}

}  // namespace gb
