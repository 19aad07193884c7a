// Links to users nulled, in words (see unlink_text.h).
#include "monitor/unlink_text.h"

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {

std::string UnlinkReasonText(UnlinkReason reason) {
  switch (reason) {
    case UnlinkReason::kUserNotInAccountUsers:
      return Tr("user not in the account's users");
  }
  return std::string(UnlinkReasonKey(reason));
}

std::string UnlinkedText(int64_t unlinked) {
  if (unlinked <= 0) return {};
  return TrFormat(
      "{} links to users nulled ({}; the original id is kept in metadata.unresolved_user_id, and "
      "a later run gives the link back once the user exists)",
      FormatCount(unlinked), UnlinkReasonText(UnlinkReason::kUserNotInAccountUsers));
}

std::string UserLinksRestoredText(const UserLinksRestored& e) {
  return TrFormat(
      "Users loaded: {} links to users given back (their users now exist), {} still nulled "
      "(user not in the account's users)",
      FormatCount(e.restored), FormatCount(e.unlinked));
}

}  // namespace gb
