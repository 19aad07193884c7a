#include "source/graphql_error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/redact.h"

namespace gb {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Mentions(const std::string& lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

// The first name the server quoted ("foo" or 'foo'), which GraphQL servers use
// for the offending field, argument, variable or value.
std::string QuotedName(const std::string& message) {
  for (char q : {'"', '\''}) {
    size_t open = message.find(q);
    if (open == std::string::npos) continue;
    size_t close = message.find(q, open + 1);
    if (close != std::string::npos && close > open + 1) {
      return message.substr(open + 1, std::min<size_t>(close - open - 1, 80));
    }
  }
  return {};
}

}  // namespace

Error ClassifyGraphqlErrors(const std::vector<GraphqlError>& errors) {
  const GraphqlError& first = errors.front();
  std::string lower = Lower(first.message);
  std::string name = QuotedName(first.message);
  if (name.empty() && !first.path.empty()) name = first.path;
  std::string subject = name.empty() ? "the query" : fmt::format("\"{}\"", name);
  bool argument = Mentions(lower, {"argument", "variable", "value", "expected type", "enum"});
  bool field = Mentions(lower, {"field", "cannot query", "unknown type", "syntax"});
  bool auth = Mentions(lower, {"not authorized", "unauthorized", "permission", "forbidden",
                               "not allowed", "access denied", "authenticat"});
  std::string told = first.message.substr(0, 500);
  if (errors.size() > 1) told += fmt::format(" (and {} more)", errors.size() - 1);
  if (!first.path.empty()) told += fmt::format(" [path {}]", first.path);
  Error error;
  error.code = "graphql";
  if (auth) {
    error.kind = ErrorKind::kAuth;
    error.message = fmt::format(
        "the Gazelle API refused {}: {}. The account behind the token or API key may not read "
        "timeline entries: use credentials of an account that can",
        subject, told);
  } else if (argument || field) {
    error.kind = ErrorKind::kConfig;
    error.message = fmt::format(
        "the Gazelle API refused the {} {}: {}. Check the value you gave (e.g. --types, a year), "
        "that --api points at the Gazelle API, and that gazelle-backfill is up to date",
        argument ? "argument" : "field", subject, told);
  } else {
    error.kind = ErrorKind::kPermanent;
    error.message = fmt::format(
        "the Gazelle API answered with an error about {}: {}. Nothing was lost; rerun the same "
        "command to resume once the API is healthy",
        subject, told);
  }
  error.message = RedactSecrets(std::move(error.message));
  return error;
}

}  // namespace gb
