// The years to backfill, from `--years` (2016-2025, 2025-2016, 2024, "2016,2018",
// repeated flags) or the old `--start-year 2024 --end-year 2016`. Pure: every
// spelling and every error is tested. Errors say what is wrong and what to write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace gb::cli {

inline constexpr int kMinYear = 2000;
inline constexpr int kMaxYear = 2100;

// Each spec may be a year, a range (either order, '-' or '..'), or a comma
// list of those. Result: sorted ascending, no duplicates. kConfig on errors.
Result<std::vector<int>> ParseYears(const std::vector<std::string>& specs);

// The old spelling: both bounds, in either order. Only one given = that year.
Result<std::vector<int>> YearsFromStartEnd(std::optional<int> start, std::optional<int> end);

// "2016-2025" for a contiguous set, "2016, 2018, 2020" otherwise (for messages).
std::string DescribeYears(const std::vector<int>& years);

}  // namespace gb::cli
