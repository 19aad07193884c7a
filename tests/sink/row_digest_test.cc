// The digest that lets a re-run skip unchanged rows must be computed the same
// way here and in PostgreSQL, or rows are either sent for nothing (slower) or,
// worse, a changed row is taken for unchanged. Checked against a real server.
#include "sink/postgres/row_digest.h"

#include <gtest/gtest.h>

#include "sink/destination.h"
#include "sink/destination_fixture.h"
#include "sink/postgres/jsonb_text.h"
#include "sink/postgres/pg_text_hash.h"
#include "support/pg_server.h"

namespace gb::test {
namespace {

class RowDigestTest : public PgDatabaseTest {
 protected:
  std::string Jsonb(const std::string& json) {
    return *server().QueryValue("SELECT $j$" + json + "$j$::jsonb::text", db());
  }
  std::unique_ptr<Session> Open() {
    auto dest = OpenDestination(url());
    EXPECT_TRUE(dest);
    auto s = (*dest)->Connect();
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE((*s)->EnsureSchema({}));
    return std::move(*s);
  }
  CountTable Write(Session& s, const std::vector<Row>& rows) {
    EXPECT_TRUE(s.Begin());
    auto counts = s.WriteRows(rows);
    EXPECT_TRUE(counts) << counts.error().message;
    EXPECT_TRUE(s.Commit());
    return counts ? *counts : CountTable{};
  }
  // xmin and xmax of every row: untouched rows keep both (not even locked).
  std::string Versions() {
    return *server().QueryValue(
        "SELECT string_agg(external_id || ':' || xmin || ':' || xmax, ',' ORDER BY external_id) "
        "FROM gazelle_timeline_entries",
        db());
  }
};

TEST_F(RowDigestTest, JsonbTextIsWhatPostgresPrints) {
  for (const std::string json : {
           R"({})",
           R"({"b":1,"a":2,"aa":3,"ab":[],"c":{}})",
           R"({"humidity":30.0,"measurements":[{"raw":"30 %","kind":"humidity","value":30.0}]})",
           R"({"x":"tab\there \"q\" back\\slash \u0001 \u001f é 😀 \/"})",
           R"({"dup":1,"dup":2})",
           R"({"n":[0,-3,12345678901234,21.5,0.25,1.0,true,false,null]})",
           R"({"unresolved_user_id":"usr_x","original":{"title":"a\nb"}})",
           R"([1,{"z":1,"y":[2,3]}])",
       }) {
    auto ours = JsonbText(json);
    ASSERT_TRUE(ours) << json;
    EXPECT_EQ(*ours, Jsonb(json)) << json;
  }
  // Numbers whose numeric text may differ, and non-JSON: no prediction.
  for (const std::string json : {R"({"a":1e-05})", R"({"a":-0.0})", R"({"a":1E+30})", "{x"}) {
    EXPECT_FALSE(JsonbText(json)) << json;
  }
}

// Lengths 0 to 43 (each tail of the 12-byte rounds, several times), bytes
// over 0x7f, and a seed: one query asks the server for all of them.
TEST_F(RowDigestTest, TextHashIsWhatPostgresComputes) {
  const std::vector<std::string> chars = {"a",  "Z",  "9",  " ", ":", "'", "\"",
                                          "\\", "\n", "\t", "é", "😀", "€", "ÿ"};
  std::vector<std::string> texts;
  for (size_t n = 0; n <= 40; ++n) {  // whole characters, n bytes or up to 3 more
    std::string t;
    for (size_t i = 0; t.size() < n; ++i) t += chars[(i * 7 + n) % chars.size()];
    texts.push_back(t);
  }
  texts.push_back(std::string(1000, 'x') + "é");
  std::string query =
      "SELECT string_agg(hashtextextended(t COLLATE \"C\", s)::text, ',' ORDER BY n) "
      "FROM (VALUES ";
  std::string ours;
  for (size_t i = 0; i < texts.size(); ++i) {
    const uint64_t seed = i % 5 == 4 ? 0x0123456789abcdefULL : 0;
    query += (i ? "," : "") + std::string("(") + std::to_string(i) + ", $t$" + texts[i] + "$t$, " +
             std::to_string(static_cast<int64_t>(seed)) + "::bigint)";
    ours += (i ? "," : "") + std::to_string(PgTextHash(texts[i], seed));
  }
  query += ") AS v(n, t, s)";
  EXPECT_EQ(ours, *server().QueryValue(query, db()));
}

TEST_F(RowDigestTest, ARerunOfUnchangedRowsLeavesThemUntouchedAndFindsChangedOnes) {
  auto s = Open();
  ASSERT_TRUE(s->UpsertUsers(std::vector<ApiUser>{{"usr_1", "A", "B", "a@b", "TECH"}}));
  std::vector<Row> rows;
  for (int i = 0; i < 6; ++i) rows.push_back(MakeRow("tme_" + std::to_string(i), 2024, "NOTE"));
  rows[0].metadata = R"({"z":1,"a":{"k":[1,2.5]},"t":"é\n"})";
  rows[1].client_id.reset();
  rows[1].description.reset();
  rows[2].title = "";  // empty, not NULL
  rows[3].user_id = "usr_1";
  rows[4].occurred_at = -86400;
  rows[5].metadata = R"({"tiny":1e-05})";  // no prediction: compared in SQL, still unchanged
  rows[5].repaired = true;
  Write(*s, rows);
  const std::string before = Versions();
  auto again = Write(*s, rows);
  EXPECT_EQ(again[(CountKey{2024, "NOTE"})].unchanged, 5);
  EXPECT_EQ(again[(CountKey{2024, "NOTE"})].repaired, 1);
  // Only the row without a prediction went through the upsert (which locks it).
  std::string after = Versions();
  EXPECT_EQ(after.substr(0, after.find("tme_5")), before.substr(0, before.find("tme_5")));
  // One byte of difference in any column is an update.
  std::vector<Row> changed = rows;
  changed[0].metadata = R"({"z":1,"a":{"k":[1,2.5]},"t":"é"})";
  changed[1].description = "";
  changed[2].title.reset();
  changed[3].user_id.reset();
  changed[4].occurred_at += 1;
  auto third = Write(*s, changed);
  EXPECT_EQ(third[(CountKey{2024, "NOTE"})].updated, 5);
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM gazelle_timeline_entries WHERE "
                                 "title IS NULL AND external_id = 'tme_2'",
                                 db()),
            "1");
}

TEST(RowDigest, EveryColumnAndNullVersusEmptyChangesIt) {
  Row a = MakeRow("tme_1", 2024, "NOTE");
  Row b = a;
  b.title = "";
  Row c = a;
  c.title.reset();
  Row d = a;
  d.external_id = "tme_other";  // the id is the key, not a compared column
  EXPECT_NE(*RowDigest(a), *RowDigest(b));
  EXPECT_NE(*RowDigest(b), *RowDigest(c));
  EXPECT_EQ(*RowDigest(a), *RowDigest(d));
  // Each column counts in its place: the same text moved to the next column
  // is another digest.
  Row e = a;
  e.title = "x";
  e.description.reset();
  Row f = a;
  f.title.reset();
  f.description = "x";
  EXPECT_NE(*RowDigest(e), *RowDigest(f));
}

}  // namespace
}  // namespace gb::test
