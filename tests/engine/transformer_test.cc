#include "engine/transformer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/text_repair.h"

namespace gb {
namespace {

using namespace std::string_literals;
using Outcome = Transformed::Outcome;

ApiNode Node() {
  ApiNode n;
  n.id = "tme_0123456789abcdef0123";
  n.occurred_at = "2024-11-15T14:23:00Z";
  n.type = "SERVICE_ENTRY_MANUAL";
  n.summary = "Tuning";
  n.comment = "Humidity 45,5 %, A=442Hz, room 70°F";
  n.client_id = "cli_1";
  n.piano_id = "ins_1";
  n.user_id = "usr_1";
  n.invoice_id = "inv_1";
  n.estimate_id = "est_1";
  n.raw = R"({"id":"tme_0123456789abcdef0123"})";
  return n;
}

TransformOptions Options(std::string tz = "UTC") {
  TransformOptions o{*YearZone::Make(tz), {2016, 2017, 2023, 2024, 2025}, false, std::nullopt};
  return o;
}

TEST(TransformerTest, MapsEveryField) {
  auto t = Transformer(Options()).Transform(Node());
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_FALSE(t.repaired);
  const Row& r = t.row;
  EXPECT_EQ(r.external_id, "tme_0123456789abcdef0123");
  EXPECT_EQ(r.occurred_at, 1731680580);
  EXPECT_EQ(r.year, 2024);
  EXPECT_EQ(r.entry_type, "SERVICE_ENTRY_MANUAL");
  EXPECT_EQ(r.source_type, "SERVICE_ENTRY_MANUAL");
  EXPECT_EQ(r.title, "Tuning");
  EXPECT_EQ(r.description, "Humidity 45,5 %, A=442Hz, room 70°F");
  EXPECT_EQ(r.client_id, "cli_1");
  EXPECT_EQ(r.piano_id, "ins_1");
  EXPECT_EQ(r.user_id, "usr_1");
  EXPECT_EQ(r.invoice_id, "inv_1");
  EXPECT_EQ(r.estimate_id, "est_1");
  EXPECT_EQ(r.raw, Node().raw);
  auto meta = nlohmann::json::parse(r.metadata);
  EXPECT_DOUBLE_EQ(meta["humidity"].get<double>(), 45.5);
  EXPECT_DOUBLE_EQ(meta["frequency"].get<double>(), 442);
  EXPECT_DOUBLE_EQ(meta["temperature_c"].get<double>(), 21.11);
  EXPECT_EQ(meta["measurements"].size(), 3u);
}

TEST(TransformerTest, NullTextStaysNullAndMetadataIsAnObject) {
  ApiNode n = Node();
  n.summary.reset();
  n.comment.reset();
  n.user_id.reset();
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_FALSE(t.row.title.has_value());
  EXPECT_FALSE(t.row.description.has_value());
  EXPECT_FALSE(t.row.user_id.has_value());
  EXPECT_EQ(t.row.metadata, "{}");
}

TEST(TransformerTest, UntruncatedByDefault) {
  ApiNode n = Node();
  n.comment = std::string(5000, 'x');
  auto t = Transformer(Options()).Transform(n);
  EXPECT_EQ(t.row.description->size(), 5000u);
}

TEST(TransformerTest, TruncatesAtCharactersAndKeepsTheFullText) {
  ApiNode n = Node();
  n.summary = "éééé";      // 4 characters, 8 bytes
  n.comment = "🎹🎹🎹 45 %";  // measurements come from the full text
  TransformOptions o = Options();
  o.truncate = std::make_pair(3, 2);
  auto t = Transformer(o).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_EQ(t.row.title, "ééé");
  EXPECT_EQ(t.row.description, "🎹🎹");
  auto meta = nlohmann::json::parse(t.row.metadata);
  EXPECT_EQ(meta["full_title"], "éééé");
  EXPECT_EQ(meta["full_description"], "🎹🎹🎹 45 %");
  EXPECT_DOUBLE_EQ(meta["humidity"].get<double>(), 45);
  EXPECT_FALSE(t.repaired);  // truncation was asked for: not a repair
}

TEST(TransformerTest, LegacyTypesKeepTheOriginalInMetadata) {
  TransformOptions o = Options();
  o.legacy_types = true;
  ApiNode n = Node();
  n.type = "CONTACT_EMAIL_MANUAL";
  auto t = Transformer(o).Transform(n);
  EXPECT_EQ(t.row.entry_type, "CONTACT_EMAIL");
  EXPECT_EQ(t.row.source_type, "CONTACT_EMAIL_MANUAL");
  EXPECT_EQ(nlohmann::json::parse(t.row.metadata)["gazelle_type"], "CONTACT_EMAIL_MANUAL");
  n.type = "APPOINTMENT_LOG";
  EXPECT_EQ(Transformer(o).Transform(n).row.entry_type, "APPOINTMENT_COMPLETION");
  n.type = "USER_COMMENT";
  EXPECT_EQ(Transformer(o).Transform(n).row.entry_type, "NOTE");
  n.type = "APPOINTMENT";  // legacy value: unchanged, nothing to remember
  auto same = Transformer(o).Transform(n);
  EXPECT_EQ(same.row.entry_type, "APPOINTMENT");
  EXPECT_FALSE(nlohmann::json::parse(same.row.metadata).contains("gazelle_type"));
}

TEST(TransformerTest, UnknownTypesAreLeftToTheDatabase) {
  ApiNode n = Node();
  n.type = "BRAND_NEW_TYPE";
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_EQ(t.row.entry_type, "BRAND_NEW_TYPE");
}

TEST(TransformerTest, NulIsRemovedLosslessly) {
  ApiNode n = Node();
  n.comment = "before\0after"s;
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_TRUE(t.repaired);
  EXPECT_EQ(t.row.description, "beforeafter");
  auto meta = nlohmann::json::parse(t.row.metadata);
  ASSERT_EQ(meta["repairs"].size(), 1u);
  EXPECT_EQ(meta["repairs"][0]["field"], "description");
  EXPECT_EQ(meta["repairs"][0]["issue"], "nul");
  EXPECT_EQ(meta["repairs"][0]["original_base64"], Base64Encode("before\0after"s));
}

TEST(TransformerTest, InvalidUtf8IsReplacedLosslessly) {
  ApiNode n = Node();
  n.summary = "bad \xC0\xAF byte";
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_TRUE(t.repaired);
  EXPECT_EQ(t.row.title, "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  auto meta = nlohmann::json::parse(t.row.metadata);
  EXPECT_EQ(meta["repairs"][0]["field"], "title");
  EXPECT_EQ(meta["repairs"][0]["original_base64"], Base64Encode(*n.summary));
}

TEST(TransformerTest, LoneSurrogateIsRepairedWithTheEscapedFormInMetadata) {
  ApiNode n = Node();
  n.comment =
      "lone \xED\xA0\x80 surrogate";  // a lone D800 escape, as the node parser hands it over
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_TRUE(t.repaired);
  EXPECT_EQ(t.row.description, "lone \xEF\xBF\xBD surrogate");
  auto meta = nlohmann::json::parse(t.row.metadata);
  EXPECT_EQ(meta["repairs"][0]["field"], "description");
  EXPECT_EQ(meta["repairs"][0]["issue"], "lone_surrogate");
  EXPECT_EQ(meta["repairs"][0]["original_escaped"], "lone \\ud800 surrogate");
  EXPECT_EQ(meta["repairs"][0]["original_base64"], Base64Encode(*n.comment));
}

TEST(TransformerTest, HostileTextIsKeptIntact) {
  ApiNode n = Node();
  n.comment = "'; DROP TABLE x; -- \"quotes\" \\back\\ שלום 🎹 " + std::string(1 << 20, 'y');
  auto t = Transformer(Options()).Transform(n);
  ASSERT_EQ(t.outcome, Outcome::kRow);
  EXPECT_FALSE(t.repaired);
  EXPECT_EQ(t.row.description, n.comment);
}

TEST(TransformerTest, RejectsWithReasons) {
  auto reason = [](ApiNode n) {
    auto t = Transformer(Options()).Transform(n);
    EXPECT_EQ(t.outcome, Outcome::kRejected);
    EXPECT_EQ(t.reject.raw, n.raw);
    return t.reject.reason;
  };
  ApiNode n = Node();
  n.defect = "client is null";
  EXPECT_EQ(reason(n), "malformed node: client is null");
  n = Node();
  n.id.clear();
  EXPECT_EQ(reason(n), "missing id");
  n = Node();
  n.type.clear();
  EXPECT_EQ(reason(n), "missing type");
  n = Node();
  n.occurred_at.clear();
  EXPECT_EQ(reason(n), "missing occurredAt");
  n = Node();
  n.occurred_at = "yesterday";
  EXPECT_NE(reason(n).find("unparsable occurredAt"), std::string::npos);
  n = Node();
  n.occurred_at = "1899-12-31T23:59:59Z";
  EXPECT_NE(reason(n).find("outside 1900-2100"), std::string::npos);
  n = Node();
  n.occurred_at = "2101-01-01T00:00:00Z";
  EXPECT_NE(reason(n).find("outside 1900-2100"), std::string::npos);
}

TEST(TransformerTest, RowsOutsideTheRequestedYearsAreSkippedWithTheirYear) {
  ApiNode n = Node();
  n.occurred_at = "2020-06-01T00:00:00Z";
  auto t = Transformer(Options()).Transform(n);
  EXPECT_EQ(t.outcome, Outcome::kSkipped);
  EXPECT_EQ(t.row.year, 2020);
  EXPECT_EQ(t.row.source_type, "SERVICE_ENTRY_MANUAL");
}

TEST(TransformerTest, YearFollowsTheRunZone) {
  ApiNode n = Node();
  n.occurred_at = "2017-01-01T03:00:00Z";  // still Dec 31, 2016 in Toronto (UTC-5)
  EXPECT_EQ(Transformer(Options()).Transform(n).row.year, 2017);
  EXPECT_EQ(Transformer(Options("America/Toronto")).Transform(n).row.year, 2016);
  n.occurred_at = "2017-01-01T05:00:00Z";  // midnight in Toronto
  EXPECT_EQ(Transformer(Options("America/Toronto")).Transform(n).row.year, 2017);
  n.occurred_at = "2016-12-31T23:59:59-05:00";
  EXPECT_EQ(Transformer(Options("America/Toronto")).Transform(n).row.year, 2016);
}

}  // namespace
}  // namespace gb
