#include "sink/sqlite/sqlite_database.h"

#include "sink/sqlite/sqlite_auditor.h"
#include "sink/sqlite/sqlite_destination.h"
#include "sink/sqlite/sqlite_rejects_store.h"
#include "sink/sqlite/sqlite_status_reader.h"
#include "sink/sqlite/sqlite_sync_store.h"
#include "sink/sqlite/sqlite_verify_reader.h"

namespace gb {

std::unique_ptr<Destination> SqliteDatabase::OpenDestination() const {
  return std::make_unique<SqliteDestination>(path_);
}

std::unique_ptr<StatusReader> SqliteDatabase::OpenStatusReader() const {
  return std::make_unique<SqliteStatusReader>(path_);
}

std::unique_ptr<VerifyReader> SqliteDatabase::OpenVerifyReader() const {
  return std::make_unique<SqliteVerifyReader>(path_);
}

std::unique_ptr<SyncStore> SqliteDatabase::OpenSyncStore() const {
  return std::make_unique<SqliteSyncStore>(path_);
}

std::unique_ptr<RejectsStore> SqliteDatabase::OpenRejectsStore() const {
  return std::make_unique<SqliteRejectsStore>(path_);
}

std::unique_ptr<DestinationAuditor> SqliteDatabase::OpenAuditor() const {
  return std::make_unique<SqliteAuditor>(path_);
}

}  // namespace gb
