// Built with SCHEMETRIC_ENABLED=0: the exporter is an empty type and no Asio or zlib is included.
#include "schemetric/exporter.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/tls_exporter.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <type_traits>

#if SCHEMETRIC_ENABLED
#error "this test must be compiled with SCHEMETRIC_ENABLED=0"
#endif
#if defined(ASIO_VERSION) || defined(ASIO_HPP) || defined(ASIO_IO_CONTEXT_HPP)
#error "exporter.hpp included Asio although SCHEMETRIC_ENABLED=0"
#endif
#if defined(ZLIB_H)
#error "exporter.hpp included zlib although SCHEMETRIC_ENABLED=0"
#endif
#if defined(OPENSSL_VERSION_NUMBER) || defined(CRYPT_OUTPUT_SIZE)
#error "tls_exporter.hpp included OpenSSL or libcrypt although SCHEMETRIC_ENABLED=0"
#endif

namespace {

class null_source final : public schemetric::scrape_source {
 public:
  void write_metrics(schemetric::exposition_format, std::string&) override {}
  bool write_health(std::string&) override { return true; }
};

struct some_context {};  // stands in for asio::io_context, which is not available here

static_assert(std::is_empty_v<schemetric::exporter>);
static_assert(std::is_empty_v<schemetric::tls_exporter>);

TEST(exporter_disabled, same_api_does_nothing) {
  null_source source;
  schemetric::exporter_options options;
  options.port = 0;
  schemetric::exporter exporter(source, options);
  exporter.start();
  EXPECT_FALSE(exporter.running());
  EXPECT_EQ(exporter.port(), 0);
  some_context context;
  exporter.start(context);
  exporter.stop();
  exporter.stop();
  EXPECT_FALSE(exporter.running());
}

TEST(exporter_disabled, tls_exporter_does_nothing_either) {
  null_source source;
  schemetric::exporter_options options;
  options.web_config_file = "web.yml";  // not read: nothing is served
  schemetric::tls_exporter exporter(source, options);
  exporter.start();
  EXPECT_FALSE(exporter.running());
}

TEST(exporter_disabled, from_environment_returns_the_defaults) {
  ::setenv("SCHEMETRIC_LISTEN", "not an address", 1);
  schemetric::exporter_options defaults;
  defaults.port = 1;
  EXPECT_EQ(schemetric::exporter_options::from_environment(defaults).port, 1);
  ::unsetenv("SCHEMETRIC_LISTEN");
}

TEST(exporter_disabled, runtime_switch_is_off) {
  EXPECT_FALSE(schemetric::enabled());
}

}  // namespace
