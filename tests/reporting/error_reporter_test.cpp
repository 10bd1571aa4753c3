// The error reporter: what trackers of every kind report when they fail with an exception (and
// that they report nothing otherwise), a reporter that throws, installation while trackers fail
// on other threads (run under TSan by the tsan preset), and the JSON-lines reporter.
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reporting_metrics.hpp"
#include "schemetric/error_reporter.hpp"
#include "schemetric/json_lines_reporter.hpp"
#include "schemetric/schemetric.hpp"

namespace {

using reporting::error_category;
using reporting::method;
using reporting::operation;
using reporting::route;
using schemetric::tracker_kind;

/// A report copied out of the call (its views live only during report()).
struct copied_report {
  tracker_kind kind;
  std::vector<std::pair<std::string, std::string>> labels;
  std::string category;
  std::string message;
  double seconds;
};

class recording_reporter final : public schemetric::error_reporter {
 public:
  void report(const schemetric::error_report& report) override {
    copied_report copy{
        report.kind, {}, std::string(report.category), std::string(report.message), report.seconds};
    for (const auto& label : report.labels) copy.labels.emplace_back(label.name, label.value);
    const std::lock_guard lock(mutex_);
    reports_.push_back(std::move(copy));
  }
  std::vector<copied_report> reports() const {
    const std::lock_guard lock(mutex_);
    return reports_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<copied_report> reports_;
};

/// An exception type not derived from std::exception.
struct not_a_std_exception {};

class error_reporter_test : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(schemetric::set_error_reporter(&reporter_), nullptr); }
  void TearDown() override { EXPECT_EQ(schemetric::set_error_reporter(nullptr), &reporter_); }

  /// The one report made so far (fails the test if there is not exactly one).
  copied_report only_report() const {
    const auto reports = reporter_.reports();
    EXPECT_EQ(reports.size(), 1u);
    return reports.empty() ? copied_report{} : reports.front();
  }

  std::unique_ptr<reporting::registry> owner_ = std::make_unique<reporting::registry>();
  reporting::registry& reg = *owner_;
  recording_reporter reporter_;
};

using labels_list = std::vector<std::pair<std::string, std::string>>;

TEST_F(error_reporter_test, http_run_reports_message_category_labels_and_duration) {
  auto request = reg.track_http_request({.method = method::post, .route = route::api_tasks});
  EXPECT_THROW(request.run([]() -> int {
    throw std::system_error(make_error_code(std::errc::timed_out), "upstream");
  }),
               std::system_error);
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::http);
  EXPECT_EQ(report.labels, (labels_list{{"method", "POST"}, {"route", "/api/tasks"}}));
  EXPECT_EQ(report.category, "timeout");
  EXPECT_NE(report.message.find("upstream"), std::string::npos);
  EXPECT_GE(report.seconds, 0.0);
  EXPECT_LT(report.seconds, 3600.0);
}

TEST_F(error_reporter_test, db_fail_with_exception_ptr_reports_once_with_escaped_labels) {
  {
    auto query = reg.track_db_query({.operation = operation::in_sert_});
    try {
      throw std::invalid_argument("bad row");
    } catch (...) {
      query.fail(std::current_exception());
      query.fail(std::current_exception());  // the same operation: still one report
    }
  }
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::db);
  EXPECT_EQ(report.labels, (labels_list{{"operation", "in\"sert\\"}}));
  EXPECT_EQ(report.category, "validation");
  EXPECT_EQ(report.message, "bad row");
  EXPECT_EQ(reg.db_query_errors_total.value(
                {.operation = operation::in_sert_, .error_category = error_category::validation}),
            1u);
}

TEST_F(error_reporter_test, cache_scope_left_by_an_exception_reports_without_its_message) {
  try {
    auto lookup = reg.track_cache_lookup({});
    throw std::runtime_error("not seen by a destructor");
  } catch (const std::runtime_error&) {
  }
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::cache);
  EXPECT_TRUE(report.labels.empty());
  EXPECT_EQ(report.category, "other");
  EXPECT_EQ(report.message, schemetric::no_exception_message);
}

TEST_F(error_reporter_test, ai_without_error_label_reports_the_classifier_category) {
  auto call = reg.track_ai_request({.model = "gpt-4o"});
  struct RateLimitExceeded : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  EXPECT_THROW(call.run([] { throw RateLimitExceeded("slow down"); }), RateLimitExceeded);
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::ai);
  EXPECT_EQ(report.labels, (labels_list{{"model", "gpt-4o"}}));
  EXPECT_EQ(report.category, "rate_limited");
  EXPECT_EQ(report.message, "slow down");
}

TEST_F(error_reporter_test, integration_non_std_exception_gets_the_fixed_message) {
  auto call = reg.track_integration_call({.integration = reporting::integration::stripe});
  EXPECT_THROW(call.run([] { throw not_a_std_exception{}; }), not_a_std_exception);
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::integration);
  EXPECT_EQ(report.labels, (labels_list{{"integration", "stripe"}}));
  EXPECT_EQ(report.category, "other");
  EXPECT_EQ(report.message, schemetric::unknown_exception_message);
}

TEST_F(error_reporter_test, mcp_run_reports_std_exception_message) {
  auto call = reg.track_mcp_tool_call({.tool = "search"});
  EXPECT_THROW(call.run([] { throw std::runtime_error("tool crashed"); }), std::runtime_error);
  const copied_report report = only_report();
  EXPECT_EQ(report.kind, tracker_kind::mcp);
  EXPECT_EQ(report.labels, (labels_list{{"tool", "search"}}));
  EXPECT_EQ(report.category, "other");
  EXPECT_EQ(report.message, "tool crashed");
}

TEST_F(error_reporter_test, category_set_before_the_exception_is_the_one_reported) {
  try {
    auto query = reg.track_db_query({.operation = operation::select});
    query.fail(error_category::quota);
    throw std::runtime_error("over quota");
  } catch (const std::runtime_error&) {
  }
  const copied_report report = only_report();
  EXPECT_EQ(report.category, "quota");
  EXPECT_EQ(report.message, schemetric::no_exception_message);
}

TEST_F(error_reporter_test, run_that_throws_inside_a_scope_left_by_the_exception_reports_once) {
  try {
    auto request = reg.track_http_request({.method = method::get, .route = route::api_tasks});
    request.run([] { throw std::runtime_error("once"); });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(only_report().message, "once");
}

TEST_F(error_reporter_test, nothing_reported_without_an_exception) {
  {
    auto ok = reg.track_http_request({.method = method::get, .route = route::api_tasks});
    auto failed = reg.track_db_query({.operation = operation::select});
    failed.fail(error_category::timeout);
    auto failed_plain = reg.track_integration_call({.integration = reporting::integration::slack});
    failed_plain.fail();
    auto null_error = reg.track_mcp_tool_call({.tool = "t"});
    null_error.fail(std::exception_ptr{});
    auto status = reg.track_http_request({.method = method::get, .route = route::api_tasks});
    status.status(503);
  }
  {
    // A cancelled or moved-from tracker records nothing, so it reports nothing either.
    try {
      auto cancelled = reg.track_cache_lookup({});
      cancelled.cancel();
      throw std::runtime_error("after cancel");
    } catch (const std::runtime_error&) {
    }
    auto moved = reg.track_cache_lookup({});
    auto target = std::move(moved);
    moved.fail(std::make_exception_ptr(std::runtime_error("moved from")));
    target.hit();
  }
  EXPECT_TRUE(reporter_.reports().empty());
  EXPECT_EQ(reg.db_query_errors_total.value(
                {.operation = operation::select, .error_category = error_category::timeout}),
            1u);
}

TEST_F(error_reporter_test, an_exception_caught_inside_the_scope_is_reported_by_fail) {
  auto call = reg.track_integration_call({.integration = reporting::integration::slack});
  try {
    throw std::system_error(make_error_code(std::errc::connection_refused), "slack");
  } catch (...) {
    call.fail(std::current_exception());
  }
  EXPECT_EQ(only_report().category, "connection");
}

class throwing_reporter final : public schemetric::error_reporter {
 public:
  void report(const schemetric::error_report&) override {
    ++calls;
    throw std::runtime_error("the reporter itself fails");
  }
  std::atomic<int> calls{0};
};

TEST(error_reporter, a_throwing_reporter_does_not_escape_and_is_counted) {
  auto reg = std::make_unique<reporting::registry>();
  throwing_reporter reporter;
  schemetric::set_error_reporter(&reporter);
  const std::uint64_t before = schemetric::error_reporter_exceptions();
  // From the destructor during unwinding (an escaping exception would terminate) and from run.
  EXPECT_THROW(
      {
        auto query = reg->track_db_query({.operation = operation::select});
        throw std::logic_error("the operation's own exception");
      },
      std::logic_error);
  {
    auto call = reg->track_mcp_tool_call({.tool = "t"});
    EXPECT_THROW(call.run([] { throw std::runtime_error("work"); }), std::runtime_error);
  }
  schemetric::set_error_reporter(nullptr);
  EXPECT_EQ(reporter.calls.load(), 2);
  EXPECT_EQ(schemetric::error_reporter_exceptions() - before, 2u);
  // The operations were recorded all the same.
  EXPECT_EQ(reg->db_query_errors_total.value(
                {.operation = operation::select, .error_category = error_category::other}),
            1u);
}

/// Replaces itself from inside report(): must not wait for its own call.
class self_removing_reporter final : public schemetric::error_reporter {
 public:
  void report(const schemetric::error_report&) override {
    removed = schemetric::set_error_reporter(nullptr) == this;
  }
  bool removed = false;
};

TEST(error_reporter, a_reporter_may_uninstall_itself) {
  auto reg = std::make_unique<reporting::registry>();
  self_removing_reporter reporter;
  schemetric::set_error_reporter(&reporter);
  auto call = reg->track_mcp_tool_call({.tool = "t"});
  EXPECT_THROW(call.run([] { throw std::runtime_error("x"); }), std::runtime_error);
  EXPECT_TRUE(reporter.removed);
  EXPECT_EQ(schemetric::set_error_reporter(nullptr), nullptr);
}

/// Counts reports; marks itself dead on destruction so that a late call is caught.
class counting_reporter final : public schemetric::error_reporter {
 public:
  ~counting_reporter() { alive.store(false); }
  void report(const schemetric::error_report& report) override {
    if (!alive.load()) std::abort();  // called after set_error_reporter() returned
    if (report.labels.size() == 1 && report.labels[0].value == "select") calls.fetch_add(1);
  }
  std::atomic<bool> alive{true};
  std::atomic<std::uint64_t> calls{0};
};

TEST(error_reporter_concurrency, install_and_remove_while_trackers_fail) {
  auto reg = std::make_unique<reporting::registry>();
  constexpr int failing_threads = 3;
  constexpr int failures_per_thread = 2000;
  std::atomic<bool> done{false};
  std::atomic<std::uint64_t> reported{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < failing_threads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < failures_per_thread; ++i) {
        auto query = reg->track_db_query({.operation = operation::select});
        query.fail(std::make_exception_ptr(std::runtime_error("x")));
      }
    });
  }
  std::thread installer([&] {
    // Each reporter is destroyed right after its removal: a call after it returned would
    // abort, and TSan would see a call racing the destruction.
    while (!done.load()) {
      auto reporter = std::make_unique<counting_reporter>();
      schemetric::set_error_reporter(reporter.get());
      std::this_thread::yield();
      EXPECT_EQ(schemetric::set_error_reporter(nullptr), reporter.get());
      reported += reporter->calls.load();
    }
  });
  for (auto& thread : threads) thread.join();
  done = true;
  installer.join();
  EXPECT_LE(reported.load(), static_cast<std::uint64_t>(failing_threads * failures_per_thread));
  EXPECT_EQ(reg->db_query_errors_total.value(
                {.operation = operation::select, .error_category = error_category::other}),
            static_cast<std::uint64_t>(failing_threads * failures_per_thread));
}

TEST(json_lines_reporter, writes_one_parsable_line_per_failure) {
  auto reg = std::make_unique<reporting::registry>();
  std::ostringstream out;
  schemetric::json_lines_reporter reporter(out);
  schemetric::set_error_reporter(&reporter);
  {
    auto query = reg->track_db_query({.operation = operation::in_sert_});
    EXPECT_THROW(query.run([] { throw std::runtime_error("line\nbreak \"quoted\" \x01 \xff"); }),
                 std::runtime_error);
  }
  {
    auto lookup = reg->track_cache_lookup({});
    lookup.fail(std::make_exception_ptr(std::out_of_range("no such key")));
  }
  schemetric::set_error_reporter(nullptr);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<nlohmann::json> parsed;
  while (std::getline(lines, line)) parsed.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(parsed.size(), 2u) << out.str();
  EXPECT_EQ(parsed[0]["level"], "error");
  EXPECT_EQ(parsed[0]["event"], "operation_failed");
  EXPECT_EQ(parsed[0]["tracker"], "db");
  EXPECT_EQ(parsed[0]["labels"], (nlohmann::json{{"operation", "in\"sert\\"}}));
  EXPECT_EQ(parsed[0]["category"], "other");
  EXPECT_EQ(parsed[0]["exception"], "line\nbreak \"quoted\" \x01 \xEF\xBF\xBD");
  EXPECT_EQ(parsed[0]["message"], "db operation failed: other");
  EXPECT_TRUE(parsed[0]["duration_seconds"].is_number());
  EXPECT_EQ(parsed[1]["tracker"], "cache");
  EXPECT_EQ(parsed[1]["category"], "validation");
  EXPECT_EQ(parsed[1]["exception"], "no such key");
}

TEST(json_lines_reporter, writes_to_a_c_stream) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    schemetric::json_lines_reporter reporter(file);
    const schemetric::label_pair labels[] = {{"route", "/x"}};
    reporter.report({tracker_kind::http, labels, "timeout", "slow", 1.5});
  }
  std::rewind(file);
  char buffer[1024] = {};
  const std::size_t size = std::fread(buffer, 1, sizeof buffer - 1, file);
  std::fclose(file);
  const std::string text(buffer, size);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const auto line = nlohmann::json::parse(text);
  EXPECT_EQ(line["tracker"], "http");
  EXPECT_EQ(line["labels"]["route"], "/x");
  EXPECT_EQ(line["duration_seconds"], 1.5);
}

TEST(tracker_kind, names_are_the_schema_keywords) {
  EXPECT_EQ(schemetric::to_string(tracker_kind::http), "http");
  EXPECT_EQ(schemetric::to_string(tracker_kind::db), "db");
  EXPECT_EQ(schemetric::to_string(tracker_kind::ai), "ai");
  EXPECT_EQ(schemetric::to_string(tracker_kind::cache), "cache");
  EXPECT_EQ(schemetric::to_string(tracker_kind::integration), "integration");
  EXPECT_EQ(schemetric::to_string(tracker_kind::mcp), "mcp");
}

}  // namespace
