#include "sim/jsonl_dump.h"

#include <cstdio>
#include <memory>

#include "sim/entity_writer.h"
#include "sim/json_writer.h"
#include "sim/sim_content.h"

namespace gb::sim {

Result<int64_t> WriteJsonlDump(const SimDataset& data, const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Fail(ErrorKind::kConfig, "cannot create " + path);
  std::string buffer;
  buffer.reserve(1 << 20);
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    JsonWriter w(&buffer);
    WriteFullNode(w, MakeNode(data, data.At(pos, 0)));
    buffer.push_back('\n');
    if (buffer.size() >= (1 << 20) || pos + 1 == data.base_size()) {
      if (std::fwrite(buffer.data(), 1, buffer.size(), file.get()) != buffer.size()) {
        return Fail(ErrorKind::kConfig, "cannot write " + path + " (disk full?)");
      }
      buffer.clear();
    }
  }
  if (std::fflush(file.get()) != 0) return Fail(ErrorKind::kConfig, "cannot write " + path);
  return data.base_size();
}

}  // namespace gb::sim
