#include "engine/await_references.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace gb {

Status AwaitReferences(StreamShared& shared, RetryingSession& session, const StreamModule& stream) {
  while (!shared.Halted()) {
    std::vector<UnitState> units;
    Status status = session.Run([&](Session& s) -> Status {
      auto found = s.RunUnits(shared.run_id);
      if (!found) return tl::unexpected(found.error());
      units = std::move(*found);
      return {};
    });
    if (!status) return status;
    bool loading = false;
    for (const UnitState& u : units) {
      const bool referenced = std::find(stream.references.begin(), stream.references.end(),
                                        u.spec.stream) != stream.references.end();
      loading |= referenced && u.state == "running";
    }
    if (!loading) return {};
    shared.clock.SleepFor(std::chrono::milliseconds(200));
  }
  return {};
}

}  // namespace gb
