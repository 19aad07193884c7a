// A GraphQL request made ready to execute, or refused as a server refuses it
// before execution (no `data` in the answer): the document parsed and
// validated against the schema, the operation chosen (operationName), and the
// variable values coerced to their declared types (defaults applied).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "graphql/ast.h"
#include "graphql/graphql_error.h"
#include "graphql/schema.h"

namespace gb::graphql {

struct PreparedRequest {
  Document document;
  size_t operation = 0;                                 // index into document.operations
  nlohmann::json variables = nlohmann::json::object();  // coerced; absent = not provided
  const Operation& op() const { return document.operations[operation]; }
};

tl::expected<PreparedRequest, GraphqlErrors> PrepareRequest(const Schema& schema,
                                                            std::string_view query,
                                                            const std::string& operation_name,
                                                            const nlohmann::json& variables);

// The variable values of `op`, coerced (the request's last step, exposed for tests).
tl::expected<nlohmann::json, GraphqlErrors> CoerceVariables(const Schema& schema,
                                                            const Operation& op,
                                                            const nlohmann::json& values);

}  // namespace gb::graphql
