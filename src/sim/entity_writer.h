// The simulator's data as GraphQL objects of their real types: timeline
// entries (PrivateTimelineEntry), the objects they link to (PrivateClient,
// PrivatePiano, PrivateUser, PrivateInvoice, PrivateEstimate) and users.
// Fields are told apart by a slot number given once per request (AssignSlots),
// not by comparing names per value: a 100-node page stays cheap. A field with
// no data answers what ValueWriter gives; with --null-share, nullable fields
// answer null for a share of the entities.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/record.h"
#include "graphql/execution_plan.h"
#include "graphql/schema.h"
#include "sim/json_writer.h"
#include "sim/sim_content.h"
#include "sim/value_writer.h"

namespace gb::sim {

enum Slot : int {
  kOther = 0,
  kTypename,
  kId,
  kOccurredAt,
  kType,
  kSummary,
  kComment,
  kClient,
  kPiano,
  kUser,
  kInvoice,
  kEstimate,
  kFirstName,
  kLastName,
  kFullName,
  kEmail,
  kAccessLevel,
  kStatus,
  kTotalCount,
  kNodes,
  kEdges,
  kPageInfo,
  kCursor,
  kNode,
  kHasNextPage,
  kHasPreviousPage,
  kStartCursor,
  kEndCursor,
  kTimeline,
  kUsers,
  kIntrospection,
  kAllClients,  // the account's root fields (account_roots.h)
  kAllPianos,
  kAllEvents,
  kAllInvoices,
  kAllEstimates,
  kClientRoot,
  kPianoRoot,
  kInvoiceRoot,
  kEstimateRoot,
  // A field of an account object: kObjectField + its index in FieldNames()
  // (account_object.h); "id" keeps kId.
  kObjectField = 64,
};

// Tags every field of the plan (recursively) with its slot and null-share salt.
void AssignSlots(const graphql::Schema& schema, const graphql::TypeDef& parent,
                 std::vector<graphql::PlanField>* fields);

class EntityWriter {
 public:
  EntityWriter(const graphql::Schema& schema, const ValueWriter& values,
               const std::vector<ApiUser>& users);

  // A PrivateTimelineEntry; `entity` keys its null-share draws.
  void Entry(JsonWriter& w, const NodeData& node, uint64_t entity,
             const std::vector<graphql::PlanField>& fields) const;
  // A PrivateUser (one of allUsers, or the user an entry links to).
  void User(JsonWriter& w, const ApiUser& user, uint64_t entity,
            const std::vector<graphql::PlanField>& fields) const;

 private:
  void Link(JsonWriter& w, const std::optional<std::string>& id, const graphql::PlanField& f,
            uint64_t entity) const;
  const ApiUser* FindUser(const std::string& id) const;
  template <class ValueFn>
  void Object(JsonWriter& w, uint64_t entity, const std::vector<graphql::PlanField>& fields,
              ValueFn value) const;

  const graphql::TypeDef& entry_type_;
  const ValueWriter& values_;
  const std::vector<ApiUser>& users_;
};

// Every stored field of a node, as `sim dump` writes it (no plan).
void WriteFullNode(JsonWriter& w, const NodeData& node);

}  // namespace gb::sim
