// With metrics compiled out (SCHEMETRIC_ENABLED=0) nothing is reported; the API still compiles.
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "reporting_metrics.hpp"
#include "schemetric/json_lines_reporter.hpp"
#include "schemetric/schemetric.hpp"

static_assert(SCHEMETRIC_ENABLED == 0);

namespace {

class counting_reporter final : public schemetric::error_reporter {
 public:
  void report(const schemetric::error_report&) override { ++calls; }
  int calls = 0;
};

TEST(reporting_compiled_out, trackers_report_nothing) {
  auto reg = std::make_unique<reporting::registry>();
  counting_reporter reporter;
  schemetric::set_error_reporter(&reporter);
  EXPECT_THROW(
      {
        auto query = reg->track_db_query({.operation = reporting::operation::select});
        throw std::runtime_error("x");
      },
      std::runtime_error);
  auto call = reg->track_mcp_tool_call({.tool = "t"});
  EXPECT_THROW(call.run([] { throw std::runtime_error("y"); }), std::runtime_error);
  call.fail(std::make_exception_ptr(std::runtime_error("z")));
  schemetric::set_error_reporter(nullptr);
  EXPECT_EQ(reporter.calls, 0);
}

}  // namespace
