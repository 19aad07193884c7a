#include "engine/transformer.h"

#include "core/entry_types.h"
#include "engine/text_repair.h"
#include "engine/utf8.h"

namespace gb {
namespace {

// Stores `text` in the row (repaired, optionally truncated), recording in
// `meta` whatever is needed to get the original back.
std::optional<std::string> PrepareText(std::optional<std::string> text, const std::string& field,
                                       std::optional<int> max_chars, nlohmann::json& meta,
                                       bool* repaired) {
  if (!text) return std::nullopt;
  RepairedText fixed = RepairOwnedText(std::move(*text));
  if (fixed.changed) {
    *repaired = true;
    nlohmann::json repair = {
        {"field", field}, {"issue", fixed.issue}, {"original_base64", fixed.original_base64}};
    if (!fixed.original_escaped.empty()) repair["original_escaped"] = fixed.original_escaped;
    meta["repairs"].push_back(std::move(repair));
  }
  if (max_chars && Utf8Length(fixed.text) > static_cast<size_t>(*max_chars)) {
    meta["full_" + field] = fixed.text;
    return std::string(TruncateUtf8(fixed.text, static_cast<size_t>(*max_chars)));
  }
  return std::move(fixed.text);
}

}  // namespace

Transformer::Transformer(TransformOptions options) : options_(std::move(options)) {}

Transformed Transformer::Reject(ApiNode& node, int year, std::string reason) const {
  Transformed out;
  out.outcome = Transformed::Outcome::kRejected;
  out.reject = {std::move(node.id), year, std::move(node.type), "", std::move(reason),
                std::move(node.raw)};
  return out;
}

// The node's strings move into the row: a page is transformed once, and a
// copy of each field (the raw line included) cost more than the rest.
Transformed Transformer::Transform(ApiNode node) const {
  if (!node.defect.empty()) return Reject(node, 0, "malformed node: " + node.defect);
  if (node.id.empty()) return Reject(node, 0, "missing id");
  if (node.type.empty()) return Reject(node, 0, "missing type");
  if (node.occurred_at.empty()) return Reject(node, 0, "missing occurredAt");
  const auto when = ParseIsoUtc(node.occurred_at);
  if (!when) return Reject(node, 0, "unparsable occurredAt '" + node.occurred_at + "'");
  const int year = options_.zone.YearOf(*when);
  if (year < kMinYear || year > kMaxYear) {
    return Reject(node, year, "occurredAt " + node.occurred_at + " outside 1900-2100");
  }
  Transformed out;
  out.row.year = year;
  out.row.source_type = node.type;
  if (!options_.years.contains(year)) {
    out.outcome = Transformed::Outcome::kSkipped;
    return out;
  }
  Row& row = out.row;
  row.external_id = std::move(node.id);
  row.occurred_at = *when;
  row.client_id = std::move(node.client_id);
  row.piano_id = std::move(node.piano_id);
  row.user_id = std::move(node.user_id);
  row.invoice_id = std::move(node.invoice_id);
  row.estimate_id = std::move(node.estimate_id);
  row.raw = std::move(node.raw);
  nlohmann::json meta;  // null until something goes in (most rows: "{}")
  row.entry_type = options_.legacy_types ? LegacyEntryType(node.type) : node.type;
  if (row.entry_type != node.type) meta["gazelle_type"] = node.type;
  std::string measurements = FillText(node, out, meta);
  row.repaired = out.repaired;
  if (meta.is_null()) {
    if (!measurements.empty()) row.metadata = std::move(measurements);  // else "{}"
    return out;
  }
  if (!measurements.empty()) meta.update(nlohmann::json::parse(measurements));
  // replace: a bad byte in a type or id must not abort the whole batch here;
  // the database decides about those fields.
  row.metadata = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out;
}

std::string Transformer::FillText(ApiNode& node, Transformed& out, nlohmann::json& meta) const {
  std::optional<int> title_max, description_max;
  if (options_.truncate) {
    title_max = options_.truncate->first;
    description_max = options_.truncate->second;
  }
  out.row.title = PrepareText(std::move(node.summary), "title", title_max, meta, &out.repaired);
  out.row.description =
      PrepareText(std::move(node.comment), "description", description_max, meta, &out.repaired);
  if (!out.row.description) return {};
  // Measurements come from the full comment, even when the stored one is cut.
  const std::string& full = meta.contains("full_description")
                                ? meta["full_description"].get_ref<const std::string&>()
                                : *out.row.description;
  return MeasurementExtractor::ToJsonText(extractor_.Extract(full));
}

}  // namespace gb
