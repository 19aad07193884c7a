// Each stream's SQL (src/streams/<name>/*.sql) on both dialects: the tables
// are created in registry order (references first), the upsert takes a JSON
// array of nodes as the API gives them, writes each once, skips unchanged
// rows, stores a link to a row not loaded as NULL (the node keeps it) and
// says so, and the count of stored ids is right.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sink/postgres/pg_connection.h"
#include "sink/sqlite/sqlite_connection.h"
#include "streams/registry.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

using json = nlohmann::json;

// Every reference a stream's nodes make, pointing at `target` ids.
json Links(const std::string& client, const std::string& piano, const std::string& user) {
  return {{"client", {{"id", client}}},   {"piano", {{"id", piano}}},
          {"user", {{"id", user}}},       {"createdBy", {{"id", user}}},
          {"assignedTo", {{"id", user}}}, {"preferredTechnician", {{"id", user}}}};
}

json Node(const std::string& id, const json& links, const std::string& note) {
  json node = links;
  node["id"] = id;
  node["notes"] = note;
  node["status"] = "ACTIVE";
  node["number"] = 7;
  node["createdAt"] = "2021-02-03T04:05:06Z";
  node["updatedAt"] = "2022-02-03T04:05:06Z";
  node["start"] = "2021-05-01T14:00:00Z";
  node["dueOn"] = "2021-03-01";
  node["estimatedOn"] = "2021-03-01";
  node["expiresOn"] = "2021-04-01";
  node["isArchived"] = false;
  node["allContacts"] = {{"nodes", json::array({{{"id", "con_1"}}})}};
  node["allInvoiceItems"] = {{"nodes", json::array()}};
  node["allEventPianos"] = {{"nodes", json::array()}};
  node["allEstimateTiers"] = json::array();
  return node;
}

// What one upsert did: rows written, of which with a link nulled.
struct Written {
  int rows = 0;
  int unlinked = 0;
};

class StreamSqlTest : public PgDatabaseTest, public ::testing::WithParamInterface<bool> {
 protected:
  bool postgres() const { return GetParam(); }

  void SetUp() override {
    PgDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    if (postgres()) {
      auto conn = PgConnection::Open(url());
      ASSERT_TRUE(conn) << conn.error().message;
      pg_ = std::move(*conn);
      ASSERT_TRUE(pg_->Simple("users", "CREATE TABLE users (id text COLLATE \"C\" PRIMARY KEY)"));
      ASSERT_TRUE(pg_->Simple("user", "INSERT INTO users VALUES ('usr_1')"));
    } else {
      auto conn = SqliteConnection::Open(dir_.File("streams.db"));
      ASSERT_TRUE(conn) << conn.error().message;
      lite_ = std::move(*conn);
      ASSERT_TRUE(lite_->Exec("users", "CREATE TABLE users (id TEXT PRIMARY KEY)"));
      ASSERT_TRUE(lite_->Exec("user", "INSERT INTO users VALUES ('usr_1')"));
    }
    for (const StreamModule* stream : AllStreams()) {
      ASSERT_TRUE(Exec(Sql(*stream).create)) << stream->name;
      if (!Sql(*stream).link_table.create.empty()) {
        ASSERT_TRUE(Exec(Sql(*stream).link_table.create)) << stream->name;
      }
    }
  }

  // A statement taking the nodes' array (none when `nodes` is null).
  bool Run(std::string_view sql, const json& nodes) {
    const std::string text = nodes.dump();
    if (postgres()) {
      auto res = nodes.is_null() ? pg_->Exec("run", sql) : pg_->Exec("run", sql, {text});
      EXPECT_TRUE(res) << (res ? "" : res.error().message);
      return res.has_value();
    }
    auto st = nodes.is_null() ? lite_->Exec("run", sql)
                              : lite_->ForEachRow(
                                    "run", sql, [](sqlite3_stmt*) {}, std::string_view(text));
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    return st.has_value();
  }

  // gazelle_event_pianos as "event:piano:tuning" lines, sorted.
  std::string EventPianos() {
    const std::string sql =
        "SELECT event_id || ':' || piano_id || ':' || CASE WHEN is_tuning THEN 't' ELSE 'f' END "
        "FROM gazelle_event_pianos ORDER BY 1";
    std::string out;
    if (postgres()) {
      auto res = pg_->Exec("read", sql);
      EXPECT_TRUE(res);
      for (int r = 0; res && r < res->rows(); ++r) out += std::string(res->Text(r, 0)) + " ";
      return out;
    }
    auto st = lite_->ForEachRow(
        "read", sql, [&](sqlite3_stmt* row) { out += SqliteConnection::Text(row, 0) + " "; });
    EXPECT_TRUE(st);
    return out;
  }

  const StreamSql& Sql(const StreamModule& s) const { return postgres() ? s.postgres : s.sqlite; }

  bool Exec(std::string_view sql) {
    return postgres() ? pg_->Simple("create", std::string(sql)).has_value()
                      : lite_->Exec("create", sql).has_value();
  }

  Written Upsert(const StreamModule& stream, const json& nodes) {
    Written w;
    const std::string text = nodes.dump();
    if (postgres()) {
      auto res = pg_->Exec("upsert", Sql(stream).upsert, {text});
      EXPECT_TRUE(res) << stream.name << ": " << (res ? "" : res.error().message);
      if (!res) return w;
      for (int r = 0; r < res->rows(); ++r) w.unlinked += res->Bool(r, 0) ? 1 : 0;
      w.rows = res->rows();
      return w;
    }
    auto st = lite_->ForEachRow(
        "upsert", Sql(stream).upsert,
        [&](sqlite3_stmt* row) {
          ++w.rows;
          w.unlinked += sqlite3_column_int(row, 0);
        },
        std::string_view(text));
    EXPECT_TRUE(st) << stream.name << ": " << (st ? "" : st.error().message);
    return w;
  }

  int64_t Existing(const StreamModule& stream, const json& nodes) {
    const std::string text = nodes.dump();
    if (postgres()) {
      auto res = pg_->Exec("existing", Sql(stream).existing, {text});
      EXPECT_TRUE(res);
      return res ? res->Int(0, 0) : -1;
    }
    int64_t n = -1;
    auto st = lite_->ForEachRow(
        "existing", Sql(stream).existing,
        [&](sqlite3_stmt* row) { n = sqlite3_column_int64(row, 0); }, std::string_view(text));
    EXPECT_TRUE(st);
    return n;
  }

  TempDir dir_;
  std::unique_ptr<PgConnection> pg_;
  std::unique_ptr<SqliteConnection> lite_;
};

TEST_P(StreamSqlTest, EachStreamWritesOnceSkipsUnchangedAndNullsLinksToRowsNotLoaded) {
  // Rows every reference can point at: client cli_1, piano pno_1.
  const json known = Links("cli_1", "pno_1", "usr_1");
  ASSERT_EQ(Upsert(*FindStream("clients"), json::array({Node("cli_1", known, "")})).rows, 1);
  ASSERT_EQ(Upsert(*FindStream("pianos"), json::array({Node("pno_1", known, "")})).rows, 1);
  for (const StreamModule* stream : AllStreams()) {
    SCOPED_TRACE(std::string(stream->name));
    const json nodes = json::array({Node("a_1", known, "one"), Node("a_2", known, "two"),
                                    Node("a_3", Links("cli_gone", "pno_gone", "usr_gone"), "")});
    EXPECT_EQ(Existing(*stream, nodes), 0);
    Written first = Upsert(*stream, nodes);
    EXPECT_EQ(first.rows, 3);
    EXPECT_EQ(first.unlinked, 1);  // a_3: its links point at rows not loaded
    EXPECT_EQ(Existing(*stream, nodes), 3);
    Written again = Upsert(*stream, nodes);
    EXPECT_EQ(again.rows, 0) << "unchanged rows are not rewritten";
    json changed = nodes;
    changed[1]["notes"] = "two, edited";
    Written edit = Upsert(*stream, changed);
    EXPECT_EQ(edit.rows, 1);
    EXPECT_EQ(edit.unlinked, 0);
  }
}

// An event's pianos (a list) are rows of gazelle_event_pianos: written with
// the event when the piano is loaded (the one not loaded counted unlinked),
// replaced when the event's list changes, added once the piano is loaded.
TEST_P(StreamSqlTest, EventPianosAreRowsReplacedWithTheirEventAndAddedOnceThePianoIsLoaded) {
  const StreamModule& events = *FindStream("events");
  const LinkTableSql& links = Sql(events).link_table;
  ASSERT_FALSE(links.create.empty());
  const json known = Links("cli_1", "pno_1", "usr_1");
  ASSERT_EQ(Upsert(*FindStream("clients"), json::array({Node("cli_1", known, "")})).rows, 1);
  ASSERT_EQ(Upsert(*FindStream("pianos"), json::array({Node("pno_1", known, "")})).rows, 1);
  json e1 = Node("evt_1", known, "");
  e1["allEventPianos"] = {
      {"nodes", json::array({{{"isTuning", true}, {"piano", {{"id", "pno_1"}}}},
                             {{"isTuning", false}, {"piano", {{"id", "pno_later"}}}},
                             nullptr})}};
  json e2 = Node("evt_2", known, "");
  e2["allEventPianos"] = {{"nodes", nullptr}};
  json e3 = Node("evt_3", known, "");
  e3["allEventPianos"] = nullptr;
  const json nodes = json::array({e1, e2, e3});
  Written first = Upsert(events, nodes);
  EXPECT_EQ(first.rows, 3);
  EXPECT_EQ(first.unlinked, 1) << "evt_1 lists a piano not loaded";
  ASSERT_TRUE(Run(links.remove, nodes));
  ASSERT_TRUE(Run(links.write, nodes));
  EXPECT_EQ(EventPianos(), "evt_1:pno_1:t ");

  // Its list changes: the piano it no longer lists goes, the new one waits.
  json edited = json::array({e1});
  edited[0]["allEventPianos"]["nodes"] =
      json::array({{{"isTuning", true}, {"piano", {{"id", "pno_later"}}}}});
  ASSERT_EQ(Upsert(events, edited).rows, 1);
  ASSERT_TRUE(Run(links.remove, edited));
  ASSERT_TRUE(Run(links.write, edited));
  EXPECT_EQ(EventPianos(), "");

  ASSERT_EQ(Upsert(*FindStream("pianos"), json::array({Node("pno_later", known, "")})).rows, 1);
  ASSERT_TRUE(Run(links.restore, nullptr));
  EXPECT_EQ(EventPianos(), "evt_1:pno_later:t ");
  ASSERT_TRUE(Run(links.restore, nullptr));
  EXPECT_EQ(EventPianos(), "evt_1:pno_later:t ") << "restored once";
}

INSTANTIATE_TEST_SUITE_P(Dialects, StreamSqlTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Postgres" : "Sqlite";
                         });

}  // namespace
}  // namespace gb::test
