// The French interface end to end: the real binary, the simulator and a
// SQLite destination. Under LANG=fr_CA.UTF-8 (or fr_FR.UTF-8) `run --progress
// log` and `watch --once` / `--check` speak French with French-grouped numbers
// ("1 086", no-break space); under LANG=C the same commands speak English.
// The catalog is the one the build compiled next to the binary (<build>/locale).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "integration/loader_process.h"
#include "support/sim_process.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

// 2023-2024 at scale 0.02: about 1,100 entries, so totals need a group separator.
constexpr const char* kFrenchScale = "0.02";
constexpr const char* kFrenchYears = "2023-2024";
// A four-digit count in each language's grouping ("1 087", "1,087").
constexpr const char* kFr = "([0-9]\u00a0[0-9]{3})";
constexpr const char* kEn = "([0-9],[0-9]{3})";
const std::regex kFrenchGrouped(kFr);
const std::regex kEnglishGrouped(kEn);

class FrenchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    token_file_ = dir_.File("token.json");
    sim_ = std::make_unique<SimProcess>(
        std::vector<std::string>{"--scale", kFrenchScale, "--token-file", token_file_});
    ASSERT_TRUE(sim_->ok());
  }

  std::string Db() const { return "sqlite:" + dir_.File("dest.db"); }

  std::map<std::string, std::string> Env(const std::string& lang) const {
    return {{"LANG", lang},
            {"GAZELLE_CLIENT_ID", sim_->client_id()},
            {"GAZELLE_CLIENT_SECRET", sim_->client_secret()}};
  }

  ChildExit Run(const std::string& lang) {
    return RunLoader({"run", "--api", sim_->url(), "--token-file", token_file_, "--db", Db(),
                      "--years", kFrenchYears, "--progress", "log"},
                     Env(lang), dir_.path());
  }

  // Not a terminal: the frame is cut to $COLUMNS, wide enough for the French lines.
  ChildExit Watch(const std::string& lang, std::vector<std::string> mode) {
    std::vector<std::string> args = {"watch", "--db", Db()};
    args.insert(args.end(), mode.begin(), mode.end());
    auto env = Env(lang);
    env["COLUMNS"] = "150";
    return RunLoader(args, env, dir_.path(), std::chrono::seconds(60));
  }

  static bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }
  static bool Matches(const std::string& text, const std::string& pattern) {
    return std::regex_search(text, std::regex(pattern));
  }

  TempDir dir_{"gb-fr-"};
  std::unique_ptr<SimProcess> sim_;
  std::string token_file_;
};

TEST_F(FrenchTest, RunAndWatchSpeakFrenchUnderAFrenchLocale) {
  const std::string fr = kFr;
  ChildExit run = Run("fr_CA.UTF-8");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string& log = run.output;
  EXPECT_TRUE(Has(log, "Chargement 1 commencé → ")) << log;
  EXPECT_TRUE(Matches(log, "Plan\u00a0: " + fr + " entrées sur 2 années")) << log;
  EXPECT_TRUE(Has(log, "Lot 1/")) << log;
  EXPECT_TRUE(Has(log, " nouvelles, ")) << log;
  EXPECT_TRUE(Has(log, "Année   Attendues")) << log;  // the summary's table
  EXPECT_TRUE(Matches(log, "terminé en [0-9hms ]+\u00a0: " + fr + " entrées sur \\1")) << log;
  EXPECT_FALSE(Has(log, "Batch ")) << log;
  EXPECT_FALSE(Has(log, " entries")) << log;
  EXPECT_FALSE(std::regex_search(log, kEnglishGrouped)) << log;

  ChildExit frame = Watch("fr_FR.UTF-8", {"--once"});
  EXPECT_EQ(frame.exit_code, 0) << frame.output;
  const std::string& text = frame.output;
  EXPECT_TRUE(Has(text, "gazelle-backfill suivi")) << text;
  EXPECT_TRUE(Has(text, "Chargement n°1 · terminé")) << text;
  EXPECT_TRUE(Matches(text, "ce chargement\u00a0: " + fr + " sur \\1 \\(100%\\)")) << text;
  EXPECT_TRUE(Has(text, "État\u00a0: terminé")) << text;
  EXPECT_TRUE(Has(text, "Dernières entrées")) << text;
  EXPECT_FALSE(Has(text, "Status")) << text;

  ChildExit check = Watch("fr_CA.UTF-8", {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_TRUE(
      Matches(check.output, "^terminé\u00a0: chargement n°1 · " + fr + " sur \\1 \\(100%\\)"))
      << check.output;

  // --json stays English and machine-readable whatever the language.
  ChildExit json = Watch("fr_CA.UTF-8", {"--json", "--once"});
  auto doc = nlohmann::json::parse(json.output, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << json.output;
  EXPECT_EQ(doc["status"]["state"], "done") << json.output;
  EXPECT_GT(doc["total"]["done"].get<int64_t>(), 1000) << json.output;
}

TEST_F(FrenchTest, EnglishUnderTheCLocaleOrAGarbageOne) {
  const std::string en = kEn;
  ChildExit run = Run("C");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Has(run.output, "Run 1 started → ")) << run.output;
  EXPECT_TRUE(Matches(run.output, "Plan: " + en + " entries in 2 years")) << run.output;
  EXPECT_TRUE(Has(run.output, "Batch 1/")) << run.output;
  EXPECT_FALSE(Has(run.output, "Lot ")) << run.output;
  EXPECT_FALSE(std::regex_search(run.output, kFrenchGrouped)) << run.output;

  ChildExit frame = Watch("C", {"--once"});
  EXPECT_EQ(frame.exit_code, 0) << frame.output;
  EXPECT_TRUE(Matches(frame.output, "this run: " + en + " of \\1 \\(100%\\)")) << frame.output;
  EXPECT_TRUE(Has(frame.output, "Status: done")) << frame.output;

  ChildExit check = Watch("garbage_LANG", {"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_TRUE(Matches(check.output, "^done: run #1 · " + en + " of \\1 \\(100%\\)"))
      << check.output;
}

// libpq's own French (its catalog is converted to LC_CTYPE's charset): a
// refused connection reads "a échoué", not "a ?chou?".
TEST_F(FrenchTest, TheDatabaseLibrarysMessagesKeepTheirAccents) {
  ChildExit doctor = RunLoader({"doctor", "--db", "postgresql://app@127.0.0.1:1/shop"},
                               Env("fr_FR.UTF-8"), dir_.path());
  EXPECT_EQ(doctor.exit_code, 7) << doctor.output;
  EXPECT_TRUE(Has(doctor.output, "PROBLÈME")) << doctor.output;
  EXPECT_TRUE(Has(doctor.output, "échoué")) << doctor.output;
  EXPECT_FALSE(Has(doctor.output, "?chou")) << doctor.output;
}

}  // namespace
}  // namespace gb::test
