// One batch of a stream: whole pages, transformed, ready for one transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/events.h"
#include "core/record.h"
#include "sink/destination.h"

namespace gb {

struct Batch {
  std::string unit;       // unit name, for events and rejects
  std::vector<Row> rows;  // to upsert (the timeline)
  // Or, for another stream: its nodes as the API gave them (streams/stream.h).
  const StreamModule* stream = nullptr;
  std::vector<std::string> nodes;
  std::vector<char> repaired;   // parallel to rows: the transform repaired this row
  std::vector<Reject> rejects;  // decided before the database (defects, bad dates)
  CountTable precounted;        // skipped and transform-rejected rows
  int64_t fetched = 0;          // rows of the batch that count (all outcomes)
  Checkpoint checkpoint;        // committed with the rows
  int pages = 0;

  bool empty() const { return pages == 0 && !checkpoint.unit_done; }
  // What the batch upserts: its rows, or its nodes.
  size_t items() const { return stream != nullptr ? nodes.size() : rows.size(); }
};

// What committing a batch did.
struct BatchResult {
  CountTable counts;             // all outcomes of the batch, per (year, type)
  std::vector<Reject> rejected;  // every reject of the batch (transform and database)
  int statements = 0;            // WriteRows calls (bisecting shows here)
  int attempts = 0;              // transactions tried (retries show here)
  int bad_rows = 0;              // rows isolated by bisecting (rejected or repaired)
};

}  // namespace gb
