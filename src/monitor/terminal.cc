#include "monitor/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace gb {
namespace {

constexpr std::string_view kEraseLine = "\r\x1b[K";

int StdoutColumns() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n > 0) return n;
  }
  return 80;
}

}  // namespace

TerminalCaps DecideTerminal(bool is_tty, const char* term, const char* no_color) {
  TerminalCaps caps;
  caps.smart = is_tty && term != nullptr && term[0] != '\0' && std::string_view(term) != "dumb";
  caps.color = caps.smart && no_color == nullptr;
  return caps;
}

Terminal::Terminal(std::ostream& out, TerminalCaps caps, std::function<int()> width)
    : out_(out), caps_(caps), width_(std::move(width)) {}

std::unique_ptr<Terminal> Terminal::ForStdout() {
  TerminalCaps caps =
      DecideTerminal(isatty(STDOUT_FILENO) == 1, std::getenv("TERM"), std::getenv("NO_COLOR"));
  return std::make_unique<Terminal>(std::cout, caps, StdoutColumns);
}

int Terminal::Width() const { return width_ ? width_() : 80; }

void Terminal::PrintLine(std::string_view text) {
  if (caps_.smart && !status_.empty()) {
    out_ << kEraseLine << text << '\n' << status_;
  } else {
    out_ << text << '\n';
  }
  out_.flush();
}

void Terminal::SetStatus(std::string_view text) {
  if (!caps_.smart) {
    out_ << text << '\n';
  } else {
    if (text == status_) return;  // nothing changed: no redraw, no flicker
    status_ = text;
    out_ << kEraseLine << status_;
  }
  out_.flush();
}

void Terminal::ClearStatus() {
  if (caps_.smart && !status_.empty()) {
    out_ << kEraseLine;
    out_.flush();
  }
  status_.clear();
}

std::string Terminal::Styled(std::string_view text, Style style) const {
  if (!caps_.color) return std::string(text);
  std::string_view code = "1";
  switch (style) {
    case Style::kBold:
      code = "1";
      break;
    case Style::kRed:
      code = "31";
      break;
    case Style::kYellow:
      code = "33";
      break;
    case Style::kGreen:
      code = "32";
      break;
    case Style::kDim:
      code = "2";
      break;
  }
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

}  // namespace gb
