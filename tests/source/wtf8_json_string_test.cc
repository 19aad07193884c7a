#include "source/wtf8_json_string.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

using namespace std::string_literals;

TEST(DecodeJsonStringWtf8, EscapesAndPairsDecodeLikeAnyJsonParser) {
  EXPECT_EQ(DecodeJsonStringWtf8(R"("plain")"), "plain");
  EXPECT_EQ(DecodeJsonStringWtf8(R"("q\" b\\ s\/ \b\f\n\r\t")"), "q\" b\\ s/ \b\f\n\r\t");
  EXPECT_EQ(DecodeJsonStringWtf8(R"("\u00e9\u05e9\ud83c\udfb9\u0000" )"),
            "\xC3\xA9\xD7\xA9\xF0\x9F\x8E\xB9\0"s);
  EXPECT_EQ(DecodeJsonStringWtf8(R"("")"), "");
}

TEST(DecodeJsonStringWtf8, LoneSurrogatesBecomeTheirGeneralizedUtf8) {
  EXPECT_EQ(DecodeJsonStringWtf8(R"("a\ud800b")"),
            "a\xED\xA0\x80"
            "b");
  EXPECT_EQ(DecodeJsonStringWtf8(R"("\udc00\ud800")"), "\xED\xB0\x80\xED\xA0\x80");
  EXPECT_EQ(DecodeJsonStringWtf8(R"("\ud800\u0041")"),
            "\xED\xA0\x80"
            "A");
  EXPECT_EQ(DecodeJsonStringWtf8(R"("\ud800")"), "\xED\xA0\x80");
}

TEST(DecodeJsonStringWtf8, NotAStringOrUnknownEscapeIsNone) {
  EXPECT_FALSE(DecodeJsonStringWtf8("42"));
  EXPECT_FALSE(DecodeJsonStringWtf8("\""));
  EXPECT_FALSE(DecodeJsonStringWtf8(R"("\x41")"));
  EXPECT_FALSE(DecodeJsonStringWtf8(R"("\u12")"));
  EXPECT_FALSE(DecodeJsonStringWtf8(R"("\u12zz")"));
  EXPECT_FALSE(DecodeJsonStringWtf8(R"("ends in \")"));
}

}  // namespace
}  // namespace gb
