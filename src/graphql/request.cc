// Parse, validate, choose the operation, coerce variables (see request.h).
#include "graphql/request.h"

#include <fmt/format.h>

#include "graphql/input_coercion.h"
#include "graphql/parser.h"
#include "graphql/validator.h"

namespace gb::graphql {

using json = nlohmann::json;

tl::expected<json, GraphqlErrors> CoerceVariables(const Schema& schema, const Operation& op,
                                                  const json& values) {
  GraphqlErrors errors;
  json out = json::object();
  for (const VariableDefinition& def : op.variables) {
    const bool given = values.is_object() && values.contains(def.name);
    std::vector<InputProblem> problems;
    json coerced;
    if (!given && def.default_value) {
      if (LiteralToJson(*def.default_value, json::object(), &coerced)) out[def.name] = coerced;
      continue;
    }
    if (!given && !def.type.non_null) continue;
    const json value = given ? values[def.name] : json();
    if (CoerceJsonInput(schema, value, def.type, &coerced, &problems)) {
      out[def.name] = std::move(coerced);
      continue;
    }
    json list = json::array();
    std::string fields;
    for (const InputProblem& p : problems) {
      list.push_back({{"path", p.path}, {"explanation", p.explanation}});
      if (p.path.empty()) continue;
      std::string at;
      for (const auto& k : p.path)
        at += (at.empty() ? "" : ".") + (k.is_string() ? k.get<std::string>() : k.dump());
      fields += (fields.empty() ? "" : ", ") + at + " (" + p.explanation + ")";
    }
    GraphqlError e;
    e.message = fmt::format("Variable ${} of type {} was provided invalid value{}", def.name,
                            def.type.ToString(), fields.empty() ? "" : " for " + fields);
    e.locations = {def.loc};
    e.extensions = {{"value", value}, {"problems", std::move(list)}};
    errors.push_back(std::move(e));
  }
  if (!errors.empty()) return tl::unexpected(std::move(errors));
  return out;
}

tl::expected<PreparedRequest, GraphqlErrors> PrepareRequest(const Schema& schema,
                                                            std::string_view query,
                                                            const std::string& operation_name,
                                                            const json& variables) {
  auto parsed = Parse(query);
  if (!parsed) {
    return tl::unexpected(GraphqlErrors{
        {parsed.error().message, {parsed.error().loc}, nullptr, "parseError", json::object()}});
  }
  PreparedRequest request;
  request.document = std::move(*parsed);
  if (GraphqlErrors errors = Validate(schema, request.document); !errors.empty())
    return tl::unexpected(std::move(errors));
  const auto& ops = request.document.operations;
  bool found = false;
  for (size_t i = 0; i < ops.size() && !found; ++i) {
    if (operation_name.empty() ? ops.size() == 1 : ops[i].name == operation_name) {
      request.operation = i;
      found = true;
    }
  }
  if (!found) {
    std::string message = operation_name.empty()
                              ? "An operation name is required"
                              : fmt::format("No operation named \"{}\"", operation_name);
    return tl::unexpected(GraphqlErrors{{std::move(message), {}, nullptr, "", json::object()}});
  }
  auto coerced = CoerceVariables(schema, request.op(), variables);
  if (!coerced) return tl::unexpected(std::move(coerced.error()));
  request.variables = std::move(*coerced);
  return request;
}

}  // namespace gb::graphql
