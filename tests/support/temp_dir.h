// A fresh directory under /tmp for one test or one throwaway server, removed
// recursively when the object goes away.
#pragma once

#include <string>

namespace gb::test {

class TempDir {
 public:
  // Creates /tmp/<prefix>XXXXXX (mode 0700). Aborts the test binary if /tmp is
  // unusable: nothing meaningful can run without it.
  explicit TempDir(const std::string& prefix = "gb-test-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string File(const std::string& name) const;
  // Hands the directory to another user (the PostgreSQL server runs as
  // `postgres` while the tests run as root). No-op when not root.
  void ChownTo(const std::string& user) const;

 private:
  std::string path_;
};

}  // namespace gb::test
