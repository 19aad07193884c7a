#include "monitor/sync_text.h"

#include <fmt/format.h>

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {
namespace {

std::string Names(const std::vector<std::string>& names) {
  return names.empty() ? Tr("none") : fmt::format("{}", fmt::join(names, ", "));
}

// "clients (1,234 created since 2026-01-03), pianos (…)".
std::string Windows(const std::vector<StreamWindow>& windows) {
  std::vector<std::string> parts;
  for (const StreamWindow& w : windows) {
    parts.push_back(TrFormat("{} ({} created since {})", w.stream, FormatCount(w.count), w.since));
  }
  return Names(parts);
}

bool AnyStream(const std::vector<std::string>& swept, const std::vector<StreamWindow>& fresh,
               const std::vector<std::string>& equal) {
  return !swept.empty() || !fresh.empty() || !equal.empty();
}

}  // namespace

std::string SyncComparedText(const SyncCompared& e) {
  std::string out;
  if (e.months > 0) {
    out = TrFormat(
        "Sync: {} months compared with the source, {} differ and are swept again; {} entries "
        "since {} swept (the overlap)",
        FormatCount(e.months), FormatCount(e.months_differing), FormatCount(e.top), e.floor);
  }
  if (AnyStream(e.streams_swept, e.streams_new, e.streams_equal)) {
    if (!out.empty()) out += "\n";
    out += TrFormat("Sync: streams swept whole: {}; new since a date: {}; unchanged by count: {}",
                    Names(e.streams_swept), Windows(e.streams_new), Names(e.streams_equal));
  }
  return out;
}

std::string MissingMarkedText(const MissingMarked& e) {
  return TrFormat(
      "Sync: {} rows of {} gone from the source, marked (kept, listed in gb_missing); {} back",
      FormatCount(e.marked), e.stream, FormatCount(e.restored));
}

std::string SyncSummaryText(const Snapshot& s) {
  if (!s.sync.compared) return "";
  std::string out =
      TrFormat("Sync: {} added, {} changed, {} unchanged", FormatCount(s.totals.inserted),
               FormatCount(s.totals.updated), FormatCount(s.totals.unchanged));
  int64_t marked = 0, restored = 0;
  for (const auto& [stream, m] : s.sync.marks) {
    marked += m.first;
    restored += m.second;
  }
  out += TrFormat(", {} marked missing at the source", FormatCount(marked));
  if (restored > 0) out += TrFormat(", {} back at the source", FormatCount(restored));
  out += ".\n";
  const auto& sync = s.sync;
  if (AnyStream(sync.streams_swept, sync.streams_new, sync.streams_equal)) {
    out +=
        TrFormat("  Streams swept whole: {}; new since a date: {}; unchanged by count: {}\n",
                 Names(sync.streams_swept), Windows(sync.streams_new), Names(sync.streams_equal));
  }
  for (const auto& [stream, m] : s.sync.marks) {
    if (m.first == 0 && m.second == 0) continue;
    out += TrFormat("  {}: {} marked missing, {} back\n", stream, FormatCount(m.first),
                    FormatCount(m.second));
  }
  return out;
}

std::string FreshnessText(const Freshness& f, int64_t now) {
  auto at = [](int64_t t) {
    return FormatClockTime(std::chrono::system_clock::time_point(std::chrono::seconds(t)));
  };
  auto ago = [now](int64_t t) { return FormatDuration(std::chrono::seconds(now - t)); };
  if (!f.last_sync_at && !f.schedule) return "";
  std::vector<std::string> parts;
  parts.push_back(f.last_sync_at
                      ? TrFormat("Last sync {} ({} ago)", at(*f.last_sync_at), ago(*f.last_sync_at))
                      : Tr("No sync ended yet"));
  if (f.schedule) {
    parts.push_back(TrFormat("next {}, every {}", at(f.schedule->next_at),
                             FormatDuration(std::chrono::seconds(f.schedule->every_s))));
  }
  if (f.lag_s) {
    parts.push_back(
        TrFormat("newest entry {} old", FormatDuration(std::chrono::seconds(*f.lag_s))));
  }
  int64_t marked = 0;
  for (const auto& [stream, n] : f.marked) marked += n;
  if (marked > 0) parts.push_back(TrFormat("{} rows marked missing", FormatCount(marked)));
  std::string line = fmt::format("{}", fmt::join(parts, " · "));
  if (f.stale) line += " · " + TrFormat("stale: {}", f.stale_reason);
  return line;
}

}  // namespace gb
