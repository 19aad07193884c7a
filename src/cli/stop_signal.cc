#include "cli/stop_signal.h"

#include <signal.h>
#include <unistd.h>

#include <string>

#include "core/exit_code.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};
// Translated before the handler is installed: a handler may only call
// async-signal-safe functions (write, _exit), not allocate.
std::string g_message;

void OnSignal(int) {
  if (g_signals.fetch_add(1) >= 1) _exit(ToInt(ExitCode::kStopped));
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
