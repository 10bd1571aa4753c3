// Tests of the rule plan: groups, recording names by the level:metric:operations convention, the
// PromQL of each kind of alert and of an SLO's rules.
#include "rules/plan.hpp"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen::rules {
namespace {

using codegen::testing::parse_valid;

constexpr std::string_view service = R"(schemetric: 1
name: shop
prometheus: {job: shop_api, runbook_base_url: "https://docs.example.com/"}
labels:
  status: {kind: status}
  route: {kind: route, routes: ["/a/{id}", /b]}
  pool_state: {values: [in_use, idle]}
  component: {values: [api, db]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [route, status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, labels: [route], buckets: [0.1, 1]}
  pool_connections: {type: gauge, help: Connections., labels: [pool_state]}
  pool_max: {type: gauge, help: Most connections.}
  health: {type: stateset, help: Health., labels: [component], states: [healthy, unhealthy]}
trackers:
  request:
    kind: http
    labels: [route]
    duration: request_seconds
    count: requests_total
    outcome_label: status
)";

std::string with(std::string_view more) {
  return std::string{service} + std::string{more};
}

const alerting_rule& only_alert(const rule_plan& plan, std::string_view name) {
  const auto found = plan.alerting_rules(name);
  EXPECT_EQ(found.size(), 1u) << name;
  return *found.front();
}

TEST(RulePlan, TrackersGetTheirFailureRatioAndLatencyQuantiles) {
  const schema model = parse_valid(service);
  const rule_plan plan = plan_rules(model);
  ASSERT_EQ(plan.groups.size(), 1u);
  EXPECT_EQ(plan.groups[0].name, "shop.tracker.request");
  const auto* ratio =
      plan.recording("job:requests_status_5xx_per_requests:ratio_rate5m");
  ASSERT_NE(ratio, nullptr);
  EXPECT_EQ(ratio->expr.text(),
            "sum by (job) (rate(requests_total{job=\"shop_api\", status=\"5xx\"}[5m])) / sum by "
            "(job) (rate(requests_total{job=\"shop_api\"}[5m]))");
  const auto* buckets = plan.recording("job:request_seconds_bucket:rate5m");
  ASSERT_NE(buckets, nullptr);
  EXPECT_EQ(buckets->expr.text(),
            "sum by (job, le) (rate(request_seconds_bucket{job=\"shop_api\"}[5m]))");
  for (const char* q : {"0.5", "0.95", "0.99"}) {
    const auto* quantile =
        plan.recording("job:request_seconds:quantile_rate5m", {{"quantile", q}});
    ASSERT_NE(quantile, nullptr) << q;
    EXPECT_EQ(quantile->expr.text(),
              std::string("histogram_quantile(") + q + ", job:request_seconds_bucket:rate5m)");
  }
}

TEST(RulePlan, EachKindOfAlertHasItsExpression) {
  const schema model = parse_valid(with(R"(alerts:
  Errors:
    ratio: {tracker: request}
    above: 0.05
    by: [route]
    min_rate: 2
    for: 5m
    severity: critical
    summary: S.
    description: "{{ $labels.route }}"
  Slow:
    quantile: {metric: request_seconds, quantile: 0.9, match: {route: "/a/{id}"}}
    above: 0.5
    severity: warning
    summary: S.
    description: D {{ $value }}.
  Pool:
    gauge: {metric: pool_connections, match: {pool_state: in_use}, divided_by: {metric: pool_max}}
    above: 0.9
    severity: warning
    summary: S.
    description: D {{ $value }}.
  Sick:
    state: {metric: health, state: unhealthy}
    by: [component]
    severity: critical
    summary: S.
    description: D {{ $value }}.
  Down:
    absent: target
    severity: critical
    summary: S.
    description: D {{ $value }}.
  Gone:
    absent: {metric: request_seconds}
    severity: info
    summary: S.
    description: D {{ $value }}.
)"));
  const rule_plan plan = plan_rules(model);
  ASSERT_EQ(plan.groups.size(), 2u);
  EXPECT_EQ(plan.groups[1].name, "shop.alerts");

  const alerting_rule& errors = only_alert(plan, "Errors");
  EXPECT_EQ(errors.expr.text(),
            "job_route:requests_status_5xx_per_requests:ratio_rate5m > 0.05 and "
            "job_route:requests:rate5m >= 2");
  EXPECT_EQ(errors.for_duration, std::chrono::minutes(5));
  EXPECT_EQ(errors.labels, (label_list{{"severity", "critical"}}));
  EXPECT_EQ(errors.runbook_url, "https://docs.example.com/shop.md#alert-errors");
  EXPECT_EQ(plan.recording("job_route:requests_status_5xx_per_requests:ratio_rate5m")->expr.text(),
            "sum by (job, route) (rate(requests_total{job=\"shop_api\", status=\"5xx\"}[5m])) / "
            "sum by (job, route) (rate(requests_total{job=\"shop_api\"}[5m]))");
  EXPECT_EQ(plan.recording("job_route:requests:rate5m")->expr.text(),
            "sum by (job, route) (rate(requests_total{job=\"shop_api\"}[5m]))");

  EXPECT_EQ(only_alert(plan, "Slow").expr.text(),
            "job:request_seconds_route_a_id:quantile_rate5m{quantile=\"0.9\"} > 0.5");
  EXPECT_EQ(plan.recording("job:request_seconds_bucket_route_a_id:rate5m")->expr.text(),
            "sum by (job, le) (rate(request_seconds_bucket{job=\"shop_api\", "
            "route=\"/a/{id}\"}[5m]))");

  EXPECT_EQ(only_alert(plan, "Pool").expr.text(),
            "job_instance:pool_connections_pool_state_in_use_per_pool_max:ratio > 0.9");
  EXPECT_EQ(
      plan.recording("job_instance:pool_connections_pool_state_in_use_per_pool_max:ratio")
          ->expr.text(),
      "sum by (job, instance) (pool_connections{job=\"shop_api\", pool_state=\"in_use\"}) / sum "
      "by (job, instance) (pool_max{job=\"shop_api\"})");

  EXPECT_EQ(only_alert(plan, "Sick").expr.text(),
            "max by (job, instance, component) (health{job=\"shop_api\", "
            "health=\"unhealthy\"}) == 1");
  EXPECT_EQ(only_alert(plan, "Down").expr.text(),
            "up{job=\"shop_api\"} == 0 or absent(up{job=\"shop_api\"})");
  EXPECT_EQ(only_alert(plan, "Gone").expr.text(),
            "absent(request_seconds_count{job=\"shop_api\"})");
}

TEST(RulePlan, AGaugeDividedByAGaugeWithTheByLabelsMatchesThem) {
  const schema model = parse_valid(R"(schemetric: 1
name: s
labels:
  pool: {values: [a, b]}
metrics:
  used: {type: gauge, help: Used., labels: [pool]}
  size: {type: gauge, help: Size., labels: [pool]}
alerts:
  Full:
    gauge: {metric: used, divided_by: {metric: size}}
    above: 0.9
    by: [pool]
    severity: warning
    summary: S.
    description: "{{ $labels.pool }}"
)");
  const rule_plan plan = plan_rules(model);
  EXPECT_EQ(plan.recording("job_instance_pool:used_per_size:ratio")->expr.text(),
            "sum by (job, instance, pool) (used{job=\"s\"}) / sum by (job, instance, pool) "
            "(size{job=\"s\"})");
}

TEST(RulePlan, AnSloHasItsWindowsBudgetAndBurnAlerts) {
  const schema model = parse_valid(with(R"(slos:
  availability:
    objective: 99.9
    ratio: {tracker: request}
    min_rate: 0.5
  latency:
    objective: 99
    period: 28d
    latency: {metric: request_seconds, threshold: 1}
)"));
  const rule_plan plan = plan_rules(model);
  ASSERT_EQ(plan.groups.size(), 3u);
  EXPECT_EQ(plan.groups[1].name, "shop.slo.availability");
  for (const char* window : {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"}) {
    const auto* recording =
        plan.recording(std::string("job:slo_availability_errors:ratio_rate") + window);
    ASSERT_NE(recording, nullptr) << window;
    EXPECT_EQ(recording->expr.text(),
              std::string("sum by (job) (rate(requests_total{job=\"shop_api\", status=\"5xx\"}[") +
                  window + "])) / sum by (job) (rate(requests_total{job=\"shop_api\"}[" + window +
                  "]))");
  }
  EXPECT_EQ(plan.recording("job:slo_availability:error_budget_remaining")->expr.text(),
            "1 - job:slo_availability_errors:ratio_rate30d / 0.001");
  const auto burns = plan.alerting_rules("AvailabilityErrorBudgetBurn");
  ASSERT_EQ(burns.size(), 4u);
  EXPECT_EQ(burns[0]->expr.text(),
            "job:slo_availability_errors:ratio_rate1h > 14.4 * 0.001 and "
            "job:slo_availability_errors:ratio_rate5m > 14.4 * 0.001 and job:requests:rate1h >= "
            "0.5");
  EXPECT_EQ(burns[0]->labels, (label_list{{"severity", "critical"},
                                          {"slo", "availability"},
                                          {"long_window", "1h"},
                                          {"short_window", "5m"}}));
  EXPECT_EQ(burns[3]->labels[0].second, "warning");
  EXPECT_EQ(burns[3]->labels[2].second, "3d");
  EXPECT_EQ(burns[0]->runbook_url, "https://docs.example.com/shop.md#slo-availability");
  EXPECT_EQ(only_alert(plan, "AvailabilityEventsAbsent").expr.text(),
            "absent(requests_total{job=\"shop_api\"})");

  EXPECT_EQ(plan.recording("job:slo_latency_errors:ratio_rate5m")->expr.text(),
            "(sum by (job) (rate(request_seconds_count{job=\"shop_api\"}[5m])) - sum by (job) "
            "(rate(request_seconds_bucket{job=\"shop_api\", le=\"1.0\"}[5m]))) / sum by (job) "
            "(rate(request_seconds_count{job=\"shop_api\"}[5m]))");
  EXPECT_EQ(plan.alerting_rules("LatencyErrorBudgetBurn")[1]->expr.text(),
            "job:slo_latency_errors:ratio_rate6h > 5.6 * 0.01 and "
            "job:slo_latency_errors:ratio_rate30m > 5.6 * 0.01");
}

TEST(RulePlan, BurnFactorsSpendTheBudgetShareInTheLongWindow) {
  const auto period = [](int days) { return std::chrono::milliseconds(std::chrono::hours(24 * days)); };
  EXPECT_EQ(burn_factor(burn_windows[0], period(30)), 14.4);
  EXPECT_EQ(burn_factor(burn_windows[1], period(30)), 6);
  EXPECT_EQ(burn_factor(burn_windows[2], period(30)), 3);
  EXPECT_EQ(burn_factor(burn_windows[3], period(30)), 1);
  EXPECT_EQ(burn_factor(burn_windows[0], period(28)), 13.44);
  EXPECT_EQ(burn_factor(burn_windows[1], period(7)), 1.4);
}

TEST(RulePlan, GroupsHoldAtMostTwentyRules) {
  std::string alerts = "alerts:\n";
  for (int i = 0; i < 30; ++i) {
    alerts += "  Gauge" + std::to_string(i) +
              ":\n    gauge: {metric: pool_max}\n    above: " + std::to_string(i) +
              "\n    severity: info\n    summary: S.\n    description: D {{ $value }}.\n";
  }
  const rule_plan plan = plan_rules(parse_valid(with(alerts)));
  ASSERT_EQ(plan.groups.size(), 3u);
  EXPECT_EQ(plan.groups[1].name, "shop.alerts");
  EXPECT_EQ(plan.groups[1].rules.size(), 20u);
  EXPECT_EQ(plan.groups[2].name, "shop.alerts.2");
  EXPECT_EQ(plan.groups[2].rules.size(), 10u);
}

}  // namespace
}  // namespace schemetric::codegen::rules
