// The run RunBackfill drives (engine/backfill.h), its steps as members:
// prepare the destination, decide which run this is, load with concurrent
// streams and a heartbeat, close out, finish. Internal to the engine: its
// backfill steps are in backfill.cc, a sync's in backfill_sync.cc.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/iso_time.h"
#include "engine/activity_observer.h"
#include "engine/backfill.h"
#include "engine/closing_check.h"
#include "engine/heartbeat.h"
#include "engine/planner.h"
#include "engine/retrying_session.h"
#include "engine/stream_recount.h"
#include "engine/stream_worker.h"
#include "engine/sync_planner.h"

namespace gb {

inline constexpr const char* kResumeHint = "rerun the same command to resume";
// Remedies the closing check may try in one attempt (engine/closing_check.h).
inline constexpr int kClosingRounds = 4;

class BackfillRun {
 public:
  BackfillRun(const RunOptions& options, TimelineSource& source, ObjectSource* objects,
              Destination& destination, ActivityObserver& observer, Clock& clock,
              const std::atomic<bool>& stop, SyncStores* sync)
      : options_(options),
        source_(source),
        objects_(objects),
        destination_(destination),
        observer_(observer),
        clock_(clock),
        stop_(stop),
        sync_(sync),
        serialize_(destination.ConcurrentWriters() ? nullptr : &write_lock_),
        session_(destination, observer, clock, serialize_, stop) {
    if (options_.worker_id.empty()) options_.worker_id = ThisWorker();
  }

  RunOutcome Run() {
    started_ = clock_.Steady();
    auto zone = YearZone::Make(options_.tz);
    if (!zone) return Outcome(ExitCodeForRunEnd(RunEnd::kRefused), "refused", zone.error().message);
    if (options_.years.empty() && !options_.sync)
      return Outcome(ExitCodeForRunEnd(RunEnd::kRefused), "refused", "no years to load");
    zone_ = *zone;
    if (auto early = Prepare()) return *early;
    if (auto early = options_.sync ? CompareForSync() : std::nullopt) return *early;
    if (auto early = ResolveRun()) return *early;
    return Load();
  }

 private:
  std::optional<RunOutcome> Prepare();
  LinkSet EntryLinks() const;
  std::optional<RunOutcome> LoadUsers();
  void ChooseBatchSize();
  std::optional<RunOutcome> ResolveRun();
  // sync (engine/sync_planner.h): the destination compared with the source,
  // the run it resumes or creates, and the rows gone marked at its end.
  std::optional<RunOutcome> CompareForSync();
  std::optional<RunOutcome> ResolveSync(const std::optional<RunRecord>& latest,
                                        const Planner& planner);
  Result<Plan> PlanSync();
  Status MarkMissing();
  std::optional<RunOutcome> CreateRun(const Planner& planner);
  // The units of the other streams asked (one sweep each), with their counts.
  Status PlanStreams(Plan& plan);
  void RestoreStreamLinks();
  std::optional<RunOutcome> Reopen();
  void AdoptUnfinishedStreams(const RunRecord& latest);
  std::optional<RunOutcome> ReopenIfDiffers(const Planner& planner);
  RunOutcome Load();
  void RunStreams(StreamShared& shared, int concurrency);
  std::optional<YearsCompared> CloseOut(StreamShared& shared, int concurrency);
  int RecountStreams(StreamRecount& recount, StreamShared& shared, int round);
  RunOutcome Finish();
  RunOutcome Outcome(ExitCode code, std::string state, std::string message);
  int Concurrency() const;

  RunOptions options_;
  TimelineSource& source_;
  ObjectSource* objects_;
  Destination& destination_;
  ActivityObserver& observer_;
  Clock& clock_;
  const std::atomic<bool>& stop_;
  SyncStores* sync_;
  std::unique_ptr<SyncPlanner> sync_planner_;
  std::optional<SyncPlan> sync_plan_;
  std::mutex write_lock_;
  std::mutex* serialize_;
  RetryingSession session_;
  YearZone zone_;
  RunRecord run_;
  bool resumed_ = false;
  int units_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::map<int, int64_t> source_totals_;         // per year, as the closing check last found them
  std::chrono::milliseconds far_round_trip_{0};  // when it made the batches bigger
};

}  // namespace gb
