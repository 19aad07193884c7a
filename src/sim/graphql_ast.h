// The GraphQL subset the simulator understands: executable documents with
// operations, variable definitions (types, defaults), arguments (all literal
// kinds and variables), nested selections, aliases, fragments and inline
// fragments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gb::sim::gql {

struct Location {
  int line = 1;
  int column = 1;
};

// One `name: value` of an object literal. A struct, not std::pair: a pair
// holding the still-incomplete Value does not compile with clang (fuzz/).
struct ObjectField;

struct Value {
  enum class Kind { kVariable, kInt, kFloat, kString, kBool, kNull, kEnum, kList, kObject };
  Kind kind = Kind::kNull;
  std::string text;  // variable name, enum name, string content, number text
  int64_t int_value = 0;
  bool bool_value = false;
  std::vector<Value> list;
  std::vector<ObjectField> fields;
  Location loc;
};

struct ObjectField {
  std::string name;
  Value value;
};

struct Argument {
  std::string name;
  Value value;
  Location loc;
};

// A type reference: Name, [Type], Type!.
struct TypeRef {
  std::string name;  // empty for a list
  bool non_null = false;
  std::vector<TypeRef> of;  // the element type of a list (one element)
  std::string ToString() const;
};

struct Selection {
  enum class Kind { kField, kFragmentSpread, kInlineFragment };
  Kind kind = Kind::kField;
  std::string alias;  // empty when none
  std::string name;   // field name, or the fragment's name for a spread
  std::string type_condition;
  std::vector<Argument> arguments;
  std::vector<Selection> selections;
  Location loc;
  const std::string& ResponseKey() const { return alias.empty() ? name : alias; }
};

struct VariableDefinition {
  std::string name;
  TypeRef type;
  std::optional<Value> default_value;
  Location loc;
};

struct Operation {
  std::string kind = "query";  // query, mutation, subscription
  std::string name;
  std::vector<VariableDefinition> variables;
  std::vector<Selection> selections;
  Location loc;
};

struct Fragment {
  std::string name;
  std::string type_condition;
  std::vector<Selection> selections;
  Location loc;
};

struct Document {
  std::vector<Operation> operations;
  std::map<std::string, Fragment> fragments;
};

}  // namespace gb::sim::gql
