#include "source/jsonl_source.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "source/temp_dir.h"

namespace gb {
namespace {

std::string Line(int i, const std::string& type, const std::string& at,
                 const std::string& client = "cli_1") {
  nlohmann::json j = {
      {"id", "tme_" + std::to_string(i)},   {"occurredAt", at},   {"type", type},
      {"summary", "s" + std::to_string(i)}, {"comment", nullptr}, {"client", {{"id", client}}},
      {"user", {{"id", "usr_1"}}}};
  return j.dump();
}

// Newest first: 2025 entries, then 2024, then 2023, alternating two types.
std::string Dump(int per_year) {
  std::string out;
  int id = 0;
  for (int year : {2025, 2024, 2023}) {
    for (int i = 0; i < per_year; ++i) {
      out += Line(id++, i % 2 ? "INVOICE" : "APPOINTMENT",
                  std::to_string(year) + "-06-01T00:00:00Z", i % 3 ? "cli_1" : "cli_2") +
             "\n";
    }
  }
  return out;
}

std::unique_ptr<JsonlSource> Open(const std::string& path) {
  auto source = JsonlSource::Open(path);
  EXPECT_TRUE(source);
  return std::move(*source);
}

TEST(JsonlSourceTest, PagesThroughWithByteOffsetCursors) {
  testing::TempDir dir;
  std::string text = Dump(10);
  auto source = Open(dir.Write("dump.jsonl", text));
  PageRequest request;
  request.first = 7;
  std::vector<std::string> ids;
  for (int pages = 0; pages < 100; ++pages) {
    auto page = source->FetchPage(request);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_LE(page->nodes.size(), 7u);
    EXPECT_EQ(page->total_count, 30);
    for (auto& n : page->nodes) ids.push_back(n.id);
    // The cursor is where the next line starts in the file.
    size_t offset = std::stoul(*page->end_cursor);
    EXPECT_TRUE(offset == text.size() || text[offset - 1] == '\n');
    if (!page->has_next_page) break;
    request.after = page->end_cursor;
  }
  ASSERT_EQ(ids.size(), 30u);
  EXPECT_EQ(ids.front(), "tme_0");
  EXPECT_EQ(ids.back(), "tme_29");
}

TEST(JsonlSourceTest, FiltersByTypeClientAndLowerTimeBound) {
  testing::TempDir dir;
  auto source = Open(dir.Write("dump.jsonl", Dump(10)));
  TimelineFilter filter;
  filter.types = {"INVOICE"};
  filter.occurred_at_get = "2024-01-01T00:00:00Z";
  EXPECT_EQ(*source->Count(filter), 10);  // 5 per year for 2025 and 2024
  PageRequest request{filter, std::nullopt, 100};
  auto page = source->FetchPage(request);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->nodes.size(), 10u);
  for (auto& n : page->nodes) {
    EXPECT_EQ(n.type, "INVOICE");
    EXPECT_GE(n.occurred_at, "2024");
  }
  TimelineFilter by_client;
  by_client.client_id = "cli_2";
  EXPECT_EQ(*source->Count(by_client), 12);  // i = 0, 3, 6, 9 in each of 3 years
  // Year totals by difference, as the plan computes them.
  TimelineFilter y24, y25;
  y24.occurred_at_get = "2024-01-01T00:00:00Z";
  y25.occurred_at_get = "2025-01-01T00:00:00Z";
  EXPECT_EQ(*source->Count(y24) - *source->Count(y25), 10);
}

TEST(JsonlSourceTest, CountStreamsOncePerDistinctFilter) {
  testing::TempDir dir;
  auto source = Open(dir.Write("dump.jsonl", Dump(5)));
  TimelineFilter a, b;
  a.types = {"INVOICE", "APPOINTMENT"};
  b.types = {"APPOINTMENT", "INVOICE"};  // the same filter, other order
  EXPECT_EQ(*source->Count(a), 15);
  EXPECT_EQ(*source->Count(b), 15);
  PageRequest request{a, std::nullopt, 3};
  ASSERT_TRUE(source->FetchPage(request));
  EXPECT_EQ(source->whole_reads(), 1);
}

// A restarted or resumed run has no plan asking the counts first: its streams
// ask for their first pages at once, and the survey's read answers them all.
TEST(JsonlSourceTest, StreamsAskingAtOnceWithoutAPlanReadTheFileOnce) {
  testing::TempDir dir;
  auto source = Open(dir.Write("dump.jsonl", Dump(40)));
  std::vector<std::thread> streams;
  std::atomic<int> right = 0;
  for (int i = 0; i < 8; ++i) {
    streams.emplace_back([&, i] {
      PageRequest request{
          {{i % 2 ? "INVOICE" : "APPOINTMENT"}, std::nullopt, "2024-01-01T00:00:00Z"},
          std::nullopt,
          5};
      auto page = source->FetchPage(request);
      if (page && page->total_count == 40 && page->nodes.size() == 5u) ++right;
    });
  }
  for (auto& t : streams) t.join();
  EXPECT_EQ(right, 8);
  EXPECT_EQ(source->whole_reads(), 1);
}

// Every line of one filter, page by page, from `after`.
std::vector<std::string> Sweep(JsonlSource& source, const TimelineFilter& filter,
                               std::optional<std::string> after) {
  std::vector<std::string> ids;
  PageRequest request{filter, std::move(after), 4};
  for (int pages = 0; pages < 100; ++pages) {
    auto page = source.FetchPage(request);
    EXPECT_TRUE(page);
    if (!page) break;
    for (auto& n : page->nodes) ids.push_back(n.id);
    if (!page->has_next_page) break;
    request.after = page->end_cursor;
  }
  return ids;
}

// The planner cuts a heavy type in time with EndOf, as over the API: the
// piece [2023, 2024) sweeps `>= 2023` from the cursor of `>= 2024`, and the
// two pieces hold every entry of `>= 2023` exactly once.
TEST(JsonlSourceTest, EndOfANewestFirstFileCutsATypeInTime) {
  testing::TempDir dir;
  const std::string text = Dump(10);
  auto source = Open(dir.Write("dump.jsonl", text));
  const TimelineFilter since_2024{{"INVOICE"}, std::nullopt, "2024-01-01T00:00:00Z"};
  const TimelineFilter since_2023{{"INVOICE"}, std::nullopt, "2023-01-01T00:00:00Z"};
  auto end = source->EndOf(since_2024);
  ASSERT_TRUE(end) << end.error().message;
  EXPECT_EQ(end->total_count, 10);
  ASSERT_TRUE(end->cursor);
  // The start of the first line older than the bound: the first of 2023.
  EXPECT_EQ(std::stoul(*end->cursor), text.rfind('\n', text.find("\"tme_20\"")) + 1);
  const auto top = Sweep(*source, since_2024, std::nullopt);
  const auto bottom = Sweep(*source, since_2023, end->cursor);
  EXPECT_EQ(top.size(), 10u);
  EXPECT_EQ(bottom, (std::vector<std::string>{"tme_21", "tme_23", "tme_25", "tme_27", "tme_29"}));
  EXPECT_EQ(static_cast<int64_t>(top.size() + bottom.size()), *source->Count(since_2023));
  // A bound below every line: the cursor is the end of the file.
  auto all = source->EndOf({{"INVOICE"}, std::nullopt, "2000-01-01T00:00:00Z"});
  ASSERT_TRUE(all && all->cursor);
  EXPECT_EQ(*all->cursor, std::to_string(text.size()));
}

// A line out of order, or one without a readable time (it passes every
// bound), would fall in two pieces or none: such a file is not cut.
TEST(JsonlSourceTest, EndOfGivesNoCursorUnlessEveryLineIsNewestFirst) {
  testing::TempDir dir;
  const TimelineFilter since_2024{{"INVOICE"}, std::nullopt, "2024-01-01T00:00:00Z"};
  const std::string late = Line(99, "INVOICE", "2025-01-01T00:00:00Z") + "\n";
  const std::string broken = "{\"id\":\"tme_broken\",\"occ\n";
  for (const std::string& text : {Dump(3) + late, Dump(3) + broken}) {
    auto source = Open(dir.Write("dump.jsonl", text));
    auto end = source->EndOf(since_2024);
    ASSERT_TRUE(end) << end.error().message;
    EXPECT_FALSE(end->cursor) << text;
  }
  auto sorted = Open(dir.Write("sorted.jsonl", Dump(3)));
  auto with_client = since_2024;
  with_client.client_id = "cli_1";
  EXPECT_TRUE(sorted->EndOf(since_2024)->cursor);
  EXPECT_FALSE(sorted->EndOf(with_client)->cursor);
}

TEST(JsonlSourceTest, MalformedLinesBecomeDefectNodesNeverDropped) {
  testing::TempDir dir;
  std::string text = Line(1, "INVOICE", "2024-06-01T00:00:00Z") + "\n" +
                     "{\"id\":\"tme_broken\",\"occ\n" +  // cut-off line
                     "\n" +                              // blank: not a node
                     R"({"id":"tme_3","occurredAt":"2024-06-01T00:00:00Z"})" + "\n" +
                     Line(4, "APPOINTMENT", "2024-06-01T00:00:00Z");  // no final newline
  auto source = Open(dir.Write("dump.jsonl", text));
  PageRequest request;
  request.filter.types = {"INVOICE"};
  auto page = source->FetchPage(request);
  ASSERT_TRUE(page);
  // A line whose type cannot be read reaches every typed stream.
  ASSERT_EQ(page->nodes.size(), 3u);
  EXPECT_EQ(page->nodes[0].defect, "");
  EXPECT_NE(page->nodes[1].defect.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(page->nodes[1].raw, "{\"id\":\"tme_broken\",\"occ");
  EXPECT_EQ(page->nodes[2].defect, "missing type");
  EXPECT_FALSE(page->has_next_page);
  EXPECT_EQ(*page->end_cursor, std::to_string(text.size()));
  TimelineFilter all;
  EXPECT_EQ(*source->Count(all), 4);
}

TEST(JsonlSourceTest, ConstantMemoryOverALargeFile) {
  testing::TempDir dir;
  std::string path = dir.File("big.jsonl");
  {
    std::ofstream out(path);
    for (int i = 0; i < 20'000; ++i) out << Line(i, "INVOICE", "2020-01-01T00:00:00Z") << "\n";
  }
  auto source = Open(path);
  PageRequest request;
  request.first = 100;
  int64_t seen = 0;
  size_t largest = 0;
  for (;;) {
    auto page = source->FetchPage(request);
    ASSERT_TRUE(page);
    seen += static_cast<int64_t>(page->nodes.size());
    largest = std::max(largest, page->nodes.size());
    if (!page->has_next_page) break;
    request.after = page->end_cursor;
  }
  EXPECT_EQ(seen, 20'000);
  EXPECT_EQ(largest, 100u);  // never more than one page in memory
}

TEST(JsonlSourceTest, BadCursorAndMissingFileAreConfigErrors) {
  testing::TempDir dir;
  auto missing = JsonlSource::Open(dir.File("nope.jsonl"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kConfig);
  EXPECT_NE(missing.error().message.find("--from-file"), std::string::npos);
  auto source = Open(dir.Write("dump.jsonl", Dump(1)));
  PageRequest request;
  request.after = "YXJyYXk6OTk=";  // an API cursor
  auto page = source->FetchPage(request);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kConfig);
  EXPECT_NE(page.error().message.find("--restart"), std::string::npos);
}

constexpr const char* kJsonlUserLine =
    R"({"__typename":"PrivateUser","id":"usr_1","firstName":"Ann","lastName":"Lee",)"
    R"("email":"a@x","accessLevel":"ADMIN","status":"ACTIVE"})";

TEST(JsonlSourceTest, ADumpWithoutUsersIsRefusedUnlessAUsersFileIsGiven) {
  testing::TempDir dir;
  auto source = Open(dir.Write("dump.jsonl", Dump(2)));
  // A users.jsonl beside the dump is not read by itself any more.
  dir.Write("users.jsonl", std::string(kJsonlUserLine) + "\n");
  auto none = source->FetchUsers();
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::kConfig);  // exit 2
  EXPECT_NE(none.error().message.find("has no users"), std::string::npos);
  EXPECT_NE(none.error().message.find("--users-file"), std::string::npos);
  auto given = JsonlSource::Open(dir.File("dump.jsonl"), dir.File("users.jsonl"));
  ASSERT_TRUE(given);
  auto users = (*given)->FetchUsers();
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].last_name, "Lee");
  EXPECT_EQ((*users)[0].access_level, "ADMIN");
  EXPECT_EQ((*users)[0].status, "ACTIVE");
  EXPECT_EQ((*given)->Describe(), "file " + dir.File("dump.jsonl"));
  auto missing = JsonlSource::Open(dir.File("dump.jsonl"), dir.File("nope.jsonl"));
  ASSERT_TRUE(missing);
  auto unread = (*missing)->FetchUsers();
  ASSERT_FALSE(unread);
  EXPECT_NE(unread.error().message.find("--users-file"), std::string::npos);
}

TEST(JsonlSourceTest, TheUsersOfADumpComeFirstAndAreNotEntries) {
  testing::TempDir dir;
  const std::string users = std::string(kJsonlUserLine) + "\n" +
                            R"({"__typename":"PrivateUser","id":"usr_2","status":"ACTIVE"})" + "\n";
  auto source = Open(dir.Write("dump.jsonl", users + Dump(5)));
  auto listed = source->FetchUsers();
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].id, "usr_2");
  EXPECT_EQ(source->Count(TimelineFilter{}).value_or(-1), 15);
  PageRequest request;
  request.first = 100;
  auto page = source->FetchPage(request);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 15u);
  for (const auto& node : page->nodes) {
    EXPECT_TRUE(node.defect.empty()) << node.raw;
    EXPECT_EQ(node.id.rfind("tme_", 0), 0u);
  }
  // A time cut's cursor never points into the users.
  TimelineFilter cut;
  cut.types = {"INVOICE"};
  cut.occurred_at_get = "2024-01-01T00:00:00Z";
  auto end = source->EndOf(cut);
  ASSERT_TRUE(end) << end.error().message;
  if (end->cursor) EXPECT_GE(std::stoul(*end->cursor), users.size());
}

}  // namespace
}  // namespace gb
