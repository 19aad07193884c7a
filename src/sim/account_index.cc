// The account's compact arrays, derived from the timeline (see account_index.h).
#include "sim/account_index.h"

#include <algorithm>

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum AccountPurpose : uint64_t {
  kHashClientLead = 300,
  kHashClientNew,
  kHashPianoCreated,
  kHashMoneyLead,
  kHashInvoiceCreated,
  kHashEventStart,
};

constexpr uint8_t kAppointment = 16;  // index of APPOINTMENT in kEntryTypes
constexpr int64_t kUnset = INT64_MIN;

// About 0.5% of clients and pianos have a null createdAt (every 199th, so
// even a small dataset has some).
bool NullCreated(uint32_t n) { return n % 199 == 3; }

void KeepFirst(std::vector<int64_t>& firsts, uint32_t i, int64_t t) {
  if (firsts[i] == kUnset || t < firsts[i]) firsts[i] = t;
}

}  // namespace

struct AccountIndex::Firsts {
  std::vector<int64_t> client, piano, invoice, estimate;
  std::vector<int8_t> estimate_piano;
};

AccountIndex::AccountIndex(const SimDataset& data) : data_(data) {
  const uint32_t history = data.client_count();
  Firsts f{std::vector<int64_t>(history, kUnset), std::vector<int64_t>(history * 3, kUnset),
           std::vector<int64_t>(history * 4, kUnset), std::vector<int64_t>(history * 2, kUnset),
           std::vector<int8_t>(history * 2, 0)};
  std::vector<std::pair<int64_t, uint32_t>> appointments;
  // Oldest first, so the first entry to name an estimate gives its piano.
  for (int64_t pos = data.base_size() - 1; pos >= 0; --pos) {
    const EntryRef e = data.At(pos, 0);
    const uint32_t c = data.ClientAt(pos);
    KeepFirst(f.client, c, e.occurred);
    const int k = data.PianoOf(e.gen);
    if (k >= 0) KeepFirst(f.piano, c * 3 + k, e.occurred);
    if (auto inv = data.InvoiceOf(e.gen)) KeepFirst(f.invoice, *inv, e.occurred);
    if (auto est = data.EstimateOf(e.gen)) {
      if (f.estimate[*est] == kUnset) f.estimate_piano[*est] = static_cast<int8_t>(std::max(k, 0));
      KeepFirst(f.estimate, *est, e.occurred);
    }
    if (data.TypeAt(pos) == kAppointment) appointments.emplace_back(e.occurred, e.gen);
  }
  orders_.resize(5);
  BuildClients(f);
  BuildPianos(f);
  BuildMoney(f);
  BuildEvents(std::move(appointments));
}

// A client with history is created 1 hour to 120 days before its first entry
// (never before 2016); one without, at any time of the data's span.
void AccountIndex::BuildClients(const Firsts& f) {
  const uint64_t seed = data_.seed();
  const uint32_t n = data_.all_client_count();
  client_created_.resize(n);
  for (uint32_t c = 0; c < n; ++c) {
    int64_t t;
    if (NullCreated(c)) {
      t = kNoKey;
    } else if (c < f.client.size() && f.client[c] != kUnset) {
      int64_t lead =
          3600 + static_cast<int64_t>(Below(Hash(seed, c, kHashClientLead), 120 * kDaySeconds));
      t = std::max(SimDataset::DataStart(), f.client[c] - lead);
    } else {
      t = SimDataset::DataStart() +
          static_cast<int64_t>(Below(Hash(seed, c, kHashClientNew),
                                     SimDataset::DataEnd() - SimDataset::DataStart()));
    }
    client_created_[c] = t;
  }
  orders_[static_cast<int>(Stream::kClients)] = SortedKeys(client_created_);
}

// A piano is created between its client's creation and the middle of the
// time before its first entry (or the end of the data).
void AccountIndex::BuildPianos(const Firsts& f) {
  const uint32_t n = data_.all_client_count();
  piano_created_.assign(uint64_t{n} * 3, kUnset);
  std::vector<int64_t> keys;
  for (uint32_t c = 0; c < n; ++c) {
    for (int k = 0; k < data_.PianoCount(c); ++k) {
      const uint32_t slot = c * 3 + k;
      const auto ordinal = static_cast<uint32_t>(piano_slots_.size());
      const int64_t lower = ClientCreated(c).value_or(SimDataset::DataStart());
      int64_t upper =
          slot < f.piano.size() && f.piano[slot] != kUnset ? f.piano[slot] : SimDataset::DataEnd();
      upper = std::max(lower, upper);
      int64_t t = lower + static_cast<int64_t>(Below(Hash(data_.seed(), slot, kHashPianoCreated),
                                                     (upper - lower) / 2 + 1));
      piano_created_[slot] = NullCreated(ordinal) ? kNoKey : t;
      piano_slots_.push_back(slot);
      keys.push_back(piano_created_[slot]);
    }
  }
  orders_[static_cast<int>(Stream::kPianos)] = SortedKeys(keys);
}

// Invoices: every slot of a client with history exists; one an entry names is
// created up to an hour before that entry, another at any time after its
// client. Estimates: only the slots entries name exist.
void AccountIndex::BuildMoney(const Firsts& f) {
  const uint64_t seed = data_.seed();
  auto created = [&](uint32_t c, int64_t first, uint64_t key) {
    const int64_t lower = ClientCreated(c).value_or(SimDataset::DataStart());
    if (first == kUnset) {
      return lower + static_cast<int64_t>(Below(Hash(seed, key, kHashInvoiceCreated),
                                                SimDataset::DataEnd() - lower));
    }
    return std::max(lower,
                    first - static_cast<int64_t>(Below(Hash(seed, key, kHashMoneyLead), 3600)));
  };
  invoice_created_.resize(f.invoice.size());
  for (uint32_t i = 0; i < f.invoice.size(); ++i)
    invoice_created_[i] = created(i / 4, f.invoice[i], i);
  orders_[static_cast<int>(Stream::kInvoices)] = SortedKeys(invoice_created_);
  estimate_created_.assign(f.estimate.size(), kUnset);
  estimate_piano_ = f.estimate_piano;
  std::vector<int64_t> keys;
  for (uint32_t s = 0; s < f.estimate.size(); ++s) {
    if (f.estimate[s] == kUnset) continue;
    estimate_created_[s] = created(s / 2, f.estimate[s], (uint64_t{1} << 40) + s);
    estimate_slots_.push_back(s);
    keys.push_back(estimate_created_[s]);
  }
  orders_[static_cast<int>(Stream::kEstimates)] = SortedKeys(keys);
}

// One event per APPOINTMENT entry, starting when the entry occurred, and 6%
// more without a client (personal time, memos, synced calendars).
void AccountIndex::BuildEvents(std::vector<std::pair<int64_t, uint32_t>> events) {
  const auto synthetic = static_cast<uint32_t>(events.size() * 6 / 100);
  const int64_t span = SimDataset::DataEnd() - SimDataset::DataStart();
  for (uint32_t j = 0; j < synthetic; ++j) {
    int64_t start = SimDataset::DataStart() +
                    static_cast<int64_t>(Below(Hash(data_.seed(), j, kHashEventStart), span));
    events.emplace_back(start / 900 * 900, kSyntheticEvent | j);  // on a quarter hour
  }
  std::sort(events.begin(), events.end());
  for (const auto& [start, source] : events) {
    event_start_.push_back(start);
    event_source_.push_back(source);
  }
  orders_[static_cast<int>(Stream::kEvents)] = SortedKeys(event_start_);
}

uint32_t AccountIndex::ObjectAt(Stream s, uint32_t ordinal) const {
  switch (s) {
    case Stream::kPianos:
      return piano_slots_[ordinal];
    case Stream::kEstimates:
      return estimate_slots_[ordinal];
    default:
      return ordinal;  // clients, events and invoices: the ordinal is the object
  }
}

std::optional<int64_t> AccountIndex::ClientCreated(uint32_t client) const {
  if (client >= client_created_.size() || client_created_[client] == kNoKey) return std::nullopt;
  return client_created_[client];
}

std::optional<int64_t> AccountIndex::PianoCreated(uint32_t slot) const {
  if (slot >= piano_created_.size() || piano_created_[slot] == kNoKey ||
      piano_created_[slot] == kUnset)
    return std::nullopt;
  return piano_created_[slot];
}

bool AccountIndex::HasEstimate(uint32_t slot) const {
  return slot < estimate_created_.size() && estimate_created_[slot] != kUnset;
}

}  // namespace gb::sim
