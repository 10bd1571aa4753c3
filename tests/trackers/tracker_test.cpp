// The scoped trackers: normal exit, explicit outcomes, exception exit (recorded once, the
// exception propagates), cancel, move, and the exposition after each.
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

namespace {

using service::method;
using service::operation;
using service::route;

class tracker_test : public ::testing::Test {
 protected:
  std::unique_ptr<service::registry> owner_ = std::make_unique<service::registry>();
  service::registry& reg = *owner_;

  std::string exposition() const {
    std::string out;
    schemetric::text_writer(reg).write(out);
    return out;
  }
  bool exposes(const std::string& line) const {
    return exposition().find(line + "\n") != std::string::npos;
  }
  std::uint64_t requests(service::status status) const {
    return reg.http_requests_total.value(
        {.method = method::get, .route = route::api_tasks_task_id, .status = status});
  }
  std::uint64_t http_durations() const {
    return reg.http_request_duration_seconds
        .snapshot({.method = method::get, .route = route::api_tasks_task_id})
        .count();
  }
};

// In-progress gauges count in integers: one atomic add per update, exposed as integers.
static_assert(std::is_same_v<
              decltype(std::declval<service::registry&>().http_requests_in_progress)::value_type,
              std::int64_t>);

TEST_F(tracker_test, in_progress_gauge_counts_concurrent_operations_in_integers) {
  {
    auto first = reg.track_http_request({.method = method::get, .route = route::api_tasks});
    auto second = reg.track_http_request({.method = method::get, .route = route::api_tasks});
    EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 2);
    EXPECT_TRUE(exposes(R"(http_requests_in_progress{method="GET"} 2)"));
  }
  reg.http_requests_in_progress({.method = method::post}).dec();  // below zero stays exact
  EXPECT_TRUE(exposes(R"(http_requests_in_progress{method="POST"} -1)"));
}

TEST_F(tracker_test, http_normal_exit_records_200_and_duration) {
  {
    auto t =
        reg.track_http_request({.method = method::get, .route = service::route_of("/api/tasks/7")});
    EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 1);
  }
  EXPECT_EQ(requests(service::status::_2xx), 1u);
  EXPECT_EQ(http_durations(), 1u);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 0);
  EXPECT_TRUE(
      exposes(R"(http_requests_total{method="GET",route="/api/tasks/{task_id}",status="2xx"} 1)"));
  EXPECT_TRUE(exposes(
      R"(http_request_duration_seconds_count{method="GET",route="/api/tasks/{task_id}"} 1)"));
  EXPECT_TRUE(exposes(R"(http_requests_in_progress{method="GET"} 0)"));
}

TEST_F(tracker_test, http_explicit_status_and_sizes) {
  {
    auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
    t.status(404);
    t.request_size(50);
    t.response_size(5000);
  }
  EXPECT_EQ(requests(service::status::_4xx), 1u);
  EXPECT_EQ(requests(service::status::_2xx), 0u);
  EXPECT_EQ(reg.http_request_errors_total.value({.route = route::api_tasks_task_id,
                                                 .error_category = service::error_category::other}),
            0u);
  EXPECT_TRUE(exposes(R"(http_request_size_bytes_bucket{method="GET",le="100.0"} 1)"));
  EXPECT_TRUE(exposes(R"(http_response_size_bytes_bucket{method="GET",le="1000.0"} 0)"));
  EXPECT_TRUE(exposes(R"(http_response_size_bytes_bucket{method="GET",le="+Inf"} 1)"));
}

TEST_F(tracker_test, http_exception_exit_records_500_once_and_propagates) {
  EXPECT_THROW(
      {
        auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
        throw std::runtime_error("handler failed");
      },
      std::runtime_error);
  EXPECT_EQ(requests(service::status::_5xx), 1u);
  EXPECT_EQ(http_durations(), 1u);
  EXPECT_EQ(reg.http_request_errors_total.value({.route = route::api_tasks_task_id,
                                                 .error_category = service::error_category::other}),
            1u);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 0);
  EXPECT_TRUE(exposes(
      R"(http_request_errors_total{route="/api/tasks/{task_id}",error_category="other"} 1)"));
}

TEST_F(tracker_test, http_exception_keeps_a_status_set_before) {
  try {
    auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
    t.status(503);
    throw std::runtime_error("after the status");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(requests(service::status::_5xx), 1u);
}

TEST_F(tracker_test, exact_status_codes) {
  for (int code : {200, 404, 418}) {
    auto t = reg.track_http_response({.method = method::post, .route = route::other});
    t.status(code);
  }
  EXPECT_TRUE(exposes(R"(http_responses_total{status_code="200"} 1)"));
  EXPECT_TRUE(exposes(R"(http_responses_total{status_code="404"} 1)"));
  EXPECT_TRUE(exposes(R"(http_responses_total{status_code="other"} 1)"));
}

TEST_F(tracker_test, run_classifies_the_exception) {
  auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
  EXPECT_THROW(t.run([] { throw std::system_error(std::make_error_code(std::errc::timed_out)); }),
               std::system_error);
  EXPECT_EQ(t.run([] { return 42; }), 42);
  { auto moved = std::move(t); }
  EXPECT_EQ(
      reg.http_request_errors_total.value(
          {.route = route::api_tasks_task_id, .error_category = service::error_category::timeout}),
      1u);
  EXPECT_EQ(requests(service::status::_5xx), 1u);
}

TEST_F(tracker_test, cancel_records_nothing_but_ends_in_progress) {
  {
    auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
    t.cancel();
    t.cancel();
  }
  EXPECT_EQ(requests(service::status::_2xx), 0u);
  EXPECT_EQ(http_durations(), 0u);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 0);
}

TEST_F(tracker_test, a_moved_tracker_records_once) {
  std::vector<schemetric::tracker<service::trackers::http_request>> kept;
  {
    auto t = reg.track_http_request({.method = method::get, .route = route::api_tasks_task_id});
    t.status(201);
    kept.push_back(std::move(t));
    EXPECT_EQ(requests(service::status::_2xx), 0u);  // the moved-from one recorded nothing
  }
  EXPECT_EQ(requests(service::status::_2xx), 0u);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 1);
  kept.clear();
  EXPECT_EQ(requests(service::status::_2xx), 1u);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::get}), 0);
}

TEST_F(tracker_test, db_success_failure_and_categories) {
  { auto t = reg.track_db_query({.operation = operation::select}); }
  {
    auto t = reg.track_db_query({.operation = operation::select});
    t.fail(service::error_category::timeout);
  }
  {
    auto t = reg.track_db_query({.operation = operation::insert});
    t.fail();  // no category: other
  }
  {
    auto t = reg.track_db_query({.operation = operation::insert});
    t.fail(service::error_category::validation);
    t.succeed();  // recovered: the last word counts
  }
  EXPECT_THROW(
      {
        auto t = reg.track_db_query({.operation = operation::insert});
        throw std::logic_error("bug");
      },
      std::logic_error);
  using service::error_category;
  using service::outcome;
  EXPECT_EQ(
      reg.db_queries_total.value({.operation = operation::select, .outcome = outcome::success}),
      1u);
  EXPECT_EQ(reg.db_queries_total.value({.operation = operation::select, .outcome = outcome::error}),
            1u);
  EXPECT_EQ(reg.db_queries_total.value({.operation = operation::insert, .outcome = outcome::error}),
            2u);
  EXPECT_EQ(
      reg.db_queries_total.value({.operation = operation::insert, .outcome = outcome::success}),
      1u);
  EXPECT_EQ(reg.db_query_errors_total.value(
                {.operation = operation::select, .error_category = error_category::timeout}),
            1u);
  EXPECT_EQ(reg.db_query_errors_total.value(
                {.operation = operation::insert, .error_category = error_category::other}),
            2u);
  EXPECT_EQ(reg.db_query_duration_seconds
                .snapshot({.operation = operation::insert, .outcome = outcome::error})
                .count(),
            2u);
  EXPECT_TRUE(exposes(R"(db_queries_total{operation="insert",outcome="error"} 2)"));
}

TEST_F(tracker_test, cache_hit_miss_and_error) {
  {
    auto t = reg.track_cache_lookup({});
    t.hit();
  }
  {
    auto t = reg.track_cache_lookup({});
    t.miss();
  }
  { auto t = reg.track_cache_lookup({}); }  // neither: a miss
  try {
    auto t = reg.track_cache_lookup({});
    throw std::runtime_error("cache down");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(exposes(R"(cache_lookups_total{cache_result="hit"} 1)"));
  EXPECT_TRUE(exposes(R"(cache_lookups_total{cache_result="miss"} 2)"));
  EXPECT_TRUE(exposes(R"(cache_lookups_total{cache_result="error"} 1)"));
  EXPECT_TRUE(exposes("cache_lookup_duration_seconds_count 4"));
}

TEST_F(tracker_test, ai_tokens_by_model) {
  {
    auto t = reg.track_ai_request({.model = "model-a"});
    t.tokens(120, 30);
  }
  {
    auto t = reg.track_ai_request({.model = "model-a"});
    t.tokens(5, 7);
    t.fail();
  }
  EXPECT_TRUE(exposes(R"(ai_tokens_total{model="model-a",token_type="input"} 125)"));
  EXPECT_TRUE(exposes(R"(ai_tokens_total{model="model-a",token_type="output"} 37)"));
  EXPECT_TRUE(exposes(R"(ai_requests_total{model="model-a",outcome="success"} 1)"));
  EXPECT_TRUE(exposes(R"(ai_requests_total{model="model-a",outcome="error"} 1)"));
}

TEST_F(tracker_test, mcp_tools_fold_past_max_values) {
  for (const char* tool : {"search", "fetch", "search", "write", "delete"}) {
    auto t = reg.track_mcp_tool_call({.tool = tool});
  }
  EXPECT_TRUE(exposes(R"(mcp_tool_calls_total{tool="search",outcome="success"} 2)"));
  EXPECT_TRUE(exposes(R"(mcp_tool_calls_total{tool="fetch",outcome="success"} 1)"));
  EXPECT_TRUE(exposes(R"(mcp_tool_calls_total{tool="other",outcome="success"} 2)"));
  EXPECT_TRUE(exposes(R"(schemetric_label_overflow_total{label="tool"} 2)"));
  EXPECT_EQ(exposition().find("tool=\"write\""), std::string::npos);
}

TEST(error_classifier, default_categories_by_type_family) {
  using schemetric::error_class;
  auto category = [](auto exception) {
    return schemetric::default_error_classifier(std::make_exception_ptr(exception));
  };
  struct ConnectionLost : std::runtime_error {
    ConnectionLost() : std::runtime_error("lost") {}
  };
  struct RequestTimeoutError : std::exception {};
  struct RateLimitExceeded : std::exception {};
  struct UserNotFound : std::exception {};
  EXPECT_EQ(category(std::system_error(std::make_error_code(std::errc::timed_out))),
            error_class::timeout);
  EXPECT_EQ(category(std::system_error(std::make_error_code(std::errc::connection_refused))),
            error_class::connection);
  EXPECT_EQ(category(std::invalid_argument("x")), error_class::validation);
  EXPECT_EQ(category(std::out_of_range("x")), error_class::validation);
  EXPECT_EQ(category(ConnectionLost()), error_class::connection);
  EXPECT_EQ(category(RequestTimeoutError()), error_class::timeout);
  EXPECT_EQ(category(RateLimitExceeded()), error_class::rate_limited);
  EXPECT_EQ(category(UserNotFound()), error_class::not_found);
  EXPECT_EQ(category(std::runtime_error("x")), error_class::other);
  EXPECT_EQ(category(42), error_class::other);
  EXPECT_EQ(schemetric::default_error_classifier(nullptr), error_class::other);
}

// Every category the classifier returns has its own value in a tracker's error label (the
// generator requires them), so a classified failure is counted under its category.
TEST_F(tracker_test, classified_failures_count_under_each_category) {
  using schemetric::error_class;
  using service::error_category;
  struct RateLimitExceeded : std::exception {};
  struct UserNotFound : std::exception {};
  const auto fail_with = [&](std::exception_ptr error) {
    auto t = reg.track_db_query({.operation = operation::select});
    t.fail(error);
  };
  fail_with(std::make_exception_ptr(RateLimitExceeded()));
  fail_with(std::make_exception_ptr(UserNotFound()));
  fail_with(std::make_exception_ptr(UserNotFound()));
  fail_with(std::make_exception_ptr(std::runtime_error("x")));
  const auto errors = [&](error_category category) {
    return reg.db_query_errors_total.value(
        {.operation = operation::select, .error_category = category});
  };
  EXPECT_EQ(errors(error_category::rate_limited), 1u);
  EXPECT_EQ(errors(error_category::not_found), 2u);
  EXPECT_EQ(errors(error_category::other), 1u);
  for (std::size_t i = 0; i < schemetric::error_class_names.size(); ++i) {
    const auto category = static_cast<error_class>(i);
    EXPECT_EQ(schemetric::label_text(schemetric::label_value_of<error_category>(category)),
              schemetric::to_string(category));
  }
}

TEST(error_classifier, can_be_replaced) {
  schemetric::set_error_classifier(
      [](const std::exception_ptr&) noexcept { return schemetric::error_class::connection; });
  EXPECT_EQ(schemetric::error_category<service::error_category>(
                std::make_exception_ptr(std::runtime_error("x"))),
            service::error_category::connection);
  schemetric::set_error_classifier(nullptr);
  EXPECT_EQ(schemetric::error_category<service::error_category>(
                std::make_exception_ptr(std::runtime_error("x"))),
            service::error_category::other);
}

// Many threads run trackers while another scrapes; the totals are exact. (TSan in CI.)
TEST(tracker_concurrency, exact_totals_under_concurrent_scrapes) {
  auto owner = std::make_unique<service::registry>();
  service::registry& reg = *owner;
  const schemetric::text_writer writer(reg);
  std::atomic<bool> done{false};
  std::thread scraper([&] {
    std::string out;
    while (!done.load()) {
      out.clear();
      writer.write(out);
    }
  });
  constexpr int threads = 4;
  constexpr int iterations = 5000;
  std::vector<std::thread> workers;
  for (int w = 0; w < threads; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < iterations; ++i) {
        auto t = reg.track_http_request({.method = method::post, .route = route::api_tasks});
        t.status(i % 2 ? 200 : 500);
        auto q = reg.track_db_query({.operation = operation::select});
        auto a = reg.track_ai_request({.model = i % 3 ? "model-a" : "model-b"});
        a.tokens(1, 2);  // models: one process may run every test, within max_values 2
      }
    });
  }
  for (auto& worker : workers) worker.join();
  done = true;
  scraper.join();
  const auto count = [&](service::status status) {
    return reg.http_requests_total.value(
        {.method = method::post, .route = route::api_tasks, .status = status});
  };
  EXPECT_EQ(count(service::status::_2xx), std::uint64_t{threads} * iterations / 2);
  EXPECT_EQ(count(service::status::_5xx), std::uint64_t{threads} * iterations / 2);
  EXPECT_EQ(reg.http_requests_in_progress.value({.method = method::post}), 0);
  EXPECT_EQ(reg.db_queries_total.value(
                {.operation = operation::select, .outcome = service::outcome::success}),
            std::uint64_t{threads} * iterations);
  EXPECT_EQ(
      reg.ai_tokens_total.value({.model = "model-a", .token_type = service::token_type::output}) +
          reg.ai_tokens_total.value(
              {.model = "model-b", .token_type = service::token_type::output}),
      std::uint64_t{threads} * iterations * 2);
}

}  // namespace
