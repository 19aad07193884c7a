#include "core/exit_status.h"

namespace gb {

ExitCode ExitCodeForSource(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConfig:
      return ExitCode::kUsage;
    case ErrorKind::kAuth:
      return ExitCode::kAuth;
    case ErrorKind::kInternal:
      return ExitCode::kInternal;
    default:
      return ExitCode::kSourceUnreachable;
  }
}

ExitCode ExitCodeForDestination(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConfig:
      return ExitCode::kUsage;
    case ErrorKind::kInternal:
      return ExitCode::kInternal;
    default:
      return ExitCode::kDestinationUnreachable;
  }
}

ExitCode ExitCodeForLocalError(ErrorKind kind) {
  return kind == ErrorKind::kInternal ? ExitCode::kInternal : ExitCode::kUsage;
}

ExitCode ExitCodeForRunError(ErrorKind kind, RunStep step) {
  switch (kind) {
    case ErrorKind::kAuth:
      return ExitCode::kAuth;
    case ErrorKind::kConfig:
      return ExitCode::kUsage;
    case ErrorKind::kTransient:
    case ErrorKind::kRateLimited:
      switch (step) {
        case RunStep::kSource:
          return ExitCode::kSourceUnreachable;
        case RunStep::kDestination:
          return ExitCode::kDestinationUnreachable;
        case RunStep::kLoading:
          return ExitCode::kStopped;
      }
      return ExitCode::kStopped;
    case ErrorKind::kInternal:
      return ExitCode::kInternal;
    default:
      return ExitCode::kStopped;
  }
}

ExitCode ExitCodeForRunEnd(RunEnd end, int64_t rejected) {
  switch (end) {
    case RunEnd::kDone:
      return rejected > 0 ? ExitCode::kDoneWithRejects : ExitCode::kOk;
    case RunEnd::kCompleteAlready:
      return ExitCode::kOk;
    case RunEnd::kStopped:
      return ExitCode::kStopped;
    case RunEnd::kRefused:
      return ExitCode::kUsage;
    case RunEnd::kConflict:
      return ExitCode::kRunConflict;
  }
  return ExitCode::kInternal;
}

ExitCode ExitCodeForVerify(bool matches) { return matches ? ExitCode::kOk : ExitCode::kMismatch; }

ExitCode ExitCodeForCheck(CheckVerdict verdict) {
  switch (verdict) {
    case CheckVerdict::kHealthy:
      return ExitCode::kOk;
    case CheckVerdict::kSlow:
      return ExitCode::kCheckSlow;
    case CheckVerdict::kStalled:
      return ExitCode::kCheckStalled;
    case CheckVerdict::kFailed:
      return ExitCode::kCheckFailed;
    case CheckVerdict::kRejects:
      return ExitCode::kCheckRejects;
    case CheckVerdict::kNoRun:
      return ExitCode::kCheckNoRun;
    case CheckVerdict::kStale:
      return ExitCode::kCheckStale;
    case CheckVerdict::kUnreachable:
      return ExitCode::kDestinationUnreachable;
  }
  return ExitCode::kInternal;
}

ExitCode ExitCodeForDoctor(bool has_problems) {
  return has_problems ? ExitCode::kDoctorProblems : ExitCode::kOk;
}

}  // namespace gb
