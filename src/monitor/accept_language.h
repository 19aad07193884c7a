// Which of our languages a browser asks for, from its Accept-Language header
// ("fr-CA,fr;q=0.9,en;q=0.8"): the page of `watch --http` follows the reader,
// not the server's locale.
#pragma once

#include <string>
#include <string_view>

namespace gb {

// "fr" or "en": the one of the two the header ranks highest (q-values, then
// order; "*" stands for English). English when the header names neither, ""
// when it is empty (no preference: the server's own language).
std::string LanguageFromAcceptLanguage(std::string_view header);

}  // namespace gb
