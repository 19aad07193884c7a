#include "monitor/profile_report.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

Snapshot Profiled(int streams, milliseconds wall) {
  Snapshot s;
  s.concurrency = streams;
  s.elapsed = wall;
  return s;
}

TEST(ProfileReport, EmptyWithoutTimings) {
  EXPECT_EQ(FormatTimeProfile(Profiled(4, milliseconds(9000))), "");
}

TEST(ProfileReport, SharesAreOfStreamsTimesWallTime) {
  // 2 streams × 10 s = 20 stream-seconds: 15 s of database is 75%.
  Snapshot s = Profiled(2, milliseconds(10'000));
  s.phase_time[kPhaseApi] = microseconds(4'000'000);
  s.phase_time[kPhaseParse] = microseconds(500'000);
  s.phase_time[kPhaseTransform] = microseconds(300'000);
  s.phase_time[kPhaseQueueFull] = microseconds(15'000'000);
  s.phase_time[kPhaseDatabase] = microseconds(15'000'000);
  s.phase_time[kPhaseQueueEmpty] = microseconds(5'000'000);
  EXPECT_EQ(FormatTimeProfile(s),
            "Where the time went (2 streams, 10s of wall time):\n"
            "  fetcher  waiting on the API            4.0s   20.0%\n"
            "           parsing                       0.5s    2.5%\n"
            "           transforming                  0.3s    1.5%\n"
            "           waiting for the writer       15.0s   75.0%\n"
            "  writer   database                     15.0s   75.0%\n"
            "           waiting for pages             5.0s   25.0%\n"
            "Bottleneck: the database.\n");
}

TEST(ProfileReport, LongStagesInHoursMinutesSecondsAndTheApiAsBottleneck) {
  Snapshot s = Profiled(8, milliseconds(600'000));
  s.phase_time[kPhaseApi] = microseconds(3'725'000'000LL);  // 1h 02m 05s
  s.phase_time[kPhaseDatabase] = microseconds(90'000'000);
  const std::string text = FormatTimeProfile(s);
  EXPECT_NE(text.find("Where the time went (8 streams, 10m 00s of wall time):\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("waiting on the API      1h 02m 05s   77.6%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("database                    1m 30s    1.9%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("parsing                       0.0s    0.0%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Bottleneck: the API (latency or rate limit).\n"), std::string::npos) << text;
}

TEST(ProfileReport, WaitsAreNeverTheBottleneck) {
  Snapshot s = Profiled(1, milliseconds(1000));
  s.phase_time[kPhaseQueueEmpty] = microseconds(900'000);
  s.phase_time[kPhaseTransform] = microseconds(100'000);
  EXPECT_NE(FormatTimeProfile(s).find("Bottleneck: transforming rows.\n"), std::string::npos);
}

}  // namespace
}  // namespace gb
