#include "cli/run_http.h"

#include <iostream>

#include "monitor/i18n.h"
#include "monitor/metrics.h"
#include "monitor/status_json.h"

namespace gb::cli {

Status RunHttp::Start(const std::string& address, const Database& database) {
  sampler_ = std::make_unique<HealthSampler>(database.OpenStatusReader(), HealthOptions{},
                                             SystemClock::Instance());
  server_ = std::make_unique<HttpDashboard>(HttpContent{
      [this] { return FormatStatusJson(sampler_->Current()); }, [this] { return Metrics(); }});
  if (auto s = server_->Start(address); !s) return s;
  sampler_->StartBackground(std::chrono::seconds(1));
  std::cerr << TrFormat("Dashboard page: {}", server_->Url()) << std::endl;
  return {};
}

ModelHook RunHttp::Hook() {
  return [this](const ProgressModel* model) {
    std::lock_guard lock(mu_);
    model_ = model;
  };
}

std::string RunHttp::Metrics() {
  std::optional<ApiStats> api;
  {
    std::lock_guard lock(mu_);
    if (model_ != nullptr) api = ApiStatsFrom(model_->snapshot());
  }
  return FormatMetrics(sampler_->Current(), api);
}

}  // namespace gb::cli
