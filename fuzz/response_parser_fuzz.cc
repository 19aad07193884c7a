// libFuzzer target: the API-response parser (source/response_parser,
// source/node_parser) on arbitrary bytes, as the Gazelle API (or anything
// answering in its place) could send them. It must never crash; a node is
// never dropped silently: every node comes back, well-formed or with a defect.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "source/node_parser.h"
#include "source/response_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto page = gb::ParsePage(body)) {
    for (const gb::ApiNode& node : page->nodes) {
      // Each node keeps its text as received, and a node without a defect has its required fields.
      if (node.raw.empty()) std::abort();
      if (node.defect.empty() && (node.id.empty() || node.type.empty() || node.occurred_at.empty()))
        std::abort();
    }
  } else if (page.error().message.empty()) {
    std::abort();
  }
  (void)gb::ParseCount(body);
  (void)gb::ParseUsers(body);
  gb::ApiNode node = gb::ParseNode(body);
  if (node.raw != body) std::abort();
  return 0;
}
