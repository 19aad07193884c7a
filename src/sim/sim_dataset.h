// The simulator's dataset: deterministic from (seed, scale), shaped like the
// real one (per-year totals of DESIGN.md × scale, a realistic mix of the 28
// types, relations with realistic ids). Only compact per-entry arrays are kept
// (time, generator index, type, client) for filtering and sorting; node content
// is generated on demand from (seed, generator index) by sim_content.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "sim/sim_ids.h"

namespace gb::sim {

inline constexpr int kFirstYear = 2016;
inline constexpr int kLastYear = 2026;
inline constexpr uint8_t kUnknownType = 255;

// Hostile content kinds (only with SimOptions::hostile). The first entries of
// every year carry one kind each, so each kind exists at every scale; a small
// share of other entries get a random cheap kind.
enum class Hostile : uint8_t {
  kNone,
  kHugeComment,     // a 1 MB comment
  kQuotes,          // quotes, backslashes, newlines, tabs
  kNul,             // \u0000 inside the comment
  kEmojiRtl,        // emoji, accents, right-to-left text
  kSql,             // SQL-looking text
  kLoneSurrogate,   // a JSON escape of an unpaired surrogate (\ud800)
  kYearStart,       // exactly Jan 1 00:00:00Z
  kYearEnd,         // exactly Dec 31 23:59:59Z
  kYearStartLocal,  // Jan 1 00:00 in America/Toronto (05:00:00Z)
  kDstSpring,       // the spring-forward instant in America/Toronto
  kDstFall,         // the fall-back instant in America/Toronto
  kDupWithinPage,   // the id of the previous entry (same page)
  kDupAcrossPage,   // the id of the entry 100 positions away (another page)
  kUnknownType,     // a type outside the 28
  kMissingId,       // id: null
  kMissingClient,   // client: null (non-null in the schema)
  kBadDate,         // occurredAt out of range ("2019-02-30T25:61:00Z")
  kLongSummary,     // a summary longer than 500 characters
  kCount
};

// One entry as the compact arrays know it.
struct EntryRef {
  uint32_t gen = 0;       // generator index: content is a function of (seed, gen)
  int64_t occurred = 0;   // epoch seconds
  int64_t base_pos = -1;  // position in the base dataset; -1 for arrived entries
};

class SimDataset {
 public:
  SimDataset(uint64_t seed, double scale, double unknown_user_share, bool hostile);

  // The per-year totals of DESIGN.md (scale 1).
  static int64_t DesignYearTotal(int year);
  // The entries of year `year` at `scale` (DesignYearTotal × scale, rounded
  // per year), and of the whole dataset: what base_size() will be.
  static int64_t ScaledYearTotal(int year, double scale);
  static int64_t ScaledTotal(double scale);
  // The span of the data: 2016-01-01T00:00:00Z and the end of "early 2026".
  static int64_t DataStart();
  static int64_t DataEnd();

  uint64_t seed() const { return seed_; }
  bool hostile() const { return hostile_; }
  int64_t base_size() const { return static_cast<int64_t>(occ_.size()); }
  int64_t YearCount(int year) const;  // base entries of a UTC year
  int64_t newest_occurred() const { return occ_.empty() ? 1768694400 : occ_.front(); }

  // Logical position 0 is the newest. `arrived` entries that arrived after the
  // start sit above the base dataset (they shift offsets, as in the real API).
  EntryRef At(int64_t logical, int64_t arrived) const;
  uint8_t TypeAt(int64_t base_pos) const { return type_[base_pos]; }
  uint32_t ClientAt(int64_t base_pos) const { return client_[base_pos]; }

  // Whether `gen` names an entry made after the start (arrived at the top or
  // back-dated by TimelineIndex::Apply), not one of the base dataset. Such an
  // entry names only objects the account lists: no estimate type (estimates
  // exist only for the base entries that name them) and no deleted user.
  bool MadeLater(uint32_t gen) const { return gen >= year_gen_offset_.back(); }
  // The tie-break of the newest-first order (entries with the same occurredAt:
  // larger key first, then larger gen).
  uint64_t OrderKey(uint32_t gen) const;

  // Facts of a generator index.
  uint8_t TypeOf(uint32_t gen) const;  // index in kEntryTypes, or kUnknownType
  uint32_t ClientOf(uint32_t gen) const;
  int PianoOf(uint32_t gen) const;        // -1: none; else the client's k-th piano
  int PianoCount(uint32_t client) const;  // 1..3 (piano ids client * 3 + k, k < count)
  int UserOf(uint32_t gen) const;         // -1: none; >= users().size(): a deleted user
  std::optional<uint32_t> InvoiceOf(uint32_t gen) const;
  std::optional<uint32_t> EstimateOf(uint32_t gen) const;
  Hostile HostileOf(uint32_t gen) const;

  std::string EntryId(uint32_t gen) const;  // tme_ + 20 lowercase hex
  std::string ClientId(uint32_t client) const;
  std::string PianoId(uint32_t client, int k) const;
  std::string UserId(int user) const;
  std::string InvoiceId(uint32_t invoice) const;
  std::string EstimateId(uint32_t estimate) const;
  // Reverse of the ids above (for filters); none for an id this dataset never
  // made. `clients`: how many clients the account has (0: all_client_count()).
  std::optional<uint32_t> DecodeClient(std::string_view id, uint32_t clients = 0) const;
  std::optional<uint32_t> DecodePiano(std::string_view id,
                                      uint32_t clients = 0) const;  // client * 3 + k
  std::optional<uint32_t> DecodeInvoice(std::string_view id) const;
  std::optional<uint32_t> DecodeEstimate(std::string_view id) const;

  // Clients with history (the ones entries point at), and all clients of the
  // account: a third more have no timeline entry (prospects, imported lists).
  uint32_t client_count() const { return clients_; }
  uint32_t all_client_count() const { return clients_ + clients_ / 3; }
  const std::vector<ApiUser>& users() const { return users_; }
  // The users entries point at that allUsers leaves out (--unknown-user-share).
  const std::vector<ApiUser>& deleted_users() const { return deleted_; }

 private:
  int YearOfGen(uint32_t gen) const;
  int64_t OccurredOf(uint32_t gen) const;
  void BuildUsers();
  void BuildIndex();

  uint64_t seed_;
  double scale_;
  double unknown_user_share_;
  bool hostile_;
  uint32_t clients_ = 0;
  int deleted_users_ = 6;
  std::array<int64_t, kLastYear - kFirstYear + 2> year_gen_offset_{};
  std::vector<int64_t> occ_;  // by position, newest first
  std::vector<uint32_t> gen_;
  std::vector<uint8_t> type_;
  std::vector<uint32_t> client_;
  std::vector<ApiUser> users_;
  std::vector<ApiUser> deleted_;
  IdCodec client_ids_, piano_ids_, user_ids_, invoice_ids_, estimate_ids_;
};

}  // namespace gb::sim
