// A recursive-descent parser for GraphQL executable documents (ast.h), and
// the token-level primitives the SDL parser (sdl_parser.h) builds on. Nesting
// is limited so a hostile document cannot exhaust the stack.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "graphql/ast.h"
#include "graphql/lexer.h"

namespace gb::graphql {

struct SyntaxError {
  std::string message;  // "Syntax Error: Expected Name, found \"}\"."
  Location loc;
};

tl::expected<Document, SyntaxError> Parse(std::string_view source);

class Parser {
 public:
  explicit Parser(std::string_view source) : lexer_(source) { Shift(); }
  tl::expected<Document, SyntaxError> ParseDocument();

 protected:
  static constexpr int kMaxDepth = 64;

  void Shift();
  bool Is(std::string_view punct) const;
  bool IsName(std::string_view name) const;
  bool Expect(std::string_view punct);
  bool ExpectName(std::string* out);
  bool Fail(const Token& at, std::string message);
  bool Unexpected();

  bool ParseOperation(Document* doc);
  bool ParseFragment(Document* doc);
  bool ParseVariableDefinitions(Operation* op);
  bool ParseType(TypeRef* type, int depth);
  bool ParseSelectionSet(std::vector<Selection>* out, int depth);
  bool ParseSelection(std::vector<Selection>* out, int depth);
  bool ParseArguments(std::vector<Argument>* out, bool is_const, int depth);
  bool ParseDirectives(std::vector<Directive>* out, bool is_const, int depth);
  bool ParseValue(Value* out, bool is_const, int depth);
  bool ParseListOrObject(Value* out, bool is_const, int depth);

  Lexer lexer_;
  Token tok_;
  SyntaxError error_;
  bool failed_ = false;
};

}  // namespace gb::graphql
