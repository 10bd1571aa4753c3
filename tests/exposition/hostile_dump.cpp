// Feeds hostile run-time values (quotes, backslashes, line breaks, tabs, NUL, invalid and
// overlong UTF-8, surrogates, 1 MB) to a bounded label and to an info metric's text labels,
// checks what the library promises of them, and writes the exposition in both formats for
// promtool and the strict OpenMetrics parser, which must accept the whole scrape.
// Usage: hostile_dump OUT_PREFIX [--serve]  (writes OUT_PREFIX.prom and OUT_PREFIX.openmetrics;
// with --serve, then serves the same registry on 127.0.0.1, prints the port and serves until
// stdin closes, for a real Prometheus to scrape: check_prometheus_scrape.py)
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <schemetric/exporter.hpp>
#include <schemetric/registry_source.hpp>
#include <schemetric/schemetric.hpp>

#include "hostile_metrics.hpp"
#include "write_file.hpp"

namespace {
using namespace std::string_literals;

using schemetric_test::write_file;

int failures = 0;
void expect(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}
// Serves `reg` on 127.0.0.1 (a free port, printed on stdout) until stdin closes.
int serve_until_stdin_closes(const hostile::registry& reg) {
  schemetric::registry_source source(reg);
  schemetric::exporter exporter(source, {.host = "127.0.0.1", .port = 0});
  try {
    exporter.start();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "cannot serve: %s\n", error.what());
    return 1;
  }
  std::printf("%u\n", static_cast<unsigned>(exporter.port()));
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  exporter.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool serve = argc == 3 && std::string_view{argv[2]} == "--serve";
  if (argc != 2 && !serve) {
    std::fprintf(stderr, "usage: %s OUT_PREFIX [--serve]\n", argv[0]);
    return 2;
  }
  const std::string prefix = argv[1];
  auto reg = std::make_unique<hostile::registry>();

  // Exposed as given (escaped): valid UTF-8 with quotes, backslashes, line feeds, tabs.
  const std::vector<std::string> exposable{"quote\"d",
                                           "back\\slash",
                                           "line\nfeed",
                                           "tab\tbed",
                                           "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                                           std::string(schemetric::max_label_value_bytes, 'x')};
  // Folded into the overflow value and counted: no scrape could carry them as given.
  const std::vector<std::string> unfit{"bad\xff\xfeutf8",   // invalid bytes
                                       "nul\0byte"s,        // NUL
                                       "carriage\rreturn",  // a control character without an escape
                                       "overlong\xc0\xaf",  // overlong '/'
                                       "overlong3\xe0\x80\xaf",  // overlong, three bytes
                                       "surrogate\xed\xa0\x80",  // UTF-16 surrogate
                                       "above\xf4\x90\x80\x80",  // above U+10FFFF
                                       "truncated\xe2\x82",      // a sequence cut short
                                       std::string(schemetric::max_label_value_bytes + 1, 'y'),
                                       std::string(1 << 20, 'z')};  // 1 MB
  for (const std::string& value : exposable) {
    reg->calls_total({.model = value}).inc();
  }
  for (const std::string& value : unfit) {
    reg->calls_total({.model = value}).inc();
  }
  expect(hostile::model::known_count() == exposable.size(), "each exposable value has an index");
  expect(hostile::model::overflow_count() == unfit.size(), "each unfit value folds and counts");

  // Text labels are written with invalid bytes and control characters replaced by U+FFFD and
  // cut after max_label_value_bytes.
  const std::string huge(1 << 20, 'v');
  reg->build_info.set(
      {.version = "1.0\xff\0\r\"\\\n\t"s + huge, .revision = "\xc0\xaf\xed\xa0\x80"});

  const schemetric::text_writer writer(*reg);
  std::string text;
  writer.write(text);
  std::string openmetrics;
  writer.write(openmetrics, schemetric::exposition_format::openmetrics);
  expect(text.find('\0') == std::string::npos, "no NUL in the exposition");
  expect(text.find('\r') == std::string::npos, "no CR in the exposition");
  expect(text.find("\xef\xbf\xbd") != std::string::npos, "replacement characters are written");
  expect(text.size() < 64 * 1024, "no label value longer than the cap is written");
  expect(text.find("model=\"line\\nfeed\"") != std::string::npos, "a line feed is escaped");
  expect(text.find("model=\"quote\\\"d\"") != std::string::npos, "a quote is escaped");

  const bool ok =
      write_file(prefix + ".prom", text) && write_file(prefix + ".openmetrics", openmetrics);
  if (!ok) std::fprintf(stderr, "cannot write %s.*\n", prefix.c_str());
  if (!ok || failures != 0) return 1;
  return serve ? serve_until_stdin_closes(*reg) : 0;
}
