#include "cli/load_runner.h"

#include <iostream>
#include <thread>

#include "core/clock.h"
#include "core/redact.h"
#include "engine/backfill.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/profile_report.h"
#include "monitor/progress_reporter.h"
#include "monitor/summary.h"
#include "sink/database.h"
#include "sink/destination.h"

namespace gb::cli {
namespace {

// Redraws the status line while nothing happens (a long 429 wait counts down).
class Ticker {
 public:
  explicit Ticker(ProgressReporter& reporter)
      : thread_([&reporter](std::stop_token stop) {
          while (!stop.stop_requested()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            reporter.Tick();
          }
        }) {}

 private:
  std::jthread thread_;
};

void PrintSummary(const RunConfig& config, const Snapshot& s) {
  if (config.progress == ProgressMode::kJson) return;  // the run_finished event carries it
  if (!s.started) {  // refused or failed before the plan: the engine's message says it all
    if (s.reason.empty()) return;
    if (s.exit_code == ToInt(ExitCode::kOk)) {
      std::cout << RedactSecrets(s.reason) << std::endl;
    } else {
      PrintError(s.reason);
    }
    return;
  }
  std::cout << '\n' << FormatYearTable(s) << '\n';
  if (std::string streams = FormatStreamTable(s); !streams.empty()) std::cout << streams << '\n';
  std::cout << RedactSecrets(FormatOverallSummary(s));
  if (config.options.profile && !s.phase_time.empty()) std::cout << '\n' << FormatTimeProfile(s);
  std::cout.flush();
}

// Makes sure the model knows how the run ended, even when the engine stopped
// before emitting RunFinished (refused, failed while planning).
void FoldOutcome(ProgressModel& model, const RunOutcome& outcome) {
  if (model.snapshot().finished) return;
  RunFinished end;
  end.exit_code = ToInt(outcome.exit_code);
  end.state = outcome.state;
  end.reason = outcome.message;
  end.totals = outcome.totals;
  model.On(end);
}

}  // namespace

void PrintError(const std::string& message) {
  std::cerr << TrFormat("error: {}", RedactSecrets(TrReason(message))) << std::endl;
}

int RunLoad(const RunConfig& config, const SourceConfig& source_config,
            const std::atomic<bool>& stop, const ModelHook& model_hook) {
  Clock& clock = SystemClock::Instance();
  auto terminal = Terminal::ForStdout();
  ProgressModel model(clock, {.batch_size = config.options.batch_size});
  // Tells the hook on every return path, before `model` is destroyed.
  struct HookGuard {
    const ModelHook& hook;
    ~HookGuard() {
      if (hook) hook(nullptr);
    }
  } guard{model_hook};
  if (model_hook) model_hook(&model);
  auto renderer = MakeRenderer(config.progress, *terminal, std::cout, clock);
  ProgressReporter reporter(model, *renderer);

  auto source = OpenedSource::Open(source_config, clock, reporter);
  if (!source) {
    PrintError(source.error().message);
    return ToInt(ExitCodeForSource(source.error().kind));
  }
  std::unique_ptr<Destination> destination = config.database->OpenDestination();
  std::unique_ptr<VerifyReader> reader;
  std::unique_ptr<SyncStore> store;
  std::optional<SyncStores> sync;
  if (config.options.sync) {
    reader = config.database->OpenVerifyReader();
    store = config.database->OpenSyncStore();
    sync.emplace(SyncStores{*reader, *store});
  }
  RunOutcome outcome;
  {
    Ticker ticker(reporter);
    outcome = RunBackfill(config.options, source->source(), *destination, reporter, clock, stop,
                          source->objects(), sync ? &*sync : nullptr);
  }
  reporter.Close();
  FoldOutcome(model, outcome);
  Snapshot s = model.snapshot();
  if (s.reason.empty()) s.reason = outcome.message;
  PrintSummary(config, s);
  if (config.options.sync && config.progress != ProgressMode::kJson && s.started) {
    std::cout << TrFormat("{} API requests.", FormatCount(source->source().RequestsSent()))
              << std::endl;
  }
  return ToInt(outcome.exit_code);
}

}  // namespace gb::cli
