#include "sink/postgres/pg_rejects_store.h"

#include <nlohmann/json.hpp>

#include "sink/postgres/pg_exposure.h"
#include "sink/postgres/pg_json.h"
#include "sink/postgres/postgres_session.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

class PgRejectsTransaction final : public RejectsTransaction {
 public:
  explicit PgRejectsTransaction(PgConnection* conn) : conn_(conn) {}

  Status Update(std::span<const RejectUpdate> updates) override {
    if (updates.empty()) return {};
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& u : updates) {
      rows.push_back({{"id", u.id}, {"sqlstate", u.sqlstate}, {"reason", u.reason}});
    }
    auto res = conn_->Exec("updating rejects", q::kRejectsUpdate, {DumpJson(rows)});
    if (!res) return tl::unexpected(res.error());
    return {};
  }

  Status Remove(std::span<const int64_t> ids) override {
    if (ids.empty()) return {};
    std::string array = "{";
    for (size_t i = 0; i < ids.size(); ++i) array += (i ? "," : "") + std::to_string(ids[i]);
    array += "}";
    auto res = conn_->Exec("removing loaded rejects", q::kRejectsRemove, {array});
    if (!res) return tl::unexpected(res.error());
    return {};
  }

  Status AddCounters(int64_t run_id, const CountTable& deltas) override {
    if (deltas.empty()) return {};
    // No checkpoint ($1 NULL): only the counters (sql/postgres/save_progress.sql).
    auto res = conn_->Exec("moving the counters", q::kSaveProgress,
                           {std::nullopt, std::to_string(run_id), std::nullopt, std::nullopt,
                            "false", std::nullopt, std::nullopt, CounterDeltasJson(deltas)});
    if (!res) return tl::unexpected(res.error());
    return {};
  }

 private:
  PgConnection* conn_;
};

}  // namespace

Status PgRejectsStore::Connect() {
  if (conn_ && conn_->broken()) conn_.reset();
  if (conn_) return {};
  auto conn = PgConnection::Open(url_);
  if (!conn) return tl::unexpected(conn.error());
  conn_ = std::move(*conn);
  return {};
}

Result<std::vector<StoredReject>> PgRejectsStore::List(std::optional<int64_t> run_id) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<StoredReject> out;
  auto exists = conn_->Exec("checking for the rejects table", q::kTableExists,
                            {BookkeepingTable("gb_rejects")});
  if (!exists) return tl::unexpected(exists.error());
  if (!exists->Bool(0, 0)) return out;
  PgParam run = run_id ? PgParam(std::to_string(*run_id)) : std::nullopt;
  auto res = conn_->Exec("reading the rejects", q::kRejectsList, {run});
  if (!res) return tl::unexpected(res.error());
  for (int i = 0; i < res->rows(); ++i) {
    auto t = [&](int col) { return std::string(res->Text(i, col)); };
    out.push_back({res->Int(i, 0), res->Int(i, 1), t(2),
                   Reject{t(3), static_cast<int>(res->Int(i, 4)), t(5), t(6), t(7), t(8)}, t(9)});
  }
  return out;
}

Result<std::string> PgRejectsStore::RunParams(int64_t run_id) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  auto res = conn_->Exec("reading the run", q::kRejectsRunParams, {std::to_string(run_id)});
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0) return Fail(ErrorKind::kConfig, "no run " + std::to_string(run_id));
  return std::string(res->Text(0, 0));
}

Result<RetryConnection> PgRejectsStore::ConnectForRetry() {
  auto conn = PgConnection::Open(url_);
  if (!conn) return tl::unexpected(conn.error());
  PgConnection* shared = conn->get();
  RetryConnection out;
  out.session = std::make_unique<PostgresSession>(std::move(*conn));
  out.rejects = std::make_unique<PgRejectsTransaction>(shared);
  return out;
}

}  // namespace gb
