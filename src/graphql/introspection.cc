// __schema and __type from the schema model (see introspection.h).
#include "graphql/introspection.h"

#include "graphql/input_coercion.h"

namespace gb::graphql {
namespace {

using ojson = nlohmann::ordered_json;
using Fields = std::vector<PlanField>;

// A __Type: a named type, or a LIST / NON_NULL wrapper around `ref`.
struct TypeView {
  const TypeDef* named = nullptr;
  const TypeRef* ref = nullptr;  // set for a wrapped reference
};

class Introspector {
 public:
  explicit Introspector(const Schema& schema) : schema_(schema) {}
  ojson Schema(const Fields& fields) const;
  ojson Type(const TypeView& t, const Fields& fields) const;

 private:
  template <class Fn>
  ojson Object(const Fields& fields, const char* type_name, Fn value) const {
    ojson out = ojson::object();
    for (const PlanField& f : fields) {
      out[f.key] = f.name == "__typename" ? ojson(type_name) : value(f);
    }
    return out;
  }
  ojson List(const Fields& fields, const std::vector<const TypeDef*>& types) const;
  ojson Ref(const TypeRef& ref, const Fields& fields) const;
  ojson Field(const FieldDef& def, const Fields& fields) const;
  ojson InputValue(const InputValueDef& def, const Fields& fields) const;
  ojson InputValues(const std::vector<InputValueDef>& defs, const Fields& fields) const;
  ojson Directive(const DirectiveDef& def, const Fields& fields) const;

  const graphql::Schema& schema_;
};

bool Deprecated(const std::optional<std::string>& d) { return d.has_value(); }
ojson Reason(const std::optional<std::string>& d) { return d ? ojson(*d) : ojson(); }

ojson Introspector::List(const Fields& fields, const std::vector<const TypeDef*>& types) const {
  ojson out = ojson::array();
  for (const TypeDef* t : types) out.push_back(Type({t, nullptr}, fields));
  return out;
}

ojson Introspector::Schema(const Fields& fields) const {
  return Object(fields, "__Schema", [&](const PlanField& f) -> ojson {
    const auto& c = f.children;
    if (f.name == "types") {
      std::vector<const TypeDef*> all;
      for (const TypeDef& t : schema_.types()) all.push_back(&t);
      return List(c, all);
    }
    if (f.name == "queryType") return Type({&schema_.query_type(), nullptr}, c);
    if (f.name == "mutationType")
      return schema_.mutation_type() ? Type({schema_.mutation_type(), nullptr}, c) : ojson();
    if (f.name == "subscriptionType")
      return schema_.subscription_type() ? Type({schema_.subscription_type(), nullptr}, c)
                                         : ojson();
    if (f.name == "directives") {
      ojson out = ojson::array();
      for (const DirectiveDef& d : schema_.directives()) out.push_back(Directive(d, c));
      return out;
    }
    return nullptr;  // description
  });
}

ojson Introspector::Ref(const TypeRef& ref, const Fields& fields) const {
  if (ref.non_null || ref.IsList()) return Type({nullptr, &ref}, fields);
  return Type({schema_.Type(ref.name), nullptr}, fields);
}

ojson Introspector::Type(const TypeView& t, const Fields& fields) const {
  if (!t.named && !t.ref) return nullptr;
  return Object(fields, "__Type", [&](const PlanField& f) -> ojson {
    const auto& c = f.children;
    if (t.ref) {  // a wrapper: only kind and ofType mean something
      if (f.name == "kind") return t.ref->non_null ? "NON_NULL" : "LIST";
      if (f.name != "ofType") return nullptr;
      TypeRef inner = t.ref->non_null ? *t.ref : t.ref->of.front();
      inner.non_null = false;
      return Ref(inner, c);
    }
    const TypeDef& d = *t.named;
    const auto deprecated = f.args.find("includeDeprecated");
    const bool all =
        deprecated != f.args.end() && deprecated->is_boolean() && deprecated->get<bool>();
    if (f.name == "kind") return KindName(d.kind);
    if (f.name == "name") return d.name;
    if (f.name == "description") return d.description.empty() ? ojson() : ojson(d.description);
    if (f.name == "fields") {
      if (d.kind != TypeKind::kObject && d.kind != TypeKind::kInterface) return nullptr;
      ojson out = ojson::array();
      for (const FieldDef& fd : d.fields) {
        if (all || !Deprecated(fd.deprecation)) out.push_back(Field(fd, c));
      }
      return out;
    }
    if (f.name == "interfaces") {
      if (d.kind != TypeKind::kObject && d.kind != TypeKind::kInterface) return nullptr;
      std::vector<const TypeDef*> list;
      for (const auto& n : d.interfaces) list.push_back(schema_.Type(n));
      return List(c, list);
    }
    if (f.name == "possibleTypes")
      return d.IsAbstract() ? List(c, schema_.PossibleTypes(d)) : ojson();
    if (f.name == "enumValues") {
      if (d.kind != TypeKind::kEnum) return nullptr;
      ojson out = ojson::array();
      for (const EnumValueDef& v : d.enum_values) {
        if (!all && Deprecated(v.deprecation)) continue;
        out.push_back(Object(c, "__EnumValue", [&](const PlanField& e) -> ojson {
          if (e.name == "name") return v.name;
          if (e.name == "isDeprecated") return Deprecated(v.deprecation);
          if (e.name == "deprecationReason") return Reason(v.deprecation);
          return nullptr;
        }));
      }
      return out;
    }
    if (f.name == "inputFields")
      return d.kind == TypeKind::kInputObject ? InputValues(d.input_fields, c) : ojson();
    return nullptr;  // specifiedByURL, ofType
  });
}

ojson Introspector::Field(const FieldDef& def, const Fields& fields) const {
  return Object(fields, "__Field", [&](const PlanField& f) -> ojson {
    if (f.name == "name") return def.name;
    if (f.name == "args") return InputValues(def.args, f.children);
    if (f.name == "type") return Ref(def.type, f.children);
    if (f.name == "isDeprecated") return Deprecated(def.deprecation);
    if (f.name == "deprecationReason") return Reason(def.deprecation);
    return nullptr;
  });
}

ojson Introspector::InputValue(const InputValueDef& def, const Fields& fields) const {
  return Object(fields, "__InputValue", [&](const PlanField& f) -> ojson {
    if (f.name == "name") return def.name;
    if (f.name == "type") return Ref(def.type, f.children);
    if (f.name == "defaultValue")
      return def.default_value ? ojson(PrintValue(*def.default_value)) : ojson();
    if (f.name == "isDeprecated") return false;
    return nullptr;
  });
}

ojson Introspector::InputValues(const std::vector<InputValueDef>& defs,
                                const Fields& fields) const {
  ojson out = ojson::array();
  for (const InputValueDef& d : defs) out.push_back(InputValue(d, fields));
  return out;
}

ojson Introspector::Directive(const DirectiveDef& def, const Fields& fields) const {
  return Object(fields, "__Directive", [&](const PlanField& f) -> ojson {
    if (f.name == "name") return def.name;
    if (f.name == "isRepeatable") return def.repeatable;
    if (f.name == "locations") return def.locations;
    if (f.name == "args") return InputValues(def.args, f.children);
    return nullptr;
  });
}

}  // namespace

nlohmann::ordered_json Introspect(const Schema& schema, const PlanField& field) {
  Introspector in(schema);
  if (field.name == "__schema") return in.Schema(field.children);
  if (field.name == "__type") {
    const TypeDef* t = schema.Type(field.args.value("name", std::string()));
    return t ? in.Type({t, nullptr}, field.children) : ojson();
  }
  return nullptr;
}

}  // namespace gb::graphql
