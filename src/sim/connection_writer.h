// Writes a connection object (totalCount, pageInfo, nodes, edges { cursor
// node }) for a window of items, only the requested fields under their keys;
// each node is written by the caller's function. With --null-share, one item
// of a page may be null, drawn per request. Shared by every connection of the
// simulator (timeline, account streams, nested lists).
#pragma once

#include <cstdint>
#include <vector>

#include "graphql/execution_plan.h"
#include "sim/cursor_codec.h"
#include "sim/entity_writer.h"
#include "sim/json_writer.h"
#include "sim/page_window.h"
#include "sim/sim_hash.h"
#include "sim/value_writer.h"

namespace gb::sim {

class ConnectionWriter {
 public:
  ConnectionWriter(const ValueWriter& values, uint64_t seed) : values_(values), seed_(seed) {}

  // `node(i, fields)` writes item i (an index into the whole list) with `fields`.
  template <class NodeFn>
  void Write(JsonWriter& w, const graphql::PlanField& field, int64_t total, const Window& win,
             const CursorCodec& codec, uint64_t draw, NodeFn node) const;

 private:
  template <class NodeFn>
  void Items(JsonWriter& w, const graphql::PlanField& list, const Window& win,
             const CursorCodec& codec, int64_t null_at, NodeFn node) const;
  void PageInfo(JsonWriter& w, const graphql::PlanField& info, const Window& win,
                const CursorCodec& codec) const;

  const ValueWriter& values_;
  uint64_t seed_;
};

template <class NodeFn>
void ConnectionWriter::Items(JsonWriter& w, const graphql::PlanField& list, const Window& win,
                             const CursorCodec& codec, int64_t null_at, NodeFn node) const {
  w.BeginArray();
  for (int64_t i = win.start; i < win.end; ++i) {
    if (i == null_at) {  // --null-share: an item the API failed to give
      w.Null();
      continue;
    }
    if (list.slot == kNodes) {
      node(i, list.children);
      continue;
    }
    w.BeginObject();
    for (const graphql::PlanField& e : list.children) {
      w.Key(e.key);
      if (e.slot == kCursor) {
        w.String(codec.Encode(i));
      } else if (e.slot == kNode) {
        node(i, e.children);
      } else {
        values_.DefaultField(w, *list.type, e);
      }
    }
    w.EndObject();
  }
  w.EndArray();
}

template <class NodeFn>
void ConnectionWriter::Write(JsonWriter& w, const graphql::PlanField& field, int64_t total,
                             const Window& win, const CursorCodec& codec, uint64_t draw,
                             NodeFn node) const {
  const int64_t null_at =
      values_.SprinkledItem(draw) && win.end > win.start
          ? win.start + static_cast<int64_t>(Below(Hash(seed_, draw, 7), win.end - win.start))
          : -1;
  w.BeginObject();
  for (const graphql::PlanField& c : field.children) {
    w.Key(c.key);
    if (c.slot == kTotalCount) {
      w.Int(total);
    } else if (c.slot == kNodes || c.slot == kEdges) {
      Items(w, c, win, codec, null_at, node);
    } else if (c.slot == kPageInfo) {
      PageInfo(w, c, win, codec);
    } else {
      values_.DefaultField(w, *field.type, c);
    }
  }
  w.EndObject();
}

}  // namespace gb::sim
