// How to call this binary again from the same shell, for the commands the
// tool prints for the user to paste (the demo's next steps, verify's advice):
// its path relative to the working directory when it lies below it
// (build/gazelle-backfill), its absolute path otherwise, its bare name when
// that is what PATH finds.
#pragma once

#include <string>

namespace gb::cli {

std::string SelfCommand();

}  // namespace gb::cli
