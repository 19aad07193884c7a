#include "sink/sqlite/sqlite_error.h"

#include <sqlite3.h>

#include <string>

namespace gb {
namespace {

ErrorKind Classify(int code, std::string_view message) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::kTransient;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
      return ErrorKind::kData;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
      return ErrorKind::kConfig;
    case SQLITE_ERROR:
      // A schema mismatch ("no such column") needs the user; other errors are ours.
      if (message.find("no such") != std::string_view::npos ||
          message.find("has no column") != std::string_view::npos) {
        return ErrorKind::kConfig;
      }
      if (message.find("malformed JSON") != std::string_view::npos) return ErrorKind::kData;
      return ErrorKind::kPermanent;
    default:
      return ErrorKind::kPermanent;  // FULL, IOERR, READONLY, PERM, CORRUPT, ...
  }
}

ViolationKind ClassifyViolation(int code) {
  switch (code) {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ViolationKind::kMissingReference;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ViolationKind::kUniqueViolation;
    case SQLITE_CONSTRAINT_NOTNULL:
      return ViolationKind::kNotNull;
    case SQLITE_CONSTRAINT_CHECK:
      return ViolationKind::kCheck;
    default:
      return ViolationKind::kBadData;
  }
}

}  // namespace

Error SqliteError(std::string_view doing, int extended_code, std::string_view message) {
  ErrorKind kind = Classify(extended_code, message);
  std::string text = std::string(doing) + ": " + std::string(message);
  if ((extended_code & 0xff) == SQLITE_FULL)
    text += " (the disk is full; free space and run again)";
  Error error{kind, std::move(text), sqlite3_errstr(extended_code)};
  if (kind == ErrorKind::kData) error.violation.kind = ClassifyViolation(extended_code);
  return error;
}

}  // namespace gb
