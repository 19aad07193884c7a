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

constexpr int64_t kMaxPage = 1000;

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
                             TimelineIndex& index, ExecutorOptions options)
    : schema_(schema),
      data_(data),
      index_(index),
      options_(options),
      values_(options.seed, options.null_share),
      entities_(schema, values_, data.users()) {}

std::string QueryExecutor::Execute(const std::string& kind, std::vector<PlanField> plan,
                                   int64_t arrived, uint64_t nonce, ExecutionStats* stats,
                                   const FaultOptions& faults) {
  const TypeDef& root = *schema_.RootType(kind);
  AssignSlots(schema_, root, &plan);
  graphql::GraphqlErrors errors;
  Request r{arrived, nonce, &stats->served, &errors, faults};
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
      *out = (data_.*decoder)(*id);
      if (!*out) filter.impossible = true;  // an unknown id matches nothing, as the API does
    }
  };
  decode("clientId", &SimDataset::DecodeClient, &filter.client);
  decode("pianoId", &SimDataset::DecodePiano, &filter.piano);
  decode("invoiceId", &SimDataset::DecodeInvoice, &filter.invoice);
  decode("estimateId", &SimDataset::DecodeEstimate, &filter.estimate);
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

std::optional<QueryExecutor::Window> QueryExecutor::Paginate(const PlanField& f, int64_t total,
                                                             const CursorCodec& codec, Request& r) {
  Window win{0, total};
  auto fail = [&](std::string message) {
    r.errors->push_back(FieldError(std::move(message), f));
    return std::nullopt;
  };
  for (const char* name : {"after", "before"}) {
    auto cursor = Text(f.args, name);
    if (!cursor) continue;
    auto offset = codec.Decode(*cursor);
    if (!offset) {
      return fail(std::string("Invalid cursor for \"") + name + "\": " + *cursor +
                  (options_.cursor_style == CursorStyle::kOpaque
                       ? " (a cursor is valid only under the filter that issued it)"
                       : ""));
    }
    if (name == std::string_view("after")) {
      win.start = std::min(total, *offset + 1);
    } else {
      win.end = std::min(win.end, *offset);
    }
  }
  win.end = std::max(win.start, win.end);
  const int64_t limit_end = win.end;
  for (const char* name : {"first", "last"}) {
    auto it = f.args.find(name);
    if (it == f.args.end() || !it->is_number_integer()) continue;
    int64_t n = it->get<int64_t>();
    if (n < 0) return fail(std::string("Argument '") + name + "' must be a non-negative integer");
    if (n > kMaxPage) return fail(std::string("Argument '") + name + "' must be at most 1000");
    if (r.faults.max_page_size > 0 && n > r.faults.max_page_size) {
      if (r.faults.max_page_size_refuses) {
        return fail(std::string("Argument '") + name + "' must be at most " +
                    std::to_string(r.faults.max_page_size));
      }
      n = r.faults.max_page_size;  // silently, as a server with a maximum page size does
    }
    if (name == std::string_view("first")) {
      win.end = std::min(win.end, win.start + n);
    } else {
      win.start = std::max(win.start, win.end - n);
    }
  }
  win.has_next = win.end < limit_end;
  win.has_prev = win.start > 0;
  return win;
}

template <class NodeFn>
void QueryExecutor::Items(JsonWriter& w, const PlanField& list, const Window& win,
                          const CursorCodec& codec, int64_t null_at, NodeFn node) {
  w.BeginArray();
  for (int64_t i = win.start; i < win.end; ++i) {
    if (i == null_at) {  // --null-share: an item the API failed to give
      w.Null();
      continue;
    }
    if (list.slot == kNodes) {
      node(i, list.children);
      continue;
    }
    w.BeginObject();
    for (const PlanField& e : list.children) {
      w.Key(e.key);
      if (e.slot == kCursor) {
        w.String(codec.Encode(i));
      } else if (e.slot == kNode) {
        node(i, e.children);
      } else {
        values_.DefaultField(w, *list.type, e);
      }
    }
    w.EndObject();
  }
  w.EndArray();
}

template <class NodeFn>
void QueryExecutor::Connection(JsonWriter& w, const PlanField& field, int64_t total,
                               const Window& win, const CursorCodec& codec, uint64_t nonce,
                               NodeFn node) {
  const int64_t null_at = values_.SprinkledItem(nonce) && win.end > win.start
                              ? win.start + static_cast<int64_t>(Below(
                                                Hash(options_.seed, nonce, 7), win.end - win.start))
                              : -1;
  w.BeginObject();
  for (const PlanField& c : field.children) {
    w.Key(c.key);
    if (c.slot == kTotalCount) {
      w.Int(total);
    } else if (c.slot == kNodes || c.slot == kEdges) {
      Items(w, c, win, codec, null_at, node);
    } else if (c.slot == kPageInfo) {
      w.BeginObject();
      for (const PlanField& p : c.children) {
        w.Key(p.key);
        if (p.slot == kHasNextPage) {
          w.Bool(win.has_next);
        } else if (p.slot == kHasPreviousPage) {
          w.Bool(win.has_prev);
        } else if ((p.slot == kStartCursor || p.slot == kEndCursor) && win.start < win.end) {
          w.String(codec.Encode(p.slot == kStartCursor ? win.start : win.end - 1));
        } else {
          values_.DefaultField(w, *c.type, p);
        }
      }
      w.EndObject();
    } else {
      values_.DefaultField(w, *field.type, c);
    }
  }
  w.EndObject();
}

bool QueryExecutor::Timeline(JsonWriter& w, const PlanField& f, Request& r) {
  auto filter = Filter(f, r);
  if (!filter) {
    w.Null();
    return false;
  }
  const CursorCodec codec(options_.cursor_style, filter->Key());
  Matches matches = index_.Find(*filter, r.arrived);
  auto win = Paginate(f, matches.size(), codec, r);
  if (!win) {
    w.Null();
    return false;
  }
  Connection(w, f, matches.size(), *win, codec, r.nonce,
             [&](int64_t i, const std::vector<PlanField>& fields) {
               const EntryRef ref = data_.At(matches.At(i), r.arrived);
               entities_.Entry(w, MakeNode(data_, ref), ref.gen, fields);
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
