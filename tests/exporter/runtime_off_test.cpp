// Run with SCHEMETRIC_ENABLED=false in the environment: the exporter must not listen.
#include "schemetric/exporter.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string_view>

#include "fake_source.hpp"
#include "test_client.hpp"

namespace {

TEST(exporter_runtime_off, start_does_not_listen) {
  const char* switch_value = std::getenv("SCHEMETRIC_ENABLED");
  ASSERT_NE(switch_value, nullptr) << "run this test with SCHEMETRIC_ENABLED=false";
  ASSERT_EQ(std::string_view(switch_value), "false");
  ASSERT_FALSE(schemetric::enabled());

  // Find a free port, then ask the exporter to listen there.
  std::uint16_t free_port = 0;
  {
    asio::io_context context;
    asio::ip::tcp::acceptor probe(context, {asio::ip::make_address("127.0.0.1"), 0});
    free_port = probe.local_endpoint().port();
  }

  schemetric_test::fake_source source;
  schemetric::exporter_options options;
  options.host = "127.0.0.1";
  options.port = free_port;
  schemetric::exporter off(source, options);
  off.start();
  EXPECT_FALSE(off.running());
  EXPECT_EQ(off.port(), 0);
  schemetric_test::http_client client(free_port);
  EXPECT_FALSE(client.connected());

  asio::io_context context;
  off.start(context);
  EXPECT_FALSE(off.running());
  EXPECT_EQ(context.run_one_for(std::chrono::milliseconds(1)), 0u);  // nothing was queued
  off.stop();
  EXPECT_EQ(source.metrics_calls, 0);
}

}  // namespace
