#include "cli/stop_signal.h"

#include <signal.h>
#include <unistd.h>

#include <string>

#include "core/exit_status.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};
// Translated before the handler is installed: a handler may only call
// async-signal-safe functions (write, _exit), not allocate.
std::string g_message;
// A second signal ends the process at once, as a stopped run.
const int g_stopped_code = ToInt(ExitCodeForRunEnd(RunEnd::kStopped));

void OnSignal(int) {
  if (g_signals.fetch_add(1) >= 1) _exit(g_stopped_code);
  g_stop.store(true);
  ssize_t ignored = write(STDERR_FILENO, g_message.data(), g_message.size());
  (void)ignored;
}

}  // namespace

const std::atomic<bool>& InstallStopHandlers() {
  g_message = "\n" +
              Tr("Stopping: finishing the batches in flight so the run can resume (Ctrl+C again "
                 "to quit at once)…") +
              "\n";
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

}  // namespace gb::cli
