// Counts' arithmetic and the machine keys of the event vocabulary.
#include "core/events.h"

namespace gb {

Counts& Counts::operator+=(const Counts& o) {
  inserted += o.inserted;
  updated += o.updated;
  unchanged += o.unchanged;
  repaired += o.repaired;
  unlinked += o.unlinked;
  rejected += o.rejected;
  skipped += o.skipped;
  return *this;
}

std::string_view UnlinkReasonKey(UnlinkReason reason) {
  switch (reason) {
    case UnlinkReason::kLinkedRowMissing:
      return "linked_row_missing";
  }
  return "unknown";
}

}  // namespace gb
