#include "monitor/summary.h"

#include <algorithm>
#include <array>
#include <vector>

#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/sync_text.h"
#include "monitor/unlink_text.h"
#include "streams/registry.h"

namespace gb {
namespace {

constexpr size_t kYearColumn = 6;
constexpr size_t kNumberColumn = 11;

std::string Row(std::string_view label, const std::vector<std::string>& cells,
                size_t label_width = kYearColumn) {
  std::string line = PadRight(label, label_width);
  for (const auto& cell : cells) line += PadLeft(cell, kNumberColumn);
  return line + "\n";
}

std::vector<std::string> Cells(std::optional<int64_t> expected, const Counts& c) {
  int64_t done = c.loaded() + c.repaired + c.rejected;
  return {expected ? FormatCount(*expected) : "–",
          FormatCount(c.loaded()),
          FormatCount(c.repaired),
          FormatCount(c.rejected),
          FormatCount(c.skipped),
          expected ? FormatPercent(done, *expected) : "–"};
}

double AverageRate(const Snapshot& s) {
  double seconds = std::chrono::duration<double>(s.elapsed).count();
  int64_t done_here = s.done - s.done_before;
  return seconds > 0 && done_here > 0 ? done_here / seconds : 0;
}

}  // namespace

std::string StateLabel(std::string_view state, bool brief) {
  if (state == "done") return Tr("done");
  if (state == "done_with_rejects")
    return brief ? Tr("done with rejects") : Tr("done, with rejects");
  if (state == "complete_already") return Tr("already complete");
  if (state == "stopped") return brief ? Tr("stopped") : Tr("stopped (resumable)");
  if (state == "failed") return Tr("failed");
  if (state == "refused") return Tr("refused");
  if (state.empty() || state == "running") return Tr("running");
  if (state == "waiting") return Tr("waiting");
  if (state == "slow") return Tr("slow");
  if (state == "stopping") return Tr("stopping");
  if (state == "gone") return Tr("gone");  // a loader that stopped beating without a word
  return std::string(state);
}

std::string FormatYearTable(const Snapshot& s) {
  std::string out = Row(Tr("Year"), {Tr("Expected"), Tr("Loaded"), Tr("Repaired"), Tr("Rejected"),
                                     Tr("Skipped"), Tr("Done")});
  Counts outside;
  bool any_outside = false;
  for (const auto& [year, y] : s.years) {
    if (y.planned) {
      out += Row(std::to_string(year), Cells(y.expected, y.counts));
    } else {
      outside += y.counts;
      any_outside = true;
    }
  }
  if (any_outside) out += Row(Tr("Other"), Cells(std::nullopt, outside));
  std::vector<std::string> total = Cells(s.expected, s.totals);
  total.back() = FormatPercent(s.done, s.expected);
  out += Row(Tr("Total"), total);
  return out;
}

std::string FormatStreamTable(const Snapshot& s) {
  if (s.streams.empty()) return {};
  size_t width = Tr("Stream").size() + 1;
  for (const auto& [name, stream] : s.streams) width = std::max(width, name.size() + 1);
  std::string out =
      Row(Tr("Stream"),
          {Tr("Expected"), Tr("Loaded"), Tr("Repaired"), Tr("Rejected"), Tr("Skipped"), Tr("Done")},
          width);
  // In the registry's load order, as watch lists them; a name it does not
  // know (none today) after them.
  std::vector<std::string> order;
  for (const StreamModule* module : AccountStreams()) {
    if (s.streams.contains(std::string(module->name))) order.emplace_back(module->name);
  }
  for (const auto& [name, stream] : s.streams) {
    if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
  }
  for (const std::string& name : order) {
    const YearProgress& stream = s.streams.at(name);
    std::vector<std::string> cells = Cells(
        stream.planned ? std::optional<int64_t>(stream.expected) : std::nullopt, stream.counts);
    if (stream.planned) cells.back() = FormatPercent(stream.done(), stream.expected);
    out += Row(name, cells, width);
  }
  return out;
}

std::string FormatOverallSummary(const Snapshot& s) {
  const Counts& t = s.totals;
  std::string out = TrFormat(
      "{} in {}: {} of {} entries ({} new, {} updated, {} unchanged), {} repaired, {} rejected, "
      "{} skipped",
      StateLabel(s.state), FormatDuration(s.elapsed), FormatCount(s.done), FormatCount(s.expected),
      FormatCount(t.inserted), FormatCount(t.updated), FormatCount(t.unchanged),
      FormatCount(t.repaired), FormatCount(t.rejected), FormatCount(t.skipped));
  if (double rate = AverageRate(s); rate > 0)
    out += " · " + TrFormat("{} on average", FormatRate(rate));
  out += "\n";
  if (std::string unlinked = UnlinkedText(t.unlinked); !unlinked.empty()) {
    out += unlinked + ".\n";
  }
  out += SyncSummaryText(s);
  if (s.links_restored > 0) {
    out += TrFormat("{} entries' links given back (the rows they point at are loaded now).\n",
                    FormatCount(s.links_restored));
  }
  if (s.resumed) {
    out += TrFormat("{} of them were loaded by earlier attempts of run {}.\n",
                    FormatCount(s.done_before), s.run_id);
  }
  if (s.retries > 0) {
    out += TrFormat("{} retries:", FormatCount(s.retries));
    for (const auto& [reason, n] : s.retry_reasons)
      out += fmt::format(" {} ×{};", TrReason(reason), FormatCount(n));
    out.back() = '\n';
  }
  if (t.rejected > 0) {
    out += Tr("Rejected rows are kept with their reason: `gazelle-backfill rejects list`.\n");
  }
  if (!s.reason.empty()) out += TrReason(s.reason) + "\n";
  return out;
}

std::string FormatProfile(const Snapshot& s) {
  std::chrono::microseconds total{0};
  for (const auto& [phase, t] : s.phase_time) total += t;
  std::string out = Tr("Time per phase (summed over all streams):") + "\n";
  for (const auto& [phase, t] : s.phase_time) {
    double share = total.count() > 0 ? 100.0 * t.count() / total.count() : 0;
    out += fmt::format("  {} {} {}%\n", PadRight(phase, 10),
                       PadLeft(FormatDecimal(t.count() / 1e6, 1) + " s", 12),
                       PadLeft(FormatDecimal(share, 1), 5));
  }
  return out;
}

}  // namespace gb
