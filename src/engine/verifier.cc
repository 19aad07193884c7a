#include "engine/verifier.h"

#include <date/tz.h>

#include <algorithm>
#include <set>

namespace gb {

bool VerifyReport::Matches() const {
  auto ok = [](const PeriodCheck& p) { return p.matches(); };
  if (!std::all_of(years.begin(), years.end(), ok)) return false;
  if (!std::all_of(months.begin(), months.end(), ok)) return false;
  for (const MonthIds& m : listed) {
    if (!m.missing.empty() || !m.extra.empty()) return false;
  }
  for (const StreamCheck& stream : streams) {
    if (!stream.matches()) return false;
  }
  return duplicates.empty() && foreign.count == 0;
}

Verifier::Verifier(VerifyOptions options, const YearZone& zone, TimelineSource& source,
                   VerifyReader& destination, ObjectSource* objects)
    : options_(std::move(options)),
      zone_(zone),
      source_(source),
      destination_(destination),
      objects_(objects) {}

int64_t Verifier::MonthStart(int year, int month) const { return zone_.MonthStart(year, month); }

template <class T>
Result<T> Verifier::FromDestination(Result<T> r) {
  if (!r) source_failed_ = false;
  return r;
}

template <class T>
Result<T> Verifier::FromSource(Result<T> r) {
  if (!r) source_failed_ = true;
  return r;
}

Result<int64_t> Verifier::SourceSince(int64_t epoch) {
  if (auto it = since_.find(epoch); it != since_.end()) return it->second;
  TimelineFilter filter;
  filter.occurred_at_get = FormatIsoUtc(epoch);
  auto count = FromSource(source_.Count(filter));
  if (count) since_[epoch] = *count;
  return count;
}

Result<PeriodCheck> Verifier::Check(int year, int month) {
  const int64_t from = month == 0 ? MonthStart(year, 1) : MonthStart(year, month);
  const int64_t to = month == 0 ? MonthStart(year + 1, 1) : MonthStart(year, month + 1);
  auto newer = SourceSince(to);
  if (!newer) return tl::unexpected(newer.error());
  auto all = SourceSince(from);
  if (!all) return tl::unexpected(all.error());
  PeriodCheck check{year, month, *all - *newer, 0};
  if (!no_table_) {
    auto stored = FromDestination(destination_.CountBetween(from, to));
    if (!stored) return tl::unexpected(stored.error());
    check.destination = *stored;
  }
  return check;
}

Result<VerifyReport> Verifier::Run() {
  VerifyReport report;
  if (options_.timeline) {
    auto has = FromDestination(destination_.HasEntries());
    if (!has) return tl::unexpected(has.error());
    no_table_ = report.no_table = !*has;
  }
  for (auto step : {&Verifier::CheckYears, &Verifier::CheckMonths, &Verifier::CheckRows}) {
    if (!options_.timeline) break;
    if (Status s = (this->*step)(report); !s) return tl::unexpected(s.error());
  }
  if (Status s = CheckStreams(report); !s) return tl::unexpected(s.error());
  return report;
}

Status Verifier::CheckStreams(VerifyReport& report) {
  if (options_.streams.empty()) return {};
  if (objects_ == nullptr) {
    return Fail(ErrorKind::kConfig, "the other streams can only be verified against the API");
  }
  // A stream bounded by --years, within the span of the years verified.
  const DateSpan span = SpanOfYears(options_.years);
  auto counts = FromSource(objects_->CountObjects(options_.streams, span));
  if (!counts) return tl::unexpected(counts.error());
  for (size_t i = 0; i < options_.streams.size(); ++i) {
    auto stored = FromDestination(destination_.CountStream(*options_.streams[i], span));
    if (!stored) return tl::unexpected(stored.error());
    report.streams.push_back({std::string(options_.streams[i]->name), (*counts)[i], *stored});
  }
  return {};
}

Status Verifier::CheckYears(VerifyReport& report) {
  for (int year : options_.years) {
    auto check = Check(year, 0);
    if (!check) return tl::unexpected(check.error());
    report.years.push_back(*check);
  }
  return {};
}

Status Verifier::CheckMonths(VerifyReport& report) {
  for (const PeriodCheck& y : report.years) {
    for (int month = 1; month <= 12; ++month) {
      if (options_.month ? month != *options_.month : y.matches()) continue;
      auto check = Check(y.year, month);
      if (!check) return tl::unexpected(check.error());
      report.months.push_back(*check);
    }
  }
  if (!options_.list_missing) return {};
  for (const PeriodCheck& m : report.months) {
    if (!options_.month && m.matches()) continue;
    auto ids = ListMonth(m.year, m.month);
    if (!ids) return tl::unexpected(ids.error());
    report.listed.push_back(std::move(*ids));
  }
  return {};
}

// Duplicates and foreign ids over the whole range verified.
Status Verifier::CheckRows(VerifyReport& report) {
  if (no_table_ || options_.years.empty()) return {};
  const int first = options_.years.front(), last = options_.years.back();
  const int64_t from = options_.month ? MonthStart(first, *options_.month) : MonthStart(first, 1);
  const int64_t to =
      options_.month ? MonthStart(first, *options_.month + 1) : MonthStart(last + 1, 1);
  auto dups = FromDestination(destination_.Duplicates(from, to, options_.sample_limit));
  if (!dups) return tl::unexpected(dups.error());
  report.duplicates = std::move(*dups);
  auto foreign = FromDestination(destination_.Foreign(from, to, options_.sample_limit));
  if (!foreign) return tl::unexpected(foreign.error());
  report.foreign = std::move(*foreign);
  auto unlinked = FromDestination(destination_.Unlinked(from, to));
  if (!unlinked) return tl::unexpected(unlinked.error());
  report.unlinked = *unlinked;
  return {};
}

// The ids of [from, to) by paging the source from `from` (the API has only a
// lower bound and answers newest first: newer rows are passed over).
Result<std::vector<std::string>> Verifier::SourceIds(int64_t from, int64_t to) {
  std::vector<std::string> ids;
  PageRequest request{{{}, std::nullopt, FormatIsoUtc(from)}, std::nullopt, options_.page_size};
  for (;;) {
    auto page = FromSource(source_.FetchPage(request));
    if (!page) return tl::unexpected(page.error());
    bool older = false;
    for (const ApiNode& node : page->nodes) {
      auto when = ParseIsoUtc(node.occurred_at);
      if (!when || node.id.empty() || *when >= to) continue;
      if (*when < from) {
        older = true;  // past the month: the rest is older still
        break;
      }
      ids.push_back(node.id);
    }
    if (older || !page->has_next_page || !page->end_cursor || page->end_cursor == request.after) {
      return ids;
    }
    request.after = page->end_cursor;
  }
}

Result<MonthIds> Verifier::ListMonth(int year, int month) {
  const int64_t from = MonthStart(year, month), to = MonthStart(year, month + 1);
  MonthIds out{year, month, 0, {}, {}};
  auto listed = SourceIds(from, to);
  if (!listed) return tl::unexpected(listed.error());
  std::set<std::string> source_ids(listed->begin(), listed->end());
  out.source_rows = static_cast<int64_t>(source_ids.size());
  std::set<std::string> found;
  if (!no_table_) {
    std::vector<std::string> batch;
    for (auto it = source_ids.begin(); it != source_ids.end();) {
      batch.clear();
      for (; it != source_ids.end() && batch.size() < size_t(options_.lookup_batch); ++it) {
        batch.push_back(*it);
      }
      auto existing = FromDestination(destination_.ExistingIds(batch));
      if (!existing) return tl::unexpected(existing.error());
      found.insert(existing->begin(), existing->end());
    }
    auto stored = FromDestination(destination_.IdsBetween(from, to));
    if (!stored) return tl::unexpected(stored.error());
    std::set<std::string> extra;
    for (std::string& id : *stored) {
      if (!source_ids.contains(id)) extra.insert(std::move(id));
    }
    out.extra.assign(extra.begin(), extra.end());
  }
  for (const std::string& id : source_ids) {
    if (!found.contains(id)) out.missing.push_back(id);
  }
  return out;
}

}  // namespace gb
