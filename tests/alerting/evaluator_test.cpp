// Tests of the in-process alert evaluator with a driven clock, against the generated registry
// and alert definitions of watched.yaml: every kind goes pending, fires after `for`, resolves;
// `by:` labels give one alert per label set; overrides by environment; history, JSON, hooks.
#include "schemetric/alerting/evaluator.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "schemetric/alerting/monitoring_json.hpp"
#include "schemetric/alerting/monitoring_source.hpp"
#include "schemetric/event_log.hpp"
#include "schemetric/registry_source.hpp"
#include "schemetric/text_writer.hpp"
#include "watched_metrics.hpp"

namespace {

using schemetric::alerting::active_alert;
using schemetric::alerting::alert_state;
using schemetric::alerting::evaluator;
using schemetric::alerting::evaluator_options;
using schemetric::alerting::transition;

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t start = 1'764'000'000'000;  // a Unix time in ms

// No environment: the schema's values.
evaluator_options quiet_options() {
  evaluator_options options;
  options.environment = nullptr;
  return options;
}

// The state of alert `name` for the label set whose `by` values are `labels` ("" for none).
struct found {
  bool active = false;
  active_alert alert;
};

found find(const evaluator& e, std::string_view name, const std::string& label_value = "") {
  for (const active_alert& a : e.active()) {
    if (a.name != name) continue;
    if (!label_value.empty() && (a.labels.empty() || a.labels[0].second != label_value)) continue;
    return {true, a};
  }
  return {};
}

class Evaluator : public ::testing::Test {
 protected:
  std::unique_ptr<watched::registry> reg = std::make_unique<watched::registry>();
  std::int64_t now = start;

  // Evaluates once a minute for `minutes`, calling `step` before each evaluation.
  template <class Step>
  void run(evaluator& e, int minutes, Step step) {
    for (int i = 0; i < minutes; ++i) {
      step();
      e.evaluate(now);
      now += minute;
    }
  }
};

TEST_F(Evaluator, RatioGoesPendingFiresAfterForAndResolvesPerRoute) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  using watched::route;
  using watched::status;
  auto ok_a = reg->requests_total({.route = route::a, .status = status::ok});
  auto error_a = reg->requests_total({.route = route::a, .status = status::error});
  auto ok_b = reg->requests_total({.route = route::b, .status = status::ok});
  // Healthy traffic on both routes: no alert.
  run(e, 6, [&] {
    ok_a.inc(100);
    ok_b.inc(100);
  });
  EXPECT_FALSE(find(e, "RouteErrors").active);
  // Route a fails half of the time: pending at once, firing after `for: 2m`, route b quiet.
  run(e, 1, [&] {
    ok_a.inc(100);
    error_a.inc(100);
    ok_b.inc(100);
  });
  found a = find(e, "RouteErrors", "a");
  ASSERT_TRUE(a.active);
  EXPECT_EQ(a.alert.state, alert_state::pending);
  EXPECT_EQ(a.alert.labels, (schemetric::alerting::label_pairs{{"route", "a"}}));
  EXPECT_GT(a.alert.value, 0.1);
  EXPECT_FALSE(find(e, "RouteErrors", "b").active);
  run(e, 2, [&] {
    ok_a.inc(100);
    error_a.inc(100);
    ok_b.inc(100);
  });
  a = find(e, "RouteErrors", "a");
  ASSERT_TRUE(a.active);
  EXPECT_EQ(a.alert.state, alert_state::firing);
  EXPECT_EQ(a.alert.firing_since_ms - a.alert.active_since_ms, 2 * minute);
  // Errors stop: once the 5-minute window no longer holds enough of them, it resolves.
  run(e, 8, [&] {
    ok_a.inc(100);
    ok_b.inc(100);
  });
  EXPECT_FALSE(find(e, "RouteErrors").active);
  std::vector<std::pair<alert_state, alert_state>> changes;
  for (const transition& t : e.transitions()) {
    if (t.name == "RouteErrors") changes.emplace_back(t.from, t.to);
  }
  EXPECT_EQ(changes, (std::vector<std::pair<alert_state, alert_state>>{
                         {alert_state::inactive, alert_state::pending},
                         {alert_state::pending, alert_state::firing},
                         {alert_state::firing, alert_state::inactive}}));
}

TEST_F(Evaluator, RatioBelowWithMinRateAndNoFor) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  auto ok = reg->requests_total({.route = watched::route::a, .status = watched::status::ok});
  auto error = reg->requests_total({.route = watched::route::a, .status = watched::status::error});
  // Below min_rate (0.05/s, 3 a minute): no alert, however bad the ratio.
  run(e, 6, [&] { error.inc(2); });
  EXPECT_FALSE(find(e, "FewSuccesses").active);
  // Enough traffic, a third succeeds: fires at once (no `for`).
  run(e, 6, [&] {
    ok.inc(10);
    error.inc(20);
  });
  const found few = find(e, "FewSuccesses");
  ASSERT_TRUE(few.active);
  EXPECT_EQ(few.alert.state, alert_state::firing);
  EXPECT_NEAR(few.alert.value, 1.0 / 3, 1e-9);
}

TEST_F(Evaluator, QuantileInterpolatesAsPrometheusAndGroupsByRoute) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  auto a = reg->latency_seconds({.route = watched::route::a});
  auto b = reg->latency_seconds({.route = watched::route::b});
  // Route a: all in (0.5, 1]; route b: all below 0.1.
  run(e, 8, [&] {
    for (int i = 0; i < 10; ++i) a.observe(0.7);
    for (int i = 0; i < 30; ++i) b.observe(0.05);
  });
  // p50 of route a: in bucket (0.5, 1], rank 0.5 of it: 0.75; of route b: 0.05.
  const found slow_a = find(e, "SlowRoute", "a");
  ASSERT_TRUE(slow_a.active);
  EXPECT_NEAR(slow_a.alert.value, 0.75, 1e-12);
  EXPECT_EQ(slow_a.alert.state, alert_state::firing);
  EXPECT_FALSE(find(e, "SlowRoute", "b").active);
  // p90 over both routes: 40 observations, rank 36 in bucket (0.5, 1] holding the last 10:
  // 0.5 + 0.5 * (36 - 30) / 10 = 0.8.
  const found slow = find(e, "SlowRequests");
  ASSERT_TRUE(slow.active);
  EXPECT_NEAR(slow.alert.value, 0.8, 1e-12);
}

TEST_F(Evaluator, QuantileInTheInfBucketIsTheLargestBound) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  auto a = reg->latency_seconds({.route = watched::route::a});
  run(e, 3, [&] { a.observe(5); });
  const found slow = find(e, "SlowRequests");
  ASSERT_TRUE(slow.active);
  EXPECT_EQ(slow.alert.value, 1.0);
}

TEST_F(Evaluator, QuantileWithoutObservationsIsNoAlert) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  run(e, 10, [] {});
  EXPECT_FALSE(find(e, "SlowRequests").active);
  EXPECT_FALSE(find(e, "SlowRoute").active);
}

TEST_F(Evaluator, GaugeDividedByAnotherAndStateset) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  reg->pool_max_connections().set(10.0);
  reg->queue_depth().set(5.0);
  reg->pool_connections({.pool_state = watched::pool_state::in_use}).set(9.0);
  reg->health({.component = watched::component::db}).set(watched::health_state::unhealthy);
  run(e, 1, [] {});
  found busy = find(e, "PoolBusy");
  ASSERT_TRUE(busy.active);
  EXPECT_EQ(busy.alert.state, alert_state::pending);
  EXPECT_DOUBLE_EQ(busy.alert.value, 0.9);
  found unhealthy = find(e, "ComponentUnhealthy", "db");
  ASSERT_TRUE(unhealthy.active);
  EXPECT_EQ(unhealthy.alert.state, alert_state::pending);
  EXPECT_FALSE(find(e, "ComponentUnhealthy", "cache").active);
  EXPECT_FALSE(find(e, "QueueEmpty").active);
  run(e, 2, [] {});
  EXPECT_EQ(find(e, "PoolBusy").alert.state, alert_state::firing);
  EXPECT_EQ(find(e, "ComponentUnhealthy", "db").alert.state, alert_state::firing);
  // Recovers: both resolve at the next evaluation; an empty queue fires at once.
  reg->pool_connections({.pool_state = watched::pool_state::in_use}).set(2.0);
  reg->health({.component = watched::component::db}).set(watched::health_state::healthy);
  reg->queue_depth().set(0.0);
  run(e, 1, [] {});
  EXPECT_FALSE(find(e, "PoolBusy").active);
  EXPECT_FALSE(find(e, "ComponentUnhealthy").active);
  EXPECT_EQ(find(e, "QueueEmpty").alert.state, alert_state::firing);
}

TEST_F(Evaluator, ProcessMetricsAreReadFromProc) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  run(e, 1, [] {});
  const found limit = find(e, "FileDescriptorLimit");
  ASSERT_TRUE(limit.active);
  EXPECT_EQ(limit.alert.value, *schemetric::read_process_metrics().max_fds);
}

TEST_F(Evaluator, PendingThatEndsBeforeForNeverFires) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  reg->pool_max_connections().set(10.0);
  reg->pool_connections({.pool_state = watched::pool_state::in_use}).set(9.0);
  run(e, 1, [] {});
  reg->pool_connections({.pool_state = watched::pool_state::in_use}).set(1.0);
  run(e, 3, [] {});
  std::vector<std::pair<alert_state, alert_state>> changes;
  for (const transition& t : e.transitions()) {
    if (t.name == "PoolBusy") changes.emplace_back(t.from, t.to);
  }
  EXPECT_EQ(changes, (std::vector<std::pair<alert_state, alert_state>>{
                         {alert_state::inactive, alert_state::pending},
                         {alert_state::pending, alert_state::inactive}}));
}

// The environment, as a map (std::getenv is process-wide).
std::map<std::string, std::string>* fake_environment = nullptr;
const char* fake_getenv(const char* name) {
  const auto it = fake_environment->find(name);
  return it == fake_environment->end() ? nullptr : it->second.c_str();
}

TEST_F(Evaluator, EnvironmentOverridesThresholdsEnablementAndInterval) {
  std::map<std::string, std::string> environment{{"SCHEMETRIC_ALERT_POOL_BUSY_THRESHOLD", "0.95"},
                                                 {"SCHEMETRIC_ALERT_QUEUE_EMPTY_ENABLED", "false"},
                                                 {"SCHEMETRIC_ALERT_SLOW_ROUTE_THRESHOLD", "fast"},
                                                 {"SCHEMETRIC_ALERT_ROUTE_ERRORS_ENABLED", "maybe"},
                                                 {"SCHEMETRIC_ALERT_COMPONENT_UNHEALTHY_FOR", "0s"},
                                                 {"SCHEMETRIC_ALERT_POOL_BUSY_FOR", "a while"},
                                                 {"SCHEMETRIC_ALERT_INTERVAL", "15s"}};
  fake_environment = &environment;
  evaluator_options defaults;
  defaults.environment = &fake_getenv;
  evaluator e(*reg, watched::alerts::all, schemetric::alerting::from_environment(defaults));
  EXPECT_EQ(e.options().interval, std::chrono::seconds(15));
  std::map<std::string_view, schemetric::alerting::configured_alert> by_name;
  for (const auto& c : e.configuration()) by_name[c.alert->name] = c;
  EXPECT_EQ(by_name["PoolBusy"].threshold, 0.95);
  EXPECT_FALSE(by_name["QueueEmpty"].enabled);
  EXPECT_EQ(by_name["SlowRoute"].threshold, 0.2);  // the bad value is not taken
  EXPECT_TRUE(by_name["RouteErrors"].enabled);
  EXPECT_EQ(by_name["ComponentUnhealthy"].for_ms, 0);
  EXPECT_EQ(by_name["PoolBusy"].for_ms, 120'000);
  ASSERT_EQ(e.configuration_problems().size(), 3u);
  EXPECT_EQ(e.configuration_problems()[2],
            "SCHEMETRIC_ALERT_POOL_BUSY_FOR=\"a while\" is not a duration from 0s to 7d (e.g. 30s, "
            "5m); the schema's 120s is kept");
  EXPECT_EQ(e.configuration_problems()[0],
            "SCHEMETRIC_ALERT_ROUTE_ERRORS_ENABLED=\"maybe\" is not true or false (also 1/0, "
            "yes/no, on/off); the alert stays enabled");
  EXPECT_EQ(e.configuration_problems()[1],
            "SCHEMETRIC_ALERT_SLOW_ROUTE_THRESHOLD=\"fast\" is not a finite number; the schema's "
            "threshold 0.2 is kept");
  // 0.9 is below the new threshold; the queue is empty but its alert is off.
  reg->pool_max_connections().set(10.0);
  reg->pool_connections({.pool_state = watched::pool_state::in_use}).set(9.0);
  reg->health({.component = watched::component::db}).set(watched::health_state::unhealthy);
  run(e, 1, [] {});
  EXPECT_EQ(find(e, "ComponentUnhealthy", "db").alert.state, alert_state::firing);  // for: 0s
  run(e, 2, [] {});
  EXPECT_FALSE(find(e, "PoolBusy").active);
  EXPECT_FALSE(find(e, "QueueEmpty").active);
  EXPECT_EQ(e.status().enabled, e.status().configured - 1);

  environment = {{"SCHEMETRIC_ALERT_INTERVAL", "10"}};
  EXPECT_EQ(schemetric::alerting::from_environment(defaults).interval, std::chrono::seconds(10));
  for (const char* bad : {"0", "-1s", "2d", "soon", "50ms", "25h", ""}) {
    environment = {{"SCHEMETRIC_ALERT_INTERVAL", bad}};
    const evaluator_options options = schemetric::alerting::from_environment(defaults);
    EXPECT_EQ(options.interval, std::chrono::seconds(60)) << bad;
    ASSERT_EQ(options.problems.size(), 1u) << bad;
  }
  fake_environment = nullptr;
}

TEST_F(Evaluator, HistoryIsBoundedAndFiltersByTime) {
  evaluator_options options = quiet_options();
  options.history = 4;
  evaluator e(*reg, watched::alerts::all, options);
  auto depth = reg->queue_depth();
  // The empty queue fires and resolves every other minute: two transitions each time.
  run(e, 10, [&, i = 0]() mutable { depth.set(i++ % 2 == 0 ? 0.0 : 5.0); });
  const std::vector<transition> kept = e.transitions();
  ASSERT_EQ(kept.size(), 4u);
  EXPECT_EQ(kept.back().time_ms, start + 9 * minute);
  EXPECT_EQ(e.transitions(start + 8 * minute).size(), 2u);
  EXPECT_EQ(e.status().transitions_kept, 4u);
  EXPECT_EQ(e.status().evaluations, 10u);
}

TEST_F(Evaluator, HooksSeeEveryTransitionAndOneThatThrowsIsCounted) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  std::vector<std::string> seen;
  e.on_transition([](const transition&) { throw std::runtime_error("hook failed"); });
  e.on_transition([&](const transition& t) {
    seen.push_back(std::string(t.name) + ":" + std::string(to_string(t.to)));
  });
  reg->queue_depth().set(0.0);
  run(e, 1, [] {});
  reg->queue_depth().set(3.0);
  run(e, 1, [] {});
  EXPECT_EQ(seen, (std::vector<std::string>{"QueueEmpty:firing", "FileDescriptorLimit:firing",
                                            "QueueEmpty:inactive"}));
  EXPECT_EQ(e.status().hook_failures, 3u);
}

TEST_F(Evaluator, TransitionsGoToTheInstalledEventLog) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  const std::string path = ::testing::TempDir() + "alerting_event_log.jsonl";
  std::remove(path.c_str());
  {
    schemetric::event_log log({.path = path});
    schemetric::event_log::install(&log);
    reg->health({.component = watched::component::cache}).set(watched::health_state::unhealthy);
    run(e, 2, [] {});
    reg->health({.component = watched::component::cache}).set(watched::health_state::healthy);
    run(e, 1, [] {});
    schemetric::event_log::install(nullptr);
  }
  std::ifstream file(path);
  std::vector<std::string> changes;
  for (std::string line; std::getline(file, line);) {
    const nlohmann::json event = nlohmann::json::parse(line);
    if (event["alert"] != "ComponentUnhealthy") continue;
    EXPECT_EQ(event["event"], "alert_transition");
    EXPECT_EQ(event["labels"]["component"], "cache");
    changes.push_back(std::string(event["from"]) + "->" + std::string(event["to"]) + ":" +
                      std::string(event["level"]));
  }
  EXPECT_EQ(changes, (std::vector<std::string>{"inactive->pending:info", "pending->firing:error",
                                               "firing->resolved:info"}));
  std::remove(path.c_str());
}

TEST_F(Evaluator, JsonDocumentsParseAndSayWhatHappened) {
  evaluator e(*reg, watched::alerts::all, quiet_options());
  reg->queue_depth().set(0.0);
  reg->health({.component = watched::component::cache}).set(watched::health_state::unhealthy);
  run(e, 2, [] {});
  std::string text;
  schemetric::alerting::write_status_json(e, text);
  const nlohmann::json status = nlohmann::json::parse(text);
  EXPECT_EQ(status["evaluations"], 2);
  EXPECT_EQ(status["alerts_configured"], 8);
  EXPECT_EQ(status["alerts_firing"], 3);  // with FileDescriptorLimit
  EXPECT_EQ(status["interval_seconds"], 60);
  EXPECT_EQ(status["alerts"][0]["name"], "RouteErrors");
  EXPECT_EQ(status["alerts"][0]["environment_prefix"], "SCHEMETRIC_ALERT_ROUTE_ERRORS");
  EXPECT_EQ(status["last_evaluation"], "2025-11-24T16:01:00.000Z");

  text.clear();
  schemetric::alerting::write_alerts_json(e, text, now, 24);
  const nlohmann::json alerts = nlohmann::json::parse(text);
  ASSERT_EQ(alerts["active"].size(), 3u);
  const nlohmann::json& queue = alerts["active"][0];
  EXPECT_EQ(queue["name"], "QueueEmpty");
  EXPECT_EQ(queue["state"], "firing");
  EXPECT_EQ(queue["severity"], "info");
  EXPECT_EQ(queue["value"], 0);
  EXPECT_EQ(queue["threshold"], 1);
  EXPECT_EQ(queue["labels"], nlohmann::json::object());
  const nlohmann::json& component = alerts["active"][1];
  EXPECT_EQ(component["labels"]["component"], "cache");
  EXPECT_EQ(component["state"], "firing");
  EXPECT_EQ(component["active_since"], "2025-11-24T16:00:00.000Z");
  EXPECT_EQ(component["firing_since"], "2025-11-24T16:01:00.000Z");
  ASSERT_EQ(alerts["transitions"].size(), 4u);
  EXPECT_EQ(alerts["transitions"][0]["to"], "firing");
  // Outside the hours asked for: none.
  text.clear();
  schemetric::alerting::write_alerts_json(e, text, now + 3 * 3'600'000, 1);
  EXPECT_TRUE(nlohmann::json::parse(text)["transitions"].empty());
}

TEST(EvaluatorMisuse, DefinitionsOfAnotherRegistryDisableWhatTheyCannotRead) {
  auto reg = std::make_unique<watched::registry>();
  static constexpr std::string_view route[] = {"route"};
  static constexpr schemetric::alerting::definition foreign[] = {
      {.name = "NoSuchNumerator",
       .env_name = "A",
       .first = {.metric = "nothing_total"},
       .second = {.metric = "requests_total"}},
      {.name = "NoSuchDenominator",
       .env_name = "B",
       .first = {.metric = "requests_total"},
       .second = {.metric = "nothing_total"},
       .by = route},
      {.name = "NoSuchDivisor",
       .env_name = "C",
       .kind = schemetric::alerting::alert_kind::gauge,
       .first = {.metric = "queue_depth"},
       .second = {.metric = "nothing"}}};
  evaluator_options options;
  options.environment = nullptr;
  evaluator e(*reg, foreign, options);
  ASSERT_EQ(e.configuration_problems().size(), 3u);
  EXPECT_EQ(e.configuration_problems()[1],
            "alert NoSuchDenominator: the registry has no counter, gauge, histogram or stateset "
            "named 'nothing_total'; the alert is not evaluated");
  EXPECT_EQ(e.status().enabled, 0u);
  reg->requests_total({.route = watched::route::a, .status = watched::status::error}).inc();
  e.evaluate(start);
  e.evaluate(start + minute);
  EXPECT_TRUE(e.active().empty());
}

TEST(MonitoringSource, ServesTheDocumentsAndRejectsBadHours) {
  auto reg = std::make_unique<watched::registry>();
  evaluator_options options;
  options.environment = nullptr;
  evaluator e(*reg, watched::alerts::all, options);
  schemetric::registry_source metrics(*reg);
  schemetric::alerting::monitoring_source source(metrics, e);
  std::string out;
  EXPECT_EQ(source.write_document("/monitoring/status", "", out), 200);
  EXPECT_EQ(nlohmann::json::parse(out)["alerts_configured"], 8);
  out.clear();
  EXPECT_EQ(source.write_document("/monitoring/alerts", "hours=168", out), 200);
  EXPECT_EQ(nlohmann::json::parse(out)["hours"], 168);
  for (const char* bad : {"hours=0", "hours=169", "hours=x", "hours=", "hours=1.5"}) {
    out.clear();
    EXPECT_EQ(source.write_document("/monitoring/alerts", bad, out), 400) << bad;
    EXPECT_EQ(nlohmann::json::parse(out)["error"], "hours must be a whole number from 1 to 168");
  }
  out.clear();
  EXPECT_EQ(source.write_document("/monitoring/nothing", "", out), 0);
  EXPECT_TRUE(out.empty());
}

// Evaluations (the evaluator's thread and direct calls) while two threads record and the
// documents and the exposition are read: for TSan, which runs every test.
TEST(EvaluatorThreads, EvaluationRacesWritersScrapesAndReaders) {
  auto reg = std::make_unique<watched::registry>();
  evaluator_options options;
  options.environment = nullptr;
  options.interval = std::chrono::milliseconds(100);
  evaluator e(*reg, watched::alerts::all, options);
  std::atomic<bool> done{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t) {
    writers.emplace_back([&] {
      while (!done.load()) {
        reg->requests_total({.route = watched::route::a, .status = watched::status::error}).inc();
        reg->latency_seconds({.route = watched::route::b}).observe(0.3);
        reg->queue_depth().set(0.0);
      }
    });
  }
  e.start();
  const schemetric::text_writer scrape(*reg);
  std::string text;
  for (int i = 0; i < 200; ++i) {
    e.evaluate_now();
    text.clear();
    scrape.write(text);
    text.clear();
    schemetric::alerting::write_alerts_json(
        e, text, evaluator::unix_ms(std::chrono::system_clock::now()), 1);
  }
  e.stop();
  done = true;
  for (std::thread& w : writers) w.join();
  EXPECT_GE(e.status().evaluations, 200u);
}

}  // namespace
