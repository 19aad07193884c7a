// A PostgreSQL connection opened on first use and opened again after it
// broke: what the readers beside the loader (verify, sync's store, rejects)
// hold, so a lost connection costs one failed call, not the command.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sink/postgres/pg_connection.h"

namespace gb {

class PgLazyConnection {
 public:
  explicit PgLazyConnection(std::string url) : url_(std::move(url)) {}
  // The open connection (opened now when there is none, or it broke).
  Result<PgConnection*> Get();
  // One statement on it.
  Result<PgResult> Exec(std::string_view doing, std::string_view sql,
                        const std::vector<PgParam>& params = {});

 private:
  std::string url_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace gb
