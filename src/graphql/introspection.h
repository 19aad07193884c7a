// Introspection answered from the schema: the values of the meta fields
// __schema and __type (the query root's), so ordinary GraphQL tools
// (GraphiQL, codegen, graphql-js's getIntrospectionQuery) work against a
// server built on this library. Not a hot path: plain JSON values.
#pragma once

#include <nlohmann/json.hpp>

#include "graphql/execution_plan.h"
#include "graphql/schema.h"

namespace gb::graphql {

// The value of `field`, a __schema or __type field of the query root.
nlohmann::ordered_json Introspect(const Schema& schema, const PlanField& field);

}  // namespace gb::graphql
