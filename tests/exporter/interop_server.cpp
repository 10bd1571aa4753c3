// A tiny exporter for the interoperability test: prints its port, serves until stdin closes.
#include <cstdio>
#include <iostream>
#include <string>

#include "schemetric/exporter.hpp"

namespace {

// Hand-written expositions (this test is about HTTP, not about the text writer).
constexpr const char* text_body =
    "# HELP interop_requests_total Requests handled.\n"
    "# TYPE interop_requests_total counter\n"
    "interop_requests_total{method=\"GET\",route=\"/api/tasks/{task_id}\"} 42\n"
    "interop_requests_total{method=\"POST\",route=\"/api/tasks\"} 7\n"
    "# HELP interop_in_flight Requests in flight.\n"
    "# TYPE interop_in_flight gauge\n"
    "interop_in_flight 3\n"
    "# HELP interop_latency_seconds Request latency.\n"
    "# TYPE interop_latency_seconds histogram\n"
    "interop_latency_seconds_bucket{le=\"0.1\"} 5\n"
    "interop_latency_seconds_bucket{le=\"1\"} 9\n"
    "interop_latency_seconds_bucket{le=\"+Inf\"} 10\n"
    "interop_latency_seconds_sum 4.5\n"
    "interop_latency_seconds_count 10\n";

constexpr const char* openmetrics_body =
    "# TYPE interop_requests counter\n"
    "# HELP interop_requests Requests handled.\n"
    "interop_requests_total{method=\"GET\",route=\"/api/tasks/{task_id}\"} 42\n"
    "interop_requests_total{method=\"POST\",route=\"/api/tasks\"} 7\n"
    "# TYPE interop_in_flight gauge\n"
    "# HELP interop_in_flight Requests in flight.\n"
    "interop_in_flight 3\n"
    "# TYPE interop_latency_seconds histogram\n"
    "# UNIT interop_latency_seconds seconds\n"
    "# HELP interop_latency_seconds Request latency.\n"
    "interop_latency_seconds_bucket{le=\"0.1\"} 5\n"
    "interop_latency_seconds_bucket{le=\"1.0\"} 9\n"
    "interop_latency_seconds_bucket{le=\"+Inf\"} 10\n"
    "interop_latency_seconds_sum 4.5\n"
    "interop_latency_seconds_count 10\n"
    "# EOF\n";

class interop_source final : public schemetric::scrape_source {
 public:
  void write_metrics(schemetric::exposition_format format, std::string& out) override {
    out.append(format == schemetric::exposition_format::openmetrics ? openmetrics_body : text_body);
  }
  bool write_health(std::string& out) override {
    out.append(R"({"status":"ok"})");
    return true;
  }
};

}  // namespace

int main() {
  interop_source source;
  schemetric::exporter_options options;
  options.host = "127.0.0.1";
  options.port = 0;
  schemetric::exporter exporter(source, options);
  exporter.start();
  std::printf("%u\n", static_cast<unsigned>(exporter.port()));
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  exporter.stop();
  return 0;
}
