// The web page follows the browser, not the server's locale: Accept-Language
// (or ?lang=) picks the language of the page, /i18n.json and the texts of
// /status.json (labels, reasons, grouped numbers); /metrics is never
// translated. The French comes from the catalog the build compiled.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "core/clock.h"
#include "health_fixture.h"
#include "monitor/accept_language.h"
#include "monitor/http_dashboard.h"
#include "monitor/i18n.h"
#include "monitor/metrics.h"
#include "monitor/mo_catalog.h"
#include "monitor/run_health_sampler.h"
#include "monitor/status_json.h"

namespace gb {
namespace {

const std::string kLocaleDir = std::string(GB_BUILD_DIR) + "/locale";

TEST(AcceptLanguageTest, FrenchWhenRankedFirstEnglishOtherwise) {
  EXPECT_EQ(LanguageFromAcceptLanguage("fr"), "fr");
  EXPECT_EQ(LanguageFromAcceptLanguage("fr-CA,fr;q=0.9"), "fr");
  EXPECT_EQ(LanguageFromAcceptLanguage("fr-FR;q=0.8"), "fr");
  EXPECT_EQ(LanguageFromAcceptLanguage("de-DE, FR_ca;q=0.5"), "fr");  // the one we have
  EXPECT_EQ(LanguageFromAcceptLanguage("en-US,en;q=0.9,fr;q=0.8"), "en");
  EXPECT_EQ(LanguageFromAcceptLanguage("en;q=0.5, fr;q=0.7"), "fr");  // q, not order
  EXPECT_EQ(LanguageFromAcceptLanguage("fr;q=0.5, en;q=0.5"), "fr");  // a tie: order
  EXPECT_EQ(LanguageFromAcceptLanguage("de"), "en");
  EXPECT_EQ(LanguageFromAcceptLanguage("fr;q=0, en"), "en");  // q=0: not acceptable
  EXPECT_EQ(LanguageFromAcceptLanguage("fr;q=abc"), "en");
  EXPECT_EQ(LanguageFromAcceptLanguage("*"), "en");
  EXPECT_EQ(LanguageFromAcceptLanguage("  "), "");
  EXPECT_EQ(LanguageFromAcceptLanguage(""), "");
}

TEST(MoCatalogTest, ReadsTheBuiltCatalog) {
  auto catalog = MoCatalog::Load(kLocaleDir + "/fr/LC_MESSAGES/gazelle-backfill.mo");
  ASSERT_TRUE(catalog) << kLocaleDir;
  EXPECT_GT(catalog->size(), 100u);
  ASSERT_NE(catalog->Find("running"), nullptr);
  EXPECT_EQ(*catalog->Find("running"), "en cours");
  EXPECT_EQ(catalog->Find("no such message"), nullptr);
  EXPECT_EQ(catalog->Find(""), nullptr);  // the header is not a message
  EXPECT_FALSE(MoCatalog::Parse("not a catalog"));
  EXPECT_FALSE(MoCatalog::Load("/nonexistent.mo"));
}

class FakeReader final : public StatusReader {
 public:
  Result<DbStatus> Read() override {
    DbStatus s = testing::RunningStatus(testing::kT0, 12345);
    s.workers[0].state = WorkerState::kSlow;
    s.workers[0].reason = SlowPace(312, 1450);
    return s;
  }
  std::string Describe() const override { return "sqlite:gazelle.db"; }
};

// A page server like `watch --http`'s, started under `server_locale`.
class PageLanguageTest : public ::testing::Test {
 protected:
  void Start(const Locale& server_locale) {
    UseCatalog(kLocaleDir, server_locale);  // what InitTranslations does for LANG
    sampler_.emplace(std::make_unique<FakeReader>(), HealthOptions{}, clock_);
    sampler_->Sample();
    server_.emplace(HttpContent{[this] { return FormatStatusJson(sampler_->Current()); },
                                [this] { return FormatMetrics(sampler_->Current(), {}); }});
    ASSERT_TRUE(server_->Start("127.0.0.1:0"));
  }
  void TearDown() override {
    server_.reset();
    UseCatalog("", EnglishLocale());  // as the other tests expect the process
  }

  std::string Get(const std::string& path, const std::string& accept_language = "") {
    httplib::Client client("127.0.0.1", server_->port());
    httplib::Headers headers;
    if (!accept_language.empty()) headers.emplace("Accept-Language", accept_language);
    auto res = client.Get(path.c_str(), headers);
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? res->body : "";
  }
  nlohmann::json Total(const std::string& accept_language,
                       const std::string& path = "/status.json") {
    return nlohmann::json::parse(Get(path, accept_language))["total"];
  }

  FakeClock clock_;
  std::optional<HealthSampler> sampler_;
  std::optional<HttpDashboard> server_;
};

TEST_F(PageLanguageTest, AnEnglishServerAnswersAFrenchBrowserInFrench) {
  Start(EnglishLocale());
  auto texts = nlohmann::json::parse(Get("/i18n.json", "fr-CA,fr;q=0.9"));
  EXPECT_EQ(texts["running"], "en cours");
  EXPECT_EQ(texts["slow"], "lent");
  auto total = Total("fr-CA,fr;q=0.9");
  EXPECT_EQ(total["state"], "slow");
  EXPECT_EQ(total["label"], "lent");
  EXPECT_EQ(total["reason"], "312 entrées/s, sous son rythme récent de 1\u00a0450 entrées/s");
  EXPECT_NE(Get("/", "fr-CA,fr;q=0.9").find("<html lang=\"fr\""), std::string::npos);
  auto worker = nlohmann::json::parse(Get("/status.json", "fr"))["workers"][0];
  // `reason` in English whatever the language (numbers grouped as in English),
  // reason_code for machines, reason_label in the asked language.
  EXPECT_EQ(worker["reason"], "312 entries/s, below its recent pace of 1,450 entries/s");
  EXPECT_EQ(worker["reason_code"], "slow");
  EXPECT_EQ(worker["reason_label"], total["reason"]);

  EXPECT_EQ(nlohmann::json::parse(Get("/i18n.json", "en-US"))["running"], "running");
  total = Total("en-US");
  EXPECT_EQ(total["label"], "slow");
  EXPECT_EQ(total["reason"], "312 entries/s, below its recent pace of 1,450 entries/s");
  EXPECT_NE(Get("/", "en-US").find("<html lang=\"en\""), std::string::npos);

  EXPECT_EQ(Total("")["label"], "slow");  // no header: the server's language
  EXPECT_EQ(Total("en-US", "/status.json?lang=fr")["label"], "lent");  // asked explicitly
  EXPECT_EQ(Get("/metrics", "fr-CA"), Get("/metrics"));  // machine-read: never translated
  EXPECT_EQ(Tr("running"), "running") << "the server's own language is untouched";
}

TEST_F(PageLanguageTest, AFrenchServerAnswersAnEnglishBrowserInEnglish) {
  Start(FrenchLocale());
  EXPECT_EQ(Total("")["label"], "lent");
  EXPECT_EQ(Total("fr-FR;q=0.8")["label"], "lent");
  auto total = Total("en-US,en;q=0.9");
  EXPECT_EQ(total["label"], "slow");
  EXPECT_EQ(total["reason"], "312 entries/s, below its recent pace of 1,450 entries/s");
  EXPECT_EQ(nlohmann::json::parse(Get("/i18n.json", "en-US"))["running"], "running");
  EXPECT_NE(Get("/?lang=en").find("<html lang=\"en\""), std::string::npos);
}

}  // namespace
}  // namespace gb
