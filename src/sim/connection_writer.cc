// The non-template part of a connection's serialization (see connection_writer.h).
#include "sim/connection_writer.h"

namespace gb::sim {

void ConnectionWriter::PageInfo(JsonWriter& w, const graphql::PlanField& info, const Window& win,
                                const CursorCodec& codec) const {
  w.BeginObject();
  for (const graphql::PlanField& p : info.children) {
    w.Key(p.key);
    if (p.slot == kHasNextPage) {
      w.Bool(win.has_next);
    } else if (p.slot == kHasPreviousPage) {
      w.Bool(win.has_prev);
    } else if ((p.slot == kStartCursor || p.slot == kEndCursor) && win.start < win.end) {
      w.String(codec.Encode(p.slot == kStartCursor ? win.start : win.end - 1));
    } else {
      values_.DefaultField(w, *info.type, p);
    }
  }
  w.EndObject();
}

}  // namespace gb::sim
