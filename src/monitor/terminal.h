// The one place that writes terminal escape codes. A smart terminal (stdout
// is a tty and TERM is not "dumb") gets a status line redrawn in place; colour
// only when NO_COLOR is unset too. Anything else gets plain whole lines, so a
// pipe or a log file never sees "\r" or "\x1b[". Not thread-safe: its user
// (the ProgressReporter) serialises calls.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace gb {

struct TerminalCaps {
  bool smart = false;  // may redraw a line in place
  bool color = false;  // may use colours and bold
};

// Pure: the decision from isatty(), $TERM and $NO_COLOR (null = unset).
// NO_COLOR set to anything, even empty, disables colour (no-color.org).
TerminalCaps DecideTerminal(bool is_tty, const char* term, const char* no_color);

class Terminal {
 public:
  enum class Style { kBold, kRed, kYellow, kGreen, kDim };

  // `width` reports the current number of columns (re-read on each redraw so a
  // resized window is honoured); default 80.
  Terminal(std::ostream& out, TerminalCaps caps, std::function<int()> width = {});

  // Standard output, with its caps from the environment and its window size.
  static std::unique_ptr<Terminal> ForStdout();

  bool smart() const { return caps_.smart; }
  bool color() const { return caps_.color; }
  int Width() const;

  // A whole line. On a smart terminal the status line is erased first and
  // redrawn below it, so lines scroll above the status.
  void PrintLine(std::string_view text);
  // The status line: redrawn in place on a smart terminal, a whole line otherwise.
  void SetStatus(std::string_view text);
  // Erases the status line (smart) so what follows starts on a clean line.
  void ClearStatus();

  // `text` in a style, or unchanged without colour.
  std::string Styled(std::string_view text, Style style) const;

 private:
  std::ostream& out_;
  TerminalCaps caps_;
  std::function<int()> width_;
  std::string status_;  // shown now (smart only)
};

}  // namespace gb
