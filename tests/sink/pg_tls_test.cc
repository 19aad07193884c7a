// TLS to PostgreSQL is verified for real: a cluster whose certificate is
// signed by a CA the test made (PgServer test_ca mode), reached with
// sslmode=verify-full through the product's own connection code — it connects
// with the right CA, and fails clearly (a configuration error saying what to
// fix, not a retried transient one) with a wrong CA or a wrong host name.
#include <gtest/gtest.h>

#include "sink/destination.h"
#include "support/pg_server.h"
#include "support/test_ca.h"

namespace gb::test {
namespace {

class PgTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PgServer(PgServerOptions{.test_ca = true}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static Result<std::unique_ptr<Session>> Connect(const std::string& url) {
    auto dest = OpenDestination(url);
    if (!dest) return tl::unexpected(dest.error());
    return (*dest)->Connect();
  }

  static PgServer* server_;
};

PgServer* PgTlsTest::server_ = nullptr;

TEST_F(PgTlsTest, VerifyFullWithTheRightCaConnectsOverTls) {
  ASSERT_TRUE(server_->ok()) << server_->error();
  ASSERT_FALSE(server_->ca_file().empty());
  auto session = Connect(server_->VerifyFullUrl());
  ASSERT_TRUE(session) << session.error().message;
  auto schema = (*session)->EnsureSchema({});
  EXPECT_TRUE(schema) << schema.error().message;
  // The server saw this very session over TLS.
  EXPECT_EQ(
      *server_->QueryValue("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                           "WHERE ssl AND application_name = 'gazelle-backfill'"),
      "1");
}

TEST_F(PgTlsTest, WrongCaFailsClearlyAsAConfigurationError) {
  ASSERT_TRUE(server_->ok()) << server_->error();
  TempDir dir("gb-wrong-ca-");
  auto other = MakeTestCa(dir.path(), "other");
  ASSERT_TRUE(other) << other.error().message;
  auto session = Connect(server_->Url() + "?sslmode=verify-full&sslrootcert=" + other->ca_cert);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().kind, ErrorKind::kConfig) << session.error().message;
  EXPECT_NE(session.error().message.find("certificate verify failed"), std::string::npos)
      << session.error().message;
  EXPECT_NE(session.error().message.find("sslrootcert"), std::string::npos)
      << session.error().message;  // says what to fix
}

TEST_F(PgTlsTest, HostNameNotInTheCertificateFails) {
  ASSERT_TRUE(server_->ok()) << server_->error();
  // The certificate names 127.0.0.1 and localhost: reach the same server under
  // another name (hostaddr connects, host is what the certificate must match).
  std::string url = server_->VerifyFullUrl();
  url.replace(url.find("127.0.0.1"), 9, "db.example.invalid");
  url += "&hostaddr=127.0.0.1";
  auto session = Connect(url);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().kind, ErrorKind::kConfig) << session.error().message;
}

TEST_F(PgTlsTest, VerifyFullWithoutAnyCaIsRefused) {
  ASSERT_TRUE(server_->ok()) << server_->error();
  // No sslrootcert and no ~/.postgresql/root.crt: libpq cannot verify, so it refuses.
  auto session = Connect(server_->Url() + "?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt");
  ASSERT_FALSE(session);
  EXPECT_NE(session.error().message.find("/nonexistent/ca.crt"), std::string::npos)
      << session.error().message;
}

}  // namespace
}  // namespace gb::test
