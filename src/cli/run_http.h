// `run --http ADDRESS`: the loader serves the same page as `watch --http`,
// sampling the destination like watch does (one read per second on its own
// connection) and adding the API retry counts from its own ProgressModel.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "cli/load_runner.h"
#include "core/error.h"
#include "monitor/http_dashboard.h"
#include "monitor/run_health_sampler.h"

namespace gb::cli {

class RunHttp {
 public:
  // Starts sampling `database` and serving on `address`; the URL goes to stderr.
  Status Start(const std::string& address, const Database& database);
  // For RunLoad: the model appears and disappears with the run.
  ModelHook Hook();

 private:
  std::string Metrics();

  std::unique_ptr<HealthSampler> sampler_;
  std::unique_ptr<HttpDashboard> server_;
  std::mutex mu_;
  const ProgressModel* model_ = nullptr;
};

}  // namespace gb::cli
