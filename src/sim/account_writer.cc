// Serialization of the account's objects (see account_writer.h).
#include "sim/account_writer.h"

#include "graphql/gazelle_schema.h"
#include "sim/sim_hash.h"

namespace gb::sim {

using graphql::PlanField;

namespace {

// The arguments of a nested connection the simulator honours: paging, and
// includeArchived (no contact is archived, so both answers are the same).
bool Modelled(std::string_view arg) {
  return arg == "first" || arg == "after" || arg == "last" || arg == "before" ||
         arg == "includeArchived";
}

uint64_t EntityKey(ObjRef ref) {
  return (uint64_t{static_cast<uint8_t>(ref.kind) + 1u} << 52) ^ ref.index;
}

}  // namespace

AccountWriter::AccountWriter(const AccountContent& content, const EntityWriter& entities,
                             const ValueWriter& values, const ConnectionWriter& connections,
                             CursorStyle style)
    : content_(content),
      entities_(entities),
      values_(values),
      connections_(connections),
      style_(style) {}

void AccountWriter::Write(JsonWriter& w, ObjRef ref, const std::vector<PlanField>& fields,
                          const PageContext& ctx) const {
  if (ref.kind == ObjKind::kUser) {
    const auto& users = content_.index().data().users();
    return entities_.User(w, users[ref.index], (uint64_t{1} << 40) + ref.index, fields);
  }
  const graphql::TypeDef& type = *graphql::GazelleSchema().Type(TypeName(ref.kind));
  const Values values = content_.Make(ref, ctx.changes);
  const uint64_t entity = EntityKey(ref);
  w.BeginObject();
  for (const PlanField& f : fields) {
    w.Key(f.key);
    if (values_.Sprinkled(entity, f)) {
      w.Null();
    } else if (f.slot == kTypename) {
      w.String(type.name);
    } else if (f.slot == kId || f.slot >= kObjectField) {
      Field(w, values.At(f.slot == kId ? 0 : f.slot - kObjectField), f, type, entity, ctx);
    } else {
      values_.DefaultField(w, type, f);
    }
  }
  w.EndObject();
}

void AccountWriter::Field(JsonWriter& w, const Value& v, const PlanField& f,
                          const graphql::TypeDef& type, uint64_t entity,
                          const PageContext& ctx) const {
  using K = Value::Kind;
  switch (v.kind) {
    case K::kString:
      return w.String(v.text);
    case K::kInt:
      return w.Int(v.number);
    case K::kBool:
      return w.Bool(v.number != 0);
    case K::kRaw:
      return w.Raw(v.text);
    case K::kLink:
      return Write(w, v.ref, f.children, ctx);
    case K::kConnection:
      return Nested(w, v, f, entity, ctx);
    case K::kList:
      w.BeginArray();
      for (int64_t i = 0; i < v.number; ++i)
        Write(w, {v.ref.kind, v.ref.index + i}, f.children, ctx);
      return w.EndArray();
    case K::kNull:
      return values_.DefaultField(w, type, f);  // null, or the schema's default if non-null
  }
}

void AccountWriter::Nested(JsonWriter& w, const Value& v, const PlanField& f, uint64_t entity,
                           const PageContext& ctx) const {
  const CursorCodec codec(style_, f.name);
  auto win = PageWindow(f.args, v.number, codec, ctx.faults);
  if (!win) return w.Null();  // not reached: CheckNested refused the request first
  connections_.Write(w, f, v.number, *win, codec, Hash(ctx.nonce, entity),
                     [&](int64_t i, const std::vector<PlanField>& fields) {
                       Write(w, {v.ref.kind, v.ref.index + static_cast<uint64_t>(i)}, fields, ctx);
                     });
}

std::optional<std::string> AccountWriter::CheckNested(const std::vector<PlanField>& fields,
                                                      const FaultOptions& faults) const {
  for (const PlanField& f : fields) {
    if (f.slot >= kObjectField && f.type && f.type->name.ends_with("Connection")) {
      for (const auto& [arg, value] : f.args.items()) {
        if (!value.is_null() && !Modelled(arg))
          return "the simulator does not model the argument '" + arg + "' of " + f.name;
      }
      auto win = PageWindow(f.args, 0, CursorCodec(style_, f.name), faults);
      if (!win) return f.name + ": " + win.error();
    }
    if (auto refusal = CheckNested(f.children, faults)) return refusal;
  }
  return std::nullopt;
}

}  // namespace gb::sim
