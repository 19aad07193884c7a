// ApiNode -> Row: the only place that decides what a stored row looks like.
// Every node ends in exactly one outcome (row, skipped, rejected), so the
// counters add up: loaded + repaired + rejected + skipped = fetched.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "core/iso_time.h"
#include "core/record.h"
#include "engine/measurement_extractor.h"

namespace gb {

struct TransformOptions {
  YearZone zone;
  std::set<int> years;  // requested years; rows of other years are skipped
  bool legacy_types = false;
  std::optional<std::pair<int, int>> truncate;  // (title, description) in characters
};

struct Transformed {
  enum class Outcome { kRow, kSkipped, kRejected };
  Outcome outcome = Outcome::kRow;
  Row row;                // kRow; for kSkipped only year and source_type are set
  bool repaired = false;  // kRow: text was repaired (original kept in metadata)
  Reject reject;          // kRejected
};

class Transformer {
 public:
  explicit Transformer(TransformOptions options);
  Transformed Transform(ApiNode node) const;

  // Dates outside this window are rejected as implausible (a bad export or a
  // broken clock), not loaded into a year nobody asked about.
  static constexpr int kMinYear = 1900;
  static constexpr int kMaxYear = 2100;

 private:
  Transformed Reject(ApiNode& node, int year, std::string reason) const;
  // Title and description into the row; returns the measurements' JSON text.
  std::string FillText(ApiNode& node, Transformed& out, nlohmann::json& meta) const;

  TransformOptions options_;
  MeasurementExtractor extractor_;
};

}  // namespace gb
