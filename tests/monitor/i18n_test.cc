// The French interface through the real catalog compiled by the build
// (<build>/locale/fr/LC_MESSAGES/gazelle-backfill.mo from po/fr.po), the
// locale chosen from the environment, French number formatting, engine
// reasons translated at render time, and po/fr.po's placeholders.
#include "monitor/i18n.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "monitor/format.h"
#include "monitor/http_dashboard.h"

namespace gb {
namespace {

const std::string kLocaleDir = std::string(GB_BUILD_DIR) + "/locale";
constexpr const char* kNbsp = "\u00a0";

// Every test leaves the process as it found it: English, no catalog.
class FrenchTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(UseCatalog(kLocaleDir, FrenchLocale())) << kLocaleDir; }
  void TearDown() override { UseCatalog("", EnglishLocale()); }
};

TEST_F(FrenchTest, MessagesComeFromTheCompiledCatalog) {
  EXPECT_EQ(Tr("stalled"), "bloqué");
  EXPECT_EQ(Tr("done with rejects"), "terminé avec rejets");
  EXPECT_EQ(Tr("Latest entries"), "Dernières entrées");
  EXPECT_EQ(TrFormat("{} rejected", FormatCount(45234)),
            std::string("45") + kNbsp + "234 rejetées");
  EXPECT_EQ(TrFormat("Batch {}/{}", 3, 12), "Lot 3/12");
  // Placeholders may move: the French sentence keeps every value.
  EXPECT_EQ(
      TrFormat(" · this run: {} of {} ({}) · {} · ETA {}", "1", "2", "50%", "3 e/s", "4s"),
      std::string(" · ce chargement") + kNbsp + ": 1 sur 2 (50%) · 3 e/s · fin estimée dans 4s");
  // A text the catalog does not know stays as it was.
  EXPECT_EQ(Tr("not a message of gazelle-backfill"), "not a message of gazelle-backfill");
  EXPECT_EQ(Tr(""), "");
}

TEST_F(FrenchTest, NumbersUseFrenchGroupingAndDecimalComma) {
  EXPECT_EQ(FormatCount(45234), std::string("45") + kNbsp + "234");
  EXPECT_EQ(FormatCount(282669), std::string("282") + kNbsp + "669");
  EXPECT_EQ(FormatDecimal(3.456, 1), "3,5");
  EXPECT_EQ(FormatRate(4.5), "4,5 e/s");
  EXPECT_EQ(FormatPercent1(1, 3), "33,3%");
}

// A worker's reason is a code, put into words by wait_reason_text.h (its
// tests); what is below is the errors' and the runs' English.
TEST_F(FrenchTest, EngineReasonsAreTranslatedWithTheirValues) {
  EXPECT_EQ(TrReason("12345 rows are in the rejects table (see `gazelle-backfill rejects`)"),
            std::string("12") + kNbsp +
                "345 lignes sont dans la table des rejets (voir "
                "`gazelle-backfill rejects`)");
  // Nested: the cause inside "stopped: …" is translated too.
  std::string stopped = TrReason(
      "stopped: gave up after 5 attempts: HTTP 503 from http://127.0.0.1:1/. Progress up to the "
      "last committed batch is saved; fix the cause and rerun the same command to resume");
  EXPECT_EQ(stopped.rfind(std::string("arrêté") + kNbsp + ": abandon après 5 tentatives" + kNbsp +
                              ": HTTP 503 de http://127.0.0.1:1/. La progression",
                          0),
            0u)
      << stopped;
  // The database's own words (a rejected row's reason) are not ours to translate.
  EXPECT_EQ(TrReason("violates foreign key constraint \"fk_user\""),
            "violates foreign key constraint \"fk_user\"");
}

TEST_F(FrenchTest, ThePageIsTranslatedFromTheSameCatalog) {
  EXPECT_EQ(
      LocalizePage("<html lang=\"{{@lang}}\"><h2>{{Years and streams}}</h2><th>{{Rate}}</th>"),
      "<html lang=\"fr\"><h2>Années et flux</h2><th>Débit</th>");
  auto texts = nlohmann::json::parse(
      PageTexts(R"(t("running") + x.setAttribute("points") + fill(t("{} e/s"), 3))"));
  EXPECT_EQ(texts, nlohmann::json({{"running", "en cours"}, {"{} e/s", "{} e/s"}}));
}

TEST(EnglishTest, EnglishByDefaultAndWhenAsked) {
  EXPECT_EQ(Tr("stalled"), "stalled");
  EXPECT_FALSE(UseCatalog(kLocaleDir, EnglishLocale()));
  EXPECT_EQ(Tr("stalled"), "stalled");
  EXPECT_EQ(FormatCount(45234), "45,234");
  EXPECT_EQ(TrReason("waiting on the API (429 Too Many Requests) until 14:02:31 UTC"),
            "waiting on the API (429 Too Many Requests) until 14:02:31 UTC");
  EXPECT_EQ(PageTexts(R"(t("running"))"), R"({"running":"running"})");
}

TEST(EnglishTest, NoCatalogMeansEnglishWordsWithTheLocaleNumbers) {
  EXPECT_FALSE(UseCatalog("/nonexistent/locale", FrenchLocale()));
  EXPECT_EQ(Tr("stalled"), "stalled");
  EXPECT_EQ(FormatCount(45234), std::string("45") + kNbsp + "234");
  UseCatalog("", EnglishLocale());
}

TEST(LocaleFromEnvTest, FrenchOnlyForAFrenchLocale) {
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_CA.UTF-8").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_FR.UTF-8").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_BE@euro").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "garbage").language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "french").language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "").language, "en");
  EXPECT_EQ(LocaleFromEnv("C", "fr_FR.UTF-8", "fr_FR.UTF-8").language, "en");
}

TEST(LocaleFromEnvTest, LanguageWinsUnlessTheLocaleIsC) {
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "en_US.UTF-8", "fr").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "en_US.UTF-8", "de:fr_CA").language, "fr");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_CA.UTF-8", "en").language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "C", "fr").language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, nullptr, "fr").language, "en");
  EXPECT_EQ(LocaleFromEnv(nullptr, nullptr, "fr_CA.UTF-8", "de").language, "fr");
}

// The environment of this process, restored after the test.
class ScopedEnv {
 public:
  void Set(const char* name, const char* value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name);
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      value ? setenv(name.c_str(), value->c_str(), 1) : unsetenv(name.c_str());
    }
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST(InitTranslationsTest, FollowsLangAndGbLocaledir) {
  ScopedEnv env;
  env.Set("GB_LOCALEDIR", kLocaleDir.c_str());
  env.Set("LC_ALL", nullptr);
  env.Set("LC_MESSAGES", nullptr);
  env.Set("LANGUAGE", nullptr);
  // fr_CH is not generated on the test machines: French all the same.
  for (const char* lang : {"fr_CA.UTF-8", "fr_FR.UTF-8", "fr_CH.UTF-8"}) {
    env.Set("LANG", lang);
    InitTranslations();
    EXPECT_EQ(Tr("stalled"), "bloqué") << lang;
    EXPECT_EQ(CurrentLocale().language, "fr") << lang;
  }
  for (const char* lang : {"C", "en_US.UTF-8", "garbage", "C.UTF-8"}) {
    env.Set("LANG", lang);
    env.Set("LANGUAGE", nullptr);
    InitTranslations();
    EXPECT_EQ(Tr("stalled"), "stalled") << lang;
    EXPECT_EQ(FormatCount(1000), "1,000") << lang;
  }
  UseCatalog("", EnglishLocale());
}

// One entry of a .po file (msgid, msgstr), strings unescaped.
struct PoEntry {
  std::string msgid, msgstr;
};

std::string Unquote(const std::string& line) {
  std::string out;
  size_t open = line.find('"'), close = line.rfind('"');
  for (size_t i = open + 1; i < close; ++i) {
    if (line[i] == '\\' && i + 1 < close) {
      ++i;
      out += line[i] == 'n' ? '\n' : line[i];
    } else {
      out += line[i];
    }
  }
  return out;
}

std::vector<PoEntry> ReadPo(const std::string& path) {
  std::ifstream in(path);
  std::vector<PoEntry> entries;
  std::string line, *field = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("msgid ", 0) == 0) {
      entries.emplace_back();
      field = &entries.back().msgid;
    } else if (line.rfind("msgstr ", 0) == 0 && !entries.empty()) {
      field = &entries.back().msgstr;
    } else if (line.empty() || line[0] != '"') {
      continue;
    }
    if (field != nullptr) *field += Unquote(line);
  }
  return entries;
}

std::multiset<std::string> Placeholders(const std::string& text) {
  static const std::regex placeholder(R"(\{[^{}]*\})");
  std::multiset<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder);
       it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

// A msgstr with a placeholder more or less than its msgid would throw in
// fmt::format (or lose a value): each keeps exactly the msgid's placeholders.
TEST(FrenchCatalogTest, EveryTranslationKeepsItsPlaceholders) {
  std::vector<PoEntry> entries = ReadPo(std::string(GB_SOURCE_DIR) + "/po/fr.po");
  ASSERT_GT(entries.size(), 200u);
  for (const PoEntry& e : entries) {
    if (e.msgid.empty()) continue;  // the header
    EXPECT_FALSE(e.msgstr.empty()) << "untranslated: " << e.msgid;
    EXPECT_EQ(Placeholders(e.msgstr), Placeholders(e.msgid)) << e.msgid << " -> " << e.msgstr;
    EXPECT_EQ(e.msgid.back() == '\n', e.msgstr.back() == '\n') << e.msgid;
  }
}

}  // namespace
}  // namespace gb
