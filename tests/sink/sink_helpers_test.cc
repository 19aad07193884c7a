// Pure helpers of the sink: SQLSTATE classification, COPY escaping, dedupe,
// identifier quoting and binding, the statements closing a table to the API
// roles, unit specs, OpenDestination's accepted forms.
#include <gtest/gtest.h>

#include "core/redact.h"
#include "sink/batch_dedupe.h"
#include "sink/destination.h"
#include "sink/destination_fixture.h"
#include "sink/postgres/copy_text.h"
#include "sink/postgres/pg_exposure.h"
#include "sink/sql_identifier.h"
#include "sink/sqlstate.h"
#include "sink/unit_spec_json.h"

namespace gb::test {
namespace {

TEST(SqlStateTest, ClassifiesByKind) {
  EXPECT_EQ(ClassifySqlState("08006"), ErrorKind::kTransient);
  EXPECT_EQ(ClassifySqlState("57P01"), ErrorKind::kTransient);
  EXPECT_EQ(ClassifySqlState("40001"), ErrorKind::kTransient);
  EXPECT_EQ(ClassifySqlState("40P01"), ErrorKind::kTransient);
  EXPECT_EQ(ClassifySqlState(""), ErrorKind::kTransient);
  EXPECT_EQ(ClassifySqlState("23503"), ErrorKind::kData);
  EXPECT_EQ(ClassifySqlState("23514"), ErrorKind::kData);
  EXPECT_EQ(ClassifySqlState("22001"), ErrorKind::kData);
  EXPECT_EQ(ClassifySqlState("22021"), ErrorKind::kData);
  EXPECT_EQ(ClassifySqlState("42501"), ErrorKind::kPermanent);
  EXPECT_EQ(ClassifySqlState("53100"), ErrorKind::kPermanent);
  EXPECT_EQ(ClassifySqlState("42703"), ErrorKind::kConfig);
  EXPECT_EQ(ClassifySqlState("42P01"), ErrorKind::kConfig);
  EXPECT_EQ(ClassifySqlState("28P01"), ErrorKind::kAuth);
}

TEST(SqlStateTest, ClassifiesTheViolationOfARefusedRow) {
  Violation fk = ClassifyViolation("23503", "entries_user_fk", "");
  EXPECT_EQ(fk.kind, ViolationKind::kMissingReference);
  EXPECT_EQ(fk.constraint, "entries_user_fk");
  EXPECT_EQ(ClassifyViolation("23505", "", "").kind, ViolationKind::kUniqueViolation);
  Violation not_null = ClassifyViolation("23502", "", "external_id");
  EXPECT_EQ(not_null.kind, ViolationKind::kNotNull);
  EXPECT_EQ(not_null.column, "external_id");
  EXPECT_EQ(ClassifyViolation("23514", "c", "").kind, ViolationKind::kCheck);
  EXPECT_EQ(ClassifyViolation("22P02", "", "").kind, ViolationKind::kBadData);
  EXPECT_EQ(ClassifyViolation("21000", "", "").kind, ViolationKind::kBadData);
  EXPECT_EQ(ClassifyViolation("42501", "", "").kind, ViolationKind::kNone);
  EXPECT_EQ(ClassifyViolation("", "", "").kind, ViolationKind::kNone);
}

TEST(SqlStateTest, ErrorsSayWhatToDoAndHideSecrets) {
  RegisterSecret("pw-in-message-123");
  Error e = SqlError("writing", "42501", "permission denied for pw-in-message-123\n");
  EXPECT_EQ(e.kind, ErrorKind::kPermanent);
  EXPECT_EQ(e.code, "42501");
  EXPECT_NE(e.message.find("grant"), std::string::npos);
  EXPECT_EQ(e.message.find("pw-in-message-123"), std::string::npos);
  EXPECT_NE(SqlError("x", "53100", "no space").message.find("disk is full"), std::string::npos);
}

TEST(CopyTextTest, EscapesEveryFieldSeparatorAndNull) {
  Row r = MakeRow("tme_1", 2024, "NOTE", {}, "a\tb\nc\\d\re");
  r.piano_id = std::nullopt;
  r.description = std::nullopt;
  r.occurred_at = -5;
  std::string out;
  AppendCopyRow(r, &out);
  EXPECT_EQ(
      out,
      "tme_1\tcli_1\t\\N\t\\N\t\\N\t\\N\t-5\tNOTE\ta\\tb\\nc\\\\d\\re\t\\N\t{}\t2024\tNOTE\tf\n");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\t'), 13);
}

// The escaping passes clean 8-byte words over whole: a byte to escape at any
// place in a word, in the tail, or several in a row, is still escaped, and
// bytes next to them (0x08, 0x0b, 0x5b, 0x5d, 0x8d, 0xdc...) are not.
TEST(CopyTextTest, EscapesAtEveryPlaceOfAWord) {
  const std::string specials = "\\\n\r\t";
  const std::string neighbours = "\x08\x0b\x0c\x0e[]\x89\x8a\x8d\xdc ab";
  for (size_t length = 0; length <= 27; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (char special : specials) {
        std::string title;
        for (size_t i = 0; i < length; ++i)
          title += neighbours[(i * 5 + length) % neighbours.size()];
        title[at] = special;
        if (at + 1 < length && length % 3 == 0) title[at + 1] = special;
        std::string expected;
        for (char c : title) {
          expected += c == '\\'   ? "\\\\"
                      : c == '\n' ? "\\n"
                      : c == '\r' ? "\\r"
                      : c == '\t' ? "\\t"
                                  : std::string(1, c);
        }
        Row r = MakeRow("tme_1", 2024, "NOTE", {}, title);
        std::string out;
        AppendCopyRow(r, &out);
        const size_t start = out.find("\tNOTE\t") + 6;
        ASSERT_EQ(out.substr(start, expected.size() + 1), expected + "\t")
            << "length " << length << " at " << at;
      }
    }
  }
}

TEST(BatchDedupeTest, KeepsLastAndCountsOthersUnchanged) {
  std::vector<Row> rows = {MakeRow("a", 2024, "NOTE"), MakeRow("b", 2024, "NOTE"),
                           MakeRow("a", 2023, "INVOICE")};
  CountTable counts;
  auto keep = LastOccurrences(rows, &counts);
  EXPECT_EQ(keep, (std::vector<size_t>{1, 2}));
  EXPECT_EQ((counts[CountKey{2024, "NOTE"}].unchanged), 1);
}

TEST(SqlIdentifierTest, QuotesAndDoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("users"), "\"users\"");
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
}

TEST(SqlIdentifierTest, BindsPsqlStyleIdentifierVariables) {
  EXPECT_EQ(BindIdentifiers("REVOKE ALL ON TABLE :\"schema\".:\"table\" FROM :\"role\"\n",
                            {{"schema", "public"}, {"table", "users"}, {"role", "anon"}}),
            "REVOKE ALL ON TABLE \"public\".\"users\" FROM \"anon\"");
  // A hostile name stays one identifier: its quotes are doubled.
  EXPECT_EQ(BindIdentifiers("DROP ROLE :\"role\"", {{"role", "x\"; DROP TABLE users; --"}}),
            "DROP ROLE \"x\"\"; DROP TABLE users; --\"");
  // A cast is not a placeholder; a placeholder without a value stays as it is.
  EXPECT_EQ(BindIdentifiers("SELECT relkind::\"char\", :\"missing\"", {{"char", "no"}}),
            "SELECT relkind::\"char\", :\"missing\"");
  EXPECT_EQ(BindIdentifiers(":\"a\":\"a\"", {{"a", "x"}}), "\"x\"\"x\"");
}

TEST(ExposureStatementsTest, AnExposedTableIsClosedForEveryHolderAndItsSequences) {
  TableAccess access;
  access.table = {"public",
                  "gazelle_timeline_entries",
                  {{"anon", {"DELETE", "SELECT", "TRUNCATE"}}, {"PUBLIC", {"SELECT"}}}};
  access.sequences = {{"public", "gazelle_timeline_entries_id_seq", {{"anon", {"USAGE"}}}}};
  ASSERT_TRUE(IsExposed(access));
  TableExposure e = DescribeExposure(access);
  EXPECT_EQ(e.table, "public.gazelle_timeline_entries");
  EXPECT_EQ(e.roles, (std::vector<std::string>{"PUBLIC", "anon"}));
  EXPECT_EQ(e.privileges, (std::vector<std::string>{"SELECT", "DELETE", "TRUNCATE"}));
  EXPECT_EQ(e.fix,
            (std::vector<std::string>{
                "ALTER TABLE \"public\".\"gazelle_timeline_entries\" ENABLE ROW LEVEL SECURITY",
                "REVOKE ALL ON TABLE \"public\".\"gazelle_timeline_entries\" FROM PUBLIC",
                "REVOKE ALL ON TABLE \"public\".\"gazelle_timeline_entries\" FROM \"anon\"",
                "REVOKE ALL ON SEQUENCE \"public\".\"gazelle_timeline_entries_id_seq\" FROM "
                "\"anon\""}));
}

TEST(ExposureStatementsTest, RowSecurityOnOrNoGrantMeansNotExposed) {
  TableAccess closed;
  closed.table = {"public", "users", {{"anon", {"SELECT"}}}};
  closed.row_security = true;  // no policy: anon sees no row
  EXPECT_FALSE(IsExposed(closed));
  TableAccess owner_only;
  owner_only.table = {"public", "users", {}};
  EXPECT_FALSE(IsExposed(owner_only));
}

TEST(ExposureStatementsTest, ANewTableLosesEverythingDefaultPrivilegesGave) {
  TableAccess access;
  access.table = {"gazelle_backfill", "gb_runs", {}};
  access.sequences = {{"gazelle_backfill", "gb_runs_id_seq", {}}};
  EXPECT_EQ(CloseNewTable(access, {"anon", "authenticated"}),
            (std::vector<std::string>{
                "ALTER TABLE \"gazelle_backfill\".\"gb_runs\" ENABLE ROW LEVEL SECURITY",
                "REVOKE ALL ON TABLE \"gazelle_backfill\".\"gb_runs\" FROM PUBLIC",
                "REVOKE ALL ON TABLE \"gazelle_backfill\".\"gb_runs\" FROM \"anon\"",
                "REVOKE ALL ON TABLE \"gazelle_backfill\".\"gb_runs\" FROM \"authenticated\"",
                "REVOKE ALL ON SEQUENCE \"gazelle_backfill\".\"gb_runs_id_seq\" FROM PUBLIC",
                "REVOKE ALL ON SEQUENCE \"gazelle_backfill\".\"gb_runs_id_seq\" FROM \"anon\"",
                "REVOKE ALL ON SEQUENCE \"gazelle_backfill\".\"gb_runs_id_seq\" FROM "
                "\"authenticated\""}));
  // A plain PostgreSQL (no API role): the same statements, PUBLIC only.
  EXPECT_EQ(CloseNewSchema("gazelle_backfill", {}),
            (std::vector<std::string>{"REVOKE ALL ON SCHEMA \"gazelle_backfill\" FROM PUBLIC"}));
}

TEST(UnitSpecJsonTest, RoundTrips) {
  UnitSpec spec{.name = "type:X",
                .types = {"APPOINTMENT", "INVOICE"},
                .client_id = std::string("cli_1"),
                .occurred_at_get = "2016-01-01T00:00:00Z",
                .start_after = std::nullopt};
  auto back = UnitSpecFromJson(UnitSpecToJson(spec));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, spec.name);
  EXPECT_EQ(back->types, spec.types);
  EXPECT_EQ(back->client_id, spec.client_id);
  EXPECT_EQ(back->occurred_at_get, spec.occurred_at_get);
  EXPECT_TRUE(back->created_since.empty()) << "the whole connection";
  UnitSpec window{.name = "clients:new"};
  window.stream = "clients";
  window.created_since = "2026-01-02";
  auto window_back = UnitSpecFromJson(UnitSpecToJson(window));
  ASSERT_TRUE(window_back);
  EXPECT_EQ(window_back->stream, "clients");
  EXPECT_EQ(window_back->created_since, "2026-01-02");
  EXPECT_FALSE(UnitSpecFromJson("not json"));
  EXPECT_EQ(SafeText(std::string("a\0b", 3)), "a\\u0000b");
}

TEST(OpenDestinationTest, AcceptsTheDocumentedForms) {
  TempDir dir("gb-open-test-");
  auto a = OpenDestination("sqlite:" + dir.File("a.db"));
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)->Describe(), "sqlite:" + dir.File("a.db"));
  EXPECT_FALSE((*a)->ConcurrentWriters());
  auto b = OpenDestination(dir.File("b.db"));
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)->Describe(), "sqlite:" + dir.File("b.db"));
  auto c = OpenDestination("sqlite://" + dir.File("c.db"));
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->Describe(), "sqlite:" + dir.File("c.db"));
  auto pg = OpenDestination("postgres://u@h/db?sslmode=require");
  ASSERT_TRUE(pg);
  EXPECT_TRUE((*pg)->ConcurrentWriters());
  auto s = (*b)->Connect();
  ASSERT_TRUE(s) << s.error().message;
}

TEST(OpenDestinationTest, RejectsOtherSchemesWithTheAcceptedForms) {
  for (std::string url : {"mysql://u:pw12345@h/db", "", "http://x/y", "sqlite:"}) {
    auto d = OpenDestination(url);
    ASSERT_FALSE(d) << url;
    EXPECT_EQ(d.error().kind, ErrorKind::kConfig);
    EXPECT_NE(d.error().message.find("sqlite:PATH"), std::string::npos) << d.error().message;
    EXPECT_EQ(d.error().message.find("pw12345"), std::string::npos);
  }
}

TEST(OpenDestinationTest, UnopenableSqliteFileIsAConfigError) {
  auto d = OpenDestination("sqlite:/nonexistent-dir-gb/x/y.db");
  ASSERT_TRUE(d);
  auto s = (*d)->Connect();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kConfig);
}

}  // namespace
}  // namespace gb::test
