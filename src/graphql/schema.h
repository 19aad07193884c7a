// A GraphQL schema as data: its types (scalars, objects, interfaces, unions,
// enums, input objects) with their fields, arguments and values, its root
// types and directives, built from SDL text (sdl_parser.h). The validator, the
// input coercion, the introspection answers and the simulator's executor all
// read this one model, so what the simulator accepts is what the SDL says.
// The introspection types (__Schema, __Type, ...) are part of every schema.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "graphql/ast.h"

namespace gb::graphql {

enum class TypeKind { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };
std::string_view KindName(TypeKind kind);  // "SCALAR", "OBJECT", ... (introspection)

// An argument of a field or directive, or a field of an input object.
struct InputValueDef {
  std::string name;
  TypeRef type;
  std::optional<Value> default_value;
};

struct FieldDef {
  std::string name;
  TypeRef type;
  std::vector<InputValueDef> args;
  std::optional<std::string> deprecation;  // @deprecated(reason)
  const InputValueDef* Arg(std::string_view name) const;
};

struct EnumValueDef {
  std::string name;
  std::optional<std::string> deprecation;
};

struct TypeDef {
  std::string name;
  TypeKind kind = TypeKind::kScalar;
  std::string description;
  std::vector<FieldDef> fields;             // object, interface
  std::vector<InputValueDef> input_fields;  // input object
  std::vector<EnumValueDef> enum_values;    // enum
  std::vector<std::string> interfaces;      // object, interface: what it implements
  std::vector<std::string> members;         // union
  const FieldDef* Field(std::string_view name) const;
  const InputValueDef* InputField(std::string_view name) const;
  bool HasEnumValue(std::string_view name) const;
  bool IsComposite() const {
    return kind == TypeKind::kObject || kind == TypeKind::kInterface || kind == TypeKind::kUnion;
  }
  bool IsAbstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
  bool IsLeaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  bool IsInput() const { return IsLeaf() || kind == TypeKind::kInputObject; }
};

struct DirectiveDef {
  std::string name;
  std::vector<InputValueDef> args;
  std::vector<std::string> locations;  // "FIELD", "FRAGMENT_SPREAD", ...
  bool repeatable = false;
  const InputValueDef* Arg(std::string_view name) const;
};

class Schema {
 public:
  // Parses SDL (type-system definitions); kConfig with the line when it is
  // not valid SDL or names a type it does not define.
  static Result<Schema> FromSdl(std::string_view sdl);

  const TypeDef* Type(std::string_view name) const;
  const std::vector<TypeDef>& types() const { return types_; }  // by name
  const TypeDef& query_type() const { return types_[query_]; }
  const TypeDef* mutation_type() const { return mutation_ ? &types_[*mutation_] : nullptr; }
  const TypeDef* subscription_type() const {
    return subscription_ ? &types_[*subscription_] : nullptr;
  }
  const TypeDef* RootType(std::string_view operation_kind) const;
  const DirectiveDef* Directive(std::string_view name) const;
  const std::vector<DirectiveDef>& directives() const { return directives_; }

  // The object types a value of `type` may have (itself for an object).
  std::vector<const TypeDef*> PossibleTypes(const TypeDef& type) const;
  bool IsPossibleType(const TypeDef& abstract, const TypeDef& object) const;
  // Whether a type reference names an input (or output) type of this schema.
  bool IsInputType(const TypeRef& type) const;
  bool IsOutputType(const TypeRef& type) const;
  // Type of a meta or schema field on `parent`: __typename, __schema and
  // __type (on the query root only) included; null when it has none.
  const FieldDef* FieldOn(const TypeDef& parent, std::string_view name) const;

 private:
  friend class SdlParser;
  Status Finish();  // sorts, indexes, checks references

  std::vector<TypeDef> types_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<DirectiveDef> directives_;
  size_t query_ = 0;
  std::optional<size_t> mutation_, subscription_;
  std::string query_name_ = "Query", mutation_name_, subscription_name_;
  FieldDef typename_field_, schema_field_, type_field_;
};

}  // namespace gb::graphql
