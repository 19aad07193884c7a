// --progress line (and auto on a terminal): one status line (status_line.h)
// redrawn in place at most every `interval` (100 ms: 10×/s), with the plan,
// warnings, token failures and the first rejects as whole lines above it.
// On a terminal that is not smart the status is printed as whole lines, at
// most every `plain_interval`, so a log file stays readable.
#pragma once

#include <chrono>
#include <optional>

#include "core/clock.h"
#include "monitor/renderer.h"
#include "monitor/terminal.h"

namespace gb {

class LineRenderer final : public Renderer {
 public:
  struct Options {
    std::chrono::milliseconds interval{100};
    std::chrono::milliseconds plain_interval{5000};
    int max_reject_lines = 20;  // then one line pointing at `rejects list`
  };

  LineRenderer(Terminal& terminal, const Clock& clock);
  LineRenderer(Terminal& terminal, const Clock& clock, Options options);

  void Render(const Event& event, const ProgressModel& model) override;
  void Tick(const ProgressModel& model) override;
  void Close() override;

 private:
  void PrintAbove(const Event& event, const ProgressModel& model);
  void Draw(const ProgressModel& model, bool force);

  Terminal& terminal_;
  const Clock& clock_;
  Options options_;
  std::optional<std::chrono::steady_clock::time_point> last_draw_;
  int reject_lines_ = 0;
};

}  // namespace gb
