// One state of the account's changes since the start (clients and pianos;
// the other streams do not change): clients added after every other one,
// pianos added to clients with room for one more (a client has at most three),
// clients and pianos edited (a new note, updatedAt the time of the edit). Like
// TimelineChanges, a state is immutable once published; the orders of
// allClients and allPianos are rebuilt per state (a few thousand keys a
// change), so a page is still a slice.
//
// New clients take indexes after the base's (SimDataset::all_client_count())
// and have no piano until one is added; a piano is added to a client drawn
// among all (new ones included) with fewer than three, in its next slot
// (client * 3 + k). New objects are created at the account's "now" (a second
// apart, in order); entries never name them: the timeline is unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/account_index.h"
#include "sim/sorted_keys.h"

namespace gb::sim {

class AccountChanges {
 public:
  explicit AccountChanges(const AccountIndex& index);

  // The base's orders, or the rebuilt ones for clients and pianos.
  const SortedKeys& Order(Stream s) const;
  uint32_t ObjectAt(Stream s, uint32_t ordinal) const;
  uint32_t client_total() const;  // base clients and new ones
  std::optional<int64_t> ClientCreated(uint32_t client) const;
  std::optional<int64_t> PianoCreated(uint32_t slot) const;
  int PianoCount(uint32_t client) const;  // the account's pianos of a client (slots k < count)
  // An edit: how many times an object was edited (0: never) and when last.
  struct Edit {
    int revision = 0;
    int64_t at = 0;
  };
  Edit ClientEdit(uint32_t client) const { return Find(client_edits_, client); }
  Edit PianoEdit(uint32_t slot) const { return Find(piano_edits_, slot); }

  // Changes, on a copy not yet published; each returns the indexes touched
  // (clients; piano slots). Deterministic.
  std::vector<uint32_t> AddClients(int64_t count, int64_t now);
  std::vector<uint32_t> AddPianos(int64_t count, int64_t now);
  std::vector<uint32_t> EditClients(int64_t count, int64_t now);
  std::vector<uint32_t> EditPianos(int64_t count, int64_t now);
  void Publish();  // rebuilds the orders: once after the changes of one request

 private:
  static Edit Find(const std::map<uint32_t, Edit>& edits, uint32_t i);
  uint64_t Draw(uint64_t purpose, uint64_t below);

  const AccountIndex* index_;
  uint64_t draws_ = 0;
  std::vector<int64_t> new_clients_;        // createdAt, by client - base count
  std::map<uint32_t, int64_t> new_pianos_;  // slot -> createdAt
  std::vector<uint32_t> new_piano_slots_;   // in the order added (ordinals after the base's)
  std::map<uint32_t, int> extra_pianos_;    // existing client -> pianos added
  std::map<uint32_t, Edit> client_edits_, piano_edits_;
  std::shared_ptr<const SortedKeys> clients_, pianos_;  // null: the base's
};

}  // namespace gb::sim
