// The schema model (see schema.h): built-in scalars and directives, the
// introspection types (themselves written in SDL), then the given SDL.
#include "graphql/schema.h"

#include <algorithm>

#include "graphql/sdl_parser.h"

namespace gb::graphql {
namespace {

// The specification's built-ins and introspection system, as graphql-js 16 has them.
constexpr std::string_view kBuiltins = R"(
scalar Int
scalar Float
scalar String
scalar Boolean
scalar ID
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
directive @specifiedBy(url: String!) on SCALAR
type __Schema {
  description: String
  types: [__Type!]!
  queryType: __Type!
  mutationType: __Type
  subscriptionType: __Type
  directives: [__Directive!]!
}
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}
type __InputValue {
  name: String!
  description: String
  type: __Type!
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}
enum __DirectiveLocation {
  QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT
  VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION
  ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
}
)";

TypeRef Named(std::string name, bool non_null) {
  TypeRef t;
  t.name = std::move(name);
  t.non_null = non_null;
  return t;
}

template <class T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  for (const auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

}  // namespace

std::string_view KindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar:
      return "SCALAR";
    case TypeKind::kObject:
      return "OBJECT";
    case TypeKind::kInterface:
      return "INTERFACE";
    case TypeKind::kUnion:
      return "UNION";
    case TypeKind::kEnum:
      return "ENUM";
    case TypeKind::kInputObject:
      return "INPUT_OBJECT";
  }
  return "SCALAR";
}

const InputValueDef* FieldDef::Arg(std::string_view name) const { return FindByName(args, name); }
const InputValueDef* DirectiveDef::Arg(std::string_view name) const {
  return FindByName(args, name);
}
const FieldDef* TypeDef::Field(std::string_view name) const { return FindByName(fields, name); }
const InputValueDef* TypeDef::InputField(std::string_view name) const {
  return FindByName(input_fields, name);
}
bool TypeDef::HasEnumValue(std::string_view name) const {
  return FindByName(enum_values, name) != nullptr;
}

Result<Schema> Schema::FromSdl(std::string_view sdl) {
  Schema schema;
  for (std::string_view text : {kBuiltins, sdl}) {
    auto parsed = SdlParser(text).ParseInto(&schema);
    if (!parsed) {
      return Fail(ErrorKind::kConfig, "schema SDL, line " +
                                          std::to_string(parsed.error().loc.line) + ": " +
                                          parsed.error().message);
    }
  }
  if (Status done = schema.Finish(); !done) return tl::unexpected(done.error());
  return schema;
}

Status Schema::Finish() {
  std::stable_sort(types_.begin(), types_.end(),
                   [](const TypeDef& a, const TypeDef& b) { return a.name < b.name; });
  for (size_t i = 0; i < types_.size(); ++i) {
    if (!index_.emplace(types_[i].name, i).second) {
      return Fail(ErrorKind::kConfig, "schema SDL: type \"" + types_[i].name + "\" defined twice");
    }
  }
  auto root = [&](const std::string& name, const char* fallback,
                  std::optional<size_t>* out) -> Status {
    const std::string& wanted = name.empty() ? fallback : name;
    auto it = index_.find(wanted);
    if (it != index_.end()) *out = it->second;
    if (!name.empty() && !*out)
      return Fail(ErrorKind::kConfig, "schema SDL: root type \"" + name + "\" is not defined");
    return {};
  };
  std::optional<size_t> query;
  if (Status s = root(query_name_, "Query", &query); !s) return s;
  if (!query) return Fail(ErrorKind::kConfig, "schema SDL: no query root type");
  query_ = *query;
  if (Status s = root(mutation_name_, "Mutation", &mutation_); !s) return s;
  if (Status s = root(subscription_name_, "Subscription", &subscription_); !s) return s;
  for (const TypeDef& type : types_) {
    for (const FieldDef& f : type.fields) {
      if (!Type(f.type.NamedType()) || !IsOutputType(f.type)) {
        return Fail(ErrorKind::kConfig, "schema SDL: " + type.name + "." + f.name +
                                            " has an unknown or input type " + f.type.ToString());
      }
    }
  }
  typename_field_ = {"__typename", Named("String", true), {}, {}};
  schema_field_ = {"__schema", Named("__Schema", true), {}, {}};
  type_field_ = {"__type", Named("__Type", false), {{"name", Named("String", true), {}}}, {}};
  return {};
}

const TypeDef* Schema::Type(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? nullptr : &types_[it->second];
}

const TypeDef* Schema::RootType(std::string_view operation_kind) const {
  if (operation_kind == "query") return &query_type();
  if (operation_kind == "mutation") return mutation_type();
  if (operation_kind == "subscription") return subscription_type();
  return nullptr;
}

const DirectiveDef* Schema::Directive(std::string_view name) const {
  return FindByName(directives_, name);
}

std::vector<const TypeDef*> Schema::PossibleTypes(const TypeDef& type) const {
  std::vector<const TypeDef*> out;
  if (type.kind == TypeKind::kObject) {
    out.push_back(&type);
  } else if (type.kind == TypeKind::kUnion) {
    for (const auto& m : type.members) {
      if (const TypeDef* t = Type(m)) out.push_back(t);
    }
  } else if (type.kind == TypeKind::kInterface) {
    for (const TypeDef& t : types_) {
      if (t.kind == TypeKind::kObject &&
          std::find(t.interfaces.begin(), t.interfaces.end(), type.name) != t.interfaces.end()) {
        out.push_back(&t);
      }
    }
  }
  return out;
}

bool Schema::IsPossibleType(const TypeDef& abstract, const TypeDef& object) const {
  for (const TypeDef* t : PossibleTypes(abstract)) {
    if (t == &object) return true;
  }
  return false;
}

bool Schema::IsInputType(const TypeRef& type) const {
  const TypeDef* t = Type(type.NamedType());
  return t && t->IsInput();
}

bool Schema::IsOutputType(const TypeRef& type) const {
  const TypeDef* t = Type(type.NamedType());
  return t && t->kind != TypeKind::kInputObject;
}

const FieldDef* Schema::FieldOn(const TypeDef& parent, std::string_view name) const {
  if (name == "__typename") return parent.IsComposite() ? &typename_field_ : nullptr;
  if (&parent == &query_type()) {
    if (name == "__schema") return &schema_field_;
    if (name == "__type") return &type_field_;
  }
  return parent.Field(name);
}

}  // namespace gb::graphql
