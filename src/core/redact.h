// Secrets never reach output: one place removes them from URLs and text.
#pragma once

#include <string>
#include <string_view>

namespace gb {

// "postgresql://u:secret@h/db?password=x&sslmode=require"
//   -> "postgresql://u:***@h/db?password=***&sslmode=require"
std::string RedactUrl(std::string_view url);

// Replaces every occurrence of each registered secret in `text` with "***".
// Secrets are registered once (tokens, client secret, passwords) by whoever
// loads them; every error and log line passes through RedactSecrets.
void RegisterSecret(std::string secret);
std::string RedactSecrets(std::string text);

}  // namespace gb
