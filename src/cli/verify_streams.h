// Which other streams `verify` checks: --streams when given, else the
// streams of the newest run (its stored parameters), else none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "streams/stream.h"

namespace gb::cli {

struct VerifiedSet {
  bool timeline = true;
  std::vector<const StreamModule*> streams;  // the others
};

// --streams when given, else the streams of the run verified (its stored
// parameters; the timeline alone for a run that stored none).
Result<VerifiedSet> VerifiedStreams(const std::string& flag,
                                    const std::optional<std::string>& run_params);

}  // namespace gb::cli
