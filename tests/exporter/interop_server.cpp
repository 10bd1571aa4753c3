// A tiny exporter for the interoperability tests: prints its port, serves until stdin closes.
// Built twice: with the plain exporter, and with SCHEMETRIC_TEST_TLS as a tls_exporter that
// reads SCHEMETRIC_WEB_CONFIG. Usage: interop_server [MAX_CONNECTIONS READ_TIMEOUT_MS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "schemetric/exporter.hpp"
#ifdef SCHEMETRIC_TEST_TLS
#include "schemetric/tls_exporter.hpp"
using exporter_type = schemetric::tls_exporter;
#else
using exporter_type = schemetric::exporter;
#endif

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

int main(int argc, char** argv) {
  interop_source source;
  auto options = schemetric::exporter_options::from_environment({.host = "127.0.0.1", .port = 0});
  if (argc == 3) {
    options.max_connections = std::strtoul(argv[1], nullptr, 10);
    options.read_timeout = std::chrono::milliseconds(std::strtol(argv[2], nullptr, 10));
  }
  exporter_type exporter(source, options);
  try {
    exporter.start();
  } catch (const std::exception& error) {
    std::printf("error: %s\n", error.what());
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
