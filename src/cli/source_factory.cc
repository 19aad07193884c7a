#include "cli/source_factory.h"

#include <algorithm>

#include "monitor/i18n.h"
#include "source/curl_transport.h"
#include "source/gazelle_client.h"
#include "source/jsonl_source.h"
#include "source/oauth_authenticator.h"

namespace gb::cli {
namespace {

std::chrono::milliseconds ConnectTimeout(const SourceConfig& config) {
  return std::min<std::chrono::milliseconds>(kMaxConnectTimeout, config.request_timeout);
}

}  // namespace

// An API key (--api-key, GAZELLE_API_KEY, or the token file in the old tools'
// form), else the token file's OAuth token, refreshed with the client id/secret.
Result<std::unique_ptr<Authenticator>> OpenedSource::OpenAuthenticator(const SourceConfig& config,
                                                                       OpenedSource& opened,
                                                                       Clock& clock,
                                                                       Observer& observer) {
  if (!config.credentials.api_key.empty()) {
    return std::make_unique<ApiKeyAuthenticator>(config.credentials.api_key);
  }
  opened.store_ = std::make_unique<TokenStore>(config.token_file, observer);
  auto token = opened.store_->Load();
  if (!token) return tl::unexpected(token.error());
  if (token->IsApiKey()) return std::make_unique<ApiKeyAuthenticator>(token->access_token);
  if (!config.credentials.HasOAuthClient()) {
    observer.On(
        Warning{Tr("GAZELLE_CLIENT_ID / GAZELLE_CLIENT_SECRET are not set: the access "
                   "token cannot be refreshed when it expires.")});
  }
  OAuthConfig oauth;
  oauth.base_url = config.api_url;
  oauth.connect_timeout = ConnectTimeout(config);
  oauth.total_timeout = config.request_timeout;
  oauth.credentials = config.credentials;
  return std::make_unique<OAuthAuthenticator>(oauth, *token, opened.store_.get(),
                                              *opened.transport_, clock, observer);
}

Result<OpenedSource> OpenedSource::Open(const SourceConfig& config, Clock& clock,
                                        Observer& observer) {
  OpenedSource opened;
  if (!config.from_file.empty()) {
    auto file = JsonlSource::Open(config.from_file, config.users_file);
    if (!file) return tl::unexpected(file.error());
    opened.source_ = std::move(*file);
    return opened;
  }
  opened.transport_ = std::make_unique<CurlTransport>();
  auto auth = OpenAuthenticator(config, opened, clock, observer);
  if (!auth) return tl::unexpected(auth.error());
  opened.auth_ = std::move(*auth);
  GazelleOptions options;
  options.base_url = config.api_url;
  options.max_rps = config.max_rps;
  options.connect_timeout = ConnectTimeout(config);
  options.request_timeout = config.request_timeout;
  auto client = GazelleClient::Create(options, *opened.transport_, *opened.auth_, clock, observer);
  if (!client) return tl::unexpected(client.error());
  opened.source_ = std::move(*client);
  return opened;
}

}  // namespace gb::cli
