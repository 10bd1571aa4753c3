// A scriptable scrape_source for the exporter tests.
#pragma once

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "schemetric/scrape_source.hpp"

namespace schemetric_test {

inline constexpr const char* text_exposition =
    "# HELP requests_total Requests served.\n"
    "# TYPE requests_total counter\n"
    "requests_total{code=\"200\"} 7\n";
inline constexpr const char* openmetrics_exposition =
    "# HELP requests Requests served.\n"
    "# TYPE requests counter\n"
    "requests_total{code=\"200\"} 7\n"
    "# EOF\n";

/// Thread safety: the knobs are atomics, set by the test thread, read on the exporter's.
class fake_source final : public schemetric::scrape_source {
 public:
  std::atomic<int> metrics_calls{0};
  std::atomic<int> health_calls{0};
  std::atomic<bool> healthy{true};
  std::atomic<bool> throw_on_metrics{false};
  std::atomic<std::size_t> padding_bytes{0};  // extra comment bytes to make large bodies

  void write_metrics(schemetric::exposition_format format, std::string& out) override {
    metrics_calls.fetch_add(1);
    if (throw_on_metrics.load()) throw std::runtime_error("source failed");
    const std::size_t padding = padding_bytes.load();
    for (std::size_t written = 0; written < padding;) {
      static constexpr const char line[] =
          "# padding padding padding padding padding padding padding padding padding\n";
      out.append(line);
      written += sizeof line - 1;
    }
    out.append(format == schemetric::exposition_format::openmetrics ? openmetrics_exposition
                                                                    : text_exposition);
  }

  /// `/doc` answers 200 with the query echoed, 400 for the query `bad`; `/boom` throws.
  int write_document(std::string_view path, std::string_view query, std::string& out) override {
    if (path == "/boom") throw std::runtime_error("document failed");
    if (path != "/doc") return 0;
    if (query == "bad") {
      out.append(R"({"error":"bad"})");
      return 400;
    }
    out.append(R"({"query":")").append(query).append(R"("})");
    return 200;
  }

  bool write_health(std::string& out) override {
    health_calls.fetch_add(1);
    const bool ok = healthy.load();
    out.append(ok ? R"({"status":"ok"})" : R"({"status":"failing","failing":["db"]})");
    return ok;
  }
};

}  // namespace schemetric_test
