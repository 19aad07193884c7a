// GraphQL error shapes: HTTP 200 with errors[{message, locations, path}], as a server sends.
#include <gtest/gtest.h>

#include "sim_test_util.h"

namespace gb::sim {
namespace {

using testing::json;

class SimErrorsTest : public ::testing::Test {
 protected:
  SimErrorsTest()
      : sim_([] {
          SimOptions o;
          o.scale = 0.01;
          return o;
        }()) {}

  json Errors(const std::string& query, const json& variables = json::object()) {
    auto [status, body] = sim_.Answer(testing::Body(query, variables));
    EXPECT_EQ(status, 200);
    json r = json::parse(body);
    EXPECT_TRUE(r.contains("errors")) << body;
    return r.value("errors", json::array());
  }

  SimServer sim_;
};

TEST_F(SimErrorsTest, UnknownFieldHasMessageLocationAndPath) {
  json errors = Errors("{\n  allTimelineEntries(first: 1) {\n    nodes { id bogus }\n  }\n}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["message"], "Cannot query field \"bogus\" on type \"TimelineEntry\".");
  EXPECT_EQ(errors[0]["locations"], json::parse(R"([{"line":3,"column":16}])"));
  EXPECT_EQ(errors[0]["path"], json::parse(R"(["allTimelineEntries","nodes","bogus"])"));
}

TEST_F(SimErrorsTest, UnknownArgumentAndUnknownRootField) {
  json errors = Errors("{ allTimelineEntries(first: 1, orderBy: DATE) { totalCount } nope }");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["message"],
            "Unknown argument \"orderBy\" on field \"PrivateQuery.allTimelineEntries\".");
  EXPECT_EQ(errors[0]["locations"][0]["column"], 32);
  EXPECT_EQ(errors[1]["message"], "Cannot query field \"nope\" on type \"PrivateQuery\".");
}

TEST_F(SimErrorsTest, MissingAndUndefinedVariables) {
  json missing = Errors("query($first: Int!) { allTimelineEntries(first: $first) { totalCount } }");
  EXPECT_EQ(missing[0]["message"],
            "Variable \"$first\" of required type \"Int!\" was not provided.");
  EXPECT_EQ(missing[0]["locations"][0]["column"], 7);
  json undefined = Errors("{ allTimelineEntries(first: $n) { totalCount } }");
  EXPECT_EQ(undefined[0]["message"], "Variable \"$n\" is not defined.");
}

TEST_F(SimErrorsTest, SyntaxErrorHasLocation) {
  json errors = Errors("query {\n  allTimelineEntries(first: 1 { totalCount }\n}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]["message"].get<std::string>().find("Syntax Error"), std::string::npos);
  EXPECT_EQ(errors[0]["locations"], json::parse(R"([{"line":2,"column":31}])"));
}

TEST_F(SimErrorsTest, BadArgumentValues) {
  EXPECT_NE(Errors("{ allTimelineEntries(types: [NOT_A_TYPE]) { totalCount } }")[0]["message"]
                .get<std::string>()
                .find("does not exist in \"TimelineEntryType\" enum"),
            std::string::npos);
  EXPECT_NE(Errors("{ allTimelineEntries(first: \"ten\") { totalCount } }")[0]["message"]
                .get<std::string>()
                .find("Int cannot represent"),
            std::string::npos);
  EXPECT_NE(
      Errors("query($t: [TimelineEntryType!]) { allTimelineEntries(types: $t) { totalCount } }",
             {{"t", {"NOPE"}}})[0]["message"]
          .get<std::string>()
          .find("Variable \"$t\" got invalid value"),
      std::string::npos);
  EXPECT_FALSE(
      Errors("{ allTimelineEntries(occurredAtGet: \"yesterday\") { totalCount } }").empty());
}

TEST_F(SimErrorsTest, SelectionsOnLeavesAndMissingSelections) {
  EXPECT_EQ(Errors("{ allTimelineEntries { totalCount { x } } }")[0]["message"],
            "Field \"totalCount\" must not have a selection since type \"Int!\" has no subfields.");
  EXPECT_NE(
      Errors("{ allTimelineEntries { nodes { client } } }")[0]["message"].get<std::string>().find(
          "must have a selection of subfields"),
      std::string::npos);
}

TEST_F(SimErrorsTest, InvalidCursorIsAnExecutionErrorWithPath) {
  auto [status, body] =
      sim_.Answer(testing::Body("{ a: allTimelineEntries(after: \"garbage\") { totalCount } }"));
  EXPECT_EQ(status, 200);
  json r = json::parse(body);
  EXPECT_TRUE(r["data"]["a"].is_null());
  EXPECT_EQ(r["errors"][0]["path"], json::parse(R"(["a"])"));
}

TEST_F(SimErrorsTest, NonJsonBodyIs400) {
  EXPECT_EQ(sim_.Answer("query { allTimelineEntries { totalCount } }").first, 400);
  EXPECT_EQ(sim_.Answer("{\"variables\": {}}").first, 400);
  EXPECT_EQ(sim_.Answer("").first, 400);
}

}  // namespace
}  // namespace gb::sim
