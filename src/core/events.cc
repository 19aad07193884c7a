#include "core/events.h"

namespace gb {

Counts& Counts::operator+=(const Counts& o) {
  inserted += o.inserted;
  updated += o.updated;
  unchanged += o.unchanged;
  repaired += o.repaired;
  rejected += o.rejected;
  skipped += o.skipped;
  return *this;
}

}  // namespace gb
