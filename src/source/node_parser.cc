#include "source/node_parser.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "core/iso_time.h"
#include "source/wtf8_json_string.h"

namespace gb {
namespace {

namespace od = simdjson::ondemand;

std::string_view TypeName(od::json_type t) {
  switch (t) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "unknown";
}

class NodeReader {
 public:
  explicit NodeReader(ApiNode* node) : node_(node) {}

  void AddDefect(std::string what) {
    if (!node_->defect.empty()) node_->defect += "; ";
    node_->defect += what;
  }

  // A string or null. Returns false on a structural error (stop reading).
  // `free_text` (summary, comment): an unpaired UTF-16 surrogate escape is
  // kept as its WTF-8 bytes for the transform to repair losslessly.
  bool ReadText(std::string_view name, od::value value, std::optional<std::string>* out,
                bool nullable, bool free_text = false) {
    od::json_type type;
    if (value.type().get(type)) return false;
    if (type == od::json_type::null && nullable) return true;
    if (type != od::json_type::string) {
      AddDefect(fmt::format("{}: expected a string, got {}", name, TypeName(type)));
      return true;
    }
    const std::string_view token = value.raw_json_token();
    std::string_view text;
    if (value.get_string().get(text)) {
      if (free_text) {
        if (auto decoded = DecodeJsonStringWtf8(token)) {
          *out = std::move(*decoded);
          return true;
        }
      }
      // Bad escapes, or a lone surrogate in an identifier: not representable
      // as UTF-8 text, so the row is rejected with the raw node rather than
      // loaded with a guessed replacement.
      AddDefect(
          fmt::format("{}: invalid escape in string (e.g. an unpaired \\ud800 surrogate)", name));
      return true;
    }
    *out = std::string(text);
    return true;
  }

  // {id: "..."} or null, for client/piano/user/invoice/estimate.
  bool ReadLink(std::string_view name, od::value value, std::optional<std::string>* out) {
    od::json_type type;
    if (value.type().get(type)) return false;
    if (type == od::json_type::null) return true;
    if (type != od::json_type::object) {
      AddDefect(fmt::format("{}: expected an object {{id}}, got {}", name, TypeName(type)));
      return true;
    }
    od::object obj;
    if (value.get_object().get(obj)) return false;
    bool seen = false;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return false;
      if (key != "id") continue;
      seen = true;
      if (!ReadText(fmt::format("{}.id", name), field.value(), out, true)) return false;
    }
    if (!seen) AddDefect(fmt::format("{}: object without id", name));
    return true;
  }

  bool ReadField(std::string_view key, od::value value) {
    std::optional<std::string> text;
    if (key == "id" || key == "occurredAt" || key == "type") {
      seen_required_ |= key == "id" ? 1 : key == "occurredAt" ? 2 : 4;
      if (!ReadText(key, value, &text, false)) return false;
      std::string& dest = key == "id"           ? node_->id
                          : key == "occurredAt" ? node_->occurred_at
                                                : node_->type;
      if (text) dest = std::move(*text);
      return true;
    }
    if (key == "summary") return ReadText(key, value, &node_->summary, true, true);
    if (key == "comment") return ReadText(key, value, &node_->comment, true, true);
    if (key == "client") return ReadLink(key, value, &node_->client_id);
    if (key == "piano") return ReadLink(key, value, &node_->piano_id);
    if (key == "user") return ReadLink(key, value, &node_->user_id);
    if (key == "invoice") return ReadLink(key, value, &node_->invoice_id);
    if (key == "estimate") return ReadLink(key, value, &node_->estimate_id);
    return true;  // fields this tool does not store stay in `raw`
  }

  void CheckRequired() {
    if (!(seen_required_ & 1)) AddDefect("missing id");
    if (!(seen_required_ & 2)) AddDefect("missing occurredAt");
    if (!(seen_required_ & 4)) AddDefect("missing type");
    if ((seen_required_ & 1) && node_->id.empty()) AddDefect("id: empty");
    if ((seen_required_ & 4) && node_->type.empty()) AddDefect("type: empty");
    if ((seen_required_ & 2) && !node_->occurred_at.empty() && !ParseIsoUtc(node_->occurred_at)) {
      AddDefect(fmt::format("occurredAt: not an ISO 8601 time: \"{}\"",
                            node_->occurred_at.substr(0, 40)));
    }
    if ((seen_required_ & 2) && node_->occurred_at.empty()) AddDefect("occurredAt: empty");
  }

 private:
  ApiNode* node_;
  int seen_required_ = 0;
};

simdjson::ondemand::parser& Parser() {
  thread_local simdjson::ondemand::parser parser;
  return parser;
}

bool ReadObject(od::object obj, NodeReader& reader) {
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    if (!reader.ReadField(key, field.value())) return false;
  }
  return true;
}

}  // namespace

ApiNode ParseNode(std::string_view json) {
  ApiNode node;
  // The raw line is kept anyway: parsed in place, with the padding simdjson
  // reads past the end reserved behind it (no second copy of the line).
  node.raw.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  node.raw.assign(json);
  NodeReader reader(&node);
  od::document doc;
  od::object obj;
  auto error = Parser().iterate(simdjson::padded_string_view(node.raw)).get(doc);
  if (!error) error = doc.get_object().get(obj);
  if (!error && !ReadObject(obj, reader)) error = simdjson::TAPE_ERROR;
  if (error) {
    node = ApiNode{};
    node.raw = std::string(json);
    node.defect = fmt::format("not a JSON object: {}", simdjson::error_message(error));
    return node;
  }
  reader.CheckRequired();
  return node;
}

}  // namespace gb
