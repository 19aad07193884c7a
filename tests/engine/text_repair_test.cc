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
  auto r = RepairText("a\xED\xA0\x80z\0"s);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.text, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_TRUE(IsValidUtf8(r.text));
  EXPECT_EQ(r.issue, "nul,invalid_utf8");
  EXPECT_EQ(r.original_base64, Base64Encode("a\xED\xA0\x80z\0"s));
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
