// The account beyond the timeline, as compact arrays built once from the
// timeline itself so the two agree: clients (the timeline's and a third more
// with no history), their pianos, events (one per APPOINTMENT entry, plus
// personal time, memos and synced events), invoices (four slots per client with
// history, the ids INVOICE* entries point at) and estimates (the slots ESTIMATE*
// entries point at). Only creation times, start times and sort orders are kept;
// every other field is generated on demand (account_content.h).
//
// Creation times are consistent with the timeline: a client is created before
// its first entry, a piano between its client's creation and its own first
// entry, an invoice or estimate shortly before the first entry naming it.
// About 0.5% of clients and pianos have no createdAt (the schema allows null).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/sim_dataset.h"
#include "sim/sorted_keys.h"

namespace gb::sim {

enum class Stream { kClients, kPianos, kEvents, kInvoices, kEstimates };

inline constexpr int64_t kDaySeconds = 86400;
inline constexpr uint32_t kSyntheticEvent = 0x80000000u;  // event source: not an appointment

class AccountIndex {
 public:
  explicit AccountIndex(const SimDataset& data);

  const SimDataset& data() const { return data_; }
  // Each stream in its creation order (events: start order); ordinals below.
  const SortedKeys& Order(Stream s) const { return orders_[static_cast<int>(s)]; }
  int64_t Count(Stream s) const { return Order(s).size(); }
  // The object an ordinal names: a client index, a piano slot (client * 3 + k),
  // an event ordinal, an invoice index (client * 4 + k), an estimate slot
  // (client * 2 + k).
  uint32_t ObjectAt(Stream s, uint32_t ordinal) const;

  std::optional<int64_t> ClientCreated(uint32_t client) const;
  std::optional<int64_t> PianoCreated(uint32_t slot) const;
  int64_t InvoiceCreated(uint32_t invoice) const { return invoice_created_[invoice]; }
  int64_t EstimateCreated(uint32_t slot) const { return estimate_created_[slot]; }
  bool HasInvoice(uint32_t invoice) const { return invoice < invoice_created_.size(); }
  bool HasEstimate(uint32_t slot) const;
  int EstimatePiano(uint32_t slot) const { return estimate_piano_[slot]; }  // k of the client
  // An event by ordinal: its source (the APPOINTMENT entry's generator index,
  // or kSyntheticEvent | n) and start.
  uint32_t EventSource(uint32_t ordinal) const { return event_source_[ordinal]; }
  int64_t EventStart(uint32_t ordinal) const { return event_start_[ordinal]; }

 private:
  struct Firsts;  // earliest entry per client, piano, invoice, estimate
  void BuildClients(const Firsts& first);
  void BuildPianos(const Firsts& first);
  void BuildMoney(const Firsts& first);
  void BuildEvents(std::vector<std::pair<int64_t, uint32_t>> appointments);

  const SimDataset& data_;
  std::vector<int64_t> client_created_;    // by client; kNoKey: null
  std::vector<int64_t> piano_created_;     // by slot; kNoKey: null; INT64_MIN: no such piano
  std::vector<uint32_t> piano_slots_;      // by ordinal
  std::vector<int64_t> invoice_created_;   // by invoice index
  std::vector<int64_t> estimate_created_;  // by slot; INT64_MIN: no such estimate
  std::vector<int8_t> estimate_piano_;     // by slot
  std::vector<uint32_t> estimate_slots_;   // by ordinal
  std::vector<uint32_t> event_source_;     // by ordinal (start order)
  std::vector<int64_t> event_start_;       // by ordinal
  std::vector<SortedKeys> orders_;
};

}  // namespace gb::sim
