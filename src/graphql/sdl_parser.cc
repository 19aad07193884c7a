// Type-system definitions -> Schema (see sdl_parser.h).
#include "graphql/sdl_parser.h"

namespace gb::graphql {

tl::expected<void, SyntaxError> SdlParser::ParseInto(Schema* schema) {
  while (tok_.kind != Token::Kind::kEnd && !failed_) {
    if (!Definition(schema)) break;
  }
  if (failed_) return tl::unexpected(error_);
  return {};
}

bool SdlParser::SkipDescription(std::string* out) {
  if (tok_.kind != Token::Kind::kString) return true;
  if (out) *out = tok_.text;
  Shift();
  return !failed_;
}

bool SdlParser::Definition(Schema* schema) {
  std::string description;
  if (!SkipDescription(&description)) return false;
  if (tok_.kind != Token::Kind::kName) return Unexpected();
  const std::string keyword = tok_.text;
  if (keyword == "schema") return SchemaDefinition(schema);
  if (keyword == "directive") return DirectiveDefinition(schema);
  static const std::pair<std::string_view, TypeKind> kKinds[] = {
      {"scalar", TypeKind::kScalar},       {"type", TypeKind::kObject},
      {"interface", TypeKind::kInterface}, {"union", TypeKind::kUnion},
      {"enum", TypeKind::kEnum},           {"input", TypeKind::kInputObject}};
  for (const auto& [word, kind] : kKinds) {
    if (keyword == word) return TypeDefinition(schema, kind, std::move(description));
  }
  return Unexpected();
}

bool SdlParser::SchemaDefinition(Schema* schema) {
  Shift();  // "schema"
  std::optional<std::string> ignored;
  if (!DefinitionDirectives(&ignored) || !Expect("{")) return false;
  while (!Is("}") && !failed_) {
    std::string operation, type;
    if (!ExpectName(&operation) || !Expect(":") || !ExpectName(&type)) return false;
    if (operation == "query") {
      schema->query_name_ = type;
    } else if (operation == "mutation") {
      schema->mutation_name_ = type;
    } else if (operation == "subscription") {
      schema->subscription_name_ = type;
    } else {
      return Fail(tok_, "Syntax Error: Unknown operation type \"" + operation + "\".");
    }
  }
  return Expect("}");
}

bool SdlParser::TypeDefinition(Schema* schema, TypeKind kind, std::string description) {
  Shift();  // the keyword
  TypeDef type;
  type.kind = kind;
  type.description = std::move(description);
  if (!ExpectName(&type.name)) return false;
  if (IsName("implements") && !Implements(&type)) return false;
  std::optional<std::string> ignored;
  if (!DefinitionDirectives(&ignored)) return false;
  bool ok = true;
  if ((kind == TypeKind::kObject || kind == TypeKind::kInterface) && Is("{")) {
    ok = FieldsDefinition(&type);
  } else if (kind == TypeKind::kInputObject && Is("{")) {
    Shift();
    ok = InputValues(&type.input_fields, "}");
  } else if (kind == TypeKind::kEnum && Is("{")) {
    ok = EnumValues(&type);
  } else if (kind == TypeKind::kUnion && Is("=")) {
    ok = UnionMembers(&type);
  }
  if (!ok) return false;
  schema->types_.push_back(std::move(type));
  return true;
}

// After the keyword: names separated by `separator`, which may also lead.
bool SdlParser::Names(std::string_view separator, std::vector<std::string>* out) {
  Shift();  // "implements", "=", "on"
  if (Is(separator)) Shift();
  do {
    std::string name;
    if (!ExpectName(&name)) return false;
    out->push_back(std::move(name));
    if (!Is(separator)) break;
    Shift();
  } while (!failed_);
  return !failed_;
}

bool SdlParser::Implements(TypeDef* type) { return Names("&", &type->interfaces); }

bool SdlParser::UnionMembers(TypeDef* type) { return Names("|", &type->members); }

bool SdlParser::FieldsDefinition(TypeDef* type) {
  if (!Expect("{")) return false;
  while (!Is("}") && !failed_) {
    FieldDef field;
    if (!SkipDescription() || !ExpectName(&field.name)) return false;
    if (Is("(")) {
      Shift();
      if (!InputValues(&field.args, ")")) return false;
    }
    if (!Expect(":") || !ParseType(&field.type, 0) || !DefinitionDirectives(&field.deprecation))
      return false;
    type->fields.push_back(std::move(field));
  }
  return Expect("}");
}

// After the opening bracket, up to and including `close`.
bool SdlParser::InputValues(std::vector<InputValueDef>* out, std::string_view close) {
  while (!Is(close) && !failed_) {
    InputValueDef value;
    if (!SkipDescription() || !ExpectName(&value.name) || !Expect(":") ||
        !ParseType(&value.type, 0)) {
      return false;
    }
    if (Is("=")) {
      Shift();
      value.default_value.emplace();
      if (!ParseValue(&*value.default_value, true, 0)) return false;
    }
    std::optional<std::string> ignored;
    if (!DefinitionDirectives(&ignored)) return false;
    out->push_back(std::move(value));
  }
  return Expect(close);
}

bool SdlParser::EnumValues(TypeDef* type) {
  if (!Expect("{")) return false;
  while (!Is("}") && !failed_) {
    EnumValueDef value;
    if (!SkipDescription() || !ExpectName(&value.name) ||
        !DefinitionDirectives(&value.deprecation)) {
      return false;
    }
    type->enum_values.push_back(std::move(value));
  }
  return Expect("}");
}

bool SdlParser::DirectiveDefinition(Schema* schema) {
  Shift();  // "directive"
  DirectiveDef def;
  if (!Expect("@") || !ExpectName(&def.name)) return false;
  if (Is("(")) {
    Shift();
    if (!InputValues(&def.args, ")")) return false;
  }
  if (IsName("repeatable")) {
    def.repeatable = true;
    Shift();
  }
  if (!IsName("on")) return Fail(tok_, "Syntax Error: Expected \"on\".");
  if (!Names("|", &def.locations)) return false;
  schema->directives_.push_back(std::move(def));
  return true;
}

bool SdlParser::DefinitionDirectives(std::optional<std::string>* deprecation) {
  std::vector<Directive> directives;
  if (!ParseDirectives(&directives, true, 0)) return false;
  for (const auto& d : directives) {
    if (d.name != "deprecated") continue;
    *deprecation = "No longer supported";
    for (const auto& a : d.arguments) {
      if (a.name == "reason" && a.value.kind == Value::Kind::kString) *deprecation = a.value.text;
    }
  }
  return true;
}

}  // namespace gb::graphql
