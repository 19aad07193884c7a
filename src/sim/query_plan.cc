#include "sim/query_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/entry_types.h"
#include "core/iso_time.h"
#include "sim/graphql_schema.h"

namespace gb::sim {
namespace {

using json = nlohmann::json;
using gql::Location;
using gql::TypeRef;
using gql::Value;

TypeRef TypeFromText(std::string_view text) {
  TypeRef t;
  if (text.ends_with("!")) {
    t.non_null = true;
    text.remove_suffix(1);
  }
  if (text.starts_with("[")) {
    t.of.push_back(TypeFromText(text.substr(1, text.size() - 2)));
  } else {
    t.name = std::string(text);
  }
  return t;
}

// Coerces one input value (JSON, from variables or a converted literal) to a type.
bool CoerceScalar(const json& v, const std::string& type, json* out, std::string* err) {
  if (type == "Int") {
    if (!v.is_number_integer() || v.get<int64_t>() > INT32_MAX || v.get<int64_t>() < INT32_MIN) {
      *err = "Int cannot represent non-integer value: " + v.dump();
      return false;
    }
  } else if (type == "Float") {
    if (!v.is_number())
      return *err = "Float cannot represent non numeric value: " + v.dump(), false;
  } else if (type == "Boolean") {
    if (!v.is_boolean())
      return *err = "Boolean cannot represent a non boolean value: " + v.dump(), false;
  } else if (type == "String" || type == "ID") {
    if (!v.is_string() && !(type == "ID" && v.is_number_integer())) {
      return *err = type + " cannot represent a non string value: " + v.dump(), false;
    }
  } else if (type == "CoreDateTime") {
    std::optional<int64_t> t;
    if (v.is_string()) {
      auto s = v.get<std::string>();
      t = ParseIsoUtc(s.size() == 10 ? s + "T00:00:00Z" : s);
    }
    if (!t) return *err = "CoreDateTime cannot represent value: " + v.dump(), false;
    *out = *t;
    return true;
  } else if (type == "TimelineEntryType") {
    if (!v.is_string() || !IsKnownEntryType(v.get<std::string>())) {
      return *err = fmt::format("Value {} does not exist in \"TimelineEntryType\" enum.", v.dump()),
             false;
    }
  } else {
    return *err = "Unknown type \"" + type + "\".", false;
  }
  *out = v;
  return true;
}

bool CoerceJson(const json& v, const TypeRef& type, json* out, std::string* err) {
  if (v.is_null()) {
    if (type.non_null)
      return *err = "Expected value of type \"" + type.ToString() + "\", found null.", false;
    *out = nullptr;
    return true;
  }
  if (type.of.empty()) return CoerceScalar(v, type.name, out, err);
  *out = json::array();
  for (const auto& item : v.is_array() ? v : json::array({v})) {
    json coerced;
    if (!CoerceJson(item, type.of.front(), &coerced, err)) return false;
    out->push_back(std::move(coerced));
  }
  return true;
}

class Compiler {
 public:
  Compiler(const gql::Document& doc, const json& variables) : doc_(doc), variables_(variables) {}

  tl::expected<std::vector<PlanField>, GraphqlErrors> Run(const std::string& operation_name);

 private:
  const gql::Operation* PickOperation(const std::string& name);
  void CoerceVariables(const gql::Operation& op);
  bool LiteralToJson(const Value& v, json* out, std::vector<std::string>* undefined);
  void CompileSelections(const std::vector<gql::Selection>& sels, const gql::TypeDef& parent,
                         const std::vector<std::string>& path, std::vector<PlanField>* out,
                         int depth);
  void CompileField(const gql::Selection& sel, const gql::TypeDef& parent,
                    const std::vector<std::string>& path, std::vector<PlanField>* out, int depth);
  void CompileArguments(const gql::Selection& sel, const gql::TypeDef& parent,
                        const gql::FieldDef& field, PlanField* plan);
  void Error(std::string message, Location loc, std::vector<std::string> path = {}) {
    errors_.push_back({std::move(message), loc, std::move(path)});
  }

  const gql::Document& doc_;
  const json& variables_;
  json coerced_vars_ = json::object();
  std::set<std::string> declared_;
  GraphqlErrors errors_;
};

tl::expected<std::vector<PlanField>, GraphqlErrors> Compiler::Run(
    const std::string& operation_name) {
  const gql::Operation* op = PickOperation(operation_name);
  if (!op) return tl::unexpected(errors_);
  if (op->kind != "query") {
    Error("Schema is not configured to execute " + op->kind + " operation.", op->loc);
    return tl::unexpected(errors_);
  }
  CoerceVariables(*op);
  std::vector<PlanField> plan;
  CompileSelections(op->selections, *gql::FindType(gql::kQueryType), {}, &plan, 0);
  if (!errors_.empty()) return tl::unexpected(errors_);
  return plan;
}

const gql::Operation* Compiler::PickOperation(const std::string& name) {
  for (const auto& op : doc_.operations) {
    if (name.empty() ? doc_.operations.size() == 1 : op.name == name) return &op;
  }
  if (name.empty()) {
    errors_.push_back(
        {"Must provide operation name if query contains multiple operations.", {}, {}});
  } else {
    errors_.push_back({"Unknown operation named \"" + name + "\".", {}, {}});
  }
  return nullptr;
}

void Compiler::CoerceVariables(const gql::Operation& op) {
  for (const auto& def : op.variables) declared_.insert(def.name);
  for (const auto& def : op.variables) {
    std::string err;
    json value;
    auto root = def.type;
    while (!root.of.empty()) root = root.of.front();
    if (!gql::FindType(root.name) || !gql::FindType(root.name)->IsLeaf()) {
      Error(fmt::format("Variable \"${}\" cannot be non-input type \"{}\".", def.name,
                        def.type.ToString()),
            def.loc);
    } else if (variables_.is_object() && variables_.contains(def.name)) {
      if (!CoerceJson(variables_[def.name], def.type, &value, &err)) {
        Error(fmt::format("Variable \"${}\" got invalid value {}; {}", def.name,
                          variables_[def.name].dump(), err),
              def.loc);
      } else {
        // Keep the input value, not the coerced one: the argument it feeds is
        // coerced again (a CoreDateTime string would otherwise arrive as an
        // epoch number and be refused).
        coerced_vars_[def.name] = variables_[def.name];
      }
    } else if (def.default_value) {
      json literal;
      std::vector<std::string> undefined;
      LiteralToJson(*def.default_value, &literal, &undefined);
      if (!CoerceJson(literal, def.type, &value, &err)) {
        Error(fmt::format("Variable \"${}\" has an invalid default value: {}", def.name, err),
              def.loc);
      } else {
        coerced_vars_[def.name] = literal;
      }
    } else if (def.type.non_null) {
      Error(fmt::format("Variable \"${}\" of required type \"{}\" was not provided.", def.name,
                        def.type.ToString()),
            def.loc);
    }
  }
}

// A literal as JSON; variables are replaced by their coerced values. Returns
// false when the value is an unprovided variable (the argument is then absent).
bool Compiler::LiteralToJson(const Value& v, json* out, std::vector<std::string>* undefined) {
  using K = Value::Kind;
  switch (v.kind) {
    case K::kVariable:
      if (!declared_.contains(v.text)) {
        undefined->push_back(v.text);
        return false;
      }
      if (!coerced_vars_.contains(v.text)) return false;
      *out = coerced_vars_[v.text];
      return true;
    case K::kInt:
      *out = v.int_value;
      return true;
    case K::kFloat:
      *out = std::strtod(v.text.c_str(), nullptr);
      return true;
    case K::kString:
    case K::kEnum:
      *out = v.text;
      return true;
    case K::kBool:
      *out = v.bool_value;
      return true;
    case K::kNull:
      *out = nullptr;
      return true;
    case K::kList:
      *out = json::array();
      for (const auto& item : v.list) {
        json j;
        if (LiteralToJson(item, &j, undefined)) out->push_back(std::move(j));
      }
      return true;
    case K::kObject:
      *out = json::object();
      for (const auto& [name, item] : v.fields) {
        json j;
        if (LiteralToJson(item, &j, undefined)) (*out)[name] = std::move(j);
      }
      return true;
  }
  return false;
}

void Compiler::CompileSelections(const std::vector<gql::Selection>& sels,
                                 const gql::TypeDef& parent, const std::vector<std::string>& path,
                                 std::vector<PlanField>* out, int depth) {
  if (depth > 32) return Error("Query is nested too deeply.", sels.front().loc, path);
  for (const auto& sel : sels) {
    if (sel.kind == gql::Selection::Kind::kField) {
      CompileField(sel, parent, path, out, depth);
      continue;
    }
    const std::vector<gql::Selection>* inner = &sel.selections;
    std::string condition = sel.type_condition;
    if (sel.kind == gql::Selection::Kind::kFragmentSpread) {
      auto it = doc_.fragments.find(sel.name);
      if (it == doc_.fragments.end()) {
        Error("Unknown fragment \"" + sel.name + "\".", sel.loc, path);
        continue;
      }
      inner = &it->second.selections;
      condition = it->second.type_condition;
    }
    if (!condition.empty() && condition != parent.name) {
      Error(fmt::format("Fragment cannot be spread here as objects of type \"{}\" can never be of "
                        "type \"{}\".",
                        parent.name, condition),
            sel.loc, path);
      continue;
    }
    CompileSelections(*inner, parent, path, out, depth + 1);
  }
}

void Compiler::CompileField(const gql::Selection& sel, const gql::TypeDef& parent,
                            const std::vector<std::string>& path, std::vector<PlanField>* out,
                            int depth) {
  PlanField plan;
  plan.key = sel.ResponseKey();
  plan.name = sel.name;
  plan.path = path;
  plan.path.push_back(plan.key);
  if (sel.name == "__typename") {
    plan.args = std::string(parent.name);  // the value to answer
    out->push_back(std::move(plan));
    return;
  }
  const gql::FieldDef* field = parent.Field(sel.name);
  if (!field) {
    return Error(fmt::format("Cannot query field \"{}\" on type \"{}\".", sel.name, parent.name),
                 sel.loc, plan.path);
  }
  CompileArguments(sel, parent, *field, &plan);
  const gql::TypeDef* type = gql::FindType(field->type);
  if (type->IsLeaf() && !sel.selections.empty()) {
    return Error(
        fmt::format("Field \"{}\" must not have a selection since type \"{}\" has no subfields.",
                    sel.name, field->type_text),
        sel.loc, plan.path);
  }
  if (!type->IsLeaf() && sel.selections.empty()) {
    return Error(
        fmt::format("Field \"{}\" of type \"{}\" must have a selection of subfields. Did you mean "
                    "\"{} {{ ... }}\"?",
                    sel.name, field->type_text, sel.name),
        sel.loc, plan.path);
  }
  if (!type->IsLeaf())
    CompileSelections(sel.selections, *type, plan.path, &plan.children, depth + 1);
  out->push_back(std::move(plan));
}

void Compiler::CompileArguments(const gql::Selection& sel, const gql::TypeDef& parent,
                                const gql::FieldDef& field, PlanField* plan) {
  for (const auto& arg : sel.arguments) {
    auto def = std::find_if(field.args.begin(), field.args.end(),
                            [&](const gql::ArgDef& a) { return a.name == arg.name; });
    if (def == field.args.end()) {
      Error(fmt::format("Unknown argument \"{}\" on field \"{}.{}\".", arg.name, parent.name,
                        field.name),
            arg.loc, plan->path);
      continue;
    }
    json literal, value;
    std::vector<std::string> undefined;
    bool present = LiteralToJson(arg.value, &literal, &undefined);
    for (const auto& name : undefined)
      Error("Variable \"$" + name + "\" is not defined.", arg.value.loc);
    if (!present) continue;
    std::string err;
    if (!CoerceJson(literal, TypeFromText(def->type), &value, &err)) {
      Error(fmt::format("Argument \"{}\" has invalid value {}: {}", arg.name, literal.dump(), err),
            arg.value.loc, plan->path);
      continue;
    }
    plan->args[arg.name] = std::move(value);
  }
}

}  // namespace

tl::expected<std::vector<PlanField>, GraphqlErrors> CompileQuery(const gql::Document& doc,
                                                                 const std::string& operation_name,
                                                                 const json& variables) {
  return Compiler(doc, variables).Run(operation_name);
}

}  // namespace gb::sim
