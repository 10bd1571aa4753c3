// Tests of the incremental HTTP request-head parser (detail/http_request.hpp).
#include "schemetric/detail/http_request.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::string_literals;
using schemetric::detail::http_parse_result;
using schemetric::detail::http_parse_status;
using schemetric::detail::http_request_head;
using schemetric::detail::http_request_parser;
using schemetric::detail::http_version;

struct valid_case {
  const char* name;
  std::string input;
  std::string_view method;
  std::string_view target;
  std::string_view path;
  http_version version;
  bool keep_alive;
};

// Parses all of `input` at once.
http_parse_result parse_whole(http_request_parser& parser, std::string_view input) {
  return parser.parse(input);
}

// Feeds `input` one byte more per call; returns the first non-incomplete result.
http_parse_result parse_bytewise(http_request_parser& parser, std::string_view input) {
  http_parse_result result;
  for (std::size_t n = 1; n <= input.size(); ++n) {
    result = parser.parse(input.substr(0, n));
    if (result.status != http_parse_status::incomplete) return result;
  }
  return result;
}

TEST(http_request_parser, valid_heads_whole_and_bytewise) {
  const std::vector<valid_case> cases = {
      {"minimal 1.1", "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n", "GET", "/metrics", "/metrics",
       http_version::http_1_1, true},
      {"query", "GET /metrics?x=1&y HTTP/1.1\r\nHost: a\r\n\r\n", "GET", "/metrics?x=1&y",
       "/metrics", http_version::http_1_1, true},
      {"head method", "HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n", "HEAD", "/health", "/health",
       http_version::http_1_1, true},
      {"other token method", "M-SEARCH * HTTP/1.1\r\nHost: a\r\n\r\n", "M-SEARCH", "*", "*",
       http_version::http_1_1, true},
      {"1.1 close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "GET", "/", "/",
       http_version::http_1_1, false},
      {"1.1 close in list, any case", "GET / HTTP/1.1\r\nHost: a\r\nconnection: TE, Close\r\n\r\n",
       "GET", "/", "/", http_version::http_1_1, false},
      {"1.0 default close", "GET /metrics HTTP/1.0\r\n\r\n", "GET", "/metrics", "/metrics",
       http_version::http_1_0, false},
      {"1.0 keep-alive", "GET /metrics HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "GET",
       "/metrics", "/metrics", http_version::http_1_0, true},
      {"1.0 keep-alive and close",
       "GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", "GET", "/", "/",
       http_version::http_1_0, false},
      {"bare LF line ends", "GET /metrics HTTP/1.1\nHost: a\n\n", "GET", "/metrics", "/metrics",
       http_version::http_1_1, true},
      {"mixed line ends", "GET /metrics HTTP/1.1\r\nHost: a\n\r\n", "GET", "/metrics", "/metrics",
       http_version::http_1_1, true},
      {"leading empty lines", "\r\n\r\nGET /metrics HTTP/1.1\r\nHost: a\r\n\r\n", "GET", "/metrics",
       "/metrics", http_version::http_1_1, true},
      {"absolute form", "GET http://example.com:9464/metrics?q HTTP/1.1\r\nHost: x\r\n\r\n", "GET",
       "http://example.com:9464/metrics?q", "/metrics", http_version::http_1_1, true},
      {"absolute form without path", "GET HTTPS://example.com HTTP/1.1\r\nHost: x\r\n\r\n", "GET",
       "HTTPS://example.com", "/", http_version::http_1_1, true},
      {"absolute form query only", "GET http://h?x HTTP/1.1\r\nHost: x\r\n\r\n", "GET",
       "http://h?x", "/", http_version::http_1_1, true},
      {"content-length zero", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", "GET", "/",
       "/", http_version::http_1_1, true},
      {"repeated equal content-length",
       "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\ncontent-length: 00\r\n\r\n", "GET", "/",
       "/", http_version::http_1_1, true},
      {"field without spaces and empty value", "GET / HTTP/1.1\r\nHost:a\r\nX-Empty:\r\n\r\n",
       "GET", "/", "/", http_version::http_1_1, true},
      {"obs-text in value", "GET / HTTP/1.1\r\nHost: a\r\nX: caf\xc3\xa9\t\r\n\r\n", "GET", "/",
       "/", http_version::http_1_1, true},
  };
  for (const auto& c : cases) {
    for (const bool bytewise : {false, true}) {
      SCOPED_TRACE(std::string(c.name) + (bytewise ? " (bytewise)" : " (whole)"));
      http_request_parser parser(8192);
      const auto result = bytewise ? parse_bytewise(parser, c.input) : parse_whole(parser, c.input);
      ASSERT_EQ(result.status, http_parse_status::complete) << result.error_reason;
      const http_request_head& head = parser.head();
      EXPECT_EQ(head.method, c.method);
      EXPECT_EQ(head.target, c.target);
      EXPECT_EQ(head.path, c.path);
      EXPECT_EQ(head.version, c.version);
      EXPECT_EQ(head.keep_alive, c.keep_alive);
      EXPECT_EQ(head.size, c.input.size());
    }
  }
}

struct invalid_case {
  const char* name;
  std::string input;
  int status;
};

TEST(http_request_parser, rejects_malformed_heads) {
  const std::vector<invalid_case> cases = {
      {"no target", "GET\r\n\r\n", 400},
      {"empty method", " /metrics HTTP/1.1\r\n\r\n", 400},
      {"two spaces", "GET  /metrics HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"trailing space", "GET /metrics HTTP/1.1 \r\nHost: a\r\n\r\n", 400},
      {"no version (HTTP/0.9)", "GET /metrics\r\n\r\n", 400},
      {"lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400},
      {"version garbage", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", 400},
      {"version short", "GET / HTTP/1\r\nHost: a\r\n\r\n", 400},
      {"method with slash", "GE/T / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"relative target", "GET metrics HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"authority form", "CONNECT example.com:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"fragment", "GET /metrics#x HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"non-ascii target", "GET /m\xc3\xa9trics HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"tab in request line", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"bare CR in request line", "GET /\rx HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"bare CR in field", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400},
      {"obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n  c\r\n\r\n", 400},
      {"space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},
      {"no colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400},
      {"empty field name", "GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", 400},
      {"invalid name char", "GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", 400},
      {"NUL in value", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n"s, 400},
      {"DEL in value", "GET / HTTP/1.1\r\nHost: a\x7f\r\n\r\n", 400},
      {"missing host 1.1", "GET / HTTP/1.1\r\n\r\n", 400},
      {"two hosts 1.1", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"two hosts 1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"bad content-length", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400},
      {"negative content-length", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400},
      {"content-length list", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0, 0\r\n\r\n", 400},
      {"empty content-length", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400},
      {"conflicting content-length",
       "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 1\r\n\r\n", 400},
      {"content-length and chunked",
       "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
       400},
      {"body by length", "POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
       413},
      {"huge content-length",
       "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413},
      {"chunked body", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       413},
      {"HTTP/2.0 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505},
      {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505},
      {"HTTP/0.9 versioned", "GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505},
      {"TLS client hello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"s, 400},
      {"binary garbage", "\x00\x01\x02\x03"s, 400},
  };
  for (const auto& c : cases) {
    for (const bool bytewise : {false, true}) {
      SCOPED_TRACE(std::string(c.name) + (bytewise ? " (bytewise)" : " (whole)"));
      http_request_parser parser(8192);
      const auto result = bytewise ? parse_bytewise(parser, c.input) : parse_whole(parser, c.input);
      ASSERT_EQ(result.status, http_parse_status::failed);
      EXPECT_EQ(result.error_status, c.status) << result.error_reason;
      EXPECT_FALSE(result.error_reason.empty());
      // A failed parser stays failed.
      EXPECT_EQ(parser.parse(c.input).status, http_parse_status::failed);
    }
  }
}

TEST(http_request_parser, garbage_fails_before_any_line_end) {
  http_request_parser parser(8192);
  EXPECT_EQ(parser.parse("GET /").status, http_parse_status::incomplete);
  const auto result = parser.parse(std::string_view("GET /\x01", 6));
  EXPECT_EQ(result.status, http_parse_status::failed);
  EXPECT_EQ(result.error_status, 400);
}

TEST(http_request_parser, incomplete_until_the_empty_line) {
  const std::string head = "GET /metrics HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n";
  http_request_parser parser(8192);
  for (std::size_t n = 0; n + 1 < head.size(); ++n) {
    ASSERT_EQ(parser.parse(std::string_view(head).substr(0, n)).status,
              http_parse_status::incomplete)
        << n;
  }
  EXPECT_EQ(parser.parse(head).status, http_parse_status::complete);
}

TEST(http_request_parser, head_size_limit_is_inclusive) {
  const std::string head = "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n";
  {
    http_request_parser parser(head.size());
    EXPECT_EQ(parser.parse(head).status, http_parse_status::complete);
  }
  {
    http_request_parser parser(head.size() - 1);
    const auto result = parser.parse(head);
    EXPECT_EQ(result.status, http_parse_status::failed);
    EXPECT_EQ(result.error_status, 431);
  }
  {
    // Detected as soon as the limit is reached, without a line end.
    http_request_parser parser(64);
    const std::string long_field = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(100, 'a');
    const auto result = parser.parse(long_field);
    EXPECT_EQ(result.status, http_parse_status::failed);
    EXPECT_EQ(result.error_status, 431);
  }
  {
    http_request_parser parser(64);
    EXPECT_EQ(parser.parse("GET /" + std::string(100, 'a')).error_status, 431);
  }
  {
    // Leading empty lines count too.
    http_request_parser parser(head.size() + 1);
    EXPECT_EQ(parser.parse("\r\n" + head).error_status, 431);
  }
}

TEST(http_request_parser, many_fields_within_the_limit) {
  std::string head = "GET /metrics HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 300; ++i) head += "X-Field-" + std::to_string(i) + ": v\r\n";
  head += "\r\n";
  http_request_parser parser(8192);
  ASSERT_EQ(parser.parse(head).status, http_parse_status::complete);
  int fields = 0;
  parser.head().for_each_field([&](std::string_view, std::string_view) { ++fields; });
  EXPECT_EQ(fields, 301);
}

TEST(http_request_parser, fields_are_visited_trimmed_in_order) {
  const std::string head =
      "GET / HTTP/1.1\r\nHost: a\r\nAccept:  text/plain \t\r\naccept: application/json\n"
      "X-Empty:\r\n\r\n";
  http_request_parser parser;
  ASSERT_EQ(parser.parse(head).status, http_parse_status::complete);
  std::vector<std::pair<std::string, std::string>> seen;
  parser.head().for_each_field([&](std::string_view name, std::string_view value) {
    seen.emplace_back(std::string(name), std::string(value));
  });
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Host", "a"}, {"Accept", "text/plain"}, {"accept", "application/json"}, {"X-Empty", ""}};
  EXPECT_EQ(seen, expected);
}

TEST(http_request_parser, pipelined_requests_are_parsed_one_after_another) {
  const std::string stream =
      "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"
      "HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
      "GET /par";
  http_request_parser parser;
  std::string_view rest = stream;
  std::vector<std::string> targets;
  for (;;) {
    const auto result = parser.parse(rest);
    if (result.status != http_parse_status::complete) {
      EXPECT_EQ(result.status, http_parse_status::incomplete);
      break;
    }
    targets.emplace_back(std::string(parser.head().method) + " " +
                         std::string(parser.head().target));
    rest.remove_prefix(parser.head().size);
    parser.reset();
  }
  EXPECT_EQ(targets, (std::vector<std::string>{"GET /metrics", "HEAD /health", "GET /nope"}));
  EXPECT_EQ(rest, "GET /par");
}

TEST(http_request_parser, offsets_survive_a_moved_buffer) {
  // The exporter compacts its input buffer between reads: only offsets may be kept.
  std::string first = "GET /metrics HTTP/1.1\r\nHo";
  http_request_parser parser;
  EXPECT_EQ(parser.parse(first).status, http_parse_status::incomplete);
  std::string moved = first + "st: a\r\nAccept: text/plain\r\n\r\n";
  first.assign(first.size(), 'X');  // the old bytes are gone
  ASSERT_EQ(parser.parse(moved).status, http_parse_status::complete);
  EXPECT_EQ(parser.head().target, "/metrics");
  EXPECT_EQ(parser.head().method, "GET");
}

// Case-insensitive comparison and optional white space, checked at compile time.
static_assert(schemetric::detail::iequals("Content-Length", "content-length"));
static_assert(!schemetric::detail::iequals("Content-Length", "content-lengtx"));
static_assert(schemetric::detail::trim_ows(" \t a b \t") == "a b");
static_assert(schemetric::detail::trim_ows(" \t ").empty());

}  // namespace
