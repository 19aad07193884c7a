// --progress log (and auto when stdout is not a terminal): whole lines, one or
// more per event (see log_lines.h), never an escape code.
#pragma once

#include "monitor/renderer.h"
#include "monitor/terminal.h"

namespace gb {

class LogRenderer final : public Renderer {
 public:
  explicit LogRenderer(Terminal& terminal);
  void Render(const Event& event, const ProgressModel& model) override;

 private:
  Terminal& terminal_;
};

}  // namespace gb
