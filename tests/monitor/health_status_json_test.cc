#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "health_fixture.h"
#include "monitor/status_json.h"

namespace gb {
namespace {

using nlohmann::json;
using testing::kT0;
using testing::RunningStatus;

// Every field path of a document: "run.id", "years[].state", ...
void Paths(const json& j, const std::string& prefix, std::set<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
      out.insert(path);
      // rejects_by_reason's keys are data (reasons), not fields.
      if (path != "rejects_by_reason") Paths(it.value(), path, out);
    }
  } else if (j.is_array() && !j.empty()) {
    Paths(j.front(), prefix + "[]", out);
  }
}

// The `field` column of docs/watch-json.md's table.
std::set<std::string> DocumentedPaths() {
  std::ifstream in(std::string(GB_SOURCE_DIR) + "/docs/watch-json.md");
  EXPECT_TRUE(in.good());
  std::set<std::string> out;
  std::regex row(R"(^\| `([a-z_\[\].]+)` \|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) out.insert(m[1]);
  }
  return out;
}

Health Sampled() {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 1000);
  s.rejects_by_reason["23503 foreign key violation"] = 2;
  health.Add(0, s, "sqlite:gazelle.db");
  health.Add(10, RunningStatus(kT0 + 10, 6000), "sqlite:gazelle.db");
  Health h = health.Current();
  h.rejects_by_reason["23503 foreign key violation"] = 2;
  h.exposed.push_back(TableExposure{"public.users",
                                    false,
                                    {"anon"},
                                    {"SELECT"},
                                    {"ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY"},
                                    false});
  return h;
}

TEST(StatusJsonTest, DocumentedFieldsMatch) {
  std::set<std::string> produced;
  Paths(StatusJson(Sampled()), "", produced);
  // A year object's fields are documented once, under total.*.
  std::set<std::string> documented = DocumentedPaths();
  for (const auto& p : std::set<std::string>(documented)) {
    if (p.rfind("total.", 0) == 0) documented.insert("years[]." + p.substr(6));
  }
  for (const auto& p : produced) EXPECT_TRUE(documented.count(p)) << "undocumented: " << p;
  for (const auto& p : documented) EXPECT_TRUE(produced.count(p)) << "documented, absent: " << p;
}

TEST(StatusJsonTest, CarriesTheNumbersAndTheStatus) {
  json j = json::parse(FormatStatusJson(Sampled()));
  EXPECT_EQ(j["run"]["id"], 3);
  EXPECT_EQ(j["status"]["state"], "running");
  EXPECT_EQ(j["total"]["done"], 6000);
  EXPECT_EQ(j["total"]["expected"], 54347);
  EXPECT_TRUE(j["total"]["year"].is_null());
  EXPECT_EQ(j["years"][0]["year"], 2024);
  EXPECT_DOUBLE_EQ(j["years"][0]["rate"].get<double>(), 500.0);
  EXPECT_EQ(j["years"][1]["state"], "not_started");
  EXPECT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["time"], "2024-11-19T07:06:50Z");
  EXPECT_EQ(j["run"]["uptime_s"], 70);
}

TEST(StatusJsonTest, BeforeAnyRunRunIsNull) {
  RunHealth health;
  DbStatus s;
  s.database_exists = false;
  health.Add(0, s);
  json j = StatusJson(health.Current());
  EXPECT_TRUE(j["run"].is_null());
  EXPECT_EQ(j["database_exists"], false);
  EXPECT_EQ(j["status"]["state"], "not_started");
  EXPECT_TRUE(j["years"].empty());
}

}  // namespace
}  // namespace gb
