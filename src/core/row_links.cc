// A row's links, by the table of core/row_links.h.
#include "core/row_links.h"

#include "core/json_escape.h"

namespace gb {
namespace {

// `metadata` (a JSON object's text; anything else counts as {}) with `pairs`
// ("key":"value",... already JSON) written first.
std::string WithPairsFirst(std::string_view metadata, const std::string& pairs) {
  const size_t open = metadata.find_first_not_of(" \t\r\n");
  if (open == std::string_view::npos || metadata[open] != '{') return "{" + pairs + "}";
  const size_t next = metadata.find_first_not_of(" \t\r\n", open + 1);
  const bool empty = next != std::string_view::npos && metadata[next] == '}';
  return "{" + pairs + (empty ? "" : ",") + std::string(metadata.substr(open + 1));
}

}  // namespace

std::optional<size_t> EntryLinkOf(std::string_view column) {
  for (size_t i = 0; i < kEntryLinks.size(); ++i) {
    if (kEntryLinks[i].column == column) return i;
  }
  return std::nullopt;
}

std::optional<std::string>* RowLink(Row& row, std::string_view column) {
  const std::optional<size_t> link = EntryLinkOf(column);
  return link ? &(row.*kEntryLinks[*link].member) : nullptr;
}

const std::optional<std::string>* RowLink(const Row& row, std::string_view column) {
  return RowLink(const_cast<Row&>(row), column);
}

Row WithUnresolvedLinks(const Row& row, LinkSet links) {
  Row fixed = row;
  std::string pairs;
  for (size_t i = 0; i < kEntryLinks.size(); ++i) {
    if ((links & LinkBit(i)) == 0) continue;
    std::optional<std::string>* link = &(fixed.*kEntryLinks[i].member);
    if (!*link) continue;
    if (!pairs.empty()) pairs.push_back(',');
    pairs.push_back('"');
    pairs.append(kEntryLinks[i].metadata_key);
    pairs.append("\":\"");
    AppendJsonEscaped(**link, &pairs);
    pairs.push_back('"');
    link->reset();
  }
  if (pairs.empty()) return fixed;
  fixed.metadata = WithPairsFirst(row.metadata, pairs);
  fixed.repaired = true;  // the sink counts it as repaired
  fixed.unlinked = true;  // ...and its link as nulled
  return fixed;
}

}  // namespace gb
