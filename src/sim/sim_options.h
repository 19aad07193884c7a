// Everything the simulator can be told: the dataset (seed, scale, content) and
// the faults. Faults can also be switched while running (SimServer::SetFaults
// or the loopback admin endpoint POST /admin/faults, whose JSON keys are the
// field names below).
#pragma once

#include <cstdint>
#include <string>

#include "sim/cursor_codec.h"
#include "sim/sim_changes.h"

namespace gb::sim {

struct FaultOptions {
  int latency_ms = 0;         // mean added latency per GraphQL request
  int latency_jitter_ms = 0;  // uniform ± around the mean
  // Added per timeline node an answer holds, after the query ran: a page of
  // 500 takes longer than a page of 100, as on a real server.
  double latency_per_node_ms = 0;
  // The most nodes a connection gives per page, whatever `first` or `last`
  // asked (0 = no cap): the silent cap of a GraphQL server with a maximum
  // page size (asked 500, it answers 100 with hasNextPage true).
  int max_page_size = 0;
  // Refuse a page larger than max_page_size with a GraphQL error instead of
  // capping it: what a server that validates `first` against its maximum does.
  bool max_page_size_refuses = false;
  double error_5xx_share = 0;  // share of GraphQL requests answered 500/502/503
  double rps_limit = 0;        // requests per second allowed; beyond: 429 + Retry-After (0 = off)
  double hang_share = 0;       // share of requests held without an answer
  int hang_ms = 60000;         // how long a hung request is held
  double truncate_share = 0;   // share of answers cut off mid-body (connection closed)
  double garble_share = 0;     // share of answers whose body is not valid JSON
  double new_entries_per_second = 0;  // entries arriving at the top of the timeline
  bool expire_tokens_now = false;     // one-shot: every issued access token expires at once
  bool refresh_fails = false;         // the OAuth token endpoint answers 503 to every request
  // allUsers also lists the users that entries point at and it normally leaves
  // out (--unknown-user-share): they "came back", as when a user is re-added.
  bool list_deleted_users = false;
  // allUsers is refused ("not authorized"), the rest of the API answers: as for
  // a token whose account may not list the users.
  bool users_not_authorized = false;
};

struct SimOptions {
  uint64_t seed = 1;
  double scale = 1.0;  // per-year totals of DESIGN.md × scale (rounded)
  int64_t access_token_ttl_s = 7200;
  int64_t auth_code_ttl_s = 600;  // an authorization code's life (Doorkeeper's default)
  // The redirect URI registered for the test client; empty: any loopback
  // http://127.0.0.1:PORT/PATH (or localhost, [::1]), as RFC 8252 allows.
  std::string redirect_uri;
  double unknown_user_share = 0.03;  // share of entries with a user that allUsers does not return
  bool hostile = false;              // add hostile content (see sim_content.h)
  // What the schema allows, used (sim --null-share X): a page holds a null
  // item in nodes/edges with probability X, and each nullable field of an
  // entry or user is null with probability X (cursors and lists themselves excepted).
  double null_share = 0;
  CursorStyle cursor_style = CursorStyle::kOffset;  // sim --cursor-style offset|opaque
  // sim --changes JSON --changes-every DURATION: these changes are applied
  // every `changes_every_ms` (0 = never), as POST /admin/changes would.
  ChangeRequest changes;
  int64_t changes_every_ms = 0;
  FaultOptions faults;
};

}  // namespace gb::sim
