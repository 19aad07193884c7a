// A worker's reason in words, from its code and fields, in English and in
// French through the real catalog; never by matching an English sentence.
#include "monitor/wait_reason_text.h"

#include <gtest/gtest.h>

#include "monitor/i18n.h"

namespace gb {
namespace {

const std::string kReasonLocaleDir = std::string(GB_BUILD_DIR) + "/locale";
const auto kAt140231 = std::chrono::system_clock::time_point(std::chrono::seconds(1732111351));

class WaitReasonFrenchTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(UseCatalog(kReasonLocaleDir, FrenchLocale())); }
  void TearDown() override { UseCatalog("", EnglishLocale()); }
};

TEST(WaitReasonTextTest, EnglishFromTheCode) {
  EXPECT_EQ(WaitReasonText({}), "");
  EXPECT_EQ(WaitReasonText(RetryWait("api", 429, "429 Too Many Requests", 1, kAt140231)),
            "waiting on the API (429 Too Many Requests) until 14:02:31 UTC");
  EXPECT_EQ(WaitReasonText(RetryWait("database", 0, "connection lost", 2, kAt140231)),
            "waiting on the database (connection lost) until 14:02:31 UTC");
  EXPECT_EQ(WaitReasonText(SlowPace(312, 1450)),
            "312 entries/s, below its recent pace of 1,450 entries/s");
  EXPECT_EQ(WaitReasonText(Because(WaitKind::kTokenRefreshFailed, "invalid_grant")),
            "token refresh failed: invalid_grant");
  EXPECT_EQ(WaitReasonText(Because(WaitKind::kStoppedOnRequest)),
            "stopped on request; rerun the same command to resume");
}

TEST_F(WaitReasonFrenchTest, FrenchFromTheCode) {
  EXPECT_EQ(WaitReasonText(RetryWait("api", 429, "429 Too Many Requests", 1, kAt140231)),
            "en attente de l’API (429 trop de requêtes) jusqu’à 14:02:31 UTC");
  EXPECT_EQ(WaitReasonText(SlowPace(312, 1450)),
            "312 entrées/s, sous son rythme récent de 1\u00a0450 entrées/s");
  EXPECT_EQ(WaitReasonText(Because(WaitKind::kStoppedOnRequest)).rfind("arrêté", 0), 0u);
}

// The words come from the code, whatever English the cause was written in:
// a source that words its 429 differently is still "429 trop de requêtes".
TEST_F(WaitReasonFrenchTest, ARateLimitWordedOtherwiseStillTranslates) {
  EXPECT_EQ(WaitReasonText(RetryWait("api", 429, "Too many requests, slow down", 1, kAt140231)),
            "en attente de l’API (429 trop de requêtes) jusqu’à 14:02:31 UTC");
}

// i18n no longer recognises the wait sentences: a worker's reason is never
// translated back from English (this fails while TrReason still matches them).
TEST_F(WaitReasonFrenchTest, TheWaitSentencesAreNoLongerPatternMatched) {
  for (const char* english : {"waiting on the API (429 Too Many Requests) until 14:02:31 UTC",
                              "waiting on the database (connection lost) until 14:02:31 UTC",
                              "token refresh failed: invalid_grant",
                              "312 entries/s, below its recent pace of 1450 entries/s"}) {
    EXPECT_EQ(TrReason(english), english);
  }
}

// A row an earlier version wrote holds the English sentence: shown as it is.
TEST_F(WaitReasonFrenchTest, AnEarlierVersionsSentenceIsShownAsItIs) {
  const std::string old = "waiting on the API (429 Too Many Requests) until 14:02:31 UTC";
  EXPECT_EQ(WaitReasonText(WaitReasonFromCode("", old)), old);
}

}  // namespace
}  // namespace gb
