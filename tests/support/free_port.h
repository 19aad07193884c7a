// A loopback TCP port that was free a moment ago, for a server the test
// starts that cannot pick its own port (PostgreSQL, pgbouncer, chromedriver).
#pragma once

namespace gb::test {

// 0 when none could be found.
int FreePort();

}  // namespace gb::test
