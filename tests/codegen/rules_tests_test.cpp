// Tests of the generated promtool tests: what Prometheus computes from test series (rates,
// histogram_quantile, `for`), promtool's series notation, and the cases made for each alert.
// promtool itself runs the generated tests in tests/rules/.
#include "rules/tests.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "rules/test_series.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen::rules {
namespace {

using namespace std::chrono_literals;
using codegen::testing::parse_valid;

TEST(TestSeries, CountersGrowThroughPhasesThenStayFlat) {
  const std::array<rate_phase, 2> phases{rate_phase{2min, 1}, rate_phase{1min, 10}};
  EXPECT_EQ(counter_samples(phases, 1min, 5min),
            (std::vector<double>{0, 60, 120, 720, 720, 720}));
}

TEST(TestSeries, ExpandingNotationFoldsRunsAndOmitsSparseSamples) {
  const std::vector<double> samples{0, 60, 120, 720, 720, 720, 721};
  EXPECT_EQ(expanding_notation(samples), "0+60x2 720x2 721");
  // Before sample 4 only every second sample is given.
  EXPECT_EQ(expanding_notation(samples, 4, 2), "0 _x1 120 _x1 720x1 721");
  const std::vector<double> fractions{0, 0.1, 0.2, 0.30000000000000004};
  // promtool adds the step again and again: 0.1 + 0.1 + 0.1 is 0.30000000000000004.
  EXPECT_EQ(expanding_notation(fractions), "0+0.1x3");
}

TEST(TestSeries, RatesAreTheIncreaseOverTheWindow) {
  const std::array<rate_phase, 1> phases{rate_phase{10min, 2}};
  const std::vector<double> samples = counter_samples(phases, 1min, 10min);
  EXPECT_EQ(prometheus_rate(samples, 10, 5min, 1min), 2);
  // A window reaching before the first sample: the increase since it, over the whole window.
  EXPECT_EQ(prometheus_rate(samples, 2, 5min, 1min), 240.0 / 300);
}

TEST(TestSeries, BucketQuantileInterpolatesAsPrometheus) {
  // promql/quantile.go: linear within the bucket, the +Inf bucket gives the largest bound.
  const std::vector<std::pair<double, double>> buckets{
      {0.1, 50}, {0.5, 90}, {1, 100}, {std::numeric_limits<double>::infinity(), 100}};
  EXPECT_EQ(bucket_quantile(0.5, buckets), 0.1);
  EXPECT_DOUBLE_EQ(bucket_quantile(0.7, buckets), 0.1 + 0.4 * (20.0 / 40));
  EXPECT_EQ(bucket_quantile(0.25, buckets), 0.05);
  const std::vector<std::pair<double, double>> overflowing{
      {0.1, 0}, {1, 10}, {std::numeric_limits<double>::infinity(), 100}};
  EXPECT_EQ(bucket_quantile(0.95, overflowing), 1);
  EXPECT_TRUE(std::isnan(bucket_quantile(
      0.5, std::vector<std::pair<double, double>>{{1, 0}, {std::numeric_limits<double>::infinity(), 0}})));
}

TEST(TestSeries, ForHoldsFromTheFirstEvaluationThatHolds) {
  const auto from_ten = [](std::chrono::milliseconds t) { return t >= 10min; };
  const auto fired = first_firing(from_ten, 5min, 5min, 1h);
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->active, 10min);
  EXPECT_EQ(fired->fires, 15min);
  EXPECT_EQ(first_firing(from_ten, 0min, 5min, 1h)->fires, 10min);
  // Interrupted: it starts over.
  const auto flapping = [](std::chrono::milliseconds t) { return t != 15min && t >= 10min; };
  EXPECT_EQ(first_firing(flapping, 5min, 5min, 1h)->fires, 25min);
  EXPECT_FALSE(first_firing(from_ten, 1h, 5min, 1h));
}

constexpr std::string_view service = R"(schemetric: 1
name: svc
labels:
  status: {kind: status}
  route: {kind: route, routes: [/a, /b]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [route, status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, labels: [route], buckets: [1]}
  stamp: {type: gauge, help: A time.}
trackers:
  request: {kind: http, labels: [route], duration: request_seconds, count: requests_total, outcome_label: status}
)";

std::vector<std::string> names_of(const test_plan& plan) {
  std::vector<std::string> names;
  for (const test_case& test : plan.cases) names.push_back(test.name);
  return names;
}

TEST(GeneratedTests, ARatioAlertFiresJustAboveItsThresholdPerGroupAndNotOnTheOtherSide) {
  const schema model = parse_valid(std::string{service} + R"(alerts:
  Errors:
    ratio: {tracker: request}
    above: 0.05
    by: [route]
    for: 10m
    min_rate: 1
    severity: critical
    summary: Requests fail.
    description: "{{ $value | humanizePercentage }} of {{ $labels.route }}"
)");
  const test_plan tests = plan_tests(model, plan_rules(model));
  EXPECT_EQ(names_of(tests),
            (std::vector<std::string>{"Errors fires just above 0.05 once its window fills",
                                      "Errors stays quiet just on the other side of 0.05",
                                      "Errors stays quiet below 1 events per second"}));
  const test_case& fire = tests.cases[0];
  // Two groups: /a fails just above 5 %, /b just below; each has a failing and a passing series.
  ASSERT_EQ(fire.inputs.size(), 4u);
  EXPECT_EQ(fire.inputs[0].series,
            "requests_total{job=\"svc\", instance=\"service-1\", route=\"/a\", status=\"5xx\"}");
  EXPECT_EQ(fire.inputs[1].series,
            "requests_total{job=\"svc\", instance=\"service-1\", route=\"/a\", status=\"1xx\"}");
  EXPECT_EQ(fire.inputs[2].series,
            "requests_total{job=\"svc\", instance=\"service-1\", route=\"/b\", status=\"5xx\"}");
  // Calm for two windows (10 minutes), then 51 of 1,000 requests per second fail.
  EXPECT_EQ(fire.inputs[0].values, "0x10 3060+3060x14");
  ASSERT_EQ(fire.checks.size(), 2u);
  // The window fills at 15m, `for` holds 10 minutes: it fires at 25m, not at 20m.
  EXPECT_EQ(fire.checks[0].at, 20min);
  EXPECT_TRUE(fire.checks[0].alerts.empty());
  EXPECT_EQ(fire.checks[1].at, 25min);
  ASSERT_EQ(fire.checks[1].alerts.size(), 1u);
  EXPECT_EQ(fire.checks[1].alerts[0].labels,
            (label_list{{"job", "svc"}, {"route", "/a"}, {"severity", "critical"}}));
  EXPECT_EQ(fire.checks[1].alerts[0].annotations,
            (label_list{{"summary", "Requests fail."},
                        {"description", "5.1% of /a"},
                        {"runbook_url", "svc.md#alert-errors"}}));
  EXPECT_EQ(tests.cases[1].inputs[0].values, "0x10 3000+3000x14");
  EXPECT_TRUE(tests.cases[1].checks[0].alerts.empty());
}

TEST(GeneratedTests, RawAlertsTakeTheirTestsFromTheSchema) {
  const schema model = parse_valid(std::string{service} + R"(alerts:
  Stale:
    expr: time() - stamp > 60
    severity: warning
    summary: Stale.
    description: "{{ $value }} s on {{ $labels.instance }}"
    tests:
      - series: {'stamp{instance="other"}': '0x10'}
        at: 5m
        alerts: [{labels: {instance: other, job: svc}, value: 300}]
)");
  const test_plan tests = plan_tests(model, plan_rules(model));
  ASSERT_EQ(tests.cases.size(), 1u);
  // The job's label is added, the instance given is kept.
  EXPECT_EQ(tests.cases[0].inputs[0].series, "stamp{instance=\"other\", job=\"svc\"}");
  EXPECT_EQ(tests.cases[0].checks[0].alerts[0].labels,
            (label_list{{"instance", "other"}, {"job", "svc"}, {"severity", "warning"}}));
  EXPECT_EQ(tests.cases[0].checks[0].alerts[0].annotations[1].second, "300 s on other");
}

TEST(GeneratedTests, AnSloIsTestedPerWindowAndPerBurnThreshold) {
  const schema model = parse_valid(std::string{service} + R"(slos:
  availability:
    objective: 99.9
    ratio: {tracker: request}
)");
  const test_plan tests = plan_tests(model, plan_rules(model));
  EXPECT_EQ(
      names_of(tests),
      (std::vector<std::string>{
          "SLO availability: the error ratio of each window over changing traffic",
          "SLO availability: errors 5 % above the 1h and 5m burn threshold",
          "SLO availability: errors 5 % below the 1h and 5m burn threshold",
          "SLO availability: errors 5 % above the 6h and 30m burn threshold",
          "SLO availability: errors 5 % below the 6h and 30m burn threshold",
          "SLO availability: errors 5 % above the 1d and 2h burn threshold",
          "SLO availability: errors 5 % below the 1d and 2h burn threshold",
          "SLO availability: errors 5 % above the 3d and 6h burn threshold",
          "SLO availability: errors 5 % below the 3d and 6h burn threshold",
          "SLO availability: missing events are an alert"}));
  // Every window's error ratio, and the budget remaining, are checked.
  EXPECT_EQ(tests.cases[0].expression_checks.size(), 8u);
  // Just above the page threshold of 1h and 5m, that alert fires; just below, it does not.
  const auto has_page = [](const test_case& test) {
    return std::any_of(test.checks[0].alerts.begin(), test.checks[0].alerts.end(),
                       [](const expected_alert& alert) {
                         return std::find(alert.labels.begin(), alert.labels.end(),
                                          std::pair<std::string, std::string>{"long_window",
                                                                              "1h"}) !=
                                alert.labels.end();
                       });
  };
  EXPECT_TRUE(has_page(tests.cases[1]));
  EXPECT_FALSE(has_page(tests.cases[2]));
}

}  // namespace
}  // namespace schemetric::codegen::rules
