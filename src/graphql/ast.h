// The syntax tree of a GraphQL executable document (operations, variable
// definitions with types and defaults, arguments of every literal kind,
// nested selections, aliases, fragments, inline fragments, directives), as the
// parser builds it and the validator and the simulator's executor read it.
// Every node keeps its location, for the errors a server sends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gb::graphql {

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
  bool int_in_range = true;  // the Int literal fits 64 bits (else only `text` holds it)
  bool bool_value = false;
  std::vector<Value> list;
  std::vector<ObjectField> fields;
  Location loc;
};

struct ObjectField {
  std::string name;
  Value value;
  Location loc;
};

struct Argument {
  std::string name;
  Value value;
  Location loc;
};

struct Directive {
  std::string name;
  std::vector<Argument> arguments;
  Location loc;
};

// A type reference: Name, [Type], Type!.
struct TypeRef {
  std::string name;  // empty for a list
  bool non_null = false;
  std::vector<TypeRef> of;  // the element type of a list (one element)
  bool IsList() const { return !of.empty(); }
  const std::string& NamedType() const { return of.empty() ? name : of.front().NamedType(); }
  std::string ToString() const;
};

struct Selection {
  enum class Kind { kField, kFragmentSpread, kInlineFragment };
  Kind kind = Kind::kField;
  std::string alias;  // empty when none
  std::string name;   // field name, or the fragment's name for a spread
  std::string type_condition;
  std::vector<Argument> arguments;
  std::vector<Directive> directives;
  std::vector<Selection> selections;
  Location loc;
  const std::string& ResponseKey() const { return alias.empty() ? name : alias; }
};

struct VariableDefinition {
  std::string name;
  TypeRef type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
  Location loc;
};

struct Operation {
  std::string kind = "query";  // query, mutation, subscription
  std::string name;            // empty for an anonymous operation
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  std::vector<Selection> selections;
  Location loc;
};

struct Fragment {
  std::string name;
  std::string type_condition;
  std::vector<Directive> directives;
  std::vector<Selection> selections;
  Location loc;
};

// Definitions in document order: duplicates are kept for the validator to
// report (two operations or fragments of one name).
struct Document {
  std::vector<Operation> operations;
  std::vector<Fragment> fragments;
  const Fragment* FindFragment(const std::string& name) const {
    for (const auto& f : fragments) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

}  // namespace gb::graphql
