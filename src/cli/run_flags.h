// `run`'s flags as typed (RunFlags) and as validated (RunConfig). Resolving is
// a pure function of the flags and the environment, so every error message is
// tested: each says what is wrong and what to do; the command exits kUsage.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/db_flag.h"
#include "core/error.h"
#include "engine/run_options.h"
#include "monitor/progress_mode.h"
#include "source/credentials.h"

namespace gb::cli {

inline constexpr const char* kDefaultTokenFile = "config/token.json";
// --request-timeout: one API request, in seconds (default, largest).
inline constexpr int kDefaultRequestTimeoutS = 60;
inline constexpr int kMaxRequestTimeoutS = 3600;

struct RunFlags {
  std::vector<std::string> years;  // --years, repeatable
  std::optional<int> start_year;   // old spelling
  std::optional<int> end_year;
  std::string db;   // --db, else DATABASE_URL, else sqlite:gazelle.db
  std::string api;  // --api, else GAZELLE_API_URL, else the real API
  std::string token_file = kDefaultTokenFile;
  std::string api_key;               // --api-key, else GAZELLE_API_KEY (read with the credentials)
  std::string from_file;             // --from-file dump.jsonl
  std::string users_file;            // --users-file users.jsonl: the users of a dump that has none
  std::optional<int> batch_size;     // none: the loader chooses (BatchSizeFor)
  int page_size = kDefaultPageSize;  // --page-size: nodes asked per page
  int concurrency = 0;
  double max_rps = 0;
  int request_timeout_s = kDefaultRequestTimeoutS;  // --request-timeout
  std::string progress = "auto";
  std::string tz = "UTC";
  // --streams (cli/stream_list.h); empty when not given: every stream the
  // source has (the timeline alone from a file), or an unfinished run's own.
  std::string streams;
  std::string truncate;  // "500,2000"
  bool legacy_types = false;
  bool restart = false;
  bool sync_users = false;            // accepted, nothing more: users are loaded on every run
  bool close_exposed_tables = false;  // close existing tables open to the API roles
  bool profile = false;
  // Hidden, for tests of several workers: the lease length in seconds (0 =
  // the engine's default) and the host name in the worker id, so processes of
  // one machine can stand for processes of several machines.
  int lease_s = 0;
  std::string worker_host;
  // `sync` (cli/sync_command.cc): no years (it follows the destination); the
  // overlap swept again under the newest stored entry, how often the other
  // streams are swept whole (edits), as durations ("30d").
  bool sync = false;
  std::string overlap;
  std::string sweep_every;
  bool window_only = false;  // hidden: the old job's fixed window (SyncOptions::reconcile off)
};

struct RunConfig {
  RunOptions options;  // years, tz, batch size, concurrency, truncate, ... (worker_id unset)
  std::shared_ptr<const Database> database;  // --db, parsed (cli/db_flag.h)
  std::string api_url;
  std::string token_file;
  std::string api_key;
  std::string from_file;
  std::string users_file;
  double max_rps = 0;
  std::chrono::seconds request_timeout{kDefaultRequestTimeoutS};
  ProgressMode progress = ProgressMode::kAuto;
};

Result<RunConfig> ResolveRunFlags(const RunFlags& flags, const EnvLookup& env);

// The help of --api: the default address and where it comes from.
std::string ApiOptionHelp();

// "500,2000" -> (500, 2000): the title and description limits.
Result<std::pair<int, int>> ParseTruncate(std::string_view text);

}  // namespace gb::cli
