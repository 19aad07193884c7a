// RunBackfill as a story of steps: prepare the destination, decide which run
// this is (new, resumed, refused, already complete, restarted), then load
// with concurrent streams and a heartbeat, then finish with totals.
#include "engine/backfill.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/entry_types.h"
#include "core/exit_status.h"
#include "engine/backfill_run.h"
#include "engine/closing_check.h"
#include "engine/heartbeat.h"
#include "engine/planner.h"
#include "engine/retrying_session.h"
#include "engine/stream_recount.h"
#include "engine/stream_worker.h"
#include "streams/registry.h"

namespace gb {

RunOutcome BackfillRun::Outcome(ExitCode code, std::string state, std::string message) {
  RunOutcome outcome{code, std::move(state), std::move(message), {}};
  if (run_.id != 0) {
    session_.Run([&](Session& s) -> Status {
      auto counts = s.RunCounts(run_.id);
      if (counts) outcome.totals = std::move(*counts);
      return {};
    });
  }
  RunFinished finished;
  finished.run_id = run_.id;
  finished.exit_code = ToInt(code);
  finished.state = outcome.state;
  finished.reason = outcome.message;
  finished.totals = outcome.totals;
  finished.elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - started_);
  finished.expected = source_totals_;
  observer_.On(finished);
  return outcome;
}

// The timeline's links declared when its table is created: to the streams
// this run loads beside it; every link when it loads other streams only (the
// table starts empty, its entries come with the account). A timeline loaded
// alone keeps its links as the API gives them.
LinkSet BackfillRun::EntryLinks() const {
  LinkSet links = 0;
  for (size_t i = 0; i < kEntryLinks.size(); ++i) {
    const bool loaded = std::find(options_.streams.begin(), options_.streams.end(),
                                  kEntryLinks[i].stream) != options_.streams.end();
    if (loaded || !options_.timeline) links |= LinkBit(i);
  }
  return links;
}

// Connects, creates what is missing, then loads the users before any entry
// (every run: an entry may point at a user added since), and gives back the
// links of entries whose user was unknown and now exists. Users that cannot
// be read stop the run before any entry is written: loading without them
// would null every link.
std::optional<RunOutcome> BackfillRun::Prepare() {
  SchemaReport schema;
  Status status = session_.Run([&](Session& s) -> Status {
    auto report =
        s.EnsureSchema({options_.legacy_types, options_.close_exposed_tables, EntryLinks()});
    if (!report) return tl::unexpected(report.error());
    schema = *report;
    return {};
  });
  if (!status) {
    return Outcome(ExitCodeForRunError(status.error().kind, RunStep::kDestination), "failed",
                   destination_.Describe() + ": " + status.error().message);
  }
  if (!schema.users_columns_added.empty()) {
    observer_.On(Warning{fmt::format(
        "the users table had no {} column(s): added them (nullable; the columns it had are kept)",
        fmt::join(schema.users_columns_added, ", "))});
  }
  if (!schema.moved_tables.empty() || !schema.exposed.empty()) {
    observer_.On(
        DestinationPrepared{schema.bookkeeping_schema, schema.moved_tables, schema.exposed});
  }
  if (options_.batch_size_chosen) ChooseBatchSize();
  return LoadUsers();
}

// A database far away pays a few round trips per batch: bigger batches then
// (unless --batch-size said how big).
void BackfillRun::ChooseBatchSize() {
  std::chrono::microseconds round_trip{0};
  session_.Run([&](Session& s) -> Status {
    round_trip = s.RoundTrip();
    return {};
  });
  options_.batch_size = BatchSizeFor(round_trip);
  if (options_.batch_size != kDefaultBatchSize) {
    far_round_trip_ = std::chrono::duration_cast<std::chrono::milliseconds>(round_trip);
  }
}

std::optional<RunOutcome> BackfillRun::LoadUsers() {
  auto users = source_.FetchUsers();
  if (!users) {
    return Outcome(ExitCodeForRunError(users.error().kind, RunStep::kSource), "failed",
                   "could not read the users from " + source_.Describe() + ": " +
                       users.error().message + "; no entry was written");
  }
  LinkCounts links;
  Status status = session_.Run([&](Session& s) -> Status {
    if (Status stored = s.UpsertUsers(*users); !stored) return stored;
    auto restored = s.RestoreEntryLinks();
    if (!restored) return tl::unexpected(restored.error());
    links = *restored;
    return {};
  });
  if (!status) {
    return Outcome(ExitCodeForRunError(status.error().kind, RunStep::kDestination), "failed",
                   "could not store the users: " + status.error().message);
  }
  if (links.restored > 0 || links.unlinked > 0) {
    observer_.On(UserLinksRestored{links.restored, links.unlinked});
  }
  return std::nullopt;
}

// --streams not given, and the unfinished run differs: when its streams are
// all that differ (an earlier version's run, of the timeline alone), this
// command resumes it with them rather than being refused.
void BackfillRun::AdoptUnfinishedStreams(const RunRecord& latest) {
  if (options_.streams_chosen) return;
  RunOptions theirs = options_;
  if (!StreamsOf(latest, theirs)) return;
  if (Planner(theirs, zone_).Fingerprint(source_.Describe()) != latest.fingerprint) return;
  options_.timeline = theirs.timeline;
  options_.streams = theirs.streams;
}

std::optional<RunOutcome> BackfillRun::ResolveRun() {
  Planner planner(options_, zone_);
  const std::string fingerprint = planner.Fingerprint(source_.Describe());
  std::optional<RunRecord> latest;
  Status status = session_.Run([&](Session& s) -> Status {
    auto found = s.LatestRun();
    if (!found) return tl::unexpected(found.error());
    latest = std::move(*found);
    return {};
  });
  if (!status)
    return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "failed", status.error().message);
  if (options_.sync) return ResolveSync(latest, planner);
  if (!latest) return CreateRun(planner);
  const bool finished = IsFinished(latest->state);
  if (latest->fingerprint != fingerprint && !finished) AdoptUnfinishedStreams(*latest);
  const bool same = latest->fingerprint == planner.Fingerprint(source_.Describe());
  if (same && options_.restart) {
    run_ = *latest;
    units_ = run_.units;
    status = session_.Run([&](Session& s) { return s.ResetRun(run_.id); });
    if (!status)
      return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "failed", status.error().message);
    return std::nullopt;
  }
  if (same && finished) {
    run_ = *latest;
    return ReopenIfDiffers(planner);
  }
  if (same) {
    run_ = *latest;
    return Reopen();
  }
  if (!finished && !options_.restart) {
    return Outcome(ExitCodeForRunEnd(RunEnd::kConflict), "refused",
                   "an unfinished run (" + std::to_string(latest->id) +
                       ") has other parameters: " + latest->params_json +
                       "; this command asks for: " + planner.ParamsJson(source_.Describe()) +
                       ". Rerun the first command to finish it, or use --restart to start over "
                       "with the new parameters");
  }
  if (!finished) {
    session_.Run([&](Session& s) {
      return s.FinishRun(latest->id, RunState::kStopped,
                         "replaced by a --restart with other parameters");
    });
  }
  return CreateRun(planner);
}

// A stopped or failed run resumed: running again from now on (why it stopped
// stays in its workers' rows, the attempts' history that `watch` shows).
std::optional<RunOutcome> BackfillRun::Reopen() {
  units_ = run_.units;
  resumed_ = true;
  Status status = session_.Run([&](Session& s) { return s.ReopenRun(run_.id); });
  if (!status)
    return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "failed", status.error().message);
  return std::nullopt;
}

// A finished run is complete while its counts equal the source's now (one
// aliased request); otherwise it is resumed, and its closing check loads the
// difference (the advice `verify` gives when they differ).
std::optional<RunOutcome> BackfillRun::ReopenIfDiffers(const Planner& planner) {
  std::string differing;
  if (options_.timeline) {
    ClosingCheck check(planner, options_.years, source_, session_, run_.id);
    auto compared = check.Compare();
    if (!compared) {
      return Outcome(ExitCodeForRunError(compared.error().kind, RunStep::kSource), "failed",
                     "could not compare the finished run " + std::to_string(run_.id) + " with " +
                         source_.Describe() + ": " + compared.error().message);
    }
    if (!compared->Equal()) differing = compared->DifferingYears();
  }
  if (!options_.streams.empty() && objects_ != nullptr) {
    StreamRecount recount(options_.streams, *objects_, options_.StreamSpan(), session_, run_.id);
    auto streams = recount.Compare();
    Result<int> added = streams ? recount.AddRecounts(*streams) : tl::unexpected(streams.error());
    if (!added) {
      return Outcome(ExitCodeForRunError(added.error().kind, RunStep::kSource), "failed",
                     "could not compare the finished run " + std::to_string(run_.id) +
                         "'s streams with " + source_.Describe() + ": " + added.error().message);
    }
    if (!streams->empty()) {
      differing += (differing.empty() ? "" : ", ") + StreamRecount::Describe(*streams);
    }
  }
  if (differing.empty()) {
    return Outcome(ExitCodeForRunEnd(RunEnd::kCompleteAlready), "complete_already",
                   "this range is already complete (run " + std::to_string(run_.id) + ", " +
                       std::string(RunStateName(run_.state)) + "); use --restart to load it again");
  }
  observer_.On(Warning{"the source now differs from finished run " + std::to_string(run_.id) +
                       " for " + differing + "; loading the difference"});
  return Reopen();
}

std::optional<RunOutcome> BackfillRun::CreateRun(const Planner& planner) {
  auto plan = options_.sync       ? PlanSync()
              : options_.timeline ? planner.Make(source_)
                                  : Result<Plan>(Plan{});
  if (plan && !options_.sync) {
    if (Status streams = PlanStreams(*plan); !streams) plan = tl::unexpected(streams.error());
  }
  if (!plan) {
    return Outcome(
        ExitCodeForRunError(plan.error().kind, RunStep::kSource), "failed",
        "could not plan the run from " + source_.Describe() + ": " + plan.error().message);
  }
  if (!plan->cuts_refused.empty()) {
    observer_.On(
        Warning{"time cuts not used: " + plan->cuts_refused + "; every type is swept whole"});
  }
  if (plan->unknown_type_rows != 0) {
    observer_.On(Warning{
        fmt::format("{} entries have a type outside the {} known ones; an extra stream loads them",
                    plan->unknown_type_rows, kEntryTypes.size())});
  }
  NewRun run{planner.Fingerprint(source_.Describe()), planner.ParamsJson(source_.Describe()),
             plan->expected, plan->units};
  units_ = static_cast<int>(plan->units.size());
  Status status = session_.Run([&](Session& s) -> Status {
    auto created = s.CreateRun(run);
    if (!created) return tl::unexpected(created.error());
    run_ = *created;
    return {};
  });
  if (!status)
    return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "failed", status.error().message);
  return std::nullopt;
}

Status BackfillRun::PlanStreams(Plan& plan) {
  if (options_.streams.empty()) return {};
  if (objects_ == nullptr) {
    return Fail(ErrorKind::kConfig, "only the timeline can be loaded from " + source_.Describe() +
                                        "; the other streams come from the Gazelle API");
  }
  std::vector<const StreamModule*> streams;
  for (const std::string& name : options_.streams) {
    const StreamModule* stream = FindStream(name);
    if (stream == nullptr) return Fail(ErrorKind::kConfig, "no stream named " + name);
    streams.push_back(stream);
  }
  auto counts = objects_->CountObjects(streams, options_.StreamSpan());
  if (!counts) return tl::unexpected(counts.error());
  // Before the timeline's units (claimed in plan order): each stream is one
  // sweep, page after page, and the longest units go first so that none is
  // left running alone at the end while the timeline's many units have long
  // filled the other workers.
  std::vector<UnitSpec> units;
  for (size_t i = 0; i < streams.size(); ++i) {
    UnitSpec unit;
    unit.name = std::string(streams[i]->name);
    unit.stream = unit.name;
    unit.expected = (*counts)[i];
    units.push_back(std::move(unit));
  }
  plan.units.insert(plan.units.begin(), units.begin(), units.end());
  return {};
}

// Links stored NULL while their row was not loaded yet (the streams load
// side by side) are given back once every unit is done; those whose row the
// source does not have stay NULL, the node keeping them. The timeline's too
// (core/row_links.h), once its referenced streams are loaded.
void BackfillRun::RestoreStreamLinks() {
  if (!options_.streams.empty()) {
    LinkCounts links;
    Status status = session_.Run([&](Session& s) -> Status {
      auto restored = s.RestoreEntryLinks();
      if (!restored) return tl::unexpected(restored.error());
      links = *restored;
      return {};
    });
    if (status && links.restored > 0) {
      observer_.On(UserLinksRestored{links.restored, links.unlinked});
    }
  }
  // Every stream's: one loaded before what it points at (events before
  // their pianos) gets its links when a later run loads that.
  for (const StreamModule* stream : AllStreams()) {
    const std::string name(stream->name);
    const bool loaded =
        std::find(options_.streams.begin(), options_.streams.end(), name) != options_.streams.end();
    LinkCounts links;
    Status status = session_.Run([&](Session& s) -> Status {
      auto restored = s.RestoreStreamLinks(*stream);
      if (!restored) return tl::unexpected(restored.error());
      links = *restored;
      return {};
    });
    if (status && loaded && links.unlinked > 0) {
      observer_.On(Warning{fmt::format(
          "{} {} link to rows the source does not have: those links are NULL in {} (each node "
          "keeps them)",
          links.unlinked, name, stream->table)});
    }
  }
}

// PostgreSQL takes concurrent writers; SQLite has one writer, so fewer
// streams (their fetching still overlaps, their batches are serialised).
int BackfillRun::Concurrency() const {
  if (options_.concurrency > 0) return options_.concurrency;
  const int units = units_ > 0 ? units_ : Planner::TypeUnitCount();
  return std::max(1, std::min(destination_.ConcurrentWriters() ? 8 : 4, units));
}

RunOutcome BackfillRun::Load() {
  const int concurrency = Concurrency();
  CountTable done_before;
  if (resumed_) {
    session_.Run([&](Session& s) -> Status {
      auto counts = s.RunCounts(run_.id);
      if (counts) done_before = std::move(*counts);
      return {};
    });
  }
  RunStarted started;
  started.run_id = run_.id;
  started.worker_id = options_.worker_id;
  started.years = options_.years;
  if (options_.sync) {  // the years its units sweep, not every year it compared
    started.years.clear();
    for (const auto& [year, n] : run_.expected) started.years.push_back(year);
  }
  started.expected = run_.expected;
  if (!options_.streams.empty()) {
    session_.Run([&](Session& s) -> Status {
      auto units = s.RunUnits(run_.id);
      if (!units) return tl::unexpected(units.error());
      for (const UnitState& u : *units) {
        if (!u.spec.stream.empty()) started.streams_expected[u.spec.stream] = u.spec.expected;
      }
      return {};
    });
  }
  started.concurrency = concurrency;
  started.units = units_;
  started.batch_size = options_.batch_size;
  started.far_round_trip = far_round_trip_;
  started.destination = destination_.Describe();
  started.resumed = resumed_;
  started.done_before = std::move(done_before);
  observer_.On(std::move(started));
  std::set<int> years(options_.years.begin(), options_.years.end());
  const Transformer transformer(
      {zone_, std::move(years), options_.legacy_types, options_.truncate});
  // The fetcher runs one batch ahead of its writer: enough to keep both busy
  // (the next batch fills while one commits); a deeper queue only held more
  // rows in memory (measured: +11 MB of peak RSS for no gain in speed).
  const int pages_per_batch = std::max(1, options_.batch_size / std::max(1, options_.page_size));
  StreamShared shared{.options = options_,
                      .run_id = run_.id,
                      .worker_id = FormatWorkerId(options_.worker_id),
                      .source = source_,
                      .objects = objects_,
                      .destination = destination_,
                      .observer = observer_,
                      .clock = clock_,
                      .transformer = transformer,
                      .serialize = serialize_,
                      .stop = stop_,
                      .queue_pages = static_cast<size_t>(
                          options_.queue_pages > 0 ? options_.queue_pages : pages_per_batch),
                      .pages = PageSizer(options_.page_size)};
  WorkerBeat beat{run_.id, options_.worker_id, WorkerState::kRunning, {}, options_.lease};
  Heartbeat heartbeat(destination_, observer_, clock_, serialize_, beat, options_.heartbeat);
  heartbeat.Start();
  const std::optional<YearsCompared> differs = CloseOut(shared, concurrency);
  if (auto error = shared.error()) {
    const std::string message = "stopped: " + error->message +
                                ". Progress up to the last committed batch is saved; fix the "
                                "cause and " +
                                kResumeHint;
    session_.Run([&](Session& s) { return s.FinishRun(run_.id, RunState::kFailed, message); });
    heartbeat.Stop(WorkerState::kFailed, Because(WaitKind::kFailed, error->message));
    return Outcome(ExitCodeForRunError(error->kind, RunStep::kLoading), "failed", message);
  }
  if (stop_) {
    const std::string message = std::string("stopped on request; ") + kResumeHint;
    session_.Run([&](Session& s) { return s.FinishRun(run_.id, RunState::kStopped, message); });
    heartbeat.Stop(WorkerState::kStopped, Because(WaitKind::kStoppedOnRequest));
    return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "stopped", message);
  }
  if (differs) {
    const std::string message = "the source changed during the final check (" +
                                differs->DifferingYears() + " differ); " + kResumeHint;
    session_.Run([&](Session& s) { return s.FinishRun(run_.id, RunState::kStopped, message); });
    heartbeat.Stop(WorkerState::kStopped,
                   Because(WaitKind::kSourceChanged, differs->DifferingYears()));
    return Outcome(ExitCodeForRunEnd(RunEnd::kStopped), "stopped", message);
  }
  RestoreStreamLinks();
  if (Status marked = options_.sync ? MarkMissing() : Status{}; !marked) {
    const std::string message =
        "could not mark the rows gone from the source: " + marked.error().message + "; " +
        kResumeHint;
    session_.Run([&](Session& s) { return s.FinishRun(run_.id, RunState::kFailed, message); });
    heartbeat.Stop(WorkerState::kFailed, Because(WaitKind::kFailed, marked.error().message));
    return Outcome(ExitCodeForRunError(marked.error().kind, RunStep::kSource), "failed", message);
  }
  heartbeat.Stop(WorkerState::kDone);
  return Finish();
}

void BackfillRun::RunStreams(StreamShared& shared, int concurrency) {
  shared.active = concurrency;
  std::vector<std::thread> streams;
  for (int i = 0; i < concurrency; ++i) {
    streams.emplace_back([&shared] { StreamWorker(shared).Run(); });
  }
  for (std::thread& t : streams) t.join();
}

// The streams load every unit; then the closing check compares the run with
// the source and adds what settles a difference, a few rounds at most. What
// still differs after them (entries arriving all the time) is returned.
std::optional<YearsCompared> BackfillRun::CloseOut(StreamShared& shared, int concurrency) {
  const Planner planner(options_, zone_);
  ClosingCheck check(planner, options_.years, source_, session_, run_.id);
  std::optional<StreamRecount> recount;
  if (!options_.streams.empty() && objects_ != nullptr) {
    recount.emplace(options_.streams, *objects_, options_.StreamSpan(), session_, run_.id);
  }
  for (int round = 0;; ++round) {
    RunStreams(shared, concurrency);
    if (shared.Halted()) return std::nullopt;
    const int recounts = recount ? RecountStreams(*recount, shared, round) : 0;
    if (shared.Halted()) return std::nullopt;
    if (!options_.timeline || options_.sync) {  // a sync's months: MarkMissing
      if (recounts > 0) continue;
      return std::nullopt;
    }
    auto compared = check.Compare();
    if (!compared) {
      shared.Fail(compared.error());
      return std::nullopt;
    }
    source_totals_ = compared->source;
    if (compared->Equal()) {
      session_.Run([&](Session& s) { return s.UpdatePlan(run_.id, compared->source); });
      if (recounts > 0) continue;
      return std::nullopt;
    }
    if (round == kClosingRounds) return *compared;
    auto remedy = check.AddRemedy(*compared);
    if (!remedy) {
      shared.Fail(remedy.error());
      return std::nullopt;
    }
    if (remedy->units == 0 && recounts == 0) return *compared;
    if (remedy->units > 0) observer_.On(Warning{remedy->message});
  }
}

// The other streams compared with the source after a round: a recount unit
// for each that differs (once per stream); the number added. What still
// differs once every stream was recounted is said, and left to the next run.
int BackfillRun::RecountStreams(StreamRecount& recount, StreamShared& shared, int round) {
  auto differing = recount.Compare();
  if (!differing) {
    shared.Fail(differing.error());
    return 0;
  }
  if (differing->empty()) return 0;
  auto added = round < kClosingRounds ? recount.AddRecounts(*differing) : Result<int>(0);
  if (!added) {
    shared.Fail(added.error());
    return 0;
  }
  observer_.On(Warning{
      *added > 0
          ? "the source changed while these streams were loaded: " +
                StreamRecount::Describe(*differing) + "; each is swept again and counted once"
          : "these streams still differ from the source (objects created or deleted during the "
            "load): " +
                StreamRecount::Describe(*differing) +
                "; running the same command again loads "
                "the difference"});
  return *added;
}

RunOutcome BackfillRun::Finish() {
  CountTable totals;
  Status status = session_.Run([&](Session& s) -> Status {
    auto counts = s.RunCounts(run_.id);
    if (!counts) return tl::unexpected(counts.error());
    totals = std::move(*counts);
    return {};
  });
  Counts sum;
  for (const auto& [key, counts] : totals) sum += counts;
  const RunState state = sum.rejected > 0 ? RunState::kDoneWithRejects : RunState::kDone;
  const std::string message =
      sum.rejected > 0 ? std::to_string(sum.rejected) +
                             " rows are in the rejects table (see `gazelle-backfill rejects`)"
                       : "";
  if (status)
    status = session_.Run([&](Session& s) { return s.FinishRun(run_.id, state, message); });
  if (!status) {
    return Outcome(
        ExitCodeForRunEnd(RunEnd::kStopped), "failed",
        "could not record the end of the run: " + status.error().message + "; " + kResumeHint);
  }
  return Outcome(sum.rejected > 0 ? ExitCode::kDoneWithRejects : ExitCode::kOk,
                 std::string(RunStateName(state)), message);
}

RunOutcome RunBackfill(const RunOptions& options, TimelineSource& source, Destination& destination,
                       Observer& observer, Clock& clock, const std::atomic<bool>& stop,
                       ObjectSource* objects, SyncStores* sync) {
  if (auto* activity = dynamic_cast<ActivityObserver*>(&observer)) {
    return BackfillRun(options, source, objects, destination, *activity, clock, stop, sync).Run();
  }
  ActivityObserver activity(observer);
  return BackfillRun(options, source, objects, destination, activity, clock, stop, sync).Run();
}

}  // namespace gb
