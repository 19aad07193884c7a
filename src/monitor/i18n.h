// Every user-facing string goes through Tr() so the French catalog (gettext,
// po/fr.po compiled to <build>/locale/fr/LC_MESSAGES/gazelle-backfill.mo) plugs
// in at one place. Message ids are the English text; placeholders are fmt's
// "{}", so a translation may reorder them with "{0}", "{1}". Numbers and
// separators come from the current Locale (see format.h).
#pragma once

#include <fmt/format.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

// The gettext text domain (and the .mo file's name).
inline constexpr const char* kTextDomain = "gazelle-backfill";

// The translation of `msgid` in the current locale; the English msgid itself
// when the language is English or no catalog is bound.
std::string Tr(std::string_view msgid);

// Tr() then fmt::format with the arguments: TrFormat("Batch {}/{}", x, y).
// A translation with a broken placeholder falls back to the English text
// rather than losing the message (the catalog test catches it first).
template <class... Args>
std::string TrFormat(std::string_view msgid, const Args&... args) {
  try {
    return fmt::format(fmt::runtime(Tr(msgid)), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(msgid), args...);
  }
}

// Marks a msgid for xgettext without translating it (tables translated later).
constexpr std::string_view TrNoop(std::string_view msgid) { return msgid; }

// A stable English text from below monitor/ (an error message, a run's
// reason, a retry's cause) in the current language: the text is matched
// against the known templates ("gave up after {} attempts: {}"), the values
// themselves translated in turn; an unknown text is returned unchanged. Not
// for a worker's reason, which is a code (monitor/wait_reason_text.h).
std::string TrReason(std::string_view english);

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
// and LANG (null or empty = unset; the first set one wins, as gettext does),
// then LANGUAGE, which gettext honours over them unless the locale is C/POSIX
// (its first French or English entry decides; other languages have no catalog).
Locale LocaleFromEnv(const char* lc_all, const char* lc_messages, const char* lang,
                     const char* language = nullptr);

// The process-wide locale used by Tr() and the formatters. Set once at startup,
// before any thread starts (it is not synchronised).
const Locale& CurrentLocale();
void SetCurrentLocale(Locale locale);

// The first of `dirs` holding fr/LC_MESSAGES/gazelle-backfill.mo ("" if none).
std::string FindCatalogDir(const std::vector<std::string>& dirs);

// Where the catalog is looked for: $GB_LOCALEDIR, <exe dir>/locale (the build
// directory), <exe dir>/../share/locale (an installed binary).
std::vector<std::string> CatalogSearchPath();

// Makes Tr() answer in `locale`'s language from the catalog under `dir`.
// Only LC_MESSAGES is set (never LC_NUMERIC: SQL and JSON numbers keep "C"
// semantics), and French works even when the fr_* locale is not generated.
// False (and English) when the language is English or `dir` has no catalog.
bool UseCatalog(const std::string& dir, const Locale& locale);

// At startup: the locale from the environment, the catalog from the search path.
void InitTranslations();

// For the current thread only, while it lives: Tr(), TrReason() and
// CurrentLocale() answer in `language` ("fr" or "en"; "" changes nothing),
// French from the catalog of the last UseCatalog() read into memory (gettext
// is process-wide, so a server answering each browser in its language cannot
// switch it per request).
struct LanguageScope;

class ScopedLanguage {
 public:
  explicit ScopedLanguage(std::string_view language);
  ~ScopedLanguage();
  ScopedLanguage(const ScopedLanguage&) = delete;
  ScopedLanguage& operator=(const ScopedLanguage&) = delete;

 private:
  const LanguageScope* previous_;
  std::unique_ptr<LanguageScope> scope_;
};

}  // namespace gb
