#include "source/token_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/redact.h"

namespace gb {
namespace {

constexpr const char* kHowTo =
    "create it with `gazelle-backfill token login` (OAuth), or use an API key "
    "(GAZELLE_API_KEY)";

int64_t NumberOr(const nlohmann::json& j, const char* key, int64_t fallback) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number()) return static_cast<int64_t>(it->get<double>());
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (...) {
      return fallback;
    }
  }
  return fallback;
}

void WarnIfShared(const std::string& path, Observer& observer) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || (st.st_mode & 077) == 0) return;
  observer.On(Warning{fmt::format(
      "token file {} is readable by {} (mode {:04o}): run `chmod 600 {}` so only you can read it",
      path, (st.st_mode & 007) ? "everyone" : "its group", st.st_mode & 0777, path)});
}

Status WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Fail(ErrorKind::kPermanent, std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return {};
}

}  // namespace

std::optional<int64_t> Token::ExpiresAt() const {
  if (expires_in <= 0 || created_at <= 0) return std::nullopt;
  return created_at + expires_in;
}

Result<Token> ParseToken(std::string_view json, const std::string& origin, int64_t now) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(ErrorKind::kConfig, fmt::format("{} is not a JSON object: {}", origin, kHowTo));
  }
  Token token;
  auto access = j.find("access_token");
  if (access == j.end() || !access->is_string() || access->get<std::string>().empty()) {
    return Fail(ErrorKind::kConfig, fmt::format("{} has no access_token: {}", origin, kHowTo));
  }
  token.access_token = access->get<std::string>();
  if (auto r = j.find("refresh_token"); r != j.end() && r->is_string()) {
    token.refresh_token = r->get<std::string>();
  }
  token.expires_in = NumberOr(j, "expires_in", 0);
  token.created_at = NumberOr(j, "created_at", now);
  for (auto& [key, value] : j.items()) {
    if (key != "access_token" && key != "refresh_token" && key != "expires_in" &&
        key != "created_at") {
      token.extra[key] = value;
    }
  }
  RegisterSecret(token.access_token);
  if (!token.IsApiKey()) RegisterSecret(token.refresh_token);  // the marker is no secret
  return token;
}

TokenStore::TokenStore(std::string path, Observer& observer)
    : path_(std::move(path)), observer_(observer) {}

Result<Token> TokenStore::Load() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    return Fail(ErrorKind::kAuth, fmt::format("no token file at {} ({}): {}, or pass "
                                              "--token-file PATH",
                                              path_, std::strerror(errno), kHowTo));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorKind::kConfig, fmt::format("token file {} is empty: {}", path_, kHowTo));
  }
  WarnIfShared(path_, observer_);
  return ParseToken(text, "token file " + path_, 0);
}

Status TokenStore::Save(const Token& token) const {
  nlohmann::json j = token.extra;
  j["access_token"] = token.access_token;
  j["refresh_token"] = token.refresh_token;
  j["expires_in"] = token.expires_in;
  j["created_at"] = token.created_at;
  std::filesystem::path target(path_);
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmp.data());  // created 0600
  if (fd < 0) {
    return Fail(ErrorKind::kPermanent,
                fmt::format("cannot write the token next to {} ({}): make {} writable", path_,
                            std::strerror(errno), dir.string()));
  }
  fchmod(fd, 0600);
  Status written = WriteAll(fd, j.dump(2) + "\n");
  bool synced = written && fsync(fd) == 0;
  close(fd);
  if (!synced || rename(tmp.c_str(), path_.c_str()) != 0) {
    std::string why = written ? std::strerror(errno) : written.error().message;
    unlink(tmp.c_str());
    return Fail(ErrorKind::kPermanent,
                fmt::format("cannot save the token to {} ({}): the refreshed token is still used "
                            "by this run; free space or fix permissions",
                            path_, why));
  }
  // The rename is durable only once the directory entry is on disk.
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return {};
}

}  // namespace gb
