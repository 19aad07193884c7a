// Clients, their contacts (with an email and a phone each) and their pianos
// (see account_content.h).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "sim/account_content.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum PeoplePurpose : uint64_t {
  kHashClientStatus = 500,
  kHashClientType,
  kHashNotes,
  kHashTech,
  kHashFirst,
  kHashLast,
  kHashWants,
  kHashUpdated,
  kHashMake,
  kHashPianoType,
  kHashYear,
  kHashInterval,
  kHashLastService,
};

template <size_t N>
std::string Pick(const std::array<std::string_view, N>& list, uint64_t h) {
  return std::string(list[h % N]);
}

constexpr std::array<std::string_view, 12> kFirstNames = {
    "Marie", "Jean",    "Sophie",   "Luc",     "Isabelle",  "François",
    "Chloé", "Étienne", "Nathalie", "Mathieu", "Geneviève", "Éric"};
constexpr std::array<std::string_view, 12> kLastNames = {
    "Tremblay", "Gagnon", "Roy",    "Côté",  "Bouchard", "Gauthier",
    "Morin",    "Lavoie", "Fortin", "Gagné", "Ouellet",  "Pelletier"};
constexpr std::array<std::string_view, 6> kClientTypes = {
    "Particulier", "Particulier", "Particulier", "École", "Église", "Salle de concert"};
constexpr std::array<std::string_view, 4> kNotes = {
    "Préfère les rendez-vous le matin.", "Chien à la maison, sonner à la porte arrière.",
    "Paie par chèque.", "Stationnement dans la ruelle."};
constexpr std::array<std::string_view, 9> kMakes = {"Yamaha",    "Steinway & Sons", "Kawai",
                                                    "Heintzman", "Baldwin",         "Mason & Risch",
                                                    "Boston",    "Petrof",          "Bösendorfer"};
constexpr std::array<std::string_view, 6> kPianoTypes = {"UPRIGHT", "UPRIGHT", "GRAND",
                                                         "CONSOLE", "STUDIO",  "DIGITAL"};
constexpr std::array<std::string_view, 4> kRooms = {"Salon", "Sous-sol", "Chapelle", "Studio"};

// A time between `from` and the end of the data.
int64_t Later(int64_t from, uint64_t h) {
  const int64_t end = std::max(from, SimDataset::DataEnd());
  return from + static_cast<int64_t>(Below(h, end - from + 1));
}

}  // namespace

Values AccountContent::Client(uint32_t c, const AccountChanges& changes) const {
  Values v(ObjKind::kClient);
  const bool history = c < data_.client_count();
  const uint64_t h = H(c, kHashClientStatus);
  v.Set("id", Str(data_.ClientId(c)));
  v.Set("status", Str(history ? (h % 5 ? "ACTIVE" : "INACTIVE") : (h % 2 ? "PROSPECT" : "NEW")));
  const std::string type = Pick(kClientTypes, H(c, kHashClientType));
  v.Set("clientType", Str(type));
  if (type != "Particulier") v.Set("companyName", Str(type + " " + Pick(kLastNames, h >> 8)));
  v.Set("referenceId", Str(fmt::format("C-{}", 1000 + c)));
  v.Set("region", Str(h % 9 ? "QC" : "ON"));
  if (h % 4 == 0) v.Set("referredBy", Str(h % 8 ? "Bouche-à-oreille" : "Site web"));
  v.Set("tags",
        StringList(h % 11 == 0 ? std::vector<std::string>{"VIP"} : std::vector<std::string>{}));
  const uint64_t n = H(c, kHashNotes);
  if (n % 3 == 0) v.Set("personalNotes", Str(Pick(kNotes, n >> 8)));
  if (n % 5 == 0) v.Set("preferenceNotes", Str(Pick(kNotes, n >> 16)));
  const auto created = changes.ClientCreated(c);
  v.Set("createdAt", Time(created));
  v.Set("updatedAt", Time(Later(created.value_or(SimDataset::DataStart()), H(c, kHashUpdated))));
  if (const auto edit = changes.ClientEdit(c); edit.revision > 0) {
    v.Set("personalNotes", Str(fmt::format("{} (fiche mise à jour, révision {})",
                                           Pick(kNotes, n >> 8), edit.revision)));
    v.Set("updatedAt", Time(edit.at));
  }
  if (uint64_t t = H(c, kHashTech); t % 10 >= 3) {
    v.Set("preferredTechnician", Link(ObjKind::kUser, LiveUser(t >> 8)));
    v.Set("preferredTechnicianId", Str(data_.UserId(LiveUser(t >> 8))));
  }
  v.Set("defaultContact", Link(ObjKind::kContact, uint64_t{c} << 8));
  v.Set("defaultBillingContact", Link(ObjKind::kContact, uint64_t{c} << 8));
  v.Set("allContacts", Connection(ObjKind::kContact, uint64_t{c} << 8, ContactCount(c)));
  v.Set("allPianos", Connection(ObjKind::kPiano, uint64_t{c} * 3, changes.PianoCount(c)));
  return v;
}

Values AccountContent::Contact(uint64_t index, const AccountChanges& changes) const {
  Values v(ObjKind::kContact);
  const auto c = static_cast<uint32_t>(index >> 8);
  const auto j = static_cast<int>(index & 0xff);
  v.Set("id", Str(contact_ids_.Encode(index)));
  v.Set("firstName", Str(Pick(kFirstNames, H(index, kHashFirst))));
  v.Set("lastName", Str(Pick(kLastNames, H(j == 0 ? c : index, kHashLast))));
  if (j == 0) v.Set("role", Str("Propriétaire"));
  v.Set("isDefault", Bool(j == 0));
  v.Set("isBillingDefault", Bool(j == 0));
  v.Set("archived", Bool(false));
  const uint64_t w = H(index, kHashWants);
  v.Set("wantsEmail", Bool(w % 10 < 8));
  v.Set("wantsPhone", Bool(w / 10 % 10 < 6));
  v.Set("wantsText", Bool(w / 100 % 10 < 5));
  v.Set("sortOrder", Int(j));
  const int64_t created = changes.ClientCreated(c).value_or(SimDataset::DataStart());
  v.Set("createdAt", Time(created));
  v.Set("updatedAt", Time(Later(created, H(index, kHashUpdated))));
  v.Set("defaultEmail", Link(ObjKind::kContactEmail, index));
  v.Set("defaultPhone", Link(ObjKind::kContactPhone, index));
  v.Set("client", Link(ObjKind::kClient, c));
  return v;
}

Values AccountContent::Small(ObjRef ref) const {
  Values v(ref.kind);
  v.Set("id", Str(Id(ref)));
  if (ref.kind == ObjKind::kContactEmail) {
    v.Set("email",
          Str(fmt::format("client{}.{}@courriel.example", ref.index >> 8, ref.index & 0xff)));
    v.Set("isDefault", Bool(true));
  } else if (ref.kind == ObjKind::kContactPhone) {
    v.Set("phoneNumber", Str(fmt::format("+1 514-555-{:04}", H(ref.index, kHashFirst) % 10000)));
    v.Set("isDefault", Bool(true));
  } else if (ref.kind == ObjKind::kCurrency) {
    v.Set("code", Str("CAD"));
    v.Set("label", Str("Dollar canadien"));
    v.Set("symbol", Str("$"));
    v.Set("decimalDigits", Int(2));
    v.Set("divisor", Int(100));
  }
  return v;
}

Values AccountContent::Piano(uint32_t slot, const AccountChanges& changes) const {
  Values v(ObjKind::kPiano);
  const uint64_t h = H(slot, kHashMake);
  v.Set("id", Str(data_.PianoId(slot / 3, static_cast<int>(slot % 3))));
  v.Set("status", Str(h % 20 ? "ACTIVE" : (h % 40 ? "INACTIVE" : "TEMPORARY_STORAGE")));
  const std::string type = Pick(kPianoTypes, H(slot, kHashPianoType));
  v.Set("type", Str(type));
  v.Set("make", Str(Pick(kMakes, h >> 8)));
  v.Set("model", Str(fmt::format("{}{}", type == "GRAND" ? "G-" : "U-", 1 + (h >> 16) % 9)));
  v.Set("serialNumber", Str(std::to_string(100000 + (h >> 20) % 900000)));
  v.Set("year", Int(1900 + static_cast<int64_t>(H(slot, kHashYear) % 123)));
  v.Set("size", Str(type == "GRAND" ? "5'8\"" : "48\""));
  v.Set("location", Str(Pick(kRooms, h >> 24)));
  v.Set("useType", Str(h % 7 ? "Maison" : "Institution"));
  if (h % 6 == 0) v.Set("notes", Str("Humidificateur installé."));
  v.Set("tags", StringList({}));
  const int months = H(slot, kHashInterval) % 3 == 0 ? 6 : 12;
  v.Set("serviceIntervalMonths", Int(months));
  const auto created = changes.PianoCreated(slot);
  const int64_t from = created.value_or(SimDataset::DataStart());
  const int64_t last = Later(from, H(slot, kHashLastService));
  v.Set("calculatedLastService", Date(last));
  v.Set("calculatedNextService", Date(last + months * 30 * kDaySeconds));
  v.Set("createdAt", Time(created));
  v.Set("updatedAt", Time(Later(from, H(slot, kHashUpdated))));
  if (const auto edit = changes.PianoEdit(slot); edit.revision > 0) {
    v.Set("notes", Str(fmt::format("Révision {} : cordes et feutres vérifiés.", edit.revision)));
    v.Set("updatedAt", Time(edit.at));
  }
  v.Set("client", Link(ObjKind::kClient, slot / 3));
  return v;
}

}  // namespace gb::sim
