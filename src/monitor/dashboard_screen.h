// The full-screen counterpart of Terminal (which owns the one status line of
// `run`): `watch` on a smart terminal switches to the alternate screen, hides
// the cursor and redraws each frame from the top-left corner, erasing what is
// left of each line and below the frame — no clear, so no flicker, and no
// scrolling (the last line has no newline). Leave() restores the screen.
// Without a smart terminal frames are plain lines separated by a blank line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "monitor/terminal.h"

namespace gb {

class DashboardScreen {
 public:
  DashboardScreen(std::ostream& out, TerminalCaps caps);
  ~DashboardScreen();

  bool smart() const { return caps_.smart; }
  void Enter();
  void Draw(const std::vector<std::string>& lines);
  void Leave();

  // Rows of standard output's window ($LINES, else 24).
  static int StdoutRows();

 private:
  std::ostream& out_;
  TerminalCaps caps_;
  bool entered_ = false;
};

}  // namespace gb
