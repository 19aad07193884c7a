#include "core/iso_time.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

TEST(IsoTime, ParsesUtcAndOffsets) {
  EXPECT_EQ(ParseIsoUtc("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseIsoUtc("2024-11-15T14:23:00Z"), 1731680580);
  EXPECT_EQ(ParseIsoUtc("2024-11-15T14:23:00.123Z"), 1731680580);
  EXPECT_EQ(ParseIsoUtc("2024-11-15T09:23:00-05:00"), 1731680580);
  EXPECT_EQ(ParseIsoUtc("2024-11-15T15:23:00+01:00"), 1731680580);
}

TEST(IsoTime, RejectsMalformedAndOutOfRange) {
  EXPECT_FALSE(ParseIsoUtc(""));
  EXPECT_FALSE(ParseIsoUtc("2024-11-15"));
  EXPECT_FALSE(ParseIsoUtc("2024-13-01T00:00:00Z"));
  EXPECT_FALSE(ParseIsoUtc("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(ParseIsoUtc("2024-11-15T24:00:00Z"));
  EXPECT_FALSE(ParseIsoUtc("2024-11-15T14:23:00"));
  EXPECT_FALSE(ParseIsoUtc("2024-11-15T14:23:00Zjunk"));
  EXPECT_FALSE(ParseIsoUtc("20x4-11-15T14:23:00Z"));
}

TEST(IsoTime, FormatsRoundTrip) {
  EXPECT_EQ(FormatIsoUtc(1731680580), "2024-11-15T14:23:00Z");
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ParseIsoUtc(FormatIsoUtc(1451606400)), 1451606400);
  EXPECT_EQ(FormatIsoUtc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatIsoUtc(951825599), "2000-02-29T11:59:59Z");
  EXPECT_EQ(FormatIsoUtc(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatIsoUtc(253402300800), "10000-01-01T00:00:00Z");  // beyond 4 digits: as date says
  EXPECT_EQ(FormatIsoUtc(-62135596800), "0001-01-01T00:00:00Z");
  // Every second of a leap day and a year change, and a spread of times, parse back.
  for (int64_t t = 951782400 - 5; t < 951868800 + 5; t += 7)
    EXPECT_EQ(ParseIsoUtc(FormatIsoUtc(t)), t);
  for (int64_t t = -62'000'000'000; t < 253'000'000'000; t += 399'999'937) {
    EXPECT_EQ(ParseIsoUtc(FormatIsoUtc(t)), t) << t;
  }
}

TEST(YearZone, UtcBoundaries) {
  auto zone = YearZone::Make("UTC");
  ASSERT_TRUE(zone);
  EXPECT_EQ(zone->YearStart(2016), 1451606400);
  EXPECT_EQ(zone->YearOf(1451606400), 2016);
  EXPECT_EQ(zone->YearOf(1451606399), 2015);
}

TEST(YearZone, TorontoBoundariesAreLocalMidnight) {
  auto zone = YearZone::Make("America/Toronto");
  ASSERT_TRUE(zone);
  // 2024-01-01T00:00 in Toronto (EST, UTC-5) is 05:00 UTC.
  EXPECT_EQ(zone->YearStart(2024), *ParseIsoUtc("2024-01-01T05:00:00Z"));
  EXPECT_EQ(zone->YearOf(*ParseIsoUtc("2024-01-01T04:59:59Z")), 2023);
  EXPECT_EQ(zone->YearOf(*ParseIsoUtc("2024-01-01T05:00:00Z")), 2024);
}

TEST(YearZone, UnknownZoneIsAConfigError) {
  auto zone = YearZone::Make("Mars/Olympus");
  ASSERT_FALSE(zone);
  EXPECT_EQ(zone.error().kind, ErrorKind::kConfig);
  EXPECT_NE(zone.error().message.find("America/Toronto"), std::string::npos);
}

}  // namespace
}  // namespace gb
