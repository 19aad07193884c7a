#include "sim/timeline_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "sim/sim_content.h"

namespace gb::sim {
namespace {

constexpr size_t kCacheLimit = 32;

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

bool EntryFilter::Matches(const SimDataset& d, const EntryRef& e) const {
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
    NodeData node = MakeNode(d, e);
    std::string needle = Lower(search);
    if (!Contains(node.summary, needle) && !Contains(node.comment, needle)) return false;
  }
  return true;
}

int64_t Matches::At(int64_t i) const {
  auto arrived = static_cast<int64_t>(arrived_.size());
  if (i < arrived) return arrived_[i];
  int64_t j = i - arrived;
  return arrived_total_ + (base_ ? (*base_)[j] : j);
}

Matches TimelineIndex::Find(const EntryFilter& filter, int64_t arrived) {
  Matches m;
  m.arrived_total_ = arrived;
  for (int64_t l = 0; l < arrived; ++l) {
    if (filter.Matches(data_, data_.At(l, arrived))) m.arrived_.push_back(l);
  }
  if (filter.OnlyTime()) {
    // Newest first: the entries at or after occurred_min are a prefix.
    int64_t lo = 0, hi = data_.base_size();
    while (filter.occurred_min && lo < hi) {
      int64_t mid = (lo + hi) / 2;
      if (data_.At(mid, 0).occurred >= *filter.occurred_min)
        lo = mid + 1;
      else
        hi = mid;
    }
    m.base_count_ = filter.occurred_min ? lo : data_.base_size();
    LeaveOutDeleted(m);
    return m;
  }
  m.base_ = BaseMatches(filter);
  m.base_count_ = static_cast<int64_t>(m.base_->size());
  LeaveOutDeleted(m);
  return m;
}

void TimelineIndex::LeaveOutDeleted(Matches& m) const {
  std::lock_guard lock(mu_);
  if (deleted_.empty()) return;
  std::vector<uint32_t> all;
  if (m.base_) {
    all = *m.base_;
  } else {
    all.resize(static_cast<size_t>(m.base_count_));
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint32_t>(i);
  }
  auto kept = std::make_shared<std::vector<uint32_t>>();
  std::set_difference(all.begin(), all.end(), deleted_.begin(), deleted_.end(),
                      std::back_inserter(*kept));
  m.base_count_ = static_cast<int64_t>(kept->size());
  m.base_ = std::move(kept);
}

int64_t TimelineIndex::Delete(int64_t count) {
  std::lock_guard lock(mu_);
  int64_t done = 0;
  std::vector<uint32_t> now;
  for (int64_t pos = 0; pos < data_.base_size() && done < count; ++pos) {
    const auto p = static_cast<uint32_t>(pos);
    if (std::binary_search(deleted_.begin(), deleted_.end(), p)) continue;
    now.push_back(p);
    ++done;
  }
  std::vector<uint32_t> merged;
  std::merge(deleted_.begin(), deleted_.end(), now.begin(), now.end(), std::back_inserter(merged));
  deleted_ = std::move(merged);
  return done;
}

int64_t TimelineIndex::deleted() const {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(deleted_.size());
}

std::shared_ptr<const std::vector<uint32_t>> TimelineIndex::BaseMatches(const EntryFilter& filter) {
  std::string key = filter.Key();
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto found = std::make_shared<std::vector<uint32_t>>();
  for (int64_t pos = 0; pos < data_.base_size(); ++pos) {
    if (filter.Matches(data_, data_.At(pos, 0))) found->push_back(static_cast<uint32_t>(pos));
  }
  std::lock_guard lock(mu_);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  cache_.emplace(key, found);
  return found;
}

}  // namespace gb::sim
