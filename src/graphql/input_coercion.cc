// Input coercion of variable values and literal checks (see input_coercion.h).
#include "graphql/input_coercion.h"

#include <cmath>
#include <cstdint>

namespace gb::graphql {
namespace {

using json = nlohmann::json;

bool IsIntegral(const json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

bool FitsInt32(const json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() <= INT32_MAX;
  if (v.is_number_integer()) {
    int64_t i = v.get<int64_t>();
    return i >= INT32_MIN && i <= INT32_MAX;
  }
  double d = v.get<double>();
  return d >= INT32_MIN && d <= INT32_MAX;
}

// A built-in or custom scalar, or an enum, from JSON.
bool CoerceLeaf(const TypeDef& type, const json& v, json* out, std::string* why) {
  const std::string& n = type.name;
  auto fail = [&] {
    *why = "Could not coerce value " + v.dump() + " to " + n;
    return false;
  };
  if (type.kind == TypeKind::kEnum) {
    if (!v.is_string() || !type.HasEnumValue(v.get<std::string>())) {
      std::string names;
      for (const auto& e : type.enum_values) names += (names.empty() ? "" : ", ") + e.name;
      *why = "Expected " + v.dump() + " to be one of: " + names;
      return false;
    }
  } else if (n == "Int") {
    if (!IsIntegral(v) || !FitsInt32(v)) return fail();
    *out = v.is_number_float() ? json(static_cast<int64_t>(v.get<double>())) : v;
    return true;
  } else if (n == "Float") {
    if (!v.is_number()) return fail();
  } else if (n == "String" || n == "Boolean") {
    if (n == "String" ? !v.is_string() : !v.is_boolean()) return fail();
  } else if (n == "ID") {
    if (IsIntegral(v)) {
      *out = std::to_string(v.is_number_float() ? static_cast<int64_t>(v.get<double>())
                                                : v.get<int64_t>());
      return true;
    }
    if (!v.is_string()) return fail();
  }
  *out = v;  // custom scalars: any value, as buildSchema's
  return true;
}

bool CoerceObject(const Schema& schema, const TypeDef& type, const json& v, json* out,
                  std::vector<InputProblem>* problems, const json& path) {
  if (!v.is_object()) {
    problems->push_back({path, "Expected " + v.dump() + " to be a key-value object"});
    return false;
  }
  bool ok = true;
  *out = json::object();
  for (const auto& [key, item] : v.items()) {
    if (!type.InputField(key)) {
      json at = path;
      at.push_back(key);
      problems->push_back({at, "Field is not defined on " + type.name});
      ok = false;
    }
  }
  for (const InputValueDef& field : type.input_fields) {
    json at = path;
    at.push_back(field.name);
    if (!v.contains(field.name)) {
      json value;
      if (field.default_value && LiteralToJson(*field.default_value, json::object(), &value)) {
        (*out)[field.name] = std::move(value);
      } else if (field.type.non_null) {
        problems->push_back({at, "Expected value to not be null"});
        ok = false;
      }
      continue;
    }
    json coerced;
    if (CoerceJsonInput(schema, v[field.name], field.type, &coerced, problems, at)) {
      (*out)[field.name] = std::move(coerced);
    } else {
      ok = false;
    }
  }
  return ok;
}

}  // namespace

bool CoerceJsonInput(const Schema& schema, const json& value, const TypeRef& type, json* out,
                     std::vector<InputProblem>* problems, const json& path) {
  if (value.is_null()) {
    if (!type.non_null) {
      *out = nullptr;
      return true;
    }
    problems->push_back({path, "Expected value to not be null"});
    return false;
  }
  if (type.IsList()) {
    const TypeRef& item = type.of.front();
    *out = json::array();
    if (!value.is_array()) {
      json coerced;
      if (!CoerceJsonInput(schema, value, item, &coerced, problems, path)) return false;
      out->push_back(std::move(coerced));
      return true;
    }
    bool ok = true;
    for (size_t i = 0; i < value.size(); ++i) {
      json at = path, coerced;
      at.push_back(i);
      ok = CoerceJsonInput(schema, value[i], item, &coerced, problems, at) && ok;
      out->push_back(std::move(coerced));
    }
    return ok;
  }
  const TypeDef* named = schema.Type(type.name);
  if (!named || !named->IsInput()) {
    problems->push_back({path, type.name + " isn't a valid input type"});
    return false;
  }
  if (named->kind == TypeKind::kInputObject)
    return CoerceObject(schema, *named, value, out, problems, path);
  std::string why;
  if (CoerceLeaf(*named, value, out, &why)) return true;
  problems->push_back({path, std::move(why)});
  return false;
}

std::optional<std::string> LiteralProblem(const Schema& schema, const Value& v,
                                          const TypeRef& type) {
  using K = Value::Kind;
  if (v.kind == K::kVariable) return std::nullopt;  // judged by VariablesInAllowedPosition
  if (v.kind == K::kNull) {
    if (type.non_null) return "Expected value to not be null";
    return std::nullopt;
  }
  if (type.IsList()) {
    if (v.kind != K::kList) return LiteralProblem(schema, v, type.of.front());
    for (const Value& item : v.list) {
      if (auto p = LiteralProblem(schema, item, type.of.front())) return p;
    }
    return std::nullopt;
  }
  const TypeDef* named = schema.Type(type.name);
  if (!named) return "Unknown type " + type.name;
  if (named->kind == TypeKind::kInputObject) {
    if (v.kind != K::kObject) return "Expected an input object";
    for (const ObjectField& f : v.fields) {
      const InputValueDef* def = named->InputField(f.name);
      if (!def) return "Field is not defined on " + named->name;
      if (auto p = LiteralProblem(schema, f.value, def->type)) return p;
    }
    for (const InputValueDef& def : named->input_fields) {
      bool given = false;
      for (const ObjectField& f : v.fields) given |= f.name == def.name;
      if (!given && def.type.non_null && !def.default_value) {
        return "Argument '" + def.name + "' on InputObject '" + named->name +
               "' is required. Expected type " + def.type.ToString();
      }
    }
    return std::nullopt;
  }
  const std::string& n = named->name;
  bool ok = true;
  if (named->kind == TypeKind::kEnum) {
    ok = v.kind == K::kEnum && named->HasEnumValue(v.text);
  } else if (n == "Int") {
    ok =
        v.kind == K::kInt && v.int_in_range && v.int_value >= INT32_MIN && v.int_value <= INT32_MAX;
  } else if (n == "Float") {
    ok = v.kind == K::kInt || v.kind == K::kFloat;
  } else if (n == "String") {
    ok = v.kind == K::kString;
  } else if (n == "Boolean") {
    ok = v.kind == K::kBool;
  } else if (n == "ID") {
    ok = v.kind == K::kString || (v.kind == K::kInt && v.int_in_range);
  }
  if (ok) return std::nullopt;
  return "Could not coerce value " + PrintValue(v) + " to " + n;
}

bool LiteralToJson(const Value& v, const json& variables, json* out) {
  using K = Value::Kind;
  switch (v.kind) {
    case K::kVariable:
      if (!variables.is_object() || !variables.contains(v.text)) return false;
      *out = variables[v.text];
      return true;
    case K::kInt:
      *out = v.int_in_range ? json(v.int_value) : json(std::strtod(v.text.c_str(), nullptr));
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
        out->push_back(LiteralToJson(item, variables, &j) ? std::move(j) : json());
      }
      return true;
    case K::kObject:
      *out = json::object();
      for (const auto& f : v.fields) {
        json j;
        if (LiteralToJson(f.value, variables, &j)) (*out)[f.name] = std::move(j);
      }
      return true;
  }
  return false;
}

std::string PrintValue(const Value& v) {
  using K = Value::Kind;
  switch (v.kind) {
    case K::kVariable:
      return "$" + v.text;
    case K::kString:
      return json(v.text).dump(-1, ' ', false, json::error_handler_t::replace);
    case K::kList: {
      std::string s = "[";
      for (size_t i = 0; i < v.list.size(); ++i) s += (i ? ", " : "") + PrintValue(v.list[i]);
      return s + "]";
    }
    case K::kObject: {
      std::string s = "{";
      for (size_t i = 0; i < v.fields.size(); ++i) {
        s += (i ? ", " : "") + v.fields[i].name + ": " + PrintValue(v.fields[i].value);
      }
      return s + "}";
    }
    default:
      return v.text;
  }
}

}  // namespace gb::graphql
