// Executes a compiled plan against the dataset and serializes the answer
// with JsonWriter: only the requested fields, in the requested order, under
// their response keys. Cursors are opaque base64 offsets into the filtered,
// newest-first list, so they shift when new entries arrive at the top.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/json_writer.h"
#include "sim/query_plan.h"
#include "sim/sim_content.h"
#include "sim/timeline_index.h"

namespace gb::sim {

std::string EncodeCursor(int64_t offset);
std::optional<int64_t> DecodeCursor(const std::string& cursor);

// {"errors":[{"message","locations":[{"line","column"}],"path","extensions"}]}
std::string ErrorResponse(const GraphqlErrors& errors);
void WriteErrors(JsonWriter& w, const GraphqlErrors& errors);

// Writes a timeline node with the given selection (all fields when `fields` is null).
void WriteNode(JsonWriter& w, const NodeData& node, const std::vector<PlanField>* fields);

class QueryExecutor {
 public:
  QueryExecutor(const SimDataset& data, TimelineIndex& index) : data_(data), index_(index) {}
  // The response body; adds the number of timeline nodes written to *served.
  std::string Execute(const std::vector<PlanField>& plan, int64_t arrived, int64_t* served);

 private:
  struct Window {
    int64_t start = 0, end = 0;
    bool has_next = false, has_prev = false;
  };
  std::optional<Window> Paginate(const PlanField& field, int64_t total, GraphqlErrors* errors);
  std::optional<EntryFilter> Filter(const PlanField& field, GraphqlErrors* errors);
  void Timeline(JsonWriter& w, const PlanField& field, int64_t arrived, int64_t* served,
                GraphqlErrors* errors);
  void Users(JsonWriter& w, const PlanField& field, GraphqlErrors* errors);
  template <class NodeFn>
  void Connection(JsonWriter& w, const PlanField& field, int64_t total, const Window& win,
                  NodeFn node);

  const SimDataset& data_;
  TimelineIndex& index_;
};

}  // namespace gb::sim
