#include "support/sim_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

namespace gb::test {
namespace {

std::string Field(const std::string& line, const std::string& key) {
  auto at = line.find(key + "=");
  if (at == std::string::npos) return {};
  auto start = at + key.size() + 1;
  return line.substr(start, line.find(' ', start) - start);
}

}  // namespace

SimProcess::SimProcess(std::vector<std::string> args) {
  int fds[2];
  if (pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
  std::vector<std::string> argv_s = {GB_BINARY, "sim", "--port", "0"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test binary
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd_ = fds[0];
  if (pid_ < 0 || !ReadBanner()) {
    ADD_FAILURE() << "the simulator did not start (" << GB_BINARY
                  << "); banner so far: " << testing::PrintToString(banner_);
    url_.clear();
  }
}

SimProcess::~SimProcess() {
  Stop();
  if (out_fd_ >= 0) close(out_fd_);
}

// Reads lines until the "admin:" line (the last of the banner) or 60 s.
bool SimProcess::ReadBanner() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string pending;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return false;  // exited before finishing its banner
    pending.append(buf, n);
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      banner_.push_back(line);
      if (line.starts_with(kListeningPrefix)) {
        url_ = line.substr(std::string(kListeningPrefix).size());
        port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
      }
      if (line.find("client_id=") != std::string::npos) {
        client_id_ = Field(line, "client_id");
        client_secret_ = Field(line, "client_secret");
      }
      if (line.starts_with("admin:")) return !url_.empty();
    }
  }
  return false;
}

bool SimProcess::AdminPost(const std::string& path, const std::string& body) {
  httplib::Client client(url_);
  client.set_read_timeout(10, 0);
  auto res = client.Post(path, body, "application/json");
  return res && res->status == 200;
}

bool SimProcess::SetFaults(const std::string& faults_json) {
  return AdminPost("/admin/faults", faults_json);
}
bool SimProcess::ExpireTokens() { return AdminPost("/admin/expire-tokens", "{}"); }
bool SimProcess::AddEntries(int64_t count) {
  return AdminPost("/admin/add-entries", "{\"count\":" + std::to_string(count) + "}");
}

bool SimProcess::DeleteEntries(int64_t count) {
  return AdminPost("/admin/delete-entries", "{\"count\":" + std::to_string(count) + "}");
}

std::string SimProcess::Changes(const std::string& changes_json) {
  httplib::Client client(url_);
  client.set_read_timeout(30, 0);
  auto res = client.Post("/admin/changes", changes_json, "application/json");
  return res && res->status == 200 ? res->body : std::string();
}

std::string SimProcess::StatsJson() {
  httplib::Client client(url_);
  client.set_read_timeout(10, 0);
  auto res = client.Get("/admin/stats");
  return res && res->status == 200 ? res->body : std::string();
}

int64_t SimProcess::Stat(const std::string& name) {
  auto j = nlohmann::json::parse(StatsJson(), nullptr, false);
  if (!j.is_object() || !j.contains(name)) return -1;
  return j[name].get<int64_t>();
}

void SimProcess::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int SimProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGCONT);  // a stopped child cannot handle SIGTERM
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

}  // namespace gb::test
