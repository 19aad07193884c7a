// Links nulled, in words (see unlink_text.h).
#include "monitor/unlink_text.h"

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {

std::string UnlinkReasonText(UnlinkReason reason) {
  switch (reason) {
    case UnlinkReason::kLinkedRowMissing:
      return Tr("the user, client, piano, invoice or estimate it points at is not there");
  }
  return std::string(UnlinkReasonKey(reason));
}

std::string UnlinkedText(int64_t unlinked) {
  if (unlinked <= 0) return {};
  return TrFormat(
      "{} links nulled (the user, client, piano, invoice or estimate they point at is not in the "
      "destination; the original id is kept in metadata.unresolved_<link>_id, e.g. "
      "unresolved_user_id, and a later run gives the link back once that row is loaded)",
      FormatCount(unlinked));
}

std::string UserLinksRestoredText(const UserLinksRestored& e) {
  return TrFormat(
      "Links given back: {} entries point again at a user, client, piano, invoice or estimate "
      "loaded since; {} still nulled (not in the source)",
      FormatCount(e.restored), FormatCount(e.unlinked));
}

}  // namespace gb
