// Every command's exit code is decided here, from what the command came to:
// an error and where it was met, how a run ended, a verify result, a
// `watch --check` verdict, doctor's findings. The codes themselves and their
// meaning are core/exit_code.h (README "Exit codes"); no command picks one
// for an outcome on its own.
#pragma once

#include <cstdint>

#include "core/error.h"
#include "core/exit_code.h"

namespace gb {

// An error met outside a run: opening or asking the source (credentials, the
// API or the file, verify's counts, a token refresh) -> 2 config, 5 auth,
// 1 internal, otherwise 6; opening or reading the destination -> 2 config,
// 1 internal, otherwise 7.
ExitCode ExitCodeForSource(ErrorKind kind);
ExitCode ExitCodeForDestination(ErrorKind kind);

// A file, port or random source of this machine that a command needs
// (token login's state, token file, loopback port): 1 internal, otherwise 2.
ExitCode ExitCodeForLocalError(ErrorKind kind);

// Where a run met the error that ended it.
enum class RunStep {
  kSource,       // asking the source: users, plan, comparing a finished run
  kDestination,  // preparing the destination: schema, users
  kLoading,      // the streams and the closing check, once loading has begun
};

// 5 auth, 2 config, 1 internal; transient or rate-limited: the step's side is
// unreachable (6 source, 7 destination; 4 once loading: rerun resumes);
// otherwise (a permanent error) 4.
ExitCode ExitCodeForRunError(ErrorKind kind, RunStep step);

// How a run ended short of an error (also `rejects --retry`).
enum class RunEnd {
  kDone,             // every unit loaded: 0, or 3 with rows rejected
  kCompleteAlready,  // the range was already loaded and still matches the source: 0
  kStopped,          // a signal, the source changing, the bookkeeping failing: 4
  kRefused,          // options that cannot run (time zone, no year): 2
  kConflict,         // an unfinished run with other parameters: 9
};

ExitCode ExitCodeForRunEnd(RunEnd end, int64_t rejected = 0);

// verify: 0 when source and destination match, 8 otherwise.
ExitCode ExitCodeForVerify(bool matches);

// `watch --check`'s verdict on the latest run (monitor/run_health_check.h).
enum class CheckVerdict {
  kHealthy,
  kSlow,
  kStalled,
  kFailed,
  kRejects,
  kNoRun,
  kUnreachable,
  kStale
};

// 0, 10 slow, 11 stalled, 12 failed, 13 rejects, 14 no run, 7 unreachable, 16 stale.
ExitCode ExitCodeForCheck(CheckVerdict verdict);

// doctor, once the destination answered: 15 when a finding must be fixed, else 0.
ExitCode ExitCodeForDoctor(bool has_problems);

}  // namespace gb
