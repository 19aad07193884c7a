#include "monitor/dashboard.h"

#include <algorithm>

#include "monitor/exposure_text.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/summary.h"
#include "monitor/sync_text.h"
#include "monitor/unlink_text.h"
#include "monitor/wait_reason_text.h"

namespace gb {
namespace {

using Style = Terminal::Style;
using std::chrono::seconds;

constexpr int kBarWidth = 10;
constexpr int kWideLayout = 104;  // below this the bar and "repaired" columns go

std::chrono::system_clock::time_point At(int64_t epoch) {
  return std::chrono::system_clock::time_point(seconds(epoch));
}

Style StateStyle(HealthState state) {
  switch (state) {
    case HealthState::kDone:
    case HealthState::kRunning:
      return Style::kGreen;
    case HealthState::kSlow:
    case HealthState::kStopped:
    case HealthState::kDoneWithRejects:
      return Style::kYellow;
    case HealthState::kStalled:
    case HealthState::kFailed:
    case HealthState::kUnreachable:
      return Style::kRed;
    case HealthState::kNotStarted:
      return Style::kDim;
  }
  return Style::kDim;
}

std::string StatusText(const YearHealth& y) {
  std::string text = HealthStateLabel(y.state);
  if (!y.reason.empty()) text += " — " + y.reason;
  return text;
}

// A plain prefix and a styled tail, cut to width-1 columns as a whole.
std::string FitLine(const std::string& plain, const std::string& tail, Style style, int width,
                    const Terminal& styler) {
  size_t room = width > 1 ? static_cast<size_t>(width - 1) : 1;
  size_t used = DisplayWidth(plain);
  if (used >= room) return TruncateToWidth(plain, room);
  std::string cut = TruncateToWidth(tail, room - used);
  return plain + (cut.empty() ? cut : styler.Styled(cut, style));
}

std::string Bar(const YearHealth& y) {
  int64_t total = std::max<int64_t>(y.expected, 1);
  int filled = static_cast<int>(std::min<int64_t>(kBarWidth, y.done() * kBarWidth / total));
  if (y.expected == 0) filled = kBarWidth;
  return "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "]";
}

std::string EtaText(const YearHealth& y) {
  return y.eta ? FormatDuration(*y.eta) : std::string("–");
}

// The first column: 6 wide for years, wider when a stream's name needs it.
size_t LabelWidth(const Health& h) {
  size_t width = 6;
  for (const auto& s : h.streams) width = std::max(width, DisplayWidth(s.stream) + 1);
  return width;
}

std::string YearCells(const YearHealth& y, const std::string& label, bool wide,
                      size_t label_width) {
  std::string line = PadRight(label, label_width) + PadLeft(FormatCount(y.expected), 10) +
                     PadLeft(FormatCount(y.done()), 10) +
                     PadLeft(FormatPercent(y.done(), y.expected), 6) + "  ";
  if (wide) line += Bar(y) + " ";
  line += PadLeft(FormatRate(y.rate), 11) + PadLeft(EtaText(y), 10);
  if (wide) line += PadLeft(FormatCount(y.counts.repaired), 10);
  line += PadLeft(FormatCount(y.counts.rejected), 10) + "  ";
  return line;
}

std::string HeaderLine(bool wide, size_t label_width, bool streams) {
  std::string line = PadRight(streams ? Tr("Stream") : Tr("Year"), label_width) +
                     PadLeft(Tr("Expected"), 10) + PadLeft(Tr("Loaded"), 10) + PadLeft("%", 6) +
                     "  ";
  if (wide) line += PadRight(Tr("Progress"), kBarWidth + 3);
  line += PadLeft(Tr("Rate"), 11) + PadLeft(Tr("ETA"), 10);
  if (wide) line += PadLeft(Tr("Repaired"), 10);
  return line + PadLeft(Tr("Rejected"), 10) + "  " + Tr("Status");
}

std::vector<std::string> HeadLines(const Health& h, int width, const Terminal& styler) {
  std::vector<std::string> lines;
  lines.push_back(FitLine(
      "", TrFormat("gazelle-backfill watch · {} · {}", h.destination, FormatClockTime(At(h.now))),
      Style::kBold, width, styler));
  if (h.run) {
    const RunRow& r = *h.run;
    std::string line = TrFormat(
        "Run #{} · {} · started {} · uptime {}", r.id, StateLabel(RunStateName(r.state), true),
        FormatClockTime(At(r.started_at)), FormatDuration(seconds(h.now - r.started_at)));
    if (h.last_commit_age) {
      line += TrFormat(" · last commit {} ago", FormatDuration(seconds(*h.last_commit_age)));
    }
    lines.push_back(FitLine(line, "", Style::kDim, width, styler));
  }
  std::string total = h.rows_estimate ? TrFormat("In destination: ~{} rows (estimate)",
                                                 FormatCount(*h.rows_estimate))
                                      : Tr("In destination: unknown");
  if (h.run) {
    total +=
        TrFormat(" · this run: {} of {} ({}) · {} · ETA {}", FormatCount(h.total.done()),
                 FormatCount(h.total.expected), FormatPercent(h.total.done(), h.total.expected),
                 FormatRate(h.total.rate), EtaText(h.total));
  }
  lines.push_back(FitLine(total, "", Style::kDim, width, styler));
  lines.push_back(
      FitLine(Tr("Status: "), StatusText(h.total), StateStyle(h.total.state), width, styler));
  if (std::string fresh = FreshnessText(h.freshness, h.now); !fresh.empty()) {
    lines.push_back(
        FitLine(fresh, "", h.freshness.stale ? Style::kRed : Style::kDim, width, styler));
  }
  if (!h.exposed.empty()) {
    lines.push_back(FitLine(
        "", TrFormat("{} table(s) open to the API: see below how to close them", h.exposed.size()),
        Style::kRed, width, styler));
  }
  return lines;
}

// The timeline's years, then the other streams by name ("timeline 2024"
// when both are there), then the total of them all.
std::vector<std::string> YearLines(const Health& h, int width, const Terminal& styler) {
  if (h.years.empty() && h.streams.empty()) return {};
  const bool wide = width >= kWideLayout;
  const bool streams = !h.streams.empty();
  const size_t label_width = streams ? std::max<size_t>(LabelWidth(h), 14) : 6;
  std::vector<std::string> lines{
      "", FitLine(HeaderLine(wide, label_width, streams), "", Style::kBold, width, styler)};
  for (const auto& y : h.years) {
    std::string label = streams ? "timeline " + std::to_string(y.year) : std::to_string(y.year);
    lines.push_back(FitLine(YearCells(y, label, wide, label_width), StatusText(y),
                            StateStyle(y.state), width, styler));
  }
  for (const auto& y : h.streams) {
    lines.push_back(FitLine(YearCells(y, y.stream, wide, label_width), StatusText(y),
                            StateStyle(y.state), width, styler));
  }
  if (h.years.size() + h.streams.size() > 1) {
    lines.push_back(FitLine(YearCells(h.total, Tr("Total"), wide, label_width), StatusText(h.total),
                            StateStyle(h.total.state), width, styler));
  }
  return lines;
}

// `text` cut at spaces into lines of at most width-1 columns, the next ones
// indented by `indent` more (a word longer than a line is cut).
void Wrap(const std::string& text, size_t indent, int width, std::vector<std::string>* out) {
  const size_t room = static_cast<size_t>(std::max(width - 1, 8));
  const size_t lead = text.find_first_not_of(' ');
  std::string prefix(lead == std::string::npos ? 0 : lead, ' ');
  std::string line = prefix;
  size_t pos = prefix.size();
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    std::string word = text.substr(pos, end == std::string::npos ? end : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    if (line.size() > prefix.size() && DisplayWidth(line) + 1 + DisplayWidth(word) > room) {
      out->push_back(line);
      prefix = std::string(std::min(prefix.size() + indent, room / 2), ' ');
      indent = 0;
      line = prefix;
    }
    line += (line.size() > prefix.size() ? " " : "") + word;
  }
  out->push_back(TruncateToWidth(line, room));
}

// Each exposed table with the statements that close it, wrapped rather than
// cut (a cut statement is useless); the section goes in whole or not at all.
std::vector<std::string> ExposedLines(const Health& h, int width) {
  if (h.exposed.empty()) return {};
  std::vector<std::string> lines{"", TruncateToWidth(Tr("Exposed to the API"), width - 1)};
  for (const auto& e : h.exposed) {
    for (const auto& line : ExposureLines(e)) Wrap("  " + line, 2, width, &lines);
  }
  return lines;
}

std::vector<std::string> LatestLines(const Health& h, int width) {
  if (h.latest.empty()) return {};
  std::vector<std::string> lines{"", TruncateToWidth(Tr("Latest entries"), width - 1)};
  for (const auto& e : h.latest) {
    lines.push_back(TruncateToWidth(
        "  " + PadRight(e.external_id, 26) + PadRight(e.type, 30) + e.occurred_at, width - 1));
  }
  return lines;
}

std::string AttemptLabel(const WorkerHealth& w) {
  return StateLabel(w.live ? std::string(WorkerStateName(w.row.state)) : w.ended, true);
}

// Every loader process of the run, first to last: the attempts, live or
// ended (how: done, stopped, failed, or gone without a word), with why.
std::vector<std::string> WorkerLines(const Health& h, int width) {
  if (h.workers.empty()) return {};
  std::vector<std::string> lines{"", TruncateToWidth(Tr("Attempts (loader processes)"), width - 1)};
  for (const auto& w : h.workers) {
    std::string line = "  " + PadRight(w.row.worker_id, 28) +
                       PadRight(TrFormat("started {}", FormatClockTime(At(w.row.started_at))), 17) +
                       PadRight(AttemptLabel(w), 10) +
                       TrFormat("heartbeat {} ago", FormatDuration(seconds(w.heartbeat_age)));
    if (!w.row.reason.empty()) line += " · " + WaitReasonText(w.row.reason);
    lines.push_back(TruncateToWidth(line, width - 1));
  }
  return lines;
}

std::vector<std::string> RejectLines(const Health& h, int width) {
  if (h.rejects_by_reason.empty()) return {};
  std::vector<std::string> lines{"", TruncateToWidth(Tr("Rejected rows by reason"), width - 1)};
  for (const auto& [reason, count] : h.rejects_by_reason) {
    lines.push_back(
        TruncateToWidth("  " + PadLeft(FormatCount(count), 8) + "  " + reason, width - 1));
  }
  return lines;
}

// "Links nulled by reason" and one line per reason (one so far).
std::vector<std::string> UnlinkedLines(const Health& h, int width) {
  if (h.total.counts.unlinked <= 0) return {};
  return {"", TruncateToWidth(Tr("Links nulled by reason"), width - 1),
          TruncateToWidth("  " + PadLeft(FormatCount(h.total.counts.unlinked), 8) + "  " +
                              UnlinkReasonText(UnlinkReason::kLinkedRowMissing),
                          width - 1)};
}

}  // namespace

std::vector<std::string> RenderDashboard(const Health& health, int width, int height,
                                         const Terminal& styler) {
  width = std::max(width, 20);
  std::vector<std::string> frame = HeadLines(health, width, styler);
  std::vector<std::string> years = YearLines(health, width, styler);
  frame.insert(frame.end(), years.begin(), years.end());
  // Optional sections, most useful first; each goes in whole or not at all.
  for (auto section :
       {ExposedLines(health, width), LatestLines(health, width), WorkerLines(health, width),
        RejectLines(health, width), UnlinkedLines(health, width)}) {
    if (frame.size() + section.size() > static_cast<size_t>(std::max(height, 1))) break;
    frame.insert(frame.end(), section.begin(), section.end());
  }
  if (frame.size() > static_cast<size_t>(std::max(height, 1))) frame.resize(std::max(height, 1));
  return frame;
}

std::string RenderDashboardText(const Health& health, int width, int height,
                                const Terminal& styler) {
  std::string text;
  for (const auto& line : RenderDashboard(health, width, height, styler)) text += line + '\n';
  return text;
}

std::string FormatWatchSummary(const Health& health) {
  std::string text = Tr("watch stopped.") + "\n";
  if (health.run) {
    text += TrFormat("Run #{}: {}", health.run->id, StatusText(health.total)) + "\n";
    text += TrFormat("Loaded {} of {} ({})", FormatCount(health.total.done()),
                     FormatCount(health.total.expected),
                     FormatPercent(health.total.done(), health.total.expected)) +
            "\n";
  } else {
    text += StatusText(health.total) + "\n";
  }
  for (const auto& y : health.years) {
    text += TrFormat("  {}: {} of {} · {}", y.year, FormatCount(y.done()), FormatCount(y.expected),
                     StatusText(y)) +
            "\n";
  }
  for (const auto& y : health.streams) {
    text += TrFormat("  {}: {} of {} · {}", y.stream, FormatCount(y.done()),
                     FormatCount(y.expected), StatusText(y)) +
            "\n";
  }
  return text;
}

}  // namespace gb
