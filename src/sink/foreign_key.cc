#include "sink/foreign_key.h"

#include "streams/timeline/timeline_links.h"

namespace gb {

LinkSet DeclaredEntryLinks(const std::vector<ForeignKey>& keys) {
  LinkSet links = 0;
  for (const ForeignKey& key : keys) {
    auto link = EntryLinkOf(key.column);
    if (link && key.table == LinkedTable(*link)) links |= LinkBit(*link);
  }
  return links;
}

}  // namespace gb
