#include "sim/sim_dataset.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "core/entry_types.h"
#include "core/iso_time.h"
#include "sim/jsonl_dump.h"
#include "sim/sim_content.h"
#include "support/temp_dir.h"

namespace gb::sim {
namespace {

int YearOf(int64_t t) { return std::stoi(FormatIsoUtc(t).substr(0, 4)); }

TEST(SimDatasetTest, PerYearTotalsAtScaleOneAreTheRealFigures) {
  const std::map<int, int64_t> design = {{2016, 9943},  {2017, 21917}, {2018, 25447}, {2019, 29722},
                                         {2020, 26417}, {2021, 27989}, {2022, 32012}, {2023, 28313},
                                         {2024, 26034}, {2025, 52428}, {2026, 2411}};
  SimDataset data(7, 1.0, 0.03, false);
  std::map<int, int64_t> counted;
  for (int64_t pos = 0; pos < data.base_size(); ++pos) ++counted[YearOf(data.At(pos, 0).occurred)];
  EXPECT_EQ(counted, design);
  EXPECT_EQ(data.base_size(), 282633);  // the sum of DESIGN.md's per-year figures
  for (const auto& [year, total] : design) EXPECT_EQ(data.YearCount(year), total);
}

TEST(SimDatasetTest, ScaledTotalsAreRoundedPerYear) {
  SimDataset data(7, 0.01, 0.03, true);  // hostile moves entries within their year only
  std::map<int, int64_t> counted;
  for (int64_t pos = 0; pos < data.base_size(); ++pos) ++counted[YearOf(data.At(pos, 0).occurred)];
  EXPECT_EQ(counted[2016], 99);
  EXPECT_EQ(counted[2025], 524);
  EXPECT_EQ(counted[2026], 24);
  EXPECT_EQ(counted.size(), 11u);
  // What `demo --help` and `sim` print is what the dataset holds.
  EXPECT_EQ(SimDataset::ScaledTotal(0.01), data.base_size());
  EXPECT_EQ(SimDataset::ScaledTotal(1.0), 282633);
  EXPECT_EQ(SimDataset::ScaledYearTotal(2025, 0.01), 524);
}

TEST(SimDatasetTest, NewestFirstWithTiesById) {
  SimDataset data(3, 0.05, 0.03, true);
  for (int64_t pos = 1; pos < data.base_size(); ++pos) {
    auto prev = data.At(pos - 1, 0), cur = data.At(pos, 0);
    ASSERT_GE(prev.occurred, cur.occurred);
    if (prev.occurred == cur.occurred) {
      ASSERT_GT(data.EntryId(prev.gen), data.EntryId(cur.gen));
    }
  }
}

TEST(SimDatasetTest, RealisticIdsThatDecodeBack) {
  SimDataset data(11, 0.02, 0.03, false);
  std::regex tme("tme_[0-9a-f]{20}"), cli("cli_[0-9A-Za-z]{16}"), ins("ins_[0-9A-Za-z]{16}");
  std::set<std::string> ids;
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    NodeData n = MakeNode(data, data.At(pos, 0));
    ASSERT_TRUE(std::regex_match(*n.id, tme)) << *n.id;
    ASSERT_TRUE(std::regex_match(*n.client_id, cli)) << *n.client_id;
    if (n.piano_id) {
      ASSERT_TRUE(std::regex_match(*n.piano_id, ins));
    }
    ASSERT_TRUE(IsKnownEntryType(*n.type));
    ids.insert(*n.id);
  }
  EXPECT_EQ(static_cast<int64_t>(ids.size()), data.base_size());  // clean data: unique ids
  EXPECT_EQ(data.DecodeClient(data.ClientId(17)), 17u);
  EXPECT_EQ(data.DecodePiano(data.PianoId(17, 2)), 17u * 3 + 2);
  EXPECT_FALSE(data.DecodeClient("cli_0000000000000000"));
  EXPECT_FALSE(data.DecodeClient(data.PianoId(1, 0)));
}

TEST(SimDatasetTest, MixOfTypesNotesMeasurementsAndUnknownUsers) {
  SimDataset data(5, 0.1, 0.05, false);
  std::set<std::string> types;
  int with_measure = 0, null_comment = 0, deleted_user = 0, with_user = 0;
  std::set<std::string> live;
  for (const auto& u : data.users()) live.insert(u.id);
  std::regex measure(R"(\d+(\.\d+)? ?(%|Hz|°C|°F))");
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    NodeData n = MakeNode(data, data.At(pos, 0));
    types.insert(*n.type);
    if (!n.comment)
      ++null_comment;
    else if (std::regex_search(*n.comment, measure))
      ++with_measure;
    if (n.user_id) {
      ++with_user;
      if (!live.count(*n.user_id)) ++deleted_user;
    }
  }
  EXPECT_EQ(types.size(), 28u);
  EXPECT_GT(with_measure, data.base_size() / 20);
  EXPECT_GT(null_comment, data.base_size() / 10);
  double share = static_cast<double>(deleted_user) / with_user;
  EXPECT_GT(share, 0.03);
  EXPECT_LT(share, 0.07);
}

TEST(SimDatasetTest, HostileModeHasEveryKind) {
  SimDataset data(2, 0.01, 0.03, true);
  std::set<Hostile> kinds;
  bool on_year_start = false, huge = false, nul = false, dup = false, unknown = false,
       bad_date = false;
  std::set<std::string> ids;
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    auto e = data.At(pos, 0);
    kinds.insert(data.HostileOf(e.gen));
    NodeData n = MakeNode(data, e);
    on_year_start |= n.occurred_at == std::optional<std::string>("2020-01-01T00:00:00Z");
    huge |= n.comment && n.comment->size() == (1u << 20);
    nul |= n.comment && n.comment->find('\0') != std::string::npos;
    if (n.id) dup |= !ids.insert(*n.id).second;
    unknown |= n.type == std::optional<std::string>("VOICEMAIL_TRANSCRIPT");
    bad_date |= n.occurred_at && !ParseIsoUtc(*n.occurred_at);
  }
  EXPECT_EQ(kinds.size(), static_cast<size_t>(Hostile::kCount));  // + kNone
  EXPECT_TRUE(on_year_start && huge && nul && dup && unknown && bad_date);
}

TEST(SimDatasetTest, SameSeedSameBytesOtherSeedOtherBytes) {
  test::TempDir dir;
  auto a = dir.path() + "/a.jsonl", b = dir.path() + "/b.jsonl", c = dir.path() + "/c.jsonl";
  ASSERT_TRUE(WriteJsonlDump(SimDataset(9, 0.01, 0.03, true), a));
  ASSERT_TRUE(WriteJsonlDump(SimDataset(9, 0.01, 0.03, true), b));
  ASSERT_TRUE(WriteJsonlDump(SimDataset(10, 0.01, 0.03, true), c));
  auto read = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string bytes = read(a);
  EXPECT_GT(bytes.size(), 100000u);
  EXPECT_EQ(bytes, read(b));
  EXPECT_NE(bytes, read(c));
}

}  // namespace
}  // namespace gb::sim
