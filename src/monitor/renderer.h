// A Renderer turns the model's state into output (log lines, a status line,
// JSON). The ProgressReporter feeds it: each event is folded into the model
// first, then handed to the renderer together with the model, under one lock,
// so renderers need no locking of their own.
#pragma once

#include "core/events.h"
#include "monitor/progress_model.h"

namespace gb {

class Renderer {
 public:
  virtual ~Renderer() = default;
  // After `event` was folded into `model`.
  virtual void Render(const Event& event, const ProgressModel& model) = 0;
  // Called periodically (a few times a second) so a wait countdown or a
  // stalled rate shows even when no event arrives.
  virtual void Tick(const ProgressModel& model) { (void)model; }
  // Before the final summary is printed: leave the output on a clean line.
  virtual void Close() {}
};

// --progress quiet: nothing while running (the summary and errors still print).
class QuietRenderer final : public Renderer {
 public:
  void Render(const Event&, const ProgressModel&) override {}
};

}  // namespace gb
