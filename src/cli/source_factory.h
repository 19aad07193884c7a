// Builds the TimelineSource `run` and `demo` read from: an export file
// (--from-file), or the Gazelle API with an API key (flag, environment, or a
// token file holding one with refresh_token "manual_override") or OAuth tokens
// from the token file (refreshed ahead of expiry, written back atomically). Owns the
// transport, the token store and the authenticator the client borrows.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/events.h"
#include "source/authenticator.h"
#include "source/credentials.h"
#include "source/http_transport.h"
#include "source/object_source.h"
#include "source/timeline_source.h"
#include "source/token_store.h"

namespace gb::cli {

// Connecting to the API gives up after this long at most (less when
// --request-timeout is shorter), so an unreachable API is reported early.
inline constexpr std::chrono::seconds kMaxConnectTimeout{10};

struct SourceConfig {
  std::string from_file;  // set: replay this export
  std::string api_url;    // validated
  std::string token_file;
  double max_rps = 0;
  Credentials credentials;  // client id/secret for refreshing, or an API key
  // One API request, connect included; connecting alone gives up after
  // min(kMaxConnectTimeout, this).
  std::chrono::seconds request_timeout{60};
  std::string users_file;  // the users of an export that has none (--users-file)
};

class OpenedSource {
 public:
  static Result<OpenedSource> Open(const SourceConfig& config, Clock& clock, Observer& observer);
  TimelineSource& source() { return *source_; }
  // The other streams' source: the API's; none for an export file.
  ObjectSource* objects() { return dynamic_cast<ObjectSource*>(source_.get()); }

 private:
  static Result<std::unique_ptr<Authenticator>> OpenAuthenticator(const SourceConfig& config,
                                                                  OpenedSource& opened,
                                                                  Clock& clock, Observer& observer);

  std::unique_ptr<HttpTransport> transport_;
  std::unique_ptr<TokenStore> store_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<TimelineSource> source_;
};

}  // namespace gb::cli
