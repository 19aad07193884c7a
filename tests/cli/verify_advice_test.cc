// VerifyAdvice as strings: the command it prints for each kind of difference.
#include "cli/verify_advice.h"

#include <gtest/gtest.h>

namespace gb::cli {
namespace {

VerifyReport Differs(std::vector<PeriodCheck> years) {
  VerifyReport r;
  r.years = std::move(years);
  return r;
}

AdviceContext Context() {
  AdviceContext c;
  c.run_params = R"({"years":[2016,2017,2018],"tz":"UTC","legacy_types":false,"truncate":null,)"
                 R"("source":"Gazelle API at http://127.0.0.1:8080"})";
  c.api_url = "http://127.0.0.1:8080";
  c.api_given = true;
  c.db = "postgresql://app@db.example.com/prod?sslmode=require";
  return c;
}

TEST(VerifyAdviceTest, NothingWhenEverythingMatches) {
  EXPECT_EQ(VerifyAdvice(Differs({{2017, 0, 10, 10}}), Context()), "");
}

TEST(VerifyAdviceTest, MissingRowsOfACoveredYearRerunTheRunsOwnCommand) {
  std::string advice = VerifyAdvice(Differs({{2017, 0, 12, 10}}), Context());
  EXPECT_NE(advice.find("lacks entries of 2017"), std::string::npos) << advice;
  EXPECT_NE(advice.find("\n  gazelle-backfill run --years 2016-2018 --api http://127.0.0.1:8080 "
                        "--db 'postgresql://app@db.example.com/prod?sslmode=require'\n"),
            std::string::npos)
      << advice;
}

TEST(VerifyAdviceTest, TheRunsZoneAndTruncationAreKeptSoTheRunIsTheSame) {
  AdviceContext c = Context();
  c.run_params =
      R"({"years":[2016,2018],"tz":"America/Toronto","legacy_types":true,"truncate":[500,2000],)"
      R"("source":"Gazelle API at http://127.0.0.1:8080"})";
  c.db.clear();  // from DATABASE_URL: the command leaves it out too
  std::string advice = VerifyAdvice(Differs({{2018, 0, 5, 4}}), c);
  EXPECT_NE(advice.find("gazelle-backfill run --years 2016,2018 --tz America/Toronto "
                        "--legacy-types --truncate 500,2000 --api http://127.0.0.1:8080\n"),
            std::string::npos)
      << advice;
}

// A run of several streams is resumed only by a command asking the same streams.
TEST(VerifyAdviceTest, TheRunsStreamsAreKeptSoTheRunIsTheSame) {
  AdviceContext c = Context();
  c.run_params = R"({"years":[2016,2017,2018],"tz":"UTC","legacy_types":false,"truncate":null,)"
                 R"("streams":["timeline","clients","pianos"],)"
                 R"("source":"Gazelle API at http://127.0.0.1:8080"})";
  c.db.clear();
  std::string advice = VerifyAdvice(Differs({{2017, 0, 12, 10}}), c);
  EXPECT_NE(advice.find("gazelle-backfill run --years 2016-2018 --streams timeline,clients,pianos "
                        "--api http://127.0.0.1:8080\n"),
            std::string::npos)
      << advice;
}

TEST(VerifyAdviceTest, YearsNoRunCoversGetARunOfTheirOwn) {
  std::string advice = VerifyAdvice(Differs({{2020, 0, 5, 0}, {2021, 0, 3, 1}}), Context());
  EXPECT_NE(advice.find("gazelle-backfill run --years 2020-2021 --api"), std::string::npos)
      << advice;
}

TEST(VerifyAdviceTest, TheCommandCallsThisBinaryAsTheShellFindsIt) {
  AdviceContext c = Context();
  c.program = "/opt/gazelle tools/gazelle-backfill";  // not on PATH, a space in its path
  std::string advice = VerifyAdvice(Differs({{2017, 0, 12, 10}}), c);
  EXPECT_NE(advice.find("\n  '/opt/gazelle tools/gazelle-backfill' run --years 2016-2018 "),
            std::string::npos)
      << advice;
}

TEST(VerifyAdviceTest, RowsTheSourceNoLongerHasAreNamedNotReloaded) {
  std::string advice = VerifyAdvice(Differs({{2017, 0, 10, 12}}), Context());
  EXPECT_EQ(advice.find("gazelle-backfill run"), std::string::npos) << advice;
  EXPECT_NE(advice.find("no longer has"), std::string::npos) << advice;
}

TEST(VerifyAdviceTest, ShellWordsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(ShellWord("sqlite:/tmp/g.db"), "sqlite:/tmp/g.db");
  EXPECT_EQ(ShellWord("a b"), "'a b'");
  EXPECT_EQ(ShellWord("it's"), "'it'\\''s'");
  EXPECT_EQ(YearsFlag({2016, 2017, 2018}), "2016-2018");
  EXPECT_EQ(YearsFlag({2016, 2018}), "2016,2018");
}

}  // namespace
}  // namespace gb::cli
