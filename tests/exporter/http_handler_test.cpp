// Tests of the exporter's request routing without sockets (detail/http/handler.hpp).
#include "schemetric/detail/http/handler.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "fake_source.hpp"
#include "test_client.hpp"

namespace {

using schemetric::detail::http_handler;
using schemetric::detail::http_parse_status;
using schemetric::detail::http_request_parser;
using schemetric::detail::http_response;
using schemetric_test::fake_source;

struct handled {
  std::string status_line;
  std::string head;
  std::string body;
  bool send_body;
  bool close;
  bool has(const std::string& field_line) const {
    return head.find("\r\n" + field_line + "\r\n") != std::string::npos;
  }
};

// "Sun, 06 Nov 1994 08:49:37 GMT" shape: letters, digits and separators in place.
bool looks_like_imf_fixdate(const std::string& text) {
  const std::string shape = "Aaa, 00 Aaa 0000 00:00:00 GMT";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (shape[i] == '0' && !std::isdigit(c)) return false;
    if (shape[i] == 'A' && !std::isupper(c)) return false;
    if (shape[i] == 'a' && !std::islower(c)) return false;
    if (shape[i] != '0' && shape[i] != 'A' && shape[i] != 'a' && shape[i] != text[i]) return false;
  }
  return true;
}

handled handle(http_handler& handler, const std::string& request) {
  http_request_parser parser(8192);
  http_response response;
  const auto result = parser.parse(request);
  if (result.status == http_parse_status::complete) {
    handler.handle(parser.head(), response);
  } else {
    EXPECT_EQ(result.status, http_parse_status::failed);
    handler.handle_error(result, response);
  }
  return {response.head.substr(0, response.head.find("\r\n")), response.head, response.body,
          response.send_body, response.close};
}

TEST(http_handler, metrics_text_by_default) {
  fake_source source;
  http_handler handler(source);
  const auto r = handle(handler, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(r.has("Content-Type: text/plain; version=0.0.4; charset=utf-8"));
  EXPECT_TRUE(r.has("Content-Length: " + std::to_string(r.body.size())));
  EXPECT_TRUE(r.has("Vary: Accept, Accept-Encoding"));
  EXPECT_EQ(r.head.find("Content-Encoding"), std::string::npos);
  EXPECT_EQ(r.head.find("Connection:"), std::string::npos);
  EXPECT_EQ(r.body, schemetric_test::text_exposition);
  EXPECT_TRUE(r.send_body);
  EXPECT_FALSE(r.close);
  EXPECT_TRUE(r.head.ends_with("\r\n\r\n"));
  const std::size_t date = r.head.find("\r\nDate: ");
  ASSERT_NE(date, std::string::npos);
  EXPECT_TRUE(looks_like_imf_fixdate(r.head.substr(date + 8, 29))) << r.head;
}

TEST(http_handler, openmetrics_and_gzip) {
  fake_source source;
  http_handler handler(source);
  const auto r =
      handle(handler,
             "GET /metrics?debug=1 HTTP/1.1\r\nHost: x\r\nAccept: "
             "application/openmetrics-text;version=1.0.0\r\nAccept-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(r.has("Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8"));
  EXPECT_TRUE(r.has("Content-Encoding: gzip"));
  EXPECT_TRUE(r.has("Content-Length: " + std::to_string(r.body.size())));
  EXPECT_EQ(schemetric_test::gunzip(r.body), schemetric_test::openmetrics_exposition);
}

TEST(http_handler, head_announces_the_get_length) {
  fake_source source;
  http_handler handler(source);
  const auto get = handle(handler, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto head = handle(handler, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_FALSE(head.send_body);
  EXPECT_TRUE(head.has("Content-Length: " + std::to_string(get.body.size())));
}

TEST(http_handler, health) {
  fake_source source;
  http_handler handler(source);
  auto r = handle(handler, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(r.has("Content-Type: application/json"));
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  source.healthy = false;
  r = handle(handler, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 503 Service Unavailable");
  EXPECT_EQ(r.body.substr(0, 20), R"({"status":"failing",)");
  EXPECT_FALSE(r.close);
}

TEST(http_handler, documents_of_the_source) {
  fake_source source;
  http_handler handler(source);
  auto r = handle(handler, "GET /doc?hours=3&x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(r.has("Content-Type: application/json"));
  EXPECT_TRUE(r.has("Cache-Control: no-store"));
  EXPECT_EQ(r.body, R"({"query":"hours=3&x=1"})");
  r = handle(handler, "GET /doc HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.body, R"({"query":""})");
  r = handle(handler, "HEAD /doc?bad HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 400 Bad Request");
  EXPECT_FALSE(r.send_body);
  EXPECT_FALSE(r.close);
  r = handle(handler, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 404 Not Found");
  r = handle(handler, "POST /doc HTTP/1.1\r\nHost: x\r\n\r\n");  // documents are read-only
  EXPECT_EQ(r.status_line, "HTTP/1.1 404 Not Found");
  r = handle(handler, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 500 Internal Server Error");
  EXPECT_TRUE(r.close);
}

TEST(http_handler, errors) {
  fake_source source;
  http_handler handler(source);
  auto r = handle(handler, "GET /metricz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 404 Not Found");
  EXPECT_FALSE(r.close);
  r = handle(handler, "POST /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 405 Method Not Allowed");
  EXPECT_TRUE(r.has("Allow: GET, HEAD"));
  r = handle(handler, "get /health HTTP/1.1\r\nHost: x\r\n\r\n");  // methods are case-sensitive
  EXPECT_EQ(r.status_line, "HTTP/1.1 405 Method Not Allowed");
  r = handle(handler, "GET /metrics HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 400 Bad Request");
  EXPECT_TRUE(r.close);
  EXPECT_TRUE(r.has("Connection: close"));
  r = handle(handler, "GET /metrics HTTP/3.0\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 505 HTTP Version Not Supported");
  r = handle(handler, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(r.status_line, "HTTP/1.1 413 Content Too Large");
  EXPECT_TRUE(r.close);
  EXPECT_EQ(source.metrics_calls, 0);
}

TEST(http_handler, source_exception_gives_500_and_close) {
  fake_source source;
  source.throw_on_metrics = true;
  http_handler handler(source);
  const auto r = handle(handler, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 500 Internal Server Error");
  EXPECT_TRUE(r.close);
  EXPECT_TRUE(r.has("Content-Length: " + std::to_string(r.body.size())));
}

TEST(http_handler, connection_fields) {
  fake_source source;
  http_handler handler(source);
  auto r = handle(handler, "GET /metrics HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(r.close);
  EXPECT_TRUE(r.has("Connection: close"));
  r = handle(handler, "GET /metrics HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_FALSE(r.close);
  EXPECT_TRUE(r.has("Connection: keep-alive"));
  r = handle(handler, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(r.close);
}

TEST(http_handler, busy_response_is_well_formed) {
  const std::string_view busy = schemetric::detail::busy_response;
  const std::size_t head_end = busy.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string_view::npos);
  const std::string_view body = busy.substr(head_end + 4);
  EXPECT_NE(busy.find("Content-Length: " + std::to_string(body.size()) + "\r\n"),
            std::string_view::npos);
  EXPECT_TRUE(busy.starts_with("HTTP/1.1 503 "));
}

TEST(http_handler, date_format) {
  std::string out;
  schemetric::detail::append_http_date(784111777, out);
  EXPECT_EQ(out, "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110 §5.6.7's example
}

}  // namespace
