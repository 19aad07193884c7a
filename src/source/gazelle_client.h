// TimelineSource and ObjectSource over the Gazelle GraphQL API: POST
// {base}/graphql/private/ with allTimelineEntries, allUsers and the streams'
// connections, retried (backoff with jitter, 429 Retry-After) inside each call, throttled by a
// shared requests-per-second budget, authenticated by an Authenticator (401 -> refresh once ->
// replay).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/events.h"
#include "source/api_url.h"
#include "source/authenticator.h"
#include "source/credentials.h"
#include "source/http_transport.h"
#include "source/object_source.h"
#include "source/rate_limiter.h"
#include "source/retrier.h"
#include "source/timeline_source.h"

namespace gb {

struct GazelleOptions {
  std::string base_url = kDefaultApiUrl;  // --api URL / GAZELLE_API_URL
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  RetryPolicy retry;
  double max_rps = 0;  // --max-rps, shared by all threads; 0 = unlimited
};

class GazelleClient final : public TimelineSource, public ObjectSource {
 public:
  // Validates the options (kConfig for a bad URL).
  static Result<std::unique_ptr<GazelleClient>> Create(GazelleOptions options,
                                                       HttpTransport& transport,
                                                       Authenticator& auth, Clock& clock,
                                                       Observer& observer);

  Result<Page> FetchPage(const PageRequest& request) override;
  Result<int64_t> Count(const TimelineFilter& filter) override;
  // Up to kCountsPerRequest counts per request (aliased connections): the
  // plan's ~32 counts cost 2 requests instead of 32 round trips in a row.
  Result<std::vector<int64_t>> CountEach(const std::vector<TimelineFilter>& filters) override;
  static constexpr size_t kCountsPerRequest = 20;
  Result<FilterEnd> EndOf(const TimelineFilter& filter) override;
  bool CursorsShift() const override { return true; }
  Result<std::vector<ApiUser>> FetchUsers() override;
  std::string Describe() const override;

  // Other streams: a page with each node's nested list completed (one more
  // request per node whose list goes on), and their counts in one request
  // (up to kCountsPerRequest aliases each).
  Result<ObjectPage> FetchObjects(const ObjectPageRequest& request) override;
  int64_t RequestsSent() const override { return requests_.load(); }
  Result<std::vector<int64_t>> CountFiltered(std::span<const ObjectCount> counts) override;

 private:
  GazelleClient(GazelleOptions options, HttpTransport& transport, Authenticator& auth, Clock& clock,
                Observer& observer);

  // The rest of the nested list of each node of `page` that has more.
  Status CompleteNested(const NestedList& nested, ObjectPage& page);

  template <class T>
  Result<T> Call(const std::string& body, const std::function<Result<T>(std::string_view)>& parse);
  // One request (plus one replay after a 401 and a refresh).
  Result<HttpResponse> PostOnce(const std::string& body);
  Result<HttpResponse> SendWith(const std::string& body, const AuthHeaders& auth);

  GazelleOptions options_;
  std::string endpoint_;
  HttpTransport& transport_;
  Authenticator& auth_;
  RateLimiter limiter_;
  Retrier retrier_;
  Clock& clock_;
  std::atomic<int64_t> requests_{0};
};

}  // namespace gb
