// Validation of selections (see validator.h): fields on their type, leaf and
// composite selections, spreads, arguments, directives, and the variables
// each definition uses. A field or fragment whose type is unknown is still
// walked (its variables and spreads count as used), without type checks.
#include <fmt/format.h>

#include <algorithm>

#include "graphql/input_coercion.h"
#include "graphql/validator.h"

namespace gb::graphql {
namespace {

using json = nlohmann::json;

json Extend(const json& path, const std::string& key) {
  json out = path;
  out.push_back(key);
  return out;
}

std::string Plural(TypeKind kind) {
  switch (kind) {
    case TypeKind::kEnum:
      return "enums";
    case TypeKind::kScalar:
      return "scalars";
    default:
      return "objects";
  }
}

std::string AllowedLocations(const DirectiveDef& def) {
  std::string out;
  for (std::string l : def.locations) {
    std::replace(l.begin(), l.end(), '_', ' ');
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
    out += (out.empty() ? "" : ", ") + l + "s";
  }
  return out;
}

}  // namespace

void Validator::SelectionSet(const TypeDef* parent, const std::vector<Selection>& selections,
                             const json& path, Uses* uses, int depth) {
  if (depth > 64) return;  // the parser already bounds nesting; fragments could loop
  for (const Selection& sel : selections) {
    if (sel.kind == Selection::Kind::kField) {
      Field(parent, sel, path, uses, depth);
    } else {
      Spread(parent, sel, path, uses, depth);
    }
  }
}

void Validator::Field(const TypeDef* parent, const Selection& sel, const json& path, Uses* uses,
                      int depth) {
  const json here = Extend(path, sel.ResponseKey());
  const FieldDef* def = parent ? schema_.FieldOn(*parent, sel.name) : nullptr;
  if (parent && !def) {
    Error(fmt::format("Field '{}' doesn't exist on type '{}'", sel.name, parent->name), {sel.loc},
          "undefinedField", here, {{"typeName", parent->name}, {"fieldName", sel.name}});
  }
  Arguments(sel.arguments, def ? &def->args : nullptr, sel.name, "Field", sel.loc, here, uses);
  Directives(sel.directives, "FIELD", here, uses);
  const TypeDef* type = def ? schema_.Type(def->type.NamedType()) : nullptr;
  if (type && type->IsLeaf() && !sel.selections.empty()) {
    std::string names;
    for (const Selection& s : sel.selections) {
      names += (names.empty() ? "\"" : ", \"") + (s.name.empty() ? "..." : s.name) + "\"";
    }
    Error(fmt::format("Selections can't be made on {} (field '{}' returns {} but has selections "
                      "[{}])",
                      Plural(type->kind), sel.name, type->name, names),
          {sel.loc}, "selectionMismatch", here, {{"nodeName", "field '" + sel.name + "'"}});
  } else if (type && type->IsComposite() && sel.selections.empty()) {
    Error(fmt::format("Field must have selections (field '{}' returns {} but has no selections. "
                      "Did you mean '{} {{ ... }}'?)",
                      sel.name, type->name, sel.name),
          {sel.loc}, "selectionMismatch", here, {{"nodeName", "field '" + sel.name + "'"}});
  }
  const TypeDef* composite = type && type->IsComposite() ? type : nullptr;
  SelectionSet(composite, sel.selections, here, uses, depth + 1);
  if (composite && !sel.selections.empty()) MergeCheck(composite, sel.selections);
}

void Validator::Spread(const TypeDef* parent, const Selection& sel, const json& path, Uses* uses,
                       int depth) {
  const TypeDef* type = parent;
  std::string label;
  if (sel.kind == Selection::Kind::kFragmentSpread) {
    Directives(sel.directives, "FRAGMENT_SPREAD", path, uses);
    uses->spreads.emplace_back(sel.name, sel.loc);
    const Fragment* fragment = doc_.FindFragment(sel.name);
    if (!fragment) {
      Error(fmt::format("Fragment {} was used, but not defined", sel.name), {sel.loc},
            "useAndDefineFragment", path, {{"fragmentName", sel.name}});
      return;
    }
    type = schema_.Type(fragment->type_condition);
    if (type && !type->IsComposite()) type = nullptr;
    label = " " + sel.name;
  } else {
    Directives(sel.directives, "INLINE_FRAGMENT", path, uses);
    if (!sel.type_condition.empty()) type = TypeCondition(sel.type_condition, sel.loc, path);
  }
  if (parent && type && type != parent) {
    bool overlap = false;
    for (const TypeDef* t : schema_.PossibleTypes(*type))
      overlap |= schema_.IsPossibleType(*parent, *t);
    if (!overlap) {
      Error(fmt::format("Fragment{} on {} can't be spread inside {}", label, type->name,
                        parent->name),
            {sel.loc}, "cannotSpreadFragment", path,
            {{"typeName", type->name}, {"parentName", parent->name}});
    }
  }
  if (sel.kind == Selection::Kind::kInlineFragment) {
    SelectionSet(type, sel.selections, path, uses, depth + 1);
  }
}

void Validator::Arguments(const std::vector<Argument>& args, const std::vector<InputValueDef>* defs,
                          const std::string& owner, const std::string& owner_kind,
                          const Location& at, const json& path, Uses* uses) {
  std::set<std::string> seen;
  for (const Argument& arg : args) {
    if (!seen.insert(arg.name).second) {
      Error(fmt::format("There can be only one argument named \"{}\"", arg.name), {arg.loc},
            "argumentNotUnique", path, {{"name", arg.name}});
    }
    const InputValueDef* def = nullptr;
    if (defs) {
      for (const auto& d : *defs) def = d.name == arg.name ? &d : def;
    }
    if (defs && !def) {
      Error(fmt::format("{} '{}' doesn't accept argument '{}'", owner_kind, owner, arg.name),
            {arg.loc}, "argumentNotAccepted", path,
            {{"name", owner}, {"typeName", owner_kind}, {"argumentName", arg.name}});
    }
    if (def && LiteralProblem(schema_, arg.value, def->type)) {
      Error(fmt::format("Argument '{}' on {} '{}' has an invalid value ({}). Expected type '{}'.",
                        arg.name, owner_kind, owner, PrintValue(arg.value), def->type.ToString()),
            {arg.loc}, "argumentLiteralsIncompatible", path,
            {{"typeName", owner_kind}, {"argumentName", arg.name}});
    }
    CollectVariables(arg.value, def ? std::optional<TypeRef>(def->type) : std::nullopt,
                     def && def->default_value, uses);
  }
  if (!defs) return;
  std::string missing;
  for (const InputValueDef& d : *defs) {
    if (d.type.non_null && !d.default_value && !seen.contains(d.name))
      missing += (missing.empty() ? "" : ", ") + d.name;
  }
  if (!missing.empty()) {
    Error(fmt::format("{} '{}' is missing required arguments: {}", owner_kind, owner, missing),
          {at}, "missingRequiredArguments", path,
          {{"className", owner_kind}, {"name", owner}, {"arguments", missing}});
  }
}

void Validator::Directives(const std::vector<Directive>& directives, const std::string& location,
                           const json& path, Uses* uses) {
  std::set<std::string> seen;
  for (const Directive& d : directives) {
    const DirectiveDef* def = schema_.Directive(d.name);
    if (!def) {
      Error(fmt::format("Directive @{} is not defined", d.name), {d.loc}, "undefinedDirective",
            path, {{"directiveName", d.name}});
      Arguments(d.arguments, nullptr, d.name, "Directive", d.loc, path, uses);
      continue;
    }
    if (std::find(def->locations.begin(), def->locations.end(), location) == def->locations.end()) {
      std::string here = location;
      std::replace(here.begin(), here.end(), '_', ' ');
      std::transform(here.begin(), here.end(), here.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      Error(fmt::format("'@{}' can't be applied to {}s (allowed: {})", d.name, here,
                        AllowedLocations(*def)),
            {d.loc}, "directiveCannotBeApplied", path, {{"targetName", here}, {"name", d.name}});
    }
    if (!def->repeatable && !seen.insert(d.name).second) {
      Error(fmt::format("The directive \"{}\" can only be used once at this location.", d.name),
            {d.loc}, "directiveNotUniqueForLocation", path, {{"directiveName", d.name}});
    }
    Arguments(d.arguments, &def->args, d.name, "Directive", d.loc, path, uses);
  }
}

// Records each variable in `value` with the type its position expects, as
// graphql-js's TypeInfo sees it (inside a list, the item type; a list
// written where a single value is expected holds values of that type).
void Validator::CollectVariables(const Value& value, const std::optional<TypeRef>& expected,
                                 bool has_default, Uses* uses) {
  using K = Value::Kind;
  if (value.kind == K::kVariable) {
    uses->variables.push_back({value.text, expected, has_default, value.loc});
  } else if (value.kind == K::kList) {
    std::optional<TypeRef> item = expected;
    if (item && item->IsList()) {
      item = TypeRef(item->of.front());
    } else if (item) {
      item->non_null = false;
    }
    for (const Value& v : value.list) CollectVariables(v, item, false, uses);
  } else if (value.kind == K::kObject) {
    const TypeDef* type = expected ? schema_.Type(expected->NamedType()) : nullptr;
    const bool object = type && type->kind == TypeKind::kInputObject && !expected->IsList();
    for (const ObjectField& f : value.fields) {
      const InputValueDef* def = object ? type->InputField(f.name) : nullptr;
      CollectVariables(f.value, def ? std::optional<TypeRef>(def->type) : std::nullopt,
                       def && def->default_value, uses);
    }
  }
}

}  // namespace gb::graphql
