#include "cli/self_command.h"

#include <cstdlib>
#include <filesystem>
#include <ranges>
#include <string_view>

namespace gb::cli {

std::string SelfCommand() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::canonical("/proc/self/exe", ec);
  if (ec) return "gazelle-backfill";
  if (const char* path = std::getenv("PATH")) {
    for (auto dir : std::views::split(std::string_view(path), ':')) {
      fs::path found = fs::path(std::string_view(dir.begin(), dir.end())) / self.filename();
      if (fs::equivalent(found, self, ec) && !ec) return self.filename().string();
    }
  }
  const fs::path here = fs::current_path(ec);
  if (!ec) {
    const fs::path rel = self.lexically_relative(here);
    if (!rel.empty() && *rel.begin() != "..") {
      return rel.has_parent_path() ? rel.string() : "./" + rel.string();
    }
  }
  return self.string();
}

}  // namespace gb::cli
