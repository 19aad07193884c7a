// libFuzzer target: the GraphQL library's parser (lexer + recursive
// descent) on arbitrary bytes. It must never crash, hang or overflow the
// stack; every failure must come back as a SyntaxError with a location.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "graphql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto doc = gb::graphql::Parse(source);
  // A syntax error must say what is wrong, and point inside (or just past) the input.
  if (!doc && (doc.error().message.empty() || doc.error().loc.line < 1)) std::abort();
  return 0;
}
