// `gazelle-backfill token status | refresh`: which credential is in use, when
// the access token expires in human terms, whether it can be refreshed, and a
// warning when the token file is readable by others. Never the secret itself.
// `refresh` asks the OAuth endpoint now and saves the file atomically (0600).
#include <sys/stat.h>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/token_login.h"
#include "cli/token_text.h"
#include "core/clock.h"
#include "core/exit_status.h"
#include "core/iso_time.h"
#include "core/redact.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "source/api_url.h"
#include "source/curl_transport.h"
#include "source/oauth_authenticator.h"
#include "source/token_store.h"

namespace gb::cli {
namespace {

struct TokenFlags {
  std::string token_file = kDefaultTokenFile;
  std::string api;
  std::string api_key;
};

// Collects the token store's warnings (they are shown as part of the status).
class WarningCollector final : public Observer {
 public:
  void On(const Event& event) override {
    if (const auto* w = std::get_if<Warning>(&event)) warnings.push_back(w->message);
  }
  std::vector<std::string> warnings;
};

std::string RefreshLine(const Token& token, const Credentials& c) {
  if (token.refresh_token.empty()) {
    return Tr("Refresh: not possible, the file has no refresh token (authorize again).");
  }
  if (!c.HasOAuthClient()) {
    return Tr(
        "Refresh: not possible, GAZELLE_CLIENT_ID / GAZELLE_CLIENT_SECRET are not set "
        "(environment or .env).");
  }
  return Tr("Refresh: possible (refresh token and client id/secret present).");
}

std::string ModeLine(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  const unsigned mode = st.st_mode & 0777;
  if ((mode & 077) == 0) return TrFormat("File mode: {:04o} (only you can read it).", mode);
  return TrFormat("Warning: {} has mode {:04o}, readable by others: run `chmod 600 {}`.", path,
                  mode, path);
}

int ShowStatus(const TokenFlags& f) {
  auto credentials = LoadCredentials(ProcessEnv(), ".env", f.api_key);
  if (!credentials) {
    PrintError(credentials.error().message);
    return ToInt(ExitCode::kUsage);
  }
  WarningCollector observer;
  TokenStore store(f.token_file, observer);
  auto token = store.Load();
  if (!credentials->api_key.empty()) {
    std::cout << Tr("Credential: API key (sent as x-gazelle-api-key; it does not expire).") << "\n";
    if (token)
      std::cout << TrFormat("The token file {} is present but unused.", f.token_file) << "\n";
    return ToInt(ExitCode::kOk);
  }
  if (!token) {
    PrintError(token.error().message);
    return ToInt(ExitCode::kAuth);
  }
  if (token->IsApiKey()) {
    std::cout << TrFormat(
                     "Credential: API key from the token file {} (refresh_token \"{}\"; "
                     "sent as x-gazelle-api-key; it does not expire).",
                     f.token_file, Token::kApiKeyMarker)
              << "\n";
    if (std::string mode = ModeLine(f.token_file); !mode.empty()) std::cout << mode << "\n";
    return ToInt(ExitCode::kOk);
  }
  const int64_t now = EpochNow();
  std::cout << TrFormat("Credential: OAuth token file {}.", f.token_file) << "\n"
            << ExpiryLine(*token, now) << "\n"
            << RefreshLine(*token, *credentials) << "\n";
  if (std::string mode = ModeLine(f.token_file); !mode.empty()) std::cout << mode << "\n";
  std::cout.flush();
  const bool expired = token->ExpiresAt() && *token->ExpiresAt() <= now;
  const bool refreshable = !token->refresh_token.empty() && credentials->HasOAuthClient();
  return ToInt(expired && !refreshable ? ExitCode::kAuth : ExitCode::kOk);
}

int RefreshNow(const TokenFlags& f) {
  EnvLookup env = ProcessEnv();
  auto api = ValidateApiUrl(ResolveApiUrl(f.api, env));
  auto credentials = LoadCredentials(env, ".env", f.api_key);
  if (!api || !credentials) {
    PrintError(api ? credentials.error().message : api.error().message);
    return ToInt(ExitCode::kUsage);
  }
  WarningCollector observer;
  TokenStore store(f.token_file, observer);
  auto token = store.Load();
  if (!token) {
    PrintError(token.error().message);
    return ToInt(ExitCode::kAuth);
  }
  if (token->IsApiKey()) {
    std::cout << TrFormat(
                     "Nothing to refresh: {} holds an API key (refresh_token \"{}\"), sent "
                     "as x-gazelle-api-key, and an API key does not expire.",
                     f.token_file, Token::kApiKeyMarker)
              << std::endl;
    return ToInt(ExitCode::kOk);
  }
  CurlTransport transport;
  OAuthConfig config;
  config.base_url = *api;
  config.credentials = *credentials;
  // No store here: the save is done below so that its failure is reported.
  OAuthAuthenticator auth(config, *token, nullptr, transport, SystemClock::Instance(), observer);
  if (auto s = auth.Refresh(); !s) {
    PrintError(s.error().message);
    return ToInt(ExitCodeForSource(s.error().kind));
  }
  Token fresh = auth.CurrentToken();
  if (auto s = store.Save(fresh); !s) {
    PrintError(s.error().message);
    return ToInt(ExitCode::kInternal);
  }
  std::cout << TrFormat("Token refreshed and saved to {} (mode 0600).", f.token_file) << "\n"
            << ExpiryLine(fresh, EpochNow()) << std::endl;
  return ToInt(ExitCode::kOk);
}

}  // namespace

void RegisterTokenCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "token", Tr("Sign in to Gazelle, show the API credential's state, or refresh it."));
  cmd->require_subcommand(1);
  auto f = std::make_shared<TokenFlags>();
  auto* status = cmd->add_subcommand(
      "status", Tr("Which credential, when it expires, whether it can be refreshed."));
  auto* refresh = cmd->add_subcommand("refresh", Tr("Refresh the access token now."));
  for (CLI::App* sub : {status, refresh}) {
    sub->add_option("--token-file", f->token_file, Tr("OAuth token file"))->capture_default_str();
    sub->add_option("--api-key", f->api_key, Tr("Short API key instead of OAuth"));
  }
  refresh->add_option("--api", f->api, ApiOptionHelp());
  AddTokenLoginCommand(*cmd, chosen);
  status->callback([chosen, f] { *chosen = [f] { return ShowStatus(*f); }; });
  refresh->callback([chosen, f] { *chosen = [f] { return RefreshNow(*f); }; });
}

}  // namespace gb::cli
