#include "streams/registry.h"

namespace gb {

// Each defined in its folder (src/streams/<name>/<name>_stream.cc).
const StreamModule& ClientsStream();
const StreamModule& PianosStream();
const StreamModule& EventsStream();
const StreamModule& InvoicesStream();
const StreamModule& EstimatesStream();

const std::vector<const StreamModule*>& AccountStreams() {
  static const std::vector<const StreamModule*> streams = {
      &UsersStream(),    &ClientsStream(),   &PianosStream(),   &EventsStream(),
      &InvoicesStream(), &EstimatesStream(), &TimelineStream(),
  };
  return streams;
}

const std::vector<const StreamModule*>& AllStreams() {
  static const std::vector<const StreamModule*> streams = [] {
    std::vector<const StreamModule*> swept;
    for (const StreamModule* stream : AccountStreams()) {
      if (stream->cutting == Cutting::kWholeSweep) swept.push_back(stream);
    }
    return swept;
  }();
  return streams;
}

const StreamModule* FindStream(std::string_view name) {
  for (const StreamModule* stream : AllStreams()) {
    if (stream->name == name) return stream;
  }
  return nullptr;
}

}  // namespace gb
