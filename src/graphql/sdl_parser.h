// Parses the type-system language (SDL) into a Schema: schema, scalar, type,
// interface, union, enum, input and directive definitions, with descriptions
// (kept for types, skipped elsewhere), default values, `implements` and
// @deprecated. It reuses the executable parser's tokens, types and values.
#pragma once

#include <string_view>

#include "graphql/parser.h"
#include "graphql/schema.h"

namespace gb::graphql {

class SdlParser : public Parser {
 public:
  explicit SdlParser(std::string_view source) : Parser(source) {}
  // Fills `schema` (its built-ins and introspection types come first);
  // the first syntax error otherwise.
  tl::expected<void, SyntaxError> ParseInto(Schema* schema);

 private:
  bool Definition(Schema* schema);
  bool SkipDescription(std::string* out = nullptr);
  bool SchemaDefinition(Schema* schema);
  bool TypeDefinition(Schema* schema, TypeKind kind, std::string description);
  bool FieldsDefinition(TypeDef* type);
  bool InputValues(std::vector<InputValueDef>* out, std::string_view close);
  bool EnumValues(TypeDef* type);
  bool UnionMembers(TypeDef* type);
  bool Implements(TypeDef* type);
  bool Names(std::string_view separator, std::vector<std::string>* out);
  bool DirectiveDefinition(Schema* schema);
  // Directives on a definition: only @deprecated's reason is kept.
  bool DefinitionDirectives(std::optional<std::string>* deprecation);
};

}  // namespace gb::graphql
