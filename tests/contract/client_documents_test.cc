// Every request the client can send (source/graphql_query.h: the documents of
// src/streams/<name>/ and the generated aliased counts for 1..20 filters)
// validates against the real schema, with its variables coerced; and the same
// check refuses a document with a misspelt field, so it can fail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/entry_types.h"
#include "graphql/gazelle_schema.h"
#include "graphql/request.h"
#include "source/graphql_query.h"
#include "streams/registry.h"

namespace gb {
namespace {

using json = nlohmann::json;

// The schema's verdict on one request body: empty when valid, else the first message.
std::string Refusal(const std::string& body) {
  json request = json::parse(body);
  auto prepared =
      graphql::PrepareRequest(graphql::GazelleSchema(), request["query"].get<std::string>(), "",
                              request.value("variables", json::object()));
  return prepared ? std::string() : prepared.error().front().message;
}

TimelineFilter FullFilter() {
  return {{"APPOINTMENT", "SERVICE_ENTRY_MANUAL"}, "cli_0rF9HTLv1L6USfOa", "2024-01-01T00:00:00Z"};
}

TEST(ClientDocumentsTest, TimelinePageWithEveryVariableAndWithNone) {
  EXPECT_EQ(Refusal(TimelinePageBody({FullFilter(), "YXJyYXljb25uZWN0aW9uOjk5", 100})), "");
  EXPECT_EQ(Refusal(TimelinePageBody({})), "");
}

TEST(ClientDocumentsTest, CountsOldestAndUsers) {
  EXPECT_EQ(Refusal(TimelineCountBody(FullFilter())), "");
  EXPECT_EQ(Refusal(TimelineCountBody({})), "");
  EXPECT_EQ(Refusal(TimelineOldestBody(FullFilter())), "");
  EXPECT_EQ(Refusal(TimelineOldestBody({})), "");
  EXPECT_EQ(Refusal(UsersBody()), "");
}

TEST(ClientDocumentsTest, AliasedCountsForOneToTwentyFilters) {
  for (size_t n = 1; n <= 20; ++n) {
    std::vector<TimelineFilter> filters;
    for (size_t i = 0; i < n; ++i) {
      TimelineFilter f;
      f.occurred_at_get = std::to_string(2016 + i % 11) + "-01-01T00:00:00Z";
      if (i % 2) f.types = {std::string(kEntryTypes[i % kEntryTypes.size()])};
      if (i % 3 == 2) f.client_id = "cli_x";
      filters.push_back(std::move(f));
    }
    EXPECT_EQ(Refusal(TimelineCountsBody(filters)), "") << n << " aliases";
  }
}

// One count of each stream's connection, within `span`.
std::vector<ObjectCount> Counts(const DateSpan& span) {
  std::vector<ObjectCount> counts;
  for (const StreamModule* stream : AllStreams()) counts.push_back({stream, span});
  return counts;
}

// Every stream's documents: its page (first page and a later one), the rest
// of a nested list, and the counts of all streams in one request.
TEST(ClientDocumentsTest, EveryStreamsDocumentsAndTheirCounts) {
  for (const StreamModule* stream : AllStreams()) {
    SCOPED_TRACE(std::string(stream->name));
    EXPECT_EQ(Refusal(ObjectPageBody({stream, std::nullopt, 100})), "");
    EXPECT_EQ(Refusal(ObjectPageBody({stream, "YXJyYXljb25uZWN0aW9uOjk5", 500})), "");
    // Bounded by --years: the span as the connection's filters (variables).
    const std::string bounded =
        ObjectPageBody({stream, std::nullopt, 100, SpanOfYears({2016, 2026})});
    EXPECT_EQ(Refusal(bounded), "");
    EXPECT_EQ(bounded.find("2016-01-01") != std::string::npos, stream->bounded()) << bounded;
    if (stream->nested) {
      EXPECT_EQ(Refusal(NestedPageBody(*stream->nested, "cli_x", "", 100)), "");
      EXPECT_EQ(Refusal(NestedPageBody(*stream->nested, "cli_x", "YXJyYXk6NDk=", 100)), "");
    }
  }
  EXPECT_EQ(Refusal(ObjectCountsBody(Counts(DateSpan{}))), "");
  const std::string bounded = ObjectCountsBody(Counts(SpanOfYears({2024})));
  EXPECT_EQ(Refusal(bounded), "");
  EXPECT_NE(bounded.find("allEventsBatched(first: 1, filters: {dateGet: "), std::string::npos)
      << bounded;
  EXPECT_GE(AllStreams().size(), 5u);
}

// A sync's counts: every stream's total and, in the same request, the count
// of the objects created since a date of each stream with a creation filter;
// and the page of those objects. Events and invoices have none (their dates
// are not when they were made), and the schema refuses one on them.
TEST(ClientDocumentsTest, CreationFiltersOfASync) {
  std::vector<ObjectCount> counts = Counts(DateSpan{});
  std::vector<std::string> created;
  for (const StreamModule* stream : AllStreams()) {
    if (!stream->created) continue;
    created.emplace_back(stream->name);
    counts.push_back({stream, DateSpan{}, "2025-12-08"});
    const std::string page = ObjectPageBody({stream, std::nullopt, 100, DateSpan{}, "2025-12-08"});
    EXPECT_EQ(Refusal(page), "") << page;
    EXPECT_NE(page.find("\"" + std::string(stream->created->since) + "\":\"2025-12-08\""),
              std::string::npos)
        << page;
  }
  EXPECT_EQ(created, (std::vector<std::string>{"clients", "pianos", "estimates"}));
  const std::string body = ObjectCountsBody(counts);
  EXPECT_EQ(Refusal(body), "") << body;
  EXPECT_NE(body.find(R"(allClients(first: 1, filters: {createdGet: \"2025-12-08\"}))"),
            std::string::npos)
      << body;
  // A bounded estimates' page keeps the later lower bound of the two.
  const std::string estimates = ObjectPageBody(
      {FindStream("estimates"), std::nullopt, 100, SpanOfYears({2025, 2026}), "2025-12-08"});
  EXPECT_EQ(Refusal(estimates), "");
  EXPECT_NE(estimates.find("\"createdGet\":\"2025-12-08\""), std::string::npos) << estimates;
  EXPECT_NE(estimates.find("\"createdLet\":\"2026-12-31\""), std::string::npos) << estimates;
  const StreamModule* events = FindStream("events");
  StreamModule with_created = *events;
  with_created.created = CreatedFilter{"createdGet", "createdLet", "created_at"};
  EXPECT_NE(Refusal(ObjectCountsBody(std::vector<ObjectCount>{{&with_created, {}, "2025-12-08"}})),
            "")
      << "allEventsBatched has no creation filter";
}

// The negative case: the same check fails on a misspelt field, an enum value
// the schema lacks, and the users query of before (a connection with `role`).
TEST(ClientDocumentsTest, TheCheckRefusesAMisspeltField) {
  std::string body = TimelinePageBody({FullFilter(), std::nullopt, 100});
  const auto at = body.find("occurredAt\\n");
  ASSERT_NE(at, std::string::npos) << body;
  std::string misspelt = body;
  misspelt.replace(at, 10, "occuredAt");
  EXPECT_EQ(Refusal(misspelt), "Field 'occuredAt' doesn't exist on type 'PrivateTimelineEntry'");
  EXPECT_NE(
      Refusal(TimelinePageBody({{{"NOT_A_TYPE"}, std::nullopt, std::nullopt}, std::nullopt, 1})),
      "");
  const std::string old_users = json{
      {"query",
       "query Users($first: Int, $after: String) { allUsers(first: $first, after: $after) { "
       "pageInfo { hasNextPage endCursor } nodes { id firstName lastName email role } } }"},
      {"variables",
       {{"first", 100}}}}.dump();
  EXPECT_EQ(Refusal(old_users), "Field 'allUsers' doesn't accept argument 'first'");
}

}  // namespace
}  // namespace gb
