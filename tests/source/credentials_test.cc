#include "source/credentials.h"

#include <gtest/gtest.h>

#include <map>

#include "core/redact.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(DotEnvTest, ParsesQuotesCommentsAndExport) {
  auto env = ParseDotEnv(
      "# a comment\n"
      "\n"
      "GAZELLE_CLIENT_ID=abc123\n"
      "export GAZELLE_CLIENT_SECRET=\"s3cr#t \\\"quoted\\\"\"  # trailing\n"
      "SINGLE='lit\\n eral'\n"
      "UNQUOTED=value # comment\n"
      "HASH=a#b\n"
      "  SPACED = padded  \r\n"
      "EMPTY=\n"
      "not a line\n"
      "=novalue\n"
      "OPEN=\"never closed\n");
  EXPECT_EQ(env["GAZELLE_CLIENT_ID"], "abc123");
  EXPECT_EQ(env["GAZELLE_CLIENT_SECRET"], "s3cr#t \"quoted\"");
  EXPECT_EQ(env["SINGLE"], "lit\\n eral");
  EXPECT_EQ(env["UNQUOTED"], "value");
  EXPECT_EQ(env["HASH"], "a#b");
  EXPECT_EQ(env["SPACED"], "padded");
  EXPECT_EQ(env["EMPTY"], "");
  EXPECT_FALSE(env.count("OPEN"));
  EXPECT_EQ(env.size(), 7u);
}

TEST(CredentialsTest, EnvironmentWinsOverDotEnv) {
  testing::TempDir dir;
  std::string path = dir.Write(".env",
                               "GAZELLE_CLIENT_ID=file-id\n"
                               "GAZELLE_CLIENT_SECRET=file-secret-xyz\n");
  auto c = LoadCredentials(FakeEnv({{"GAZELLE_CLIENT_ID", "env-id"}}), path);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->client_id, "env-id");
  EXPECT_EQ(c->client_secret, "file-secret-xyz");
  EXPECT_TRUE(c->HasOAuthClient());
  EXPECT_EQ(c->api_key, "");
  EXPECT_EQ(RedactSecrets("secret=file-secret-xyz"), "secret=***");
}

TEST(CredentialsTest, ApiKeyOptionWinsAndMissingDotEnvIsFine) {
  auto c = LoadCredentials(FakeEnv({{"GAZELLE_API_KEY", "env-key-1"}}), "/nonexistent/.env",
                           "option-key-2");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->api_key, "option-key-2");
  EXPECT_FALSE(c->HasOAuthClient());
}

}  // namespace
}  // namespace gb
