#include "sim/jsonl_dump.h"

#include <cstdio>
#include <memory>

#include "sim/entity_writer.h"
#include "sim/json_writer.h"
#include "sim/sim_content.h"

namespace gb::sim {
namespace {

// {"__typename":"PrivateUser","id":…,"firstName":…,"lastName":…,"email":…,
// "accessLevel":…,"status":…}: one element of allUsers, named.
void WriteDumpUser(JsonWriter& w, const ApiUser& u) {
  w.BeginObject();
  w.Key("__typename");
  w.String("PrivateUser");
  for (auto [key, value] : {std::pair<const char*, const std::string*>{"id", &u.id},
                            {"firstName", &u.first_name},
                            {"lastName", &u.last_name},
                            {"email", &u.email}}) {
    w.Key(key);
    w.String(*value);
  }
  w.Key("accessLevel");
  if (u.access_level) {
    w.String(*u.access_level);
  } else {
    w.Null();
  }
  w.Key("status");
  w.String(u.status);
  w.EndObject();
}

bool Flush(FILE* file, std::string* buffer) {
  const bool ok = std::fwrite(buffer->data(), 1, buffer->size(), file) == buffer->size();
  buffer->clear();
  return ok;
}

tl::unexpected<Error> CannotWrite(const std::string& path) {
  return Fail(ErrorKind::kConfig, "cannot write " + path + " (disk full?)");
}

}  // namespace

Result<DumpWritten> WriteJsonlDump(const SimDataset& data, const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Fail(ErrorKind::kConfig, "cannot create " + path);
  std::string buffer;
  buffer.reserve(1 << 20);
  for (const ApiUser& user : data.users()) {
    JsonWriter w(&buffer);
    WriteDumpUser(w, user);
    buffer.push_back('\n');
  }
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    JsonWriter w(&buffer);
    WriteFullNode(w, MakeNode(data, data.At(pos, 0)));
    buffer.push_back('\n');
    if (buffer.size() >= (1 << 20) || pos + 1 == data.base_size()) {
      if (!Flush(file.get(), &buffer)) return CannotWrite(path);
    }
  }
  if (!Flush(file.get(), &buffer) || std::fflush(file.get()) != 0) return CannotWrite(path);
  return DumpWritten{static_cast<int64_t>(data.users().size()), data.base_size()};
}

}  // namespace gb::sim
