// What an executor runs: the chosen operation's fields collected as the
// specification's CollectFields does (fragments inlined by type condition,
// @skip/@include applied, fields of one response name merged), with each
// field's arguments coerced (variables substituted, defaults applied). An
// executor walks this tree instead of the document, and tags fields with its
// own slot numbers once per request rather than comparing names per value.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "graphql/graphql_error.h"
#include "graphql/request.h"
#include "graphql/schema.h"

namespace gb::graphql {

struct PlanField {
  std::string key;                // response key (alias or name)
  std::string name;               // field name (__typename, __schema, __type included)
  const FieldDef* def = nullptr;  // its definition
  const TypeDef* type = nullptr;  // its named type
  nlohmann::json args = nlohmann::json::object();  // coerced arguments
  std::vector<PlanField> children;                 // the selection, when `type` is an object type
  // When `type` is an interface or union: the selection per possible object type.
  std::vector<std::pair<const TypeDef*, std::vector<PlanField>>> by_type;
  Location loc;
  int slot = -1;      // the executor's own tag
  uint64_t salt = 0;  // the executor's own tag
};

// The root fields of the request's operation. Fails only when the document
// is too large to plan (more than `max_fields` fields once fragments are
// inlined), as a server's complexity limit does.
tl::expected<std::vector<PlanField>, GraphqlErrors> CompilePlan(const Schema& schema,
                                                                const PreparedRequest& request,
                                                                int max_fields = 50'000);

// The selection to write for a value of object type `object` under `field`.
const std::vector<PlanField>& SelectionFor(const PlanField& field, const TypeDef& object);

}  // namespace gb::graphql
