#include "sim/sim_server.h"

#include <fcntl.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "graphql/execution_plan.h"
#include "graphql/gazelle_schema.h"
#include "graphql/request.h"
#include "sim/oauth_routes.h"
#include "sim/query_executor.h"
#include "sim/timeline_index.h"

namespace gb::sim {
namespace {

using json = nlohmann::json;
constexpr const char* kJson = "application/json";

struct Counters {
  std::atomic<int64_t> requests{0}, graphql_requests{0}, entries_served{0}, rate_limited{0},
      errors_5xx{0}, hangs{0}, truncated{0}, garbled{0}, unauthorized{0}, token_refreshes{0},
      graphql_errors{0};
};

bool IsLoopback(const std::string& addr) {
  return addr == "127.0.0.1" || addr == "::1" || addr.starts_with("::ffff:127.") ||
         addr.starts_with("127.");
}

std::string SimpleError(std::string_view message) {
  return json{{"errors", json::array({json{{"message", message}}})}}.dump();
}

// A body that is not JSON any more: a proxy's HTML error page glued into the middle.
std::string Garble(const std::string& body) {
  std::string out = body.substr(0, body.size() / 3);
  out += "\x1b<html><body>502 Bad Gateway</body></html>\xff\xfe";
  out += body.substr(body.size() / 3 + 1);
  return out;
}

}  // namespace

struct SimServer::Impl {
  Impl(SimOptions opts, Clock& clk)
      : options(opts),
        clock(clk),
        data(opts.seed, opts.scale, opts.unknown_user_share, opts.hostile),
        index(data),
        account(data),
        executor(graphql::GazelleSchema(), data, index, account,
                 ExecutorOptions{opts.seed, opts.null_share, opts.cursor_style}),
        tokens(opts.seed, opts.access_token_ttl_s, clk, opts.faults.expire_tokens_now),
        faults(opts.faults, opts.seed, clk),
        oauth(opts, clk, tokens, faults, counters.token_refreshes),
        account_state(std::make_shared<const AccountChanges>(account)) {}

  void Routes();
  void Graphql(const httplib::Request& req, httplib::Response& res);
  bool Authorized(const httplib::Request& req, httplib::Response& res);
  void Admin(const httplib::Request& req, httplib::Response& res);
  bool SleepUnlessStopping(std::chrono::milliseconds d);
  void Deliver(httplib::Response& res, std::string body, const FaultDecision& d);
  std::pair<int, std::string> AnswerBody(const std::string& body);
  SimStats Stats() const {
    const Counters& c = counters;
    const auto changes = index.Snapshot();
    return SimStats{c.requests,
                    c.graphql_requests,
                    c.entries_served,
                    c.rate_limited,
                    c.errors_5xx,
                    c.hangs,
                    c.truncated,
                    c.garbled,
                    c.unauthorized,
                    c.token_refreshes,
                    c.graphql_errors,
                    faults.Arrived(),
                    static_cast<int64_t>(changes->deleted().size()),
                    static_cast<int64_t>(changes->inserted().size()),
                    changes->edited()};
  }
  TimelineView View();
  AppliedChanges Apply(const ChangeRequest& request);
  void ApplyToAccount(const ChangeRequest& request, AppliedChanges* applied);
  void Changes(const json& body, httplib::Response& res);
  void Tick();  // sim --changes-every: applies options.changes until stopped

  SimOptions options;
  Clock& clock;
  SimDataset data;
  TimelineIndex index;
  AccountIndex account;
  QueryExecutor executor;
  TokenStore tokens;
  FaultInjector faults;
  Counters counters;
  OAuthRoutes oauth;
  std::mutex changes_mu;  // a change and a request's view of the account exclude each other
  std::shared_ptr<const AccountChanges> account_state;  // clients and pianos (changes_mu)
  httplib::Server http;
  std::thread thread;
  std::thread ticker;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> nonce{0};  // one per answered request (--null-share's list items)
  std::string host;
  int port = 0;
};

bool SimServer::Impl::SleepUnlessStopping(std::chrono::milliseconds d) {
  auto until = std::chrono::steady_clock::now() + d;
  while (!stopping && std::chrono::steady_clock::now() < until) {
    auto left = until - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
  }
  return !stopping;
}

bool SimServer::Impl::Authorized(const httplib::Request& req, httplib::Response& res) {
  AuthCheck check = AuthCheck::kMissing;
  if (req.has_header("x-gazelle-api-key")) {
    check = tokens.CheckApiKey(req.get_header_value("x-gazelle-api-key")) ? AuthCheck::kOk
                                                                          : AuthCheck::kInvalid;
  } else if (req.has_header("Authorization")) {
    const std::string auth = req.get_header_value("Authorization");
    check = auth.starts_with("Bearer ") ? tokens.CheckBearer(auth.substr(7)) : AuthCheck::kInvalid;
  }
  if (check == AuthCheck::kOk) return true;
  ++counters.unauthorized;
  res.status = 401;
  res.set_header(
      "WWW-Authenticate",
      check == AuthCheck::kExpired
          ? "Bearer error=\"invalid_token\", error_description=\"The access token expired\""
          : "Bearer realm=\"Gazelle\"");
  res.set_content(SimpleError(check == AuthCheck::kExpired   ? "The access token expired"
                              : check == AuthCheck::kMissing ? "Not authenticated"
                                                             : "The access token is invalid"),
                  kJson);
  return false;
}

void SimServer::Impl::Deliver(httplib::Response& res, std::string body, const FaultDecision& d) {
  if (d.garble) {
    ++counters.garbled;
    body = Garble(body);
  }
  if (!d.truncate) return res.set_content(std::move(body), kJson);
  ++counters.truncated;
  // Promise the whole length, send half, then drop the connection.
  auto shared = std::make_shared<std::string>(std::move(body));
  res.set_content_provider(shared->size(), kJson,
                           [shared](size_t offset, size_t, httplib::DataSink& sink) {
                             if (offset > 0) return false;
                             sink.write(shared->data(), shared->size() / 2);
                             return true;
                           });
}

void SimServer::Impl::Graphql(const httplib::Request& req, httplib::Response& res) {
  ++counters.graphql_requests;
  FaultDecision d = faults.Decide();
  using A = FaultDecision::Action;
  if (d.action == A::kRateLimited) {
    ++counters.rate_limited;
    res.status = 429;
    res.set_header("Retry-After", std::to_string(d.retry_after_s));
    return res.set_content(SimpleError("Too many requests"), kJson);
  }
  if (d.action == A::kHang) {
    ++counters.hangs;
    SleepUnlessStopping(d.hang);
    res.status = 504;
    return res.set_content(SimpleError("Gateway timeout"), kJson);
  }
  if (d.action == A::kError5xx) {
    ++counters.errors_5xx;
    res.status = d.status;
    return res.set_content(SimpleError("Internal server error"), kJson);
  }
  if (!Authorized(req, res)) return;
  if (d.latency.count() > 0 && !SleepUnlessStopping(d.latency)) return;
  auto [status, body] = AnswerBody(req.body);
  res.status = status;
  if (status != 200) return res.set_content(std::move(body), kJson);
  Deliver(res, std::move(body), d);
}

std::pair<int, std::string> SimServer::Impl::AnswerBody(const std::string& body) {
  json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object() || !request.contains("query") ||
      !request["query"].is_string()) {
    return {400, SimpleError("The request body must be a JSON object with a \"query\" string.")};
  }
  std::string operation;
  if (request.contains("operationName") && request["operationName"].is_string()) {
    operation = request["operationName"].get<std::string>();
  }
  json variables = request.contains("variables") ? request["variables"] : json::object();
  if (!variables.is_null() && !variables.is_object()) {
    return {400, SimpleError("\"variables\" must be a JSON object.")};
  }
  // Every request is validated against the real schema first, as the API does.
  const graphql::Schema& schema = graphql::GazelleSchema();
  auto prepared = graphql::PrepareRequest(schema, request["query"].get_ref<const std::string&>(),
                                          operation, variables);
  if (!prepared) {
    ++counters.graphql_errors;
    return {200, graphql::ErrorsBody(prepared.error())};
  }
  auto plan = graphql::CompilePlan(schema, *prepared);
  if (!plan) {
    ++counters.graphql_errors;
    return {200, graphql::ErrorsBody(plan.error())};
  }
  ExecutionStats stats;
  std::string answer = executor.Execute(prepared->op().kind, std::move(*plan), View(), ++nonce,
                                        &stats, faults.Get());
  if (stats.errors) ++counters.graphql_errors;
  counters.entries_served += stats.served;
  if (const double per_node = faults.Get().latency_per_node_ms; per_node > 0 && stats.served > 0) {
    SleepUnlessStopping(std::chrono::milliseconds(std::llround(per_node * stats.served)));
  }
  return {200, std::move(answer)};
}

TimelineView SimServer::Impl::View() {
  std::lock_guard lock(changes_mu);
  return TimelineView{faults.Arrived(), index.Snapshot(), account_state};
}

// New entries arrive at the top (as arrivals: generator indexes after the
// base); the rest is the index's. "Now" is the newest occurredAt, never before
// the data's end, so back-dated entries land inside the history.
AppliedChanges SimServer::Impl::Apply(const ChangeRequest& request) {
  std::lock_guard lock(changes_mu);
  const int64_t arrived = faults.Arrived();
  AppliedChanges applied;
  applied.now = std::max(SimDataset::DataEnd(), arrived > 0 ? data.At(0, arrived).occurred : 0);
  for (int64_t i = 0; i < request.fresh; ++i) {
    applied.fresh.push_back(data.EntryId(static_cast<uint32_t>(data.base_size() + arrived + i)));
  }
  std::reverse(applied.fresh.begin(), applied.fresh.end());  // newest first, as listed
  faults.AddArrivals(request.fresh);
  index.Apply(request, applied.now, &applied);
  ApplyToAccount(request, &applied);
  return applied;
}

// Clients and pianos: a new state of the account's changes, published at once.
void SimServer::Impl::ApplyToAccount(const ChangeRequest& request, AppliedChanges* applied) {
  auto next = std::make_shared<AccountChanges>(*account_state);
  auto clients = [&](const std::vector<uint32_t>& touched, std::vector<std::string>* ids) {
    for (uint32_t c : touched) ids->push_back(data.ClientId(c));
  };
  auto pianos = [&](const std::vector<uint32_t>& touched, std::vector<std::string>* ids) {
    for (uint32_t slot : touched)
      ids->push_back(data.PianoId(slot / 3, static_cast<int>(slot % 3)));
  };
  clients(next->AddClients(request.clients_new, applied->now), &applied->clients_new);
  clients(next->EditClients(request.clients_edited, applied->now), &applied->clients_edited);
  pianos(next->AddPianos(request.pianos_new, applied->now), &applied->pianos_new);
  pianos(next->EditPianos(request.pianos_edited, applied->now), &applied->pianos_edited);
  next->Publish();
  account_state = std::move(next);
}

void SimServer::Impl::Changes(const json& body, httplib::Response& res) {
  auto request = ParseChangeRequest(body);
  if (!request) {
    res.status = 400;
    return res.set_content(SimpleError(request.error().message), kJson);
  }
  res.set_content(AppliedToJson(Apply(*request)).dump(), kJson);
}

void SimServer::Impl::Tick() {
  while (SleepUnlessStopping(std::chrono::milliseconds(options.changes_every_ms))) {
    Apply(options.changes);
  }
}

void SimServer::Impl::Admin(const httplib::Request& req, httplib::Response& res) {
  if (!IsLoopback(req.remote_addr)) {
    res.status = 403;
    return res.set_content(SimpleError("admin endpoints answer loopback clients only"), kJson);
  }
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    res.status = 400;
    return res.set_content(SimpleError("the body must be JSON"), kJson);
  }
  if (req.path == "/admin/changes") return Changes(body, res);
  if (req.path == "/admin/faults" && req.method == "POST") {
    auto merged = MergeFaults(faults.Get(), body);
    if (!merged) {
      res.status = 400;
      return res.set_content(SimpleError(merged.error().message), kJson);
    }
    if (merged->expire_tokens_now) tokens.ExpireAll();
    faults.Set(*merged);
  } else if (req.path == "/admin/expire-tokens") {
    tokens.ExpireAll();
  } else if (req.path == "/admin/add-entries") {
    ChangeRequest request;
    request.fresh = body.value("count", int64_t{1});
    Apply(request);
  } else if (req.path == "/admin/delete-entries") {
    std::lock_guard lock(changes_mu);
    index.Delete(body.value("count", int64_t{1}));
  }
  json answer = req.path == "/admin/stats" ? StatsToJson(Stats()) : FaultsToJson(faults.Get());
  res.set_content(answer.dump(), kJson);
}

void SimServer::Impl::Routes() {
  http.new_task_queue = [] { return new httplib::ThreadPool(64); };
  http.set_keep_alive_max_count(100000);
  http.set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle stall between them
  http.set_pre_routing_handler([this](const httplib::Request&, httplib::Response&) {
    ++counters.requests;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.Post("/graphql/private/", [this](const auto& req, auto& res) { Graphql(req, res); });
  oauth.Register(http);
  auto admin = [this](const auto& req, auto& res) { Admin(req, res); };
  http.Get("/admin/faults", admin);
  http.Post("/admin/faults", admin);
  http.Post("/admin/expire-tokens", admin);
  http.Post("/admin/add-entries", admin);
  http.Post("/admin/delete-entries", admin);
  http.Post("/admin/changes", admin);
  http.Get("/admin/stats", admin);
}

SimServer::SimServer(SimOptions options, Clock* clock)
    : impl_(std::make_unique<Impl>(options, clock ? *clock : SystemClock::Instance())) {
  impl_->Routes();
}

SimServer::~SimServer() { Stop(); }

Result<int> SimServer::Start(const std::string& host, int port) {
  int bound = port == 0 ? impl_->http.bind_to_any_port(host)
                        : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Fail(ErrorKind::kConfig, "cannot listen on " + host + ":" + std::to_string(port) +
                                        " (address in use or not local?)");
  }
  impl_->host = host;
  impl_->port = bound;
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
  if (impl_->options.changes_every_ms > 0 && !impl_->options.changes.empty()) {
    impl_->ticker = std::thread([this] { impl_->Tick(); });
  }
  // Wait until the accept loop runs: httplib's stop() is a no-op before that,
  // so an early Stop() would otherwise leave the thread listening forever.
  for (int i = 0; i < 5000 && !impl_->http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return bound;
}

std::string SimServer::BaseUrl() const {
  bool v6 = impl_->host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + impl_->host + "]" : impl_->host) + ":" +
         std::to_string(impl_->port);
}

void SimServer::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->stopping = true;
  impl_->http.stop();
  impl_->thread.join();
  if (impl_->ticker.joinable()) impl_->ticker.join();
}

const Credentials& SimServer::credentials() const { return impl_->tokens.initial(); }

Status SimServer::WriteTokenFile(const std::string& path) const {
  const Credentials& c = credentials();
  std::string text = json{{"access_token", c.access_token},
                          {"refresh_token", c.refresh_token},
                          {"expires_in", c.expires_in},
                          {"created_at", c.created_at}}
                         .dump(2) +
                     "\n";
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Fail(ErrorKind::kConfig, "cannot write the token file " + path);
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Fail(ErrorKind::kConfig, "cannot write the token file " + path);
  }
  return {};
}

FaultOptions SimServer::faults() const { return impl_->faults.Get(); }

void SimServer::SetFaults(const FaultOptions& faults) {
  if (faults.expire_tokens_now) impl_->tokens.ExpireAll();
  impl_->faults.Set(faults);
}

void SimServer::ExpireTokens() { impl_->tokens.ExpireAll(); }
void SimServer::AddEntries(int64_t count) {
  ChangeRequest request;
  request.fresh = count;
  impl_->Apply(request);
}

int64_t SimServer::DeleteEntries(int64_t count) {
  std::lock_guard lock(impl_->changes_mu);
  return impl_->index.Delete(count);
}

AppliedChanges SimServer::ApplyChanges(const ChangeRequest& request) {
  return impl_->Apply(request);
}

SimStats SimServer::stats() const { return impl_->Stats(); }

const SimDataset& SimServer::dataset() const { return impl_->data; }
const SimOptions& SimServer::options() const { return impl_->options; }

std::pair<int, std::string> SimServer::Answer(const std::string& request_body) {
  return impl_->AnswerBody(request_body);
}

}  // namespace gb::sim
