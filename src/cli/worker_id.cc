#include "cli/worker_id.h"

#include <fmt/format.h>
#include <unistd.h>

#include <random>

namespace gb::cli {

std::string MakeWorkerId(const std::string& host_name) {
  char host[256] = {};
  std::snprintf(host, sizeof(host), "%s", host_name.c_str());
  if (host[0] == '\0' && (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0')) {
    std::snprintf(host, sizeof(host), "localhost");
  }
  std::random_device random;
  return fmt::format("{}:{}:{:06x}", host, getpid(), random() & 0xffffff);
}

}  // namespace gb::cli
