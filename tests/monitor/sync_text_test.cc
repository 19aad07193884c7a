// A sync's comparison in words: the streams swept whole, those fetched new
// since a date (with how many the API has since then, digits grouped) and
// those equal by count, in the log line and the summary, in English and
// from the real French catalog.
#include "monitor/sync_text.h"

#include <gtest/gtest.h>

#include "monitor/i18n.h"

namespace gb {
namespace {

SyncCompared StreamsCompared() {
  SyncCompared e;
  e.streams_swept = {"invoices"};
  e.streams_new = {{"clients", "2026-01-03", 1234}, {"pianos", "2026-01-04", 2}};
  e.streams_equal = {"events", "estimates"};
  return e;
}

TEST(SyncComparedText, SaysWhichStreamsAreSweptWholeFetchedNewOrEqual) {
  EXPECT_EQ(SyncComparedText(StreamsCompared()),
            "Sync: streams swept whole: invoices; new since a date: clients (1,234 created since "
            "2026-01-03), pianos (2 created since 2026-01-04); unchanged by count: events, "
            "estimates");
  SyncCompared none;
  none.streams_equal = {"clients"};
  EXPECT_EQ(SyncComparedText(none),
            "Sync: streams swept whole: none; new since a date: none; unchanged by count: clients");
  EXPECT_EQ(SyncComparedText(SyncCompared{}), "") << "no stream, no timeline: nothing to say";
}

TEST(SyncSummaryText, ListsTheStreamsAfterTheTotals) {
  Snapshot s;
  s.sync.compared = true;
  const SyncCompared e = StreamsCompared();
  s.sync.streams_swept = e.streams_swept;
  s.sync.streams_new = e.streams_new;
  s.sync.streams_equal = e.streams_equal;
  const std::string text = SyncSummaryText(s);
  EXPECT_NE(text.find("\n  Streams swept whole: invoices; new since a date: clients (1,234 created "
                      "since 2026-01-03), pianos (2 created since 2026-01-04); unchanged by "
                      "count: events, estimates\n"),
            std::string::npos)
      << text;
}

class SyncTextFrenchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(UseCatalog(std::string(GB_BUILD_DIR) + "/locale", FrenchLocale()));
  }
  void TearDown() override { UseCatalog("", EnglishLocale()); }
};

TEST_F(SyncTextFrenchTest, TheComparisonInFrench) {
  EXPECT_EQ(SyncComparedText(StreamsCompared()),
            "Sync\u00a0: flux relus en entier\u00a0: invoices\u202f; nouveaux depuis une "
            "date\u00a0: clients (1\u00a0234 créés depuis le 2026-01-03), pianos (2 créés depuis "
            "le 2026-01-04)\u202f; inchangés d’après leur compte\u00a0: events, estimates");
}

}  // namespace
}  // namespace gb
