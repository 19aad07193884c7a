// Validation of an executable document (see validator.h). One walk over each
// operation and fragment checks fields, arguments, directives and spreads and
// records the variables and fragments each uses; the per-operation variable
// rules and the fragment graph rules then run over those records.
#include "graphql/validator.h"

#include <fmt/format.h>

#include <algorithm>

#include "graphql/input_coercion.h"

namespace gb::graphql {
namespace {

using json = nlohmann::json;

std::string OperationLabel(const Operation& op) {
  return op.name.empty() ? op.kind : op.kind + " " + op.name;
}

std::string Anonymous(const Operation& op) {
  return op.name.empty() ? "anonymous " + op.kind : op.name;
}

}  // namespace

GraphqlErrors Validate(const Schema& schema, const Document& document) {
  return Validator(schema, document).Run();
}

void Validator::Error(std::string message, std::vector<Location> locations, std::string code,
                      json path, json extensions) {
  errors_.push_back({std::move(message), std::move(locations), std::move(path), std::move(code),
                     std::move(extensions)});
}

GraphqlErrors Validator::Run() {
  OperationNames();
  FragmentDefinitions();
  std::vector<Uses> operation_uses(doc_.operations.size());
  for (size_t i = 0; i < doc_.operations.size(); ++i) {
    const Operation& op = doc_.operations[i];
    const json path = json::array({OperationLabel(op)});
    const TypeDef* root = schema_.RootType(op.kind);
    if (!root) {
      Error(fmt::format("Schema is not configured for {}s", op.kind), {op.loc},
            op.kind == "mutation" ? "missingMutationConfiguration"
                                  : "missingSubscriptionConfiguration",
            path);
    }
    VariableDefinitions(op);
    Directives(op.directives,
               op.kind == "query" ? "QUERY" : (op.kind == "mutation" ? "MUTATION" : "SUBSCRIPTION"),
               path, &operation_uses[i]);
    SelectionSet(root, op.selections, path, &operation_uses[i], 0);
    if (root) MergeCheck(root, op.selections);
  }
  std::map<std::string, Uses> fragment_uses;
  for (const Fragment& f : doc_.fragments) {
    if (fragment_uses.contains(f.name)) continue;
    Uses& uses = fragment_uses[f.name];
    const json path = json::array({"fragment " + f.name});
    const TypeDef* type = TypeCondition(f.type_condition, f.loc, path);
    Directives(f.directives, "FRAGMENT_DEFINITION", path, &uses);
    SelectionSet(type, f.selections, path, &uses, 0);
    if (type) MergeCheck(type, f.selections);
  }
  FragmentGraph(fragment_uses, operation_uses);
  for (size_t i = 0; i < doc_.operations.size(); ++i) {
    OperationVariables(doc_.operations[i], operation_uses[i], fragment_uses);
  }
  return std::move(errors_);
}

void Validator::OperationNames() {
  std::map<std::string, std::vector<Location>> by_name;
  for (const Operation& op : doc_.operations) by_name[op.name].push_back(op.loc);
  for (const auto& [name, locations] : by_name) {
    if (name.empty() && doc_.operations.size() > 1) {
      Error("Operation name is required when multiple operations are present", locations,
            "uniquelyNamedOperations");
    } else if (!name.empty() && locations.size() > 1) {
      Error(fmt::format("Operation name \"{}\" must be unique", name), locations,
            "uniquelyNamedOperations", nullptr, {{"operationName", name}});
    }
  }
}

void Validator::FragmentDefinitions() {
  std::map<std::string, std::vector<Location>> by_name;
  for (const Fragment& f : doc_.fragments) by_name[f.name].push_back(f.loc);
  for (const auto& [name, locations] : by_name) {
    if (locations.size() > 1) {
      Error(fmt::format("Fragment name \"{}\" must be unique", name), locations,
            "fragmentNotUnique", nullptr, {{"fragmentName", name}});
    }
  }
}

const TypeDef* Validator::TypeCondition(const std::string& name, const Location& at,
                                        const json& path) {
  const TypeDef* type = schema_.Type(name);
  if (!type) {
    Error(fmt::format("No such type {}, so it can't be a fragment condition", name), {at},
          "undefinedType", path, {{"typeName", name}});
    return nullptr;
  }
  if (!type->IsComposite()) {
    Error(fmt::format("Invalid fragment on type {} (must be Union, Interface or Object)", name),
          {at}, "fragmentOnNonCompositeType", path, {{"typeName", name}});
    return nullptr;
  }
  return type;
}

// Fragments used (reachable from an operation), defined, and without cycles.
void Validator::FragmentGraph(const std::map<std::string, Uses>& fragment_uses,
                              const std::vector<Uses>& operation_uses) {
  std::set<std::string> reached;
  std::vector<std::string> todo;
  auto visit = [&](const Uses& uses) {
    for (const auto& [name, loc] : uses.spreads) {
      if (reached.insert(name).second) todo.push_back(name);
    }
  };
  for (const Uses& uses : operation_uses) visit(uses);
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    auto it = fragment_uses.find(name);
    if (it != fragment_uses.end()) visit(it->second);
  }
  for (const Fragment& f : doc_.fragments) {
    if (!reached.contains(f.name)) {
      Error(fmt::format("Fragment {} was defined, but not used", f.name), {f.loc},
            "useAndDefineFragment", json::array({"fragment " + f.name}),
            {{"fragmentName", f.name}});
    }
  }
  // Cycles: a depth-first walk from each fragment; a spread back onto the
  // walk's own path is a loop.
  std::set<std::string> reported;
  for (const auto& [start, uses] : fragment_uses) {
    std::vector<std::string> stack = {start};
    std::set<std::string> seen = {start};
    std::function<void(const std::string&)> walk = [&](const std::string& name) {
      auto it = fragment_uses.find(name);
      if (it == fragment_uses.end()) return;
      for (const auto& [next, loc] : it->second.spreads) {
        if (next == start) {
          if (reported.insert(start).second) {
            Error(fmt::format("Fragment {} contains an infinite loop", start), {loc},
                  "infiniteLoop", json::array({"fragment " + start}), {{"fragmentName", start}});
          }
          continue;
        }
        if (seen.insert(next).second) walk(next);
      }
    };
    walk(start);
  }
}

void Validator::VariableDefinitions(const Operation& op) {
  std::set<std::string> seen;
  const json path = json::array({OperationLabel(op)});
  for (const VariableDefinition& def : op.variables) {
    if (!seen.insert(def.name).second) {
      Error(fmt::format("There can only be one variable named \"{}\"", def.name), {def.loc},
            "variableNotUnique", path, {{"variableName", def.name}});
    }
    const TypeDef* type = schema_.Type(def.type.NamedType());
    if (!type) {
      Error(fmt::format("{} isn't a defined input type (on ${})", def.type.NamedType(), def.name),
            {def.loc}, "variableRequiresValidType", path,
            {{"typeName", def.type.NamedType()}, {"variableName", def.name}});
      continue;
    }
    if (!type->IsInput()) {
      Error(fmt::format("{} isn't a valid input type (on ${})", type->name, def.name), {def.loc},
            "variableRequiresValidType", path,
            {{"typeName", type->name}, {"variableName", def.name}});
      continue;
    }
    Uses ignored;
    Directives(def.directives, "VARIABLE_DEFINITION", path, &ignored);
    if (def.default_value) {
      if (auto problem = LiteralProblem(schema_, *def.default_value, def.type)) {
        Error(fmt::format("Default value for ${} doesn't match type {}", def.name,
                          def.type.ToString()),
              {def.default_value->loc}, "defaultValueInvalidType", path,
              {{"variableName", def.name}, {"typeName", def.type.ToString()}});
      }
    }
  }
}

void Validator::OperationVariables(const Operation& op, const Uses& direct,
                                   const std::map<std::string, Uses>& fragment_uses) {
  std::vector<const VarUse*> uses;
  for (const VarUse& u : direct.variables) uses.push_back(&u);
  std::set<std::string> visited;
  std::vector<std::string> todo;
  for (const auto& [name, loc] : direct.spreads) todo.push_back(name);
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    if (!visited.insert(name).second) continue;
    auto it = fragment_uses.find(name);
    if (it == fragment_uses.end()) continue;
    for (const VarUse& u : it->second.variables) uses.push_back(&u);
    for (const auto& [next, loc] : it->second.spreads) todo.push_back(next);
  }
  const json path = json::array({OperationLabel(op)});
  std::set<std::string> used, reported;
  for (const VarUse* u : uses) {
    used.insert(u->name);
    auto def = std::find_if(op.variables.begin(), op.variables.end(),
                            [&](const VariableDefinition& d) { return d.name == u->name; });
    if (def == op.variables.end()) {
      if (reported.insert(u->name).second) {
        Error(fmt::format("Variable ${} is used by {} but not declared", u->name, Anonymous(op)),
              {u->loc}, "variableNotDefined", path, {{"variableName", u->name}});
      }
      continue;
    }
    if (u->expected && schema_.IsInputType(def->type) && !AllowedUsage(*def, *u)) {
      const bool nullability = def->type.ToString() + "!" == u->expected->ToString();
      Error(fmt::format("{} on variable ${} and argument ({} / {})",
                        nullability ? "Nullability mismatch" : "Type mismatch", u->name,
                        def->type.ToString(), u->expected->ToString()),
            {u->loc}, "variableMismatch", path,
            {{"variableName", u->name},
             {"typeName", def->type.ToString()},
             {"errorMessage", nullability ? "Nullability mismatch" : "Type mismatch"}});
    }
  }
  for (const VariableDefinition& def : op.variables) {
    if (!used.contains(def.name)) {
      Error(fmt::format("Variable ${} is declared by {} but not used", def.name, Anonymous(op)),
            {def.loc}, "variableNotUsed", path, {{"variableName", def.name}});
    }
  }
}

bool Validator::AllowedUsage(const VariableDefinition& def, const VarUse& use) const {
  const TypeRef& location = *use.expected;
  if (location.non_null && !def.type.non_null) {
    const bool var_default = def.default_value && def.default_value->kind != Value::Kind::kNull;
    if (!var_default && !use.location_has_default) return false;
    TypeRef inner = location;
    inner.non_null = false;
    return IsSubType(def.type, inner);
  }
  return IsSubType(def.type, location);
}

bool Validator::IsSubType(const TypeRef& sub, const TypeRef& super) const {
  if (super.non_null) {
    if (!sub.non_null) return false;
    TypeRef a = sub, b = super;
    a.non_null = b.non_null = false;
    return IsSubType(a, b);
  }
  if (sub.non_null) {
    TypeRef a = sub;
    a.non_null = false;
    return IsSubType(a, super);
  }
  if (super.IsList()) return sub.IsList() && IsSubType(sub.of.front(), super.of.front());
  if (sub.IsList()) return false;
  return sub.name == super.name;
}

}  // namespace gb::graphql
