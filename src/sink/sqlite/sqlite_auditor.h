// doctor for the embedded SQLite destination: a file has no network API, no
// TLS, pooler or roles; what matters is that the file (or, before the first
// run, its directory) is readable and writable by this user and no other.
// Read only: a missing file is not created.
#pragma once

#include <string>

#include "sink/destination_audit.h"

namespace gb {

class SqliteAuditor final : public DestinationAuditor {
 public:
  explicit SqliteAuditor(std::string path) : path_(std::move(path)) {}
  AuditReport Audit(const AuditOptions& options) override;

 private:
  void CheckFile(AuditReport& report);
  std::string path_;
};

}  // namespace gb
