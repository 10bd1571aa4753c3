// The same generated headers with metrics compiled out (this file is built with
// SCHEMETRIC_ENABLED=0): every family, handle and tracker is an empty type with the same API, and
// the awkward names of tricky.yaml must compile against those types too.
#include <memory>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>
#include <schemetric/text_writer.hpp>

#include "example_metrics.hpp"
#include "tricky_metrics.hpp"

static_assert(!SCHEMETRIC_ENABLED, "build this file with SCHEMETRIC_ENABLED=0");
static_assert(std::is_empty_v<decltype(tricky::registry::value)>);

namespace {

TEST(GeneratedHeadersCompiledOut, RecordNothingThroughTheSameCalls) {
  auto registry = std::make_unique<tricky::registry>();
  registry->value().set(1);
  registry->inc().inc();
  registry->observe().observe(0.5);
  registry->kind().set(tricky::kind_state::stdin_);
  registry->metric({.kind = tricky::kind::cache}).set(5);
  registry->names_info.set({.name = "n", .set = "s"});
  {
    auto tracked = registry->track_run({});
    EXPECT_EQ(tracked.run([] { return 11; }), 11);
  }
  {
    auto tracked = registry->track_status({});
    tracked.status(404);
  }
  auto example = std::make_unique<example::registry>();
  {
    auto request = example->track_http_request(
        {.method = example::method::get, .route = example::route_of("/api/tasks/7")});
    request.status(200);
  }
  std::string text;
  schemetric::text_writer(*registry).write(text);
  schemetric::text_writer(*example).write(text);
  EXPECT_EQ(text, "");
  EXPECT_EQ(registry->value.value({}), 0.0);
}

}  // namespace
