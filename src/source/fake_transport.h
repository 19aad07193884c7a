// A scripted HttpTransport for tests: answers from a queue (then from a
// handler, if set) and records every request it was sent.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "source/http_transport.h"

namespace gb {

class FakeTransport final : public HttpTransport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  // Queues one answer (FIFO).
  void Push(Result<HttpResponse> answer);
  void PushJson(int status, std::string body, HttpHeaders headers = {});
  // Answers requests once the queue is empty.
  void SetHandler(Handler handler);

  Result<HttpResponse> Send(const HttpRequest& request) override;

  std::vector<HttpRequest> requests() const;
  size_t request_count() const;

 private:
  mutable std::mutex mu_;
  std::deque<Result<HttpResponse>> queue_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

}  // namespace gb
