#include "monitor/profile_report.h"

#include <algorithm>
#include <array>

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {
namespace {

using std::chrono::microseconds;

struct Stage {
  const char* thread;  // "fetcher" or "writer", shown on the first stage of each
  const char* phase;
  std::string_view label;
  std::string_view bottleneck;  // what the user reads when this stage dominates
};

constexpr std::array<Stage, 6> kStages = {{
    {"fetcher", kPhaseApi, TrNoop("waiting on the API"), TrNoop("the API (latency or rate limit)")},
    {"", kPhaseParse, TrNoop("parsing"), TrNoop("parsing the API's answers")},
    {"", kPhaseTransform, TrNoop("transforming"), TrNoop("transforming rows")},
    {"", kPhaseQueueFull, TrNoop("waiting for the writer"), TrNoop("the database")},
    {"writer", kPhaseDatabase, TrNoop("database"), TrNoop("the database")},
    {"", kPhaseQueueEmpty, TrNoop("waiting for pages"), TrNoop("fetching from the source")},
}};

// Seconds with one decimal below a minute ("12.3s"), h/m/s above ("2m 10s").
std::string FormatSpent(microseconds t) {
  if (t >= std::chrono::minutes(1)) {
    return FormatDuration(std::chrono::duration_cast<std::chrono::seconds>(t));
  }
  return FormatDecimal(static_cast<double>(t.count()) / 1e6, 1) + "s";
}

microseconds Spent(const Snapshot& s, const char* phase) {
  auto it = s.phase_time.find(phase);
  return it == s.phase_time.end() ? microseconds(0) : it->second;
}

// The busy stage (not a wait on the other thread) with the most time.
const Stage* Bottleneck(const Snapshot& s) {
  const Stage* best = nullptr;
  microseconds most{0};
  for (const Stage& stage : kStages) {
    const std::string_view phase = stage.phase;
    if (phase == kPhaseQueueFull || phase == kPhaseQueueEmpty) continue;
    if (Spent(s, stage.phase) > most) {
      most = Spent(s, stage.phase);
      best = &stage;
    }
  }
  return best;
}

}  // namespace

std::string FormatTimeProfile(const Snapshot& s) {
  if (s.phase_time.empty()) return "";
  const int streams = std::max(1, s.concurrency);
  const double capacity_us =
      static_cast<double>(streams) *
      static_cast<double>(std::chrono::duration_cast<microseconds>(s.elapsed).count());
  std::string out = TrFormat("Where the time went ({} streams, {} of wall time):", streams,
                             FormatDuration(s.elapsed)) +
                    "\n";
  for (const Stage& stage : kStages) {
    const microseconds t = Spent(s, stage.phase);
    const double share = capacity_us > 0 ? 100.0 * static_cast<double>(t.count()) / capacity_us : 0;
    const std::string thread = *stage.thread ? Tr(stage.thread) : "";
    out += "  " + PadRight(thread, 9) + PadRight(Tr(stage.label), 24) +
           PadLeft(FormatSpent(t), 10) + PadLeft(FormatDecimal(share, 1) + "%", 8) + "\n";
  }
  if (const Stage* b = Bottleneck(s)) out += TrFormat("Bottleneck: {}.", Tr(b->bottleneck)) + "\n";
  return out;
}

}  // namespace gb
