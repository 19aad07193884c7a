#include "core/date_span.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

TEST(DateSpanTest, FromTheFirstDayOfTheFirstYearToTheLastOfTheLast) {
  EXPECT_EQ(SpanOfYears({2016, 2017, 2018}), (DateSpan{"2016-01-01", "2018-12-31"}));
  EXPECT_EQ(SpanOfYears({2024}), (DateSpan{"2024-01-01", "2024-12-31"}));
  EXPECT_EQ(SpanOfYears({2018, 2016}), (DateSpan{"2016-01-01", "2018-12-31"}))
      << "years not contiguous: the span covers the gap (more, never less)";
}

TEST(DateSpanTest, NoYearsIsTheWhole) {
  EXPECT_TRUE(SpanOfYears({}).whole());
  EXPECT_FALSE(SpanOfYears({2024}).whole());
}

}  // namespace
}  // namespace gb
