// Runs the real `gazelle-backfill sim` binary (GB_BINARY) as a child process
// for tests that need a separate process (kill -9, several clients, the CLI
// itself). The child is killed in the destructor, also when a test fails,
// and dies with the test binary (PR_SET_PDEATHSIG).
//
// What `gazelle-backfill sim` prints on stdout, one line each, in this order
// (the first line is the contract tests parse):
//   gazelle-backfill sim listening on http://127.0.0.1:PORT
//   dataset: seed S, scale F, N entries (2016-2026)[, hostile]; cursors STYLE[, null share X]
//   test OAuth client (simulator only, not a real secret): client_id=ID client_secret=SECRET
//   token file: PATH                      (only with --token-file)
//   changes: JSON every N ms              (only with --changes)
//   admin: URL/admin/faults, URL/admin/changes, URL/admin/stats (loopback only); Ctrl-C stops
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gb::test {

class SimProcess {
 public:
  static constexpr const char* kListeningPrefix = "gazelle-backfill sim listening on ";

  // Starts `gazelle-backfill sim --port 0 <args...>` and waits (up to 60 s) for
  // its URL. On failure ok() is false and the test has an ADD_FAILURE.
  explicit SimProcess(std::vector<std::string> args = {});
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& url() const { return url_; }  // http://127.0.0.1:PORT
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& client_id() const { return client_id_; }
  const std::string& client_secret() const { return client_secret_; }
  const std::vector<std::string>& banner() const { return banner_; }  // the lines above

  // Admin helpers (loopback HTTP). `faults_json` uses FaultOptions' field names,
  // e.g. R"({"error_5xx_share": 1.0})". Return false on a non-200 answer.
  bool SetFaults(const std::string& faults_json);
  bool ExpireTokens();
  bool AddEntries(int64_t count);
  bool DeleteEntries(int64_t count);  // the newest entries still there
  // POST /admin/changes with `changes_json` (sim/sim_changes.h); the answer
  // (the ids touched), or "" on failure.
  std::string Changes(const std::string& changes_json);
  std::string StatsJson();                // GET /admin/stats body ("" on failure)
  int64_t Stat(const std::string& name);  // one counter of /admin/stats (-1 on failure)

  // Sends a signal (SIGSTOP, SIGCONT, SIGKILL...). Stop() terminates and reaps.
  void Signal(int sig);
  int Stop();  // SIGTERM, then SIGKILL after 5 s; returns the exit status (or -1)

 private:
  bool ReadBanner();
  bool AdminPost(const std::string& path, const std::string& body);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string url_;
  int port_ = 0;
  std::string client_id_, client_secret_;
  std::vector<std::string> banner_;
};

}  // namespace gb::test
