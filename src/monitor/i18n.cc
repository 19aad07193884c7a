#include "monitor/i18n.h"

#include <fmt/args.h>
#include <libintl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>

#include "monitor/format.h"
#include "monitor/mo_catalog.h"

namespace gb {
namespace {

Locale& MutableLocale() {
  static Locale locale;
  return locale;
}

// True once a catalog is bound for a language that is not English.
std::atomic<bool> g_catalog_bound{false};

std::mutex g_catalog_mu;
std::string g_catalog_dir;  // the last UseCatalog()'s, whatever its language

// The French catalog under the last UseCatalog()'s directory, read once.
std::shared_ptr<const MoCatalog> FrenchCatalog() {
  static std::string loaded_dir;
  static std::shared_ptr<const MoCatalog> catalog;
  std::lock_guard lock(g_catalog_mu);
  if (!catalog || loaded_dir != g_catalog_dir) {
    loaded_dir = g_catalog_dir;
    catalog = MoCatalog::Load(loaded_dir + "/fr/LC_MESSAGES/" + kTextDomain + ".mo");
  }
  return catalog;
}

bool IsSet(const char* value) { return value != nullptr && value[0] != '\0'; }

bool IsLanguage(std::string_view name, std::string_view code) {
  return name.substr(0, 2) == code &&
         (name.size() == 2 || name[2] == '_' || name[2] == '.' || name[2] == '@');
}

// The error messages and run reasons below monitor/ (engine, source, sink)
// still write in English into events and the runs table. A worker's reason is
// not among them: it travels as a code (core/wait_reason.h), put into words by
// monitor/wait_reason_text.h.
constexpr std::array kReasonTemplates = {
    TrNoop("access token refreshed; valid until {}"),
    TrNoop("stopped on request; rerun the same command to resume"),
    TrNoop("stopped: {}. Progress up to the last committed batch is saved; fix the cause and "
           "rerun the same command to resume"),
    TrNoop("could not record the end of the run: {}; rerun the same command to resume"),
    TrNoop("could not plan the run from {}: {}"),
    TrNoop("{} rows are in the rejects table (see `gazelle-backfill rejects`)"),
    TrNoop("replaced by a --restart with other parameters"),
    TrNoop("still rate-limited after {} attempts: {}"),
    TrNoop("gave up after {} attempts: {}"),
    TrNoop("429 Too Many Requests"),
    TrNoop("HTTP {} from {}"),
    TrNoop("Gazelle API at {}"),
    TrNoop("file {}"),
    TrNoop("request to {} timed out ({})"),
    TrNoop("request to {} failed: {}"),
    TrNoop("{} entries have a type outside the {} known ones; an extra stream loads them"),
    TrNoop("taking over {} stream(s) left by a process of this host that is gone; resuming from "
           "their last checkpoint"),
    TrNoop("the source changed during the final check ({} differ); rerun the same command to "
           "resume"),
    TrNoop("final check: {} entries at the source are not loaded; loading what arrived since "
           "the sweeps began"),
    TrNoop("final check: {} differ from the source; counting them again"),
    TrNoop("final check: the newest entry at the source arrived after the sweeps began; "
           "loading what arrived since"),
    TrNoop("the source now differs from finished run {} for {}; loading the difference"),
    TrNoop("could not compare the finished run {} with {}: {}"),
    TrNoop("entries keep disappearing at the source under the sweep of {}"),
    TrNoop("time cuts not used: {}; every type is swept whole"),
    TrNoop("the users table had no {} column(s): added them (nullable; the columns it had are "
           "kept)"),
    TrNoop("the API gave {} null item(s) in a page of nodes"),
    TrNoop("could not read the users from {}: {}; no entry was written"),
    TrNoop("could not store the users: {}"),
    TrNoop("{} has no users (a dump written before `sim dump` wrote them): loading it would "
           "leave every entry without its user; pass --users-file PATH (one user per line, see "
           "docs/dump-format.md) or dump it again"),
    TrNoop("cannot read {} ({}): check the path given to --users-file"),
    TrNoop("{} line {} is not a user object with an id: fix or remove the line"),
    TrNoop("{}: the PrivateUser line at byte {} is {}"),
    TrNoop("not a user object with an id"),
};

// Splits "a {} b {} c" into {"a ", " b ", " c"}.
std::vector<std::string_view> Pieces(std::string_view pattern) {
  std::vector<std::string_view> pieces;
  size_t pos = 0;
  for (size_t at; (at = pattern.find("{}", pos)) != std::string_view::npos; pos = at + 2) {
    pieces.push_back(pattern.substr(pos, at - pos));
  }
  pieces.push_back(pattern.substr(pos));
  return pieces;
}

// The values standing for the placeholders when `text` is `pattern` filled in.
std::optional<std::vector<std::string_view>> Match(std::string_view pattern,
                                                   std::string_view text) {
  std::vector<std::string_view> pieces = Pieces(pattern);
  if (pieces.size() == 1) {
    return text == pattern ? std::optional(std::vector<std::string_view>{}) : std::nullopt;
  }
  std::string_view last = pieces.back();
  if (!text.starts_with(pieces.front()) || !text.ends_with(last) ||
      text.size() < pieces.front().size() + last.size()) {
    return std::nullopt;
  }
  std::vector<std::string_view> values;
  size_t pos = pieces.front().size();
  const size_t end = text.size() - last.size();
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    size_t at = text.find(pieces[i], pos);
    if (at == std::string_view::npos || at + pieces[i].size() > end) return std::nullopt;
    values.push_back(text.substr(pos, at - pos));
    pos = at + pieces[i].size();
  }
  values.push_back(text.substr(pos, end - pos));
  return values;
}

// A value of a reason: a plain number gets the locale's grouping, a text is
// translated in turn (a retry's cause inside "stopped: …").
std::string TrValue(std::string_view value) {
  if (!value.empty() && value.size() < 19 &&
      value.find_first_not_of("0123456789") == std::string_view::npos) {
    return FormatCount(std::stoll(std::string(value)));
  }
  return TrReason(value);
}

bool HasCatalog(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() &&
         std::filesystem::is_regular_file(
             std::filesystem::path(dir) / "fr" / "LC_MESSAGES" / (std::string(kTextDomain) + ".mo"),
             ec);
}

// gettext ignores LANGUAGE under the "C" locale, and setlocale() fails when
// the user's fr_* locale is not generated: C.UTF-8 (always present in glibc)
// is enough for the catalog, which is read as UTF-8 whatever LC_CTYPE says.
// The libraries' own catalogs (libpq's French "la connexion au serveur … a
// échoué") are converted to LC_CTYPE's charset: under "C" that is ASCII and
// every accent prints as "?", so LC_CTYPE becomes UTF-8 too (our output is
// UTF-8 throughout; ASCII classification is the same).
void SelectMessagesLocale(std::string_view language) {
  const char* set = std::setlocale(LC_MESSAGES, "");
  if (set == nullptr || std::strcmp(set, "C") == 0 || std::strcmp(set, "POSIX") == 0) {
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  }
  const char* ctype = std::setlocale(LC_CTYPE, nullptr);
  if (ctype == nullptr || std::strcmp(ctype, "C") == 0 || std::strcmp(ctype, "POSIX") == 0) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }
  setenv("LANGUAGE", std::string(language).c_str(), 1);
}

std::string ExeDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace

struct LanguageScope {
  Locale locale;
  std::shared_ptr<const MoCatalog> catalog;  // null: English
};

namespace {
thread_local const LanguageScope* t_scope = nullptr;
}  // namespace

ScopedLanguage::ScopedLanguage(std::string_view language) : previous_(t_scope) {
  if (language == "fr") {
    scope_ = std::make_unique<LanguageScope>(LanguageScope{FrenchLocale(), FrenchCatalog()});
  } else if (language == "en") {
    scope_ = std::make_unique<LanguageScope>(LanguageScope{EnglishLocale(), nullptr});
  }
  if (scope_) t_scope = scope_.get();
}

ScopedLanguage::~ScopedLanguage() { t_scope = previous_; }

std::string Tr(std::string_view msgid) {
  if (const LanguageScope* scope = t_scope; scope != nullptr) {
    const std::string* text = scope->catalog ? scope->catalog->Find(msgid) : nullptr;
    return text != nullptr ? *text : std::string(msgid);
  }
  if (msgid.empty() || !g_catalog_bound.load(std::memory_order_relaxed)) {
    return std::string(msgid);
  }
  const std::string key(msgid);
  return dgettext(kTextDomain, key.c_str());
}

// Matched in English too: the engine writes plain numbers ("1450 entries/s"),
// grouped here in the user's locale ("1,450", "1 450").
std::string TrReason(std::string_view english) {
  for (std::string_view pattern : kReasonTemplates) {
    auto values = Match(pattern, english);
    if (!values) continue;
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (std::string_view v : *values) args.push_back(TrValue(v));
    try {
      return fmt::vformat(Tr(pattern), args);
    } catch (const fmt::format_error&) {  // a broken translation: the English text
      return fmt::vformat(pattern, args);
    }
  }
  return std::string(english);
}

Locale EnglishLocale() { return Locale{}; }

Locale FrenchLocale() { return Locale{"fr", "\u00a0", ","}; }

Locale LocaleFromEnv(const char* lc_all, const char* lc_messages, const char* lang,
                     const char* language) {
  const char* chosen = IsSet(lc_all) ? lc_all : IsSet(lc_messages) ? lc_messages : lang;
  if (!IsSet(chosen)) return EnglishLocale();
  std::string_view name(chosen);
  if (IsSet(language) && name != "C" && name != "POSIX") {
    std::string_view list(language);
    while (!list.empty()) {
      std::string_view item = list.substr(0, list.find(':'));
      if (IsLanguage(item, "fr")) return FrenchLocale();
      if (IsLanguage(item, "en")) return EnglishLocale();
      list.remove_prefix(std::min(list.size(), item.size() + 1));
    }
  }
  return IsLanguage(name, "fr") ? FrenchLocale() : EnglishLocale();
}

const Locale& CurrentLocale() { return t_scope != nullptr ? t_scope->locale : MutableLocale(); }

void SetCurrentLocale(Locale locale) { MutableLocale() = std::move(locale); }

std::string FindCatalogDir(const std::vector<std::string>& dirs) {
  for (const std::string& dir : dirs) {
    if (HasCatalog(dir)) return dir;
  }
  return {};
}

std::vector<std::string> CatalogSearchPath() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("GB_LOCALEDIR"); IsSet(env)) dirs.emplace_back(env);
  if (std::string exe = ExeDir(); !exe.empty()) {
    dirs.push_back(exe + "/locale");
    dirs.push_back(exe + "/../share/locale");
  }
  return dirs;
}

bool UseCatalog(const std::string& dir, const Locale& locale) {
  SetCurrentLocale(locale);
  {
    std::lock_guard lock(g_catalog_mu);
    g_catalog_dir = dir;  // also for the page's French under an English server
  }
  if (g_catalog_bound.exchange(false)) std::setlocale(LC_MESSAGES, "C");  // as before
  if (locale.language == "en" || !HasCatalog(dir)) return false;
  SelectMessagesLocale(locale.language);
  bindtextdomain(kTextDomain, dir.c_str());
  bind_textdomain_codeset(kTextDomain, "UTF-8");
  textdomain(kTextDomain);  // also drops gettext's cache of earlier lookups
  g_catalog_bound = true;
  return true;
}

void InitTranslations() {
  Locale locale = LocaleFromEnv(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                                std::getenv("LANG"), std::getenv("LANGUAGE"));
  UseCatalog(FindCatalogDir(CatalogSearchPath()), locale);
}

}  // namespace gb
