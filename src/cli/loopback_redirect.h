// The loopback end of `token login`: a one-shot HTTP server on 127.0.0.1
// that waits for the browser to come back from Gazelle's consent page to the
// redirect URI (http://127.0.0.1:PORT/callback?code=…&state=… or ?error=…),
// hands the query to the caller, and shows the browser the page the caller
// returns (reloading it shows the same page; other paths are 404). Nothing
// else listens: only loopback clients can reach it.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/error.h"

namespace gb::cli {

class LoopbackRedirect {
 public:
  struct Page {
    int status = 200;
    std::string html;
  };
  using Query = std::map<std::string, std::string>;
  using Handler = std::function<Page(const Query&)>;
  enum class Outcome { kAnswered, kTimedOut, kStopped };

  inline static constexpr const char* kPath = "/callback";

  // Binds 127.0.0.1:`port` (0: any free port). kConfig when it cannot.
  static Result<std::unique_ptr<LoopbackRedirect>> Listen(int port);
  ~LoopbackRedirect();
  LoopbackRedirect(const LoopbackRedirect&) = delete;
  LoopbackRedirect& operator=(const LoopbackRedirect&) = delete;

  // http://127.0.0.1:PORT/callback
  std::string RedirectUri() const;

  // Serves until `handler` has answered the first request to the redirect
  // path and its page reached the browser (kAnswered), or no such request
  // came within `timeout` (kTimedOut), or `stop` was set (kStopped). The
  // handler runs at most once, on the server's thread.
  Outcome Serve(const Handler& handler, std::chrono::milliseconds timeout,
                const std::atomic<bool>& stop);

 private:
  struct Impl;
  explicit LoopbackRedirect(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::cli
