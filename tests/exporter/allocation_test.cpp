// Steady-state scrapes allocate nothing: connection buffers, the scrape buffer, the gzip state
// and Asio's handler memory are all reused. Counts every operator new in the process.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "fake_source.hpp"
#include "schemetric/exporter.hpp"
#include "test_client.hpp"

extern std::atomic<long> schemetric_test_allocations;  // allocation_counter.cpp

namespace {

// Sends `request` and reads exactly `response_size` bytes with plain recv (no allocation).
bool round_trip(schemetric_test::http_client& client, std::string_view request,
                std::size_t response_size) {
  if (!client.send(request)) return false;
  char buffer[65536];
  for (std::size_t received = 0; received < response_size;) {
    pollfd poll_fd{client.fd(), POLLIN, 0};
    if (::poll(&poll_fd, 1, 10000) != 1) return false;
    const ssize_t got = ::recv(client.fd(), buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    received += static_cast<std::size_t>(got);
  }
  return true;
}

TEST(exporter_allocations, steady_state_requests_do_not_allocate) {
  schemetric_test::fake_source source;
  schemetric::exporter_options options;
  options.host = "127.0.0.1";
  options.port = 0;
  schemetric::exporter exporter(source, options);
  exporter.start();
  schemetric_test::http_client client(exporter.port());
  for (const std::string request :
       {"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nAccept: "
        "application/openmetrics-text\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    SCOPED_TRACE(request);
    // Warm up (buffers grow, Asio caches handler memory), and learn the response size.
    const auto first = client.request(request);
    ASSERT_TRUE(first);
    ASSERT_TRUE(client.pending().empty());
    std::size_t response_size = 0;  // the head as sent (fields re-joined) plus the body
    {
      std::string raw;
      for (const auto& [name, value] : first->fields) raw += name + ": " + value + "\r\n";
      response_size =
          std::string_view("HTTP/1.1 200 OK\r\n").size() + raw.size() + 2 + first->body.size();
    }
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(round_trip(client, request, response_size));
    const long before = schemetric_test_allocations.load();
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(round_trip(client, request, response_size));
    EXPECT_EQ(schemetric_test_allocations.load() - before, 0);
  }
  exporter.stop();
}

}  // namespace
