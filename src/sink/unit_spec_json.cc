#include "sink/unit_spec_json.h"

#include <nlohmann/json.hpp>

namespace gb {

std::string UnitSpecToJson(const UnitSpec& spec) {
  nlohmann::json j = {
      {"name", spec.name}, {"types", spec.types}, {"occurred_at_get", spec.occurred_at_get}};
  j["client_id"] = spec.client_id ? nlohmann::json(*spec.client_id) : nlohmann::json();
  if (spec.start_after) j["start_after"] = *spec.start_after;
  if (spec.expected >= 0) j["expected"] = spec.expected;
  if (spec.occurred_before) j["occurred_before"] = *spec.occurred_before;
  if (spec.start_total >= 0) j["start_total"] = spec.start_total;
  if (spec.stop_at) j["stop_at"] = *spec.stop_at;
  if (spec.count_year) j["count_year"] = *spec.count_year;
  if (!spec.stream.empty()) j["stream"] = spec.stream;
  if (spec.recount) j["recount"] = true;
  if (!spec.created_since.empty()) j["created_since"] = spec.created_since;
  if (spec.all_types) j["all_types"] = true;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<UnitSpec> UnitSpecFromJson(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(ErrorKind::kInternal, "gb_units.spec is not a unit spec: " + std::string(json));
  }
  UnitSpec spec;
  spec.name = j.value("name", "");
  if (j.contains("types") && j["types"].is_array()) {
    for (const auto& t : j["types"]) {
      if (t.is_string()) spec.types.push_back(t.get<std::string>());
    }
  }
  if (j.contains("client_id") && j["client_id"].is_string()) {
    spec.client_id = j["client_id"].get<std::string>();
  }
  spec.occurred_at_get = j.value("occurred_at_get", "");
  if (j.contains("start_after") && j["start_after"].is_string()) {
    spec.start_after = j["start_after"].get<std::string>();
  }
  if (j.contains("expected") && j["expected"].is_number_integer()) {
    spec.expected = j["expected"].get<int64_t>();
  }
  if (j.contains("occurred_before") && j["occurred_before"].is_string()) {
    spec.occurred_before = j["occurred_before"].get<std::string>();
  }
  if (j.contains("start_total") && j["start_total"].is_number_integer()) {
    spec.start_total = j["start_total"].get<int64_t>();
  }
  if (j.contains("stop_at") && j["stop_at"].is_string()) {
    spec.stop_at = j["stop_at"].get<std::string>();
  }
  if (j.contains("count_year") && j["count_year"].is_number_integer()) {
    spec.count_year = j["count_year"].get<int>();
  }
  spec.stream = j.value("stream", "");
  spec.recount = j.contains("recount") && j["recount"].is_boolean() && j["recount"].get<bool>();
  spec.created_since = j.value("created_since", "");
  spec.all_types =
      j.contains("all_types") && j["all_types"].is_boolean() && j["all_types"].get<bool>();
  return spec;
}

std::string SafeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\0') {
      out += "\\u0000";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace gb
