// The shared test TempDir, plus writing a file into it.
#pragma once

#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace gb::testing {

class TempDir : public gb::test::TempDir {
 public:
  TempDir() : gb::test::TempDir("gb-source-") {}
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(File(name), std::ios::binary) << text;
    return File(name);
  }
};

}  // namespace gb::testing
