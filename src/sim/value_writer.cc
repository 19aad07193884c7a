// Schema-driven default values and the null sprinkling (see value_writer.h).
#include "sim/value_writer.h"

#include "sim/sim_hash.h"

namespace gb::sim {

using graphql::PlanField;
using graphql::TypeDef;
using graphql::TypeKind;
using graphql::TypeRef;

namespace {

void Scalar(JsonWriter& w, const TypeDef& type) {
  const std::string& n = type.name;
  if (type.kind == TypeKind::kEnum) {
    if (type.enum_values.empty()) return w.Null();
    return w.String(type.enum_values.front().name);
  }
  if (n == "Int") return w.Int(0);
  if (n == "Float") return w.Double(0);
  if (n == "Boolean") return w.Bool(false);
  if (n == "ID" || n == "BigInt") return w.String("0");
  if (n == "CoreDateTime") return w.String("2025-12-30T00:00:00Z");
  if (n == "CoreDate" || n == "ISO8601Date") return w.String("2025-12-30");
  if (n == "JSON") return w.Raw("{}");
  w.String("");  // String, I18nString and any other scalar
}

}  // namespace

void ValueWriter::Default(JsonWriter& w, const TypeRef& type, const PlanField& field) const {
  if (type.IsList()) {
    w.BeginArray();
    w.EndArray();
    return;
  }
  if (!type.non_null || !field.type) return w.Null();
  if (field.type->IsLeaf()) return Scalar(w, *field.type);
  const TypeDef* object = field.type;
  if (object->IsAbstract()) {
    if (field.by_type.empty()) return w.Null();
    object = field.by_type.front().first;
  }
  DefaultObject(w, *object, graphql::SelectionFor(field, *object));
}

void ValueWriter::DefaultObject(JsonWriter& w, const TypeDef& object,
                                const std::vector<PlanField>& fields) const {
  w.BeginObject();
  for (const PlanField& f : fields) {
    w.Key(f.key);
    DefaultField(w, object, f);
  }
  w.EndObject();
}

void ValueWriter::DefaultField(JsonWriter& w, const TypeDef& object, const PlanField& f) const {
  if (f.name == "__typename") return w.String(object.name);
  Default(w, f.def->type, f);
}

bool ValueWriter::Sprinkled(uint64_t entity, const PlanField& field) const {
  return null_share_ > 0 && !field.def->type.non_null &&
         Unit(Hash(seed_, entity, field.salt)) < null_share_;
}

bool ValueWriter::SprinkledItem(uint64_t draw) const {
  return null_share_ > 0 && Unit(Hash(seed_, draw, 0x6e756c6c)) < null_share_;
}

}  // namespace gb::sim
