#include "cli/db_flag.h"

#include "core/redact.h"
#include "monitor/i18n.h"

namespace gb::cli {

std::string ResolveDbUrl(const std::string& flag, const EnvLookup& env) {
  if (!flag.empty()) return flag;
  if (auto value = env("DATABASE_URL"); value && !value->empty()) return *value;
  return kDefaultDatabaseUrl;
}

Result<std::shared_ptr<const Database>> ParseDbUrl(const std::string& url) {
  auto database = ParseDatabase(url);
  if (database) return std::shared_ptr<const Database>(std::move(*database));
  constexpr std::string_view kHow =
      TrNoop("use sqlite:PATH, a file path, or postgresql://user@host:5432/dbname");
  const std::string& code = database.error().code;
  if (code == kDbEmpty) return Fail(ErrorKind::kConfig, TrFormat("--db is empty; {}.", Tr(kHow)));
  if (code == kDbSqliteWithoutPath) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--db sqlite: needs a file path, such as sqlite:gazelle.db."));
  }
  if (code == kDbUnsupportedScheme) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--db {}: '{}' databases are not supported; {}.", RedactUrl(url),
                         url.substr(0, url.find(':')), Tr(kHow)));
  }
  return tl::unexpected(database.error());
}

Result<std::shared_ptr<const Database>> ParseDbFlag(const std::string& flag, const EnvLookup& env) {
  return ParseDbUrl(ResolveDbUrl(flag, env));
}

}  // namespace gb::cli
