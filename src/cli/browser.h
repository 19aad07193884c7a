// Opens a URL in the user's browser for `token login`, only when there is a
// graphical session to show it (DISPLAY or WAYLAND_DISPLAY): $BROWSER (its
// first entry; "%s" stands for the URL) or else xdg-open. The browser is
// started detached, its output discarded; failing to start one is never an
// error: the URL is printed for the user in any case.
#pragma once

#include <string>

#include "source/credentials.h"

namespace gb::cli {

// The command that would open `url` under `env`, or "" when there is no
// display or no opener (for tests and for the message).
std::string BrowserCommand(const EnvLookup& env);

// True when a browser was started.
bool OpenInBrowser(const std::string& url, const EnvLookup& env);

}  // namespace gb::cli
