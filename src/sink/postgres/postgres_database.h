// A PostgreSQL database named by --db (a postgresql:// URL): builds the
// PostgreSQL sinks on that URL, and shows it with its password removed.
#pragma once

#include <string>

#include "sink/database.h"

namespace gb {

class PostgresDatabase final : public Database {
 public:
  // Registers the URL's password (if any) as a secret.
  explicit PostgresDatabase(std::string url);
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return described_; }
  std::unique_ptr<Destination> OpenDestination() const override;
  std::unique_ptr<StatusReader> OpenStatusReader() const override;
  std::unique_ptr<VerifyReader> OpenVerifyReader() const override;
  std::unique_ptr<RejectsStore> OpenRejectsStore() const override;
  std::unique_ptr<SyncStore> OpenSyncStore() const override;
  std::unique_ptr<DestinationAuditor> OpenAuditor() const override;

 private:
  std::string url_;
  std::string described_;
};

}  // namespace gb
