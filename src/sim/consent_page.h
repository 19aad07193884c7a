// The pages of the simulator's authorization endpoint: the consent page a
// signed-in Gazelle user sees (which application asks, where the answer goes,
// Approve and Deny buttons posting back to /developer/oauth/authorize), and
// the error page for a request the endpoint refuses. Every value is escaped.
#pragma once

#include <string>
#include <string_view>

namespace gb::sim {

struct AuthorizeRequest {
  std::string client_id;
  std::string redirect_uri;
  std::string response_type;
  std::string state;
};

// The form carries the request back in hidden fields; the buttons are
// <button id="approve" name="decision" value="approve"> and id="deny".
std::string ConsentPageHtml(const AuthorizeRequest& request);

// error: the OAuth error code (invalid_request, invalid_client, ...).
std::string AuthorizeErrorPageHtml(std::string_view error, std::string_view description);

}  // namespace gb::sim
