// Percent-encoding and HTML escaping: what a URL, a form body or a page may
// carry without a value changing its meaning.
#include "core/web_escape.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

TEST(WebEscapeTest, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(PercentEncode("http://127.0.0.1:8765/callback"),
            "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback");
  EXPECT_EQ(PercentEncode("a b&c=d+e"), "a%20b%26c%3Dd%2Be");
  EXPECT_EQ(PercentEncode("é"), "%C3%A9");
  EXPECT_EQ(PercentEncode(std::string("\0\xff", 2)), "%00%FF");
}

TEST(WebEscapeTest, QueryStringEncodesNamesAndValuesInOrder) {
  EXPECT_EQ(QueryString({}), "");
  EXPECT_EQ(QueryString({{"grant_type", "authorization_code"}, {"code", "a&b=c"}, {"x y", ""}}),
            "grant_type=authorization_code&code=a%26b%3Dc&x%20y=");
}

TEST(WebEscapeTest, HtmlEscapeNeutralisesMarkupAndQuotes) {
  EXPECT_EQ(HtmlEscape(R"(<script>alert("x")</script> & co)"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
  EXPECT_EQ(HtmlEscape("l'API"), "l'API");  // attributes are double-quoted
}

}  // namespace
}  // namespace gb
