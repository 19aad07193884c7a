#include "sink/postgres/postgres_database.h"

#include <libpq-fe.h>

#include "core/redact.h"
#include "sink/postgres/pg_auditor.h"
#include "sink/postgres/pg_rejects_store.h"
#include "sink/postgres/pg_status_reader.h"
#include "sink/postgres/pg_sync_store.h"
#include "sink/postgres/pg_verify_reader.h"
#include "sink/postgres/postgres_destination.h"

namespace gb {

PostgresDatabase::PostgresDatabase(std::string url) : url_(std::move(url)) {
  char* err = nullptr;
  if (PQconninfoOption* opts = PQconninfoParse(url_.c_str(), &err)) {
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val != nullptr) RegisterSecret(o->val);
    }
    PQconninfoFree(opts);
  }
  if (err != nullptr) PQfreemem(err);
  described_ = RedactUrl(url_);
}

std::unique_ptr<Destination> PostgresDatabase::OpenDestination() const {
  return std::make_unique<PostgresDestination>(url_, described_);
}

std::unique_ptr<StatusReader> PostgresDatabase::OpenStatusReader() const {
  return std::make_unique<PgStatusReader>(url_, described_);
}

std::unique_ptr<VerifyReader> PostgresDatabase::OpenVerifyReader() const {
  return std::make_unique<PgVerifyReader>(url_, described_);
}

std::unique_ptr<SyncStore> PostgresDatabase::OpenSyncStore() const {
  return std::make_unique<PgSyncStore>(url_);
}

std::unique_ptr<RejectsStore> PostgresDatabase::OpenRejectsStore() const {
  return std::make_unique<PgRejectsStore>(url_, described_);
}

std::unique_ptr<DestinationAuditor> PostgresDatabase::OpenAuditor() const {
  return std::make_unique<PgAuditor>(url_, described_);
}

}  // namespace gb
