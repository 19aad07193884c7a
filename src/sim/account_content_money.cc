// Invoices with their items, and estimates with their tiers (see
// account_content.h). Amounts are in cents; QC taxes (14.975%) on taxable items.
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "sim/account_content.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum MoneyPurpose : uint64_t {
  kHashInvoiceStatus = 700,
  kHashInvoiceUser,
  kHashItemType,
  kHashItemAmount,
  kHashItemPiano,
  kHashMoneyUpdated,
  kHashEstimateUser,
  kHashTierAmount,
};

constexpr std::array<std::string_view, 5> kItemTypes = {"LABOR_FIXED_RATE", "LABOR_FIXED_RATE",
                                                        "LABOR_HOURLY", "EXPENSE", "MILEAGE"};
constexpr std::array<std::string_view, 5> kItemDescriptions = {
    "Accord", "Accord", "Réglage de la mécanique (heures)", "Cordes de basse", "Déplacement"};

int64_t Tax(int64_t subtotal) { return subtotal * 14975 / 100000; }

}  // namespace

int64_t AccountContent::ItemAmount(uint64_t item, int64_t* tax) const {
  const uint64_t h = H(item, kHashItemAmount);
  const int64_t subtotal =
      (1 + static_cast<int64_t>(h % 3)) * (2000 + static_cast<int64_t>((h >> 8) % 28000));
  const bool taxable = (h >> 32) % 10 != 0;
  *tax = taxable ? Tax(subtotal) : 0;
  return subtotal;
}

Values AccountContent::Invoice(uint32_t i) const {
  Values v(ObjKind::kInvoice);
  const uint64_t h = H(i, kHashInvoiceStatus);
  const int64_t created = index_.InvoiceCreated(i);
  v.Set("id", Str(data_.InvoiceId(i)));
  v.Set("number", Int(10000 + i));
  const std::string status = h % 100 < 82   ? "PAID"
                             : h % 100 < 90 ? "OPEN"
                             : h % 100 < 94 ? "OVERDUE"
                             : h % 100 < 97 ? "DRAFT"
                                            : "CANCELED";
  v.Set("status", Str(status));
  v.Set("archived", Bool(status == "CANCELED"));
  v.Set("currency", Link(ObjKind::kCurrency, 0));
  int64_t sub = 0, tax = 0;
  const int items = ItemCount(i);
  for (int j = 0; j < items; ++j) {
    int64_t t = 0;
    sub += ItemAmount((uint64_t{i} << 9) + j, &t);
    tax += t;
  }
  const int64_t total = sub + tax;
  const int64_t paid = status == "PAID" ? total : 0;
  v.Set("subTotal", Int(sub));
  v.Set("taxTotal", Int(tax));
  v.Set("tipTotal", Int(0));
  v.Set("total", Int(total));
  v.Set("paidTotal", Int(paid));
  v.Set("dueTotal", Int(total - paid));
  v.Set("dueOn", Date(created + 30 * kDaySeconds));
  if (h % 7 == 0) v.Set("notes", Str("Merci de votre confiance !"));
  v.Set("tags", StringList({}));
  v.Set("createdAt", Time(created));
  v.Set("updatedAt",
        Time(created + static_cast<int64_t>(Below(H(i, kHashMoneyUpdated), 20 * kDaySeconds))));
  v.Set("client", Link(ObjKind::kClient, i / 4));
  const int user = LiveUser(H(i, kHashInvoiceUser));
  v.Set("createdBy", Link(ObjKind::kUser, user));
  v.Set("assignedTo", Link(ObjKind::kUser, user));
  v.Set("allInvoiceItems", Connection(ObjKind::kInvoiceItem, uint64_t{i} << 9, items));
  return v;
}

Values AccountContent::Item(uint64_t index) const {
  Values v(ObjKind::kInvoiceItem);
  const auto i = static_cast<uint32_t>(index >> 9);
  const auto j = static_cast<int64_t>(index & 0x1ff);
  const uint64_t h = H(index, kHashItemAmount);
  const int64_t quantity = 1 + static_cast<int64_t>(h % 3);
  int64_t tax = 0;
  const int64_t sub = ItemAmount(index, &tax);
  const size_t type = H(index, kHashItemType) % kItemTypes.size();
  v.Set("id", Str(item_ids_.Encode(index)));
  v.Set("sequenceNumber", Int(j + 1));
  v.Set("type", Str(std::string(kItemTypes[type])));
  v.Set("description", Str(std::string(kItemDescriptions[type])));
  v.Set("quantity", Int(quantity));
  v.Set("amount", Int(sub / quantity));
  v.Set("subTotal", Int(sub));
  v.Set("taxTotal", Int(tax));
  v.Set("total", Int(sub + tax));
  v.Set("billable", Bool(true));
  v.Set("taxable", Bool(tax > 0));
  const int64_t created = index_.InvoiceCreated(i);
  v.Set("createdAt", Time(created));
  v.Set("updatedAt", Time(created));
  const uint32_t c = i / 4;
  const auto k = static_cast<uint32_t>(Below(H(index, kHashItemPiano), data_.PianoCount(c)));
  v.Set("piano", Link(ObjKind::kPiano, c * 3 + k));
  return v;
}

Values AccountContent::Estimate(uint32_t slot) const {
  Values v(ObjKind::kEstimate);
  const int64_t created = index_.EstimateCreated(slot);
  const uint32_t c = slot / 2;
  v.Set("id", Str(data_.EstimateId(slot)));
  v.Set("number", Int(500 + slot));
  v.Set("estimatedOn", Date(created));
  v.Set("expiresOn", Date(created + 90 * kDaySeconds));
  v.Set("isArchived", Bool(created < SimDataset::DataEnd() - 365 * kDaySeconds));
  // The recommended tier is the primary one (the first).
  const auto primary = static_cast<int64_t>(H(uint64_t{slot} << 2, kHashTierAmount) % 500000);
  v.Set("recommendedTierTotal", Int(primary + Tax(primary)));
  if (slot % 3 == 0) v.Set("notes", Str("Restauration recommandée avant l'hiver."));
  v.Set("tags", StringList({}));
  v.Set("locale", Str("fr_CA"));
  v.Set("createdAt", Time(created));
  v.Set("updatedAt",
        Time(created + static_cast<int64_t>(Below(H(slot, kHashMoneyUpdated), 10 * kDaySeconds))));
  v.Set("client", Link(ObjKind::kClient, c));
  v.Set("piano", Link(ObjKind::kPiano, c * 3 + index_.EstimatePiano(slot)));
  const int user = LiveUser(H(slot, kHashEstimateUser));
  v.Set("createdBy", Link(ObjKind::kUser, user));
  v.Set("assignedTo", Link(ObjKind::kUser, user));
  v.Set("allEstimateTiers", List(ObjKind::kEstimateTier, uint64_t{slot} << 2, TierCount(slot)));
  return v;
}

Values AccountContent::Tier(uint64_t index) const {
  Values v(ObjKind::kEstimateTier);
  const auto slot = static_cast<uint32_t>(index >> 2);
  const auto j = static_cast<int64_t>(index & 3);
  const int64_t sub = static_cast<int64_t>(H(index, kHashTierAmount) % 500000);
  const int64_t created = index_.EstimateCreated(slot);
  v.Set("id", Str(tier_ids_.Encode(index)));
  v.Set("sequenceNumber", Int(j + 1));
  v.Set("isPrimary", Bool(j == 0));
  v.Set("subtotal", Int(sub));
  v.Set("taxTotal", Int(Tax(sub)));
  v.Set("total", Int(sub + Tax(sub)));
  if (j > 0) v.Set("notes", Str(fmt::format("Option {}", j + 1)));
  v.Set("allowSelfSchedule", Bool(false));
  v.Set("createdAt", Time(created));
  v.Set("updatedAt", Time(created));
  v.Set("estimate", Link(ObjKind::kEstimate, slot));
  return v;
}

}  // namespace gb::sim
