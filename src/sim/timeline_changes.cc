// The timeline's changes since the start (see timeline_changes.h).
#include "sim/timeline_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum ChangePurpose : uint64_t { kHashDelete = 700, kHashEdit, kHashEditText };

constexpr int kDrawAttempts = 64;

// Whether `a` comes before `b` newest first (the base dataset's order).
bool Newer(const SimDataset& d, const EntryRef& a, const EntryRef& b) {
  if (a.occurred != b.occurred) return a.occurred > b.occurred;
  const uint64_t ka = d.OrderKey(a.gen), kb = d.OrderKey(b.gen);
  if (ka != kb) return ka > kb;
  return a.gen > b.gen;
}

// The comment an edit writes: a corrected note, with measurements the loader parses.
std::string EditedComment(const SimDataset& d, uint32_t gen, uint64_t serial) {
  const uint64_t h = Hash(d.seed(), (uint64_t{gen} << 20) ^ serial, kHashEditText);
  return fmt::format(
      "Note corrigée (révision {}) : accord refait, humidité relative {} %, diapason {}.{} Hz.",
      serial, 30 + h % 30, 439 + (h >> 8) % 3, (h >> 16) % 2 * 5);
}

}  // namespace

TimelineChanges::TimelineChanges(const SimDataset& data) : data_(&data) {}

int64_t TimelineChanges::live_size() const {
  return data_->base_size() - static_cast<int64_t>(deleted_.size()) +
         static_cast<int64_t>(inserted_.size());
}

bool TimelineChanges::IsDeleted(int64_t base_pos) const {
  return std::binary_search(deleted_.begin(), deleted_.end(), static_cast<uint32_t>(base_pos));
}

EntryRef TimelineChanges::Slot(uint32_t slot) const {
  const auto base = static_cast<uint32_t>(data_->base_size());
  return slot < base ? data_->At(slot, 0) : inserted_[slot - base].ref;
}

std::vector<uint32_t> TimelineChanges::Merge(
    const std::vector<uint32_t>* base, const std::function<bool(const EntryRef&)>& keep) const {
  const auto base_size = static_cast<uint32_t>(data_->base_size());
  const size_t n = base ? base->size() : base_size;
  std::vector<uint32_t> out;
  out.reserve(n + inserted_.size());
  size_t d = 0, j = 0;
  auto insert_until = [&](int64_t pos) {  // the inserted entries newer than base position `pos`
    for (; j < inserted_.size() && inserted_[j].base_before <= pos; ++j) {
      if (keep(inserted_[j].ref)) out.push_back(base_size + static_cast<uint32_t>(j));
    }
  };
  for (size_t i = 0; i < n; ++i) {
    const uint32_t p = base ? (*base)[i] : static_cast<uint32_t>(i);
    insert_until(p);
    while (d < deleted_.size() && deleted_[d] < p) ++d;
    if (d < deleted_.size() && deleted_[d] == p) continue;
    out.push_back(p);
  }
  insert_until(INT64_MAX);
  return out;
}

NodeData TimelineChanges::Node(const EntryRef& entry) const {
  NodeData node = MakeNode(*data_, entry);
  if (auto it = comments_.find(entry.gen); it != comments_.end()) {
    node.comment = it->second;
    node.comment_is_json_escaped = false;
  }
  return node;
}

std::string TimelineChanges::IdOf(const EntryRef& entry) const { return data_->EntryId(entry.gen); }

std::string TimelineChanges::Backdate(int64_t occurred) {
  const auto gen = kBackdatedGen + static_cast<uint32_t>(inserted_.size());
  InsertedEntry e{EntryRef{gen, occurred, -1}, 0};
  int64_t lo = 0, hi = data_->base_size();  // the first base position older than e
  while (lo < hi) {
    const int64_t mid = (lo + hi) / 2;
    if (Newer(*data_, data_->At(mid, 0), e.ref))
      lo = mid + 1;
    else
      hi = mid;
  }
  e.base_before = lo;
  auto at = std::find_if(inserted_.begin(), inserted_.end(),
                         [&](const InsertedEntry& x) { return Newer(*data_, e.ref, x.ref); });
  inserted_.insert(at, e);
  return IdOf(e.ref);
}

int64_t TimelineChanges::Draw(uint64_t purpose) {
  const int64_t n = data_->base_size();
  if (n == 0 || static_cast<int64_t>(deleted_.size()) >= n) return -1;
  auto usable = [&](int64_t p) {
    return !IsDeleted(p) && data_->HostileOf(data_->At(p, 0).gen) == Hostile::kNone;
  };
  int64_t p = 0;
  for (int attempt = 0; attempt < kDrawAttempts; ++attempt) {
    p = static_cast<int64_t>(Below(Hash(data_->seed(), draws_++, purpose), n));
    if (usable(p)) return p;
  }
  for (int64_t step = 1; step < n; ++step) {  // nearly everything gone: the next usable one
    if (usable((p + step) % n)) return (p + step) % n;
  }
  return -1;
}

std::vector<std::string> TimelineChanges::DeleteSpread(int64_t count) {
  std::vector<std::string> ids;
  for (int64_t i = 0; i < count; ++i) {
    const int64_t p = Draw(kHashDelete);
    if (p < 0) break;
    deleted_.insert(std::lower_bound(deleted_.begin(), deleted_.end(), p), p);
    ids.push_back(IdOf(data_->At(p, 0)));
  }
  return ids;
}

std::vector<std::string> TimelineChanges::DeleteNewest(int64_t count) {
  std::vector<std::string> ids;
  std::vector<uint32_t> now;
  for (int64_t p = 0; p < data_->base_size() && static_cast<int64_t>(now.size()) < count; ++p) {
    if (IsDeleted(p)) continue;
    now.push_back(static_cast<uint32_t>(p));
    ids.push_back(IdOf(data_->At(p, 0)));
  }
  std::vector<uint32_t> merged;
  std::merge(deleted_.begin(), deleted_.end(), now.begin(), now.end(), std::back_inserter(merged));
  deleted_ = std::move(merged);
  return ids;
}

std::vector<std::string> TimelineChanges::Edit(int64_t count) {
  std::vector<std::string> ids;
  for (int64_t i = 0; i < count; ++i) {
    const int64_t p = Draw(kHashEdit);
    if (p < 0) break;
    const EntryRef e = data_->At(p, 0);
    comments_[e.gen] = EditedComment(*data_, e.gen, draws_);
    ids.push_back(IdOf(e));
  }
  return ids;
}

void TimelineChanges::Publish() {
  ++version_;
  all_ = std::make_shared<const std::vector<uint32_t>>(
      Merge(nullptr, [](const EntryRef&) { return true; }));
}

}  // namespace gb::sim
