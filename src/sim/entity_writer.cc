// The dataset's entities as GraphQL objects (see entity_writer.h).
#include "sim/entity_writer.h"

#include <string_view>
#include <unordered_map>

#include "sim/account_object.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

using graphql::PlanField;

// The slot of a root field the simulator has data for (kOther: none).
int RootSlot(std::string_view field) {
  static const auto* roots =
      new std::unordered_map<std::string_view, int>{{"allTimelineEntries", kTimeline},
                                                    {"allUsers", kUsers},
                                                    {"allClients", kAllClients},
                                                    {"allPianos", kAllPianos},
                                                    {"allEventsBatched", kAllEvents},
                                                    {"allInvoices", kAllInvoices},
                                                    {"allEstimates", kAllEstimates},
                                                    {"client", kClientRoot},
                                                    {"piano", kPianoRoot},
                                                    {"invoice", kInvoiceRoot},
                                                    {"estimate", kEstimateRoot}};
  auto it = roots->find(field);
  return it == roots->end() ? kOther : it->second;
}

int SlotOf(std::string_view parent, std::string_view field) {
  static const auto* slots =
      new std::unordered_map<std::string_view, int>{{"id", kId},
                                                    {"occurredAt", kOccurredAt},
                                                    {"type", kType},
                                                    {"summary", kSummary},
                                                    {"comment", kComment},
                                                    {"client", kClient},
                                                    {"piano", kPiano},
                                                    {"user", kUser},
                                                    {"invoice", kInvoice},
                                                    {"estimate", kEstimate},
                                                    {"firstName", kFirstName},
                                                    {"lastName", kLastName},
                                                    {"fullName", kFullName},
                                                    {"email", kEmail},
                                                    {"accessLevel", kAccessLevel},
                                                    {"status", kStatus}};
  static const auto* connection =
      new std::unordered_map<std::string_view, int>{{"totalCount", kTotalCount},
                                                    {"nodes", kNodes},
                                                    {"edges", kEdges},
                                                    {"pageInfo", kPageInfo},
                                                    {"cursor", kCursor},
                                                    {"node", kNode},
                                                    {"hasNextPage", kHasNextPage},
                                                    {"hasPreviousPage", kHasPreviousPage},
                                                    {"startCursor", kStartCursor},
                                                    {"endCursor", kEndCursor}};
  if (field == "__typename") return kTypename;
  if (field == "__schema" || field == "__type") return kIntrospection;
  if (parent == "PrivateQuery") return RootSlot(field);
  if (auto kind = KindOfType(parent); kind && *kind != ObjKind::kUser) {
    if (field == "id") return kId;
    auto names = FieldNames(*kind);
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == field) return kObjectField + static_cast<int>(i);
    }
    return kOther;
  }
  if (parent.ends_with("Connection") || parent.ends_with("Edge") || parent == "PageInfo") {
    auto it = connection->find(field);
    return it == connection->end() ? kOther : it->second;
  }
  if (parent == "PrivateTimelineEntry" || parent == "PrivateUser" || parent == "PrivateClient" ||
      parent == "PrivatePiano" || parent == "PrivateInvoice" || parent == "PrivateEstimate") {
    auto it = slots->find(field);
    return it == slots->end() ? kOther : it->second;
  }
  return kOther;
}

uint64_t Salt(std::string_view parent, std::string_view field) {
  uint64_t h = 1469598103934665603ULL;
  for (std::string_view part : {parent, std::string_view("."), field}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  }
  return h;
}

const std::optional<std::string>& LinkedId(const NodeData& n, int slot) {
  switch (slot) {
    case kClient:
      return n.client_id;
    case kPiano:
      return n.piano_id;
    case kUser:
      return n.user_id;
    case kInvoice:
      return n.invoice_id;
    default:
      return n.estimate_id;
  }
}

void Text(JsonWriter& w, const std::optional<std::string>& v) {
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

}  // namespace

void AssignSlots(const graphql::Schema& schema, const graphql::TypeDef& parent,
                 std::vector<PlanField>* fields) {
  for (PlanField& f : *fields) {
    f.slot = SlotOf(parent.name, f.name);
    f.salt = Salt(parent.name, f.name);
    if (f.type && f.type->kind == graphql::TypeKind::kObject) {
      AssignSlots(schema, *f.type, &f.children);
    }
    for (auto& [type, selection] : f.by_type) AssignSlots(schema, *type, &selection);
  }
}

EntityWriter::EntityWriter(const graphql::Schema& schema, const ValueWriter& values,
                           const std::vector<ApiUser>& users)
    : entry_type_(*schema.Type("PrivateTimelineEntry")), values_(values), users_(users) {}

const ApiUser* EntityWriter::FindUser(const std::string& id) const {
  for (const ApiUser& u : users_) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

// An object of `fields`; a nullable field the null share picks is null,
// every other one is what `value` writes.
template <class ValueFn>
void EntityWriter::Object(JsonWriter& w, uint64_t entity, const std::vector<PlanField>& fields,
                          ValueFn value) const {
  w.BeginObject();
  for (const PlanField& f : fields) {
    w.Key(f.key);
    if (values_.Sprinkled(entity, f)) {
      w.Null();
    } else {
      value(f);
    }
  }
  w.EndObject();
}

void EntityWriter::Entry(JsonWriter& w, const NodeData& n, uint64_t entity,
                         const std::vector<PlanField>& fields) const {
  Object(w, entity, fields, [&](const PlanField& f) {
    switch (f.slot) {
      case kTypename:
        w.String(entry_type_.name);
        break;
      case kId:
        Text(w, n.id);
        break;
      case kOccurredAt:
        Text(w, n.occurred_at);
        break;
      case kType:
        Text(w, n.type);
        break;
      case kSummary:
        Text(w, n.summary);
        break;
      case kComment:
        if (n.comment && n.comment_is_json_escaped) {
          w.EscapedString(*n.comment);
        } else {
          Text(w, n.comment);
        }
        break;
      case kClient:
      case kPiano:
      case kUser:
      case kInvoice:
      case kEstimate:
        Link(w, LinkedId(n, f.slot), f, entity);
        break;
      default:
        values_.DefaultField(w, entry_type_, f);
    }
  });
}

// {id} of a linked object, every other field defaulted; a user the company
// still has answers with its data.
void EntityWriter::Link(JsonWriter& w, const std::optional<std::string>& id, const PlanField& f,
                        uint64_t entity) const {
  if (!id) return w.Null();
  if (f.slot == kUser) {
    if (const ApiUser* user = FindUser(*id)) return User(w, *user, entity, f.children);
  }
  w.BeginObject();
  for (const PlanField& c : f.children) {
    w.Key(c.key);
    if (c.slot == kId && !values_.Sprinkled(entity, c)) {
      w.String(*id);
    } else if (c.slot == kId) {
      w.Null();
    } else {
      values_.DefaultField(w, *f.type, c);
    }
  }
  w.EndObject();
}

void EntityWriter::User(JsonWriter& w, const ApiUser& u, uint64_t entity,
                        const std::vector<PlanField>& fields) const {
  static const std::string kTypeName = "PrivateUser";
  Object(w, entity, fields, [&](const PlanField& f) {
    switch (f.slot) {
      case kTypename:
        w.String(kTypeName);
        break;
      case kId:
        w.String(u.id);
        break;
      case kFirstName:
        w.String(u.first_name);
        break;
      case kLastName:
        w.String(u.last_name);
        break;
      case kFullName:
        w.String(u.first_name + " " + u.last_name);
        break;
      case kEmail:
        w.String(u.email);
        break;
      case kAccessLevel:
        Text(w, u.access_level);
        break;
      case kStatus:
        w.String(u.status);
        break;
      default:
        values_.Default(w, f.def->type, f);
    }
  });
}

void WriteFullNode(JsonWriter& w, const NodeData& n) {
  w.BeginObject();
  for (auto [key, value] : {std::pair<const char*, const std::optional<std::string>*>{"id", &n.id},
                            {"occurredAt", &n.occurred_at},
                            {"type", &n.type},
                            {"summary", &n.summary}}) {
    w.Key(key);
    Text(w, *value);
  }
  w.Key("comment");
  if (n.comment && n.comment_is_json_escaped) {
    w.EscapedString(*n.comment);
  } else {
    Text(w, n.comment);
  }
  for (auto [key, id] :
       {std::pair<const char*, const std::optional<std::string>*>{"client", &n.client_id},
        {"piano", &n.piano_id},
        {"user", &n.user_id},
        {"invoice", &n.invoice_id},
        {"estimate", &n.estimate_id}}) {
    w.Key(key);
    if (!*id) {
      w.Null();
      continue;
    }
    w.BeginObject();
    w.Key("id");
    w.String(**id);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace gb::sim
