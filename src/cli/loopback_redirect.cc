#include "cli/loopback_redirect.h"

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "monitor/i18n.h"

namespace gb::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kHtml = "text/html; charset=utf-8";
// After the handler answered, how long the page may take to reach the browser.
constexpr std::chrono::seconds kDeliveryGrace{3};

}  // namespace

struct LoopbackRedirect::Impl {
  httplib::Server server;
  int port = 0;
  std::thread thread;
  std::mutex mu;
  std::condition_variable changed;
  const Handler* handler = nullptr;
  bool arrived = false;  // the first redirect request reached the handler
  std::optional<Page> page;
  std::optional<Clock::time_point> answered_at;
  bool delivered = false;

  void Answer(const httplib::Request& req, httplib::Response& res);
};

void LoopbackRedirect::Impl::Answer(const httplib::Request& req, httplib::Response& res) {
  std::unique_lock lock(mu);
  if (!page && !arrived && handler == nullptr) {  // too late: the wait is over
    res.status = 503;
    return;
  }
  if (!page && !arrived) {
    arrived = true;
    const Handler* run = handler;
    Query query;
    for (const auto& [name, value] : req.params) query.emplace(name, value);
    lock.unlock();
    Page answer = (*run)(query);
    lock.lock();
    page = std::move(answer);
    answered_at = Clock::now();
    changed.notify_all();
  }
  // A second request while the first is still being handled waits for its page.
  changed.wait_for(lock, std::chrono::seconds(90),
                   [this] { return page.has_value() || handler == nullptr; });
  if (!page) {
    res.status = 503;
    return;
  }
  res.status = page->status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(page->html, kHtml);
}

LoopbackRedirect::LoopbackRedirect(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<LoopbackRedirect>> LoopbackRedirect::Listen(int port) {
  auto impl = std::make_unique<Impl>();
  Impl* raw = impl.get();
  impl->server.Get(kPath, [raw](const auto& req, auto& res) { raw->Answer(req, res); });
  // The logger runs once the response is written: the browser has its page.
  impl->server.set_logger([raw](const httplib::Request& req, const httplib::Response&) {
    if (req.path != kPath) return;
    std::lock_guard lock(raw->mu);
    raw->delivered = raw->page.has_value();
    raw->changed.notify_all();
  });
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let
  // this socket share a port another program already listens on.
  impl->server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  int bound = port == 0 ? impl->server.bind_to_any_port("127.0.0.1")
                        : (impl->server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) {
    return Fail(ErrorKind::kConfig,
                TrFormat("cannot listen on 127.0.0.1:{} for the redirect (is another program "
                         "using that port?): free it, or pass the --port of a redirect URI "
                         "registered for your OAuth application at Gazelle",
                         port));
  }
  impl->port = bound;
  return std::unique_ptr<LoopbackRedirect>(new LoopbackRedirect(std::move(impl)));
}

LoopbackRedirect::~LoopbackRedirect() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string LoopbackRedirect::RedirectUri() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + kPath;
}

LoopbackRedirect::Outcome LoopbackRedirect::Serve(const Handler& handler,
                                                  std::chrono::milliseconds timeout,
                                                  const std::atomic<bool>& stop) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->handler = &handler;
  }
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(impl_->mu);
  Outcome outcome = Outcome::kAnswered;
  for (;;) {
    if (impl_->delivered ||
        (impl_->answered_at && Clock::now() > *impl_->answered_at + kDeliveryGrace)) {
      break;
    }
    if (stop) {
      outcome = Outcome::kStopped;
      break;
    }
    if (!impl_->arrived && Clock::now() >= deadline) {
      outcome = Outcome::kTimedOut;
      break;
    }
    impl_->changed.wait_for(lock, std::chrono::milliseconds(100));
  }
  impl_->handler = nullptr;
  impl_->changed.notify_all();
  lock.unlock();
  impl_->server.stop();
  impl_->thread.join();
  return outcome;
}

}  // namespace gb::cli
