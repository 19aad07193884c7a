// Locale-aware formatting of numbers, rates, percentages, durations and clock
// times, and display-width helpers for UTF-8 text. Pure functions: every
// renderer (log, status line, JSON, watch, web page) shows numbers the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "monitor/i18n.h"

namespace gb {

// 45234 -> "45,234" (English) or "45 234" (French).
std::string FormatCount(int64_t n, const Locale& locale = CurrentLocale());

// 3.456, 1 -> "3.5" (English) or "3,5" (French), with digit grouping.
std::string FormatDecimal(double value, int decimals, const Locale& locale = CurrentLocale());

// done/total -> "47%". Rounds down so "100%" means everything is there; a
// zero total reads "100%" only when done is zero too ("0%" otherwise never happens).
std::string FormatPercent(int64_t done, int64_t total, const Locale& locale = CurrentLocale());

// Same with one decimal ("2.1%"), for log lines where progress moves slowly.
std::string FormatPercent1(int64_t done, int64_t total, const Locale& locale = CurrentLocale());

// Entries per second: "3,210 e/s"; one decimal below 10 ("4.5 e/s").
std::string FormatRate(double per_second, const Locale& locale = CurrentLocale());

// "1h 02m 03s", "4m 05s", "12s" (negative durations read "0s").
std::string FormatDuration(std::chrono::seconds d);
std::string FormatDuration(std::chrono::milliseconds d);

// Local wall-clock time of day, "14:02:31".
std::string FormatClockTime(std::chrono::system_clock::time_point t);

// Terminal columns taken by UTF-8 text (one per code point: the status line
// uses only narrow characters such as "·" and "–").
size_t DisplayWidth(std::string_view utf8);

// The longest prefix of `utf8` that fits in `width` columns, cut on a code
// point boundary.
std::string TruncateToWidth(std::string_view utf8, size_t width);

// Pads with spaces on the left (right-aligns) to `width` columns.
std::string PadLeft(std::string_view utf8, size_t width);
// Pads with spaces on the right (left-aligns) to `width` columns.
std::string PadRight(std::string_view utf8, size_t width);

}  // namespace gb
