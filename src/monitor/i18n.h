// Every user-facing string goes through Tr() so the French catalogs (gettext,
// issue 4) plug in at one place without touching callers. Message ids are the
// English text; placeholders are fmt's "{}", so a translation may reorder them.
// Numbers and separators come from the current Locale (see format.h).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace gb {

// The translation of `msgid` in the current locale (for now: the English text).
std::string Tr(std::string_view msgid);

// Tr() then fmt::format with the arguments: TrFormat("Batch {}/{}", x, y).
template <class... Args>
std::string TrFormat(std::string_view msgid, Args&&... args) {
  return fmt::format(fmt::runtime(Tr(msgid)), std::forward<Args>(args)...);
}

// What a language changes beyond words: digit grouping and decimal mark.
struct Locale {
  std::string language = "en";
  std::string thousands_sep = ",";
  std::string decimal_point = ".";
};

Locale EnglishLocale();
// "45 234" and "3,5": the group separator is a no-break space (U+00A0) so a
// number never wraps across lines.
Locale FrenchLocale();

// The locale the environment asks for, from the values of LC_ALL, LC_MESSAGES
// and LANG (null or empty = unset; the first set one wins, as gettext does).
Locale LocaleFromEnv(const char* lc_all, const char* lc_messages, const char* lang);

// The process-wide locale used by Tr() and the formatters. Set once at startup,
// before any thread starts (it is not synchronised).
const Locale& CurrentLocale();
void SetCurrentLocale(Locale locale);

}  // namespace gb
