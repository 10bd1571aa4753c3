// With metrics compiled out (SCHEMETRIC_ENABLED=0) nothing is reported and the event log opens
// and writes nothing; the API still compiles.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "reporting_metrics.hpp"
#include "schemetric/event_log.hpp"
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

TEST(reporting_compiled_out, event_log_opens_and_writes_nothing) {
  const auto path = std::filesystem::temp_directory_path() / "schemetric_compiled_out.jsonl";
  std::filesystem::remove(path);
  {
    schemetric::event_log log({.path = path.string()});
    schemetric::event_log::install(&log);
    schemetric::event_log::alert_transition({.name = "A", .to = "firing"});
    log.report({schemetric::tracker_kind::db, {}, "other", "m", 0});
    schemetric::event_log::install(nullptr);
    EXPECT_EQ(log.lines_written(), 0u);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
