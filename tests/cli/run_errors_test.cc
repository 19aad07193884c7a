// `run` given wrong input — URLs, schemes, a token file that is empty, not
// JSON or readable by others, an API that refuses or never answers, a bad
// --request-timeout — through the real binary: every message says what is
// wrong and what to do, and the exit code is the documented one (README).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "integration/loader_process.h"
#include "support/sim_process.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

// A loopback port that accepts connections (the kernel completes the
// handshake) but never answers: a hung API. Or, closed, a refused one.
class SilentPort {
 public:
  explicit SilentPort(bool listening) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    if (listening) {
      listen(fd_, 16);
    } else {
      close(fd_);  // nobody listens there now: connections are refused
      fd_ = -1;
    }
  }
  ~SilentPort() {
    if (fd_ >= 0) close(fd_);
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class RunErrorsTest : public ::testing::Test {
 protected:
  ChildExit Run(std::vector<std::string> args) {
    args.insert(args.begin(), "run");
    return RunLoader(args, {}, dir_.path(), 60s);
  }
  std::string WriteToken(const std::string& text, mode_t mode = 0600) {
    const std::string path = dir_.File("token.json");
    std::ofstream(path, std::ios::trunc) << text;
    chmod(path.c_str(), mode);
    return path;
  }
  // Starts `run` against `api` and returns its output once `pattern` shows
  // up (or after `limit`); the process is then killed.
  std::string OutputOnceSeen(const std::string& api, const std::regex& pattern,
                             std::chrono::seconds limit, std::chrono::milliseconds* waited) {
    const std::string token = WriteToken(R"({"access_token":"tok-1234567890"})");
    LoaderProcess run(
        {"run", "--years", "2024", "--api", api, "--token-file", token, "--db",
         "sqlite:" + dir_.File("dest.db"), "--progress", "log", "--request-timeout", "2"},
        {}, dir_.path());
    const auto start = std::chrono::steady_clock::now();
    std::string out;
    while (!std::regex_search(out = run.Output(), pattern) &&
           std::chrono::steady_clock::now() - start < limit && run.Running()) {
      std::this_thread::sleep_for(50ms);
    }
    *waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return run.Kill9().output;
  }

  TempDir dir_{"gb-cli-errors-"};
};

TEST_F(RunErrorsTest, WrongApiUrlsSayWhatToWrite) {
  for (const char* api : {"gopher://example.com", "example.com", "https://", "https://h/x?y=1",
                          "ftp://user:hunter2secret@example.com"}) {
    ChildExit end = Run({"--years", "2024", "--api", api});
    EXPECT_EQ(end.exit_code, 2) << api << ": " << end.output;
    EXPECT_NE(end.output.find("--api https://"), std::string::npos) << api << ": " << end.output;
    EXPECT_EQ(end.output.find("hunter2secret"), std::string::npos) << end.output;
  }
  ChildExit gopher = Run({"--years", "2024", "--api", "gopher://example.com"});
  EXPECT_NE(gopher.output.find("unsupported scheme gopher://"), std::string::npos) << gopher.output;
}

TEST_F(RunErrorsTest, WrongDatabaseUrlsSayWhatToWrite) {
  ChildExit mysql = Run({"--years", "2024", "--db", "mysql://root@db/x"});
  EXPECT_EQ(mysql.exit_code, 2) << mysql.output;
  EXPECT_NE(mysql.output.find("'mysql' databases are not supported"), std::string::npos)
      << mysql.output;
  EXPECT_NE(mysql.output.find("postgresql://user@host:5432/dbname"), std::string::npos);
  ChildExit bare = Run({"--years", "2024", "--db", "sqlite:"});
  EXPECT_EQ(bare.exit_code, 2) << bare.output;
  EXPECT_NE(bare.output.find("sqlite:gazelle.db"), std::string::npos) << bare.output;
}

TEST_F(RunErrorsTest, EmptyOrNonJsonTokenFileIsAConfigurationError) {
  const std::string api = SilentPort(false).Url();
  for (const char* text : {"", "  \n", "not json {", "[1,2]", R"({"refresh_token":"x"})"}) {
    const std::string token = WriteToken(text);
    ChildExit end = Run({"--years", "2024", "--api", api, "--token-file", token});
    EXPECT_EQ(end.exit_code, 2) << "'" << text << "': " << end.output;
    EXPECT_NE(end.output.find(token), std::string::npos) << end.output;  // which file
    EXPECT_NE(end.output.find("gazelle-backfill token"), std::string::npos)
        << end.output;  // what to do
  }
}

TEST_F(RunErrorsTest, TokenFileReadableByOthersIsWarnedWithTheFix) {
  SimProcess sim({"--scale", "0.002", "--token-file", dir_.File("token.json")});
  ASSERT_TRUE(sim.ok());
  chmod(dir_.File("token.json").c_str(), 0644);
  ChildExit end =
      Run({"--years", "2024", "--api", sim.url(), "--token-file", dir_.File("token.json"), "--db",
           "sqlite:" + dir_.File("dest.db"), "--progress", "log"});
  EXPECT_EQ(end.exit_code, 0) << end.output;  // a warning, not a refusal
  EXPECT_NE(end.output.find("chmod 600 " + dir_.File("token.json")), std::string::npos)
      << end.output;
}

TEST_F(RunErrorsTest, RefusedApiIsReportedAtOnceNamingTheUrl) {
  SilentPort closed(false);
  std::chrono::milliseconds waited{};
  std::string out =
      OutputOnceSeen(closed.Url(), std::regex("Retry api .*127\\.0\\.0\\.1"), 20s, &waited);
  EXPECT_NE(out.find("Retry api (attempt 1)"), std::string::npos) << out;
  EXPECT_NE(out.find(closed.Url()), std::string::npos) << out;
  EXPECT_NE(out.find("onnect"), std::string::npos)
      << out;  // "Couldn't connect", "Connection refused"
  EXPECT_LT(waited, 10s) << out;
}

TEST_F(RunErrorsTest, HangingApiTimesOutWithinTheRequestTimeout) {
  SilentPort hung(true);
  std::chrono::milliseconds waited{};
  std::string out = OutputOnceSeen(hung.Url(), std::regex("Retry api .*timed out"), 30s, &waited);
  EXPECT_NE(out.find("timed out"), std::string::npos) << out;
  EXPECT_NE(out.find(hung.Url()), std::string::npos) << out;
}

TEST_F(RunErrorsTest, RequestTimeoutOutOfRangeIsAUsageError) {
  for (const char* seconds : {"0", "-5", "3601"}) {
    ChildExit end = Run({"--years", "2024", "--request-timeout", seconds});
    EXPECT_EQ(end.exit_code, 2) << seconds << ": " << end.output;
    EXPECT_NE(end.output.find("--request-timeout"), std::string::npos) << end.output;
    EXPECT_NE(end.output.find("3,600"), std::string::npos) << end.output;
  }
  ChildExit word = Run({"--years", "2024", "--request-timeout", "soon"});
  EXPECT_EQ(word.exit_code, 2) << word.output;
}

}  // namespace
}  // namespace gb::test
