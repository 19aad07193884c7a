// Ids, lookups and nested counts of the account's objects (see account_content.h).
#include "sim/account_content.h"

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum CountPurpose : uint64_t { kHashContacts = 400, kHashItems, kHashTiers, kHashSecondPiano };

// A few clients and invoices are big (every 997th client, every 991st
// invoice), so even a small dataset has one to exercise the follow-up queries.
bool BigClient(uint32_t c) { return c % 997 == 5; }
bool BigInvoice(uint32_t i) { return i % 991 == 7; }

}  // namespace

AccountContent::AccountContent(const AccountIndex& index)
    : index_(index),
      data_(index.data()),
      contact_ids_("con_", Hash(data_.seed(), 6, 100)),
      email_ids_("cem_", Hash(data_.seed(), 7, 100)),
      phone_ids_("cph_", Hash(data_.seed(), 8, 100)),
      event_ids_("evt_", Hash(data_.seed(), 9, 100)),
      item_ids_("ini_", Hash(data_.seed(), 10, 100)),
      tier_ids_("ett_", Hash(data_.seed(), 11, 100)) {}

uint64_t AccountContent::H(uint64_t index, uint64_t purpose) const {
  return Hash(data_.seed(), index, purpose);
}

int AccountContent::LiveUser(uint64_t key) const {
  return static_cast<int>(Below(key, data_.users().size()));
}

int AccountContent::ContactCount(uint32_t c) const {
  uint64_t h = H(c, kHashContacts);
  return BigClient(c) ? 51 + static_cast<int>(Below(h, 100)) : 1 + static_cast<int>(Below(h, 3));
}

int AccountContent::ItemCount(uint32_t i) const {
  uint64_t h = H(i, kHashItems);
  return BigInvoice(i) ? 101 + static_cast<int>(Below(h, 150)) : 1 + static_cast<int>(Below(h, 6));
}

int AccountContent::TierCount(uint32_t slot) const {
  return 1 + static_cast<int>(Below(H(slot, kHashTiers), 3));
}

int AccountContent::EventPianoCount(uint32_t event) const {
  EventPeople p = PeopleOf(event);
  if (p.piano < 0) return 0;
  const int pianos = data_.PianoCount(static_cast<uint32_t>(p.client));
  return pianos > 1 && Below(H(event, kHashSecondPiano), 7) == 0 ? 2 : 1;
}

Values AccountContent::Make(ObjRef ref, const AccountChanges& changes) const {
  const auto i32 = static_cast<uint32_t>(ref.index);
  switch (ref.kind) {
    case ObjKind::kClient:
      return Client(i32, changes);
    case ObjKind::kContact:
      return Contact(ref.index, changes);
    case ObjKind::kPiano:
      return Piano(i32, changes);
    case ObjKind::kEvent:
      return Event(i32);
    case ObjKind::kEventPiano:
      return EventPiano(ref.index);
    case ObjKind::kInvoice:
      return Invoice(i32);
    case ObjKind::kInvoiceItem:
      return Item(ref.index);
    case ObjKind::kEstimate:
      return Estimate(i32);
    case ObjKind::kEstimateTier:
      return Tier(ref.index);
    default:
      return Small(ref);
  }
}

std::string AccountContent::Id(ObjRef ref) const {
  const auto i32 = static_cast<uint32_t>(ref.index);
  switch (ref.kind) {
    case ObjKind::kClient:
      return data_.ClientId(i32);
    case ObjKind::kContact:
      return contact_ids_.Encode(ref.index);
    case ObjKind::kContactEmail:
      return email_ids_.Encode(ref.index);
    case ObjKind::kContactPhone:
      return phone_ids_.Encode(ref.index);
    case ObjKind::kPiano:
      return data_.PianoId(i32 / 3, static_cast<int>(i32 % 3));
    case ObjKind::kEvent:
      return event_ids_.Encode(index_.EventSource(i32));
    case ObjKind::kInvoice:
      return data_.InvoiceId(i32);
    case ObjKind::kInvoiceItem:
      return item_ids_.Encode(ref.index);
    case ObjKind::kEstimate:
      return data_.EstimateId(i32);
    case ObjKind::kEstimateTier:
      return tier_ids_.Encode(ref.index);
    case ObjKind::kUser:
      return data_.UserId(static_cast<int>(ref.index));
    case ObjKind::kCurrency:
      return "CAD";
    default:
      return "";
  }
}

std::optional<ObjRef> AccountContent::Find(ObjKind kind, std::string_view id,
                                           const AccountChanges& changes) const {
  std::optional<uint32_t> index;
  switch (kind) {
    case ObjKind::kClient:
      index = data_.DecodeClient(id, changes.client_total());
      break;
    case ObjKind::kPiano:
      index = data_.DecodePiano(id, changes.client_total());
      if (index && static_cast<int>(*index % 3) >= changes.PianoCount(*index / 3)) index.reset();
      break;
    case ObjKind::kInvoice:
      index = data_.DecodeInvoice(id);
      if (index && !index_.HasInvoice(*index)) index.reset();
      break;
    case ObjKind::kEstimate:
      index = data_.DecodeEstimate(id);
      if (index && !index_.HasEstimate(*index)) index.reset();
      break;
    default:
      break;
  }
  if (!index) return std::nullopt;
  return ObjRef{kind, *index};
}

}  // namespace gb::sim
