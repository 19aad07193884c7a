// A small, fast JSON writer for the simulator's answers: appends to one
// string, tracks commas with a depth stack, escapes per RFC 8259 (quotes,
// backslashes, every control character including NUL); UTF-8 passes through.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gb::sim {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  // `escaped` is already JSON string content (used to send hostile escapes verbatim).
  void EscapedString(std::string_view escaped);
  // `json` is a complete JSON value (written as is).
  void Raw(std::string_view json);
  void Int(int64_t value);
  void Double(double value);
  void Bool(bool value);
  void Null();

 private:
  void BeforeValue();

  std::string* out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace gb::sim
