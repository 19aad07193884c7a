// CollectFields and argument coercion into a plan tree (see execution_plan.h).
#include "graphql/execution_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "graphql/input_coercion.h"

namespace gb::graphql {
namespace {

using json = nlohmann::json;

class PlanCompiler {
 public:
  PlanCompiler(const Schema& schema, const PreparedRequest& request, int max_fields)
      : schema_(schema), request_(request), budget_(max_fields) {}

  // The fields of `type` selected by the union of `sets`.
  bool Compile(const TypeDef& type, const std::vector<const std::vector<Selection>*>& sets,
               std::vector<PlanField>* out);
  bool Collect(const TypeDef& type, const std::vector<Selection>& selections,
               std::vector<std::pair<std::string, std::vector<const Selection*>>>* groups,
               std::set<std::string>* visited);

 private:
  bool Included(const std::vector<Directive>& directives) const;
  bool Applies(const std::string& condition, const TypeDef& type) const;
  json Arguments(const Selection& sel, const FieldDef& def) const;

  const Schema& schema_;
  const PreparedRequest& request_;
  int budget_;
  int fields_ = 0;
};

bool PlanCompiler::Included(const std::vector<Directive>& directives) const {
  for (const Directive& d : directives) {
    if (d.name != "skip" && d.name != "include") continue;
    for (const Argument& a : d.arguments) {
      json value;
      if (a.name != "if" || !LiteralToJson(a.value, request_.variables, &value)) continue;
      if (value.is_boolean() && value.get<bool>() == (d.name == "skip")) return false;
    }
  }
  return true;
}

bool PlanCompiler::Applies(const std::string& condition, const TypeDef& type) const {
  if (condition.empty() || condition == type.name) return true;
  const TypeDef* cond = schema_.Type(condition);
  return cond && cond->IsAbstract() && schema_.IsPossibleType(*cond, type);
}

bool PlanCompiler::Collect(
    const TypeDef& type, const std::vector<Selection>& selections,
    std::vector<std::pair<std::string, std::vector<const Selection*>>>* groups,
    std::set<std::string>* visited) {
  for (const Selection& sel : selections) {
    if (!Included(sel.directives)) continue;
    if (sel.kind == Selection::Kind::kField) {
      auto it = std::find_if(groups->begin(), groups->end(),
                             [&](const auto& g) { return g.first == sel.ResponseKey(); });
      if (it == groups->end()) {
        groups->emplace_back(sel.ResponseKey(), std::vector<const Selection*>{&sel});
      } else {
        it->second.push_back(&sel);
      }
      continue;
    }
    const std::vector<Selection>* inner = &sel.selections;
    std::string condition = sel.type_condition;
    if (sel.kind == Selection::Kind::kFragmentSpread) {
      const Fragment* f = request_.document.FindFragment(sel.name);
      if (!f || !visited->insert(sel.name).second) continue;
      inner = &f->selections;
      condition = f->type_condition;
    }
    if (Applies(condition, type)) Collect(type, *inner, groups, visited);
  }
  return true;
}

json PlanCompiler::Arguments(const Selection& sel, const FieldDef& def) const {
  json args = json::object();
  for (const InputValueDef& arg : def.args) {
    const Argument* given = nullptr;
    for (const Argument& a : sel.arguments) given = a.name == arg.name ? &a : given;
    json literal, coerced;
    std::vector<InputProblem> problems;
    if (given && LiteralToJson(given->value, request_.variables, &literal)) {
      if (CoerceJsonInput(schema_, literal, arg.type, &coerced, &problems))
        args[arg.name] = std::move(coerced);
    } else if (arg.default_value && LiteralToJson(*arg.default_value, json::object(), &literal)) {
      args[arg.name] = std::move(literal);
    }
  }
  return args;
}

bool PlanCompiler::Compile(const TypeDef& type,
                           const std::vector<const std::vector<Selection>*>& sets,
                           std::vector<PlanField>* out) {
  std::vector<std::pair<std::string, std::vector<const Selection*>>> groups;
  std::set<std::string> visited;
  for (const auto* set : sets) Collect(type, *set, &groups, &visited);
  for (auto& [key, sels] : groups) {
    if (++fields_ > budget_) return false;
    const Selection& first = *sels.front();
    const FieldDef* def = schema_.FieldOn(type, first.name);
    if (!def) continue;  // validation already refused it
    PlanField field;
    field.key = key;
    field.name = first.name;
    field.def = def;
    field.type = schema_.Type(def->type.NamedType());
    field.args = Arguments(first, *def);
    field.loc = first.loc;
    std::vector<const std::vector<Selection>*> inner;
    for (const Selection* sel : sels) inner.push_back(&sel->selections);
    if (field.type && field.type->kind == TypeKind::kObject) {
      if (!Compile(*field.type, inner, &field.children)) return false;
    } else if (field.type && field.type->IsAbstract()) {
      for (const TypeDef* object : schema_.PossibleTypes(*field.type)) {
        field.by_type.emplace_back(object, std::vector<PlanField>{});
        if (!Compile(*object, inner, &field.by_type.back().second)) return false;
      }
    }
    out->push_back(std::move(field));
  }
  return true;
}

}  // namespace

tl::expected<std::vector<PlanField>, GraphqlErrors> CompilePlan(const Schema& schema,
                                                                const PreparedRequest& request,
                                                                int max_fields) {
  const Operation& op = request.op();
  const TypeDef* root = schema.RootType(op.kind);
  std::vector<PlanField> plan;
  PlanCompiler compiler(schema, request, max_fields);
  if (!root || !compiler.Compile(*root, {&op.selections}, &plan)) {
    return tl::unexpected(GraphqlErrors{
        {fmt::format("Query has complexity of more than {}, which exceeds max complexity of {}",
                     max_fields, max_fields),
         {op.loc},
         nullptr,
         "",
         json::object()}});
  }
  return plan;
}

const std::vector<PlanField>& SelectionFor(const PlanField& field, const TypeDef& object) {
  for (const auto& [type, selection] : field.by_type) {
    if (type == &object) return selection;
  }
  return field.children;
}

}  // namespace gb::graphql
