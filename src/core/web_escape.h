// Text made safe for the web: percent-encoding for URLs and form bodies
// (application/x-www-form-urlencoded, RFC 3986's unreserved characters kept)
// and HTML escaping. The OAuth client, the simulator's consent page and the
// watch page share them so that no value is ever pasted into a URL or a page
// unescaped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gb {

// Every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex).
std::string PercentEncode(std::string_view text);

// "a=1&b=x%20y": the pairs in order, names and values percent-encoded.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& pairs);

// & < > " as entities: safe in element text and in "double-quoted" attributes.
std::string HtmlEscape(std::string_view text);

}  // namespace gb
