#include "cli/year_range.h"

#include <gtest/gtest.h>

namespace gb::cli {
namespace {

using YearList = std::vector<int>;

YearList Ok(std::vector<std::string> specs) {
  auto years = ParseYears(specs);
  EXPECT_TRUE(years.has_value()) << (years ? "" : years.error().message);
  return years.value_or(YearList{});
}

std::string Err(std::vector<std::string> specs) {
  auto years = ParseYears(specs);
  EXPECT_FALSE(years.has_value());
  if (years) return "";
  EXPECT_EQ(years.error().kind, ErrorKind::kConfig);
  return years.error().message;
}

TEST(ParseYears, RangesInEitherOrder) {
  YearList ten = {2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025};
  EXPECT_EQ(Ok({"2016-2025"}), ten);
  EXPECT_EQ(Ok({"2025-2016"}), ten);
  EXPECT_EQ(Ok({"2016..2025"}), ten);
  EXPECT_EQ(Ok({" 2016 - 2025 "}), ten);
}

TEST(ParseYears, SingleYearsListsAndRepeats) {
  EXPECT_EQ(Ok({"2024"}), (YearList{2024}));
  EXPECT_EQ(Ok({"2016,2018"}), (YearList{2016, 2018}));
  EXPECT_EQ(Ok({"2018", "2016"}), (YearList{2016, 2018}));
  EXPECT_EQ(Ok({"2024", "2023", "2024"}), (YearList{2023, 2024}));
  EXPECT_EQ(Ok({"2016-2017,2020", "2019"}), (YearList{2016, 2017, 2019, 2020}));
}

TEST(ParseYears, ClearErrors) {
  std::string typo = Err({"20x6"});
  EXPECT_NE(typo.find("'20x6' is not a year"), std::string::npos) << typo;
  EXPECT_NE(typo.find("2016-2025"), std::string::npos) << typo;  // says what to write
  EXPECT_NE(Err({"2016-20x5"}).find("'20x5'"), std::string::npos);
  EXPECT_NE(Err({"1999"}).find("1999 is out of range"), std::string::npos);
  EXPECT_NE(Err({"2016,,2018"}).find("empty item"), std::string::npos);
  EXPECT_NE(Err({"2016-"}).find("'' is not a year"), std::string::npos);
  EXPECT_NE(Err({"-2016"}).find("-2016 is out of range"), std::string::npos);
  EXPECT_NE(Err({"twenty"}).find("'twenty'"), std::string::npos);
  EXPECT_NE(Err({}).find("No years given"), std::string::npos);
  EXPECT_NE(Err({"99999999999"}).find("is not a year"), std::string::npos);
}

TEST(YearsFromStartEnd, OldSpellingInEitherOrder) {
  EXPECT_EQ(YearsFromStartEnd(2024, 2016).value(), Ok({"2016-2024"}));
  EXPECT_EQ(YearsFromStartEnd(2016, 2024).value(), Ok({"2016-2024"}));
  EXPECT_EQ(YearsFromStartEnd(2024, std::nullopt).value(), (YearList{2024}));
  EXPECT_EQ(YearsFromStartEnd(std::nullopt, 2020).value(), (YearList{2020}));
  auto none = YearsFromStartEnd(std::nullopt, std::nullopt);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("--years"), std::string::npos);
  EXPECT_FALSE(YearsFromStartEnd(1900, 2016).has_value());
}

TEST(DescribeYears, RangeOrList) {
  EXPECT_EQ(DescribeYears({2016, 2017, 2018}), "2016-2018");
  EXPECT_EQ(DescribeYears({2024}), "2024");
  EXPECT_EQ(DescribeYears({2016, 2018}), "2016, 2018");
}

}  // namespace
}  // namespace gb::cli
