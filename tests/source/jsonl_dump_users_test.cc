// A `sim dump` read back by --from-file's source (issue 12 item 4): the dump
// carries the account's users before its entries, the source gives them as
// allUsers would, and they are not entries (every entry is read, once, as it
// was written).
#include <gtest/gtest.h>

#include <set>

#include "sim/jsonl_dump.h"
#include "sim/sim_dataset.h"
#include "source/jsonl_source.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

TEST(JsonlDumpUsersTest, ADumpRoundTripsItsUsersAndEveryEntry) {
  testing::TempDir dir;
  const sim::SimDataset data(1, 0.01, 0.03, false);
  const std::string path = dir.File("dump.jsonl");
  auto written = sim::WriteJsonlDump(data, path);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(written->users, static_cast<int64_t>(data.users().size()));
  EXPECT_EQ(written->entries, data.base_size());

  auto source = JsonlSource::Open(path);
  ASSERT_TRUE(source) << source.error().message;
  auto users = (*source)->FetchUsers();
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), data.users().size());
  for (size_t i = 0; i < users->size(); ++i) {
    const ApiUser& want = data.users()[i];
    const ApiUser& got = (*users)[i];
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.first_name, want.first_name);
    EXPECT_EQ(got.last_name, want.last_name);
    EXPECT_EQ(got.email, want.email);
    EXPECT_EQ(got.access_level, want.access_level);
    EXPECT_EQ(got.status, want.status);
  }

  EXPECT_EQ((*source)->Count(TimelineFilter{}).value_or(-1), data.base_size());
  PageRequest request;
  request.first = 1000;
  std::set<std::string> ids;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = (*source)->FetchPage(request);
    ASSERT_TRUE(page) << page.error().message;
    for (const ApiNode& node : page->nodes) {
      EXPECT_TRUE(node.defect.empty()) << node.raw;
      ids.insert(node.id);
    }
    if (!page->has_next_page) break;
    request.after = page->end_cursor;
  }
  EXPECT_EQ(static_cast<int64_t>(ids.size()), data.base_size());
}

}  // namespace
}  // namespace gb
