#include "support/webdriver.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support/free_port.h"

namespace gb::test {
namespace {

using json = nlohmann::json;
constexpr const char* kChromedriver = "/usr/bin/chromedriver";
constexpr const char* kChromium = "/usr/bin/chromium";
// W3C WebDriver's key for an element reference.
constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

json Capabilities(const std::string& profile) {
  json args =
      json::array({"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile});
  return {{"capabilities",
           {{"alwaysMatch",
             {{"browserName", "chrome"},
              {"pageLoadStrategy", "normal"},
              {"goog:chromeOptions", {{"binary", kChromium}, {"args", args}}}}}}}};
}

}  // namespace

WebDriver::WebDriver() {
  port_ = FreePort();
  std::vector<std::string> argv_s = {kChromedriver, "--port=" + std::to_string(port_),
                                     "--log-path=" + dir_.File("chromedriver.log")};
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test binary
    setpgid(0, 0);                     // its browser is killed with it (kill -pgid)
    int null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (pid_ < 0) {
    ADD_FAILURE() << "fork failed";
    return;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < deadline) {
    auto status = Call("GET", "/status", nullptr, /*must=*/false);
    ready = status && status->value("ready", false);
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!ready) {
    ADD_FAILURE() << "chromedriver did not start on port " << port_ << "\n" << Log();
    return;
  }
  auto created = Call("POST", "/session", Capabilities(dir_.File("profile")));
  if (created && created->contains("sessionId")) session_ = (*created)["sessionId"];
  if (session_.empty()) ADD_FAILURE() << "no WebDriver session\n" << Log();
}

WebDriver::~WebDriver() {
  if (!session_.empty()) Call("DELETE", "/session/" + session_, nullptr, /*must=*/false);
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::optional<json> WebDriver::Call(const std::string& method, const std::string& path,
                                    const json& body, bool must) {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(90, 0);
  const std::string text = body.is_null() ? "" : body.dump();
  httplib::Result r = method == "GET"      ? client.Get(path)
                      : method == "DELETE" ? client.Delete(path)
                                           : client.Post(path, text, "application/json");
  json answer = r ? json::parse(r->body, nullptr, false) : json();
  if (!r || r->status != 200 || !answer.is_object() || !answer.contains("value")) {
    if (must) {
      ADD_FAILURE() << "WebDriver " << method << " " << path
                    << " failed: " << (r ? std::to_string(r->status) + " " + r->body : "no answer");
    }
    return std::nullopt;
  }
  return answer["value"];
}

std::string WebDriver::Log() const {
  std::ifstream in(dir_.File("chromedriver.log"));
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

bool WebDriver::Navigate(const std::string& url) {
  return Call("POST", "/session/" + session_ + "/url", json{{"url", url}}).has_value();
}

std::string WebDriver::CurrentUrl() {
  auto v = Call("GET", "/session/" + session_ + "/url", nullptr);
  return v && v->is_string() ? v->get<std::string>() : "";
}

std::string WebDriver::PageSource() {
  auto v = Call("GET", "/session/" + session_ + "/source", nullptr, /*must=*/false);
  return v && v->is_string() ? v->get<std::string>() : "";
}

std::optional<std::string> WebDriver::Element(const std::string& css) {
  auto v = Call("POST", "/session/" + session_ + "/element",
                json{{"using", "css selector"}, {"value", css}}, /*must=*/false);
  if (!v || !v->contains(kElementKey)) return std::nullopt;
  return (*v)[kElementKey].get<std::string>();
}

bool WebDriver::Click(const std::string& css) {
  auto element = Element(css);
  return element &&
         Call("POST", "/session/" + session_ + "/element/" + *element + "/click", json::object())
             .has_value();
}

std::optional<std::string> WebDriver::Text(const std::string& css) {
  auto element = Element(css);
  if (!element) return std::nullopt;
  auto v = Call("GET", "/session/" + session_ + "/element/" + *element + "/text", nullptr);
  return v && v->is_string() ? std::optional(v->get<std::string>()) : std::nullopt;
}

std::optional<std::string> WebDriver::Attribute(const std::string& css, const std::string& name) {
  auto element = Element(css);
  if (!element) return std::nullopt;
  auto v =
      Call("GET", "/session/" + session_ + "/element/" + *element + "/attribute/" + name, nullptr);
  return v && v->is_string() ? std::optional(v->get<std::string>()) : std::nullopt;
}

bool WebDriver::WaitForSource(const std::string& needle, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (PageSource().find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace gb::test
