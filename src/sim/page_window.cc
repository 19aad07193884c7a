// Cursors and counts to a slice of a connection (see page_window.h).
#include "sim/page_window.h"

#include <algorithm>
#include <string_view>

namespace gb::sim {
namespace {

constexpr int64_t kMaxPage = 1000;

std::optional<std::string> CursorArg(const nlohmann::json& args, const char* name) {
  auto it = args.find(name);
  if (it == args.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

tl::expected<Window, std::string> PageWindow(const nlohmann::json& args, int64_t total,
                                             const CursorCodec& codec, const FaultOptions& faults) {
  Window win{0, total};
  for (const char* name : {"after", "before"}) {
    auto cursor = CursorArg(args, name);
    if (!cursor) continue;
    auto offset = codec.Decode(*cursor);
    if (!offset) {
      return tl::unexpected(
          std::string("Invalid cursor for \"") + name + "\": " + *cursor +
          (codec.opaque() ? " (a cursor is valid only under the filter that issued it)" : ""));
    }
    if (name == std::string_view("after")) {
      win.start = std::min(total, *offset + 1);
    } else {
      win.end = std::min(win.end, *offset);
    }
  }
  win.end = std::max(win.start, win.end);
  const int64_t limit_end = win.end;
  for (const char* name : {"first", "last"}) {
    auto it = args.find(name);
    if (it == args.end() || !it->is_number_integer()) continue;
    int64_t n = it->get<int64_t>();
    if (n < 0)
      return tl::unexpected(std::string("Argument '") + name + "' must be a non-negative integer");
    if (n > kMaxPage)
      return tl::unexpected(std::string("Argument '") + name + "' must be at most 1000");
    if (faults.max_page_size > 0 && n > faults.max_page_size) {
      if (faults.max_page_size_refuses) {
        return tl::unexpected(std::string("Argument '") + name + "' must be at most " +
                              std::to_string(faults.max_page_size));
      }
      n = faults.max_page_size;  // silently, as a server with a maximum page size does
    }
    if (name == std::string_view("first")) {
      win.end = std::min(win.end, win.start + n);
    } else {
      win.start = std::max(win.start, win.end - n);
    }
  }
  win.has_next = win.end < limit_end;
  win.has_prev = win.start > 0;
  return win;
}

}  // namespace gb::sim
