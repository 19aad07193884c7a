#include "cli/run_flags.h"

#include <charconv>

#include "cli/duration_flag.h"
#include "cli/stream_list.h"
#include "cli/year_range.h"
#include "core/iso_time.h"
#include "core/redact.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "source/gazelle_client.h"

namespace gb::cli {
namespace {

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<std::vector<int>> ResolveYears(const RunFlags& flags) {
  bool old_spelling = flags.start_year || flags.end_year;
  if (!flags.years.empty() && old_spelling) {
    return Fail(ErrorKind::kConfig,
                Tr("--years and --start-year/--end-year say the same thing: use one of them."));
  }
  if (!flags.years.empty()) return ParseYears(flags.years);
  return YearsFromStartEnd(flags.start_year, flags.end_year);
}

std::string FromFlagOrEnv(const std::string& flag, const EnvLookup& env, const char* name,
                          const char* fallback) {
  if (!flag.empty()) return flag;
  if (auto value = env(name); value && !value->empty()) return *value;
  return fallback;
}

Status CheckNumbers(const RunFlags& flags) {
  if (flags.batch_size && (*flags.batch_size < 1 || *flags.batch_size > kMaxBatchSize)) {
    return Fail(
        ErrorKind::kConfig,
        TrFormat("--batch-size {}: give a number of rows per transaction from 1 to {} "
                 "(default {}, or {} for a database {} ms or more away).",
                 *flags.batch_size, FormatCount(kMaxBatchSize), FormatCount(kDefaultBatchSize),
                 FormatCount(kFarBatchSize), kFarRoundTrip.count()));
  }
  if (flags.page_size < 1 || flags.page_size > kMaxPageSize) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--page-size {}: give the entries to ask per page, from 1 to {} (default "
                         "{}; the API may give fewer, and the run follows it).",
                         flags.page_size, FormatCount(kMaxPageSize), kDefaultPageSize));
  }
  if (flags.concurrency < 0 || flags.concurrency > kMaxConcurrency) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--concurrency {}: give a number of streams from 1 to {}, or leave it out "
                         "to let the loader choose.",
                         flags.concurrency, kMaxConcurrency));
  }
  if (flags.request_timeout_s < 1 || flags.request_timeout_s > kMaxRequestTimeoutS) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--request-timeout {}: give the seconds one API request may take, from 1 "
                         "to {} (default {}); a slower request is retried.",
                         flags.request_timeout_s, FormatCount(kMaxRequestTimeoutS),
                         kDefaultRequestTimeoutS));
  }
  if (!(flags.max_rps >= 0)) {
    return Fail(
        ErrorKind::kConfig,
        TrFormat("--max-rps {}: give requests per second (for example 10), or 0 for no limit.",
                 flags.max_rps));
  }
  return {};
}

Result<SyncOptions> ResolveSync(const RunFlags& flags) {
  if (!flags.years.empty() || flags.start_year || flags.end_year) {
    return Fail(ErrorKind::kConfig,
                Tr("sync has no --years: it compares every month from the oldest entry stored "
                   "to now. Drop --years (run --years loads a range)."));
  }
  SyncOptions sync;
  sync.reconcile = !flags.window_only;
  if (!flags.overlap.empty()) {
    auto overlap = ParseDurationFlag("--overlap", flags.overlap);
    if (!overlap) return tl::unexpected(overlap.error());
    sync.overlap = *overlap;
  }
  if (!flags.sweep_every.empty()) {
    auto every = ParseDurationFlag("--sweep-every", flags.sweep_every);
    if (!every) return tl::unexpected(every.error());
    sync.sweep_every = *every;
  }
  return sync;
}

Result<RunOptions> ResolveOptions(const RunFlags& flags) {
  if (auto st = CheckNumbers(flags); !st) return tl::unexpected(st.error());
  RunOptions o;
  if (flags.sync) {
    auto sync = ResolveSync(flags);
    if (!sync) return tl::unexpected(sync.error());
    o.sync = *sync;
  } else {
    auto years = ResolveYears(flags);
    if (!years) return tl::unexpected(years.error());
    o.years = *years;
  }
  auto zone = YearZone::Make(flags.tz);
  if (!zone) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--tz {}: unknown time zone; use an IANA name such as America/Toronto, or "
                         "UTC. ({})",
                         flags.tz, zone.error().message));
  }
  o.tz = flags.tz;
  o.streams_chosen = !flags.streams.empty();
  const std::string chosen =
      o.streams_chosen ? flags.streams : (flags.from_file.empty() ? "all" : "timeline");
  auto streams = ParseStreamList(chosen);
  if (!streams) return tl::unexpected(streams.error());
  o.timeline = streams->timeline;
  o.streams = std::move(streams->others);
  o.batch_size = flags.batch_size.value_or(kDefaultBatchSize);
  o.batch_size_chosen = !flags.batch_size;
  o.page_size = flags.page_size;
  o.concurrency = flags.concurrency;
  if (!flags.truncate.empty()) {
    auto limits = ParseTruncate(flags.truncate);
    if (!limits) return tl::unexpected(limits.error());
    o.truncate = *limits;
  }
  o.legacy_types = flags.legacy_types;
  o.restart = flags.restart;
  o.close_exposed_tables = flags.close_exposed_tables;
  o.profile = flags.profile;
  if (flags.lease_s > 0) o.lease = std::chrono::seconds(flags.lease_s);
  return o;
}

}  // namespace

Result<std::pair<int, int>> ParseTruncate(std::string_view text) {
  size_t comma = text.find(',');
  std::optional<int> title, description;
  if (comma != std::string_view::npos) {
    title = ParseInt(text.substr(0, comma));
    description = ParseInt(text.substr(comma + 1));
  }
  if (!title || !description || *title < 1 || *description < 1) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--truncate {}: give the title and description limits in characters, "
                         "for example --truncate 500,2000 (the old table's limits).",
                         text));
  }
  return std::make_pair(*title, *description);
}

Result<RunConfig> ResolveRunFlags(const RunFlags& flags, const EnvLookup& env) {
  RunConfig config;
  auto options = ResolveOptions(flags);
  if (!options) return tl::unexpected(options.error());
  config.options = std::move(*options);
  auto database = ParseDbFlag(flags.db, env);
  if (!database) return tl::unexpected(database.error());
  config.database = std::move(*database);
  if (flags.from_file.empty()) {
    auto api = ValidateApiUrl(ResolveApiUrl(flags.api, env));
    if (!api) return tl::unexpected(api.error());
    config.api_url = *api;
  } else if (!flags.api.empty() || !flags.api_key.empty()) {
    return Fail(
        ErrorKind::kConfig,
        Tr("--from-file replays an export instead of calling the API: drop --api/--api-key, "
           "or drop --from-file."));
  }
  if (!flags.users_file.empty() && flags.from_file.empty()) {
    return Fail(ErrorKind::kConfig,
                Tr("--users-file gives the users of a --from-file dump: the API has its own; "
                   "drop --users-file, or add --from-file."));
  }
  auto progress = ParseProgressMode(flags.progress);
  if (!progress) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--progress {}: choose auto, line, log, json or quiet.", flags.progress));
  }
  config.progress = *progress;
  config.token_file = flags.token_file.empty() ? kDefaultTokenFile : flags.token_file;
  config.api_key = flags.api_key;
  config.from_file = flags.from_file;
  config.users_file = flags.users_file;
  config.max_rps = flags.max_rps;
  config.request_timeout = std::chrono::seconds(flags.request_timeout_s);
  return config;
}

std::string ApiOptionHelp() {
  return TrFormat(
      "Gazelle API base URL (default $GAZELLE_API_URL, else {}: the address the business's own "
      "scripts and OAuth calls use, as the shared Gazelle API notes record)",
      kDefaultApiUrl);
}

}  // namespace gb::cli
