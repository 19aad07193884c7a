#include "sim/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gb::sim {
namespace {

TEST(JsonWriterTest, WritesNestedValuesWithCommas) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(1);
  w.Null();
  w.Bool(true);
  w.EndArray();
  w.Key("b");
  w.String("x");
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[1,null,true],"b":"x"})");
}

TEST(JsonWriterTest, EscapesEveryHostileStringSoItRoundTrips) {
  const std::string hostile[] = {std::string("nul\0inside", 10), "quote \" backslash \\ slash /",
                                 "\n\r\t\b\f\x01\x1f\x7f",       "🎹 émoji — עברית العربية",
                                 "'); DROP TABLE x; --",         std::string(1 << 20, 'A')};
  for (const auto& s : hostile) {
    std::string out;
    JsonWriter w(&out);
    w.BeginArray();
    w.String(s);
    w.EndArray();
    auto parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed[0].get<std::string>(), s);
  }
}

TEST(JsonWriterTest, EscapedStringIsWrittenVerbatim) {
  std::string out;
  JsonWriter w(&out);
  w.EscapedString("lone \\ud800 surrogate");
  EXPECT_EQ(out, "\"lone \\ud800 surrogate\"");
}

}  // namespace
}  // namespace gb::sim
