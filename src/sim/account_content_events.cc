// Events: one per APPOINTMENT entry (its client, piano and user, starting when
// the entry occurred) and personal time, memos and synced events without a
// client; and the pianos of an appointment (see account_content.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "sim/account_content.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum EventPurpose : uint64_t {
  kHashEventUser = 600,
  kHashEventKind,
  kHashEventStatus,
  kHashEventLead,
  kHashEventTitle,
  kHashEventUpdated,
  kHashTuning,
};

constexpr std::array<std::string_view, 6> kTitles = {"Accord",           "Accord et réglage",
                                                     "Entretien annuel", "Réparation",
                                                     "Régulation",       "Visite de contrôle"};
constexpr std::array<std::string_view, 3> kOtherKinds = {"PERSONAL", "MEMO", "SYNCED"};
constexpr std::array<std::string_view, 3> kOtherTitles = {"Congé", "Note", "Agenda personnel"};

}  // namespace

AccountContent::EventPeople AccountContent::PeopleOf(uint32_t ordinal) const {
  const uint32_t source = index_.EventSource(ordinal);
  EventPeople p;
  if (source & kSyntheticEvent) {
    p.user = LiveUser(H(source, kHashEventUser));
    return p;
  }
  p.client = data_.ClientOf(source);
  p.piano = data_.PianoOf(source);
  const int user = data_.UserOf(source);  // a deleted user's appointment goes to a live one
  const auto live = static_cast<int>(data_.users().size());
  p.user = user >= 0 && user < live ? user : LiveUser(H(source, kHashEventUser));
  return p;
}

Values AccountContent::Event(uint32_t o) const {
  Values v(ObjKind::kEvent);
  const uint32_t source = index_.EventSource(o);
  const bool appointment = !(source & kSyntheticEvent);
  const EventPeople p = PeopleOf(o);
  const int64_t start = index_.EventStart(o);
  const uint64_t h = H(source, kHashEventStatus);
  v.Set("id", Str(event_ids_.Encode(source)));
  const size_t other = H(source, kHashEventKind) % kOtherKinds.size();
  v.Set("type", Str(std::string(appointment ? "APPOINTMENT" : kOtherKinds[other])));
  const bool upcoming = start > SimDataset::DataEnd() - 7 * kDaySeconds;
  v.Set("status", Str(upcoming || !appointment ? "ACTIVE"
                      : h % 20 == 0            ? "CANCELED"
                      : h % 50 == 1            ? "NO_SHOW"
                                               : "COMPLETE"));
  v.Set("title", Str(std::string(appointment ? kTitles[H(source, kHashEventTitle) % kTitles.size()]
                                             : kOtherTitles[other])));
  v.Set("start", Time(start));
  v.Set("duration", Int(appointment ? 60 + 30 * static_cast<int64_t>(h >> 8 & 3) : 480));
  v.Set("isAllDay", Bool(!appointment && other == 0));
  v.Set("timezone", Str("America/Toronto"));
  if (h % 4 == 0) v.Set("notes", Str("Code de la porte : 1234."));
  const bool confirmed = appointment && h % 3 != 0;
  v.Set("confirmedByClient", Bool(confirmed));
  // Created up to 30 days before the start, never before its client or piano.
  int64_t created =
      start - static_cast<int64_t>(Below(H(source, kHashEventLead), 30 * kDaySeconds));
  if (p.client >= 0) {
    const auto c = static_cast<uint32_t>(p.client);
    created = std::max(created, index_.ClientCreated(c).value_or(INT64_MIN));
    if (p.piano >= 0)
      created = std::max(created, index_.PianoCreated(c * 3 + p.piano).value_or(INT64_MIN));
  }
  created = std::min(created, start);
  if (confirmed) v.Set("confirmedAt", Time(created + (start - created) / 2));
  v.Set("createdAt", Time(created));
  v.Set("updatedAt",
        Time(start + static_cast<int64_t>(Below(H(source, kHashEventUpdated), kDaySeconds))));
  if (p.client >= 0) v.Set("client", Link(ObjKind::kClient, static_cast<uint64_t>(p.client)));
  v.Set("user", Link(ObjKind::kUser, p.user));
  v.Set("createdBy", Link(ObjKind::kUser, p.user));
  v.Set("allEventPianos", Connection(ObjKind::kEventPiano, uint64_t{o} << 2, EventPianoCount(o)));
  return v;
}

// The j-th piano of an appointment: the entry's piano, then the next one of
// the same client.
Values AccountContent::EventPiano(uint64_t index) const {
  Values v(ObjKind::kEventPiano);
  const auto o = static_cast<uint32_t>(index >> 2);
  const auto j = static_cast<int>(index & 3);
  const EventPeople p = PeopleOf(o);
  const auto c = static_cast<uint32_t>(std::max<int64_t>(p.client, 0));
  const int k = (std::max(p.piano, 0) + j) % data_.PianoCount(c);
  v.Set("event", Link(ObjKind::kEvent, o));
  v.Set("isTuning", Bool(j == 0 && H(index, kHashTuning) % 3 != 0));
  v.Set("piano", Link(ObjKind::kPiano, c * 3 + k));
  return v;
}

}  // namespace gb::sim
