// `verify`: proves a load complete, or names what is wrong. Per requested
// year, the source's exact total (totalCount differences of occurredAtGet
// boundaries, as the planner computes them) against the destination's count
// over the same occurred_at range; per month of every year that differs; with
// list_missing, the ids of a month the destination lacks, found by paging the
// source over that month and looking the ids up in batches; duplicates by
// external id; rows whose id is not of the API's tme_ scheme (old imports);
// and each other stream asked, its API totalCount against its table's rows.
// Reports, never prints: the cli renders the report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/iso_time.h"
#include "sink/verify_reader.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

struct VerifyOptions {
  std::vector<int> years;    // ascending, unique; with `month`, exactly one year
  std::optional<int> month;  // 1-12: check (and list) only this month
  bool list_missing = false;
  int page_size = 100;
  int lookup_batch = 500;  // ids per destination lookup
  int sample_limit = 20;   // duplicates and foreign ids named at most
  // The other streams to check (streams/stream.h): the API's totalCount of
  // each against the rows of its table, asked together.
  std::vector<const StreamModule*> streams;
  // The timeline's checks (years, months, rows); off when --streams (or the
  // run verified) names only other streams.
  bool timeline = true;
};

// Source vs destination for another stream.
struct StreamCheck {
  std::string name;
  int64_t source = 0;
  int64_t destination = 0;
  bool matches() const { return source == destination; }
};

// Source vs destination over one year (month == 0) or one month.
struct PeriodCheck {
  int year = 0;
  int month = 0;
  int64_t source = 0;
  int64_t destination = 0;
  bool matches() const { return source == destination; }
};

// What paging the source over one month found.
struct MonthIds {
  int year = 0;
  int month = 0;
  int64_t source_rows = 0;
  std::vector<std::string> missing;  // in the source, not in the destination (sorted)
  std::vector<std::string> extra;    // in the destination's month, not in the source's (sorted)
};

struct VerifyReport {
  std::vector<PeriodCheck> years;
  std::vector<PeriodCheck> months;  // of years that differ, or the month asked for
  std::vector<DuplicateId> duplicates;
  ForeignRows foreign;
  std::vector<MonthIds> listed;  // list_missing
  std::vector<StreamCheck> streams;
  bool no_table = false;  // the destination has no entries table yet
  int64_t unlinked = 0;   // rows with a link still nulled (not a mismatch)

  bool Matches() const;
};

class Verifier {
 public:
  // `objects`: the other streams' source (needed when options.streams is not empty).
  Verifier(VerifyOptions options, const YearZone& zone, TimelineSource& source,
           VerifyReader& destination, ObjectSource* objects = nullptr);

  Result<VerifyReport> Run();
  // After Run failed: true when the source (API) failed, false for the destination.
  bool source_failed() const { return source_failed_; }

  // Epoch seconds of the first instant of (year, month) in the zone; month 13
  // is January of the next year.
  int64_t MonthStart(int year, int month) const;

 private:
  Result<int64_t> SourceSince(int64_t epoch);  // Count(occurredAtGet >= epoch), cached
  Result<PeriodCheck> Check(int year, int month);
  Status CheckYears(VerifyReport& report);
  Status CheckMonths(VerifyReport& report);
  Status CheckRows(VerifyReport& report);
  Status CheckStreams(VerifyReport& report);
  Result<MonthIds> ListMonth(int year, int month);
  Result<std::vector<std::string>> SourceIds(int64_t from, int64_t to);
  template <class T>
  Result<T> FromDestination(Result<T> r);
  template <class T>
  Result<T> FromSource(Result<T> r);

  VerifyOptions options_;
  const YearZone& zone_;
  TimelineSource& source_;
  VerifyReader& destination_;
  ObjectSource* objects_;
  std::map<int64_t, int64_t> since_;
  bool source_failed_ = false;
  bool no_table_ = false;
};

}  // namespace gb
