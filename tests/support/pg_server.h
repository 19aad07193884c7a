// A throwaway PostgreSQL 15 cluster (and optionally a pgbouncer in
// transaction-pooling mode in front of it) for integration tests.
//
// The cluster lives in a fresh /tmp/gb-pg-XXXXXX owned by `postgres` (initdb
// refuses root), listens on 127.0.0.1 at a random free port plus a unix
// socket in that directory, trusts every local connection and accepts TLS
// (self-signed), so `sslmode=require` URLs work. It is torn down (immediate
// stop, rm -rf) by the destructor, and by a watchdog process when the test
// binary dies any other way (crash, kill -9, ctest timeout); directories left
// by a previous run whose owner is gone are reaped on the next start.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <memory>
#include <string>

#include "core/error.h"
#include "support/temp_dir.h"

namespace gb::test {

struct PgServerOptions {
  bool fsync = true;     // off only where a suite needs speed, never in benchmarks
  bool bouncer = false;  // start pgbouncer (pool_mode=transaction) in front
  int max_connections = 100;
  // TLS with a server certificate (127.0.0.1, localhost) signed by a CA made
  // for this server (support/test_ca.h), so clients can use
  // sslmode=verify-full with sslrootcert=ca_file(). Default: self-signed.
  bool test_ca = false;
};

class PgServer {
 public:
  explicit PgServer(PgServerOptions options = {});
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // False when the server could not start; error() says why (with the log tail).
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  int port() const { return port_; }
  int bouncer_port() const { return bouncer_port_; }
  const std::string& dir() const { return dir_->path(); }

  // postgresql://postgres@127.0.0.1:PORT/db (and through pgbouncer).
  std::string Url(const std::string& db = "postgres") const;
  std::string BouncerUrl(const std::string& db = "postgres") const;
  // test_ca mode: the CA certificate clients must trust, and
  // Url(db) + "?sslmode=verify-full&sslrootcert=<ca_file()>".
  const std::string& ca_file() const { return ca_file_; }
  std::string VerifyFullUrl(const std::string& db = "postgres") const;

  Status CreateDatabase(const std::string& name);
  // Runs `sql` (one or more statements) directly, not through pgbouncer.
  Status Exec(const std::string& sql, const std::string& db = "postgres");
  // First column of the first row as text ("" for NULL); kData when no row.
  Result<std::string> QueryValue(const std::string& sql, const std::string& db = "postgres");

  // Fast restart of the cluster (same port); pgbouncer stays up.
  Status Restart();
  // Stops pgbouncer and the cluster (immediate). Idempotent.
  void Stop();

  // One server per test binary (fsync off, pgbouncer on), started on first use.
  static PgServer& Shared();

 private:
  Status Start();
  Status InitCluster();
  Status InstallTestCa();
  Status StartCluster();
  Status StartBouncer();
  Status WaitReady(const std::string& url);
  void StartWatchdog();
  std::string LogTail(const std::string& file) const;

  PgServerOptions options_;
  std::unique_ptr<TempDir> dir_;
  std::string error_;
  int port_ = 0;
  int bouncer_port_ = 0;
  int watchdog_fd_ = -1;  // closing it tells the watchdog to clean up
  pid_t watchdog_pid_ = 0;
  bool running_ = false;
  std::string ca_file_;
};

// Each test gets its own database on the shared server.
class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  PgServer& server() { return PgServer::Shared(); }
  const std::string& db() const { return db_; }
  std::string url() const { return PgServer::Shared().Url(db_); }
  std::string bouncer_url() const { return PgServer::Shared().BouncerUrl(db_); }

 private:
  std::string db_;
};

}  // namespace gb::test
