#include "cli/run_flags.h"

#include <gtest/gtest.h>

#include <map>

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
  EXPECT_EQ(config->db_url, "sqlite:gazelle.db");
  EXPECT_EQ(config->api_url, "https://gazelleapp.io");
  EXPECT_EQ(config->token_file, "config/token.json");
  EXPECT_EQ(config->options.batch_size, 1000);
  EXPECT_EQ(config->options.tz, "UTC");
  EXPECT_FALSE(config->options.truncate.has_value());
  EXPECT_EQ(config->progress, ProgressMode::kAuto);
}

TEST(ResolveRunFlags, FlagsWinOverTheEnvironment) {
  std::map<std::string, std::string> vars = {{"DATABASE_URL", "postgresql://app@db/prod"},
                                             {"GAZELLE_API_URL", "http://127.0.0.1:8700"}};
  auto from_env = ResolveRunFlags(Years("2024"), Env(vars));
  ASSERT_TRUE(from_env.has_value()) << from_env.error().message;
  EXPECT_EQ(from_env->db_url, "postgresql://app@db/prod");
  EXPECT_EQ(from_env->api_url, "http://127.0.0.1:8700");
  RunFlags f = Years("2024");
  f.db = "sqlite:other.db";
  f.api = "http://localhost:9000/";
  auto from_flags = ResolveRunFlags(f, Env(vars));
  ASSERT_TRUE(from_flags.has_value()) << from_flags.error().message;
  EXPECT_EQ(from_flags->db_url, "sqlite:other.db");
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

TEST(CheckDatabaseUrl, AcceptedSpellings) {
  EXPECT_TRUE(CheckDatabaseUrl("sqlite:gazelle.db").has_value());
  EXPECT_TRUE(CheckDatabaseUrl("gazelle.db").has_value());
  EXPECT_TRUE(CheckDatabaseUrl("/var/lib/gazelle.db").has_value());
  EXPECT_TRUE(CheckDatabaseUrl("postgresql://u@h:5432/db?sslmode=require").has_value());
  EXPECT_TRUE(CheckDatabaseUrl("postgres://u@h/db").has_value());
  EXPECT_FALSE(CheckDatabaseUrl("").has_value());
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
