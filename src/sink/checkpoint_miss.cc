#include "sink/checkpoint_miss.h"

namespace gb {

Error CheckpointMiss(const Checkpoint& cp, const std::optional<UnitProgress>& now) {
  const bool ours = now && (now->lease_owner == cp.worker_id ||
                            (cp.unit_done && now->state == "done" && !now->lease_owner));
  if (ours && now->fetched == cp.fetched && now->cursor == cp.cursor) {
    return Error{ErrorKind::kInternal,
                 "unit " + std::to_string(cp.unit_id) + " already holds this batch",
                 std::string(kAlreadySavedCode)};
  }
  return Error{
      ErrorKind::kTransient,
      "unit " + std::to_string(cp.unit_id) + " is now leased by another worker; batch abandoned",
      std::string(kLostLeaseCode)};
}

}  // namespace gb
