// Writes an account object (account_content.h) as GraphQL asks for it: the
// requested fields under their keys, links as nested objects of their real
// type (a piano's client, an event's user, ...), nested connections (a
// client's contacts, an invoice's items, an event's pianos) paged like any
// connection (page_window.h: cursors, first/last, --max-page-size) and plain
// lists (an estimate's tiers). --null-share applies as for entries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graphql/execution_plan.h"
#include "sim/account_content.h"
#include "sim/connection_writer.h"
#include "sim/entity_writer.h"
#include "sim/json_writer.h"
#include "sim/sim_options.h"

namespace gb::sim {

// What a request lends the objects it writes: its faults (the page cap), its
// nonce (the --null-share draws of list items) and the state of the account's
// changes it reads.
struct PageContext {
  const FaultOptions& faults;
  uint64_t nonce = 0;
  const AccountChanges& changes;
};

class AccountWriter {
 public:
  AccountWriter(const AccountContent& content, const EntityWriter& entities,
                const ValueWriter& values, const ConnectionWriter& connections, CursorStyle style);

  void Write(JsonWriter& w, ObjRef ref, const std::vector<graphql::PlanField>& fields,
             const PageContext& ctx) const;
  // The refusal of the first nested connection under `fields` whose arguments
  // are wrong (a bad cursor, a page too large, an argument the simulator does
  // not model). Checked before anything is written: such an argument is the
  // same for every node, so the whole root field is refused at once.
  std::optional<std::string> CheckNested(const std::vector<graphql::PlanField>& fields,
                                         const FaultOptions& faults) const;
  const AccountContent& content() const { return content_; }

 private:
  void Field(JsonWriter& w, const Value& v, const graphql::PlanField& f,
             const graphql::TypeDef& type, uint64_t entity, const PageContext& ctx) const;
  void Nested(JsonWriter& w, const Value& v, const graphql::PlanField& f, uint64_t entity,
              const PageContext& ctx) const;

  const AccountContent& content_;
  const EntityWriter& entities_;
  const ValueWriter& values_;
  const ConnectionWriter& connections_;
  CursorStyle style_;
};

}  // namespace gb::sim
