#include "sink/sqlstate.h"

#include "core/redact.h"

namespace gb {

ErrorKind ClassifySqlState(std::string_view s) {
  if (s.size() != 5) return ErrorKind::kTransient;  // no SQLSTATE: the connection broke
  std::string_view cls = s.substr(0, 2);
  if (cls == "08" || s == "57P01" || s == "57P02" || s == "57P03" || s == "40001" || s == "40P01" ||
      s == "53300" || s == "55P03" || s == "57014") {
    return ErrorKind::kTransient;
  }
  if (cls == "23" || cls == "22" || s == "21000") return ErrorKind::kData;
  if (cls == "28") return ErrorKind::kAuth;
  if (s == "42703" || s == "42P01" || s == "42883" || s == "3D000" || s == "42704") {
    return ErrorKind::kConfig;
  }
  if (s == "42501" || cls == "53" || cls == "58" || cls == "XX") return ErrorKind::kPermanent;
  if (cls == "42") return ErrorKind::kConfig;  // the schema is not what we expect
  return ErrorKind::kPermanent;
}

Violation ClassifyViolation(std::string_view s, std::string_view constraint,
                            std::string_view column) {
  Violation v;
  v.constraint = constraint;
  v.column = column;
  if (s == "23503") {
    v.kind = ViolationKind::kMissingReference;
  } else if (s == "23505") {
    v.kind = ViolationKind::kUniqueViolation;
  } else if (s == "23502") {
    v.kind = ViolationKind::kNotNull;
  } else if (s == "23514") {
    v.kind = ViolationKind::kCheck;
  } else if (s.size() == 5 && (s.starts_with("23") || s.starts_with("22") || s == "21000")) {
    v.kind = ViolationKind::kBadData;
  } else {
    return Violation{};
  }
  return v;
}

Error SqlError(std::string_view doing, std::string_view sqlstate, std::string_view message) {
  std::string msg(message);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  ErrorKind kind = ClassifySqlState(sqlstate);
  std::string text = std::string(doing) + ": " + msg;
  if (sqlstate == "42501") {
    text += " (grant the database user the needed privileges, then run the same command again)";
  } else if (sqlstate == "53100") {
    text += " (the database disk is full; free space, then run the same command again)";
  } else if (kind == ErrorKind::kConfig) {
    text += " (the destination schema differs from what gazelle-backfill expects)";
  }
  return Error{kind, RedactSecrets(std::move(text)), std::string(sqlstate)};
}

}  // namespace gb
