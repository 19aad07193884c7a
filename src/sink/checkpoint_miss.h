// Why a checkpoint save matched no unit row, told apart from where the unit
// stands now: this batch is already committed (an earlier attempt's COMMIT went
// through but its acknowledgement was lost), or another worker owns the unit.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "sink/destination.h"

namespace gb {

// A unit's checkpoint as stored (unit_progress.sql).
struct UnitProgress {
  int64_t fetched = 0;
  std::string cursor;
  std::optional<std::string> lease_owner;
  std::string state;
};

// The error SaveProgress returns: kAlreadySavedCode or kLostLeaseCode.
// `now` is empty when the unit row is gone (a --restart by someone else).
Error CheckpointMiss(const Checkpoint& cp, const std::optional<UnitProgress>& now);

}  // namespace gb
