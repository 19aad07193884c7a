// The account's root fields: the connections allClients, allPianos,
// allEventsBatched, allInvoices and allEstimates, and the single objects
// client(id:), piano(id:), invoice(id:) and estimate(id:).
//
// What the simulator models of the connections' `filters` and `sortBy`, and
// nothing else: a filter field or sort value it does not model is refused
// with a GraphQL error naming it, never ignored (a loader would otherwise pass
// only because the simulator is lenient).
//   allClients, allPianos, allEstimates  createdGet/createdLet; CREATED_AT_ASC/_DESC
//   allInvoices                          invoiceDateGet/invoiceDateLet (an
//                                        invoice's date is its creation date);
//                                        CREATED_AT_ASC/_DESC
//   allEventsBatched                     dateGet/dateLet (the start's date);
//                                        START_ASC/_DESC
// Dates (CoreDate, YYYY-MM-DD) are inclusive and read in UTC. No sortBy is
// the _ASC order. An object with a null createdAt is left out by any date
// bound, listed last by _ASC and first by _DESC (sorted_keys.h).
#pragma once

#include <optional>
#include <string>

#include "graphql/execution_plan.h"
#include "sim/account_writer.h"
#include "sim/connection_writer.h"

namespace gb::sim {

class AccountRoots {
 public:
  AccountRoots(const AccountWriter& writer, const ConnectionWriter& connections, CursorStyle style)
      : writer_(writer), connections_(connections), style_(style) {}

  // Writes the root field `f` (its slot one of kAllClients..kEstimateRoot);
  // on a refusal, writes null and returns the error's message.
  std::optional<std::string> Write(JsonWriter& w, const graphql::PlanField& f,
                                   const PageContext& ctx) const;

  struct Spec;   // what a connection root models
  struct Query;  // a connection's filters and sort, once read

 private:
  std::optional<std::string> List(JsonWriter& w, const graphql::PlanField& f, const Spec& spec,
                                  const PageContext& ctx) const;
  std::optional<std::string> Single(JsonWriter& w, const graphql::PlanField& f, ObjKind kind,
                                    const PageContext& ctx) const;

  const AccountWriter& writer_;
  const ConnectionWriter& connections_;
  CursorStyle style_;
};

}  // namespace gb::sim
