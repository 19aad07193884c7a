// Hostile API data, end to end through the real parser, transformer, engine
// and destination (SQLite and PostgreSQL): each row is loaded byte-for-byte,
// repaired losslessly (original kept in metadata, counted repaired), or
// rejected with its reason and raw node — never dropped, never mangled.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "engine/backfill.h"
#include "engine/text_repair.h"
#include "fake_source.h"
#include "sink/destination_fixture.h"
#include "source/node_parser.h"

namespace gb::test {
namespace {

using namespace std::string_literals;

// One node as the API sends it; `summary` and `comment` are JSON string
// bodies (already escaped, so "\\ud800" stays an escape on the wire).
std::string NodeJson(const std::string& id, const std::string& when, const std::string& type,
                     const std::string& summary = "s", const std::string& comment = "c") {
  return fmt::format(
      R"({{"id":"{}","occurredAt":"{}","type":"{}","summary":"{}","comment":"{}",)"
      R"("client":{{"id":"cli_1"}},"piano":null,"user":null,"invoice":null,"estimate":null}})",
      id, when, type, summary, comment);
}

class HostileInputTest : public DestinationTest {
 protected:
  RunOutcome Load(const std::vector<std::string>& json, std::vector<int> years,
                  const std::string& tz = "UTC") {
    std::vector<ApiNode> nodes;
    for (const std::string& j : json) nodes.push_back(ParseNode(j));
    gb::testing::FakeSource source(std::move(nodes));
    RunOptions options;
    options.years = std::move(years);
    options.tz = tz;
    options.page_size = 3;  // duplicates land within a page and across pages
    options.batch_size = 4;
    options.concurrency = 2;
    options.worker_id = WorkerId{"test", 1, "1"};
    std::atomic<bool> stop{false};
    NullObserver observer;
    return RunBackfill(options, source, *dest_, observer, SystemClock::Instance(), stop);
  }

  std::string Column(const std::string& column, const std::string& id) {
    return Query(fmt::format("SELECT {} FROM gazelle_timeline_entries WHERE external_id = '{}'",
                             column, id));
  }
  nlohmann::json Metadata(const std::string& id) {
    return nlohmann::json::parse(Column("metadata", id));
  }
  std::string Epoch(const std::string& id) {
    return Column(GetParam() == Backend::kSqlite ? "strftime('%s', occurred_at)"
                                                 : "extract(epoch FROM occurred_at)::bigint",
                  id);
  }
  std::string Reject(const std::string& column, const std::string& id) {
    return Query(
        fmt::format("SELECT {} FROM {} WHERE external_id = '{}'", column, Bk("gb_rejects"), id));
  }
};

TEST_P(HostileInputTest, TextIsLoadedByteForByteOrRepairedLosslessly) {
  std::string big;
  while (big.size() < (1u << 20)) big += "ab\xE2\x82\xAC\xF0\x9F\x8E\xB9 ";  // 1 MB: €, 🎹
  const std::string sql = R"('; DROP TABLE gazelle_timeline_entries; -- \"q\" \\back\\ %s $1 ?)";
  const std::string rtl =
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";
  const std::string t = "2024-05-01T10:00:00Z";
  auto outcome = Load({NodeJson("tme_big", t, "USER_COMMENT", "big", big),
                       NodeJson("tme_sql", t, "USER_COMMENT", sql, rtl),
                       NodeJson("tme_nul", t, "USER_COMMENT", "s", R"(before\u0000after)"),
                       NodeJson("tme_surrogate", t, "USER_COMMENT", R"(x \ud800 y \udfff)", "c")},
                      {2024});
  EXPECT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(Column("description", "tme_big"), big);
  EXPECT_EQ(Column("title", "tme_sql"),
            R"('; DROP TABLE gazelle_timeline_entries; -- "q" \back\ %s $1 ?)");
  EXPECT_EQ(Column("description", "tme_sql"), rtl);
  EXPECT_EQ(Column("metadata", "tme_sql").find("repairs"), std::string::npos);

  EXPECT_EQ(Column("description", "tme_nul"), "beforeafter");
  nlohmann::json nul = Metadata("tme_nul")["repairs"].at(0);
  EXPECT_EQ(nul["field"], "description");
  EXPECT_EQ(nul["issue"], "nul");
  EXPECT_EQ(nul["original_base64"], Base64Encode("before\0after"s));

  EXPECT_EQ(Column("title", "tme_surrogate"), "x \xEF\xBF\xBD y \xEF\xBF\xBD");
  nlohmann::json surrogate = Metadata("tme_surrogate")["repairs"].at(0);
  EXPECT_EQ(surrogate["issue"], "lone_surrogate");
  EXPECT_EQ(surrogate["original_escaped"], R"(x \ud800 y \udfff)");
  EXPECT_EQ(Query("SELECT sum(repaired) FROM " + Bk("gb_counters")), "2");
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "4");
}

TEST_P(HostileInputTest, DatesAtYearBoundariesAndDstChangesKeepTheExactInstant) {
  const std::vector<std::pair<std::string, std::string>> at = {
      {"tme_y1", "2016-12-31T23:59:59Z"},  // 2016 in UTC, 18:59:59 in Toronto
      {"tme_y2", "2017-01-01T04:59:59Z"},  // still 2016 in Toronto
      {"tme_y3", "2017-01-01T05:00:00Z"},  // midnight in Toronto: 2017
      {"tme_d1", "2021-03-14T06:59:59Z"},  // 01:59:59 EST, just before the spring jump
      {"tme_d2", "2021-03-14T07:00:00Z"},  // 03:00:00 EDT
      {"tme_d3", "2021-11-07T05:30:00Z"},  // 01:30 EDT ...
      {"tme_d4", "2021-11-07T06:30:00Z"},  // ... and 01:30 EST, an hour later
  };
  std::vector<std::string> json;
  for (const auto& [id, when] : at) json.push_back(NodeJson(id, when, "APPOINTMENT"));
  auto outcome = Load(json, {2016, 2017, 2021}, "America/Toronto");
  EXPECT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  for (const auto& [id, when] : at) EXPECT_EQ(Epoch(id), std::to_string(*ParseIsoUtc(when))) << id;
  EXPECT_EQ(Query("SELECT sum(inserted) FROM " + Bk("gb_counters") + " WHERE year = 2016"), "2");
  EXPECT_EQ(Query("SELECT sum(inserted) FROM " + Bk("gb_counters") + " WHERE year = 2017"), "1");
  EXPECT_EQ(Query("SELECT sum(inserted) FROM " + Bk("gb_counters") + " WHERE year = 2021"), "4");
}

TEST_P(HostileInputTest, BadNodesAreRejectedWithTheirReasonAndRawText) {
  const std::string t = "2024-03-01T00:00:00Z";
  const std::string no_id = R"({"occurredAt":"2024-03-02T00:00:00Z","type":"INVOICE"})";
  const std::string no_type = R"({"id":"tme_no_type","occurredAt":"2024-03-03T00:00:00Z"})";
  const std::vector<std::string> json = {
      NodeJson("tme_ok", t, "INVOICE"),
      NodeJson("tme_future", "2101-01-01T00:00:00Z", "INVOICE"),
      NodeJson("tme_month13", "2024-13-45T99:00:00Z", "INVOICE"),
      NodeJson("tme_unknown_type", t, "HOLOGRAM_MESSAGE"),
      R"({"id":"tme_no_when","type":"INVOICE","summary":"s"})",
      no_id,
      no_type,
  };
  auto outcome = Load(json, {2024});
  EXPECT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects) << outcome.message;
  EXPECT_EQ(Column("external_id", "tme_ok"), "tme_ok");
  EXPECT_NE(Reject("reason", "tme_future").find("outside 1900-2100"), std::string::npos);
  EXPECT_NE(Reject("reason", "tme_month13").find("occurredAt"), std::string::npos);
  EXPECT_NE(Reject("reason", "tme_no_when").find("missing occurredAt"), std::string::npos);
  EXPECT_NE(Reject("reason", "tme_no_type").find("missing type"), std::string::npos);
  EXPECT_EQ(Reject("raw", "tme_no_type"), no_type);
  EXPECT_NE(Reject("reason", "").find("missing id"), std::string::npos);
  EXPECT_EQ(Reject("raw", ""), no_id);
  // The database's own CHECK refuses the unknown type: rejected with its SQLSTATE.
  const std::string sqlstate = Reject("sqlstate", "tme_unknown_type");
  EXPECT_FALSE(sqlstate.empty());
  if (GetParam() == Backend::kPostgres) {
    EXPECT_EQ(sqlstate, "23514");
  }
  EXPECT_NE(Reject("raw", "tme_unknown_type").find("HOLOGRAM_MESSAGE"), std::string::npos);
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "1");
}

TEST_P(HostileInputTest, DuplicateIdsWithinAndAcrossPagesLoadOnce) {
  const std::string t = "2024-07-01T00:00:00Z";
  // Same instant: the source keeps this order, so with 3 per page the first
  // pair shares page 1 and the last copy is on page 2.
  auto outcome = Load({NodeJson("tme_dup", t, "INVOICE"), NodeJson("tme_dup", t, "INVOICE"),
                       NodeJson("tme_a", t, "INVOICE"), NodeJson("tme_b", t, "INVOICE"),
                       NodeJson("tme_dup", t, "INVOICE")},
                      {2024});
  EXPECT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "3");
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id = 'tme_dup'"),
            "1");
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_rejects")), "0");
}

TEST_P(HostileInputTest, InvalidUtf8BytesInALineAreRejectedWithTheBytesKept) {
  // Not JSON at all (JSON is UTF-8): an export line with raw 0xFF 0xFE bytes.
  const std::string line =
      R"({"id":"tme_bytes","occurredAt":"2024-03-01T00:00:00Z","type":"INVOICE","comment":")"
      "\xFF\xFE"
      R"("})";
  auto outcome = Load({line, NodeJson("tme_ok", "2024-03-02T00:00:00Z", "INVOICE")}, {2024});
  EXPECT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects) << outcome.message;
  EXPECT_EQ(Column("external_id", "tme_ok"), "tme_ok");
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_rejects")), "1");
  EXPECT_NE(Reject("reason", "").find("UTF-8"), std::string::npos) << Reject("reason", "");
  const std::string raw = Reject("raw", "");
  EXPECT_NE(raw.find("tme_bytes"), std::string::npos) << raw;
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(raw, line);  // SQLite keeps any bytes
  }
}

INSTANTIATE_TEST_SUITE_P(Destinations, HostileInputTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

}  // namespace
}  // namespace gb::test
