// How `token status`, `token refresh` and `token login` describe a token to
// the user: the time left in human terms and the expiry line. Never the
// secret itself.
#pragma once

#include <cstdint>
#include <string>

#include "source/token_store.h"

namespace gb::cli {

// 4,320 s -> "1h 12m"; 3 days -> "3 days"; 45 s -> "45s".
std::string HumanSpan(int64_t seconds);

// "Access token: expires in 1h 59m (2026-01-02T03:04:05Z)." or "expired … ago".
std::string ExpiryLine(const Token& token, int64_t now);

// The current time, epoch seconds.
int64_t EpochNow();

}  // namespace gb::cli
