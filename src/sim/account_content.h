// The fields of the account's objects, generated on demand from (seed,
// index) like sim_content.h does for entries: names, notes, makes and models,
// amounts, dates consistent with the creation times of account_index.h, and
// links that always name objects that exist (live users only, pianos of the
// object's own client). Also how many nested items an object has: 1-3
// contacts a client (a few have more than 50), 1-6 items an invoice (a few
// have more than 100), 1-3 tiers an estimate, 0-2 pianos an event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/account_changes.h"
#include "sim/account_index.h"
#include "sim/account_object.h"
#include "sim/sim_ids.h"

namespace gb::sim {

class AccountContent {
 public:
  explicit AccountContent(const AccountIndex& index);

  const AccountIndex& index() const { return index_; }
  // `changes`: the state of the account's changes the request reads.
  Values Make(ObjRef ref, const AccountChanges& changes) const;
  std::string Id(ObjRef ref) const;
  // The object an id names, if it exists (client, piano, invoice, estimate).
  std::optional<ObjRef> Find(ObjKind kind, std::string_view id,
                             const AccountChanges& changes) const;

  int ContactCount(uint32_t client) const;
  int ItemCount(uint32_t invoice) const;
  int TierCount(uint32_t estimate) const;
  int EventPianoCount(uint32_t event) const;

 private:
  Values Client(uint32_t c, const AccountChanges& changes) const;
  Values Contact(uint64_t index, const AccountChanges& changes) const;
  Values Piano(uint32_t slot, const AccountChanges& changes) const;
  Values Event(uint32_t ordinal) const;
  Values EventPiano(uint64_t index) const;
  Values Invoice(uint32_t i) const;
  Values Item(uint64_t index) const;
  Values Estimate(uint32_t slot) const;
  Values Tier(uint64_t index) const;
  Values Small(ObjRef ref) const;  // contact email and phone, currency
  // An event's client (-1: none), piano (-1: none) and user.
  struct EventPeople {
    int64_t client = -1;
    int piano = -1;
    int user = 0;
  };
  EventPeople PeopleOf(uint32_t ordinal) const;
  int64_t ItemAmount(uint64_t item, int64_t* tax) const;  // subtotal and tax of an item
  uint64_t H(uint64_t index, uint64_t purpose) const;
  int LiveUser(uint64_t key) const;

  const AccountIndex& index_;
  const SimDataset& data_;
  IdCodec contact_ids_, email_ids_, phone_ids_, event_ids_, item_ids_, tier_ids_;
};

}  // namespace gb::sim
