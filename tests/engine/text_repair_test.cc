#include "engine/text_repair.h"

#include <gtest/gtest.h>

#include "engine/utf8.h"

namespace gb {
namespace {

using namespace std::string_literals;

TEST(Utf8Test, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("é ü 日本 🎹 שלום"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // cut sequence
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // lone surrogate D800 (CESU/WTF-8)
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8Test, TruncatesAtCharacterBoundaries) {
  const std::string text = "aé🎹b";  // 4 characters, 1+2+4+1 bytes
  EXPECT_EQ(Utf8Length(text), 4u);
  EXPECT_EQ(TruncateUtf8(text, 0), "");
  EXPECT_EQ(TruncateUtf8(text, 1), "a");
  EXPECT_EQ(TruncateUtf8(text, 2), "aé");
  EXPECT_EQ(TruncateUtf8(text, 3), "aé🎹");
  EXPECT_EQ(TruncateUtf8(text, 4), text);
  EXPECT_EQ(TruncateUtf8(text, 10), text);
}

TEST(TextRepairTest, CleanTextIsUntouched) {
  auto r = RepairText("Tuning 440 Hz — «ok»");
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.text, "Tuning 440 Hz — «ok»");
  EXPECT_TRUE(r.original_base64.empty());
}

TEST(TextRepairTest, RemovesNulAndKeepsTheOriginal) {
  auto r = RepairText("ab\0c"s);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.text, "abc");
  EXPECT_EQ(r.issue, "nul");
  EXPECT_EQ(r.original_base64, "YWIAYw==");
}

TEST(TextRepairTest, ReplacesInvalidBytesAndKeepsTheOriginal) {
  auto r = RepairText("a\xC0\xAF\xFFz\0"s);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.text, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_TRUE(IsValidUtf8(r.text));
  EXPECT_EQ(r.issue, "nul,invalid_utf8");
  EXPECT_EQ(r.original_base64, Base64Encode("a\xC0\xAF\xFFz\0"s));
  EXPECT_EQ(r.original_escaped, "");  // not JSON text: the base64 is the original
}

TEST(TextRepairTest, LoneSurrogateBecomesOneReplacementAndKeepsTheEscapedForm) {
  // a, lone D800, z, lone DFFF, quote, backslash, NUL, é: as the node parser decodes them (WTF-8).
  const std::string sent = "a\xED\xA0\x80z\xED\xBF\xBF\"\\\0\xC3\xA9"s;
  auto r = RepairText(sent);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.text, "a\xEF\xBF\xBDz\xEF\xBF\xBD\"\\\xC3\xA9");
  EXPECT_EQ(r.issue, "nul,lone_surrogate");
  EXPECT_EQ(r.original_escaped, "a\\ud800z\\udfff\\\"\\\\\\u0000\xC3\xA9");
  EXPECT_EQ(r.original_base64, Base64Encode(sent));
}

TEST(TextRepairTest, SurrogateAndOtherInvalidBytesTogether) {
  auto r = RepairText("\xED\xA0\x80\xFF\xED\xA0"s);  // the last one is cut short
  EXPECT_EQ(r.text, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(r.issue, "lone_surrogate,invalid_utf8");
  EXPECT_EQ(r.original_escaped, "");
  EXPECT_TRUE(IsValidUtf8(r.text));
}

TEST(TextRepairTest, EncodedSurrogateLength) {
  EXPECT_EQ(EncodedSurrogateLength("\xED\xA0\x80", 0), 3u);
  EXPECT_EQ(EncodedSurrogateLength("x\xED\xBF\xBF", 1), 3u);
  EXPECT_EQ(EncodedSurrogateLength("\xED\x9F\xBF", 0), 0u);  // U+D7FF: a real character
  EXPECT_EQ(EncodedSurrogateLength("\xED\xA0", 0), 0u);
  EXPECT_EQ(EncodedSurrogateLength("\xED\xA0z", 0), 0u);
}

TEST(TextRepairTest, Base64) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace gb
