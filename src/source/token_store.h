// The OAuth token file (config/token.json, --token-file):
// {access_token, refresh_token, expires_in, created_at} in epoch seconds.
// The business's earlier tools also wrote a short API key in the same shape,
// marked by refresh_token "manual_override": such a file is an API key.
// Saved atomically (temp file in the same directory, fsync, rename) with mode
// 0600, so a crash never leaves a half-written token and a refreshed token is
// never lost. Other members of the file are kept as they were.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/events.h"

namespace gb {

struct Token {
  std::string access_token;
  std::string refresh_token;
  int64_t expires_in = 0;  // seconds of validity from created_at; 0 = unknown
  int64_t created_at = 0;  // epoch seconds
  nlohmann::json extra = nlohmann::json::object();  // members this tool does not use

  // Epoch seconds at which the access token expires, when known.
  std::optional<int64_t> ExpiresAt() const;
  // access_token is a short API key (sent as x-gazelle-api-key), not OAuth.
  bool IsApiKey() const { return refresh_token == kApiKeyMarker; }

  static constexpr const char* kApiKeyMarker = "manual_override";
};

// Parses the token JSON as the file or the OAuth endpoint has it. `now` fills
// created_at when the OAuth answer omits it. Registers the secrets it finds.
Result<Token> ParseToken(std::string_view json, const std::string& origin, int64_t now);

class TokenStore {
 public:
  TokenStore(std::string path, Observer& observer);

  // kAuth when the file is missing, kConfig when it is empty, not JSON or has
  // no access_token: the message says what to do. A file readable by group or
  // others is loaded but yields a Warning event.
  Result<Token> Load() const;
  Status Save(const Token& token) const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Observer& observer_;
};

}  // namespace gb
