// `gazelle-backfill token login`: a first OAuth token by the authorization-
// code flow Gazelle uses (it refuses the client-credentials grant). Prints
// the authorize URL (and opens a browser when there is a display), waits on a
// loopback redirect URI for Gazelle to send the browser back, checks the
// state, exchanges the code with the client id and secret, and saves the
// token file atomically with mode 0600. The browser's last page says whether
// it worked; the terminal says what to do when it did not.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace gb::cli {

// The loopback port of the redirect URI unless --port says otherwise.
inline constexpr int kDefaultLoginPort = 8765;
// How long `token login` waits for the browser by default, in seconds.
inline constexpr int kDefaultLoginTimeoutS = 300;

// Adds `login` under the `token` command.
void AddTokenLoginCommand(CLI::App& token, Action* chosen);

}  // namespace gb::cli
