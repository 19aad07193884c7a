#include "monitor/i18n.h"

namespace gb {
namespace {

Locale& MutableLocale() {
  static Locale locale;
  return locale;
}

bool IsSet(const char* value) { return value != nullptr && value[0] != '\0'; }

}  // namespace

std::string Tr(std::string_view msgid) {
  // The French catalog lands with issue 4; until then every language reads English.
  return std::string(msgid);
}

Locale EnglishLocale() { return Locale{}; }

Locale FrenchLocale() { return Locale{"fr", "\u00a0", ","}; }

Locale LocaleFromEnv(const char* lc_all, const char* lc_messages, const char* lang) {
  const char* chosen = IsSet(lc_all) ? lc_all : IsSet(lc_messages) ? lc_messages : lang;
  if (!IsSet(chosen)) return EnglishLocale();
  std::string_view name(chosen);
  if (name.substr(0, 2) == "fr" && (name.size() == 2 || name[2] == '_' || name[2] == '.')) {
    return FrenchLocale();
  }
  return EnglishLocale();
}

const Locale& CurrentLocale() { return MutableLocale(); }

void SetCurrentLocale(Locale locale) { MutableLocale() = std::move(locale); }

}  // namespace gb
