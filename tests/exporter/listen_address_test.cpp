// Tests of SCHEMETRIC_LISTEN parsing (detail/http/listen_address.hpp, from_environment).
#include "schemetric/exporter.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

namespace {

using schemetric::exporter_options;
using schemetric::detail::parse_listen_address;

struct valid_case {
  const char* text;
  const char* host;
  std::uint16_t port;
};

TEST(listen_address, valid_values) {
  const std::vector<valid_case> cases = {
      {"0.0.0.0:9464", "0.0.0.0", 9464},
      {"127.0.0.1:0", "127.0.0.1", 0},
      {"[::1]:9464", "::1", 9464},
      {"[::]:80", "::", 80},
      {"[fe80::1%eth0]:1", "fe80::1%eth0", 1},
      {"localhost:65535", "localhost", 65535},
      {"metrics.internal.example:8080", "metrics.internal.example", 8080},
      {":9100", "", 9100},
      {"host:00080", "host", 80},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto address = parse_listen_address(c.text);
    ASSERT_TRUE(address);
    EXPECT_EQ(address->host, c.host);
    EXPECT_EQ(address->port, c.port);
  }
}

TEST(listen_address, invalid_values) {
  for (const char* text : {"",          "9464",           "host",      "host:",      ":",
                           "host:abc",  "host:-1",        "host:+1",   "host:65536", "host:123456",
                           "host:80 ",  " host:80",       "::1:9464",  "[::1]9464",  "[::1]:",
                           "[]:80",     "[127.0.0.1]:80", "[::1:80",   "::1]:80",    "a b:80",
                           "host/x:80", "[::1]:80:80",    "h\tost:80", "[::1 ]:80"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_listen_address(text));
  }
}

TEST(listen_address, from_environment) {
  exporter_options defaults;
  defaults.host = "127.0.0.1";
  defaults.port = 1234;
  defaults.max_connections = 3;

  ::unsetenv("SCHEMETRIC_LISTEN");
  auto options = exporter_options::from_environment(defaults);
  EXPECT_EQ(options.host, "127.0.0.1");
  EXPECT_EQ(options.port, 1234);

  ::setenv("SCHEMETRIC_LISTEN", "", 1);
  EXPECT_EQ(exporter_options::from_environment(defaults).port, 1234);

  ::setenv("SCHEMETRIC_LISTEN", "[::1]:9999", 1);
  options = exporter_options::from_environment(defaults);
  EXPECT_EQ(options.host, "::1");
  EXPECT_EQ(options.port, 9999);
  EXPECT_EQ(options.max_connections, 3u);  // everything else kept

  ::setenv("SCHEMETRIC_LISTEN", ":0", 1);
  options = exporter_options::from_environment(defaults);
  EXPECT_EQ(options.host, "127.0.0.1");
  EXPECT_EQ(options.port, 0);

  ::setenv("SCHEMETRIC_LISTEN", "0.0.0.0:http", 1);
  try {
    exporter_options::from_environment(defaults);
    ADD_FAILURE() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("SCHEMETRIC_LISTEN"), std::string::npos) << message;
    EXPECT_NE(message.find("0.0.0.0:http"), std::string::npos) << message;
    EXPECT_NE(message.find("host:port"), std::string::npos) << message;
    EXPECT_NE(message.find("[::1]:9464"), std::string::npos) << message;
  }
  ::unsetenv("SCHEMETRIC_LISTEN");
}

TEST(web_config_file, from_environment) {
  exporter_options defaults;
  defaults.web_config_file = "given.yml";
  ::unsetenv("SCHEMETRIC_WEB_CONFIG");
  EXPECT_EQ(exporter_options::from_environment(defaults).web_config_file, "given.yml");
  ::setenv("SCHEMETRIC_WEB_CONFIG", "", 1);
  EXPECT_EQ(exporter_options::from_environment(defaults).web_config_file, "given.yml");
  ::setenv("SCHEMETRIC_WEB_CONFIG", "/etc/app/web.yml", 1);
  EXPECT_EQ(exporter_options::from_environment(defaults).web_config_file, "/etc/app/web.yml");
  ::unsetenv("SCHEMETRIC_WEB_CONFIG");
}

}  // namespace
