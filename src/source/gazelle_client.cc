#include "source/gazelle_client.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "source/api_url.h"
#include "source/graphql_query.h"
#include "source/response_parser.h"

namespace gb {
namespace {

// The code of the transient error that makes a page with null items be asked again.
constexpr std::string_view kNullItemsCode = "graphql:null-items";
// Nodes asked per request when completing a nested list (a client's contacts).
constexpr int kNestedPageSize = 100;

// ParsePage, with the time it took (run --profile tells parsing from waiting).
Result<Page> ParsePageTimed(std::string_view body) {
  const auto start = std::chrono::steady_clock::now();
  Result<Page> page = ParsePage(body);
  if (page) {
    page->parse_time = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
  }
  return page;
}

// A status other than 200, classified once. `graphql` is what the body says
// when it carries a GraphQL errors answer (some servers send those with 400).
Error ClassifyStatus(const HttpResponse& r, const std::string& endpoint, const Error* graphql,
                     std::chrono::system_clock::time_point now) {
  std::string where = RedactUrl(endpoint);
  std::string code = fmt::format("http:{}", r.status);
  if (r.status == 429) {
    Error e{ErrorKind::kRateLimited, "429 Too Many Requests", code};
    if (auto after = r.Header("retry-after")) {
      e.retry_after = ParseRetryAfter(*after, now).value_or(std::chrono::milliseconds(0));
    }
    return e;
  }
  if (r.status >= 500 || r.status == 408) {
    return Error{ErrorKind::kTransient, fmt::format("HTTP {} from {}", r.status, where), code};
  }
  if (graphql && graphql->kind != ErrorKind::kTransient) return *graphql;
  if (r.status == 403) {
    return Error{ErrorKind::kAuth,
                 fmt::format("HTTP 403 from {}: the account may not read timeline entries; use "
                             "credentials of an account that can",
                             where),
                 code};
  }
  if (r.status == 404) {
    return Error{ErrorKind::kConfig,
                 fmt::format("HTTP 404: no GraphQL endpoint at {}: check --api / GAZELLE_API_URL "
                             "(the base URL, e.g. {})",
                             where, kDefaultApiUrl),
                 code};
  }
  return Error{
      ErrorKind::kPermanent,
      RedactSecrets(fmt::format("HTTP {} from {}: {}", r.status, where, r.body.substr(0, 200))),
      code};
}

}  // namespace

Result<std::unique_ptr<GazelleClient>> GazelleClient::Create(GazelleOptions options,
                                                             HttpTransport& transport,
                                                             Authenticator& auth, Clock& clock,
                                                             Observer& observer) {
  Result<std::string> base = ValidateApiUrl(options.base_url);
  if (!base) return tl::unexpected(base.error());
  options.base_url = *base;
  return std::unique_ptr<GazelleClient>(
      new GazelleClient(std::move(options), transport, auth, clock, observer));
}

GazelleClient::GazelleClient(GazelleOptions options, HttpTransport& transport, Authenticator& auth,
                             Clock& clock, Observer& observer)
    : options_(std::move(options)),
      endpoint_(options_.base_url + "/graphql/private/"),
      transport_(transport),
      auth_(auth),
      limiter_(options_.max_rps, clock),
      retrier_(options_.retry, clock, observer, "api"),
      clock_(clock) {}

// A page holding null items (entries the API failed to give) is retried as a
// transient failure; if the nulls are still there when the retries are spent,
// the page comes back with them as nodes carrying kNullItemDefect, which the
// transform keeps as rejects with that reason: never dropped, never counted
// as loaded.
Result<Page> GazelleClient::FetchPage(const PageRequest& request) {
  std::optional<Page> with_nulls;
  Result<Page> page = Call<Page>(TimelinePageBody(request), [&](std::string_view body) {
    Result<Page> parsed = ParsePageTimed(body);
    if (!parsed || parsed->null_items == 0) return parsed;
    with_nulls = std::move(*parsed);
    return Result<Page>(tl::unexpected(Error{
        ErrorKind::kTransient,
        fmt::format("the API gave {} null item(s) in a page of nodes", with_nulls->null_items),
        std::string(kNullItemsCode)}));
  });
  if (!page && page.error().code == kNullItemsCode && with_nulls) return std::move(*with_nulls);
  return page;
}

Result<int64_t> GazelleClient::Count(const TimelineFilter& filter) {
  return Call<int64_t>(TimelineCountBody(filter), &ParseCount);
}

Result<std::vector<int64_t>> GazelleClient::CountEach(const std::vector<TimelineFilter>& filters) {
  std::vector<int64_t> counts;
  for (size_t start = 0; start < filters.size(); start += kCountsPerRequest) {
    const size_t n = std::min(kCountsPerRequest, filters.size() - start);
    std::vector<TimelineFilter> chunk(filters.begin() + start, filters.begin() + start + n);
    auto answer = Call<std::vector<int64_t>>(
        TimelineCountsBody(chunk), [n](std::string_view body) { return ParseCounts(body, n); });
    if (!answer && (answer.error().kind == ErrorKind::kConfig ||
                    answer.error().kind == ErrorKind::kPermanent)) {
      // An API that refuses several aliased counts in one query (a complexity
      // limit) still answers them one by one; a real mistake in a filter
      // shows up there again, with its own message.
      answer = TimelineSource::CountEach(chunk);
    }
    if (!answer) return tl::unexpected(answer.error());
    counts.insert(counts.end(), answer->begin(), answer->end());
  }
  return counts;
}

Result<FilterEnd> GazelleClient::EndOf(const TimelineFilter& filter) {
  Result<Page> page = Call<Page>(TimelineOldestBody(filter), &ParsePage);
  if (!page) return tl::unexpected(page.error());
  FilterEnd end{std::nullopt, page->total_count};
  if (!page->nodes.empty()) end.cursor = page->end_cursor;
  return end;
}

Result<std::vector<ApiUser>> GazelleClient::FetchUsers() {
  return Call<std::vector<ApiUser>>(UsersBody(), &ParseUsers);
}

Result<ObjectPage> GazelleClient::FetchObjects(const ObjectPageRequest& request) {
  const StreamModule& stream = *request.stream;
  std::optional<ObjectPage> with_nulls;
  Result<ObjectPage> page = Call<ObjectPage>(ObjectPageBody(request), [&](std::string_view body) {
    Result<ObjectPage> parsed = ParseObjectPage(body, stream.root);
    if (!parsed || parsed->null_items == 0) return parsed;
    with_nulls = std::move(*parsed);
    return Result<ObjectPage>(
        tl::unexpected(Error{ErrorKind::kTransient,
                             fmt::format("the API gave {} null item(s) in a page of {}",
                                         with_nulls->null_items, stream.name),
                             std::string(kNullItemsCode)}));
  });
  if (!page && page.error().code == kNullItemsCode && with_nulls) page = std::move(*with_nulls);
  if (!page || !stream.nested) return page;
  if (Status completed = CompleteNested(*stream.nested, *page); !completed) {
    return tl::unexpected(completed.error());
  }
  return page;
}

Status GazelleClient::CompleteNested(const NestedList& nested, ObjectPage& page) {
  const std::string field(nested.field);
  for (std::string& text : page.nodes) {
    nlohmann::json node = nlohmann::json::parse(text, nullptr, false);
    if (!node.is_object() || !node.contains(field) || !node[field].is_object()) continue;
    nlohmann::json& list = node[field];
    const nlohmann::json& info = list.value("pageInfo", nlohmann::json::object());
    if (!info.value("hasNextPage", false) || !node.value("id", nlohmann::json()).is_string()) {
      continue;
    }
    std::string after = info.value("endCursor", std::string());
    while (true) {
      auto more = Call<ObjectPage>(
          NestedPageBody(nested, node["id"].get<std::string>(), after, kNestedPageSize),
          [&](std::string_view body) { return ParseObjectPage(body, nested.root, field); });
      if (!more) return tl::unexpected(more.error());
      for (const std::string& item : more->nodes) {
        list["nodes"].push_back(nlohmann::json::parse(item, nullptr, false));
      }
      list["pageInfo"] = {{"hasNextPage", more->has_next_page},
                          {"endCursor", more->end_cursor ? *more->end_cursor : after}};
      if (!more->has_next_page || !more->end_cursor || more->nodes.empty()) break;
      after = *more->end_cursor;
    }
    text = node.dump();
  }
  return {};
}

Result<std::vector<int64_t>> GazelleClient::CountFiltered(std::span<const ObjectCount> counts) {
  std::vector<int64_t> out;
  for (size_t start = 0; start < counts.size(); start += kCountsPerRequest) {
    const size_t n = std::min(kCountsPerRequest, counts.size() - start);
    auto answer =
        Call<std::vector<int64_t>>(ObjectCountsBody(counts.subspan(start, n)),
                                   [n](std::string_view body) { return ParseCounts(body, n); });
    if (!answer) return tl::unexpected(answer.error());
    out.insert(out.end(), answer->begin(), answer->end());
  }
  return out;
}

std::string GazelleClient::Describe() const {
  return "Gazelle API at " + RedactUrl(options_.base_url);
}

template <class T>
Result<T> GazelleClient::Call(const std::string& body,
                              const std::function<Result<T>(std::string_view)>& parse) {
  return retrier_.Run<T>([&]() -> Result<T> {
    Result<HttpResponse> response = PostOnce(body);
    if (!response) return tl::unexpected(response.error());
    if (response->status == 200) return parse(response->body);
    Result<T> graphql = response->status < 500 && response->status != 429
                            ? parse(response->body)
                            : Result<T>(tl::unexpected(Error{ErrorKind::kTransient, {}, {}}));
    const Error* as_graphql = graphql ? nullptr : &graphql.error();
    return tl::unexpected(ClassifyStatus(*response, endpoint_, as_graphql, clock_.Now()));
  });
}

Result<HttpResponse> GazelleClient::SendWith(const std::string& body, const AuthHeaders& auth) {
  HttpRequest request;
  request.url = endpoint_;
  request.headers = auth.headers;
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Accept", "application/json");
  request.body = body;
  request.connect_timeout = options_.connect_timeout;
  request.total_timeout = options_.request_timeout;
  limiter_.Acquire();
  ++requests_;
  Result<HttpResponse> response = transport_.Send(request);
  if (response) limiter_.OnAnswer(response->status == 429);
  return response;
}

Result<HttpResponse> GazelleClient::PostOnce(const std::string& body) {
  Result<AuthHeaders> auth = auth_.Headers();
  if (!auth) return tl::unexpected(auth.error());
  Result<HttpResponse> response = SendWith(body, *auth);
  if (!response || response->status != 401) return response;
  // The token expired under us (or was revoked): refresh once, replay once.
  if (Status refreshed = auth_.OnUnauthorized(auth->credential); !refreshed) {
    return tl::unexpected(refreshed.error());
  }
  auth = auth_.Headers();
  if (!auth) return tl::unexpected(auth.error());
  response = SendWith(body, *auth);
  if (response && response->status == 401) {
    return Fail(ErrorKind::kAuth,
                "the Gazelle API refused the refreshed credentials too (HTTP 401): run "
                "`gazelle-backfill token login` to authorize again, then rerun the same command "
                "to resume",
                "http:401");
  }
  return response;
}

}  // namespace gb
