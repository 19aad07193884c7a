// The one place a worker id becomes text and text a worker id.
#include "core/worker_id.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <random>

namespace gb {

std::string FormatWorkerId(const WorkerId& id) {
  return fmt::format("{}:{}:{}", id.host, id.pid, id.nonce);
}

std::optional<WorkerId> ParseWorkerId(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const size_t second = text.find(':', colon + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view pid_text = text.substr(colon + 1, second - colon - 1);
  int64_t pid = 0;
  auto [end, ec] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
  if (ec != std::errc() || end != pid_text.data() + pid_text.size() || pid <= 0) {
    return std::nullopt;
  }
  return WorkerId{std::string(text.substr(0, colon)), pid, std::string(text.substr(second + 1))};
}

WorkerId ThisWorker(std::string_view host) {
  WorkerId id;
  if (!host.empty()) {
    id.host = std::string(host);
  } else {
    char name[256] = {};
    if (gethostname(name, sizeof(name) - 1) == 0) id.host = name;
    if (id.host.empty()) id.host = "localhost";
  }
  id.pid = getpid();
  std::random_device random;
  id.nonce = fmt::format("{:06x}", random() & 0xffffff);
  return id;
}

}  // namespace gb
