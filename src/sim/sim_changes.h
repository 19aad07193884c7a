// What the simulator is told to change, as a real account changes between two
// syncs (POST /admin/changes, SimServer::ApplyChanges, sim --changes), and what
// it changed: the ids touched, so a test can check a destination against them.
// Request keys (all optional, default 0): new, backdated, backdated_days (60),
// edited, deleted, clients_new, clients_edited, pianos_new, pianos_edited.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"

namespace gb::sim {

struct ChangeRequest {
  int64_t fresh = 0;            // "new": entries at the top
  int64_t backdated = 0;        // entries whose occurredAt is backdated_days ago
  int64_t backdated_days = 60;  // counted back from AppliedChanges::now
  int64_t edited = 0;           // entries whose comment changes
  int64_t deleted = 0;          // entries removed, anywhere in history
  int64_t clients_new = 0;
  int64_t clients_edited = 0;
  int64_t pianos_new = 0;
  int64_t pianos_edited = 0;

  bool empty() const;
};

// Each list holds the API ids touched, in the order they were changed.
struct AppliedChanges {
  int64_t now = 0;  // the account's "now": the newest occurredAt (never before the data's end)
  std::vector<std::string> fresh, backdated, edited, deleted;
  std::vector<std::string> clients_new, clients_edited, pianos_new, pianos_edited;
};

// The request of a JSON object; kConfig for an unknown key, a value that is not
// an integer in [0, 100000] (backdated_days: [0, 36500]) or a body that is not an object.
Result<ChangeRequest> ParseChangeRequest(const nlohmann::json& body);
// The keys that change something (backdated_days only with backdated).
nlohmann::json ChangeRequestToJson(const ChangeRequest& request);
nlohmann::json AppliedToJson(const AppliedChanges& applied);

}  // namespace gb::sim
