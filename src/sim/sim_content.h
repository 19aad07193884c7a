// Node content generated on demand from (seed, generator index): summaries
// and French service notes (some with measurements: "45 %", "440.5 Hz",
// "21 °C", "70°F"), relations, and, in hostile mode, the nasty cases.
#pragma once

#include <optional>
#include <string>

#include "sim/sim_dataset.h"

namespace gb::sim {

// One timeline entry node with every field; nullopt is JSON null.
struct NodeData {
  std::optional<std::string> id;
  std::optional<std::string> occurred_at;
  std::optional<std::string> type;
  std::optional<std::string> summary;
  std::optional<std::string> comment;
  bool comment_is_json_escaped = false;  // comment holds JSON string content, written verbatim
  std::optional<std::string> client_id;
  std::optional<std::string> piano_id;
  std::optional<std::string> user_id;
  std::optional<std::string> invoice_id;
  std::optional<std::string> estimate_id;
};

NodeData MakeNode(const SimDataset& data, const EntryRef& entry);

}  // namespace gb::sim
