// Errors are classified once, at the boundary where they happen (HTTP/GraphQL in
// source/, SQLSTATE in sink/), into a kind; the engine decides what to do
// (retry, reconnect, split, reject, stop) from the kind alone.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "core/violation.h"

namespace gb {

enum class ErrorKind {
  kTransient,    // connection lost, timeout, 5xx, deadlock: retry after backoff
  kRateLimited,  // 429: retry after `retry_after`
  kAuth,         // 401/403, bad or expired credentials that a refresh cannot fix
  kConfig,       // bad flag, URL, file, missing table column: the user must act
  kData,         // this row/batch is bad (constraint, invalid value): isolate, reject
  kPermanent,    // permission denied, disk full, GraphQL errors: stop, resumable
  kInternal,     // a bug
};

std::string_view KindName(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // says what is wrong and, where it can, what to do
  std::string code;     // SQLSTATE, HTTP status or curl code, when there is one
  std::chrono::milliseconds retry_after{0};  // for kRateLimited (and hints)
  // For kData from a sink: what the row violated (core/violation.h). The
  // engine branches on this, never on `code`.
  Violation violation = {};
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorKind kind, std::string message, std::string code = {}) {
  return tl::unexpected<Error>(Error{kind, std::move(message), std::move(code)});
}

// The error of a failed `r`, to return from a function of another Result type.
template <class T>
tl::unexpected<Error> Err(const Result<T>& r) {
  return tl::unexpected(r.error());
}

inline bool IsRetryable(ErrorKind kind) {
  return kind == ErrorKind::kTransient || kind == ErrorKind::kRateLimited;
}

}  // namespace gb
