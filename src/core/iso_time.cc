#include "core/iso_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>

namespace gb {
namespace {

bool ReadInt(std::string_view text, size_t pos, size_t len, int* out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + len, *out);
  return true;
}

const date::time_zone* Zone(const void* zone) { return static_cast<const date::time_zone*>(zone); }

}  // namespace

std::optional<int64_t> ParseIsoUtc(std::string_view t) {
  int y, mo, d, h, mi, s;
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  if (!ReadInt(t, 0, 4, &y) || !ReadInt(t, 5, 2, &mo) || !ReadInt(t, 8, 2, &d) ||
      !ReadInt(t, 11, 2, &h) || !ReadInt(t, 14, 2, &mi) || !ReadInt(t, 17, 2, &s)) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
  }
  int offset = 0;
  if (pos == t.size() - 1 && t[pos] == 'Z') {
    offset = 0;
  } else if (pos + 6 == t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':') {
    int oh, om;
    if (!ReadInt(t, pos + 1, 2, &oh) || !ReadInt(t, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto ymd =
      date::year{y} / date::month{static_cast<unsigned>(mo)} / date::day{static_cast<unsigned>(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

// Written by hand for years 0000-9999 (every row's time goes through it on
// its way to COPY; date::format costs ~1 us), date::format otherwise.
std::string FormatIsoUtc(int64_t epoch_seconds) {
  const auto tp = date::sys_seconds{std::chrono::seconds{epoch_seconds}};
  const auto day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", tp);
  const int64_t second_of_day = (tp - day).count();
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&out](size_t at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10)
      out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, second_of_day / 3600, 2);
  put(14, second_of_day / 60 % 60, 2);
  put(17, second_of_day % 60, 2);
  return out;
}

Result<YearZone> YearZone::Make(const std::string& name) {
  YearZone zone;
  zone.name_ = name.empty() ? "UTC" : name;
  if (zone.name_ == "UTC" || zone.name_ == "Etc/UTC") return zone;
  try {
    zone.zone_ = date::locate_zone(zone.name_);
  } catch (const std::exception&) {
    return Fail(ErrorKind::kConfig, "unknown time zone '" + name +
                                        "': use an IANA name such as America/Toronto, or UTC");
  }
  return zone;
}

int64_t YearZone::YearStart(int year) const { return MonthStart(year, 1); }

int64_t YearZone::MonthStart(int year, int month) const {
  if (month > 12) return MonthStart(year + 1, month - 12);
  auto local = date::local_days{date::year{year} / date::month{static_cast<unsigned>(month)} / 1};
  if (zone_ == nullptr) return local.time_since_epoch().count() * 86400LL;
  auto sys = Zone(zone_)->to_sys(local, date::choose::earliest);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

int YearZone::YearOf(int64_t epoch_seconds) const {
  auto tp = date::sys_seconds{std::chrono::seconds{epoch_seconds}};
  if (zone_ == nullptr) {
    return static_cast<int>(date::year_month_day{date::floor<date::days>(tp)}.year());
  }
  auto local = Zone(zone_)->to_local(tp);
  return static_cast<int>(date::year_month_day{date::floor<date::days>(local)}.year());
}

int YearZone::MonthOf(int64_t epoch_seconds) const {
  auto tp = date::sys_seconds{std::chrono::seconds{epoch_seconds}};
  const date::year_month_day day =
      zone_ == nullptr ? date::year_month_day{date::floor<date::days>(tp)}
                       : date::year_month_day{date::floor<date::days>(Zone(zone_)->to_local(tp))};
  return static_cast<int>(static_cast<unsigned>(day.month()));
}

}  // namespace gb
