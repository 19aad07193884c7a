// The Gazelle API simulator as an in-process server (the `sim` and `demo`
// commands and the tests start it on a thread):
//   POST /graphql/private/          allTimelineEntries, allUsers, the account (clients, pianos,
//                                   events, invoices, estimates) (Bearer or x-gazelle-api-key)
//   GET|POST /developer/oauth/authorize, POST /developer/oauth/token
//                                   the OAuth code grant and refresh (oauth_routes.h)
//   GET|POST /admin/faults          the faults as JSON (POST: a partial object of the same keys)
//   POST /admin/expire-tokens       every issued access token expires now
//   POST /admin/add-entries         {"count": N}: N new entries arrive at the top now
//   POST /admin/delete-entries      {"count": N}: the N newest entries are deleted now
//   POST /admin/changes             {"new": N, "backdated": N, "backdated_days": D, "edited": N,
//                                   "deleted": N, "clients_new": N, ...} (sim_changes.h): the
//                                   account changes at once; answers the ids touched
//   GET  /admin/stats               request, 429, 5xx, ... counters
// Admin endpoints answer loopback clients only.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "sim/fault_injector.h"
#include "sim/sim_changes.h"
#include "sim/sim_dataset.h"
#include "sim/sim_options.h"
#include "sim/token_store.h"

namespace gb::sim {

class SimServer {
 public:
  // `clock` (not owned) drives token expiry, the rate limit and arrivals; the
  // system clock when null.
  explicit SimServer(SimOptions options, Clock* clock = nullptr);
  ~SimServer();
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  // Binds and serves on a background thread; returns the bound port (port 0 = ephemeral).
  Result<int> Start(const std::string& host = "127.0.0.1", int port = 0);
  std::string BaseUrl() const;  // "http://127.0.0.1:PORT" (no trailing slash)
  void Stop();

  const Credentials& credentials() const;  // client_id/secret, the first access/refresh token
  // DESIGN.md's token file ({access_token, refresh_token, expires_in, created_at}), mode 0600.
  Status WriteTokenFile(const std::string& path) const;

  FaultOptions faults() const;
  void SetFaults(const FaultOptions& faults);  // expire_tokens_now acts once
  void ExpireTokens();
  void AddEntries(int64_t count);
  int64_t DeleteEntries(int64_t count);  // the newest entries still there; how many
  // Applies `request` atomically with respect to queries (a request sees all
  // of it or none); the same calls on the same dataset touch the same ids.
  AppliedChanges ApplyChanges(const ChangeRequest& request);
  SimStats stats() const;
  const SimDataset& dataset() const;
  const SimOptions& options() const;

  // One GraphQL request body answered without HTTP, auth or faults: (status, body).
  std::pair<int, std::string> Answer(const std::string& request_body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::sim
