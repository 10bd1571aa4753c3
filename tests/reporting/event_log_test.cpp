// The event log: every line parses as JSON with the documented fields, hostile strings are
// escaped, the rate limit drops lines and says how many (time driven by an injected clock),
// a file is appended to, standard error is the default, and alert transitions go to the
// installed log.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reporting_metrics.hpp"
#include "schemetric/event_log.hpp"
#include "schemetric/schemetric.hpp"

namespace {

using namespace std::chrono_literals;
using std::chrono::system_clock;

// The injected clock: tests set it; the log reads it.
system_clock::time_point fake_now = system_clock::time_point{} + 1'772'368'496'789ms;
system_clock::time_point fake_clock() noexcept {
  return fake_now;
}

class event_log_test : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_now = system_clock::time_point{} + 1'772'368'496'789ms;  // 2026-03-01T12:34:56.789Z
    path_ = std::filesystem::temp_directory_path() /
            ("schemetric_event_log_test_" +
             std::to_string(::testing::UnitTest::GetInstance()->current_test_info()->line()) +
             ".jsonl");
    std::filesystem::remove(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }

  schemetric::event_log_options options(double rate = 10, double burst = 100) const {
    return {.path = path_.string(), .lines_per_second = rate, .burst = burst, .clock = &fake_clock};
  }

  /// Every line of the file, parsed (a line that does not parse fails the test).
  std::vector<nlohmann::json> lines() const {
    std::ifstream in(path_);
    std::vector<nlohmann::json> parsed;
    std::string line;
    while (std::getline(in, line)) {
      try {
        parsed.push_back(nlohmann::json::parse(line));
      } catch (const nlohmann::json::exception& e) {
        ADD_FAILURE() << "not JSON: " << line << " (" << e.what() << ")";
      }
    }
    return parsed;
  }

  static schemetric::error_report failure(std::string_view message = "boom") {
    static const schemetric::label_pair labels[] = {{"operation", "select"}};
    return {schemetric::tracker_kind::db, labels, "timeout", message, 0.25};
  }

  std::filesystem::path path_;
};

TEST_F(event_log_test, failure_line_has_the_documented_fields) {
  {
    schemetric::event_log log(options());
    log.report(failure());
  }
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0], nlohmann::json::parse(R"({"time":"2026-03-01T12:34:56.789Z","level":"error",
              "message":"db operation failed: timeout","event":"operation_failed",
              "tracker":"db","labels":{"operation":"select"},"category":"timeout",
              "exception":"boom","duration_seconds":0.25})"));
}

TEST_F(event_log_test, alert_transition_lines_and_levels) {
  const schemetric::label_pair labels[] = {{"route", "/api/tasks"}};
  const auto at = system_clock::time_point{} + 1'772'368'500'001ms;
  {
    schemetric::event_log log(options());
    log.write_alert_transition({.name = "HighErrorRate",
                                .severity = "critical",
                                .from = "pending",
                                .to = "firing",
                                .labels = labels,
                                .value = 0.07,
                                .threshold = 0.05,
                                .time = at});
    log.write_alert_transition({.name = "SlowRequests",
                                .severity = "warning",
                                .from = "pending",
                                .to = "firing",
                                .time = at});
    log.write_alert_transition({.name = "HighErrorRate",
                                .severity = "critical",
                                .from = "firing",
                                .to = "resolved",
                                .labels = labels,
                                .value = 0.01,
                                .threshold = 0.05,
                                .time = at});
    log.write_alert_transition({.name = "HighErrorRate",
                                .severity = "critical",
                                .from = "inactive",
                                .to = "pending",
                                .value = std::numeric_limits<double>::quiet_NaN(),
                                .time = at});
  }
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 4u);
  EXPECT_EQ(parsed[0], nlohmann::json::parse(R"({"time":"2026-03-01T12:35:00.001Z","level":"error",
              "message":"alert HighErrorRate pending -> firing","event":"alert_transition",
              "alert":"HighErrorRate","severity":"critical","from":"pending","to":"firing",
              "labels":{"route":"/api/tasks"},"value":0.07,"threshold":0.05})"));
  EXPECT_EQ(parsed[1]["level"], "warning");
  EXPECT_EQ(parsed[1]["labels"], nlohmann::json::object());
  EXPECT_EQ(parsed[2]["level"], "info");
  EXPECT_EQ(parsed[2]["to"], "resolved");
  EXPECT_EQ(parsed[3]["level"], "info");
  EXPECT_TRUE(parsed[3]["value"].is_null());  // NaN is not JSON
}

TEST_F(event_log_test, hostile_strings_are_escaped) {
  const std::string hostile = std::string("quote\" backslash\\ newline\n tab\t cr\r nul") + '\0' +
                              " bell\x07 del\x7f bad\xc3\x28 lone\x80 surrogate\xed\xa0\x80"
                              " ok\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  const schemetric::label_pair labels[] = {{"na\"me", hostile}};
  {
    schemetric::event_log log(options());
    log.report({schemetric::tracker_kind::http, labels, hostile, hostile, 1});
    log.write_alert_transition({.name = hostile,
                                .severity = hostile,
                                .from = hostile,
                                .to = hostile,
                                .labels = labels,
                                .time = fake_now});
  }
  std::ifstream in(path_);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Two lines exactly: no raw newline or control character inside a line.
  std::size_t newlines = 0;
  for (char c : text) {
    newlines += c == '\n' ? 1 : 0;
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << int(c);
  }
  EXPECT_EQ(newlines, 2u);
  const std::string expected =
      std::string("quote\" backslash\\ newline\n tab\t cr\r nul") + '\0' +
      " bell\x07 del\x7f bad\xEF\xBF\xBD( lone\xEF\xBF\xBD surrogate\xEF\xBF\xBD\xEF\xBF\xBD"
      "\xEF\xBF\xBD ok\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["exception"], expected);
  EXPECT_EQ(parsed[0]["category"], expected);
  EXPECT_EQ(parsed[0]["labels"]["na\"me"], expected);
  EXPECT_EQ(parsed[1]["alert"], expected);
  EXPECT_EQ(parsed[1]["to"], expected);
}

TEST_F(event_log_test, a_huge_message_is_cut) {
  const std::string huge(100'000, 'x');
  {
    schemetric::event_log log(options());
    log.report(failure(huge));
  }
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["exception"].get<std::string>().size(), schemetric::max_event_text_bytes);
}

TEST_F(event_log_test, rate_limit_drops_and_reports_the_count) {
  {
    schemetric::event_log log(options(/*rate=*/2, /*burst=*/3));
    for (int i = 0; i < 10; ++i) log.report(failure());  // the burst passes, 7 are dropped
    EXPECT_EQ(log.lines_written(), 3u);
    EXPECT_EQ(log.lines_dropped(), 7u);
    fake_now += 400ms;  // 0.8 token: still nothing
    log.report(failure());
    EXPECT_EQ(log.lines_dropped(), 8u);
    fake_now += 100ms;  // 1 token: one line, preceded by the count of the 8 dropped
    log.report(failure("after the storm"));
    log.report(failure());  // no token left
    EXPECT_EQ(log.lines_dropped(), 9u);
    EXPECT_EQ(log.lines_written(), 5u);
    fake_now += 1h;  // refills to the burst, no more
    for (int i = 0; i < 5; ++i) log.report(failure());
    EXPECT_EQ(log.lines_dropped(), 11u);
    fake_now -= 2h;  // a clock that goes back refills nothing
    log.report(failure());
    EXPECT_EQ(log.lines_dropped(), 12u);
  }  // the destructor writes the count of the 3 dropped since the last line
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 3u + 2u + 1u + 3u + 1u);
  EXPECT_EQ(parsed[3]["event"], "lines_dropped");
  EXPECT_EQ(parsed[3]["level"], "warning");
  EXPECT_EQ(parsed[3]["dropped"], 8);
  EXPECT_EQ(parsed[3]["message"], "event log dropped 8 lines");
  EXPECT_EQ(parsed[4]["exception"], "after the storm");
  EXPECT_EQ(parsed[5]["event"], "lines_dropped");
  EXPECT_EQ(parsed[5]["dropped"], 1);
  EXPECT_EQ(parsed.back()["event"], "lines_dropped");
  EXPECT_EQ(parsed.back()["dropped"], 3);
}

TEST_F(event_log_test, a_storm_of_failures_does_not_crowd_out_alert_transitions) {
  {
    schemetric::event_log log(options(/*rate=*/1, /*burst=*/2));
    for (int i = 0; i < 10; ++i) log.report(failure());  // 2 written, 8 dropped
    log.write_alert_transition({.name = "HighErrorRate", .from = "pending", .to = "firing"});
    EXPECT_EQ(log.lines_dropped(), 8u);
  }
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 2u + 2u + 0u);
  EXPECT_EQ(parsed[2]["event"], "lines_dropped");
  EXPECT_EQ(parsed[3]["event"], "alert_transition");
}

TEST_F(event_log_test, file_is_appended_to) {
  {
    std::ofstream existing(path_);
    existing << "{\"kept\":true}\n";
  }
  {
    schemetric::event_log log(options());
    log.report(failure("first"));
  }
  {
    schemetric::event_log log(options());
    log.report(failure("second"));
  }
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0]["kept"], true);
  EXPECT_EQ(parsed[1]["exception"], "first");
  EXPECT_EQ(parsed[2]["exception"], "second");
}

TEST_F(event_log_test, bad_options_fail_clearly) {
  try {
    schemetric::event_log log({.path = (path_ / "no_such_directory" / "x.jsonl").string()});
    FAIL() << "no error for a path in a missing directory";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_directory"), std::string::npos) << e.what();
  }
  EXPECT_THROW(schemetric::event_log(options(0, 10)), std::invalid_argument);
  EXPECT_THROW(schemetric::event_log(options(1, 0.5)), std::invalid_argument);
  EXPECT_THROW(schemetric::event_log(options(-1, 10)), std::invalid_argument);
}

TEST_F(event_log_test, standard_error_is_the_default) {
  ::testing::internal::CaptureStderr();
  {
    schemetric::event_log log({.clock = &fake_clock});
    log.report(failure("to stderr"));
  }
  const std::string text = ::testing::internal::GetCapturedStderr();
  const auto line = nlohmann::json::parse(text);
  EXPECT_EQ(line["exception"], "to stderr");
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(event_log_test, installed_log_receives_alert_transitions_and_tracker_failures) {
  const schemetric::alert_transition_event event{
      .name = "A", .severity = "warning", .from = "pending", .to = "firing", .time = fake_now};
  schemetric::event_log::alert_transition(event);  // none installed: nothing happens
  auto reg = std::make_unique<reporting::registry>();
  {
    schemetric::event_log log(options());
    EXPECT_EQ(schemetric::event_log::install(&log), nullptr);
    EXPECT_EQ(schemetric::set_error_reporter(&log), nullptr);
    schemetric::event_log::alert_transition(event);
    auto query = reg->track_db_query({.operation = reporting::operation::select});
    EXPECT_THROW(query.run([] { throw std::runtime_error("db down"); }), std::runtime_error);
    EXPECT_EQ(schemetric::set_error_reporter(nullptr), &log);
    EXPECT_EQ(schemetric::event_log::install(nullptr), &log);
  }
  schemetric::event_log::alert_transition(event);
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["event"], "alert_transition");
  EXPECT_EQ(parsed[1]["event"], "operation_failed");
  EXPECT_EQ(parsed[1]["exception"], "db down");
  EXPECT_EQ(parsed[1]["labels"]["operation"], "select");
}

TEST(json_timestamp, rfc3339_utc_with_milliseconds) {
  const auto format = [](system_clock::time_point time) {
    std::string out;
    schemetric::detail::append_json_timestamp(out, time);
    return out;
  };
  EXPECT_EQ(format(system_clock::time_point{}), "\"1970-01-01T00:00:00.000Z\"");
  EXPECT_EQ(format(system_clock::time_point{} + 951'782'400'000ms + 999us),
            "\"2000-02-29T00:00:00.000Z\"");  // rounded down; a leap day
  EXPECT_EQ(format(system_clock::time_point{} + 4'102'444'799'999ms),
            "\"2099-12-31T23:59:59.999Z\"");
  EXPECT_EQ(format(system_clock::time_point{} - 1ms), "\"1969-12-31T23:59:59.999Z\"");
}

}  // namespace
