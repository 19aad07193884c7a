#include "source/credentials.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/redact.h"

namespace gb {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string DoubleQuoted(std::string_view body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    char next = body[++i];
    out += next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next;
  }
  return out;
}

// The value part of KEY=VALUE; none when a quote is not closed.
std::optional<std::string> ParseValue(std::string_view v) {
  v = Trim(v);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) {
    char q = v.front();
    size_t close = 1;
    while ((close = v.find(q, close)) != std::string_view::npos && q == '"' &&
           v[close - 1] == '\\') {
      ++close;
    }
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view body = v.substr(1, close - 1);
    return q == '"' ? DoubleQuoted(body) : std::string(body);
  }
  size_t comment = v.find(" #");
  if (comment != std::string_view::npos) v = v.substr(0, comment);
  return std::string(Trim(v));
}

}  // namespace

std::map<std::string, std::string> ParseDotEnv(std::string_view text) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = Trim(line.substr(7));
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view key = Trim(line.substr(0, eq));
    if (key.find_first_of(" \t") != std::string_view::npos) continue;
    if (auto value = ParseValue(line.substr(eq + 1))) out[std::string(key)] = *value;
  }
  return out;
}

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
}

Result<Credentials> LoadCredentials(const EnvLookup& env, const std::string& dotenv_path,
                                    const std::string& api_key_option) {
  std::map<std::string, std::string> file;
  if (!dotenv_path.empty() && std::filesystem::exists(dotenv_path)) {
    std::ifstream in(dotenv_path, std::ios::binary);
    if (!in) {
      return Fail(ErrorKind::kConfig,
                  fmt::format("cannot read {}: fix its permissions or remove it", dotenv_path));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    file = ParseDotEnv(buffer.str());
  }
  auto get = [&](const std::string& name) -> std::string {
    if (auto v = env(name)) return *v;
    auto it = file.find(name);
    return it == file.end() ? std::string() : it->second;
  };
  Credentials c;
  c.client_id = get("GAZELLE_CLIENT_ID");
  c.client_secret = get("GAZELLE_CLIENT_SECRET");
  c.api_key = api_key_option.empty() ? get("GAZELLE_API_KEY") : api_key_option;
  RegisterSecret(c.client_secret);
  RegisterSecret(c.api_key);
  return c;
}

}  // namespace gb
