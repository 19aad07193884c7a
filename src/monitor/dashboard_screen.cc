#include "monitor/dashboard_screen.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace gb {
namespace {

constexpr const char* kEnter = "\x1b[?1049h\x1b[?25l";  // alternate screen, hide cursor
constexpr const char* kLeave = "\x1b[?25h\x1b[?1049l";
constexpr const char* kHome = "\x1b[H";
constexpr const char* kEraseRight = "\x1b[K";
constexpr const char* kEraseBelow = "\x1b[J";

}  // namespace

DashboardScreen::DashboardScreen(std::ostream& out, TerminalCaps caps) : out_(out), caps_(caps) {}

DashboardScreen::~DashboardScreen() { Leave(); }

void DashboardScreen::Enter() {
  if (!caps_.smart || entered_) return;
  out_ << kEnter;
  out_.flush();
  entered_ = true;
}

void DashboardScreen::Draw(const std::vector<std::string>& lines) {
  std::string frame;
  if (entered_) {
    frame = kHome;
    for (size_t i = 0; i < lines.size(); ++i) {
      frame += lines[i];
      frame += kEraseRight;
      if (i + 1 < lines.size()) frame += "\r\n";
    }
    frame += kEraseBelow;
  } else {
    for (const auto& line : lines) frame += line + '\n';
    frame += '\n';
  }
  out_ << frame;  // one write per frame
  out_.flush();
}

void DashboardScreen::Leave() {
  if (!entered_) return;
  out_ << kLeave;
  out_.flush();
  entered_ = false;
}

int DashboardScreen::StdoutRows() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  if (const char* lines = std::getenv("LINES")) {
    int n = std::atoi(lines);
    if (n > 0) return n;
  }
  return 24;
}

}  // namespace gb
