// `token login` end to end without a browser: the real binary against the
// in-process simulator, the consent form submitted the way a browser does
// (tests/integration/token_login_chromium_test.cc does it in Chromium).
// Approve writes a working token file (0600, exact format, atomically);
// Deny, a wrong client secret, a wrong state and a timeout each end with a
// clear message and exit 5, a taken port with exit 2, and nothing is written.
// A browser is started only when there is a display.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "core/exit_code.h"
#include "integration/login_fixture.h"

namespace gb::test {
namespace {

struct Landing {
  int status = 0;
  std::string body;
  std::string code;  // the code the redirect carried, if any
};

class TokenLoginTest : public LoginTest {
 protected:
  // A browser's part: open the consent page, press `decision`, follow the redirect home.
  Landing Decide(const std::string& authorize_url, const std::string& decision) {
    Landing landing;
    httplib::Client gazelle(sim_->BaseUrl());
    auto consent = gazelle.Get(authorize_url.substr(sim_->BaseUrl().size()));
    EXPECT_TRUE(consent && consent->status == 200) << (consent ? consent->body : "no answer");
    auto query = Query(authorize_url);
    httplib::Params form(query.begin(), query.end());
    form.emplace("decision", decision);
    auto redirect = gazelle.Post("/developer/oauth/authorize", form);
    if (!redirect || redirect->status != 302) {
      ADD_FAILURE() << "no redirect: " << (redirect ? redirect->body : "no answer");
      return landing;
    }
    const std::string location = redirect->get_header_value("Location");
    landing = Visit(location);
    auto back = Query(location);
    if (back.count("code")) landing.code = back.find("code")->second;
    return landing;
  }

  // GET an http://127.0.0.1:PORT/... URL.
  static Landing Visit(const std::string& url) {
    size_t path = url.find('/', std::string("http://").size());
    httplib::Client home(url.substr(0, path));
    home.set_read_timeout(90, 0);
    auto page = home.Get(url.substr(path));
    Landing landing;
    if (page) landing = {page->status, page->body, {}};
    return landing;
  }
};

TEST_F(TokenLoginTest, ApproveWritesAWorkingTokenFile) {
  auto login = StartLogin(ClientEnv());
  const std::string url = AuthorizeUrl(*login);
  ASSERT_FALSE(url.empty());
  auto query = Query(url);
  EXPECT_EQ(query.find("response_type")->second, "code");
  EXPECT_EQ(query.find("client_id")->second, sim_->credentials().client_id);
  EXPECT_EQ(query.find("state")->second.size(), 64u);
  EXPECT_TRUE(query.find("redirect_uri")->second.ends_with("/callback"));
  Landing landing = Decide(url, "approve");
  EXPECT_EQ(landing.status, 200);
  EXPECT_NE(landing.body.find(R"(data-outcome="signed-in")"), std::string::npos) << landing.body;
  EXPECT_NE(landing.body.find("You can close this tab"), std::string::npos) << landing.body;
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, 0) << end.output;
  EXPECT_NE(end.output.find("Signed in: the token is saved to"), std::string::npos) << end.output;
  EXPECT_NE(end.output.find("expires in"), std::string::npos) << end.output;
  EXPECT_NE(end.output.find("Open this address in a browser"), std::string::npos) << end.output;
  ExpectWorkingTokenFile();
  ExpectNoSecret(end.output + landing.body, landing.code);
  // The token file is what `token status` reads.
  CliResult status = RunCli("token status --token-file " + token_path_, ClientEnv(), dir_.path());
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("Refresh: possible"), std::string::npos) << status.output;
}

TEST_F(TokenLoginTest, DenyEndsWithExitFiveAndNoFile) {
  auto login = StartLogin(ClientEnv());
  Landing landing = Decide(AuthorizeUrl(*login), "deny");
  EXPECT_EQ(landing.status, 400);
  EXPECT_NE(landing.body.find(R"(data-outcome="failed")"), std::string::npos) << landing.body;
  EXPECT_NE(landing.body.find("access was denied"), std::string::npos) << landing.body;
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("access was denied on Gazelle's consent page"), std::string::npos)
      << end.output;
  EXPECT_FALSE(TokenFileExists());
  ExpectNoSecret(end.output);
}

TEST_F(TokenLoginTest, WrongClientSecretSaysSo) {
  auto login = StartLogin(ClientEnv("not-the-secret-42"));
  Landing landing = Decide(AuthorizeUrl(*login), "approve");
  EXPECT_NE(landing.body.find("invalid_client"), std::string::npos) << landing.body;
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("refused the client id or secret (invalid_client)"), std::string::npos)
      << end.output;
  EXPECT_NE(end.output.find("GAZELLE_CLIENT_SECRET"), std::string::npos) << end.output;
  EXPECT_EQ(end.output.find("not-the-secret-42"), std::string::npos) << end.output;
  EXPECT_EQ(landing.body.find("not-the-secret-42"), std::string::npos) << landing.body;
  EXPECT_EQ(end.output.find(landing.code), std::string::npos) << end.output;
  EXPECT_FALSE(TokenFileExists());
}

TEST_F(TokenLoginTest, AnAnswerWithAnotherStateIsNotUsed) {
  auto login = StartLogin(ClientEnv());
  const std::string url = AuthorizeUrl(*login);
  const std::string redirect = Query(url).find("redirect_uri")->second;
  // A code the simulator really issued, but with a state this login did not make.
  httplib::Client gazelle(sim_->BaseUrl());
  auto query = Query(url);
  httplib::Params form(query.begin(), query.end());
  form.find("state")->second = std::string(64, 'a');
  form.emplace("decision", "approve");
  auto forged = gazelle.Post("/developer/oauth/authorize", form);
  ASSERT_TRUE(forged && forged->status == 302);
  Landing landing = Visit(forged->get_header_value("Location"));
  EXPECT_EQ(landing.status, 400);
  EXPECT_NE(landing.body.find("state does not match"), std::string::npos) << landing.body;
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("its state does not match"), std::string::npos) << end.output;
  EXPECT_FALSE(TokenFileExists());
  EXPECT_TRUE(redirect.starts_with("http://127.0.0.1:"));
}

TEST_F(TokenLoginTest, TimeoutSaysHowLongItWaitedAndWhatToDo) {
  auto login = StartLogin(ClientEnv(), {"--timeout", "2"});
  ASSERT_FALSE(AuthorizeUrl(*login).empty());
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, ToInt(ExitCode::kAuth)) << end.output;
  EXPECT_NE(end.output.find("no answer came back from the browser within 2s"), std::string::npos)
      << end.output;
  EXPECT_NE(end.output.find("--timeout"), std::string::npos) << end.output;
  EXPECT_FALSE(TokenFileExists());
}

TEST_F(TokenLoginTest, ATakenPortIsAUsageError) {
  // Another program listening there, even one that allows sharing its port.
  int squatter = socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  setsockopt(squatter, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(squatter, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(squatter, 4), 0);
  getsockname(squatter, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  CliResult r =
      RunCli("token login --timeout 5 --api " + sim_->BaseUrl() + " --port " + std::to_string(port),
             ClientEnv(), dir_.path());
  close(squatter);
  EXPECT_EQ(r.exit_code, ToInt(ExitCode::kUsage)) << r.output;
  EXPECT_NE(r.output.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.output;
}

TEST_F(TokenLoginTest, WithoutTheClientIdAndSecretItSaysWhichToSet) {
  CliResult r = RunCli("token login --api " + sim_->BaseUrl() + " --port 0", {}, dir_.path());
  EXPECT_EQ(r.exit_code, ToInt(ExitCode::kAuth)) << r.output;
  EXPECT_NE(r.output.find("GAZELLE_CLIENT_ID and GAZELLE_CLIENT_SECRET"), std::string::npos)
      << r.output;
  // A .env file is where they come from as well.
  std::ofstream(dir_.File(".env"))
      << "GAZELLE_CLIENT_ID=" << sim_->credentials().client_id
      << "\nGAZELLE_CLIENT_SECRET=" << sim_->credentials().client_secret << "\n";
  auto login = StartLogin({});
  Landing landing = Decide(AuthorizeUrl(*login), "approve");
  EXPECT_EQ(login->Wait(std::chrono::seconds(60)).exit_code, 0) << login->Output();
  ExpectWorkingTokenFile();
}

TEST_F(TokenLoginTest, HelpSaysThePortMustMatchTheRegisteredRedirectUri) {
  CliResult r = RunCli("token login --help", {}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("http://127.0.0.1:PORT/callback"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("registered"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("8765"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("https://gazelleapp.io"), std::string::npos) << r.output;
}

// $BROWSER stands for the browser: a script that writes down the URL it was given.
class BrowserTest : public TokenLoginTest {
 protected:
  void SetUp() override {
    TokenLoginTest::SetUp();
    script_ = dir_.File("fake-browser.sh");
    std::ofstream(script_) << "#!/bin/sh\necho \"$1\" > " << dir_.File("opened.txt") << "\n";
    chmod(script_.c_str(), 0755);
  }
  std::string Opened() const {
    std::ifstream in(dir_.File("opened.txt"));
    std::string line;
    std::getline(in, line);
    return line;
  }
  std::string script_;
};

TEST_F(BrowserTest, ABrowserIsOpenedWhenThereIsADisplay) {
  auto env = ClientEnv();
  env["DISPLAY"] = ":99";
  env["BROWSER"] = script_;
  auto login = StartLogin(env);
  const std::string url = AuthorizeUrl(*login);
  for (int i = 0; i < 100 && Opened().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(Opened(), url);
  EXPECT_NE(login->Output().find("A browser was opened"), std::string::npos) << login->Output();
  Decide(url, "approve");
  EXPECT_EQ(login->Wait(std::chrono::seconds(60)).exit_code, 0) << login->Output();
}

TEST_F(BrowserTest, NoDisplayNoBrowserAndNoFailure) {
  auto env = ClientEnv();
  env["BROWSER"] = script_;
  auto login = StartLogin(env);
  const std::string url = AuthorizeUrl(*login);
  Decide(url, "approve");
  ChildExit end = login->Wait(std::chrono::seconds(60));
  EXPECT_EQ(end.exit_code, 0) << end.output;
  EXPECT_EQ(Opened(), "");
  EXPECT_NE(end.output.find("Open this address in a browser"), std::string::npos) << end.output;
  // --no-browser wins over a display.
  env["DISPLAY"] = ":99";
  auto quiet = StartLogin(env, {"--no-browser"});
  Decide(AuthorizeUrl(*quiet), "approve");
  EXPECT_EQ(quiet->Wait(std::chrono::seconds(60)).exit_code, 0) << quiet->Output();
  EXPECT_EQ(Opened(), "");
}

}  // namespace
}  // namespace gb::test
