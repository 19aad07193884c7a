// SyncStore's reads for a stream with a creation filter, on SQLite,
// PostgreSQL and pgbouncer: the newest stored creation time, the rows
// created since a date and their ids (UTC days, inclusive, rows marked
// missing left out, as from the stored ids), and the last whole sweep, which
// a unit of the objects created since a date does not move (for sync's due
// sweep and for watch alike).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/iso_time.h"
#include "sink/database.h"
#include "sink/destination_fixture.h"
#include "streams/registry.h"

namespace gb::test {
namespace {

class SyncStoreTest : public DestinationTest {
 protected:
  std::unique_ptr<SyncStore> Store() {
    auto db = ParseDatabase(url_);
    EXPECT_TRUE(db) << db.error().message;
    return (*db)->OpenSyncStore();
  }
  std::unique_ptr<StatusReader> Status() {
    auto db = ParseDatabase(url_);
    EXPECT_TRUE(db) << db.error().message;
    return (*db)->OpenStatusReader();
  }
  // A timestamp literal the backend compares as a time.
  std::string At(int64_t t) const {
    return GetParam() == Backend::kSqlite ? "'" + FormatIsoUtc(t) + "'"
                                          : "'" + FormatIsoUtc(t) + "'::timestamptz";
  }
};

std::string ClientNode(const std::string& id, const std::string& created) {
  nlohmann::json node = {{"id", id}, {"status", "ACTIVE"}};
  if (!created.empty()) node["createdAt"] = created;
  return node.dump();
}

TEST_P(SyncStoreTest, CreatedSinceCountsUtcDaysAndLeavesMarkedRowsOut) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  const StreamModule& clients = *FindStream("clients");
  ASSERT_TRUE(clients.created);
  auto store = Store();
  auto none = store->NewestCreated(clients.table, clients.created->column);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(*none) << "an empty table has no newest creation time";

  ASSERT_TRUE(s->Begin());
  auto written =
      s->WriteObjects(clients, std::vector<std::string>{ClientNode("cli_a", "2025-12-01T23:59:59Z"),
                                                        ClientNode("cli_b", "2025-12-02T00:00:00Z"),
                                                        ClientNode("cli_c", "2025-12-20T08:00:00Z"),
                                                        ClientNode("cli_d", "2026-01-05T12:30:00Z"),
                                                        ClientNode("cli_e", "")});
  ASSERT_TRUE(written) << written.error().message;
  ASSERT_TRUE(s->Commit());

  auto newest = store->NewestCreated(clients.table, clients.created->column);
  ASSERT_TRUE(newest) << newest.error().message;
  ASSERT_TRUE(*newest);
  EXPECT_EQ(FormatIsoUtc(**newest), "2026-01-05T12:30:00Z");
  auto count = [&](const std::string& date) {
    auto n = store->CountCreatedSince(clients.table, clients.created->column, date);
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : -1;
  };
  EXPECT_EQ(count("2025-12-01"), 4) << "inclusive; a row without createdAt is not counted";
  EXPECT_EQ(count("2025-12-02"), 3) << "the day is the UTC day";
  EXPECT_EQ(count("2026-01-06"), 0);

  ASSERT_TRUE(store->Mark(clients.table, std::vector<std::string>{"cli_c", "cli_d"}, 1767225600));
  EXPECT_EQ(count("2025-12-02"), 1) << "rows gone from the source are left out";
  auto ids = store->StoredIds(clients.table);
  ASSERT_TRUE(ids) << ids.error().message;
  std::sort(ids->begin(), ids->end());
  EXPECT_EQ(*ids, (std::vector<std::string>{"cli_a", "cli_b", "cli_e"}));
  auto window = store->StoredIdsCreatedSince(clients.table, clients.created->column, "2025-12-02");
  ASSERT_TRUE(window) << window.error().message;
  EXPECT_EQ(*window, std::vector<std::string>{"cli_b"});
  newest = store->NewestCreated(clients.table, clients.created->column);
  ASSERT_TRUE(newest && *newest);
  EXPECT_EQ(FormatIsoUtc(**newest), "2025-12-02T00:00:00Z") << "of the rows still at the source";
}

TEST_P(SyncStoreTest, AUnitOfNewObjectsDoesNotCountAsAWholeSweep) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  NewRun run;
  run.fingerprint = "sync";
  run.params_json = R"({"sync":true})";
  run.units.resize(2);
  run.units[0].name = "clients";
  run.units[0].stream = "clients";
  run.units[1].name = "clients:new";
  run.units[1].stream = "clients";
  run.units[1].created_since = "2025-12-08";
  auto created = s->CreateRun(run);
  ASSERT_TRUE(created) << created.error().message;
  const int64_t whole = 1767225600;  // 2026-01-01T00:00:00Z
  Exec("UPDATE " + Bk("gb_units") + " SET state = 'done', updated_at = " + At(whole) +
       " WHERE name = 'clients'");
  Exec("UPDATE " + Bk("gb_units") + " SET state = 'done', updated_at = " + At(whole + 86400 * 5) +
       " WHERE name = 'clients:new'");

  auto store = Store();
  auto last = store->LastSweep("clients");
  ASSERT_TRUE(last) << last.error().message;
  ASSERT_TRUE(*last);
  EXPECT_EQ(**last, whole) << "the new objects' unit, later, does not postpone the whole sweep";
  auto status = Status()->Read();
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(status->stream_swept_at["clients"], whole) << "watch's last whole sweep alike";

  Exec("UPDATE " + Bk("gb_units") + " SET state = 'pending' WHERE name = 'clients'");
  last = store->LastSweep("clients");
  ASSERT_TRUE(last);
  EXPECT_FALSE(*last) << "never swept whole";
}

INSTANTIATE_TEST_SUITE_P(AllBackends, SyncStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kBouncer),
                         BackendName);

}  // namespace
}  // namespace gb::test
