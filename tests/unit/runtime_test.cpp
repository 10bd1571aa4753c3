// The run-time switch: which environment values turn recording off.
#include <cstdlib>

#include <gtest/gtest.h>

#include "schemetric/runtime.hpp"

namespace {

TEST(runtime_switch, off_values) {
  for (const char* off : {"0", "false", "FALSE", "False", "off", "OFF", "no", "No"}) {
    EXPECT_TRUE(schemetric::detail::is_off_value(off)) << off;
  }
  for (const char* on : {"1", "true", "on", "yes", "", "falsey", "nope", " 0"}) {
    EXPECT_FALSE(schemetric::detail::is_off_value(on)) << on;
  }
}

// This test binary runs twice under CTest: with SCHEMETRIC_ENABLED unset and with it false;
// SCHEMETRIC_TEST_EXPECT_ENABLED says which answer that run expects.
TEST(runtime_switch, reads_the_environment) {
  const char* expected = std::getenv("SCHEMETRIC_TEST_EXPECT_ENABLED");
  ASSERT_NE(expected, nullptr);
  EXPECT_EQ(schemetric::enabled(), std::string_view(expected) == "1");
}

}  // namespace
