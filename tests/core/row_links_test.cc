// A row's links nulled and kept in its metadata (core/row_links.h): lossless,
// the metadata's own text kept, the row marked repaired and unlinked.
#include "core/row_links.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gb {
namespace {

Row Linked() {
  Row row;
  row.external_id = "tme_1";
  row.client_id = "cli_1";
  row.piano_id = "pno_\"1\"";
  row.user_id = "usr_1";
  row.metadata = R"({"zeta": 1.50, "alpha": "x"})";
  return row;
}

TEST(RowLinksTest, TheLinksAskedAreNulledAndKeptBeforeTheMetadataOwnKeys) {
  const Row fixed = WithUnresolvedLinks(
      Linked(), LinkBit(*EntryLinkOf("client_id")) | LinkBit(*EntryLinkOf("piano_id")) |
                    LinkBit(*EntryLinkOf("invoice_id")));  // has none
  EXPECT_FALSE(fixed.client_id.has_value());
  EXPECT_FALSE(fixed.piano_id.has_value());
  EXPECT_EQ(fixed.user_id, "usr_1");
  EXPECT_TRUE(fixed.repaired);
  EXPECT_TRUE(fixed.unlinked);
  EXPECT_EQ(
      fixed.metadata,
      R"({"unresolved_client_id":"cli_1","unresolved_piano_id":"pno_\"1\"","zeta": 1.50, "alpha": "x"})");
  auto meta = nlohmann::json::parse(fixed.metadata);
  EXPECT_EQ(meta["unresolved_piano_id"], "pno_\"1\"");
}

TEST(RowLinksTest, ARowWithNoneOfTheLinksIsUnchanged) {
  Row row = Linked();
  const Row fixed = WithUnresolvedLinks(row, LinkBit(*EntryLinkOf("estimate_id")));
  EXPECT_FALSE(fixed.repaired);
  EXPECT_EQ(fixed.metadata, row.metadata);
  EXPECT_EQ(fixed.client_id, "cli_1");
}

TEST(RowLinksTest, EmptyOrBrokenMetadataBecomesAnObjectWithTheLink) {
  for (const char* metadata : {"", "{}", "  { } ", "[1]"}) {
    SCOPED_TRACE(metadata);
    Row row = Linked();
    row.metadata = metadata;
    const Row fixed = WithUnresolvedLinks(row, LinkBit(*EntryLinkOf("user_id")));
    auto meta = nlohmann::json::parse(fixed.metadata, nullptr, false);
    ASSERT_TRUE(meta.is_object()) << fixed.metadata;
    EXPECT_EQ(meta["unresolved_user_id"], "usr_1");
  }
}

TEST(RowLinksTest, EveryLinkHasItsColumnAndKey) {
  for (const EntryLink& link : kEntryLinks) {
    Row row = Linked();
    ASSERT_NE(RowLink(row, link.column), nullptr) << link.column;
    EXPECT_EQ(link.metadata_key, "unresolved_" + std::string(link.column));
  }
  EXPECT_FALSE(EntryLinkOf("category_id").has_value());
}

}  // namespace
}  // namespace gb
