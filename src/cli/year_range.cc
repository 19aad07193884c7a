#include "cli/year_range.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "monitor/i18n.h"

namespace gb::cli {
namespace {

constexpr std::string_view kHowTo =
    TrNoop("write a year (2024), a range (2016-2025) or a list (2016,2018)");

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Result<int> ParseYear(std::string_view text, std::string_view spec) {
  text = Trim(text);
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--years: '{}' is not a year (in '{}'); {}.", text, spec, Tr(kHowTo)));
  }
  if (year < kMinYear || year > kMaxYear) {
    return Fail(ErrorKind::kConfig, TrFormat("--years: {} is out of range; years go from {} to {}.",
                                             year, kMinYear, kMaxYear));
  }
  return year;
}

// One element of a comma list: "2024", "2016-2025", "2025-2016", "2016..2025".
Status AddPart(std::string_view part, std::string_view spec, std::set<int>& years) {
  part = Trim(part);
  if (part.empty()) {
    return Fail(ErrorKind::kConfig,
                TrFormat("--years: '{}' has an empty item; {}.", spec, Tr(kHowTo)));
  }
  size_t sep = part.find("..");
  size_t sep_len = 2;
  if (sep == std::string_view::npos) {
    sep = part.find('-', 1);  // from 1: a leading '-' is not a range
    sep_len = 1;
  }
  if (sep == std::string_view::npos) {
    auto year = ParseYear(part, spec);
    if (!year) return tl::unexpected(year.error());
    years.insert(*year);
    return {};
  }
  auto first = ParseYear(part.substr(0, sep), spec);
  if (!first) return tl::unexpected(first.error());
  auto last = ParseYear(part.substr(sep + sep_len), spec);
  if (!last) return tl::unexpected(last.error());
  for (int y = std::min(*first, *last); y <= std::max(*first, *last); ++y) years.insert(y);
  return {};
}

}  // namespace

Result<std::vector<int>> ParseYears(const std::vector<std::string>& specs) {
  std::set<int> years;
  for (const auto& spec : specs) {
    std::string_view rest = spec;
    while (true) {
      size_t comma = rest.find(',');
      if (auto st = AddPart(rest.substr(0, comma), spec, years); !st)
        return tl::unexpected(st.error());
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (years.empty()) {
    return Fail(ErrorKind::kConfig, TrFormat("No years given; {}.", Tr(kHowTo)));
  }
  return std::vector<int>(years.begin(), years.end());
}

Result<std::vector<int>> YearsFromStartEnd(std::optional<int> start, std::optional<int> end) {
  if (!start && !end) {
    return Fail(ErrorKind::kConfig,
                TrFormat("Which years? Use --years (for example --years 2016-2025) or --start-year "
                         "and --end-year."));
  }
  int a = start.value_or(*end);
  int b = end.value_or(*start);
  return ParseYears({fmt::format("{}-{}", a, b)});
}

std::string DescribeYears(const std::vector<int>& years) {
  if (years.empty()) return "";
  bool contiguous = years.back() - years.front() + 1 == static_cast<int>(years.size());
  if (years.size() == 1) return std::to_string(years.front());
  if (contiguous) return fmt::format("{}-{}", years.front(), years.back());
  return fmt::format("{}", fmt::join(years, ", "));
}

}  // namespace gb::cli
