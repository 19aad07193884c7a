#include "core/entry_types.h"

#include <algorithm>

namespace gb {

bool IsKnownEntryType(std::string_view type) {
  return std::find(kEntryTypes.begin(), kEntryTypes.end(), type) != kEntryTypes.end();
}

std::string LegacyEntryType(std::string_view type) {
  if (std::find(kLegacyEntryTypes.begin(), kLegacyEntryTypes.end(), type) !=
      kLegacyEntryTypes.end()) {
    return std::string(type);
  }
  if (type.starts_with("CONTACT_EMAIL") || type == "SCHEDULED_MESSAGE_EMAIL") {
    return "CONTACT_EMAIL";
  }
  if (type == "APPOINTMENT_LOG") return "APPOINTMENT_COMPLETION";
  if (type.starts_with("INVOICE")) return "INVOICE";
  return "NOTE";
}

}  // namespace gb
