#include "cli/browser.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace gb::cli {
namespace {

// Whether `name` can be run: a path that exists, or a name found on $PATH.
bool Runnable(const std::string& name, const EnvLookup& env) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0;
  std::stringstream path(env("PATH").value_or("/usr/local/bin:/usr/bin:/bin"));
  for (std::string dir; std::getline(path, dir, ':');) {
    if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

// The words of a $BROWSER entry, with "%s" replaced by `url` (or `url` appended).
std::vector<std::string> Argv(const std::string& command, const std::string& url) {
  std::vector<std::string> argv;
  bool placed = false;
  std::stringstream words(command);
  for (std::string word; words >> word;) {
    if (size_t at = word.find("%s"); at != std::string::npos) {
      word.replace(at, 2, url);
      placed = true;
    }
    argv.push_back(word);
  }
  if (!placed) argv.push_back(url);
  return argv;
}

}  // namespace

std::string BrowserCommand(const EnvLookup& env) {
  if (!env("DISPLAY") && !env("WAYLAND_DISPLAY")) return {};
  if (auto browser = env("BROWSER")) {
    std::string first = browser->substr(0, browser->find(':'));
    std::stringstream words(first);
    std::string program;
    if (words >> program && Runnable(program, env)) return first;
  }
  return Runnable("xdg-open", env) ? "xdg-open" : "";
}

bool OpenInBrowser(const std::string& url, const EnvLookup& env) {
  std::string command = BrowserCommand(env);
  if (command.empty()) return false;
  std::vector<std::string> words = Argv(command, url);
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  for (int fd : {0, 1, 2}) {
    posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);  // not stopped by our Ctrl-C
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0], &files, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return false;
  // Reaped in the background: a browser may stay open long after we exit.
  std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
  return true;
}

}  // namespace gb::cli
