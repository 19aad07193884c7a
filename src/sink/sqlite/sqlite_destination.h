// The embedded default destination: one SQLite file (WAL), one writer at a time.
#pragma once

#include <string>

#include "sink/destination.h"

namespace gb {

class SqliteDestination final : public Destination {
 public:
  explicit SqliteDestination(std::string path) : path_(std::move(path)) {}
  Result<std::unique_ptr<Session>> Connect() override;
  std::string Describe() const override { return "sqlite:" + path_; }
  bool ConcurrentWriters() const override { return false; }

 private:
  std::string path_;
};

}  // namespace gb
