// OverlappingFieldsCanBeMerged (see validator.h): two fields answered under
// one response name must be the same field with the same arguments (unless
// their parents are different object types, so never both present), with
// return types of the same shape, and their sub-selections mergeable too.
#include <fmt/format.h>

#include <algorithm>

#include "graphql/input_coercion.h"
#include "graphql/validator.h"

namespace gb::graphql {
namespace {

std::string PrintArguments(const std::vector<Argument>& args) {
  std::vector<std::string> parts;
  for (const Argument& a : args) parts.push_back(a.name + ":" + PrintValue(a.value));
  std::sort(parts.begin(), parts.end());
  std::string out = "{";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "}";
}

}  // namespace

void Validator::MergeCheck(const TypeDef* parent, const std::vector<Selection>& selections) {
  FieldMap fields;
  std::set<std::string> visited;
  CollectFields(parent, selections, &fields, &visited, 0);
  for (const auto& [key, group] : fields) {
    for (size_t i = 0; i < group.size(); ++i) {
      for (size_t j = i + 1; j < group.size(); ++j) {
        if (--merge_budget_ < 0) return;
        std::string kind;
        auto conflict = Conflict(group[i], group[j], false, &kind, 0);
        if (!conflict) continue;
        const Location a = group[i].node->loc, b = group[j].node->loc;
        const std::string id =
            fmt::format("{}:{}:{}:{}:{}", key, a.line, a.column, b.line, b.column);
        if (!merge_reported_.insert(id).second) continue;
        Error(fmt::format("Field '{}' has {} {} conflict: {}?", key,
                          kind == "argument" ? "an" : "a", kind, *conflict),
              {a, b}, "fieldConflict", nullptr, {{"fieldName", key}, {"conflicts", *conflict}});
      }
    }
  }
}

void Validator::CollectFields(const TypeDef* parent, const std::vector<Selection>& selections,
                              FieldMap* out, std::set<std::string>* visited, int depth) {
  if (depth > 64) return;
  for (const Selection& sel : selections) {
    if (sel.kind == Selection::Kind::kField) {
      const FieldDef* def = parent ? schema_.FieldOn(*parent, sel.name) : nullptr;
      (*out)[sel.ResponseKey()].push_back({parent, &sel, def});
    } else if (sel.kind == Selection::Kind::kInlineFragment) {
      const TypeDef* type = sel.type_condition.empty() ? parent : schema_.Type(sel.type_condition);
      CollectFields(type, sel.selections, out, visited, depth + 1);
    } else if (visited->insert(sel.name).second) {
      if (const Fragment* f = doc_.FindFragment(sel.name)) {
        CollectFields(schema_.Type(f->type_condition), f->selections, out, visited, depth + 1);
      }
    }
  }
}

std::optional<std::string> Validator::Conflict(const FieldAt& a, const FieldAt& b, bool exclusive,
                                               std::string* kind, int depth) {
  if (a.node == b.node || depth > 32) return std::nullopt;
  exclusive =
      exclusive || (a.parent && b.parent && a.parent != b.parent &&
                    a.parent->kind == TypeKind::kObject && b.parent->kind == TypeKind::kObject);
  if (!exclusive) {
    if (a.node->name != b.node->name) {
      *kind = "field";
      return a.node->name + " or " + b.node->name;
    }
    const std::string args_a = PrintArguments(a.node->arguments);
    const std::string args_b = PrintArguments(b.node->arguments);
    if (args_a != args_b) {
      *kind = "argument";
      return args_a + " or " + args_b;
    }
  }
  if (a.def && b.def && !SameShape(a.def->type, b.def->type)) {
    *kind = "return_type";
    return "`" + a.def->type.ToString() + "` or `" + b.def->type.ToString() + "`";
  }
  if (!a.def || !b.def || a.node->selections.empty() || b.node->selections.empty())
    return std::nullopt;
  FieldMap left, right;
  std::set<std::string> seen_left, seen_right;
  CollectFields(schema_.Type(a.def->type.NamedType()), a.node->selections, &left, &seen_left, 0);
  CollectFields(schema_.Type(b.def->type.NamedType()), b.node->selections, &right, &seen_right, 0);
  for (const auto& [key, xs] : left) {
    auto it = right.find(key);
    if (it == right.end()) continue;
    for (const FieldAt& x : xs) {
      for (const FieldAt& y : it->second) {
        if (--merge_budget_ < 0) return std::nullopt;
        if (auto inner = Conflict(x, y, exclusive, kind, depth + 1)) return inner;
      }
    }
  }
  return std::nullopt;
}

bool Validator::SameShape(const TypeRef& a, const TypeRef& b) const {
  if (a.IsList() != b.IsList() || a.non_null != b.non_null) return false;
  if (a.IsList()) return SameShape(a.of.front(), b.of.front());
  const TypeDef* ta = schema_.Type(a.name);
  const TypeDef* tb = schema_.Type(b.name);
  if ((ta && ta->IsLeaf()) || (tb && tb->IsLeaf())) return a.name == b.name;
  return true;
}

}  // namespace gb::graphql
