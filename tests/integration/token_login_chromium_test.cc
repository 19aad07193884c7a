// `token login` in a real browser: the simulator, the real binary as a child
// process, and headless Chromium driven over WebDriver (chromedriver) opening
// the URL the command printed and clicking Approve or Deny on the consent
// page, then reading the page the loopback redirect shows. Named
// "LoginInChromium" so the sanitizer pass leaves them out (ASAN_EXCLUDE): their
// time is all in the browser; tests/integration/token_login_test.cc runs the
// same flow without a browser under the sanitizers.
#include "core/exit_code.h"
#include "integration/login_fixture.h"
#include "support/webdriver.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

class TokenLoginChromiumTest : public LoginTest {
 protected:
  // Opens the printed URL, checks the consent page, clicks `button`, and
  // waits for the loopback page; returns its outcome (data-outcome).
  std::string ClickThrough(WebDriver& browser, LoaderProcess& login, const std::string& button) {
    const std::string url = AuthorizeUrl(login);
    if (url.empty() || !browser.Navigate(url)) return {};
    EXPECT_EQ(browser.Text("#client").value_or(""), sim_->credentials().client_id);
    EXPECT_EQ(browser.Text("#approve").value_or(""), "Approve");
    EXPECT_EQ(browser.Text("#deny").value_or(""), "Deny");
    EXPECT_TRUE(browser.Click(button));
    EXPECT_TRUE(browser.WaitForSource("data-outcome=", 60s)) << browser.PageSource();
    const std::string redirect = Query(url).find("redirect_uri")->second;
    EXPECT_TRUE(browser.CurrentUrl().starts_with(redirect)) << browser.CurrentUrl();
    return browser.Attribute("#result", "data-outcome").value_or("");
  }
};

TEST_F(TokenLoginChromiumTest, LoginInChromiumApproveWritesAWorkingToken) {
  WebDriver browser;
  ASSERT_TRUE(browser.ok());
  auto login = StartLogin(ClientEnv());
  EXPECT_EQ(ClickThrough(browser, *login, "#approve"), "signed-in");
  EXPECT_NE(browser.Text("#result").value_or("").find("You can close this tab"), std::string::npos);
  ChildExit end = login->Wait(60s);
  EXPECT_EQ(end.exit_code, 0) << end.output;
  ExpectWorkingTokenFile();
  ExpectNoSecret(end.output + browser.PageSource());
}

TEST_F(TokenLoginChromiumTest, LoginInChromiumDenyWritesNothing) {
  WebDriver browser;
  ASSERT_TRUE(browser.ok());
  auto login = StartLogin(ClientEnv());
  EXPECT_EQ(ClickThrough(browser, *login, "#deny"), "failed");
  EXPECT_NE(browser.Text("#result").value_or("").find("access was denied"), std::string::npos)
      << browser.PageSource();
  ChildExit end = login->Wait(60s);
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("access was denied"), std::string::npos) << end.output;
  EXPECT_FALSE(TokenFileExists());
}

TEST_F(TokenLoginChromiumTest, LoginInChromiumWrongSecretSaysSo) {
  WebDriver browser;
  ASSERT_TRUE(browser.ok());
  auto login = StartLogin(ClientEnv("not-the-secret-42"));
  EXPECT_EQ(ClickThrough(browser, *login, "#approve"), "failed");
  EXPECT_NE(browser.Text("#result").value_or("").find("invalid_client"), std::string::npos)
      << browser.PageSource();
  ChildExit end = login->Wait(60s);
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("invalid_client"), std::string::npos) << end.output;
  EXPECT_EQ(end.output.find("not-the-secret-42"), std::string::npos) << end.output;
  EXPECT_FALSE(TokenFileExists());
}

}  // namespace
}  // namespace gb::test
