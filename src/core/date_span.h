// The dates a stream bounded by --years is asked for (events by their start,
// invoices by their date, estimates by their creation: streams/stream.h):
// CoreDate strings (YYYY-MM-DD), both ends inclusive, as the API's
// `…Get`/`…Let` filters and the tables' count take them.
#pragma once

#include <string>
#include <vector>

namespace gb {

struct DateSpan {
  std::string since = "0001-01-01";
  std::string until = "9999-12-31";

  bool whole() const { return since == DateSpan{}.since && until == DateSpan{}.until; }
  bool operator==(const DateSpan&) const = default;
};

// From the first of January of the first year to the 31st of December of the
// last (years not contiguous: the span covers the gaps too, loading more,
// never less); the whole when there are no years.
DateSpan SpanOfYears(const std::vector<int>& years);

}  // namespace gb
