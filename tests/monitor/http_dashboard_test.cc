#include "monitor/http_dashboard.h"

#include <gtest/gtest.h>
#include <httplib.h>

namespace gb {
namespace {

TEST(HttpAddressTest, LoopbackUnlessTold) {
  EXPECT_EQ(*ParseHttpAddress("8080"), std::make_pair(std::string("127.0.0.1"), 8080));
  EXPECT_EQ(*ParseHttpAddress(":8080"), std::make_pair(std::string("127.0.0.1"), 8080));
  EXPECT_EQ(*ParseHttpAddress("0.0.0.0:9000"), std::make_pair(std::string("0.0.0.0"), 9000));
  EXPECT_EQ(*ParseHttpAddress("[::1]:0"), std::make_pair(std::string("::1"), 0));
  auto bad = ParseHttpAddress("localhost:http");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kConfig);
  EXPECT_NE(bad.error().message.find("127.0.0.1:8080"), std::string::npos);
  EXPECT_FALSE(ParseHttpAddress("127.0.0.1:70000"));
}

TEST(LocalizePageTest, TranslatesPlaceholdersAndEscapes) {
  EXPECT_EQ(LocalizePage("<html lang=\"{{@lang}}\"><b>{{Years}}</b> {{a<b}}"),
            "<html lang=\"en\"><b>Years</b> a&lt;b");
}

TEST(HttpDashboardTest, ServesThePageStatusJsonAndMetrics) {
  int polls = 0;
  HttpDashboard server(HttpContent{[&polls] { return "{\"n\":" + std::to_string(++polls) + "}"; },
                                   [] { return std::string("gazelle_backfill_up 1\n"); }});
  ASSERT_TRUE(server.Start("127.0.0.1:0"));
  ASSERT_GT(server.port(), 0);
  EXPECT_EQ(server.Url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/");
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<svg id=\"chart\""), std::string::npos);
  EXPECT_EQ(page->body.find("{{"), std::string::npos) << "every placeholder translated";
  EXPECT_EQ(page->body.find("http://"), std::string::npos) << "no CDN";
  auto js = client.Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_NE(js->body.find("status.json"), std::string::npos);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto css = client.Get("/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  auto status = client.Get("/status.json");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->body, "{\"n\":1}");
  EXPECT_EQ(status->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(client.Get("/status.json")->body, "{\"n\":2}");
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->body, "gazelle_backfill_up 1\n");
  EXPECT_NE(metrics->get_header_value("Content-Type").find("version=0.0.4"), std::string::npos);
  EXPECT_EQ(client.Get("/nope")->status, 404);
  server.Stop();
  EXPECT_FALSE(client.Get("/"));
}

TEST(HttpDashboardTest, APortInUseIsAConfigError) {
  HttpDashboard first(HttpContent{[] { return std::string("{}"); }, [] { return std::string(); }});
  ASSERT_TRUE(first.Start("127.0.0.1:0"));
  HttpDashboard second(HttpContent{[] { return std::string("{}"); }, [] { return std::string(); }});
  auto s = second.Start("127.0.0.1:" + std::to_string(first.port()));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kConfig);
}

}  // namespace
}  // namespace gb
