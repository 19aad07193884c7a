// What flows through the pipeline: an API node as received, and the row the
// destination stores.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gb {

// One timeline entry node as the Gazelle API sent it. `raw` is the node's JSON
// text exactly as received (kept for rejects and repair provenance). When a
// required field is missing or malformed, `defect` says which; the transform
// rejects such nodes with that reason instead of guessing.
struct ApiNode {
  std::string id;
  std::string occurred_at;  // ISO 8601 as sent, e.g. 2024-11-15T14:23:00Z
  std::string type;
  std::optional<std::string> summary;
  std::optional<std::string> comment;
  std::optional<std::string> client_id;
  std::optional<std::string> piano_id;
  std::optional<std::string> user_id;
  std::optional<std::string> invoice_id;
  std::optional<std::string> estimate_id;
  std::string raw;
  std::string defect;  // empty when the node is well-formed
};

// One row of gazelle_timeline_entries, ready to write.
struct Row {
  std::string external_id;  // tme_...
  std::optional<std::string> client_id;
  std::optional<std::string> piano_id;
  std::optional<std::string> user_id;
  std::optional<std::string> invoice_id;
  std::optional<std::string> estimate_id;
  int64_t occurred_at = 0;                 // epoch seconds, UTC
  std::string entry_type;                  // stored as Gazelle sends it unless --legacy-types
  std::optional<std::string> title;        // summary
  std::optional<std::string> description;  // comment
  std::string metadata = "{}";             // JSON object text
  int year = 0;                            // in the run's time zone
  std::string source_type;                 // the API type (counters use it)
  std::string raw;                         // the API node, for rejects
  // The transform repaired it losslessly (original kept in metadata): the sink
  // counts it as repaired instead of inserted/updated/unchanged.
  bool repaired = false;
  // Part of repaired: a link was nulled (the row it points at is not there;
  // the original kept in metadata: core/row_links.h), counted as unlinked too.
  bool unlinked = false;
};

// A row the pipeline could not load, with why. Stored in the rejects table.
struct Reject {
  std::string external_id;  // may be empty when the node had no id
  int year = 0;             // 0 when unknown
  std::string type;
  std::string sqlstate;  // empty for rejects decided before the database
  std::string reason;
  std::string raw;
};

// A user of the company (allUsers: PrivateUser), to fill the destination's users table.
struct ApiUser {
  std::string id;  // usr_...
  std::string first_name;
  std::string last_name;
  std::string email;
  std::optional<std::string> access_level;  // AccessLevel (nullable): ADMIN, TECHNICIAN, ASSISTANT
  std::string status;                       // UserStatus (non-null)
};

}  // namespace gb
