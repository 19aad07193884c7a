// Execution of a request against the dataset (see query_executor.h).
#include "sim/query_executor.h"

#include "core/entry_types.h"
#include "core/iso_time.h"
#include "graphql/introspection.h"
#include "sim/sim_hash.h"

namespace gb::sim {

using graphql::GraphqlError;
using graphql::PlanField;
using graphql::TypeDef;

namespace {

GraphqlError FieldError(std::string message, const PlanField& f) {
  return {
      std::move(message), {f.loc}, nlohmann::json::array({f.key}), "", nlohmann::json::object()};
}

std::optional<std::string> Text(const nlohmann::json& args, const char* name) {
  auto it = args.find(name);
  if (it == args.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

QueryExecutor::QueryExecutor(const graphql::Schema& schema, const SimDataset& data,
                             TimelineIndex& index, const AccountIndex& account,
                             ExecutorOptions options)
    : schema_(schema),
      data_(data),
      index_(index),
      options_(options),
      values_(options.seed, options.null_share),
      entities_(schema, values_, data.users()),
      connections_(values_, options.seed),
      account_content_(account),
      account_writer_(account_content_, entities_, values_, connections_, options.cursor_style),
      account_roots_(account_writer_, connections_, options.cursor_style) {}

std::string QueryExecutor::Execute(const std::string& kind, std::vector<PlanField> plan,
                                   const TimelineView& view, uint64_t nonce, ExecutionStats* stats,
                                   const FaultOptions& faults) {
  const TypeDef& root = *schema_.RootType(kind);
  AssignSlots(schema_, root, &plan);
  graphql::GraphqlErrors errors;
  Request r{view, nonce, &stats->served, &errors, faults};
  std::string data;
  data.reserve(64 * 1024);
  JsonWriter dw(&data);
  bool data_null = false;
  dw.BeginObject();
  for (const PlanField& f : plan) {
    dw.Key(f.key);
    if (!Root(dw, root, f, r) && f.def->type.non_null) data_null = true;
  }
  dw.EndObject();
  std::string out;
  out.reserve(data.size() + 256);
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("data");
  if (data_null) {
    w.Null();
  } else {
    w.Raw(data);
  }
  stats->errors = !errors.empty();
  if (!errors.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : errors) list.push_back(graphql::ErrorToJson(e));
    w.Key("errors");
    w.Raw(list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  w.EndObject();
  return out;
}

bool QueryExecutor::Root(JsonWriter& w, const TypeDef& root, const PlanField& f, Request& r) {
  switch (f.slot) {
    case kTypename:
      w.String(root.name);
      return true;
    case kIntrospection:
      w.Raw(graphql::Introspect(schema_, f)
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return true;
    case kTimeline:
      return Timeline(w, f, r);
    case kUsers:
      if (r.faults.users_not_authorized) {
        r.errors->push_back(FieldError("You are not authorized to access allUsers", f));
        return false;
      }
      Users(w, f, r.faults.list_deleted_users);
      return true;
    case kAllClients:
    case kAllPianos:
    case kAllEvents:
    case kAllInvoices:
    case kAllEstimates:
    case kClientRoot:
    case kPianoRoot:
    case kInvoiceRoot:
    case kEstimateRoot:
      if (auto refusal =
              account_roots_.Write(w, f, PageContext{r.faults, r.nonce, *r.view.account})) {
        r.errors->push_back(FieldError(std::move(*refusal), f));
        return false;
      }
      return true;
    default:
      values_.Default(w, f.def->type, f);  // no data: an empty connection or list, null, ...
      return true;
  }
}

std::optional<EntryFilter> QueryExecutor::Filter(const PlanField& f, Request& r) const {
  EntryFilter filter;
  const auto& a = f.args;
  auto decode = [&](const char* name, auto decoder, std::optional<uint32_t>* out) {
    if (auto id = Text(a, name)) {
      *out = decoder(*id);
      if (!*out) filter.impossible = true;  // an unknown id matches nothing, as the API does
    }
  };
  // Entries name only the base's clients and pianos: an id of a newer one matches nothing.
  decode(
      "clientId", [&](std::string_view id) { return data_.DecodeClient(id); }, &filter.client);
  decode(
      "pianoId", [&](std::string_view id) { return data_.DecodePiano(id); }, &filter.piano);
  decode(
      "invoiceId", [&](std::string_view id) { return data_.DecodeInvoice(id); }, &filter.invoice);
  decode(
      "estimateId", [&](std::string_view id) { return data_.DecodeEstimate(id); },
      &filter.estimate);
  filter.search = Text(a, "search").value_or("");
  if (auto it = a.find("occurredAtGet"); it != a.end() && !it->is_null()) {
    std::optional<int64_t> t;
    if (it->is_string()) {
      std::string s = it->get<std::string>();
      t = ParseIsoUtc(s.size() == 10 ? s + "T00:00:00Z" : s);
    }
    if (!t) {
      r.errors->push_back(FieldError(
          "Argument 'occurredAtGet' on Field 'allTimelineEntries' has an invalid value (" +
              it->dump() + "). Expected type 'CoreDateTime'.",
          f));
      return std::nullopt;
    }
    filter.occurred_min = *t;
  }
  if (auto it = a.find("types"); it != a.end() && it->is_array()) {
    filter.types_given = true;
    for (const auto& t : *it) {
      for (size_t i = 0; i < kEntryTypes.size(); ++i) {
        if (t.is_string() && kEntryTypes[i] == t.get_ref<const std::string&>())
          filter.type_mask |= 1u << i;
      }
    }
  }
  return filter;
}

bool QueryExecutor::Timeline(JsonWriter& w, const PlanField& f, Request& r) {
  auto filter = Filter(f, r);
  if (!filter) {
    w.Null();
    return false;
  }
  const CursorCodec codec(options_.cursor_style, filter->Key());
  Matches matches = index_.Find(*filter, r.view);
  auto win = PageWindow(f.args, matches.size(), codec, r.faults);
  if (!win) {
    r.errors->push_back(FieldError(std::move(win.error()), f));
    w.Null();
    return false;
  }
  connections_.Write(w, f, matches.size(), *win, codec, r.nonce,
                     [&](int64_t i, const std::vector<PlanField>& fields) {
                       const EntryRef ref = matches.At(i);
                       entities_.Entry(w, matches.changes().Node(ref), ref.gen, fields);
                       ++*r.served;
                     });
  return true;
}

void QueryExecutor::Users(JsonWriter& w, const PlanField& f, bool list_deleted) {
  std::vector<ApiUser> users = data_.users();
  if (list_deleted) {
    const auto& deleted = data_.deleted_users();
    users.insert(users.end(), deleted.begin(), deleted.end());
  }
  w.BeginArray();
  for (size_t i = 0; i < users.size(); ++i) {
    entities_.User(w, users[i], (uint64_t{1} << 40) + i, f.children);
  }
  w.EndArray();
}

}  // namespace gb::sim
