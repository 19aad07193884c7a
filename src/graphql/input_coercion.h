// Input values against their types, as the specification coerces them:
// variable values (JSON) with Int range, Float, String, Boolean, ID, enum
// membership, lists (a single value stands for a list of one), non-null, and
// input objects (unknown and missing fields); and literals written in a
// document (enum values are names, never quoted strings). Custom scalars
// accept any value, as graphql-js's buildSchema does: what a scalar means is
// the executor's business.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace gb::graphql {

struct InputProblem {
  nlohmann::json path = nlohmann::json::array();  // keys and indices inside the value
  std::string explanation;                        // "Could not coerce value \"ten\" to Int"
};

// Coerces a JSON input value to `type` into *out (input-object defaults
// applied); false with the problems found.
bool CoerceJsonInput(const Schema& schema, const nlohmann::json& value, const TypeRef& type,
                     nlohmann::json* out, std::vector<InputProblem>* problems,
                     const nlohmann::json& path = nlohmann::json::array());

// Why a literal (variables inside it are not judged here) is not a valid
// value of `type`; none when it is.
std::optional<std::string> LiteralProblem(const Schema& schema, const Value& literal,
                                          const TypeRef& type);

// A literal as JSON, variables replaced from `variables`. False when the
// literal itself is a variable that has no value (the argument is then absent);
// a variable without value inside a list or object becomes null or is left out.
bool LiteralToJson(const Value& literal, const nlohmann::json& variables, nlohmann::json* out);

// The literal as GraphQL text (canonical: used to compare arguments).
std::string PrintValue(const Value& literal);

}  // namespace gb::graphql
