// The real `gazelle-backfill` binary (GB_BINARY) as a child process, for the
// end-to-end tests of `run`: a clean environment (none of the caller's
// GAZELLE_* or DATABASE_URL), its own working directory, its output in a file,
// kill -9 at any moment, and its peak RSS from wait4() (its own, not the
// whole test binary's children).
//
// Header-only: tests/CMakeLists.txt builds only tests/integration/*_test.cc.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace gb::test {

struct ChildExit {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;       // the signal that ended it, if any
  long max_rss_kb = 0;  // peak resident set size of this child (ru_maxrss)
  bool timed_out = false;
  std::string output;  // stdout and stderr together
};

// Limits of the child process.
struct ChildLimits {
  // RLIMIT_FSIZE in bytes (0 = none): no file of the child may grow past it,
  // which is how a full disk looks to SQLite (a write that cannot extend the
  // file). SIGXFSZ is ignored so the write fails instead of killing the child.
  long long file_size = 0;
};

class LoaderProcess {
 public:
  // Starts GB_BINARY args... in `cwd`, with PATH, HOME=cwd and `env` only.
  LoaderProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::string& cwd, ChildLimits limits = {})
      : log_path_(cwd + "/child-" + std::to_string(++Counter()) + ".log"), limits_(limits) {
    std::vector<std::string> argv_s = {GB_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<std::string> env_s = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + cwd};
    for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
    pid_ = fork();
    if (pid_ == 0) Exec(argv_s, env_s, cwd);
    if (pid_ < 0) ADD_FAILURE() << "fork failed";
  }
  ~LoaderProcess() {
    if (pid_ > 0) Kill9();
  }
  LoaderProcess(const LoaderProcess&) = delete;
  LoaderProcess& operator=(const LoaderProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Sends a signal (SIGTERM, SIGINT, SIGSTOP, SIGCONT...) while it runs.
  void Signal(int sig) {
    if (pid_ > 0) kill(pid_, sig);
  }

  // True while the child has not exited (reaps it when it has).
  bool Running() {
    if (pid_ <= 0) return false;
    return !Reap(WNOHANG);
  }

  // Waits for the exit; after `timeout` the child is killed and the test fails.
  ChildExit Wait(std::chrono::seconds timeout = std::chrono::seconds(240)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pid_ > 0 && !Reap(WNOHANG)) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        Reap(0);
        exit_.timed_out = true;
        ADD_FAILURE() << "the loader did not finish within " << timeout.count()
                      << " s; its output:\n"
                      << Output();
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    exit_.output = Output();
    return exit_;
  }

  // kill -9 now; returns how it ended (already exited: its real exit).
  ChildExit Kill9() {
    if (pid_ > 0 && !Reap(WNOHANG)) {
      kill(pid_, SIGKILL);
      Reap(0);
    }
    exit_.output = Output();
    return exit_;
  }

  std::string Output() const {
    std::ifstream in(log_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static std::atomic<int>& Counter() {  // children may be started from several threads
    static std::atomic<int> counter{0};
    return counter;
  }

  [[noreturn]] void Exec(std::vector<std::string>& argv_s, std::vector<std::string>& env_s,
                         const std::string& cwd) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test binary
    int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || chdir(cwd.c_str()) != 0) _exit(127);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if (limits_.file_size > 0) {
      signal(SIGXFSZ, SIG_IGN);  // kept across exec: the write fails with EFBIG instead
      rlimit limit{static_cast<rlim_t>(limits_.file_size), static_cast<rlim_t>(limits_.file_size)};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    int null = open("/dev/null", O_RDONLY);
    dup2(null, STDIN_FILENO);
    std::vector<char*> argv, envp;
    for (auto& a : argv_s) argv.push_back(a.data());
    for (auto& e : env_s) envp.push_back(e.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }

  // True once the child is reaped (exit status and rusage recorded).
  bool Reap(int flags) {
    int status = 0;
    rusage usage{};
    pid_t got = wait4(pid_, &status, flags, &usage);
    if (got == 0) return false;
    if (got == pid_) {
      exit_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      exit_.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
      exit_.max_rss_kb = usage.ru_maxrss;
    }
    pid_ = -1;
    return true;
  }

  std::string log_path_;
  ChildLimits limits_;
  pid_t pid_ = -1;
  ChildExit exit_;
};

// Runs the binary to completion.
inline ChildExit RunLoader(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env, const std::string& cwd,
                           std::chrono::seconds timeout = std::chrono::seconds(240)) {
  LoaderProcess child(args, env, cwd);
  return child.Wait(timeout);
}

}  // namespace gb::test
