#include "monitor/progress_reporter.h"

namespace gb {

ProgressReporter::ProgressReporter(ProgressModel& model, Renderer& renderer)
    : model_(model), renderer_(renderer) {}

void ProgressReporter::On(const Event& event) {
  std::lock_guard lock(mu_);
  model_.On(event);
  renderer_.Render(event, model_);
}

void ProgressReporter::Tick() {
  std::lock_guard lock(mu_);
  renderer_.Tick(model_);
}

void ProgressReporter::Close() {
  std::lock_guard lock(mu_);
  renderer_.Close();
}

}  // namespace gb
