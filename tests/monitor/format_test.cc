#include "monitor/format.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

using std::chrono::seconds;

TEST(FormatCount, GroupsThousands) {
  EXPECT_EQ(FormatCount(0, EnglishLocale()), "0");
  EXPECT_EQ(FormatCount(999, EnglishLocale()), "999");
  EXPECT_EQ(FormatCount(1000, EnglishLocale()), "1,000");
  EXPECT_EQ(FormatCount(45234, EnglishLocale()), "45,234");
  EXPECT_EQ(FormatCount(282669, EnglishLocale()), "282,669");
  EXPECT_EQ(FormatCount(1234567, EnglishLocale()), "1,234,567");
  EXPECT_EQ(FormatCount(-1234, EnglishLocale()), "-1,234");
}

TEST(FormatCount, FrenchUsesANoBreakSpace) {
  EXPECT_EQ(FormatCount(45234, FrenchLocale()), "45\u00a0234");
  EXPECT_EQ(FormatDecimal(3.46, 1, FrenchLocale()), "3,5");
}

TEST(FormatDecimal, RoundsAndGroups) {
  EXPECT_EQ(FormatDecimal(1234.56, 1, EnglishLocale()), "1,234.6");
  EXPECT_EQ(FormatDecimal(0.04, 1, EnglishLocale()), "0.0");
  EXPECT_EQ(FormatDecimal(-2.5, 1, EnglishLocale()), "-2.5");
}

TEST(FormatDuration, HoursMinutesSeconds) {
  EXPECT_EQ(FormatDuration(seconds(0)), "0s");
  EXPECT_EQ(FormatDuration(seconds(12)), "12s");
  EXPECT_EQ(FormatDuration(seconds(245)), "4m 05s");
  EXPECT_EQ(FormatDuration(seconds(3723)), "1h 02m 03s");
  EXPECT_EQ(FormatDuration(seconds(30 * 3600)), "30h 00m 00s");
  EXPECT_EQ(FormatDuration(seconds(47 * 3600 + 59 * 60 + 59)), "47h 59m 59s");
  EXPECT_EQ(FormatDuration(seconds(48 * 3600)), "2d 00h 00m");
  EXPECT_EQ(FormatDuration(seconds(7753 * 3600 + 57 * 60 + 57)), "323d 01h 57m");
  EXPECT_EQ(FormatDuration(seconds(-5)), "0s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(4999)), "4s");
}

TEST(FormatPercent, RoundsDownSoHundredMeansAll) {
  EXPECT_EQ(FormatPercent(12345, 26034, EnglishLocale()), "47%");
  EXPECT_EQ(FormatPercent(26033, 26034, EnglishLocale()), "99%");
  EXPECT_EQ(FormatPercent(26034, 26034, EnglishLocale()), "100%");
  EXPECT_EQ(FormatPercent(0, 0, EnglishLocale()), "0%");
  EXPECT_EQ(FormatPercent1(6000, 282669, EnglishLocale()), "2.1%");
  EXPECT_EQ(FormatPercent1(282668, 282669, EnglishLocale()), "99.9%");
}

TEST(FormatRate, WholeAboveTenOneDecimalBelow) {
  EXPECT_EQ(FormatRate(3210.4, EnglishLocale()), "3,210 e/s");
  EXPECT_EQ(FormatRate(4.54, EnglishLocale()), "4.5 e/s");
  EXPECT_EQ(FormatRate(0, EnglishLocale()), "0 e/s");
  EXPECT_EQ(FormatRate(-1, EnglishLocale()), "0 e/s");
}

TEST(DisplayWidth, CountsCodePoints) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("a · b"), 5u);
  EXPECT_EQ(DisplayWidth("1–2"), 3u);
  EXPECT_EQ(TruncateToWidth("a · b", 3), "a ·");
  EXPECT_EQ(TruncateToWidth("abc", 10), "abc");
  EXPECT_EQ(PadLeft("7", 3), "  7");
  EXPECT_EQ(PadRight("·", 3), "·  ");
}

TEST(Locale, ChosenFromTheEnvironmentLikeGettext) {
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, nullptr).language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_CA.UTF-8").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, "fr_FR.UTF-8", "en_US.UTF-8").language, "fr");
  EXPECT_EQ(LocaleFromEnv("C", "fr_FR.UTF-8", nullptr).language, "en");
  EXPECT_EQ(LocaleFromEnv("", "", "fr").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fy_NL").language, "en");
  EXPECT_EQ(Tr("Batch {}/{}"), "Batch {}/{}");
  EXPECT_EQ(TrFormat("Batch {}/{}", 1, 2), "Batch 1/2");
}

}  // namespace
}  // namespace gb
