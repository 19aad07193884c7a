// The API client verifies TLS certificates by default: against an https
// server whose certificate is signed by a CA the test made, a default
// CurlTransport refuses (a configuration error saying what to do), and one
// told to trust that CA connects. The default options never turn it off.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <thread>

#include "source/curl_transport.h"
#include "support/temp_dir.h"
#include "support/test_ca.h"

namespace gb {
namespace {

class TlsServer {
 public:
  explicit TlsServer(const test::TestCa& ca)
      : server_(ca.server_cert.c_str(), ca.server_key.c_str()) {
    server_.Post("/graphql/private/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"ok\":true}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  bool ok() const { return server_.is_valid() && port_ > 0; }
  std::string Url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_) + "/graphql/private/";
  }

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
};

HttpRequest Post(const std::string& url) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = "{}";
  request.connect_timeout = std::chrono::milliseconds(5000);
  request.total_timeout = std::chrono::milliseconds(10000);
  return request;
}

TEST(CurlTlsTest, DefaultOptionsVerifyThePeer) {
  CurlOptions defaults;
  EXPECT_TRUE(defaults.verify_tls);
  EXPECT_TRUE(defaults.ca_file.empty());  // the system trust store
}

// An https server whose certificate the test's own CA signed.
class CurlTlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ca = test::MakeTestCa(dir_.path(), "api");
    ASSERT_TRUE(ca) << ca.error().message;
    ca_ = *ca;
    server_ = std::make_unique<TlsServer>(ca_);
    ASSERT_TRUE(server_->ok());
  }

  test::TempDir dir_{"gb-curl-tls-"};
  test::TestCa ca_;
  std::unique_ptr<TlsServer> server_;
};

TEST_F(CurlTlsServerTest, UnknownCaIsRefusedWithWhatToDo) {
  CurlTransport transport;  // defaults: verify against the system store
  auto answer = transport.Send(Post(server_->Url()));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::kConfig) << answer.error().message;
  EXPECT_NE(answer.error().message.find("TLS certificate"), std::string::npos)
      << answer.error().message;
  EXPECT_NE(answer.error().message.find("CA"), std::string::npos) << answer.error().message;
}

TEST_F(CurlTlsServerTest, TrustedCaConnects) {
  CurlTransport transport(CurlOptions{.ca_file = ca_.ca_cert});
  auto answer = transport.Send(Post(server_->Url()));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "{\"ok\":true}");
}

}  // namespace
}  // namespace gb
