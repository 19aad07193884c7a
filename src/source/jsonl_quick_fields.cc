#include "source/jsonl_quick_fields.h"

#include <simdjson.h>

#include "core/iso_time.h"

namespace gb {
namespace {

constexpr std::string_view kId = "{\"id\":\"tme_";
constexpr std::string_view kOccurredAt = "\",\"occurredAt\":\"";
constexpr std::string_view kType = "\",\"type\":\"";
constexpr size_t kIdHex = 20;
constexpr size_t kIsoLength = 20;  // 2024-11-15T14:23:00Z
constexpr size_t kTimeAt = kId.size() + kIdHex + kOccurredAt.size();
constexpr size_t kTypeAt = kTimeAt + kIsoLength + kType.size();

bool LowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Consumes `literal` at the front of `rest`.
bool Take(std::string_view* rest, std::string_view literal) {
  if (rest->substr(0, literal.size()) != literal) return false;
  rest->remove_prefix(literal.size());
  return true;
}

}  // namespace

std::optional<QuickFields> ReadQuickFields(std::string_view line) {
  std::string_view rest = line;
  if (!Take(&rest, kId) || rest.size() < kIdHex || !LowerHex(rest.substr(0, kIdHex))) {
    return std::nullopt;
  }
  rest.remove_prefix(kIdHex);
  if (!Take(&rest, kOccurredAt) || rest.size() < kIsoLength) return std::nullopt;
  const std::string_view iso = rest.substr(0, kIsoLength);
  rest.remove_prefix(kIsoLength);
  if (!Take(&rest, kType)) return std::nullopt;
  const size_t end = rest.find('"');
  if (end == std::string_view::npos || end == 0) return std::nullopt;
  const std::string_view type = rest.substr(0, end);
  for (char c : type) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return std::nullopt;
  }
  auto at = ParseIsoUtc(iso);
  if (!at || iso.back() != 'Z') return std::nullopt;
  return QuickFields{*at, type};
}

bool QuickReadHolds(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line.data(), line.size()).get(object) != simdjson::SUCCESS) return false;
  int types = 0, times = 0;
  for (auto field : object) {
    types += field.key == "type";
    times += field.key == "occurredAt";
  }
  return types == 1 && times == 1;
}

std::string_view QuickType(std::string_view line) {
  if (line.size() <= kTypeAt) return {};
  const size_t end = line.find('"', kTypeAt);
  if (end == std::string_view::npos) return {};
  return line.substr(kTypeAt, end - kTypeAt);
}

std::optional<int64_t> QuickTime(std::string_view line) {
  if (line.size() < kTimeAt + kIsoLength) return std::nullopt;
  return ParseIsoUtc(line.substr(kTimeAt, kIsoLength));
}

}  // namespace gb
