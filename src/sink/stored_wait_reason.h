// A worker's WaitReason as the workers table keeps it, for both dialects: the
// code and one nullable column per field (NULL where the kind has none), and
// `reason`, which holds only the sentences earlier versions wrote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/wait_reason.h"

namespace gb {

struct StoredWaitReason {
  std::string legacy;  // the `reason` column: an earlier version's sentence, else ""
  std::optional<std::string> code;
  std::optional<int64_t> until;  // epoch seconds
  std::optional<int64_t> attempt;
  std::optional<int64_t> http_status;
  std::optional<std::string> detail;
  std::optional<int64_t> rate;
  std::optional<int64_t> pace;
};

StoredWaitReason ToStored(const WaitReason& reason);

// A row without a code (an earlier version's) is its sentence (WaitKind::kText).
WaitReason FromStored(const StoredWaitReason& stored);

}  // namespace gb
