// `sim dump --jsonl FILE`: the simulator's dataset as JSONL (docs/dump-format.md):
// first the account's users, one PrivateUser per line (the allUsers answer's
// shape, with "__typename"), then every entry as an API node (every field,
// newest first) — what the loader's --from-file reads.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "sim/sim_dataset.h"

namespace gb::sim {

struct DumpWritten {
  int64_t users = 0;
  int64_t entries = 0;
};

// Writes the users, then every entry.
Result<DumpWritten> WriteJsonlDump(const SimDataset& data, const std::string& path);

}  // namespace gb::sim
