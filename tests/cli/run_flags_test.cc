#include "cli/run_flags.h"

#include <gtest/gtest.h>

#include <map>

#include "core/redact.h"

namespace gb::cli {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars = {}) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

RunFlags Years(std::string years) {
  RunFlags f;
  f.years = {std::move(years)};
  return f;
}

std::string Error(const RunFlags& flags, EnvLookup env = Env()) {
  auto config = ResolveRunFlags(flags, env);
  EXPECT_FALSE(config.has_value());
  if (config) return "";
  EXPECT_EQ(config.error().kind, ErrorKind::kConfig);
  return config.error().message;
}

TEST(ResolveRunFlags, Defaults) {
  auto config = ResolveRunFlags(Years("2024"), Env());
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->options.years, std::vector<int>{2024});
  EXPECT_EQ(config->database->Describe(), "sqlite:gazelle.db");
  EXPECT_EQ(config->api_url, "https://gazelleapp.io");
  EXPECT_EQ(config->token_file, "config/token.json");
  EXPECT_EQ(config->options.batch_size, 1000);
  EXPECT_EQ(config->options.tz, "UTC");
  EXPECT_FALSE(config->options.truncate.has_value());
  EXPECT_EQ(config->progress, ProgressMode::kAuto);
}

// --streams not given: every stream from the API, the timeline alone from a
// file (a dump holds only the timeline); not "chosen", so an unfinished run
// of other streams is resumed with its own.
TEST(ResolveRunFlags, StreamsDefaultToEveryStreamTheSourceHas) {
  auto api = ResolveRunFlags(Years("2024"), Env());
  ASSERT_TRUE(api.has_value()) << api.error().message;
  EXPECT_TRUE(api->options.timeline);
  EXPECT_EQ(api->options.streams,
            (std::vector<std::string>{"clients", "pianos", "events", "invoices", "estimates"}));
  EXPECT_FALSE(api->options.streams_chosen);
  RunFlags file = Years("2024");
  file.from_file = "dump.jsonl";
  auto dump = ResolveRunFlags(file, Env());
  ASSERT_TRUE(dump.has_value()) << dump.error().message;
  EXPECT_TRUE(dump->options.timeline);
  EXPECT_TRUE(dump->options.streams.empty());
  RunFlags chosen = Years("2024");
  chosen.streams = "timeline";
  auto timeline = ResolveRunFlags(chosen, Env());
  ASSERT_TRUE(timeline.has_value()) << timeline.error().message;
  EXPECT_TRUE(timeline->options.streams.empty());
  EXPECT_TRUE(timeline->options.streams_chosen);
}

TEST(ResolveRunFlags, FlagsWinOverTheEnvironment) {
  std::map<std::string, std::string> vars = {{"DATABASE_URL", "postgresql://app@db/prod"},
                                             {"GAZELLE_API_URL", "http://127.0.0.1:8700"}};
  auto from_env = ResolveRunFlags(Years("2024"), Env(vars));
  ASSERT_TRUE(from_env.has_value()) << from_env.error().message;
  EXPECT_EQ(from_env->database->Describe(), "postgresql://app@db/prod");
  EXPECT_EQ(from_env->api_url, "http://127.0.0.1:8700");
  RunFlags f = Years("2024");
  f.db = "sqlite:other.db";
  f.api = "http://localhost:9000/";
  auto from_flags = ResolveRunFlags(f, Env(vars));
  ASSERT_TRUE(from_flags.has_value()) << from_flags.error().message;
  EXPECT_EQ(from_flags->database->Describe(), "sqlite:other.db");
  EXPECT_EQ(from_flags->api_url, "http://localhost:9000");
}

TEST(ResolveRunFlags, EveryOptionReachesRunOptions) {
  RunFlags f;
  f.start_year = 2024;
  f.end_year = 2016;
  f.tz = "America/Toronto";
  f.batch_size = 1000;
  f.concurrency = 8;
  f.max_rps = 12.5;
  f.truncate = "500,2000";
  f.progress = "json";
  f.legacy_types = f.restart = f.sync_users = f.profile = true;
  f.from_file = "dump.jsonl";
  f.users_file = "users.jsonl";
  auto config = ResolveRunFlags(f, Env());
  ASSERT_TRUE(config.has_value()) << config.error().message;
  const RunOptions& o = config->options;
  EXPECT_EQ(o.years.size(), 9u);
  EXPECT_EQ(o.years.front(), 2016);
  EXPECT_EQ(o.tz, "America/Toronto");
  EXPECT_EQ(o.batch_size, 1000);
  EXPECT_EQ(o.concurrency, 8);
  EXPECT_EQ(o.truncate, std::make_pair(500, 2000));
  EXPECT_TRUE(o.legacy_types && o.restart && o.profile);
  EXPECT_EQ(config->max_rps, 12.5);
  EXPECT_EQ(config->progress, ProgressMode::kJson);
  EXPECT_EQ(config->from_file, "dump.jsonl");
  EXPECT_EQ(config->users_file, "users.jsonl");
  EXPECT_EQ(config->api_url, "");  // no API with --from-file
}

TEST(ResolveRunFlags, ErrorsSayWhatToDo) {
  EXPECT_NE(Error(Years("20x6")).find("'20x6' is not a year"), std::string::npos);
  RunFlags both = Years("2024");
  both.start_year = 2016;
  EXPECT_NE(Error(both).find("use one of them"), std::string::npos);
  EXPECT_NE(Error(RunFlags{}).find("--years"), std::string::npos);

  RunFlags f = Years("2024");
  f.batch_size = 0;
  EXPECT_NE(Error(f).find("--batch-size 0"), std::string::npos);
  f = Years("2024");
  f.concurrency = -1;
  EXPECT_NE(Error(f).find("--concurrency -1"), std::string::npos);
  f = Years("2024");
  f.max_rps = -3;
  EXPECT_NE(Error(f).find("--max-rps"), std::string::npos);
  f = Years("2024");
  f.progress = "bar";
  EXPECT_NE(Error(f).find("choose auto, line, log, json or quiet"), std::string::npos);
  f = Years("2024");
  f.tz = "Mars/Olympus";
  EXPECT_NE(Error(f).find("America/Toronto"), std::string::npos);
  f = Years("2024");
  f.truncate = "500";
  EXPECT_NE(Error(f).find("--truncate 500,2000"), std::string::npos);
  f = Years("2024");
  f.from_file = "dump.jsonl";
  f.api = "http://localhost:1";
  EXPECT_NE(Error(f).find("--from-file"), std::string::npos);
}

TEST(ResolveRunFlags, BadUrlsAreUsageErrorsWithoutSecrets) {
  RunFlags f = Years("2024");
  f.db = "mysql://root:hunter2@db/x";
  std::string message = Error(f);
  EXPECT_NE(message.find("'mysql' databases are not supported"), std::string::npos) << message;
  EXPECT_NE(message.find("postgresql://"), std::string::npos);
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  f = Years("2024");
  f.db = "sqlite:";
  EXPECT_NE(Error(f).find("needs a file path"), std::string::npos);
  f = Years("2024");
  f.api = "ftp://example.com";
  EXPECT_FALSE(Error(f).empty());
  f = Years("2024");
  f.api = "not a url";
  EXPECT_FALSE(Error(f).empty());
}

// --db is parsed once into its dialect; every sink of a command is built from it.
TEST(ParseDbUrl, AcceptedSpellingsGiveTheirDialect) {
  struct Case {
    const char* url;
    Dialect dialect;
    const char* described;
  };
  for (const Case& c : {Case{"sqlite:gazelle.db", Dialect::kSqlite, "sqlite:gazelle.db"},
                        Case{"gazelle.db", Dialect::kSqlite, "sqlite:gazelle.db"},
                        Case{"/var/lib/gazelle.db", Dialect::kSqlite, "sqlite:/var/lib/gazelle.db"},
                        Case{"sqlite:///var/x.db", Dialect::kSqlite, "sqlite:/var/x.db"},
                        Case{"C:/data/x.db", Dialect::kSqlite, "sqlite:C:/data/x.db"},
                        Case{"postgresql://u@h:5432/db?sslmode=require", Dialect::kPostgres,
                             "postgresql://u@h:5432/db?sslmode=require"},
                        Case{"postgres://u@h/db", Dialect::kPostgres, "postgres://u@h/db"}}) {
    auto db = ParseDbUrl(c.url);
    ASSERT_TRUE(db.has_value()) << c.url;
    EXPECT_EQ((*db)->dialect(), c.dialect) << c.url;
    EXPECT_EQ((*db)->Describe(), c.described) << c.url;
    EXPECT_EQ((*db)->OpenDestination()->Describe(), c.described) << c.url;
    EXPECT_EQ((*db)->OpenStatusReader()->Describe(), c.described) << c.url;
    EXPECT_EQ((*db)->OpenVerifyReader()->Describe(), c.described) << c.url;
    EXPECT_EQ((*db)->OpenRejectsStore()->Describe(), c.described) << c.url;
  }
}

TEST(ParseDbUrl, RefusalsSayWhatToWriteWithoutThePassword) {
  auto empty = ParseDbUrl("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message,
            "--db is empty; use sqlite:PATH, a file path, or postgresql://user@host:5432/dbname.");
  auto bare = ParseDbUrl("sqlite:");
  ASSERT_FALSE(bare.has_value());
  EXPECT_EQ(bare.error().message, "--db sqlite: needs a file path, such as sqlite:gazelle.db.");
  auto mysql = ParseDbUrl("mysql://root:hunter2secret@db/x");
  ASSERT_FALSE(mysql.has_value());
  EXPECT_EQ(mysql.error().kind, ErrorKind::kConfig);
  EXPECT_NE(mysql.error().message.find("'mysql' databases are not supported"), std::string::npos)
      << mysql.error().message;
  EXPECT_EQ(mysql.error().message.find("hunter2secret"), std::string::npos);
  auto mssql = ParseDbUrl("mssql:server");
  ASSERT_FALSE(mssql.has_value());
  EXPECT_NE(mssql.error().message.find("'mssql' databases"), std::string::npos);
}

TEST(ParseDbUrl, ThePasswordOfAPostgresUrlIsNeverShown) {
  auto db = ParseDbUrl("postgresql://app:s3cr3t-pw@h/db");
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ((*db)->Describe().find("s3cr3t-pw"), std::string::npos) << (*db)->Describe();
  EXPECT_EQ(RedactSecrets("connection failed for s3cr3t-pw").find("s3cr3t-pw"), std::string::npos);
}

TEST(ParseTruncate, TitleAndDescription) {
  EXPECT_EQ(ParseTruncate("500,2000").value(), std::make_pair(500, 2000));
  EXPECT_FALSE(ParseTruncate("500,").has_value());
  EXPECT_FALSE(ParseTruncate("0,2000").has_value());
  EXPECT_FALSE(ParseTruncate("a,b").has_value());
  EXPECT_FALSE(ParseTruncate("").has_value());
}

}  // namespace
}  // namespace gb::cli
