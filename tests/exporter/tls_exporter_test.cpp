// Tests of tls_exporter over loopback: the web config file's basic auth over plain HTTP (TLS
// itself is tested with real clients in tls_test.py), the errors start() reports, and the
// transports' request_ready().
#include "schemetric/tls_exporter.hpp"

#include <crypt.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include "fake_source.hpp"
#include "test_client.hpp"

namespace {

using namespace std::chrono_literals;
using schemetric::exporter_options;
using schemetric::tls_exporter;
using schemetric_test::fake_source;
using schemetric_test::http_client;

std::string bcrypt(const char* password, unsigned long cost = 4) {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  EXPECT_NE(crypt_gensalt_rn("$2y$", cost, nullptr, 0, setting, sizeof setting), nullptr);
  crypt_data data{};
  return crypt_rn(password, setting, &data, sizeof data);
}

// A temporary directory holding the test's config files, removed at the end.
class tls_exporter_test : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/schemetric-web-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    if (exporter_) exporter_->stop();
    std::filesystem::remove_all(directory_);
  }

  std::string write_config(const std::string& text) {
    const std::string path = directory_ + "/web.yml";
    std::ofstream(path) << text;
    return path;
  }

  void start(const std::string& config_text) {
    exporter_options options;
    options.port = 0;
    options.web_config_file = write_config(config_text);
    exporter_ = std::make_unique<tls_exporter>(source_, options);
    exporter_->start();
    ASSERT_TRUE(exporter_->running());
  }

  std::string error_of_start(const std::string& config_text) {
    try {
      start(config_text);
    } catch (const std::invalid_argument& error) {
      EXPECT_FALSE(exporter_->running());
      return error.what();
    }
    return "";
  }

  std::uint16_t port() const { return exporter_->port(); }

  std::string directory_;
  fake_source source_;
  std::unique_ptr<tls_exporter> exporter_;
};

// "alice:s3cret" in base64
constexpr const char* alice = "Authorization: Basic YWxpY2U6czNjcmV0\r\n";

std::string get(const char* path, const char* fields = "") {
  return std::string("GET ") + path + " HTTP/1.1\r\nHost: localhost\r\n" + fields + "\r\n";
}

TEST_F(tls_exporter_test, without_a_config_file_it_serves_plain_http) {
  exporter_options options;
  options.port = 0;
  exporter_ = std::make_unique<tls_exporter>(source_, options);
  exporter_->start();
  http_client client(port());
  EXPECT_EQ(client.request(get("/metrics"))->status, 200);
}

TEST_F(tls_exporter_test, basic_auth_guards_every_path) {
  start("basic_auth_users:\n  alice: " + bcrypt("s3cret") +
        "\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n");
  http_client client(port());
  for (const char* path : {"/metrics", "/health", "/nothing"}) {
    const auto reply = client.request(get(path));
    ASSERT_TRUE(reply) << path;
    EXPECT_EQ(reply->status, 401) << path;
    EXPECT_EQ(reply->field("WWW-Authenticate"), "Basic realm=\"metrics\", charset=\"UTF-8\"");
    EXPECT_EQ(reply->field("X-Frame-Options"), "deny");
  }
  EXPECT_EQ(source_.metrics_calls.load(), 0);
  const auto head = client.request("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n", true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 401);
  // The right password, first verified (bcrypt on the authenticator's thread), then
  // remembered; on the same kept-alive connection as the refusals.
  for (int i = 0; i < 3; ++i) {
    const auto reply = client.request(get("/metrics", alice));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, schemetric_test::text_exposition);
    EXPECT_EQ(reply->field("X-Frame-Options"), "deny");
  }
  const auto wrong = client.request(get("/metrics", "Authorization: Basic YWxpY2U6d3Jvbmc=\r\n"));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  // Two Authorization fields are ambiguous: refused.
  const auto twice = client.request(get("/metrics", (std::string(alice) + alice).c_str()));
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 401);
}

TEST_F(tls_exporter_test, pipelined_requests_are_each_checked_in_order) {
  start("basic_auth_users:\n  alice: " + bcrypt("s3cret") + "\n");
  http_client client(port());
  ASSERT_TRUE(client.send(get("/metrics", alice) + get("/metrics") + get("/health", alice)));
  EXPECT_EQ(client.read_reply()->status, 200);
  EXPECT_EQ(client.read_reply()->status, 401);
  EXPECT_EQ(client.read_reply()->status, 200);
}

TEST_F(tls_exporter_test, stop_while_a_password_is_being_checked) {
  start("basic_auth_users:\n  alice: " + bcrypt("s3cret", 13) + "\n");  // ~0.4 s per check
  std::vector<std::unique_ptr<http_client>> clients;
  for (int i = 0; i < 4; ++i) {
    clients.push_back(std::make_unique<http_client>(port()));
    ASSERT_TRUE(clients.back()->send(get("/metrics", alice)));
  }
  std::this_thread::sleep_for(50ms);
  auto stopped = std::async(std::launch::async, [&] { exporter_->stop(); });
  ASSERT_EQ(stopped.wait_for(20s), std::future_status::ready);
  for (auto& client : clients) EXPECT_TRUE(client->closed_within(10s));
  EXPECT_EQ(source_.metrics_calls.load(), 0);
}

TEST_F(tls_exporter_test, config_errors_name_file_line_and_column) {
  const std::string message = error_of_start("basic_auth_users:\n  alice: plaintext\n");
  EXPECT_EQ(message, "schemetric exporter: web config: " + directory_ +
                         "/web.yml:2:10: the password of user \"alice\" must be a bcrypt hash "
                         "($2y$10$... made e.g. with htpasswd -nBC 10)");
}

TEST_F(tls_exporter_test, a_missing_certificate_names_the_file) {
  const std::string message =
      error_of_start("tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n");
  EXPECT_NE(message.find(directory_ + "/missing.crt: cannot load the certificate"),
            std::string::npos)
      << message;
}

}  // namespace

// request_ready() of both transports on a real accepted socket, fed piece by piece.
TEST(transport, request_ready_needs_a_whole_head_or_hello) {
  asio::io_context context;
  asio::ip::tcp::acceptor acceptor(context, {asio::ip::make_address("127.0.0.1"), 0});
  const auto ready_after = [&](const std::string& sent, auto transport) {
    http_client client(acceptor.local_endpoint().port());
    if (!sent.empty()) {
      EXPECT_TRUE(client.send(sent));
    }
    asio::ip::tcp::socket accepted(context);
    acceptor.accept(accepted);
    // Wait (bounded) until everything sent is there to peek at.
    char bytes[4096];
    const std::size_t expected = std::min(sent.size(), sizeof bytes);
    EXPECT_TRUE(schemetric_test::eventually([&] {
      return schemetric::detail::peek_received(accepted, bytes, sizeof bytes) == expected;
    }));
    return decltype(transport)::request_ready(accepted);
  };
  using schemetric::detail::plain_transport;
  using schemetric::detail::tls_transport;
  EXPECT_FALSE(ready_after("", plain_transport{}));
  EXPECT_FALSE(ready_after("GET /metrics HTTP/1.1\r\nHost: x\r\n", plain_transport{}));
  EXPECT_TRUE(ready_after("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", plain_transport{}));
  EXPECT_TRUE(ready_after("GET / HTTP/1.0\n\n", plain_transport{}));
  EXPECT_TRUE(ready_after(std::string(3000, 'x'), plain_transport{}));  // more than a look
  const std::string hello_header("\x16\x03\x01\x00\x08", 5);            // an 8-byte record
  EXPECT_FALSE(ready_after(hello_header.substr(0, 3), tls_transport(nullptr)));
  EXPECT_FALSE(ready_after(hello_header + "1234567", tls_transport(nullptr)));
  EXPECT_TRUE(ready_after(hello_header + "12345678", tls_transport(nullptr)));
  EXPECT_TRUE(ready_after("GET / HTTP/1.1\r\n", tls_transport(nullptr)));  // plain: answered 400
}
