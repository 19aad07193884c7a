#include "graphql/parser.h"

#include <charconv>

namespace gb::graphql {
namespace {

std::string Describe(const Token& t) {
  switch (t.kind) {
    case Token::Kind::kEnd:
      return "<EOF>";
    case Token::Kind::kName:
      return "Name \"" + t.text + "\"";
    case Token::Kind::kInt:
      return "Int \"" + t.text + "\"";
    case Token::Kind::kFloat:
      return "Float \"" + t.text + "\"";
    case Token::Kind::kString:
      return "String";
    default:
      return "\"" + t.text + "\"";
  }
}

}  // namespace

std::string TypeRef::ToString() const {
  std::string s = of.empty() ? name : "[" + of.front().ToString() + "]";
  return non_null ? s + "!" : s;
}

tl::expected<Document, SyntaxError> Parse(std::string_view source) {
  return Parser(source).ParseDocument();
}

void Parser::Shift() {
  tok_ = lexer_.Next();
  if (tok_.kind == Token::Kind::kError && !failed_) {
    failed_ = true;
    error_ = SyntaxError{tok_.text, tok_.loc};
  }
}

bool Parser::Is(std::string_view punct) const {
  return tok_.kind == Token::Kind::kPunct && tok_.text == punct;
}

bool Parser::IsName(std::string_view name) const {
  return tok_.kind == Token::Kind::kName && tok_.text == name;
}

bool Parser::Fail(const Token& at, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_ = SyntaxError{std::move(message), at.loc};
  }
  return false;
}

bool Parser::Unexpected() { return Fail(tok_, "Syntax Error: Unexpected " + Describe(tok_) + "."); }

bool Parser::Expect(std::string_view punct) {
  if (failed_) return false;
  if (!Is(punct)) {
    return Fail(tok_, "Syntax Error: Expected \"" + std::string(punct) + "\", found " +
                          Describe(tok_) + ".");
  }
  Shift();
  return !failed_;
}

bool Parser::ExpectName(std::string* out) {
  if (failed_) return false;
  if (tok_.kind != Token::Kind::kName) {
    return Fail(tok_, "Syntax Error: Expected Name, found " + Describe(tok_) + ".");
  }
  *out = tok_.text;
  Shift();
  return !failed_;
}

tl::expected<Document, SyntaxError> Parser::ParseDocument() {
  Document doc;
  do {
    bool ok = IsName("fragment") ? ParseFragment(&doc) : ParseOperation(&doc);
    if (!ok || failed_) return tl::unexpected(error_);
  } while (tok_.kind != Token::Kind::kEnd);
  return doc;
}

bool Parser::ParseOperation(Document* doc) {
  Operation op;
  op.loc = tok_.loc;
  if (failed_) return false;
  if (tok_.kind == Token::Kind::kName) {
    if (tok_.text != "query" && tok_.text != "mutation" && tok_.text != "subscription")
      return Unexpected();
    op.kind = tok_.text;
    Shift();
    if (tok_.kind == Token::Kind::kName && !ExpectName(&op.name)) return false;
    if (Is("(") && !ParseVariableDefinitions(&op)) return false;
    if (!ParseDirectives(&op.directives, false, 0)) return false;
  } else if (!Is("{")) {
    return Unexpected();
  }
  if (!ParseSelectionSet(&op.selections, 0)) return false;
  doc->operations.push_back(std::move(op));
  return true;
}

bool Parser::ParseFragment(Document* doc) {
  Fragment f;
  f.loc = tok_.loc;
  Shift();  // "fragment"
  if (!ExpectName(&f.name)) return false;
  if (f.name == "on") return Fail(tok_, "Syntax Error: Unexpected Name \"on\".");
  if (!IsName("on"))
    return Fail(tok_, "Syntax Error: Expected \"on\", found " + Describe(tok_) + ".");
  Shift();
  if (!ExpectName(&f.type_condition) || !ParseDirectives(&f.directives, false, 0) ||
      !ParseSelectionSet(&f.selections, 0)) {
    return false;
  }
  doc->fragments.push_back(std::move(f));
  return true;
}

bool Parser::ParseVariableDefinitions(Operation* op) {
  if (!Expect("(")) return false;
  do {
    VariableDefinition def;
    def.loc = tok_.loc;
    if (!Expect("$") || !ExpectName(&def.name) || !Expect(":") || !ParseType(&def.type, 0))
      return false;
    if (Is("=")) {
      Shift();
      def.default_value.emplace();
      if (!ParseValue(&*def.default_value, true, 0)) return false;
    }
    if (!ParseDirectives(&def.directives, true, 0)) return false;
    op->variables.push_back(std::move(def));
  } while (!Is(")") && !failed_);
  return Expect(")");
}

bool Parser::ParseType(TypeRef* type, int depth) {
  if (depth > kMaxDepth) return Fail(tok_, "Syntax Error: Document too deeply nested.");
  if (Is("[")) {
    Shift();
    type->of.emplace_back();
    if (!ParseType(&type->of.back(), depth + 1) || !Expect("]")) return false;
  } else if (!ExpectName(&type->name)) {
    return false;
  }
  if (Is("!")) {
    type->non_null = true;
    Shift();
  }
  return !failed_;
}

bool Parser::ParseSelectionSet(std::vector<Selection>* out, int depth) {
  if (depth > kMaxDepth) return Fail(tok_, "Syntax Error: Document too deeply nested.");
  if (!Expect("{")) return false;
  do {
    if (!ParseSelection(out, depth)) return false;
  } while (!Is("}") && !failed_);
  return Expect("}");
}

bool Parser::ParseSelection(std::vector<Selection>* out, int depth) {
  Selection sel;
  sel.loc = tok_.loc;
  if (Is("...")) {
    Shift();
    if (tok_.kind == Token::Kind::kName && tok_.text != "on") {
      sel.kind = Selection::Kind::kFragmentSpread;
      if (!ExpectName(&sel.name) || !ParseDirectives(&sel.directives, false, depth)) return false;
    } else {
      sel.kind = Selection::Kind::kInlineFragment;
      if (IsName("on")) {
        Shift();
        if (!ExpectName(&sel.type_condition)) return false;
      }
      if (!ParseDirectives(&sel.directives, false, depth) ||
          !ParseSelectionSet(&sel.selections, depth + 1)) {
        return false;
      }
    }
    out->push_back(std::move(sel));
    return true;
  }
  if (!ExpectName(&sel.name)) return false;
  if (Is(":")) {
    Shift();
    sel.alias = std::move(sel.name);
    if (!ExpectName(&sel.name)) return false;
  }
  if (Is("(") && !ParseArguments(&sel.arguments, false, depth)) return false;
  if (!ParseDirectives(&sel.directives, false, depth)) return false;
  if (Is("{") && !ParseSelectionSet(&sel.selections, depth + 1)) return false;
  out->push_back(std::move(sel));
  return !failed_;
}

bool Parser::ParseArguments(std::vector<Argument>* out, bool is_const, int depth) {
  if (!Expect("(")) return false;
  do {
    Argument arg;
    arg.loc = tok_.loc;
    if (!ExpectName(&arg.name) || !Expect(":") || !ParseValue(&arg.value, is_const, depth))
      return false;
    out->push_back(std::move(arg));
  } while (!Is(")") && !failed_);
  return Expect(")");
}

bool Parser::ParseDirectives(std::vector<Directive>* out, bool is_const, int depth) {
  while (Is("@") && !failed_) {
    Directive d;
    d.loc = tok_.loc;
    Shift();
    if (!ExpectName(&d.name)) return false;
    if (Is("(") && !ParseArguments(&d.arguments, is_const, depth)) return false;
    out->push_back(std::move(d));
  }
  return !failed_;
}

bool Parser::ParseValue(Value* out, bool is_const, int depth) {
  if (failed_) return false;
  if (depth > kMaxDepth) return Fail(tok_, "Syntax Error: Document too deeply nested.");
  out->loc = tok_.loc;
  using K = Value::Kind;
  switch (tok_.kind) {
    case Token::Kind::kInt:
      out->kind = K::kInt;
      out->text = tok_.text;
      if (std::from_chars(tok_.text.data(), tok_.text.data() + tok_.text.size(), out->int_value)
              .ec != std::errc()) {
        out->int_in_range = false;  // out of range: coercion refuses it as an Int
      }
      break;
    case Token::Kind::kFloat:
      out->kind = K::kFloat;
      out->text = tok_.text;
      break;
    case Token::Kind::kString:
      out->kind = K::kString;
      out->text = tok_.text;
      break;
    case Token::Kind::kName:
      out->text = tok_.text;
      out->kind = tok_.text == "true" || tok_.text == "false" ? K::kBool
                  : tok_.text == "null"                       ? K::kNull
                                                              : K::kEnum;
      out->bool_value = tok_.text == "true";
      break;
    case Token::Kind::kPunct:
      if (Is("$") && !is_const) {
        Shift();
        out->kind = K::kVariable;
        return ExpectName(&out->text);
      }
      if (Is("[") || Is("{")) return ParseListOrObject(out, is_const, depth);
      return Unexpected();
    default:
      return Unexpected();
  }
  Shift();
  return !failed_;
}

bool Parser::ParseListOrObject(Value* out, bool is_const, int depth) {
  bool list = Is("[");
  out->kind = list ? Value::Kind::kList : Value::Kind::kObject;
  Shift();
  while (!Is(list ? "]" : "}") && !failed_) {
    if (list) {
      out->list.emplace_back();
      if (!ParseValue(&out->list.back(), is_const, depth + 1)) return false;
    } else {
      Location at = tok_.loc;
      std::string name;
      if (!ExpectName(&name) || !Expect(":")) return false;
      out->fields.push_back({std::move(name), Value{}, at});
      if (!ParseValue(&out->fields.back().value, is_const, depth + 1)) return false;
    }
  }
  return Expect(list ? "]" : "}");
}

}  // namespace gb::graphql
