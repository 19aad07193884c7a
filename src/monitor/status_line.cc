#include "monitor/status_line.h"

#include <algorithm>
#include <vector>

#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/summary.h"
#include "monitor/wait_reason_text.h"

namespace gb {
namespace {

// Lower number = more important = dropped last.
struct Segment {
  std::string text;
  int priority = 0;
};

constexpr std::string_view kSeparator = " · ";

std::string Join(const std::vector<Segment>& segments) {
  std::string line;
  for (const auto& s : segments) {
    if (!line.empty()) line += kSeparator;
    line += s.text;
  }
  return line;
}

size_t PlannedYears(const Snapshot& s) {
  return std::count_if(s.years.begin(), s.years.end(),
                       [](const auto& y) { return y.second.planned; });
}

// The other streams (clients, pianos, ...) as one figure: done/expected.
std::string StreamsText(const Snapshot& s) {
  int64_t done = 0;
  int64_t expected = 0;
  for (const auto& [name, stream] : s.streams) {
    done += stream.done();
    expected += stream.expected;
  }
  return TrFormat("streams {}/{} {}", FormatCount(done), FormatCount(expected),
                  FormatPercent(done, expected));
}

std::string Head(const Snapshot& s) {
  if (PlannedYears(s) == 0 && !s.streams.empty()) return "[" + StreamsText(s) + "]";
  auto it = s.years.find(s.current_year);
  if (it != s.years.end() && it->second.planned) {
    const YearProgress& y = it->second;
    return fmt::format("[{}] {}/{} {}", s.current_year, FormatCount(y.done()),
                       FormatCount(y.expected), FormatPercent(y.done(), y.expected));
  }
  std::string label = !s.finished       ? Tr("all")
                      : s.state.empty() ? Tr("finished")
                                        : StateLabel(s.state, /*brief=*/true);
  return fmt::format("[{}] {}/{} {}", label, FormatCount(s.done), FormatCount(s.expected),
                     FormatPercent(s.done, s.expected));
}

std::vector<Segment> Segments(const Snapshot& s) {
  std::vector<Segment> out;
  out.push_back({Head(s), 0});
  for (const Wait& w : s.waits) {
    auto left = std::chrono::duration_cast<std::chrono::seconds>(w.until - s.now);
    out.push_back(
        {TrFormat("retry in {}: {}", FormatDuration(left), RetryCauseText(w.http_status, w.reason)),
         1});
  }
  if (s.current_year != 0 && PlannedYears(s) > 1) {
    out.push_back({TrFormat("all {}/{} {}", FormatCount(s.done), FormatCount(s.expected),
                            FormatPercent(s.done, s.expected)),
                   4});
  }
  if (PlannedYears(s) > 0 && !s.streams.empty()) out.push_back({StreamsText(s), 4});
  if (s.finished) {
    out.push_back({FormatDuration(s.elapsed), 2});
  } else {
    out.push_back({FormatRate(s.rate), 2});
    out.push_back({s.eta ? TrFormat("ETA {}", FormatDuration(*s.eta)) : Tr("ETA –"), 3});
  }
  out.push_back({TrFormat("{} repaired", FormatCount(s.totals.repaired)), 6});
  out.push_back({TrFormat("{} rejected", FormatCount(s.totals.rejected)), 5});
  if (s.totals.skipped > 0) {
    out.push_back({TrFormat("{} skipped", FormatCount(s.totals.skipped)), 8});
  }
  if (s.retries > 0) out.push_back({TrFormat("{} retries", FormatCount(s.retries)), 7});
  return out;
}

}  // namespace

std::string FormatStatusLine(const Snapshot& snapshot, int width) {
  if (width <= 1) return "";
  size_t max = static_cast<size_t>(width - 1);
  if (!snapshot.started) return TruncateToWidth(Tr("Planning…"), max);
  std::vector<Segment> segments = Segments(snapshot);
  std::string line = Join(segments);
  while (DisplayWidth(line) > max && segments.size() > 1) {
    auto least = std::max_element(
        segments.begin(), segments.end(),
        [](const Segment& a, const Segment& b) { return a.priority < b.priority; });
    segments.erase(least);
    line = Join(segments);
  }
  return TruncateToWidth(line, max);
}

}  // namespace gb
