// Executes a validated request against the dataset and serializes the answer
// with JsonWriter: only the requested fields, in the requested order, under
// their response keys, with the schema's real type names. allTimelineEntries
// and allUsers answer from the dataset, the account's roots from its index
// (account_roots.h); introspection from the schema; every
// other root field and mutation from the schema alone (an empty connection or
// list, null, or a plausible value). Cursors come from CursorCodec (offset or
// opaque); an execution error (a refused cursor) nulls its field as GraphQL
// does: a non-null root field takes `data` with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graphql/execution_plan.h"
#include "graphql/graphql_error.h"
#include "graphql/schema.h"
#include "sim/account_roots.h"
#include "sim/connection_writer.h"
#include "sim/cursor_codec.h"
#include "sim/entity_writer.h"
#include "sim/json_writer.h"
#include "sim/sim_options.h"
#include "sim/timeline_index.h"
#include "sim/value_writer.h"

namespace gb::sim {

struct ExecutorOptions {
  uint64_t seed = 1;
  double null_share = 0;
  CursorStyle cursor_style = CursorStyle::kOffset;
};

struct ExecutionStats {
  int64_t served = 0;   // timeline nodes written
  bool errors = false;  // the answer has an "errors" array
};

class QueryExecutor {
 public:
  QueryExecutor(const graphql::Schema& schema, const SimDataset& data, TimelineIndex& index,
                const AccountIndex& account, ExecutorOptions options);

  // The response body for the plan of a request of operation kind `kind`
  // (slots are assigned here); `nonce` (one per request) draws the null
  // list items of --null-share.
  // `view` is the timeline's state for the whole request (every field reads the same).
  std::string Execute(const std::string& kind, std::vector<graphql::PlanField> plan,
                      const TimelineView& view, uint64_t nonce, ExecutionStats* stats,
                      const FaultOptions& faults = {});

 private:
  struct Request {
    const TimelineView& view;
    uint64_t nonce;
    int64_t* served;
    graphql::GraphqlErrors* errors;
    FaultOptions faults;  // allUsers' faults and max_page_size
  };
  // False (an error added) when the field's value is null by error.
  bool Root(JsonWriter& w, const graphql::TypeDef& root, const graphql::PlanField& f, Request& r);
  bool Timeline(JsonWriter& w, const graphql::PlanField& f, Request& r);
  void Users(JsonWriter& w, const graphql::PlanField& f, bool list_deleted);
  std::optional<EntryFilter> Filter(const graphql::PlanField& f, Request& r) const;

  const graphql::Schema& schema_;
  const SimDataset& data_;
  TimelineIndex& index_;
  ExecutorOptions options_;
  ValueWriter values_;
  EntityWriter entities_;
  ConnectionWriter connections_;
  AccountContent account_content_;
  AccountWriter account_writer_;
  AccountRoots account_roots_;
};

}  // namespace gb::sim
