// OpenAuditor (declared in destination_audit.h): the same URLs as OpenDestination.
#include "sink/destination_audit.h"

#include <algorithm>

#include "sink/destination.h"
#include "sink/postgres/pg_auditor.h"
#include "sink/sqlite/sqlite_auditor.h"

namespace gb {

bool AuditReport::HasProblems() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kProblem; });
}

Result<std::unique_ptr<DestinationAuditor>> OpenAuditor(const std::string& url) {
  // OpenDestination validates the URL (and registers a password as a secret);
  // it does not connect.
  auto destination = OpenDestination(url);
  if (!destination) return tl::unexpected(destination.error());
  std::string described = (*destination)->Describe();
  if (described.rfind("sqlite:", 0) == 0) {
    return std::unique_ptr<DestinationAuditor>(
        std::make_unique<SqliteAuditor>(described.substr(7)));
  }
  return std::unique_ptr<DestinationAuditor>(std::make_unique<PgAuditor>(url, described));
}

}  // namespace gb
