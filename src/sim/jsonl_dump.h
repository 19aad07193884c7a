// `sim dump --jsonl FILE`: the simulator's dataset as JSONL of API nodes (one
// node per line, every field, newest first) — what the loader's --from-file reads.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "sim/sim_dataset.h"

namespace gb::sim {

// Writes every entry; returns the number of lines written.
Result<int64_t> WriteJsonlDump(const SimDataset& data, const std::string& path);

}  // namespace gb::sim
