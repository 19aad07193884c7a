// Who we are to the API: OAuth client credentials (GAZELLE_CLIENT_ID /
// GAZELLE_CLIENT_SECRET) for refreshing tokens, or a short API key
// (GAZELLE_API_KEY, sent as x-gazelle-api-key). The environment wins over a
// .env file (KEY=VALUE lines; `export`, quotes and # comments allowed).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gb {

struct Credentials {
  std::string client_id;
  std::string client_secret;
  std::string api_key;

  bool HasOAuthClient() const { return !client_id.empty() && !client_secret.empty(); }
};

// KEY=VALUE lines. Blank lines and `# comments` are ignored; `export KEY=V`
// is accepted; "double" values understand \n \" \\ escapes, 'single' values
// are literal; unquoted values end at ` #`. Malformed lines are skipped.
std::map<std::string, std::string> ParseDotEnv(std::string_view text);

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnv();

// Reads the three variables from `env`, falling back to `dotenv_path` (a
// missing file is fine: kConfig only when it exists but cannot be read).
// `api_key_option` (--api-key), when given, wins. Registers every secret.
Result<Credentials> LoadCredentials(const EnvLookup& env, const std::string& dotenv_path,
                                    const std::string& api_key_option = {});

}  // namespace gb
