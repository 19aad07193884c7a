#include "sink/sqlite/sqlite_auditor.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sql/sqlite.h"

namespace gb {
namespace {

void Add(AuditReport& report, FindingId id, Severity severity,
         std::vector<std::string> values = {}) {
  report.findings.push_back(Finding{id, severity, std::move(values), std::nullopt, {}});
}

// Opens the file read-only and reads its header: "" when it is a database.
std::string DatabaseError(const std::string& path) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_exec(db, std::string(sql::sqlite::kDoctorSchemaVersion).c_str(), nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    error = db ? sqlite3_errmsg(db) : "out of memory";
  }
  sqlite3_close(db);
  return error;
}

}  // namespace

AuditReport SqliteAuditor::Audit(const AuditOptions&) {
  AuditReport report;
  report.destination = "sqlite:" + path_;
  CheckFile(report);
  Add(report, FindingId::kSqliteVersion, Severity::kNote, {sqlite3_libversion()});
  Add(report, FindingId::kSqliteNoApi, Severity::kOk);
  return report;
}

void SqliteAuditor::CheckFile(AuditReport& report) {
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) {
    std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    if (access(dir.c_str(), W_OK | X_OK) == 0) {
      Add(report, FindingId::kSqliteNewFile, Severity::kOk, {path_, dir});
    } else {
      Add(report, FindingId::kSqliteNotWritable, Severity::kProblem, {dir, std::strerror(errno)});
    }
    return;
  }
  if (access(path_.c_str(), R_OK | W_OK) != 0) {
    Add(report, FindingId::kSqliteNotWritable, Severity::kProblem, {path_, std::strerror(errno)});
    return;
  }
  if (std::string error = DatabaseError(path_); !error.empty()) {
    Add(report, FindingId::kSqliteNotDatabase, Severity::kProblem, {path_, error});
    return;
  }
  Add(report, FindingId::kSqliteFile, Severity::kOk, {path_});
  if ((st.st_mode & (S_IRGRP | S_IROTH)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    Add(report, FindingId::kSqliteReadableByOthers, Severity::kWarning, {path_, mode});
  }
}

}  // namespace gb
