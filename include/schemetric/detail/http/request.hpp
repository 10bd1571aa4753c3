// Incremental HTTP/1.1 request-head parser (RFC 9112) for the exporter: pure, allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// The two protocol versions the exporter speaks; anything else is answered 505 (HTTP/x.y
/// with another digit pair) or 400 (not an HTTP-version at all).
enum class http_version : std::uint8_t { http_1_0, http_1_1 };

/// Where parsing stands: more bytes are needed, a head is complete, or the request is
/// rejected (then `http_parse_result::error_status` says how to answer before closing).
enum class http_parse_status : std::uint8_t { incomplete, complete, failed };

/// The outcome of one http_request_parser::parse() call.
struct http_parse_result {
  http_parse_status status = http_parse_status::incomplete;
  /// When failed: 400 (malformed), 413 (the request has a body), 431 (head larger than the
  /// limit) or 505 (HTTP version other than 1.0 and 1.1). 0 otherwise.
  std::uint16_t error_status = 0;
  /// When failed: a short static description for the response body (no trailing newline).
  std::string_view error_reason;
};

/// ASCII case-insensitive equality (field names, tokens, media types).
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// RFC 9110 §5.6.2 tchar: the characters of a token (method, field name).
constexpr bool is_tchar(unsigned char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

/// Removes leading and trailing optional whitespace (SP, HTAB; RFC 9110 §5.6.3).
constexpr std::string_view trim_ows(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// A complete, validated request head. The views point into the buffer given to the parse()
/// call that completed it (or, for an absolute-form target without a path, to a static "/"):
/// they are valid until that buffer is modified or the parser is reset.
struct http_request_head {
  std::string_view method;  ///< A token, case-sensitive ("GET", "HEAD", ...).
  std::string_view target;  ///< The request-target as sent.
  std::string_view path;    ///< The target's path: no query, no scheme/authority; "*" as is.
  http_version version = http_version::http_1_1;
  bool keep_alive = true;   ///< Whether the connection may serve another request after this.
  std::string_view fields;  ///< The validated field lines (with their line ends).
  std::size_t size = 0;     ///< Bytes of the head, including the empty line that ends it.

  /// Calls `visit(name, value)` for every field line in order; the value is OWS-trimmed,
  /// the name is as sent (compare with iequals). Repeated fields are visited once each.
  template <class Visitor>
  void for_each_field(Visitor&& visit) const {
    std::string_view rest = fields;
    while (!rest.empty()) {
      const std::size_t line_end = rest.find('\n');
      std::string_view line = rest.substr(0, line_end);
      rest.remove_prefix(line_end == std::string_view::npos ? rest.size() : line_end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      visit(line.substr(0, colon), trim_ows(line.substr(colon + 1)));
    }
  }
};

/// Parses one HTTP/1.x request head from a byte buffer that grows as bytes arrive.
///
/// Accepted syntax (RFC 9112), and the decisions where the RFC leaves a choice:
/// - Lines end in CR LF; a bare LF is tolerated as a line end (§2.2 allows it); a CR not
///   followed by LF is rejected (400). Empty lines before the request line are skipped (§2.2).
/// - Request line: `method SP request-target SP HTTP/1.0|HTTP/1.1`, single spaces only.
///   Method is a token. The target is origin-form (`/path?query`), absolute-form
///   (`http[s]://authority/path?query`, §3.2.2) or `*`; visible ASCII only, no `#`.
///   `HTTP/d.d` other than 1.0/1.1 gives 505; anything else 400.
/// - Field lines `name: value`: name a token with no whitespace before the colon (§5.1),
///   value without control characters other than HTAB (obs-text allowed). A line starting
///   with SP/HTAB (obs-fold, §5.2) is rejected with 400.
/// - HTTP/1.1 needs exactly one Host field (§3.2), HTTP/1.0 at most one: else 400.
/// - Keep-alive: HTTP/1.1 keeps the connection unless `Connection: close`; HTTP/1.0 closes
///   unless `Connection: keep-alive` (and no `close`). Connection is a comma list (any case).
/// - Bodies are not accepted (the exporter's routes take none): `Content-Length` > 0 or any
///   `Transfer-Encoding` gives 413 Content Too Large and the caller closes the connection.
///   A malformed or conflicting Content-Length, or Content-Length together with
///   Transfer-Encoding (a request-smuggling sign, §6.3), gives 400. `Content-Length: 0` is fine.
/// - The whole head, including skipped empty lines and the final empty line, must fit in
///   `max_head_bytes`, else 431. Bytes that can never appear in a request line (controls,
///   DEL, non-ASCII, e.g. a TLS handshake) fail it with 400 as soon as they arrive.
/// - Pipelining: bytes after `head().size` belong to the next request; the caller drops the
///   consumed bytes from its buffer and calls reset() before parsing the next head.
///
/// Cost: each byte is examined a bounded number of times across calls; no allocation.
/// Thread safety: none (one parser per connection). Failure: never throws.
class http_request_parser {
 public:
  /// A parser that rejects heads longer than `max_head_bytes` (at least 1).
  explicit http_request_parser(std::size_t max_head_bytes = 8192) noexcept
      : max_head_bytes_(max_head_bytes == 0 ? 1 : max_head_bytes) {}

  /// Continues parsing. `received` holds every byte of this request received so far, starting
  /// at the request's first byte; between calls it may only grow (a moved buffer is fine: only
  /// offsets are kept). After complete or failed, further calls return the same result.
  http_parse_result parse(std::string_view received) noexcept {
    if (state_ == state::complete || state_ == state::failed) return result_;
    SCHEMETRIC_ASSERT(received.size() >= scanned_);
    const std::size_t limit = received.size() < max_head_bytes_ ? received.size() : max_head_bytes_;
    while (scanned_ < limit) {
      const void* lf = std::memchr(received.data() + scanned_, '\n', limit - scanned_);
      if (lf == nullptr) break;
      const std::size_t lf_at =
          static_cast<std::size_t>(static_cast<const char*>(lf) - received.data());
      std::string_view line = received.substr(scanned_, lf_at - scanned_);
      const std::size_t line_begin = scanned_;
      scanned_ = lf_at + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find('\r') != std::string_view::npos) return fail(400, "bare CR in request head");
      if (state_ == state::request_line) {
        if (line.empty()) continue;  // RFC 9112 §2.2: ignore empty lines before the request
        if (!parse_request_line(line, line_begin)) return result_;
        fields_begin_ = scanned_;
        state_ = state::fields;
      } else if (line.empty()) {
        return finish(received);
      } else if (!parse_field_line(line)) {
        return result_;
      }
    }
    if (state_ == state::request_line) {
      // Reject garbage (binary, TLS handshakes) now instead of waiting for a line end. Checked
      // before the size limit so that the verdict does not depend on how bytes were split.
      for (std::size_t i = checked_ > scanned_ ? checked_ : scanned_; i < limit; ++i) {
        const auto c = static_cast<unsigned char>(received[i]);
        if ((c < 0x20 && c != '\r') || c >= 0x7f) return fail(400, "invalid byte in request line");
      }
      checked_ = limit;
    }
    if (received.size() >= max_head_bytes_) return fail(431, "request head too large");
    return result_;
  }

  /// The parsed head; only meaningful after parse() returned complete.
  const http_request_head& head() const noexcept { return head_; }

  /// Forgets the current request so the parser can read the next one (buffer offsets restart).
  void reset() noexcept {
    const std::size_t max = max_head_bytes_;
    *this = http_request_parser(max);
  }

  /// The head size limit this parser enforces.
  std::size_t max_head_bytes() const noexcept { return max_head_bytes_; }

 private:
  enum class state : std::uint8_t { request_line, fields, complete, failed };

  http_parse_result fail(std::uint16_t status, std::string_view reason) noexcept {
    state_ = state::failed;
    result_ = {http_parse_status::failed, status, reason};
    return result_;
  }

  bool parse_request_line(std::string_view line, std::size_t line_begin) noexcept {
    const std::size_t first_space = line.find(' ');
    if (first_space == std::string_view::npos || first_space == 0) {
      fail(400, "malformed request line");
      return false;
    }
    for (std::size_t i = 0; i < first_space; ++i) {
      if (!is_tchar(static_cast<unsigned char>(line[i]))) {
        fail(400, "invalid method");
        return false;
      }
    }
    const std::size_t second_space = line.find(' ', first_space + 1);
    if (second_space == std::string_view::npos || second_space == first_space + 1) {
      fail(400, "malformed request line");
      return false;
    }
    const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
    for (const char ch : target) {
      const auto c = static_cast<unsigned char>(ch);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        fail(400, "invalid request target");
        return false;
      }
    }
    if (!parse_version(line.substr(second_space + 1))) return false;
    method_ = {line_begin, first_space};
    target_ = {line_begin + first_space + 1, target.size()};
    std::string_view path = target;  // asterisk-form: "*" itself
    if (target.front() == '/') {
      path = target.substr(0, target.find('?'));
    } else if (const std::size_t authority_at = absolute_form_authority(target);
               authority_at != std::string_view::npos) {
      const std::size_t path_begin = target.find_first_of("/?", authority_at);
      if (path_begin == std::string_view::npos || target[path_begin] == '?') {
        path_is_root_ = true;  // RFC 9112 §3.2.2: an empty path is "/"
        path = {};
      } else {
        path = target.substr(path_begin);
        path = path.substr(0, path.find('?'));
      }
    } else if (target != "*") {
      fail(400, "unsupported request-target form");
      return false;
    }
    if (!path_is_root_) {
      path_ = {target_.offset + static_cast<std::size_t>(path.data() - target.data()), path.size()};
    }
    return true;
  }

  // Offset of the authority in an http(s) absolute-form target, npos when it is not one.
  static std::size_t absolute_form_authority(std::string_view target) noexcept {
    if (target.size() > 7 && iequals(target.substr(0, 7), "http://")) return 7;
    if (target.size() > 8 && iequals(target.substr(0, 8), "https://")) return 8;
    return std::string_view::npos;
  }

  bool parse_version(std::string_view version) noexcept {
    const auto is_digit = [](char c) {
      return c >= '0' && c <= '9';
    };
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !is_digit(version[5]) ||
        version[6] != '.' || !is_digit(version[7])) {
      fail(400, "malformed HTTP version");
      return false;
    }
    if (version[5] == '1' && version[7] == '1') {
      version_ = http_version::http_1_1;
    } else if (version[5] == '1' && version[7] == '0') {
      version_ = http_version::http_1_0;
    } else {
      fail(505, "HTTP version not supported (use HTTP/1.1)");
      return false;
    }
    return true;
  }

  bool parse_field_line(std::string_view line) noexcept {
    if (line.front() == ' ' || line.front() == '\t') {
      fail(400, "obsolete line folding in request head");
      return false;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      fail(400, "malformed header field");
      return false;
    }
    const std::string_view name = line.substr(0, colon);
    for (const char c : name) {
      if (!is_tchar(static_cast<unsigned char>(c))) {
        fail(400, "invalid header field name");
        return false;
      }
    }
    const std::string_view value = trim_ows(line.substr(colon + 1));
    for (const char ch : value) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        fail(400, "invalid header field value");
        return false;
      }
    }
    if (iequals(name, "host")) {
      ++host_count_;
    } else if (iequals(name, "connection")) {
      parse_connection(value);
    } else if (iequals(name, "content-length")) {
      return parse_content_length(value);
    } else if (iequals(name, "transfer-encoding")) {
      has_transfer_encoding_ = true;
    }
    return true;
  }

  void parse_connection(std::string_view value) noexcept {
    while (true) {
      const std::size_t comma = value.find(',');
      const std::string_view option = trim_ows(value.substr(0, comma));
      if (iequals(option, "close")) connection_close_ = true;
      if (iequals(option, "keep-alive")) connection_keep_alive_ = true;
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }

  bool parse_content_length(std::string_view value) noexcept {
    if (value.empty()) {
      fail(400, "invalid Content-Length");
      return false;
    }
    std::uint64_t length = 0;
    for (const char c : value) {
      if (c < '0' || c > '9') {
        fail(400, "invalid Content-Length");
        return false;
      }
      // Saturate: any length > 0 is refused anyway; only equality between repeats matters.
      length = length > (UINT64_MAX - 9) / 10 ? UINT64_MAX
                                              : length * 10 + static_cast<unsigned>(c - '0');
    }
    if (has_content_length_ && length != content_length_) {
      fail(400, "conflicting Content-Length fields");
      return false;
    }
    has_content_length_ = true;
    content_length_ = length;
    return true;
  }

  http_parse_result finish(std::string_view received) noexcept {
    // RFC 9112 §3.2: exactly one Host in HTTP/1.1; HTTP/1.0 may omit it.
    const bool host_ok = version_ == http_version::http_1_1 ? host_count_ == 1 : host_count_ <= 1;
    if (!host_ok) return fail(400, "missing or repeated Host field");
    if (has_transfer_encoding_ && has_content_length_) {
      return fail(400, "both Content-Length and Transfer-Encoding");
    }
    if (has_transfer_encoding_ || content_length_ > 0) {
      return fail(413, "request bodies are not accepted");
    }
    head_.method = received.substr(method_.offset, method_.length);
    head_.target = received.substr(target_.offset, target_.length);
    head_.path =
        path_is_root_ ? std::string_view("/") : received.substr(path_.offset, path_.length);
    head_.version = version_;
    head_.keep_alive = version_ == http_version::http_1_1
                           ? !connection_close_
                           : connection_keep_alive_ && !connection_close_;
    head_.fields = received.substr(fields_begin_, scanned_ - fields_begin_);
    head_.size = scanned_;
    state_ = state::complete;
    result_ = {http_parse_status::complete, 0, {}};
    return result_;
  }

  struct span {
    std::size_t offset = 0;
    std::size_t length = 0;
  };

  std::size_t max_head_bytes_;
  std::size_t scanned_ = 0;  // start of the first line not yet examined
  std::size_t checked_ = 0;  // bytes of an incomplete request line already checked for garbage
  state state_ = state::request_line;
  http_parse_result result_{};
  http_request_head head_{};
  span method_{};
  span target_{};
  span path_{};
  bool path_is_root_ = false;
  std::size_t fields_begin_ = 0;
  http_version version_ = http_version::http_1_1;
  std::size_t host_count_ = 0;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool has_content_length_ = false;
  bool has_transfer_encoding_ = false;
  std::uint64_t content_length_ = 0;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
