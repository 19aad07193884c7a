#include "sim/sim_dataset.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/entry_types.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

// Purposes of Hash(): one per independent random choice.
enum DatasetPurpose : uint64_t {
  kHashOcc = 1,
  kHashType,
  kHashClient,
  kHashPiano,
  kHashPianoHas,
  kHashUser,
  kHashUserHas,
  kHashUserDeleted,
  kHashInvoice,
  kHashIdHi,
  kHashIdLo,
  kHashHostileRoll,
  kHashHostileKind,
  kHashPianoCount
};

constexpr uint8_t kServiceEntryManual = 15;  // indexes in kEntryTypes
constexpr uint8_t kFirstEstimateType = 26;   // ESTIMATE, then ESTIMATE_LOG

constexpr std::array<int64_t, kLastYear - kFirstYear + 1> kDesignTotals = {
    9943, 21917, 25447, 29722, 26417, 27989, 32012, 28313, 26034, 52428, 2411};

// Share (per mille) of each of the 28 types, in kEntryTypes order.
constexpr std::array<int, 28> kTypeWeights = {175, 40, 90, 20, 15, 25,  15,  5,  3,  7,
                                              5,   30, 20, 25, 60, 130, 110, 60, 40, 20,
                                              30,  10, 35, 15, 8,  2,   3,   2};

int64_t YearStart(int year) {
  return date::sys_days{date::year{year} / 1 / 1}.time_since_epoch().count() * 86400;
}

// The last year is "early 2026": entries stop mid-January, as in the real data.
int64_t YearEnd(int year) {
  return year == kLastYear ? YearStart(year) + 17 * 86400 : YearStart(year + 1);
}

// America/Toronto: 02:00 EST on the 2nd Sunday of March, 02:00 EDT on the 1st Sunday of November.
int64_t NthSunday(int year, unsigned month, unsigned n) {
  date::year_month_weekday ymw{date::year{year}, date::month{month}, date::Sunday[n]};
  return date::sys_days{ymw}.time_since_epoch().count() * 86400;
}

bool NameHas(uint8_t type, std::string_view part) {
  return type < kEntryTypes.size() && kEntryTypes[type].find(part) != std::string_view::npos;
}

}  // namespace

SimDataset::SimDataset(uint64_t seed, double scale, double unknown_user_share, bool hostile)
    : seed_(seed),
      scale_(scale),
      unknown_user_share_(unknown_user_share),
      hostile_(hostile),
      client_ids_("cli_", Hash(seed, 1, 100)),
      piano_ids_("ins_", Hash(seed, 2, 100)),
      user_ids_("usr_", Hash(seed, 3, 100)),
      invoice_ids_("inv_", Hash(seed, 4, 100)),
      estimate_ids_("est_", Hash(seed, 5, 100)) {
  clients_ = static_cast<uint32_t>(std::max<int64_t>(20, std::llround(3000 * scale)));
  int64_t offset = 0;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    year_gen_offset_[y - kFirstYear] = offset;
    offset += ScaledYearTotal(y, scale);
  }
  year_gen_offset_.back() = offset;
  BuildUsers();
  BuildIndex();
}

int64_t SimDataset::DesignYearTotal(int year) {
  if (year < kFirstYear || year > kLastYear) return 0;
  return kDesignTotals[year - kFirstYear];
}

int64_t SimDataset::ScaledYearTotal(int year, double scale) {
  return std::llround(static_cast<double>(DesignYearTotal(year)) * scale);
}

int64_t SimDataset::ScaledTotal(double scale) {
  int64_t total = 0;
  for (int y = kFirstYear; y <= kLastYear; ++y) total += ScaledYearTotal(y, scale);
  return total;
}

int64_t SimDataset::DataStart() { return YearStart(kFirstYear); }
int64_t SimDataset::DataEnd() { return YearEnd(kLastYear); }

int64_t SimDataset::YearCount(int year) const {
  if (year < kFirstYear || year > kLastYear) return 0;
  return year_gen_offset_[year - kFirstYear + 1] - year_gen_offset_[year - kFirstYear];
}

int SimDataset::YearOfGen(uint32_t gen) const {
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    if (gen < year_gen_offset_[y - kFirstYear + 1]) return y;
  }
  return kLastYear + 1;  // an arrived entry
}

void SimDataset::BuildUsers() {
  static constexpr std::array<std::string_view, 12> kFirst = {
      "Marie", "Jean",    "Sophie",   "Luc",     "Isabelle",  "François",
      "Chloé", "Étienne", "Nathalie", "Mathieu", "Geneviève", "Éric"};
  static constexpr std::array<std::string_view, 12> kLast = {
      "Tremblay", "Gagnon", "Roy",    "Côté",  "Bouchard", "Gauthier",
      "Morin",    "Lavoie", "Fortin", "Gagné", "Ouellet",  "Pelletier"};
  static constexpr std::array<std::string_view, 4> kAccess = {"ADMIN", "TECHNICIAN", "TECHNICIAN",
                                                              "ASSISTANT"};
  int live = static_cast<int>(std::clamp<int64_t>(std::llround(12 * std::sqrt(scale_)), 4, 60));
  for (int u = 0; u < live + deleted_users_; ++u) {
    ApiUser user;
    user.id = UserId(u);
    user.first_name = kFirst[Hash(seed_, u, 201) % kFirst.size()];
    user.last_name = kLast[Hash(seed_, u, 202) % kLast.size()];
    user.email = fmt::format("utilisateur{}@accordeurs.example", u + 1);
    user.access_level = std::string(kAccess[u % kAccess.size()]);
    user.status = "ACTIVE";
    (u < live ? users_ : deleted_).push_back(std::move(user));
  }
}

int64_t SimDataset::OccurredOf(uint32_t gen) const {
  int year = YearOfGen(gen);
  if (year > kLastYear) {  // arrived after the start: above everything, one a minute
    return newest_occurred() + 60 * (gen - base_size() + 1);
  }
  switch (HostileOf(gen)) {
    case Hostile::kYearStart:
      return YearStart(year);
    case Hostile::kYearEnd:
      return year == kLastYear ? YearStart(year) : YearStart(year + 1) - 1;
    case Hostile::kYearStartLocal:
      return YearStart(year) + 5 * 3600;
    case Hostile::kDstSpring:
      return year == kLastYear ? YearStart(year) + 1 : NthSunday(year, 3, 2) + 7 * 3600;
    case Hostile::kDstFall:
      return year == kLastYear ? YearStart(year) + 2 : NthSunday(year, 11, 1) + 6 * 3600;
    default:
      break;
  }
  int64_t start = YearStart(year);
  return start + static_cast<int64_t>(Below(Hash(seed_, gen, kHashOcc), YearEnd(year) - start));
}

void SimDataset::BuildIndex() {
  struct Key {
    int64_t occ;
    uint64_t id_hi;
    uint32_t gen;
  };
  const auto n = static_cast<uint32_t>(year_gen_offset_.back());
  std::vector<Key> keys(n);
  for (uint32_t gen = 0; gen < n; ++gen)
    keys[gen] = {OccurredOf(gen), Hash(seed_, gen, kHashIdHi), gen};
  // Newest first; ties by OrderKey, then gen (TimelineChanges inserts by the same rule).
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.occ != b.occ) return a.occ > b.occ;
    if (a.id_hi != b.id_hi) return a.id_hi > b.id_hi;
    return a.gen > b.gen;
  });
  occ_.resize(n);
  gen_.resize(n);
  type_.resize(n);
  client_.resize(n);
  for (uint32_t pos = 0; pos < n; ++pos) {
    occ_[pos] = keys[pos].occ;
    gen_[pos] = keys[pos].gen;
    type_[pos] = TypeOf(keys[pos].gen);
    client_[pos] = ClientOf(keys[pos].gen);
  }
}

EntryRef SimDataset::At(int64_t logical, int64_t arrived) const {
  if (logical < arrived) {
    auto gen = static_cast<uint32_t>(base_size() + (arrived - 1 - logical));
    return {gen, OccurredOf(gen), -1};
  }
  int64_t pos = logical - arrived;
  return {gen_[pos], occ_[pos], pos};
}

Hostile SimDataset::HostileOf(uint32_t gen) const {
  if (!hostile_) return Hostile::kNone;
  int year = YearOfGen(gen);
  if (year > kLastYear) return Hostile::kNone;
  int64_t in_year = gen - year_gen_offset_[year - kFirstYear];
  constexpr int kKinds = static_cast<int>(Hostile::kCount) - 1;
  if (in_year < kKinds) return static_cast<Hostile>(in_year + 1);
  if (Below(Hash(seed_, gen, kHashHostileRoll), 1000) >= 2) return Hostile::kNone;
  // Random extras: any kind but the 1 MB comment (one per year is enough).
  return static_cast<Hostile>(2 + Below(Hash(seed_, gen, kHashHostileKind), kKinds - 1));
}

uint8_t SimDataset::TypeOf(uint32_t gen) const {
  if (HostileOf(gen) == Hostile::kUnknownType) return kUnknownType;
  auto roll = static_cast<int>(Below(Hash(seed_, gen, kHashType), 1000));
  for (uint8_t t = 0; t < kTypeWeights.size(); ++t) {
    roll -= kTypeWeights[t];
    if (roll >= 0) continue;
    // A later entry is never an estimate's (see MadeLater): a manual service entry instead.
    if (MadeLater(gen) && t >= kFirstEstimateType) return kServiceEntryManual;
    return t;
  }
  return 0;
}

uint64_t SimDataset::OrderKey(uint32_t gen) const { return Hash(seed_, gen, kHashIdHi); }

uint32_t SimDataset::ClientOf(uint32_t gen) const {
  // A few clients have most of the history (skewed like a real customer base).
  double u = Unit(Hash(seed_, gen, kHashClient));
  return static_cast<uint32_t>(std::min<double>(clients_ - 1, u * u * clients_));
}

int SimDataset::PianoOf(uint32_t gen) const {
  uint8_t t = TypeOf(gen);
  int share = NameHas(t, "SERVICE") || NameHas(t, "APPOINTMENT") || NameHas(t, "PIANO") ||
                      NameHas(t, "ESTIMATE")
                  ? 95
                  : (NameHas(t, "CONTACT") ? 40 : 10);
  if (static_cast<int>(Below(Hash(seed_, gen, kHashPianoHas), 100)) >= share) return -1;
  return static_cast<int>(Below(Hash(seed_, gen, kHashPiano), PianoCount(ClientOf(gen))));
}

int SimDataset::PianoCount(uint32_t client) const {
  auto roll = Below(Hash(seed_, client, kHashPianoCount), 10);
  return roll < 7 ? 1 : (roll < 9 ? 2 : 3);
}

int SimDataset::UserOf(uint32_t gen) const {
  uint8_t t = TypeOf(gen);
  bool manual = NameHas(t, "MANUAL") || NameHas(t, "COMMENT") || t == 16 || NameHas(t, "INVOICE") ||
                NameHas(t, "ESTIMATE") || NameHas(t, "MEASUREMENT");
  if (static_cast<int>(Below(Hash(seed_, gen, kHashUserHas), 100)) >= (manual ? 95 : 10)) return -1;
  auto live = static_cast<int>(users_.size());
  if (!MadeLater(gen) && Unit(Hash(seed_, gen, kHashUserDeleted)) < unknown_user_share_) {
    return live + static_cast<int>(Below(Hash(seed_, gen, kHashUser), deleted_users_));
  }
  return static_cast<int>(Below(Hash(seed_, gen, kHashUser), live));
}

std::optional<uint32_t> SimDataset::InvoiceOf(uint32_t gen) const {
  if (!NameHas(TypeOf(gen), "INVOICE")) return std::nullopt;
  return ClientOf(gen) * 4 + static_cast<uint32_t>(Below(Hash(seed_, gen, kHashInvoice), 4));
}

std::optional<uint32_t> SimDataset::EstimateOf(uint32_t gen) const {
  if (!NameHas(TypeOf(gen), "ESTIMATE")) return std::nullopt;
  return ClientOf(gen) * 2 + static_cast<uint32_t>(Below(Hash(seed_, gen, kHashInvoice), 2));
}

std::string SimDataset::EntryId(uint32_t gen) const {
  return fmt::format("tme_{:016x}{:04x}", Hash(seed_, gen, kHashIdHi),
                     Hash(seed_, gen, kHashIdLo) & 0xffff);
}

std::string SimDataset::ClientId(uint32_t client) const { return client_ids_.Encode(client); }
std::string SimDataset::PianoId(uint32_t client, int k) const {
  return piano_ids_.Encode(uint64_t{client} * 3 + k);
}
std::string SimDataset::UserId(int user) const { return user_ids_.Encode(user); }
std::string SimDataset::InvoiceId(uint32_t invoice) const { return invoice_ids_.Encode(invoice); }
std::string SimDataset::EstimateId(uint32_t est) const { return estimate_ids_.Encode(est); }

namespace {
std::optional<uint32_t> Narrow(std::optional<uint64_t> v, uint64_t limit) {
  if (!v || *v >= limit) return std::nullopt;
  return static_cast<uint32_t>(*v);
}
}  // namespace

std::optional<uint32_t> SimDataset::DecodeClient(std::string_view id, uint32_t clients) const {
  return Narrow(client_ids_.Decode(id), clients ? clients : all_client_count());
}
std::optional<uint32_t> SimDataset::DecodePiano(std::string_view id, uint32_t clients) const {
  return Narrow(piano_ids_.Decode(id), uint64_t{clients ? clients : all_client_count()} * 3);
}
std::optional<uint32_t> SimDataset::DecodeInvoice(std::string_view id) const {
  return Narrow(invoice_ids_.Decode(id), uint64_t{clients_} * 4);
}
std::optional<uint32_t> SimDataset::DecodeEstimate(std::string_view id) const {
  return Narrow(estimate_ids_.Decode(id), uint64_t{clients_} * 2);
}

}  // namespace gb::sim
