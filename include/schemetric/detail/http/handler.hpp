// The exporter's request handling without I/O: routes a parsed head to a complete response.
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/content_negotiation.hpp"
#include "schemetric/detail/http/gzip.hpp"
#include "schemetric/detail/http/request.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// One response being sent on a connection: the head and the body are separate buffers so
/// the body can be compressed straight into place; both keep their capacity across requests.
struct http_response {
  std::string head;
  std::string body;
  bool send_body = true;  ///< false for HEAD: the head announces the body's length only
  bool close = false;     ///< close the connection after sending
};

/// The reason phrase of the status codes the exporter sends.
constexpr std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

/// The complete response sent to connections over the exporter's connection cap.
inline constexpr std::string_view busy_response =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 31\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    "too many connections, try later";

/// Formats an IMF-fixdate (RFC 9110 §5.6.7), independent of the C locale.
inline void append_http_date(std::time_t when, std::string& out) {
  static constexpr std::string_view days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  gmtime_r(&when, &utc);
  const auto two = [&out](int value) {
    out.push_back(static_cast<char>('0' + value / 10 % 10));
    out.push_back(static_cast<char>('0' + value % 10));
  };
  out.append(days[static_cast<unsigned>(utc.tm_wday) % 7]);
  out.append(", ");
  two(utc.tm_mday);
  out.push_back(' ');
  out.append(months[static_cast<unsigned>(utc.tm_mon) % 12]);
  out.push_back(' ');
  const int year = utc.tm_year + 1900;
  two(year / 100);
  two(year % 100);
  out.push_back(' ');
  two(utc.tm_hour);
  out.push_back(':');
  two(utc.tm_min);
  out.push_back(':');
  two(utc.tm_sec);
  out.append(" GMT");
}

/// Answers requests for one exporter: `GET|HEAD /metrics` (negotiated format, optional gzip),
/// `GET|HEAD /health` (JSON, 200 or 503), the source's other JSON documents
/// (scrape_source::write_document), 404 for other paths, 405 with `Allow: GET, HEAD` for
/// other methods on those paths, and the parser's errors (400, 413, 431, 505), after which
/// the connection is closed. 404 and 405 keep the connection when the request allows it.
/// The source writes into one scrape buffer reused for all connections; the body is then
/// copied or compressed into the connection's own response buffer, so one connection's slow
/// write never holds the scrape buffer.
/// Failure: an exception from the source (or std::bad_alloc) becomes 500 with
/// `Connection: close`; handle() itself then only throws std::bad_alloc.
/// Lifetime: `source` must outlive the handler's use. Thread safety: none; the exporter calls
/// it under its lock, so the source sees one call at a time.
class http_handler {
 public:
  explicit http_handler(scrape_source& source) noexcept : source_(&source) {}

  /// Fills `response` (cleared first) for a complete request head.
  void handle(const http_request_head& request, http_response& response) {
    start(request, response);
    const bool known_method = request.method == "GET" || request.method == "HEAD";
    if (request.path == "/metrics") {
      if (!known_method) return method_not_allowed(request, response);
      return metrics(request, response);
    }
    if (request.path == "/health") {
      if (!known_method) return method_not_allowed(request, response);
      return health(request, response);
    }
    if (known_method && document(request, response)) return;
    response.body.append("404 page not found: try /metrics or /health\n");
    write_head(request.version, 404, "text/plain; charset=utf-8", response);
  }

  /// Fills `response` with 401 and `WWW-Authenticate: Basic` for a request whose credentials
  /// are missing or wrong (RFC 7617). The connection stays open when the request allows it.
  void unauthorized(const http_request_head& request, std::string_view realm,
                    http_response& response) {
    start(request, response);
    response.body.append("401 unauthorized: send the user and password (HTTP basic auth)\n");
    std::string& fields = scratch_fields_;
    fields.assign("WWW-Authenticate: Basic realm=\"");
    fields.append(realm);
    fields.append("\", charset=\"UTF-8\"\r\n");
    write_head(request.version, 401, "text/plain; charset=utf-8", response, fields);
  }

  /// Fills `response` with 503 when credentials cannot be checked now (too many checks wait).
  void authentication_busy(const http_request_head& request, http_response& response) {
    start(request, response);
    response.body.append("503 too many logins at once, try later\n");
    write_head(request.version, 503, "text/plain; charset=utf-8", response, "Retry-After: 1\r\n");
  }

  /// Fields added to every response ("Name: value\r\n" lines; the web config's headers).
  void set_response_fields(std::string fields) { response_fields_ = std::move(fields); }

  /// Fills `response` for a request the parser rejected; the connection is closed after it.
  void handle_error(const http_parse_result& failure, http_response& response) {
    response.head.clear();
    response.body.clear();
    response.send_body = true;
    response.close = true;
    response.body.append(failure.error_reason);
    response.body.push_back('\n');
    write_head(http_version::http_1_1, failure.error_status, "text/plain; charset=utf-8", response);
  }

 private:
  static void start(const http_request_head& request, http_response& response) {
    response.head.clear();
    response.body.clear();
    response.send_body = request.method != "HEAD";
    response.close = !request.keep_alive;
  }

  void metrics(const http_request_head& request, http_response& response) {
    format_negotiator format;
    encoding_negotiator encoding;
    request.for_each_field([&](std::string_view name, std::string_view value) {
      if (iequals(name, "accept")) format.add_accept(value);
      if (iequals(name, "accept-encoding")) encoding.add_accept_encoding(value);
    });
    const bool compress = encoding.gzip();
    try {
      scrape_.clear();
      source_->write_metrics(format.format(), scrape_);
      if (compress) {
        if (!gzip_) gzip_ = std::make_unique<gzip_compressor>();
        gzip_->compress(scrape_, response.body);
      } else {
        response.body.append(scrape_);
      }
    } catch (...) {
      return internal_error(response);
    }
    write_head(request.version, 200, content_type(format.format()), response,
               compress ? "Content-Encoding: gzip\r\nVary: Accept, Accept-Encoding\r\n"
                        : "Vary: Accept, Accept-Encoding\r\n");
  }

  void health(const http_request_head& request, http_response& response) {
    bool healthy = false;
    try {
      scrape_.clear();
      healthy = source_->write_health(scrape_);
      response.body.append(scrape_);
    } catch (...) {
      return internal_error(response);
    }
    write_head(request.version, healthy ? 200 : 503, "application/json", response,
               "Cache-Control: no-store\r\n");
  }

  // The source's document at the request's path, if it serves one there.
  bool document(const http_request_head& request, http_response& response) {
    int status = 0;
    try {
      scrape_.clear();
      const std::size_t question = request.target.find('?');
      const std::string_view query = question == std::string_view::npos
                                         ? std::string_view{}
                                         : request.target.substr(question + 1);
      status = source_->write_document(request.path, query, scrape_);
      if (status == 0) return false;
      response.body.append(scrape_);
    } catch (...) {
      internal_error(response);
      return true;
    }
    write_head(request.version, status, "application/json", response,
               "Cache-Control: no-store\r\n");
    return true;
  }

  void method_not_allowed(const http_request_head& request, http_response& response) {
    response.body.append("405 method not allowed: use GET or HEAD\n");
    write_head(request.version, 405, "text/plain; charset=utf-8", response, "Allow: GET, HEAD\r\n");
  }

  void internal_error(http_response& response) {
    scrape_.clear();
    response.body.clear();
    response.close = true;
    response.body.append("500 internal error while writing the document\n");
    write_head(http_version::http_1_1, 500, "text/plain; charset=utf-8", response);
  }

  void write_head(http_version version, int status, std::string_view type, http_response& response,
                  std::string_view extra_fields = {}) {
    std::string& head = response.head;
    head.append("HTTP/1.1 ");
    append_number(static_cast<std::uint64_t>(status), head);
    head.push_back(' ');
    head.append(reason_phrase(status));
    head.append("\r\nDate: ");
    append_date(head);
    head.append("\r\nContent-Type: ");
    head.append(type);
    head.append("\r\nContent-Length: ");
    append_number(response.body.size(), head);
    head.append("\r\n");
    head.append(response_fields_);
    head.append(extra_fields);
    if (response.close) {
      head.append("Connection: close\r\n");
    } else if (version == http_version::http_1_0) {
      head.append("Connection: keep-alive\r\n");  // HTTP/1.0 closes unless told otherwise
    }
    head.append("\r\n");
  }

  static void append_number(std::uint64_t value, std::string& out) {
    char digits[20];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, static_cast<std::size_t>(end - digits));
  }

  // The Date field changes once a second: format it once per second.
  void append_date(std::string& out) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    if (now != date_second_ || date_text_.empty()) {
      date_second_ = now;
      date_text_.clear();
      append_http_date(now, date_text_);
    }
    out.append(date_text_);
  }

  scrape_source* source_;
  std::string scrape_;
  std::unique_ptr<gzip_compressor> gzip_;
  std::time_t date_second_ = 0;
  std::string date_text_;
  std::string response_fields_;
  std::string scratch_fields_;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
