// A PostgreSQL destination (direct, TLS via sslmode, or through a
// transaction-pooling pgbouncer): a factory of PostgresSessions.
#pragma once

#include <string>

#include "sink/destination.h"

namespace gb {

class PostgresDestination final : public Destination {
 public:
  // `url` is postgresql://... or postgres://... (built by PostgresDatabase,
  // which registered its password as a secret); `described` is it redacted.
  PostgresDestination(std::string url, std::string described)
      : url_(std::move(url)), described_(std::move(described)) {}
  Result<std::unique_ptr<Session>> Connect() override;
  std::string Describe() const override { return described_; }
  bool ConcurrentWriters() const override { return true; }

 private:
  std::string url_;
  std::string described_;
};

}  // namespace gb
