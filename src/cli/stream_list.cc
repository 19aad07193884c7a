#include "cli/stream_list.h"

#include <algorithm>
#include <set>

#include "monitor/i18n.h"
#include "streams/registry.h"

namespace gb::cli {

namespace {

// The streams a command can name: the account's, but the users list (always
// loaded first, whatever is asked).
bool Selectable(const StreamModule& stream) { return stream.cutting != Cutting::kList; }

const StreamModule* FindSelectable(std::string_view name) {
  for (const StreamModule* stream : AccountStreams()) {
    if (stream->name == name && Selectable(*stream)) return stream;
  }
  return nullptr;
}

}  // namespace

std::string KnownStreams() {
  std::string names;
  for (const StreamModule* stream : AccountStreams()) {
    if (Selectable(*stream)) names += (names.empty() ? "" : ", ") + std::string(stream->name);
  }
  return names;
}

Result<StreamList> ParseStreamList(std::string_view text) {
  std::set<std::string> asked;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string name(text.substr(start, comma - start));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (name == "all") {
      for (const StreamModule* stream : AccountStreams()) {
        if (Selectable(*stream)) asked.emplace(stream->name);
      }
    } else if (FindSelectable(name) != nullptr) {
      asked.insert(name);
    } else {
      return Fail(ErrorKind::kConfig,
                  TrFormat("--streams {}: no stream is called '{}'; the streams are {} (or all).",
                           text, name, KnownStreams()));
    }
    start = comma + 1;
  }
  StreamList list;
  list.timeline = asked.contains(std::string(TimelineStream().name));
  for (const StreamModule* stream : AllStreams()) {
    if (asked.contains(std::string(stream->name))) list.others.emplace_back(stream->name);
  }
  return list;
}

}  // namespace gb::cli
