// WorkerId: formatted and parsed in one place, the stored "host:pid:nonce"
// read back into the same fields.
#include "core/worker_id.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace gb {
namespace {

TEST(WorkerIdTest, RoundTrip) {
  const WorkerId id{"loader-2.example", 4242, "0a1b2c"};
  EXPECT_EQ(FormatWorkerId(id), "loader-2.example:4242:0a1b2c");
  EXPECT_EQ(ParseWorkerId(FormatWorkerId(id)), id);
  const WorkerId mine = ThisWorker();
  EXPECT_EQ(ParseWorkerId(FormatWorkerId(mine)), mine);
  EXPECT_EQ(mine.pid, getpid());
  EXPECT_FALSE(mine.host.empty());
  EXPECT_EQ(mine.nonce.size(), 6u);
  EXPECT_EQ(ThisWorker("gpu-box").host, "gpu-box");
  EXPECT_NE(ThisWorker().nonce + ThisWorker().nonce + ThisWorker().nonce,
            mine.nonce + mine.nonce + mine.nonce)
      << "a fresh nonce each time (three equal in a row: 1 in 2^72)";
}

TEST(WorkerIdTest, ANonceMayHoldColonsAndBeEmpty) {
  EXPECT_EQ(ParseWorkerId("h:1:a:b"), (WorkerId{"h", 1, "a:b"}));
  EXPECT_EQ(ParseWorkerId("h:1:"), (WorkerId{"h", 1, ""}));
}

TEST(WorkerIdTest, WhatIsNotAWorkerIdIsRefused) {
  for (const char* text : {"", "w1", "host", "host:42", ":42:n", "host::n", "host:x:n", "host:-3:n",
                           "host:0:n", "host:42x:n"}) {
    EXPECT_FALSE(ParseWorkerId(text)) << text;
  }
}

}  // namespace
}  // namespace gb
