#include "source/fake_transport.h"

namespace gb {

void FakeTransport::Push(Result<HttpResponse> answer) {
  std::lock_guard lock(mu_);
  queue_.push_back(std::move(answer));
}

void FakeTransport::PushJson(int status, std::string body, HttpHeaders headers) {
  headers.emplace_back("content-type", "application/json");
  Push(HttpResponse{status, std::move(headers), std::move(body)});
}

void FakeTransport::SetHandler(Handler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

Result<HttpResponse> FakeTransport::Send(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
    if (!queue_.empty()) {
      Result<HttpResponse> answer = std::move(queue_.front());
      queue_.pop_front();
      return answer;
    }
    handler = handler_;
  }
  if (handler) return handler(request);
  return Fail(ErrorKind::kInternal, "FakeTransport: no answer scripted for " + request.url);
}

std::vector<HttpRequest> FakeTransport::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

size_t FakeTransport::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

}  // namespace gb
