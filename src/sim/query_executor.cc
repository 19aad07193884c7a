#include "sim/query_executor.h"

#include <charconv>
#include <string_view>

#include "core/entry_types.h"

namespace gb::sim {
namespace {

constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kCursorPrefix = "arrayconnection:";
constexpr int64_t kMaxPage = 1000;

std::string Base64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) out.push_back(kB64[(acc >> (bits -= 6)) & 63]);
  }
  if (bits > 0) out.push_back(kB64[(acc << (6 - bits)) & 63]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

std::optional<std::string> Unbase64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    auto v = kB64.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) out.push_back(static_cast<char>((acc >> (bits -= 8)) & 0xFF));
  }
  return out;
}

void WriteRef(JsonWriter& w, const std::optional<std::string>& id, const PlanField& f) {
  if (!id) return w.Null();
  w.BeginObject();
  for (const auto& c : f.children) {
    w.Key(c.key);
    if (c.name == "__typename")
      w.String(c.args.get_ref<const std::string&>());
    else
      w.String(*id);
  }
  w.EndObject();
}

void WriteOptional(JsonWriter& w, const std::optional<std::string>& v) {
  if (v)
    w.String(*v);
  else
    w.Null();
}

const std::vector<PlanField>& AllNodeFields() {
  static const auto* fields = [] {
    auto* f = new std::vector<PlanField>;
    PlanField id{"id", "id", {}, {}, {}};
    for (const char* name : {"id", "occurredAt", "type", "summary", "comment"})
      f->push_back({name, name, {}, {}, {}});
    for (const char* name : {"client", "piano", "user", "invoice", "estimate"})
      f->push_back({name, name, {}, {id}, {}});
    return f;
  }();
  return *fields;
}

}  // namespace

std::string EncodeCursor(int64_t offset) {
  return Base64(std::string(kCursorPrefix) + std::to_string(offset));
}

std::optional<int64_t> DecodeCursor(const std::string& cursor) {
  auto text = Unbase64(cursor);
  if (!text || !text->starts_with(kCursorPrefix)) return std::nullopt;
  int64_t offset = -1;
  const char* begin = text->data() + kCursorPrefix.size();
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(begin, end, offset);
  if (ec != std::errc() || ptr != end || begin == end || offset < 0) return std::nullopt;
  return offset;
}

void WriteErrors(JsonWriter& w, const GraphqlErrors& errors) {
  w.BeginArray();
  for (const auto& e : errors) {
    w.BeginObject();
    w.Key("message");
    w.String(e.message);
    w.Key("locations");
    w.BeginArray();
    if (e.loc) {
      w.BeginObject();
      w.Key("line");
      w.Int(e.loc->line);
      w.Key("column");
      w.Int(e.loc->column);
      w.EndObject();
    }
    w.EndArray();
    w.Key("path");
    w.BeginArray();
    for (const auto& p : e.path) w.String(p);
    w.EndArray();
    w.Key("extensions");
    w.BeginObject();
    w.Key("code");
    w.String("GRAPHQL_VALIDATION_FAILED");
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

std::string ErrorResponse(const GraphqlErrors& errors) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("errors");
  WriteErrors(w, errors);
  w.EndObject();
  return out;
}

void WriteNode(JsonWriter& w, const NodeData& n, const std::vector<PlanField>* fields) {
  w.BeginObject();
  for (const auto& f : fields ? *fields : AllNodeFields()) {
    w.Key(f.key);
    const std::string& name = f.name;
    if (name == "id")
      WriteOptional(w, n.id);
    else if (name == "occurredAt")
      WriteOptional(w, n.occurred_at);
    else if (name == "type")
      WriteOptional(w, n.type);
    else if (name == "summary")
      WriteOptional(w, n.summary);
    else if (name == "comment") {
      if (n.comment && n.comment_is_json_escaped)
        w.EscapedString(*n.comment);
      else
        WriteOptional(w, n.comment);
    } else if (name == "client")
      WriteRef(w, n.client_id, f);
    else if (name == "piano")
      WriteRef(w, n.piano_id, f);
    else if (name == "user")
      WriteRef(w, n.user_id, f);
    else if (name == "invoice")
      WriteRef(w, n.invoice_id, f);
    else if (name == "estimate")
      WriteRef(w, n.estimate_id, f);
    else
      w.String(f.args.get_ref<const std::string&>());  // __typename
  }
  w.EndObject();
}

std::string QueryExecutor::Execute(const std::vector<PlanField>& plan, int64_t arrived,
                                   int64_t* served) {
  std::string out;
  out.reserve(64 * 1024);
  JsonWriter w(&out);
  GraphqlErrors errors;
  w.BeginObject();
  w.Key("data");
  w.BeginObject();
  for (const auto& f : plan) {
    w.Key(f.key);
    if (f.name == "allTimelineEntries")
      Timeline(w, f, arrived, served, &errors);
    else if (f.name == "allUsers")
      Users(w, f, &errors);
    else
      w.String(f.args.get_ref<const std::string&>());  // __typename
  }
  w.EndObject();
  if (!errors.empty()) {
    w.Key("errors");
    WriteErrors(w, errors);
  }
  w.EndObject();
  return out;
}

std::optional<QueryExecutor::Window> QueryExecutor::Paginate(const PlanField& f, int64_t total,
                                                             GraphqlErrors* errors) {
  Window win{0, total};
  auto fail = [&](std::string message) {
    errors->push_back({std::move(message), std::nullopt, f.path});
    return std::nullopt;
  };
  for (const char* name : {"after", "before"}) {
    if (!f.args.contains(name) || f.args[name].is_null()) continue;
    auto offset = DecodeCursor(f.args[name].get<std::string>());
    if (!offset) return fail(std::string("Invalid cursor given for \"") + name + "\".");
    if (name == std::string_view("after"))
      win.start = std::min(total, *offset + 1);
    else
      win.end = std::min(win.end, *offset);
  }
  win.end = std::max(win.start, win.end);
  const int64_t limit_end = win.end;
  for (const char* name : {"first", "last"}) {
    if (!f.args.contains(name) || f.args[name].is_null()) continue;
    int64_t n = f.args[name].get<int64_t>();
    if (n < 0)
      return fail(std::string("Argument \"") + name + "\" must be a non-negative integer.");
    if (n > kMaxPage) return fail(std::string("Argument \"") + name + "\" must be at most 1000.");
    if (name == std::string_view("first"))
      win.end = std::min(win.end, win.start + n);
    else
      win.start = std::max(win.start, win.end - n);
  }
  win.has_next = win.end < limit_end;
  win.has_prev = win.start > 0;
  return win;
}

std::optional<EntryFilter> QueryExecutor::Filter(const PlanField& f, GraphqlErrors* errors) {
  EntryFilter filter;
  const auto& a = f.args;
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (!a.contains(name) || a[name].is_null()) return std::nullopt;
    return a[name].get<std::string>();
  };
  auto decode = [&](const char* name, auto decoder, std::optional<uint32_t>* out) {
    if (auto id = text(name)) {
      *out = (data_.*decoder)(*id);
      if (!*out) filter.impossible = true;  // an unknown id matches nothing, as the API does
    }
  };
  decode("clientId", &SimDataset::DecodeClient, &filter.client);
  decode("pianoId", &SimDataset::DecodePiano, &filter.piano);
  decode("invoiceId", &SimDataset::DecodeInvoice, &filter.invoice);
  decode("estimateId", &SimDataset::DecodeEstimate, &filter.estimate);
  filter.search = text("search").value_or("");
  if (a.contains("occurredAtGet") && !a["occurredAtGet"].is_null()) {
    filter.occurred_min = a["occurredAtGet"].get<int64_t>();
  }
  if (a.contains("types") && !a["types"].is_null()) {
    filter.types_given = true;
    for (const auto& t : a["types"]) {
      for (size_t i = 0; i < kEntryTypes.size(); ++i) {
        if (kEntryTypes[i] == t.get<std::string>()) filter.type_mask |= 1u << i;
      }
    }
  }
  (void)errors;
  return filter;
}

template <class NodeFn>
void QueryExecutor::Connection(JsonWriter& w, const PlanField& field, int64_t total,
                               const Window& win, NodeFn node) {
  w.BeginObject();
  for (const auto& c : field.children) {
    w.Key(c.key);
    if (c.name == "totalCount") {
      w.Int(total);
    } else if (c.name == "nodes" || c.name == "edges") {
      w.BeginArray();
      for (int64_t i = win.start; i < win.end; ++i) {
        if (c.name == "nodes") {
          node(i, c.children);
          continue;
        }
        w.BeginObject();
        for (const auto& e : c.children) {
          w.Key(e.key);
          if (e.name == "cursor")
            w.String(EncodeCursor(i));
          else if (e.name == "node")
            node(i, e.children);
          else
            w.String(e.args.get_ref<const std::string&>());
        }
        w.EndObject();
      }
      w.EndArray();
    } else if (c.name == "pageInfo") {
      w.BeginObject();
      for (const auto& p : c.children) {
        w.Key(p.key);
        if (p.name == "hasNextPage")
          w.Bool(win.has_next);
        else if (p.name == "hasPreviousPage")
          w.Bool(win.has_prev);
        else if (p.name == "startCursor" || p.name == "endCursor") {
          if (win.start == win.end)
            w.Null();
          else
            w.String(EncodeCursor(p.name == "startCursor" ? win.start : win.end - 1));
        } else
          w.String(p.args.get_ref<const std::string&>());
      }
      w.EndObject();
    } else {
      w.String(c.args.get_ref<const std::string&>());
    }
  }
  w.EndObject();
}

void QueryExecutor::Timeline(JsonWriter& w, const PlanField& f, int64_t arrived, int64_t* served,
                             GraphqlErrors* errors) {
  auto filter = Filter(f, errors);
  if (!filter) return w.Null();
  Matches matches = index_.Find(*filter, arrived);
  auto win = Paginate(f, matches.size(), errors);
  if (!win) return w.Null();
  Connection(w, f, matches.size(), *win, [&](int64_t i, const std::vector<PlanField>& fields) {
    WriteNode(w, MakeNode(data_, data_.At(matches.At(i), arrived)), &fields);
    ++*served;
  });
}

void QueryExecutor::Users(JsonWriter& w, const PlanField& f, GraphqlErrors* errors) {
  const auto& users = data_.users();
  auto win = Paginate(f, static_cast<int64_t>(users.size()), errors);
  if (!win) return w.Null();
  Connection(w, f, static_cast<int64_t>(users.size()), *win,
             [&](int64_t i, const std::vector<PlanField>& fields) {
               const ApiUser& u = users[i];
               w.BeginObject();
               for (const auto& c : fields) {
                 w.Key(c.key);
                 if (c.name == "id")
                   w.String(u.id);
                 else if (c.name == "firstName")
                   w.String(u.first_name);
                 else if (c.name == "lastName")
                   w.String(u.last_name);
                 else if (c.name == "email")
                   w.String(u.email);
                 else if (c.name == "role")
                   w.String(u.role);
                 else
                   w.String(c.args.get_ref<const std::string&>());
               }
               w.EndObject();
             });
}

}  // namespace gb::sim
