// ParseDatabase (declared in database.h): --db / DATABASE_URL -> its dialect.
#include <cctype>

#include "core/redact.h"
#include "sink/database.h"
#include "sink/postgres/postgres_database.h"
#include "sink/sqlite/sqlite_database.h"

namespace gb {
namespace {

constexpr const char* kAccepted =
    "use sqlite:PATH, a file path, or postgresql://user@host:5432/db (postgres:// also works)";

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The scheme of "mysql://..." or "mssql:..."; none for "C:/x" or "./a:b".
std::string_view Scheme(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon < 2) return {};
  for (size_t i = 0; i < colon; ++i) {
    char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return {};
    }
  }
  return std::string_view(url).substr(0, colon);
}

}  // namespace

Result<std::unique_ptr<Database>> ParseDatabase(const std::string& url) {
  if (url.empty()) {
    return Fail(ErrorKind::kConfig, std::string("empty destination: ") + kAccepted,
                std::string(kDbEmpty));
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return std::unique_ptr<Database>(std::make_unique<PostgresDatabase>(url));
  }
  std::string path = url;
  if (StartsWith(url, "sqlite:")) {
    path = url.substr(7);
    if (StartsWith(path, "//")) path = path.substr(2);  // sqlite:///abs/path and sqlite://rel
    if (path.empty()) {
      return Fail(ErrorKind::kConfig, std::string("sqlite: needs a file path: ") + kAccepted,
                  std::string(kDbSqliteWithoutPath));
    }
  } else if (std::string_view scheme = Scheme(url); !scheme.empty()) {
    return Fail(ErrorKind::kConfig,
                "unsupported destination '" + RedactUrl(url) + "': " + kAccepted,
                std::string(kDbUnsupportedScheme));
  }
  return std::unique_ptr<Database>(std::make_unique<SqliteDatabase>(path));
}

}  // namespace gb
