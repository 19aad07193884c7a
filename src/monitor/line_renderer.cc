#include "monitor/line_renderer.h"

#include "monitor/i18n.h"
#include "monitor/log_lines.h"
#include "monitor/status_line.h"

namespace gb {

LineRenderer::LineRenderer(Terminal& terminal, const Clock& clock)
    : LineRenderer(terminal, clock, Options{}) {}

LineRenderer::LineRenderer(Terminal& terminal, const Clock& clock, Options options)
    : terminal_(terminal), clock_(clock), options_(options) {}

void LineRenderer::Render(const Event& event, const ProgressModel& model) {
  PrintAbove(event, model);
  bool force =
      std::holds_alternative<RunStarted>(event) || std::holds_alternative<RunFinished>(event);
  Draw(model, force);
}

void LineRenderer::Tick(const ProgressModel& model) { Draw(model, false); }

void LineRenderer::Close() { terminal_.ClearStatus(); }

// The few events worth a line of their own; batches and retries live in the
// status line (retries as "retry in 3s: 429 …").
void LineRenderer::PrintAbove(const Event& event, const ProgressModel& model) {
  bool wanted =
      std::holds_alternative<RunStarted>(event) || std::holds_alternative<Warning>(event) ||
      std::holds_alternative<UserLinksRestored>(event) ||
      std::holds_alternative<PageSizeFound>(event) || std::holds_alternative<BatchSplit>(event) ||
      std::holds_alternative<DestinationPrepared>(event) ||
      std::holds_alternative<SyncCompared>(event) || std::holds_alternative<MissingMarked>(event);
  if (const auto* token = std::get_if<TokenRefreshed>(&event)) wanted = !token->ok;
  if (std::holds_alternative<RowRejected>(event)) {
    ++reject_lines_;
    wanted = reject_lines_ <= options_.max_reject_lines;
    if (reject_lines_ == options_.max_reject_lines + 1) {
      terminal_.PrintLine(Tr("More rejected rows: see `gazelle-backfill rejects list`."));
    }
  }
  if (!wanted) return;
  for (const auto& line : FormatLogLines(event, model.snapshot())) terminal_.PrintLine(line);
}

void LineRenderer::Draw(const ProgressModel& model, bool force) {
  auto now = clock_.Steady();
  auto interval = terminal_.smart() ? options_.interval : options_.plain_interval;
  if (!force && last_draw_ && now - *last_draw_ < interval) return;
  Snapshot s = model.snapshot();
  if (!s.started) return;
  last_draw_ = now;
  terminal_.SetStatus(FormatStatusLine(s, terminal_.Width()));
}

}  // namespace gb
