// Filters, matches and their caches, and the changes applied (see timeline_index.h).
#include "sim/timeline_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/sim_content.h"

namespace gb::sim {
namespace {

constexpr size_t kCacheLimit = 32;
constexpr int64_t kSecondsPerDay = 86400;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(const std::optional<std::string>& text, const std::string& needle_lower) {
  return text && Lower(*text).find(needle_lower) != std::string::npos;
}

}  // namespace

std::string EntryFilter::Key() const {
  return fmt::format("{}:{:x}|{}|{}|{}|{}|{}|{}|{}", types_given, type_mask, client.value_or(~0u),
                     piano.value_or(~0u), invoice.value_or(~0u), estimate.value_or(~0u), impossible,
                     occurred_min.value_or(INT64_MIN), search);
}

bool EntryFilter::OnlyTime() const {
  return !types_given && !client && !piano && !invoice && !estimate && !impossible &&
         search.empty();
}

bool EntryFilter::Matches(const SimDataset& d, const EntryRef& e,
                          const TimelineChanges* changes) const {
  if (impossible) return false;
  if (occurred_min && e.occurred < *occurred_min) return false;
  uint8_t type = e.base_pos >= 0 ? d.TypeAt(e.base_pos) : d.TypeOf(e.gen);
  if (types_given && (type == kUnknownType || !(type_mask >> type & 1))) return false;
  uint32_t c = e.base_pos >= 0 ? d.ClientAt(e.base_pos) : d.ClientOf(e.gen);
  if (client && c != *client) return false;
  if (piano) {
    int k = d.PianoOf(e.gen);
    if (k < 0 || c * 3 + static_cast<uint32_t>(k) != *piano) return false;
  }
  if (invoice && d.InvoiceOf(e.gen) != invoice) return false;
  if (estimate && d.EstimateOf(e.gen) != estimate) return false;
  if (!search.empty()) {
    NodeData node = changes ? changes->Node(e) : MakeNode(d, e);
    std::string needle = Lower(search);
    if (!Contains(node.summary, needle) && !Contains(node.comment, needle)) return false;
  }
  return true;
}

EntryRef Matches::At(int64_t i) const {
  auto arrived = static_cast<int64_t>(arrived_.size());
  if (i < arrived) return data_->At(arrived_[i], arrived_total_);
  const int64_t j = i - arrived;
  return changes_->Slot(slots_ ? (*slots_)[j] : static_cast<uint32_t>(j));
}

TimelineIndex::TimelineIndex(const SimDataset& data)
    : data_(data), changes_(std::make_shared<const TimelineChanges>(data)) {}

std::shared_ptr<const TimelineChanges> TimelineIndex::Snapshot() const {
  std::lock_guard lock(mu_);
  return changes_;
}

Matches TimelineIndex::Find(const EntryFilter& filter, const TimelineView& view) {
  Matches m;
  m.data_ = &data_;
  m.changes_ = view.changes ? view.changes : Snapshot();
  m.arrived_total_ = view.arrived;
  for (int64_t l = 0; l < view.arrived; ++l) {
    if (filter.Matches(data_, data_.At(l, view.arrived), m.changes_.get())) m.arrived_.push_back(l);
  }
  if (filter.OnlyTime()) {
    FindTimeOnly(filter, m);
  } else {
    m.slots_ = Slots(filter, *m.changes_);
    m.count_ = static_cast<int64_t>(m.slots_->size());
  }
  return m;
}

// Newest first: the entries at or after occurred_min are a prefix of every entry.
void TimelineIndex::FindTimeOnly(const EntryFilter& filter, Matches& m) const {
  const TimelineChanges& changes = *m.changes_;
  m.slots_ = changes.all();
  const int64_t total = m.slots_ ? static_cast<int64_t>(m.slots_->size()) : data_.base_size();
  int64_t lo = 0, hi = total;
  while (filter.occurred_min && lo < hi) {
    const int64_t mid = (lo + hi) / 2;
    const uint32_t slot = m.slots_ ? (*m.slots_)[mid] : static_cast<uint32_t>(mid);
    if (changes.Slot(slot).occurred >= *filter.occurred_min)
      lo = mid + 1;
    else
      hi = mid;
  }
  m.count_ = filter.occurred_min ? lo : total;
}

std::shared_ptr<const std::vector<uint32_t>> TimelineIndex::Slots(const EntryFilter& filter,
                                                                  const TimelineChanges& changes) {
  const std::string key = filter.Key();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.merged && it->second.version == changes.version())
      return it->second.merged;
  }
  auto base = BaseMatches(filter);
  if (changes.unchanged()) return base;
  auto keep = [&](const EntryRef& e) { return filter.Matches(data_, e, &changes); };
  std::shared_ptr<const std::vector<uint32_t>> merged;
  if (!filter.search.empty() && changes.HasEdits()) {
    // An edit may make an entry match or stop matching: every live entry again.
    auto found = std::make_shared<std::vector<uint32_t>>();
    for (uint32_t slot : *changes.all()) {
      if (keep(changes.Slot(slot))) found->push_back(slot);
    }
    merged = std::move(found);
  } else {
    merged = std::make_shared<const std::vector<uint32_t>>(changes.Merge(base.get(), keep));
  }
  std::lock_guard lock(mu_);
  Cached& cached = cache_[key];
  if (!cached.merged || cached.version < changes.version()) {
    cached.version = changes.version();
    cached.merged = merged;
  }
  return merged;
}

void TimelineIndex::Apply(const ChangeRequest& request, int64_t now, AppliedChanges* applied) {
  std::lock_guard serial(apply_mu_);  // one change at a time: none is lost
  auto next = std::make_shared<TimelineChanges>(*Snapshot());
  // Deleted first, so the entries edited are still there after the call.
  auto deleted = next->DeleteSpread(request.deleted);
  auto edited = next->Edit(request.edited);
  for (int64_t i = 0; i < request.backdated; ++i) {
    applied->backdated.push_back(
        next->Backdate(now - request.backdated_days * kSecondsPerDay - 60 * (i + 1)));
  }
  applied->deleted.insert(applied->deleted.end(), deleted.begin(), deleted.end());
  applied->edited.insert(applied->edited.end(), edited.begin(), edited.end());
  next->Publish();
  std::lock_guard lock(mu_);
  changes_ = std::move(next);
}

int64_t TimelineIndex::Delete(int64_t count) {
  std::lock_guard serial(apply_mu_);
  auto next = std::make_shared<TimelineChanges>(*Snapshot());
  const auto ids = next->DeleteNewest(count);
  next->Publish();
  std::lock_guard lock(mu_);
  changes_ = std::move(next);
  return static_cast<int64_t>(ids.size());
}

int64_t TimelineIndex::deleted() const {
  return static_cast<int64_t>(Snapshot()->deleted().size());
}

std::shared_ptr<const std::vector<uint32_t>> TimelineIndex::BaseMatches(const EntryFilter& filter) {
  std::string key = filter.Key();
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end() && it->second.base) return it->second.base;
  }
  auto found = std::make_shared<std::vector<uint32_t>>();
  for (int64_t pos = 0; pos < data_.base_size(); ++pos) {
    if (filter.Matches(data_, data_.At(pos, 0))) found->push_back(static_cast<uint32_t>(pos));
  }
  std::lock_guard lock(mu_);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  cache_[key].base = found;
  return found;
}

}  // namespace gb::sim
