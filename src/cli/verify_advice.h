// What `verify` tells the user to do when the destination differs from the
// source: a command that works as printed. When the destination lacks
// entries, the `run` that loads them: the newest run's own command when it
// covers those years (a finished run whose counts now differ from the
// source's is resumed, and its closing check loads the difference), else a run
// of just those years. Rows the source no longer has are only named: the tool
// never deletes a row. Pure, so every case is tested as a string.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/verifier.h"

namespace gb::cli {

struct AdviceContext {
  std::optional<std::string> run_params;     // the newest run's stored parameters (JSON)
  std::string api_url;                       // the API verify asked (resolved)
  bool api_given = false;                    // --api or GAZELLE_API_URL was given
  std::string db;                            // --db as given ("" when from the environment)
  std::string token_file;                    // "" for the default
  std::string tz = "UTC";                    // verify's --tz
  std::string program = "gazelle-backfill";  // how to call the binary (SelfCommand)
};

// "" when everything matches.
std::string VerifyAdvice(const VerifyReport& report, const AdviceContext& context);

// "" when no link is nulled; otherwise how many, why, and the `run`
// that gives them back once their users exist (every run restores them first).
std::string UnlinkedAdvice(const VerifyReport& report, const AdviceContext& context);

// "2016-2025" for a contiguous set, else "2016,2018": a --years value.
std::string YearsFlag(const std::vector<int>& years);

// `text` as one shell word (single-quoted unless it is plain).
std::string ShellWord(const std::string& text);

}  // namespace gb::cli
