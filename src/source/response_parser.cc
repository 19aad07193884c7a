#include "source/response_parser.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cctype>
#include <charconv>
#include <functional>

#include "core/redact.h"
#include "source/node_parser.h"

namespace gb {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

tl::unexpected<Error> Garbled(error_code e) {
  return Fail(ErrorKind::kTransient,
              fmt::format("the API answer is not complete JSON ({}): it was probably cut off; "
                          "retrying",
                          simdjson::error_message(e)),
              "json");
}

tl::unexpected<Error> Incomplete(std::string_view what) {
  return Fail(ErrorKind::kTransient,
              fmt::format("the API answer has no {}: retrying (check --api points at the Gazelle "
                          "API if this persists)",
                          what),
              "json");
}

error_code ReadPath(od::value value, std::string* out) {
  od::array arr;
  if (auto e = value.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::value v;
    if (auto e = item.get(v)) return e;
    std::string_view token = v.raw_json_token();
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
      token.remove_suffix(1);
    }
    if (!out->empty()) *out += '.';
    if (token.size() >= 2 && token.front() == '"') token = token.substr(1, token.size() - 2);
    out->append(token);
  }
  return simdjson::SUCCESS;
}

error_code ReadErrors(od::value value, std::vector<GraphqlError>* errors) {
  od::array arr;
  if (auto e = value.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return e;
    GraphqlError ge;
    for (auto field : obj) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key == "message") {
        std::string_view m;
        if (field.value().get_string().get(m) == simdjson::SUCCESS) ge.message = std::string(m);
      } else if (key == "path") {
        if (auto e = ReadPath(field.value(), &ge.path)) return e;
      }
    }
    errors->push_back(std::move(ge));
  }
  return simdjson::SUCCESS;
}

using FieldReader = std::function<error_code(std::string_view key, od::value value)>;

error_code ForEachField(od::value value, const FieldReader& reader) {
  od::object obj;
  if (auto e = value.get_object().get(obj)) return e;
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (auto e = reader(key, field.value())) return e;
  }
  return simdjson::SUCCESS;
}

// Walks {"data": {root: <value>}, "errors": [...]}: `read_root` sees the
// value of data.<root>; GraphQL errors win over any partial data.
// The answer's `data` fields for which `read` is called (`want` says which),
// after the GraphQL errors (which win). Incomplete when none was there.
Status ReadData(std::string_view body, std::string_view what,
                const std::function<bool(std::string_view)>& want,
                const std::function<error_code(std::string_view, od::value)>& read) {
  thread_local od::parser parser;
  simdjson::padded_string padded(body);
  od::document doc;
  od::object top;
  if (auto e = parser.iterate(padded).get(doc)) return Garbled(e);
  if (auto e = doc.get_object().get(top)) return Garbled(e);
  std::vector<GraphqlError> errors;
  bool found = false;
  for (auto field : top) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Garbled(e);
    error_code e = simdjson::SUCCESS;
    if (key == "errors") {
      e = ReadErrors(field.value(), &errors);
    } else if (key == "data") {
      od::value data = field.value();
      bool is_null = false;
      if (auto e2 = data.is_null().get(is_null)) return Garbled(e2);
      if (!is_null) {
        e = ForEachField(data, [&](std::string_view k, od::value v) {
          if (!want(k)) return simdjson::SUCCESS;
          bool null_root = false;
          if (auto e3 = v.is_null().get(null_root)) return e3;
          if (null_root) return simdjson::SUCCESS;
          found = true;
          return read(k, v);
        });
      }
    }
    if (e) return Garbled(e);
  }
  if (!errors.empty()) return tl::unexpected(ClassifyGraphqlErrors(errors));
  if (!found) return Incomplete(fmt::format("data.{}", what));
  return {};
}

Status ReadAnswer(std::string_view body, std::string_view root,
                  const std::function<error_code(od::value)>& read_root) {
  return ReadData(
      body, root, [&](std::string_view k) { return k == root; },
      [&](std::string_view, od::value v) { return read_root(v); });
}

error_code ReadNodes(od::value value, std::vector<ApiNode>* nodes, int* null_items) {
  od::array arr;
  if (auto e = value.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::value v;
    if (auto e = item.get(v)) return e;
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    std::string_view raw;
    if (type == od::json_type::null) {
      ApiNode node;
      node.raw = "null";
      node.defect = std::string(kNullItemDefect);
      nodes->push_back(std::move(node));
      ++*null_items;
      continue;
    }
    if (type == od::json_type::object) {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return e;
      if (auto e = obj.raw_json().get(raw)) return e;
    } else if (type == od::json_type::array) {
      od::array inner;
      if (auto e = v.get_array().get(inner)) return e;
      if (auto e = inner.raw_json().get(raw)) return e;
    } else {
      raw = v.raw_json_token();
    }
    nodes->push_back(ParseNode(raw));
  }
  return simdjson::SUCCESS;
}

error_code ReadPageInfo(od::value value, Page* page) {
  return ForEachField(value, [&](std::string_view key, od::value v) {
    if (key == "hasNextPage") return v.get_bool().get(page->has_next_page);
    if (key != "endCursor") return simdjson::SUCCESS;
    bool is_null = false;
    if (auto e = v.is_null().get(is_null)) return e;
    if (is_null) return simdjson::SUCCESS;
    std::string_view cursor;
    if (auto e = v.get_string().get(cursor)) return e;
    page->end_cursor = std::string(cursor);
    return simdjson::SUCCESS;
  });
}

error_code ReadRawNodes(od::value value, ObjectPage* page) {
  od::array arr;
  if (auto e = value.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::value v;
    if (auto e = item.get(v)) return e;
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    std::string_view raw;
    if (type == od::json_type::object) {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return e;
      if (auto e = obj.raw_json().get(raw)) return e;
    } else {
      raw = v.raw_json_token();
      if (type == od::json_type::null) ++page->null_items;
    }
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back())))
      raw.remove_suffix(1);
    page->nodes.emplace_back(raw);
  }
  return simdjson::SUCCESS;
}

// The fields of a connection (totalCount, pageInfo, nodes) into `page`.
error_code ReadConnection(od::value conn, ObjectPage* page, bool* have_nodes, bool* have_info) {
  return ForEachField(conn, [&](std::string_view key, od::value v) {
    if (key == "totalCount") return v.get_int64().get(page->total_count);
    if (key == "pageInfo") {
      *have_info = true;
      Page info;
      if (auto e = ReadPageInfo(v, &info)) return e;
      page->has_next_page = info.has_next_page;
      page->end_cursor = std::move(info.end_cursor);
      return simdjson::SUCCESS;
    }
    if (key != "nodes") return simdjson::SUCCESS;
    *have_nodes = true;
    return ReadRawNodes(v, page);
  });
}

}  // namespace

Result<ObjectPage> ParseObjectPage(std::string_view body, std::string_view root,
                                   std::string_view field) {
  ObjectPage page;
  bool have_nodes = false, have_info = false;
  Status status = ReadAnswer(body, root, [&](od::value value) {
    if (field.empty()) return ReadConnection(value, &page, &have_nodes, &have_info);
    return ForEachField(value, [&](std::string_view key, od::value v) {
      if (key != field) return simdjson::SUCCESS;
      return ReadConnection(v, &page, &have_nodes, &have_info);
    });
  });
  if (!status) return tl::unexpected(status.error());
  const std::string where = field.empty() ? std::string(root) : fmt::format("{}.{}", root, field);
  if (!have_nodes) return Incomplete(where + ".nodes");
  if (!have_info) return Incomplete(where + ".pageInfo");
  if (page.has_next_page && !page.end_cursor) return Incomplete(where + ".pageInfo.endCursor");
  return page;
}

Result<Page> ParsePage(std::string_view body) {
  Page page;
  bool have_nodes = false, have_info = false;
  Status status = ReadAnswer(body, "allTimelineEntries", [&](od::value conn) {
    return ForEachField(conn, [&](std::string_view key, od::value v) {
      if (key == "totalCount") return v.get_int64().get(page.total_count);
      if (key == "pageInfo") {
        have_info = true;
        return ReadPageInfo(v, &page);
      }
      if (key != "nodes") return simdjson::SUCCESS;
      have_nodes = true;
      return ReadNodes(v, &page.nodes, &page.null_items);
    });
  });
  if (!status) return tl::unexpected(status.error());
  if (!have_nodes) return Incomplete("allTimelineEntries.nodes");
  if (!have_info) return Incomplete("allTimelineEntries.pageInfo");
  if (page.has_next_page && !page.end_cursor) return Incomplete("pageInfo.endCursor");
  return page;
}

Result<std::vector<int64_t>> ParseCounts(std::string_view body, size_t n) {
  std::vector<std::optional<int64_t>> counts(n);
  Status status = ReadData(
      body, "c0", [](std::string_view k) { return k.size() > 1 && k[0] == 'c'; },
      [&](std::string_view key, od::value conn) {
        size_t i = 0;
        auto [end, ec] = std::from_chars(key.data() + 1, key.data() + key.size(), i);
        if (ec != std::errc() || end != key.data() + key.size() || i >= n) {
          return simdjson::SUCCESS;
        }
        return ForEachField(conn, [&](std::string_view k, od::value v) {
          if (k != "totalCount") return simdjson::SUCCESS;
          int64_t count = 0;
          if (auto e = v.get_int64().get(count)) return e;
          counts[i] = count;
          return simdjson::SUCCESS;
        });
      });
  if (!status) return tl::unexpected(status.error());
  std::vector<int64_t> out;
  for (size_t i = 0; i < n; ++i) {
    if (!counts[i]) return Incomplete(fmt::format("data.c{}.totalCount", i));
    out.push_back(*counts[i]);
  }
  return out;
}

Result<int64_t> ParseCount(std::string_view body) {
  std::optional<int64_t> count;
  Status status = ReadAnswer(body, "allTimelineEntries", [&](od::value conn) {
    return ForEachField(conn, [&](std::string_view key, od::value v) {
      if (key != "totalCount") return simdjson::SUCCESS;
      int64_t n = 0;
      if (auto e = v.get_int64().get(n)) return e;
      count = n;
      return simdjson::SUCCESS;
    });
  });
  if (!status) return tl::unexpected(status.error());
  if (!count) return Incomplete("allTimelineEntries.totalCount");
  return *count;
}

namespace {

error_code ReadUser(od::value value, ApiUser* user) {
  return ForEachField(value, [&](std::string_view key, od::value v) {
    std::string* dest = key == "id"          ? &user->id
                        : key == "firstName" ? &user->first_name
                        : key == "lastName"  ? &user->last_name
                        : key == "email"     ? &user->email
                        : key == "status"    ? &user->status
                                             : nullptr;
    if (!dest && key != "accessLevel") return simdjson::SUCCESS;
    bool is_null = false;
    if (auto e = v.is_null().get(is_null)) return e;
    if (is_null) return simdjson::SUCCESS;  // nullable fields null are ordinary
    std::string_view text;
    if (auto e = v.get_string().get(text)) return e;
    if (dest) {
      *dest = std::string(text);
    } else {
      user->access_level = std::string(text);
    }
    return simdjson::SUCCESS;
  });
}

error_code ReadUserList(od::value value, std::vector<ApiUser>* users) {
  od::array arr;
  if (auto e = value.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::value v;
    if (auto e = item.get(v)) return e;
    ApiUser user;
    if (auto e = ReadUser(v, &user)) return e;
    users->push_back(std::move(user));
  }
  return simdjson::SUCCESS;
}

}  // namespace

Result<std::vector<ApiUser>> ParseUsers(std::string_view body) {
  std::vector<ApiUser> users;
  Status status =
      ReadAnswer(body, "allUsers", [&](od::value v) { return ReadUserList(v, &users); });
  if (!status) return tl::unexpected(status.error());
  for (const ApiUser& u : users) {
    if (u.id.empty()) return Incomplete("allUsers[].id");
  }
  return users;
}

}  // namespace gb
