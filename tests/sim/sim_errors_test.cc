// GraphQL error shapes: HTTP 200 with errors[{message, locations, path,
// extensions{code}}], worded as graphql-ruby (Gazelle's server) words them.
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
  EXPECT_EQ(errors[0]["message"], "Field 'bogus' doesn't exist on type 'PrivateTimelineEntry'");
  EXPECT_EQ(errors[0]["locations"], json::parse(R"([{"line":3,"column":16}])"));
  EXPECT_EQ(errors[0]["path"], json::parse(R"(["query","allTimelineEntries","nodes","bogus"])"));
  EXPECT_EQ(errors[0]["extensions"]["code"], "undefinedField");
}

TEST_F(SimErrorsTest, UnknownArgumentAndUnknownRootField) {
  json errors = Errors("{ allTimelineEntries(first: 1, orderBy: DATE) { totalCount } nope }");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["message"], "Field 'allTimelineEntries' doesn't accept argument 'orderBy'");
  EXPECT_EQ(errors[0]["locations"][0]["column"], 32);
  EXPECT_EQ(errors[0]["extensions"]["code"], "argumentNotAccepted");
  EXPECT_EQ(errors[1]["message"], "Field 'nope' doesn't exist on type 'PrivateQuery'");
}

TEST_F(SimErrorsTest, MissingAndUndefinedVariables) {
  json missing = Errors("query($first: Int!) { allTimelineEntries(first: $first) { totalCount } }");
  EXPECT_EQ(missing[0]["message"], "Variable $first of type Int! was provided invalid value");
  EXPECT_EQ(missing[0]["locations"][0]["column"], 7);
  EXPECT_EQ(missing[0]["extensions"]["problems"][0]["explanation"],
            "Expected value to not be null");
  json undefined = Errors("{ allTimelineEntries(first: $n) { totalCount } }");
  EXPECT_EQ(undefined[0]["message"], "Variable $n is used by anonymous query but not declared");
  EXPECT_EQ(undefined[0]["extensions"]["code"], "variableNotDefined");
  json unused = Errors("query Q($n: Int) { allTimelineEntries(first: 1) { totalCount } }");
  EXPECT_EQ(unused[0]["message"], "Variable $n is declared by Q but not used");
}

TEST_F(SimErrorsTest, SyntaxErrorHasLocation) {
  json errors = Errors("query {\n  allTimelineEntries(first: 1 { totalCount }\n}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]["message"].get<std::string>().find("Syntax Error"), std::string::npos);
  EXPECT_EQ(errors[0]["locations"], json::parse(R"([{"line":2,"column":31}])"));
}

TEST_F(SimErrorsTest, BadArgumentValues) {
  EXPECT_EQ(Errors("{ allTimelineEntries(types: [NOT_A_TYPE]) { totalCount } }")[0]["message"],
            "Argument 'types' on Field 'allTimelineEntries' has an invalid value ([NOT_A_TYPE]). "
            "Expected type '[TimelineEntryType!]'.");
  json quoted = Errors("{ allTimelineEntries(types: [\"INVOICE\"]) { totalCount } }");
  EXPECT_EQ(quoted[0]["extensions"]["code"], "argumentLiteralsIncompatible");
  EXPECT_EQ(Errors("{ allTimelineEntries(first: \"ten\") { totalCount } }")[0]["message"],
            "Argument 'first' on Field 'allTimelineEntries' has an invalid value (\"ten\"). "
            "Expected type 'Int'.");
  json bad_var =
      Errors("query($t: [TimelineEntryType!]) { allTimelineEntries(types: $t) { totalCount } }",
             {{"t", {"NOPE"}}});
  const std::string message = bad_var[0]["message"];
  EXPECT_TRUE(
      message.starts_with("Variable $t of type [TimelineEntryType!] was provided invalid "
                          "value for 0 (Expected \"NOPE\" to be one of: "
                          "CONTACT_EMAIL_AUTOMATED, CONTACT_EMAIL_MANUAL, "))
      << message;
  EXPECT_TRUE(message.ends_with(", ESTIMATE_LOG, SYSTEM_NOTIFICATION)")) << message;  // SDL order
  EXPECT_FALSE(
      Errors("{ allTimelineEntries(occurredAtGet: \"yesterday\") { totalCount } }").empty());
}

TEST_F(SimErrorsTest, SelectionsOnLeavesAndMissingSelections) {
  EXPECT_EQ(Errors("{ allTimelineEntries { totalCount { x } } }")[0]["message"],
            "Selections can't be made on scalars (field 'totalCount' returns Int but has "
            "selections [\"x\"])");
  EXPECT_EQ(Errors("{ allTimelineEntries { nodes { client } } }")[0]["message"],
            "Field must have selections (field 'client' returns PrivateClient but has no "
            "selections. Did you mean 'client { ... }'?)");
}

// allTimelineEntries is non-null: its execution error takes `data` with it.
TEST_F(SimErrorsTest, InvalidCursorIsAnExecutionErrorWithPath) {
  auto [status, body] =
      sim_.Answer(testing::Body("{ a: allTimelineEntries(after: \"garbage\") { totalCount } }"));
  EXPECT_EQ(status, 200);
  json r = json::parse(body);
  ASSERT_TRUE(r.contains("data"));
  EXPECT_TRUE(r["data"].is_null());
  EXPECT_EQ(r["errors"][0]["path"], json::parse(R"(["a"])"));
}

TEST_F(SimErrorsTest, NonJsonBodyIs400) {
  EXPECT_EQ(sim_.Answer("query { allTimelineEntries { totalCount } }").first, 400);
  EXPECT_EQ(sim_.Answer("{\"variables\": {}}").first, 400);
  EXPECT_EQ(sim_.Answer("").first, 400);
}

}  // namespace
}  // namespace gb::sim
