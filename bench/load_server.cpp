// An exporter serving a registry of 1,000 or 10,000 counter series, for bench/scrape_load.sh.
// Usage: load_server 1000|10000 PORT   (serves on 127.0.0.1:PORT until stdin closes)
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "schemetric/exporter.hpp"
#include "schemetric/registry_source.hpp"
#include "scrape_10k_metrics.hpp"
#include "scrape_counters_metrics.hpp"

namespace {

template <class Registry, class Labels>
int serve(std::uint16_t port) {
  const auto registry = std::make_unique<Registry>();
  for (std::size_t i = 0; i < decltype(registry->requests_total)::series_count; ++i) {
    registry->requests_total(schemetric::detail::labels_of_series<Labels>(i)).inc(i * 7919);
  }
  schemetric::registry_source source(*registry);
  schemetric::exporter exporter(source, {.host = "127.0.0.1", .port = port});
  exporter.start();
  std::printf("serving http://127.0.0.1:%u/metrics\n", static_cast<unsigned>(exporter.port()));
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  exporter.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s 1000|10000 PORT\n", argv[0]);
    return 2;
  }
  const std::string series = argv[1];
  const auto port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  if (series == "1000") {
    return serve<scrape_counters::registry, scrape_counters::labels::requests_total>(port);
  }
  if (series == "10000")
    return serve<scrape_10k::registry, scrape_10k::labels::requests_total>(port);
  std::fprintf(stderr, "series must be 1000 or 10000\n");
  return 2;
}
