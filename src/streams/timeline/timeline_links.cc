#include "streams/timeline/timeline_links.h"

#include "streams/registry.h"

namespace gb {

std::string_view LinkedTable(size_t link) {
  const StreamModule* stream = FindStream(kEntryLinks[link].stream);
  return stream == nullptr ? UsersStream().table : stream->table;
}

std::string TimelineCreate(std::string_view create, LinkSet links) {
  std::string out(create);
  for (size_t i = 0; i < kEntryLinks.size(); ++i) {
    if ((links & LinkBit(i)) == 0) continue;
    const std::string marker = "/* references " + std::string(kEntryLinks[i].stream) + " */";
    const size_t at = out.find(marker);
    if (at == std::string::npos) continue;  // users: declared in the statement itself
    out.replace(at, marker.size(), "REFERENCES " + std::string(LinkedTable(i)) + " (external_id)");
  }
  return out;
}

}  // namespace gb
