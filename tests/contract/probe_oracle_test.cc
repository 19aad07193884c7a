// The differential oracle (issue 12): every probe document of
// tests/contract/probes/ is judged by the reference implementation
// (graphql-js 16, node-graphql: tests/contract/graphql_oracle.js), by our
// validator in-process (graphql::PrepareRequest: parse, validate, choose the
// operation, coerce the variables) and by the simulator over HTTP (refused
// when it answers `errors` without `data`, i.e. before execution). All three
// verdicts must agree with each other and with the probe's `# expect:` line.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "graphql/gazelle_schema.h"
#include "graphql/request.h"
#include "sim/sim_server.h"

namespace gb {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

struct Probe {
  std::string name;
  std::string text;
  bool expect_valid = false;
  json variables = json::object();
  std::string operation;
};

std::string Header(const std::string& text, const std::string& key) {
  std::smatch m;
  std::regex re("^#\\s*" + key + ":\\s*(.*)$");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (std::regex_match(line, m, re)) return m[1];
  }
  return {};
}

std::vector<Probe> LoadProbes() {
  std::vector<Probe> probes;
  for (const auto& entry :
       fs::directory_iterator(fs::path(GB_SOURCE_DIR) / "tests/contract/probes")) {
    if (entry.path().extension() != ".graphql") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    Probe p;
    p.name = entry.path().filename().string();
    p.text = text.str();
    p.expect_valid = Header(p.text, "expect") == "valid";
    if (auto v = Header(p.text, "variables"); !v.empty()) p.variables = json::parse(v);
    p.operation = Header(p.text, "operation");
    probes.push_back(std::move(p));
  }
  std::sort(probes.begin(), probes.end(),
            [](const Probe& a, const Probe& b) { return a.name < b.name; });
  return probes;
}

// graphql-js's verdict per probe name; fails the test when node or the module is missing.
std::map<std::string, bool> OracleVerdicts(const std::vector<Probe>& probes) {
  std::string command = std::string(GB_NODE) + " " + GB_SOURCE_DIR +
                        "/tests/contract/graphql_oracle.js " + GB_NODE_GRAPHQL + " " +
                        GB_SOURCE_DIR + "/api/gazelle-private.graphql";
  for (const Probe& p : probes)
    command += " " + std::string(GB_SOURCE_DIR) + "/tests/contract/probes/" + p.name;
  std::map<std::string, bool> verdicts;
  FILE* out = ::popen(command.c_str(), "r");
  if (!out) return verdicts;
  char line[1 << 16];
  while (std::fgets(line, sizeof line, out)) {
    json r = json::parse(line, nullptr, false);
    if (r.is_object()) verdicts[r["probe"].get<std::string>()] = r["valid"].get<bool>();
  }
  ::pclose(out);
  return verdicts;
}

bool SimVerdict(httplib::Client& client, const std::string& token, const Probe& p) {
  json body = {{"query", p.text}, {"variables", p.variables}};
  if (!p.operation.empty()) body["operationName"] = p.operation;
  auto res = client.Post("/graphql/private/", {{"Authorization", "Bearer " + token}}, body.dump(),
                         "application/json");
  EXPECT_TRUE(res) << p.name;
  if (!res) return false;
  EXPECT_EQ(res->status, 200) << p.name << ": " << res->body;
  json answer = json::parse(res->body, nullptr, false);
  EXPECT_TRUE(answer.is_object()) << p.name << ": " << res->body;
  return answer.is_object() && answer.contains("data");
}

TEST(ProbeOracleTest, GraphqlJsOurValidatorAndTheSimulatorAgreeOnEveryProbe) {
  const auto probes = LoadProbes();
  ASSERT_GE(probes.size(), 100u);
  const auto oracle = OracleVerdicts(probes);
  ASSERT_EQ(oracle.size(), probes.size())
      << "graphql-js did not judge every probe: are nodejs and node-graphql installed "
         "(deps/debian-packages.txt, scripts/ensure-deps.sh)? node: "
      << GB_NODE << ", module: " << GB_NODE_GRAPHQL;
  sim::SimOptions options;
  options.scale = 0.01;
  sim::SimServer sim(options);
  ASSERT_TRUE(sim.Start());
  httplib::Client client(sim.BaseUrl());
  int valid = 0;
  std::string table = "\nprobe | expected | graphql-js | validator | simulator\n";
  for (const Probe& p : probes) {
    auto ours = graphql::PrepareRequest(graphql::GazelleSchema(), p.text, p.operation, p.variables);
    const bool js = oracle.at(p.name);
    const bool sim_ok = SimVerdict(client, sim.credentials().access_token, p);
    auto word = [](bool v) { return v ? "valid" : "invalid"; };
    table += p.name + " | " + word(p.expect_valid) + " | " + word(js) + " | " +
             word(ours.has_value()) + " | " + word(sim_ok) + "\n";
    EXPECT_EQ(js, p.expect_valid) << p.name
                                  << ": graphql-js disagrees with the probe's expectation";
    EXPECT_EQ(ours.has_value(), js)
        << p.name << ": our validator says " << word(ours.has_value()) << ", graphql-js "
        << word(js) << (ours ? "" : "; ours: " + ours.error().front().message);
    EXPECT_EQ(sim_ok, js) << p.name << ": the simulator says " << word(sim_ok);
    valid += js ? 1 : 0;
  }
  std::printf("%s%zu probes, %d valid, %zu invalid\n", table.c_str(), probes.size(), valid,
              probes.size() - valid);
  EXPECT_GE(valid, 30);
  EXPECT_GE(static_cast<int>(probes.size()) - valid, 60);
}

}  // namespace
}  // namespace gb
