// With SCHEMETRIC_ENABLED=false in the environment (set by CTest), trackers record nothing.
#include <memory>

#include <gtest/gtest.h>

#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

TEST(tracker_runtime_switch, switched_off_trackers_record_nothing) {
  ASSERT_FALSE(schemetric::enabled());
  auto reg = std::make_unique<service::registry>();
  {
    auto t = reg->track_http_request(
        {.method = service::method::get, .route = service::route::api_tasks});
    EXPECT_EQ(reg->http_requests_in_progress.value({.method = service::method::get}), 0);
    t.status(500);
  }
  EXPECT_EQ(reg->http_requests_total.value({.method = service::method::get,
                                            .route = service::route::api_tasks,
                                            .status = service::status::_5xx}),
            0u);
}
