// The GraphQL library on a small SDL of its own: what the Gazelle schema does
// not use (interfaces, unions, defaults, @deprecated) still parses, validates
// and plans as the specification says; and the embedded Gazelle schema loads
// with its 718 types.
#include <gtest/gtest.h>

#include "graphql/execution_plan.h"
#include "graphql/gazelle_schema.h"
#include "graphql/request.h"
#include "graphql/schema.h"
#include "graphql/validator.h"

namespace gb::graphql {
namespace {

constexpr std::string_view kSdl = R"(
"The root"
type Query {
  node(id: ID!): Node
  search(text: String = "piano", limit: Int = 10): [Result!]!
  old: String @deprecated(reason: "use node")
}
interface Node { id: ID! }
type Piano implements Node { id: ID! make: String }
type Client implements Node { id: ID! name: String }
union Result = Piano | Client
enum Color { RED GREEN @deprecated }
input Filter { color: Color = RED, names: [String!]! }
)";

const Schema& Small() {
  static const Schema* schema = new Schema(*Schema::FromSdl(kSdl));
  return *schema;
}

std::string FirstError(std::string_view query,
                       const nlohmann::json& vars = nlohmann::json::object()) {
  auto r = PrepareRequest(Small(), query, "", vars);
  return r ? std::string() : r.error().front().message;
}

TEST(SchemaTest, GazelleSchemaLoadsWithItsRoots) {
  const Schema& s = GazelleSchema();
  EXPECT_EQ(s.query_type().name, "PrivateQuery");
  ASSERT_NE(s.mutation_type(), nullptr);
  EXPECT_EQ(s.mutation_type()->name, "PrivateMutation");
  int own = 0;
  for (const TypeDef& t : s.types()) own += t.name.starts_with("__") ? 0 : 1;
  // The 718 types of the introspection (api/README.md): 2 roots, 438 objects, 136 inputs, 123
  // enums, 6 custom and 5 built-in scalars, and the 8 introspection types themselves.
  EXPECT_EQ(own, 710);
  EXPECT_EQ(s.types().size(), 718u);
  EXPECT_FALSE(s.Type("PrivateUser")->Field("role"));
  EXPECT_TRUE(s.Type("PrivateUser")->Field("accessLevel"));
}

TEST(SchemaTest, BadSdlIsAConfigErrorWithItsLine) {
  auto bad = Schema::FromSdl("type Query {\n  a: Missing\n}");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("Missing"), std::string::npos);
  auto syntax = Schema::FromSdl("type Query {\n  a String\n}");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message.find("line 2"), std::string::npos) << syntax.error().message;
}

TEST(ValidatorTest, InterfacesAndUnions) {
  EXPECT_EQ(FirstError("{ node(id: 1) { id ... on Piano { make } ... on Client { name } } }"), "");
  EXPECT_EQ(FirstError("{ search { ... on Piano { id } __typename } }"), "");
  EXPECT_EQ(FirstError("{ search { id } }"), "Field 'id' doesn't exist on type 'Result'");
  EXPECT_EQ(FirstError("{ node(id: \"x\") { ... on Query { old } } }"),
            "Fragment on Query can't be spread inside Node");
  // Different object types under one key never meet: only their shapes must agree.
  EXPECT_EQ(FirstError("{ search { ... on Piano { x: make } ... on Client { x: name } } }"), "");
  EXPECT_NE(FirstError("{ search { ... on Piano { x: make } ... on Client { x: id } } }"), "");
}

TEST(ValidatorTest, DefaultsMakeArgumentsAndFieldsOptional) {
  EXPECT_EQ(FirstError("query($f: Filter) { search { __typename } }"),
            "Variable $f is declared by anonymous query but not used");
  EXPECT_EQ(FirstError("query($l: Int!) { search(limit: $l) { __typename } }", {{"l", 3}}), "");
  EXPECT_EQ(FirstError("query($l: Int) { node(id: $l) { id } }"),
            "Type mismatch on variable $l and argument (Int / ID!)");
  EXPECT_EQ(FirstError("{ node { id } }"), "Field 'node' is missing required arguments: id");
}

TEST(PlanTest, SkipIncludeFragmentsAndDefaults) {
  auto r = PrepareRequest(
      Small(),
      "query($no: Boolean!) { search { ... on Piano { id make @skip(if: $no) } "
      "... on Client { id } } a: search(limit: 2) @include(if: $no) { __typename } }",
      "", {{"no", true}});
  ASSERT_TRUE(r) << r.error().front().message;
  auto plan = CompilePlan(Small(), *r);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].args["text"], "piano");
  EXPECT_EQ((*plan)[0].args["limit"], 10);
  EXPECT_EQ((*plan)[1].args["limit"], 2);
  const PlanField& search = (*plan)[0];
  ASSERT_EQ(search.by_type.size(), 2u);
  const auto& piano = SelectionFor(search, *Small().Type("Piano"));
  ASSERT_EQ(piano.size(), 1u);  // make is skipped
  EXPECT_EQ(piano[0].name, "id");
}

}  // namespace
}  // namespace gb::graphql
