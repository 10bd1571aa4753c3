// libFuzzer target: the exporter's request parsing and handling, fed whole and in pieces.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "schemetric/detail/http/content_negotiation.hpp"
#include "schemetric/detail/http/handler.hpp"
#include "schemetric/detail/http/request.hpp"

namespace {

using schemetric::detail::http_parse_result;
using schemetric::detail::http_parse_status;
using schemetric::detail::http_request_parser;

// Aborts (a crash libFuzzer records) when an invariant does not hold, also with NDEBUG.
#define FUZZ_CHECK(condition)       \
  do {                              \
    if (!(condition)) std::abort(); \
  } while (false)

class small_source final : public schemetric::scrape_source {
 public:
  void write_metrics(schemetric::exposition_format format, std::string& out) override {
    out.append(format == schemetric::exposition_format::openmetrics ? "a_total 1\n# EOF\n"
                                                                    : "a_total 1\n");
  }
  bool write_health(std::string& out) override {
    out.append("{}");
    return true;
  }
};

bool same(const http_parse_result& a, const http_parse_result& b) {
  return a.status == b.status && a.error_status == b.error_status;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // Byte 0: the head limit; byte 1: the chunk size for the incremental run; the rest: bytes
  // received on one connection (possibly several pipelined requests).
  const std::size_t max_head = 16 + static_cast<std::size_t>(data[0]) * 8;
  const std::size_t chunk = 1 + data[1] % 64;
  const std::string input(reinterpret_cast<const char*>(data + 2), size - 2);

  small_source source;
  schemetric::detail::http_handler handler(source);
  schemetric::detail::http_response response;

  std::string_view rest = input;
  while (!rest.empty()) {
    http_request_parser whole(max_head);
    const http_parse_result at_once = whole.parse(rest);

    // The same bytes in chunks, through a buffer that moves as it grows, agree.
    http_request_parser pieces(max_head);
    std::string growing;
    http_parse_result incremental;
    for (std::size_t taken = 0; taken < rest.size();) {
      const std::size_t n = std::min(chunk, rest.size() - taken);
      growing.append(rest.substr(taken, n));
      growing.shrink_to_fit();
      taken += n;
      incremental = pieces.parse(growing);
      if (incremental.status != http_parse_status::incomplete) break;
    }
    FUZZ_CHECK(same(at_once, incremental));

    if (at_once.status == http_parse_status::incomplete) {
      FUZZ_CHECK(rest.size() < max_head);
      break;
    }
    if (at_once.status == http_parse_status::failed) {
      FUZZ_CHECK(at_once.error_status == 400 || at_once.error_status == 413 ||
                 at_once.error_status == 431 || at_once.error_status == 505);
      FUZZ_CHECK(!at_once.error_reason.empty());
      handler.handle_error(at_once, response);
      FUZZ_CHECK(response.close);
      break;  // the connection would be closed
    }

    const auto& head = whole.head();
    FUZZ_CHECK(head.size > 0 && head.size <= rest.size() && head.size <= max_head);
    FUZZ_CHECK(!head.method.empty() && !head.target.empty() && !head.path.empty());
    FUZZ_CHECK(head.method == pieces.head().method && head.target == pieces.head().target &&
               head.path == pieces.head().path && head.keep_alive == pieces.head().keep_alive &&
               head.size == pieces.head().size);
    const auto inside = [&](std::string_view part) {
      return part.data() >= rest.data() && part.data() + part.size() <= rest.data() + head.size;
    };
    FUZZ_CHECK(inside(head.method) && inside(head.target) && inside(head.fields));
    FUZZ_CHECK(head.path == "/" || inside(head.path));
    head.for_each_field([&](std::string_view name, std::string_view value) {
      FUZZ_CHECK(!name.empty() && inside(name));
      FUZZ_CHECK(value.empty() || inside(value));
      schemetric::detail::negotiate_format(value);
      schemetric::detail::gzip_acceptable(value);
    });

    handler.handle(head, response);
    FUZZ_CHECK(response.head.starts_with("HTTP/1.1 ") && response.head.ends_with("\r\n\r\n"));
    if (!head.keep_alive) break;
    rest.remove_prefix(head.size);
  }
  return 0;
}
