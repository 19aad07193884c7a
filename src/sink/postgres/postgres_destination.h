// A PostgreSQL destination (direct, TLS via sslmode, or through a
// transaction-pooling pgbouncer): a factory of PostgresSessions.
#pragma once

#include <string>

#include "sink/destination.h"

namespace gb {

class PostgresDestination final : public Destination {
 public:
  // `url` is postgresql://... or postgres://...; its password, if any, is
  // registered as a secret so no error can show it.
  explicit PostgresDestination(std::string url);
  Result<std::unique_ptr<Session>> Connect() override;
  std::string Describe() const override;
  bool ConcurrentWriters() const override { return true; }

 private:
  std::string url_;
};

}  // namespace gb
