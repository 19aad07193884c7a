// The command line: one binary, one subcommand per command of DESIGN.md.
#pragma once

namespace gb::cli {

int Main(int argc, char** argv);

}  // namespace gb::cli
