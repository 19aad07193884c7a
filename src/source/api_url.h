// Which Gazelle API server to talk to: --api URL, else GAZELLE_API_URL, else
// the real one; validated once so every later message can trust it.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "source/credentials.h"

namespace gb {

// The address the business's own scripts and OAuth calls use, and the one the
// shared API notes give (../shared/gazelle-api/README.md): GraphQL at
// {base}/graphql/private/, OAuth at {base}/developer/oauth/{authorize,token}.
inline constexpr const char* kDefaultApiUrl = "https://gazelleapp.io";

// An http(s) base URL without path query or trailing slash ("https://h:8080"),
// or kConfig saying what is wrong and what to do.
Result<std::string> ValidateApiUrl(std::string_view url);

// --api wins over GAZELLE_API_URL, which wins over the default.
std::string ResolveApiUrl(const std::string& flag, const EnvLookup& env);

}  // namespace gb
