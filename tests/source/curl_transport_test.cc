#include "source/curl_transport.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <set>
#include <thread>

namespace gb {
namespace {

using std::chrono::milliseconds;

// A loopback HTTP server on an ephemeral port, stopped at the end.
class LocalServer {
 public:
  explicit LocalServer(std::function<void(httplib::Server&)> routes) {
    routes(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(1));
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(CurlTransportTest, PostsBodyAndHeadersReadsStatusHeadersBody) {
  std::string seen_body, seen_auth, seen_encoding;
  LocalServer server([&](httplib::Server& s) {
    s.Post("/graphql/private/", [&](const httplib::Request& req, httplib::Response& res) {
      seen_body = req.body;
      seen_auth = req.get_header_value("Authorization");
      seen_encoding = req.get_header_value("Accept-Encoding");
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content("{\"ok\":true}", "application/json");
    });
  });
  CurlTransport transport;
  HttpRequest request;
  request.url = server.Url("/graphql/private/");
  request.headers = {{"Authorization", "Bearer abc"}, {"Content-Type", "application/json"}};
  request.body = std::string("{\"q\":\"\0\"}", 9);
  auto response = transport.Send(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->Header("Retry-After"), "7");
  EXPECT_EQ(response->body, "{\"ok\":true}");
  EXPECT_EQ(seen_body, request.body);  // binary-safe, NUL included
  EXPECT_EQ(seen_auth, "Bearer abc");
  EXPECT_NE(seen_encoding.find("gzip"), std::string::npos);  // compression offered
}

TEST(CurlTransportTest, ReusesTheConnectionAcrossRequests) {
  std::mutex mu;
  std::set<int> client_ports;
  LocalServer server([&](httplib::Server& s) {
    s.Post("/x", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu);
      client_ports.insert(req.remote_port);
      res.set_content("ok", "text/plain");
    });
  });
  CurlTransport transport;
  HttpRequest request;
  request.url = server.Url("/x");
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(transport.Send(request));
  EXPECT_EQ(client_ports.size(), 1u);  // keep-alive: one connection
}

TEST(CurlTransportTest, HangingServerTimesOutAsTransient) {
  std::atomic<bool> release{false};
  LocalServer server([&](httplib::Server& s) {
    s.Post("/hang", [&](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 100 && !release; ++i) std::this_thread::sleep_for(milliseconds(20));
      res.set_content("late", "text/plain");
    });
  });
  CurlTransport transport;
  HttpRequest request;
  request.url = server.Url("/hang");
  request.total_timeout = milliseconds(200);
  auto response = transport.Send(request);
  release = true;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::kTransient);
  EXPECT_EQ(response.error().code, "curl:28");
  EXPECT_NE(response.error().message.find("timed out"), std::string::npos);
}

TEST(CurlTransportTest, RefusedConnectionIsTransientAndBadSchemeIsConfig) {
  CurlTransport transport;
  HttpRequest request;
  request.url = "http://127.0.0.1:1/graphql/private/";
  auto refused = transport.Send(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kTransient);
  request.url = "gopher://127.0.0.1/x";
  auto bad = transport.Send(request);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kConfig);
}

TEST(CurlTransportTest, PasswordInUrlNeverInTheError) {
  CurlTransport transport;
  HttpRequest request;
  request.url = "http://user:hunter2secret@127.0.0.1:1/x";
  auto r = transport.Send(request);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find("hunter2secret"), std::string::npos);
}

}  // namespace
}  // namespace gb
