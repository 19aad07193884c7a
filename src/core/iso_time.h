// ISO 8601 timestamps as the API sends them (2024-11-15T14:23:00Z) and year
// boundaries in a time zone (UTC by default, --tz America/Toronto).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gb {

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)" to epoch seconds (fraction
// dropped). None for anything else, including out-of-range fields.
std::optional<int64_t> ParseIsoUtc(std::string_view text);

// Epoch seconds -> "2024-11-15T14:23:00Z".
std::string FormatIsoUtc(int64_t epoch_seconds);

// A time zone for year boundaries: "UTC" or an IANA name.
class YearZone {
 public:
  static Result<YearZone> Make(const std::string& name);  // kConfig for an unknown zone
  // Epoch seconds of Jan 1, 00:00 local time of `year`.
  int64_t YearStart(int year) const;
  // Epoch seconds of the first instant of (year, month) local time; month 13
  // is January of the next year.
  int64_t MonthStart(int year, int month) const;
  // The (local) calendar month (1-12) of an instant.
  int MonthOf(int64_t epoch_seconds) const;
  // The (local) calendar year of an instant.
  int YearOf(int64_t epoch_seconds) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  const void* zone_ = nullptr;  // const date::time_zone*, null for UTC
};

}  // namespace gb
