// The destination the user named (--db / DATABASE_URL), parsed once into its
// dialect: every sink a command needs (the loader's destination, the status
// and verify readers, the rejects store, the auditor) is built from this one
// value, so no factory parses a URL or a display string again.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "sink/destination.h"
#include "sink/destination_audit.h"
#include "sink/rejects_store.h"
#include "sink/status_reader.h"
#include "sink/sync_store.h"
#include "sink/verify_reader.h"

namespace gb {

enum class Dialect { kSqlite, kPostgres };

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // "sqlite:gazelle.db" or "postgresql://user@host:5432/db" (password removed).
  virtual std::string Describe() const = 0;
  // None of these connects: a sink connects when first used.
  virtual std::unique_ptr<Destination> OpenDestination() const = 0;
  virtual std::unique_ptr<StatusReader> OpenStatusReader() const = 0;
  virtual std::unique_ptr<VerifyReader> OpenVerifyReader() const = 0;
  virtual std::unique_ptr<RejectsStore> OpenRejectsStore() const = 0;
  virtual std::unique_ptr<SyncStore> OpenSyncStore() const = 0;
  virtual std::unique_ptr<DestinationAuditor> OpenAuditor() const = 0;
};

// Why a --db value names no database (Error::code of ParseDatabase's kConfig
// errors), for the command line to say it in the user's language: nothing
// given, "sqlite:" without a path, a scheme other than sqlite/postgres[ql]
// (the scheme is what precedes the first ':').
inline constexpr std::string_view kDbEmpty = "db_empty";
inline constexpr std::string_view kDbSqliteWithoutPath = "db_sqlite_without_path";
inline constexpr std::string_view kDbUnsupportedScheme = "db_unsupported_scheme";

// "sqlite:PATH", a plain path, "postgresql://…" or "postgres://…"; a kConfig
// error that says what is accepted for anything else. A password in the URL
// is registered as a secret here (never printed afterwards).
Result<std::unique_ptr<Database>> ParseDatabase(const std::string& url);

}  // namespace gb
