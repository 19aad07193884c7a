// BackfillRun's steps of a sync (engine/sync_planner.h): the destination
// compared with the source before the run is chosen, the sync run resumed or
// created, its units planned, and the rows gone from the source marked once
// its sweeps are done (engine/missing_marker.h).
#include <nlohmann/json.hpp>

#include "core/exit_status.h"
#include "engine/backfill_run.h"
#include "engine/missing_marker.h"
#include "streams/registry.h"

namespace gb {

// Before the run is chosen: the counts (SyncPlanner::Compare) give the
// years the transform keeps and the streams a new sync sweeps.
std::optional<RunOutcome> BackfillRun::CompareForSync() {
  if (sync_ == nullptr) {
    return Outcome(ExitCodeForRunEnd(RunEnd::kRefused), "refused",
                   "sync needs the destination's readers");
  }
  sync_planner_ = std::make_unique<SyncPlanner>(options_, zone_, source_, objects_, sync_->reader,
                                                sync_->store, clock_);
  auto plan = sync_planner_->Compare();
  if (!plan) {
    return Outcome(ExitCodeForRunError(plan.error().kind, RunStep::kSource), "failed",
                   "could not compare " + destination_.Describe() + " with " + source_.Describe() +
                       ": " + plan.error().message);
  }
  options_.years = plan->years;
  options_.streams = plan->Swept();
  options_.sync->synced.clear();
  if (plan->timeline) options_.sync->synced.emplace_back("timeline");
  for (const StreamCount& c : plan->streams) options_.sync->synced.push_back(c.name);
  SyncCompared compared;
  compared.months = static_cast<int>(plan->months.size());
  compared.months_differing = plan->MonthsDiffering();
  compared.top = plan->top;
  compared.floor = plan->timeline ? FormatIsoUtc(plan->floor) : "";
  for (const StreamCount& c : plan->streams) {
    switch (c.action) {
      case StreamAction::kWhole:
        compared.streams_swept.push_back(c.name);
        break;
      case StreamAction::kNewSince:
        compared.streams_new.push_back({c.name, c.since, c.source_since});
        break;
      case StreamAction::kEqual:
        compared.streams_equal.push_back(c.name);
        break;
    }
  }
  observer_.On(compared);
  sync_plan_ = std::move(*plan);
  return std::nullopt;
}

// An unfinished sync of this source is resumed with its own units and
// streams; any other unfinished run is finished first (a sync compares
// against what it loaded); else a new sync run.
std::optional<RunOutcome> BackfillRun::ResolveSync(const std::optional<RunRecord>& latest,
                                                   const Planner& planner) {
  if (latest && !IsFinished(latest->state)) {
    if (Planner::IsSync(latest->params_json) &&
        latest->fingerprint == planner.Fingerprint(source_.Describe()) &&
        StreamsOf(*latest, options_)) {
      run_ = *latest;
      return Reopen();
    }
    return Outcome(ExitCodeForRunEnd(RunEnd::kConflict), "refused",
                   "an unfinished run (" + std::to_string(latest->id) +
                       ") is not a sync of this source: " + latest->params_json +
                       ". Finish it first (rerun the command that started it), then sync");
  }
  return CreateRun(planner);
}

Result<Plan> BackfillRun::PlanSync() {
  std::string note;
  auto plan = sync_planner_->Units(*sync_plan_, &note);
  if (plan && !note.empty()) {
    observer_.On(Warning{"a month is swept from the top: " + note});
  }
  return plan;
}

// The rows the source no longer has, marked once the sweeps are done.
Status BackfillRun::MarkMissing() {
  if (!options_.sync->reconcile) return {};  // the old fixed window: nothing is compared
  MissingMarker marker(*sync_planner_, source_, objects_, sync_->reader, sync_->store, clock_,
                       options_.page_size);
  // A stream fetched new since a date is compared there first (its units'
  // floor, not one moved by the objects they loaded).
  auto units =
      session_.Read<std::vector<UnitState>>([&](Session& s) { return s.RunUnits(run_.id); });
  if (!units) return tl::unexpected(units.error());
  std::map<std::string, std::string> floors;
  for (const std::string& name : options_.streams) {
    if (auto since = CreatedSinceOf(*units, name); !since.empty()) floors[name] = since;
  }
  auto made = marker.Mark(options_.timeline, options_.streams, floors);
  if (!made) return tl::unexpected(made.error());
  for (const MarksMade& m : *made) {
    observer_.On(MissingMarked{m.stream, m.marked, m.restored, m.total});
  }
  return {};
}

bool StreamsOf(const RunRecord& run, RunOptions& options) {
  auto params = nlohmann::json::parse(run.params_json, nullptr, false);
  if (!params.is_object()) return false;
  RunOptions theirs = options;
  theirs.timeline = !params.contains("streams");
  theirs.streams.clear();
  for (const auto& name : params.value("streams", nlohmann::json::array())) {
    if (!name.is_string()) return false;
    if (name == "timeline") {
      theirs.timeline = true;
    } else if (FindStream(name.get<std::string>()) != nullptr) {
      theirs.streams.push_back(name.get<std::string>());
    } else {
      return false;
    }
  }
  options.timeline = theirs.timeline;
  options.streams = std::move(theirs.streams);
  return true;
}

}  // namespace gb
