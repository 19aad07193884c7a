#include "sink/postgres/pg_lazy_connection.h"

namespace gb {

Result<PgConnection*> PgLazyConnection::Get() {
  if (conn_ && conn_->broken()) conn_.reset();
  if (!conn_) {
    auto conn = PgConnection::Open(url_);
    if (!conn) return tl::unexpected(conn.error());
    conn_ = std::move(*conn);
  }
  return conn_.get();
}

Result<PgResult> PgLazyConnection::Exec(std::string_view doing, std::string_view sql,
                                        const std::vector<PgParam>& params) {
  auto conn = Get();
  if (!conn) return tl::unexpected(conn.error());
  return (*conn)->Exec(doing, sql, params);
}

}  // namespace gb
