// Headless Chromium driven over WebDriver (Debian's chromium-driver), for the
// end-to-end tests that need a real browser to click: chromedriver is started
// on a free loopback port, one session runs Chromium with the flags that work
// here as root and a fresh empty profile, and the commands are WebDriver's
// HTTP JSON protocol spoken with cpp-httplib. chromedriver (and its browser)
// is killed in the destructor, also when a test fails, and dies with the test
// binary.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "support/temp_dir.h"

namespace gb::test {

class WebDriver {
 public:
  // Starts chromedriver and a session. On failure ok() is false and the test
  // has an ADD_FAILURE saying why (with chromedriver's log).
  WebDriver();
  ~WebDriver();
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  bool ok() const { return !session_.empty(); }

  bool Navigate(const std::string& url);
  std::string CurrentUrl();
  std::string PageSource();
  // Clicks the first element matching the CSS selector; false when none.
  bool Click(const std::string& css);
  // The visible text of the first element matching `css` (none when absent).
  std::optional<std::string> Text(const std::string& css);
  std::optional<std::string> Attribute(const std::string& css, const std::string& name);

  // Polls the page source every 100 ms until it contains `needle`.
  bool WaitForSource(const std::string& needle, std::chrono::seconds limit);

 private:
  // One WebDriver command: its "value", or none (with ADD_FAILURE when `must`).
  std::optional<nlohmann::json> Call(const std::string& method, const std::string& path,
                                     const nlohmann::json& body, bool must = true);
  std::optional<std::string> Element(const std::string& css);
  std::string Log() const;

  TempDir dir_{"gb-webdriver-"};
  pid_t pid_ = -1;
  int port_ = 0;
  std::string session_;
};

}  // namespace gb::test
