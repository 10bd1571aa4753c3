// What an open connection costs the exporter's process in memory, measured as the growth of
// the resident set while 1,000 connections wait (after the first byte of a request, and idle
// after a scrape of 16 KiB; the client ends' own objects, about 100 bytes each, are included).
// The figure is printed; the bound asserted is generous (it catches a buffer per connection
// the size of a request head or a response, not small changes). Not checked under sanitizers,
// whose allocators add redzones and quarantine to every allocation.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "fake_source.hpp"
#include "schemetric/exporter.hpp"
#include "test_client.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SCHEMETRIC_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SCHEMETRIC_TEST_SANITIZED 1
#endif
#endif
#ifndef SCHEMETRIC_TEST_SANITIZED
#define SCHEMETRIC_TEST_SANITIZED 0
#endif

namespace {

using namespace std::chrono_literals;

constexpr const char* get_metrics = "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n";

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Both ends of every connection live in this process: two descriptors each.
std::size_t connections_the_fd_limit_allows(std::size_t wanted) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  const std::size_t room = limit.rlim_cur > 100 ? (limit.rlim_cur - 100) / 2 : 0;
  return std::min(wanted, room);
}

TEST(exporter_memory, one_waiting_connection_costs_little) {
  const std::size_t count = connections_the_fd_limit_allows(1000);
  ASSERT_GE(count, 200u) << "the descriptor limit (ulimit -n) is too low for this test";
  schemetric_test::fake_source source;
  source.padding_bytes = 16 * 1024;  // a response a connection must not keep while idle
  schemetric::exporter_options options;
  options.port = 0;
  options.max_connections = count + 1;
  options.max_connections_per_peer = count + 1;
  options.read_timeout = 60s;
  schemetric::exporter exporter(source, options);
  exporter.start();
  {
    // Warm up: the scrape buffer, a response buffer and Asio's caches exist before measuring.
    schemetric_test::http_client warm(exporter.port());
    ASSERT_EQ(warm.request(get_metrics)->status, 200);
  }
  std::vector<std::unique_ptr<schemetric_test::http_client>> clients;
  clients.reserve(count);
  const long before = resident_bytes();
  for (std::size_t i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<schemetric_test::http_client>(exporter.port()));
    ASSERT_TRUE(clients.back()->connected()) << i;
    // The first byte of a request (Linux hands over only connections that sent something).
    ASSERT_TRUE(clients.back()->send("G")) << i;
  }
  // Connections are accepted in order: once the last one is answered, all are open.
  ASSERT_EQ(clients.back()->request(get_metrics + 1)->status, 200);
  const long fresh = resident_bytes();
  for (std::size_t i = 0; i + 1 < count; ++i) {
    ASSERT_EQ(clients[i]->request(get_metrics + 1)->status, 200);
    clients[i]->release_buffer();
  }
  clients.back()->release_buffer();
  const long idle = resident_bytes();
  const double fresh_per_connection = static_cast<double>(fresh - before) / count;
  const double idle_per_connection = static_cast<double>(idle - before) / count;
  std::printf(
      "resident memory per open connection (%zu connections, both ends in this "
      "process): waiting for the rest of a request %.0f bytes, idle after a scrape %.0f "
      "bytes\n",
      count, fresh_per_connection, idle_per_connection);
  if (!SCHEMETRIC_TEST_SANITIZED) {
    EXPECT_LT(fresh_per_connection, 6 * 1024);
    EXPECT_LT(idle_per_connection, 6 * 1024);
  }
  clients.clear();
  exporter.stop();
}

}  // namespace
