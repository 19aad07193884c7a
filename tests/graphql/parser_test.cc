#include "graphql/parser.h"

#include <gtest/gtest.h>

namespace gb::graphql {
namespace {

TEST(GraphqlParserTest, ParsesTheClientsQueryWithVariablesAndNestedSelections) {
  auto doc = Parse(R"(
    query Timeline($first: Int = 100, $after: String, $types: [TimelineEntryType!]!,
                   $since: CoreDateTime) {
      allTimelineEntries(first: $first, after: $after, types: $types, occurredAtGet: $since) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id occurredAt type summary comment client { id } piano { id } }
      }
    })");
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->operations.size(), 1u);
  const Operation& op = doc->operations[0];
  EXPECT_EQ(op.name, "Timeline");
  ASSERT_EQ(op.variables.size(), 4u);
  EXPECT_EQ(op.variables[0].type.ToString(), "Int");
  ASSERT_TRUE(op.variables[0].default_value);
  EXPECT_EQ(op.variables[0].default_value->int_value, 100);
  EXPECT_EQ(op.variables[2].type.ToString(), "[TimelineEntryType!]!");
  const Selection& field = op.selections.at(0);
  EXPECT_EQ(field.name, "allTimelineEntries");
  ASSERT_EQ(field.arguments.size(), 4u);
  EXPECT_EQ(field.arguments[3].name, "occurredAtGet");
  EXPECT_EQ(field.arguments[3].value.kind, Value::Kind::kVariable);
  EXPECT_EQ(field.arguments[3].value.text, "since");
  ASSERT_EQ(field.selections.size(), 3u);
  EXPECT_EQ(field.selections[2].selections.size(), 7u);
  EXPECT_EQ(field.selections[2].selections[5].selections[0].name, "id");
}

TEST(GraphqlParserTest, WhitespaceCommasAndCommentsDoNotMatter) {
  auto compact =
      Parse("{allTimelineEntries(first:2,types:[APPOINTMENT,INVOICE]){edges{cursor node{id}}}}");
  auto spread = Parse(
      "# a comment\n\r\n  {\tallTimelineEntries ( first : 2 , , types : [ APPOINTMENT INVOICE ] )\n"
      "{ edges { cursor , node { id } } } }  # trailing");
  ASSERT_TRUE(compact);
  ASSERT_TRUE(spread);
  const auto& a = compact->operations[0].selections[0];
  const auto& b = spread->operations[0].selections[0];
  EXPECT_EQ(a.arguments.size(), b.arguments.size());
  EXPECT_EQ(b.arguments[1].value.list.size(), 2u);
  EXPECT_EQ(b.arguments[1].value.list[1].kind, Value::Kind::kEnum);
  EXPECT_EQ(b.arguments[1].value.list[1].text, "INVOICE");
  EXPECT_EQ(b.selections[0].selections[1].selections[0].name, "id");
}

TEST(GraphqlParserTest, AliasesFragmentsAndLiterals) {
  auto doc = Parse(R"(
    query { recent: allTimelineEntries(first: 1, search: "accord \"fin\" \u00e9", clientId: null) {
      nodes { ...Entry ... on TimelineEntry { when: occurredAt } } } }
    fragment Entry on TimelineEntry { id type @include(if: true) })");
  ASSERT_TRUE(doc) << doc.error().message;
  const auto& field = doc->operations[0].selections[0];
  EXPECT_EQ(field.alias, "recent");
  EXPECT_EQ(field.ResponseKey(), "recent");
  EXPECT_EQ(field.arguments[1].value.text, "accord \"fin\" \xc3\xa9");
  EXPECT_EQ(field.arguments[2].value.kind, Value::Kind::kNull);
  const auto& nodes = field.selections[0].selections;
  EXPECT_EQ(nodes[0].kind, Selection::Kind::kFragmentSpread);
  EXPECT_EQ(nodes[1].kind, Selection::Kind::kInlineFragment);
  EXPECT_EQ(nodes[1].selections[0].alias, "when");
  ASSERT_NE(doc->FindFragment("Entry"), nullptr);
  EXPECT_EQ(doc->FindFragment("Entry")->selections.size(), 2u);
}

TEST(GraphqlParserTest, SyntaxErrorsCarryLineAndColumn) {
  auto doc = Parse("query {\n  allTimelineEntries(first: 10 {\n    id }\n}");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().loc.line, 2);
  EXPECT_EQ(doc.error().loc.column, 32);
  EXPECT_NE(doc.error().message.find("Syntax Error"), std::string::npos);

  auto unterminated = Parse("{ a(s: \"open\n) }");
  ASSERT_FALSE(unterminated);
  EXPECT_NE(unterminated.error().message.find("Unterminated string"), std::string::npos);

  EXPECT_FALSE(Parse(""));
  EXPECT_FALSE(Parse("{ }"));
  EXPECT_FALSE(Parse("{ a(x: 01) }"));
  EXPECT_FALSE(Parse("{ a } }"));
}

TEST(GraphqlParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '{');
  EXPECT_FALSE(Parse("query " + deep));
  std::string list = "{ a(x: " + std::string(10000, '[') + ") }";
  EXPECT_FALSE(Parse(list));
}

}  // namespace
}  // namespace gb::graphql
