// Every outcome a command can come to, and the exit code README "Exit codes"
// documents for it: one table, read against core/exit_status.h.
#include "core/exit_status.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace gb {
namespace {

struct Case {
  std::string outcome;
  std::function<ExitCode()> decide;
  int expected;
};

ExitCode Source(ErrorKind k) { return ExitCodeForSource(k); }
ExitCode Destination(ErrorKind k) { return ExitCodeForDestination(k); }
ExitCode Run(ErrorKind k, RunStep step) { return ExitCodeForRunError(k, step); }

std::vector<Case> Table() {
  using K = ErrorKind;
  using S = RunStep;
  return {
      // Outside a run: the source (credentials, API, file, verify's counts, token refresh).
      {"source: bad URL or file", [] { return Source(K::kConfig); }, 2},
      {"source: credentials refused", [] { return Source(K::kAuth); }, 5},
      {"source: a bug", [] { return Source(K::kInternal); }, 1},
      {"source: unreachable", [] { return Source(K::kTransient); }, 6},
      {"source: rate limited", [] { return Source(K::kRateLimited); }, 6},
      {"source: GraphQL errors", [] { return Source(K::kPermanent); }, 6},
      {"source: bad data", [] { return Source(K::kData); }, 6},
      // Outside a run: the destination (--db, connecting, reading).
      {"destination: bad URL", [] { return Destination(K::kConfig); }, 2},
      {"destination: a bug", [] { return Destination(K::kInternal); }, 1},
      {"destination: unreachable", [] { return Destination(K::kTransient); }, 7},
      {"destination: password refused", [] { return Destination(K::kAuth); }, 7},
      {"destination: permission denied", [] { return Destination(K::kPermanent); }, 7},
      // This machine's files and ports (token login).
      {"local: port taken", [] { return ExitCodeForLocalError(K::kConfig); }, 2},
      {"local: no randomness", [] { return ExitCodeForLocalError(K::kInternal); }, 1},
      // A run's errors, by step.
      {"run, source: auth", [] { return Run(K::kAuth, S::kSource); }, 5},
      {"run, source: config", [] { return Run(K::kConfig, S::kSource); }, 2},
      {"run, source: unreachable", [] { return Run(K::kTransient, S::kSource); }, 6},
      {"run, source: rate limited", [] { return Run(K::kRateLimited, S::kSource); }, 6},
      {"run, source: permanent", [] { return Run(K::kPermanent, S::kSource); }, 4},
      {"run, source: a bug", [] { return Run(K::kInternal, S::kSource); }, 1},
      {"run, destination: auth", [] { return Run(K::kAuth, S::kDestination); }, 5},
      {"run, destination: unreachable", [] { return Run(K::kTransient, S::kDestination); }, 7},
      {"run, destination: schema differs", [] { return Run(K::kConfig, S::kDestination); }, 2},
      {"run, destination: disk full", [] { return Run(K::kPermanent, S::kDestination); }, 4},
      {"run, loading: connection lost", [] { return Run(K::kTransient, S::kLoading); }, 4},
      {"run, loading: permanent", [] { return Run(K::kPermanent, S::kLoading); }, 4},
      {"run, loading: data", [] { return Run(K::kData, S::kLoading); }, 4},
      {"run, loading: token revoked", [] { return Run(K::kAuth, S::kLoading); }, 5},
      {"run, loading: a bug", [] { return Run(K::kInternal, S::kLoading); }, 1},
      // How a run (or rejects --retry) ended.
      {"run done", [] { return ExitCodeForRunEnd(RunEnd::kDone); }, 0},
      {"run done with rejects", [] { return ExitCodeForRunEnd(RunEnd::kDone, 12); }, 3},
      {"range complete already", [] { return ExitCodeForRunEnd(RunEnd::kCompleteAlready); }, 0},
      {"run stopped", [] { return ExitCodeForRunEnd(RunEnd::kStopped, 5); }, 4},
      {"run refused: bad time zone", [] { return ExitCodeForRunEnd(RunEnd::kRefused); }, 2},
      {"unfinished run differs", [] { return ExitCodeForRunEnd(RunEnd::kConflict); }, 9},
      // verify.
      {"verify matches", [] { return ExitCodeForVerify(true); }, 0},
      {"verify differs", [] { return ExitCodeForVerify(false); }, 8},
      // watch --check.
      {"check: healthy", [] { return ExitCodeForCheck(CheckVerdict::kHealthy); }, 0},
      {"check: slow", [] { return ExitCodeForCheck(CheckVerdict::kSlow); }, 10},
      {"check: stalled", [] { return ExitCodeForCheck(CheckVerdict::kStalled); }, 11},
      {"check: failed", [] { return ExitCodeForCheck(CheckVerdict::kFailed); }, 12},
      {"check: rejects", [] { return ExitCodeForCheck(CheckVerdict::kRejects); }, 13},
      {"check: no run", [] { return ExitCodeForCheck(CheckVerdict::kNoRun); }, 14},
      {"check: unreachable", [] { return ExitCodeForCheck(CheckVerdict::kUnreachable); }, 7},
      // doctor.
      {"doctor: ready", [] { return ExitCodeForDoctor(false); }, 0},
      {"doctor: a finding to fix", [] { return ExitCodeForDoctor(true); }, 15},
  };
}

TEST(ExitStatusTest, EveryOutcomeHasItsDocumentedCode) {
  for (const Case& c : Table()) EXPECT_EQ(ToInt(c.decide()), c.expected) << c.outcome;
}

}  // namespace
}  // namespace gb
