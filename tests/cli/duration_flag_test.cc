#include "cli/duration_flag.h"

#include <gtest/gtest.h>

namespace gb::cli {
namespace {

using std::chrono::seconds;

TEST(ParseDurationFlag, NumberAndUnit) {
  EXPECT_EQ(*ParseDurationFlag("--every", "90s"), seconds(90));
  EXPECT_EQ(*ParseDurationFlag("--every", "15m"), seconds(900));
  EXPECT_EQ(*ParseDurationFlag("--every", "2h"), seconds(7200));
  EXPECT_EQ(*ParseDurationFlag("--overlap", "30d"), seconds(30 * 86400));
}

TEST(ParseDurationFlag, AnythingElseSaysWhatIsAcceptedAndNamesTheFlag) {
  for (const char* bad : {"", "15", "m", "15 m", "-5m", "0s", "1.5h", "15min", "99999d"}) {
    SCOPED_TRACE(bad);
    auto d = ParseDurationFlag("--every", bad);
    ASSERT_FALSE(d.has_value());
    EXPECT_EQ(d.error().kind, ErrorKind::kConfig);
    EXPECT_NE(d.error().message.find("--every"), std::string::npos) << d.error().message;
    EXPECT_NE(d.error().message.find("15m"), std::string::npos) << d.error().message;
  }
}

}  // namespace
}  // namespace gb::cli
