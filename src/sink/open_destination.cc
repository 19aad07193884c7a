// OpenDestination (declared in destination.h): --db / DATABASE_URL -> a Destination.
#include <cctype>

#include "core/redact.h"
#include "sink/destination.h"
#include "sink/postgres/postgres_destination.h"
#include "sink/sqlite/sqlite_destination.h"

namespace gb {
namespace {

constexpr const char* kAccepted =
    "use sqlite:PATH, a file path, or postgresql://user@host:5432/db (postgres:// also works)";

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// "mysql://..." or "mssql:..." look like a URL scheme; "C:/x" or "./a:b" do not.
bool HasScheme(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon < 2) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<Destination>> OpenDestination(const std::string& url) {
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return std::unique_ptr<Destination>(std::make_unique<PostgresDestination>(url));
  }
  std::string path = url;
  if (StartsWith(url, "sqlite:")) {
    path = url.substr(7);
    if (StartsWith(path, "//")) path = path.substr(2);  // sqlite:///abs/path and sqlite://rel
  } else if (HasScheme(url)) {
    return Fail(ErrorKind::kConfig,
                "unsupported destination '" + RedactUrl(url) + "': " + kAccepted);
  }
  if (path.empty()) return Fail(ErrorKind::kConfig, std::string("empty destination: ") + kAccepted);
  return std::unique_ptr<Destination>(std::make_unique<SqliteDestination>(path));
}

}  // namespace gb
