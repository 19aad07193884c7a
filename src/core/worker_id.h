// Who is loading: a host, a process id and a random nonce, unique even when
// two processes on two machines share a pid, and readable in `watch` (which
// host, which process). Stored as "host:pid:nonce" (the workers table's
// worker_id, the units' lease_owner); formatted and parsed only here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gb {

struct WorkerId {
  std::string host;
  int64_t pid = 0;
  std::string nonce;

  bool empty() const { return host.empty() && pid == 0 && nonce.empty(); }
  bool operator==(const WorkerId&) const = default;
};

// "host:pid:nonce".
std::string FormatWorkerId(const WorkerId& id);

// The id "host:pid:nonce" stands for; none when it is not of that form (the
// host holds no ':', the pid is a positive number, the nonce may be empty).
std::optional<WorkerId> ParseWorkerId(std::string_view text);

// This process on this machine (host "localhost" when it has no name), with
// a fresh random nonce; `host` given: that host name instead.
WorkerId ThisWorker(std::string_view host = {});

}  // namespace gb
