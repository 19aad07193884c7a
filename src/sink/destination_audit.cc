// AuditReport's verdict (declared in destination_audit.h).
#include "sink/destination_audit.h"

#include <algorithm>

namespace gb {

bool AuditReport::HasProblems() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kProblem; });
}

}  // namespace gb
