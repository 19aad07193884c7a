// The documented exit codes of every command (README "Exit codes").
#pragma once

namespace gb {

enum class ExitCode : int {
  kOk = 0,               // done; range complete; healthy
  kInternal = 1,         // a bug or an unexpected failure
  kUsage = 2,            // bad flag, URL, year range, config file
  kDoneWithRejects = 3,  // finished; some rows are in the rejects table
  kStopped = 4,          // stopped before the end (signal, permanent error); rerun resumes
  kAuth = 5,             // credentials missing, invalid or not refreshable
  kSourceUnreachable = 6,
  kDestinationUnreachable = 7,
  kMismatch = 8,     // verify: source and destination differ
  kRunConflict = 9,  // another run with other parameters is unfinished (use --restart)
  // watch --check
  kCheckSlow = 10,
  kCheckStalled = 11,
  kCheckFailed = 12,
  kCheckRejects = 13,
  kCheckNoRun = 14,
  // doctor
  kDoctorProblems = 15,  // a finding must be fixed before the first load
  // watch --check, of a destination kept current by sync: the schedule is
  // late, or the last success or the newest entry older than asked
  kCheckStale = 16,
};

inline int ToInt(ExitCode code) { return static_cast<int>(code); }

}  // namespace gb
