#include "core/redact.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

TEST(Redact, RemovesPasswordFromUrl) {
  EXPECT_EQ(RedactUrl("postgresql://app:s3cr3t@db.example.com:5432/prod?sslmode=require"),
            "postgresql://app:***@db.example.com:5432/prod?sslmode=require");
  EXPECT_EQ(RedactUrl("postgresql://db/prod?user=app&password=hunter22&sslmode=require"),
            "postgresql://db/prod?user=app&password=***&sslmode=require");
}

TEST(Redact, LeavesUrlsWithoutSecretsAlone) {
  EXPECT_EQ(RedactUrl("postgresql://app@db:5432/prod"), "postgresql://app@db:5432/prod");
  EXPECT_EQ(RedactUrl("sqlite:gazelle.db"), "sqlite:gazelle.db");
  EXPECT_EQ(RedactUrl("http://127.0.0.1:8080/graphql/private/"),
            "http://127.0.0.1:8080/graphql/private/");
}

TEST(Redact, PasswordWithAtSign) {
  EXPECT_EQ(RedactUrl("postgresql://app:p@ss@db/prod"), "postgresql://app:***@db/prod");
}

TEST(Redact, RegisteredSecretsAreReplacedEverywhere) {
  RegisterSecret("tok_abcdef123456");
  EXPECT_EQ(RedactSecrets("Bearer tok_abcdef123456 failed; tok_abcdef123456"),
            "Bearer *** failed; ***");
  EXPECT_EQ(RedactUrl("https://api/?x=tok_abcdef123456"), "https://api/?x=***");
}

}  // namespace
}  // namespace gb
