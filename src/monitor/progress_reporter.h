// The Observer the engine is given: folds each event into the model, then lets
// the renderer draw, one event at a time (streams emit concurrently).
#pragma once

#include <mutex>

#include "core/events.h"
#include "monitor/progress_model.h"
#include "monitor/renderer.h"

namespace gb {

class ProgressReporter final : public Observer {
 public:
  ProgressReporter(ProgressModel& model, Renderer& renderer);

  void On(const Event& event) override;
  void Tick();
  void Close();

 private:
  std::mutex mu_;
  ProgressModel& model_;
  Renderer& renderer_;
};

}  // namespace gb
