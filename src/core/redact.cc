#include "core/redact.h"

#include <mutex>
#include <vector>

namespace gb {
namespace {

std::mutex& SecretsMutex() {
  static std::mutex mu;
  return mu;
}

std::vector<std::string>& Secrets() {
  static std::vector<std::string> secrets;
  return secrets;
}

// Replaces the value after each "key=" (for password-like keys) up to & or end.
std::string RedactQuery(std::string s) {
  for (std::string_view key : {"password=", "passwd=", "access_token=", "api_key=", "secret="}) {
    size_t pos = 0;
    while ((pos = s.find(key, pos)) != std::string::npos) {
      size_t start = pos + key.size();
      size_t end = s.find_first_of("& ", start);
      if (end == std::string::npos) end = s.size();
      s.replace(start, end - start, "***");
      pos = start + 3;
    }
  }
  return s;
}

}  // namespace

std::string RedactUrl(std::string_view url) {
  std::string s(url);
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) {
    size_t auth_start = scheme + 3;
    size_t slash = s.find('/', auth_start);
    size_t at = s.rfind('@', slash == std::string::npos ? s.size() : slash);
    if (at != std::string::npos && at > auth_start) {
      size_t colon = s.find(':', auth_start);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
  }
  return RedactSecrets(RedactQuery(std::move(s)));
}

void RegisterSecret(std::string secret) {
  if (secret.size() < 4) return;  // too short to redact without mangling text
  std::lock_guard lock(SecretsMutex());
  for (const auto& s : Secrets()) {
    if (s == secret) return;
  }
  Secrets().push_back(std::move(secret));
}

std::string RedactSecrets(std::string text) {
  std::lock_guard lock(SecretsMutex());
  for (const auto& secret : Secrets()) {
    size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      text.replace(pos, secret.size(), "***");
      pos += 3;
    }
  }
  return text;
}

}  // namespace gb
