#include "core/date_span.h"

#include <fmt/format.h>

#include <algorithm>

namespace gb {

DateSpan SpanOfYears(const std::vector<int>& years) {
  if (years.empty()) return {};
  const auto [first, last] = std::minmax_element(years.begin(), years.end());
  return {fmt::format("{:04}-01-01", *first), fmt::format("{:04}-12-31", *last)};
}

}  // namespace gb
