#include "source/jsonl_quick_fields.h"

#include <gtest/gtest.h>

#include <fstream>

#include "source/jsonl_source.h"
#include "support/temp_dir.h"

namespace gb {
namespace {

constexpr const char* kLine =
    R"({"id":"tme_0123456789abcdef0123","occurredAt":"2024-11-15T14:23:00Z","type":"INVOICE",)"
    R"("summary":"Facture","comment":null,"client":{"id":"cli_a"},"piano":null,"user":null,)"
    R"("invoice":null,"estimate":null})";

TEST(QuickFields, ReadsTheCanonicalPrefix) {
  auto q = ReadQuickFields(kLine);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->type, "INVOICE");
  EXPECT_EQ(q->occurred_at, 1731680580);
}

TEST(QuickFields, AnyOtherShapeIsLeftToTheFullParse) {
  const std::string line = kLine;
  auto swap = [&](const std::string& from, const std::string& to) {
    std::string s = line;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  for (const std::string& odd : {
           swap("tme_0123456789abcdef0123", "tme_0123456789ABCDEF0123"),  // not lower hex
           swap("tme_0123456789abcdef0123", "tme_01"),                    // short id
           swap("2024-11-15T14:23:00Z", "2024-11-15T14:23:00+01:00"),     // not Z
           swap("2024-11-15T14:23:00Z", "2024-13-45T99:99:99Z"),          // not a time
           swap("\"INVOICE\"", "\"INV\\u004fICE\""),                      // escaped type
           swap("\"INVOICE\"", "null"),                                   // no type
           std::string(" ") + line,                                       // reordered or spaced
       }) {
    EXPECT_FALSE(ReadQuickFields(odd).has_value()) << odd;
  }
}

// A line broken after its type parses as an empty, lenient node that reaches
// every typed stream: the quick read must not filter it out by its type.
TEST(QuickFields, ALineBrokenFurtherOnStillReachesEveryTypedFilter) {
  test::TempDir dir("gb-quick-");
  const std::string broken = std::string(kLine).substr(0, std::string(kLine).size() - 20);
  {
    std::ofstream out(dir.File("d.jsonl"));
    out << kLine << "\n" << broken << "\n";
  }
  auto source = JsonlSource::Open(dir.File("d.jsonl"));
  ASSERT_TRUE(source.has_value());
  TimelineFilter appointments{{"APPOINTMENT"}, std::nullopt, "2016-01-01T00:00:00Z"};
  auto count = (*source)->Count(appointments);
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 1);
  auto page = (*source)->FetchPage({appointments, std::nullopt, 100});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->nodes.size(), 1u);
  EXPECT_FALSE(page->nodes[0].defect.empty());
  TimelineFilter invoices{{"INVOICE"}, std::nullopt, "2016-01-01T00:00:00Z"};
  EXPECT_EQ((*source)->Count(invoices).value_or(-1), 2);
  TimelineFilter later{{}, std::nullopt, "2025-01-01T00:00:00Z"};
  EXPECT_EQ((*source)->Count(later).value_or(-1), 1) << "only the lenient broken line";
}

TEST(QuickFields, TheQuickReadHoldsOnlyForAWholeValidLineWithEachKeyOnce) {
  const std::string line = kLine;
  EXPECT_TRUE(QuickReadHolds(line));
  EXPECT_FALSE(QuickReadHolds(line.substr(0, line.size() - 1)));  // cut off
  std::string repeated = line;
  repeated.replace(repeated.find("\"Facture\""), 9,
                   "\"F\",\"occurredAt\":\"2016-01-01T00:00:00Z\"");
  EXPECT_FALSE(QuickReadHolds(repeated));
  std::string bad_utf8 = line;
  bad_utf8.replace(bad_utf8.find("Facture"), 1, "\xff");
  EXPECT_FALSE(QuickReadHolds(bad_utf8));
  EXPECT_EQ(QuickType(line), "INVOICE");
  EXPECT_EQ(QuickTime(line), ReadQuickFields(line)->occurred_at);
}

// The full parse keeps the last of a repeated key: so does the file source.
TEST(QuickFields, ARepeatedTypeKeyCountsUnderItsLastValue) {
  test::TempDir dir("gb-quick-");
  std::string repeated = kLine;
  repeated.replace(repeated.find("\"Facture\""), 9, "\"F\",\"type\":\"APPOINTMENT\"");
  {
    std::ofstream out(dir.File("d.jsonl"));
    out << kLine << "\n" << repeated << "\n";
  }
  auto source = JsonlSource::Open(dir.File("d.jsonl"));
  ASSERT_TRUE(source.has_value());
  TimelineFilter appointments{{"APPOINTMENT"}, std::nullopt, "2016-01-01T00:00:00Z"};
  TimelineFilter invoices{{"INVOICE"}, std::nullopt, "2016-01-01T00:00:00Z"};
  EXPECT_EQ((*source)->Count(appointments).value_or(-1), 1);
  EXPECT_EQ((*source)->Count(invoices).value_or(-1), 1);
  auto page = (*source)->FetchPage({appointments, std::nullopt, 100});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->nodes.size(), 1u);
  EXPECT_EQ(page->nodes[0].type, "APPOINTMENT");
}

}  // namespace
}  // namespace gb
