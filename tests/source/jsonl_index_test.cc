#include "source/jsonl_index.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>

#include "core/iso_time.h"
#include "source/jsonl_source.h"
#include "source/node_parser.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

constexpr int64_t kBlock = JsonlIndex::kBlockBytes;

TEST(JsonlIndex, SkipsBlocksWithoutTheTypeOrNewerThanTheBound) {
  JsonlIndex index;
  index.AddQuick(10, "A", 1000);         // block 0
  index.AddQuick(kBlock + 5, "B", 500);  // block 1
  index.AddQuick(2 * kBlock + 7, "A", 100);
  auto a = index.WantFor({"A"}, std::nullopt);
  EXPECT_EQ(index.NextCandidate(10, a), 10);
  EXPECT_EQ(index.NextCandidate(kBlock + 5, a), 2 * kBlock + 7);
  auto a_recent = index.WantFor({"A"}, 200);
  EXPECT_EQ(index.NextCandidate(kBlock + 5, a_recent), std::nullopt);
  auto unknown = index.WantFor({"C"}, std::nullopt);  // never seen: no block has it
  EXPECT_EQ(index.NextCandidate(10, unknown), std::nullopt);
  auto all = index.WantFor({}, std::nullopt);
  EXPECT_EQ(index.NextCandidate(kBlock + 5, all), kBlock + 5);
  EXPECT_TRUE(index.Quick(10));
}

TEST(JsonlIndex, ALineNeedingTheFullParseKeepsItsBlockForEveryFilter) {
  JsonlIndex index;
  index.AddQuick(0, "A", 1000);
  index.AddFullParse(kBlock + 1);
  index.AddQuick(kBlock + 50, "A", 1000);
  auto b = index.WantFor({"B"}, 5000);
  EXPECT_EQ(index.NextCandidate(0, b), kBlock + 1);
  EXPECT_FALSE(index.Quick(kBlock + 1));
  EXPECT_TRUE(index.Quick(0));
}

TEST(JsonlIndex, BeyondTheSurveyedEndEverythingIsReadOn) {
  JsonlIndex index;
  index.AddQuick(0, "A", 1000);
  auto b = index.WantFor({"B"}, std::nullopt);
  EXPECT_EQ(index.NextCandidate(0, b), std::nullopt);
  EXPECT_EQ(index.NextCandidate(5 * kBlock, b), 5 * kBlock);
}

// Many blocks of canonical lines (read quickly), unsorted times, a few lines
// only the full parse reads, one very long line: every sweep must return
// exactly what a full parse of every line would.
std::string Dump(std::vector<std::string>* lines) {
  std::mt19937 rng(7);
  const std::vector<std::string> types = {"APPOINTMENT", "INVOICE", "NOTE", "ESTIMATE",
                                          "USER_COMMENT"};
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    const std::string type = types[rng() % (i < 1500 ? 2 : types.size())];
    const int64_t at = ParseIsoUtc("2016-01-01T00:00:00Z").value() + (rng() % 300'000'000);
    std::string line = fmt::format(
        R"({{"id":"tme_{:020x}","occurredAt":"{}","type":"{}","summary":"{}","comment":null,)"
        R"("client":{{"id":"cli_{}"}},"piano":null,"user":null,"invoice":null,"estimate":null}})",
        i, FormatIsoUtc(at), type, std::string(i == 2000 ? 40'000 : 60, 'x'), i % 3);
    if (i % 701 == 0) line = R"({"type":"NOTE","id":"tme_reordered)" + std::to_string(i) + "\"}";
    if (i % 997 == 0) line = line.substr(0, 90);  // cut off: a defect for every stream
    lines->push_back(line);
    text += line + (i % 13 == 0 ? "\r\n" : "\n");
  }
  return text;
}

TEST(JsonlIndex, SweepsReturnWhatAFullParseOfEveryLineWould) {
  testing::TempDir dir;
  std::vector<std::string> lines;
  std::string path = dir.Write("dump.jsonl", Dump(&lines));
  auto source = JsonlSource::Open(path);
  ASSERT_TRUE(source);
  std::vector<TimelineFilter> filters(5);
  filters[1].types = {"NOTE"};
  filters[2].types = {"ESTIMATE", "USER_COMMENT"};
  filters[2].occurred_at_get = "2021-06-01T00:00:00Z";
  filters[3].occurred_at_get = "2024-01-01T00:00:00Z";
  filters[4].types = {"INVOICE"};
  filters[4].client_id = "cli_1";
  std::vector<int64_t> expected_counts;
  for (const auto& filter : filters) {
    std::optional<int64_t> bound;
    if (filter.occurred_at_get) bound = ParseIsoUtc(*filter.occurred_at_get).value();
    std::vector<std::string> expected;
    for (const auto& line : lines) {
      ApiNode node = ParseNode(line);
      if (MatchesFilter(node, filter, bound)) expected.push_back(node.id + node.raw);
    }
    std::vector<std::string> got;
    PageRequest request{filter, std::nullopt, 37};
    for (;;) {
      auto page = (*source)->FetchPage(request);
      ASSERT_TRUE(page) << page.error().message;
      for (auto& n : page->nodes) got.push_back(n.id + n.raw);
      if (!page->has_next_page) break;
      request.after = page->end_cursor;
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(*(*source)->Count(filter), static_cast<int64_t>(expected.size()));
    EXPECT_GT(expected.size(), 0u);
    expected_counts.push_back(static_cast<int64_t>(expected.size()));
  }
  // Asked together (as the plan does): one sweep for every bound, one for the client.
  auto fresh = JsonlSource::Open(path);
  ASSERT_TRUE(fresh);
  auto counts = (*fresh)->CountEach(filters);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(*counts, expected_counts);
  EXPECT_EQ((*fresh)->whole_reads(), 2);
}

}  // namespace
}  // namespace gb
