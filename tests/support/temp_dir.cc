#include "support/temp_dir.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace gb::test {

TempDir::TempDir(const std::string& prefix) {
  std::string templ = "/tmp/" + prefix + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // best effort: never throw from a destructor
}

std::string TempDir::File(const std::string& name) const { return path_ + "/" + name; }

void TempDir::ChownTo(const std::string& user) const {
  if (geteuid() != 0) return;
  const passwd* pw = getpwnam(user.c_str());
  if (pw == nullptr) return;
  std::error_code ec;
  if (chown(path_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path_, ec)) {
    if (chown(entry.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) return;
  }
}

}  // namespace gb::test
