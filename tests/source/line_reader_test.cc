#include "source/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace gb {
namespace {

std::string Write(const test::TempDir& dir, const std::string& text) {
  const std::string path = dir.File("f.txt");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(LineReader, LinesWithOffsetsCrLfAndNoFinalNewline) {
  test::TempDir dir("gb-lines-");
  LineReader in(Write(dir, "ab\r\n\nxyz"), 0);
  ASSERT_TRUE(in.ok());
  std::string_view line;
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line, "ab");
  EXPECT_EQ(in.line_offset(), 0);
  EXPECT_EQ(in.offset(), 4);
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line, "");
  EXPECT_FALSE(in.AtEnd());
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line, "xyz");
  EXPECT_EQ(in.line_offset(), 5);
  EXPECT_EQ(in.offset(), 8);
  EXPECT_TRUE(in.AtEnd());
  EXPECT_FALSE(in.Next(&line));
  EXPECT_TRUE(in.ok());
}

TEST(LineReader, StartsAtAnOffsetAndEndsAfterTheLastNewline) {
  test::TempDir dir("gb-lines-");
  LineReader in(Write(dir, "one\ntwo\n"), 4);
  std::string_view line;
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line, "two");
  EXPECT_EQ(in.offset(), 8);
  EXPECT_TRUE(in.AtEnd());
  EXPECT_FALSE(in.Next(&line));
}

// Lines across the 1 MiB buffer's edge, and one longer than the buffer.
TEST(LineReader, LinesAcrossAndLongerThanTheBuffer) {
  test::TempDir dir("gb-lines-");
  std::string text, huge(3 << 20, 'h');
  int64_t lines = 0;
  for (; text.size() < (1 << 20) + 5000; ++lines) text += std::string(997, 'a' + lines % 26) + "\n";
  text += huge + "\nend";
  LineReader in(Write(dir, text), 0);
  std::string_view line;
  for (int64_t i = 0; i < lines; ++i) {
    ASSERT_TRUE(in.Next(&line)) << i;
    ASSERT_EQ(line, std::string(997, 'a' + i % 26)) << i;
    ASSERT_EQ(in.line_offset(), i * 998);
  }
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line.size(), huge.size());
  ASSERT_TRUE(in.Next(&line));
  EXPECT_EQ(line, "end");
  EXPECT_EQ(in.offset(), static_cast<int64_t>(text.size()));
  EXPECT_FALSE(in.Next(&line));
}

TEST(LineReader, AMissingFileIsNotOk) {
  LineReader in("/nonexistent/gb-line-reader", 0);
  EXPECT_FALSE(in.ok());
}

}  // namespace
}  // namespace gb
