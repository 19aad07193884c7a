// The account's changes since the start (see account_changes.h).
#include "sim/account_changes.h"

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum AccountChangePurpose : uint64_t { kHashPickPiano = 800, kHashEditClient, kHashEditPiano };

constexpr int kMostPianos = 3;  // slots per client
constexpr int kPickAttempts = 256;

}  // namespace

AccountChanges::AccountChanges(const AccountIndex& index) : index_(&index) {}

const SortedKeys& AccountChanges::Order(Stream s) const {
  if (s == Stream::kClients && clients_) return *clients_;
  if (s == Stream::kPianos && pianos_) return *pianos_;
  return index_->Order(s);
}

uint32_t AccountChanges::ObjectAt(Stream s, uint32_t ordinal) const {
  const auto base = static_cast<uint32_t>(index_->Count(Stream::kPianos));
  if (s == Stream::kPianos && ordinal >= base) return new_piano_slots_[ordinal - base];
  return index_->ObjectAt(s, ordinal);
}

uint32_t AccountChanges::client_total() const {
  return index_->data().all_client_count() + static_cast<uint32_t>(new_clients_.size());
}

std::optional<int64_t> AccountChanges::ClientCreated(uint32_t client) const {
  const uint32_t base = index_->data().all_client_count();
  if (client < base) return index_->ClientCreated(client);
  if (client - base < new_clients_.size()) return new_clients_[client - base];
  return std::nullopt;
}

std::optional<int64_t> AccountChanges::PianoCreated(uint32_t slot) const {
  if (auto it = new_pianos_.find(slot); it != new_pianos_.end()) return it->second;
  return index_->PianoCreated(slot);
}

int AccountChanges::PianoCount(uint32_t client) const {
  if (client >= client_total()) return 0;
  const bool from_start = client < index_->data().all_client_count();
  const int base = from_start ? index_->data().PianoCount(client) : 0;
  auto it = extra_pianos_.find(client);
  return base + (it == extra_pianos_.end() ? 0 : it->second);
}

AccountChanges::Edit AccountChanges::Find(const std::map<uint32_t, Edit>& edits, uint32_t i) {
  auto it = edits.find(i);
  return it == edits.end() ? Edit{} : it->second;
}

uint64_t AccountChanges::Draw(uint64_t purpose, uint64_t below) {
  return Below(Hash(index_->data().seed(), draws_++, purpose), below);
}

std::vector<uint32_t> AccountChanges::AddClients(int64_t count, int64_t now) {
  std::vector<uint32_t> added;
  for (int64_t i = 0; i < count; ++i) {
    const uint32_t c = client_total();
    const int64_t created = now + static_cast<int64_t>(new_clients_.size()) + 1;
    new_clients_.push_back(created);
    added.push_back(c);
  }
  return added;
}

std::vector<uint32_t> AccountChanges::AddPianos(int64_t count, int64_t now) {
  std::vector<uint32_t> added;
  for (int64_t i = 0; i < count; ++i) {
    for (int attempt = 0; attempt < kPickAttempts; ++attempt) {
      const auto c = static_cast<uint32_t>(Draw(kHashPickPiano, client_total()));
      const int k = PianoCount(c);
      if (k >= kMostPianos) continue;
      ++extra_pianos_[c];
      const uint32_t slot = c * 3 + static_cast<uint32_t>(k);
      new_pianos_[slot] = now + static_cast<int64_t>(new_piano_slots_.size()) + 1;
      new_piano_slots_.push_back(slot);
      added.push_back(slot);
      break;
    }
  }
  return added;
}

std::vector<uint32_t> AccountChanges::EditClients(int64_t count, int64_t now) {
  std::vector<uint32_t> edited;
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<uint32_t>(Draw(kHashEditClient, client_total()));
    Edit& e = client_edits_[c];
    e = {e.revision + 1, now};
    edited.push_back(c);
  }
  return edited;
}

std::vector<uint32_t> AccountChanges::EditPianos(int64_t count, int64_t now) {
  std::vector<uint32_t> edited;
  const int64_t pianos =
      index_->Count(Stream::kPianos) + static_cast<int64_t>(new_piano_slots_.size());
  for (int64_t i = 0; i < count && pianos > 0; ++i) {
    const uint32_t slot =
        ObjectAt(Stream::kPianos, static_cast<uint32_t>(Draw(kHashEditPiano, pianos)));
    Edit& e = piano_edits_[slot];
    e = {e.revision + 1, now};
    edited.push_back(slot);
  }
  return edited;
}

void AccountChanges::Publish() {
  std::vector<int64_t> keys(client_total());
  for (uint32_t c = 0; c < keys.size(); ++c) keys[c] = ClientCreated(c).value_or(kNoKey);
  clients_ = std::make_shared<const SortedKeys>(keys);
  const auto base = static_cast<uint32_t>(index_->Count(Stream::kPianos));
  keys.assign(base + new_piano_slots_.size(), kNoKey);
  for (uint32_t o = 0; o < keys.size(); ++o)
    keys[o] = PianoCreated(ObjectAt(Stream::kPianos, o)).value_or(kNoKey);
  pianos_ = std::make_shared<const SortedKeys>(keys);
}

}  // namespace gb::sim
