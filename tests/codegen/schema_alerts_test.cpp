// Tests of the `alerts:` section and the resolver's alert checks, with exact text and position.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "emit/rules/rules_emitter.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::parse_valid;

// A service every test adds its alerts to; its lines are 1 to 26, so the first alert of a test
// has its key on line 27.
std::string with_alerts(std::string_view alerts) {
  return std::string{R"(schemetric: 1
name: svc
labels:
  status: {kind: status}
  route: {kind: route, routes: [/a, /b]}
  outcome: {values: [success, error]}
  pool_state: {values: [in_use, idle]}
  component: {values: [api, db]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [route, status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, labels: [route], buckets: [0.1, 0.5, 1]}
  calls_total: {type: counter, help: Calls., labels: [outcome]}
  call_seconds: {type: histogram, help: Call durations., unit: seconds, buckets: [1]}
  pool_connections: {type: gauge, help: Connections., labels: [pool_state]}
  pool_max: {type: gauge, help: Most connections.}
  health: {type: stateset, help: Health., labels: [component], states: [healthy, unhealthy]}
  queue_summary_seconds: {type: summary, help: Waits., unit: seconds, quantiles: [0.5]}
trackers:
  request:
    kind: http
    labels: [route]
    duration: request_seconds
    count: requests_total
    outcome_label: status
  call: {kind: db, duration: call_seconds}
alerts:
)"} + testing::without_leading_newline(alerts);
}

TEST(AlertsSection, EveryKindGivesTheModel) {
  const schema model = parse_valid(with_alerts(R"(
  Errors:
    ratio: {tracker: request}
    above: 0.05
    for: 5m
    window: 10m
    min_rate: 0.5
    by: [route]
    severity: critical
    summary: Requests fail.
    description: "{{ $value | humanizePercentage }} of {{ $labels.route }} fail."
    runbook: Look at the logs.
  Slow:
    quantile: {metric: request_seconds, quantile: 0.95, match: {route: [/a, /b]}}
    below: 0.5
    severity: warning
    summary: Fast.
    description: "{{ $value }}"
  Pool:
    gauge: {metric: pool_connections, match: {pool_state: in_use}, divided_by: {metric: pool_max}}
    above: 0.9
    severity: info
    summary: Pool.
    description: "{{ $labels.instance }}"
  Unhealthy:
    state: {metric: health, state: unhealthy}
    by: [component]
    severity: critical
    summary: Unhealthy.
    description: "{{ $labels.component }}"
  Down:
    absent: target
    severity: critical
    summary: Down.
    description: "{{ $labels.instance }}"
  Raw:
    expr: sum(rate(requests_total{status="5xx"}[5m])) > 1
    severity: info
    summary: Raw.
    description: "{{ $value }}"
    tests:
      - series: {'requests_total{route="/a", status="5xx"}': '0+600x10'}
        at: 10m
        alerts: [{labels: {}, value: 10}]
)"));
  ASSERT_EQ(model.alerts.size(), 6u);
  const alert_definition& errors = model.alerts[0];
  EXPECT_EQ(errors.kind(), alert_kind::ratio);
  EXPECT_EQ(errors.threshold, 0.05);
  EXPECT_EQ(errors.compare, comparison::above);
  EXPECT_EQ(errors.for_duration, std::chrono::minutes(5));
  EXPECT_EQ(errors.window, std::chrono::minutes(10));
  EXPECT_EQ(errors.min_rate, 0.5);
  EXPECT_EQ(errors.level, severity::critical);
  EXPECT_EQ(errors.runbook, "Look at the logs.");
  ASSERT_EQ(errors.by.size(), 1u);
  EXPECT_EQ(errors.by[0].target, &model.labels[1]);
  // A tracker's failures: its count with the 5xx status class, over its count.
  const auto& ratio = std::get<ratio_indicator>(errors.indicator);
  EXPECT_EQ(ratio.tracker.target, &model.trackers[0]);
  EXPECT_EQ(ratio.numerator.metric.target, &model.metrics[0]);
  ASSERT_EQ(ratio.numerator.match.size(), 1u);
  EXPECT_EQ(ratio.numerator.match[0].label.name, "status");
  EXPECT_EQ(ratio.numerator.match[0].values, std::vector<std::string>{"5xx"});
  EXPECT_EQ(ratio.denominator.metric.target, &model.metrics[0]);
  EXPECT_TRUE(ratio.denominator.match.empty());
  const auto& slow = std::get<quantile_indicator>(model.alerts[1].indicator);
  EXPECT_EQ(slow.quantile, 0.95);
  EXPECT_EQ(slow.histogram.match[0].values, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(model.alerts[1].compare, comparison::below);
  const auto& pool = std::get<gauge_indicator>(model.alerts[2].indicator);
  EXPECT_EQ(pool.divided_by.metric.target, &model.metrics[5]);
  EXPECT_EQ(std::get<state_indicator>(model.alerts[3].indicator).state, "unhealthy");
  EXPECT_FALSE(std::get<absent_indicator>(model.alerts[4].indicator).metric.given());
  const auto& raw = std::get<raw_indicator>(model.alerts[5].indicator);
  ASSERT_EQ(raw.tests.size(), 1u);
  EXPECT_EQ(raw.tests[0].at, std::chrono::minutes(10));
  EXPECT_EQ(raw.tests[0].alerts[0].value, 10);
}

TEST(AlertsSection, ResultLabelsFollowTheKind) {
  const schema model = parse_valid(with_alerts(R"(
  Errors:
    ratio: {tracker: request}
    above: 0.05
    by: [route]
    severity: critical
    summary: Requests fail.
    description: "{{ $value }}"
  Pool:
    gauge: {metric: pool_connections}
    above: 9
    severity: info
    summary: Pool.
    description: "{{ $value }}"
  Slow:
    quantile: {metric: request_seconds, quantile: 0.9}
    above: 0.5
    severity: info
    summary: Slow.
    description: "{{ $value }}"
  Gone:
    absent: {metric: requests_total, match: {status: 5xx, route: [/a, /b]}}
    severity: info
    summary: Gone.
    description: "{{ $value }}"
)"));
  EXPECT_EQ(result_labels(model.alerts[0]), (std::vector<std::string>{"job", "route"}));
  EXPECT_EQ(result_labels(model.alerts[1]), (std::vector<std::string>{"job", "instance"}));
  EXPECT_EQ(result_labels(model.alerts[2]), (std::vector<std::string>{"job", "quantile"}));
  EXPECT_EQ(result_labels(model.alerts[3]), (std::vector<std::string>{"job", "status"}));
}

TEST(AlertsSection, EnvironmentNamesAreUpperSnakeCase) {
  EXPECT_EQ(environment_name("HighErrorRate"), "HIGH_ERROR_RATE");
  EXPECT_EQ(environment_name("AIRequestFailures"), "AI_REQUEST_FAILURES");
  EXPECT_EQ(environment_name("Http5xxErrors"), "HTTP5XX_ERRORS");
  EXPECT_EQ(environment_name("Up"), "UP");
  EXPECT_EQ(environment_name("TargetDown"), "TARGET_DOWN");
  EXPECT_EQ(environment_name("SLOBurn"), "SLO_BURN");
  EXPECT_EQ(environment_name("DiskIOHigh"), "DISK_IO_HIGH");
  EXPECT_TRUE(evaluated_in_process(alert_kind::state));
  EXPECT_FALSE(evaluated_in_process(alert_kind::absent));
  EXPECT_FALSE(evaluated_in_process(alert_kind::expr));
}

TEST(AlertsSection, TheReaderReportsEachMistakeWhereItIs) {
  EXPECT_EQ(errors_of(with_alerts(R"(
  high_errors:
    ratio: {tracker: request}
    above: 0.5
    severity: urgent
    summary: "{{ $value }} fail"
    description: "{{ $value | toUpper }}"
  Nothing:
    severity: info
    summary: S.
    description: D.
  Two:
    gauge: {metric: pool_max}
    state: {metric: health, state: healthy}
    above: 1
    below: 0
    window: 0s
    for: 5
    min_rate: 1
    severity: info
    summary: S.
    description: D.
)")),
            "s.yaml:27:3: error: invalid alert name 'high_errors': alert names are CamelCase (an "
            "uppercase letter, then letters and digits), e.g. 'HighErrors'\n"
            "s.yaml:30:15: error: unknown severity 'urgent' of alert 'high_errors'; expected "
            "'critical', 'warning' or 'info'\n"
            "s.yaml:31:14: error: the 'summary' of alert 'high_errors' has a template; a summary "
            "is one fixed line (Alertmanager groups by it): put values and labels in "
            "'description'\n"
            "s.yaml:32:18: error: the 'description' of alert 'high_errors': unsupported template "
            "action '{{ $value | toUpper }}'; supported are {{ $value }}, {{ $value | humanize }} "
            "(or humanize1024, humanizePercentage, humanizeDuration), {{ printf \"%.2f\" $value "
            "}} and {{ $labels.NAME }}\n"
            "s.yaml:34:5: error: alert 'Nothing' says nothing to watch; give exactly one of "
            "'ratio', 'quantile', 'gauge', 'state', 'absent' or 'expr'\n"
            "s.yaml:39:5: error: alert 'Two' has both 'gauge' and 'state'; an alert watches one "
            "thing: keep one, or make a second alert\n"
            "s.yaml:41:5: error: alert 'Two' has both 'above' and 'below'; give one threshold\n"
            "s.yaml:42:5: error: 'window' is only allowed on ratio and quantile alerts, but 'Two' "
            "is a 'gauge' alert; remove it\n"
            "s.yaml:42:13: error: 'window' of alert 'Two' must be longer than 0; rates are taken "
            "over it, e.g. '5m'\n"
            "s.yaml:43:10: error: 'for' of alert 'Two' must be a duration such as '30s', '5m', "
            "'1h30m' or '30d' (an integer and a unit: ms, s, m, h, d, w or y, largest unit "
            "first), found the number 5; add a unit, e.g. '5s' or '5m'\n"
            "s.yaml:44:5: error: 'min_rate' is only allowed on ratio alerts, but 'Two' is a "
            "'gauge' alert; remove it\n");
}

TEST(AlertsSection, MissingPartsAreNamed) {
  EXPECT_EQ(errors_of(with_alerts(R"(
  Bare:
    ratio: {numerator: {metric: requests_total}}
  Q:
    quantile: {metric: request_seconds, quantile: 1.5}
    above: 1
    severity: info
    summary: S.
    description: D.
  S:
    state: {metric: health}
    severity: info
    summary: S.
    description: D.
  A:
    absent: everything
    severity: info
    summary: S.
    description: D.
)")),
            "s.yaml:28:5: error: alert 'Bare' has no threshold; add 'above: N' or 'below: N'\n"
            "s.yaml:28:5: error: alert 'Bare' is missing required key 'severity'; add one of "
            "'critical', 'warning' or 'info'\n"
            "s.yaml:28:5: error: alert 'Bare' is missing required key 'summary'; add one line "
            "saying what is wrong, without templates\n"
            "s.yaml:28:5: error: alert 'Bare' is missing required key 'description'; say what "
            "is happening, with its value, e.g. '{{ $value | humanize }}'\n"
            "s.yaml:28:12: error: the 'ratio' of alert 'Bare' is missing 'denominator'; give "
            "'numerator' and 'denominator', e.g. '{metric: http_requests_total, match: {status: "
            "5xx}}' over '{metric: http_requests_total}', or 'tracker: NAME' for a tracker's "
            "failed operations\n"
            "s.yaml:30:51: error: 'quantile' of alert 'Q' is 1.5, not between 0 and 1 (both "
            "excluded); write the 95th percentile as 0.95\n"
            "s.yaml:31:12: error: alert 'Q' can never fire: a quantile of histogram "
            "'request_seconds' is never above 1 (histogram_quantile gives values from 0 to its "
            "largest bucket bound, 1); add a larger bucket bound or lower the threshold\n"
            "s.yaml:36:12: error: the 'state' of alert 'S' is missing 'state'; name the state "
            "that fires the alert, e.g. 'state: unhealthy'\n"
            "s.yaml:41:13: error: 'absent' of alert 'A' must be 'target' (the scrape target is "
            "down or missing) or a selection such as '{metric: http_requests_total}', found the "
            "string 'everything'\n");
}

TEST(AlertsSection, TheResolverChecksWhatEveryAlertReads) {
  EXPECT_EQ(errors_of(with_alerts(R"(
  Errors:
    ratio:
      numerator: {metric: requests_totl, match: {status: 5xy}}
      denominator: {metric: pool_max}
    above: 1.5
    severity: info
    summary: S.
    description: D.
  Slow:
    quantile: {metric: queue_summary_seconds, quantile: 0.5}
    above: 1
    severity: info
    summary: S.
    description: D.
  Slower:
    quantile: {metric: request_seconds, quantile: 0.5, match: {stats: 5xx}}
    above: 1
    severity: info
    summary: S.
    description: D.
  Unhealthy:
    state: {metric: health, state: unhealty}
    by: [route]
    severity: info
    summary: S.
    description: "{{ $labels.component }}"
  Fails:
    ratio: {tracker: call}
    above: 0.5
    severity: info
    summary: S.
    description: D.
  Always:
    ratio:
      numerator: {metric: requests_total, match: {status: [1xx, 2xx, 3xx, 4xx, 5xx]}}
      denominator: {metric: requests_total}
    above: 0.5
    severity: info
    summary: S.
    description: D.
)")),
            "s.yaml:29:27: error: the 'numerator' of alert 'Errors' reads unknown metric "
            "'requests_totl'; did you mean 'requests_total'?\n"
            "s.yaml:30:29: error: the 'denominator' of alert 'Errors' must be a counter, or a "
            "histogram or summary (whose count is taken): a rate of events, but 'pool_max' is a "
            "gauge\n"
            "s.yaml:31:12: error: the threshold of ratio alert 'Errors' is 1.5, which a ratio can "
            "never cross this way; a ratio is between 0 and 1: write 5 % as 0.05\n"
            "s.yaml:36:24: error: the 'quantile' of alert 'Slow' must be a histogram (a "
            "summary's quantiles cannot be aggregated), but 'queue_summary_seconds' is a "
            "summary\n"
            "s.yaml:42:64: error: the 'quantile' of alert 'Slower' matches label 'stats', which "
            "metric 'request_seconds' does not have; it has the labels 'route'\n"
            "s.yaml:43:12: error: alert 'Slower' can never fire: a quantile of histogram "
            "'request_seconds' is never above 1 (histogram_quantile gives values from 0 to its "
            "largest bucket bound, 1); add a larger bucket bound or lower the threshold\n"
            "s.yaml:48:36: error: alert 'Unhealthy' watches state 'unhealty', which stateset "
            "'health' does not have; did you mean 'unhealthy'?\n"
            "s.yaml:49:10: error: alert 'Unhealthy' is split by label 'route', which metric "
            "'health' does not have (it has the labels 'component'); remove it from 'by' or read "
            "a metric that has it\n"
            "s.yaml:52:18: error: the 'description' of alert 'Unhealthy' prints label "
            "'component', which its alerts do not have (they have 'job', 'instance' and "
            "'route'); add 'component' to 'by' or print another label\n"
            "s.yaml:54:22: error: alert 'Fails' uses tracker 'call', which records no failures: "
            "its outcome label has no failure value (error) and it has no 'errors' metric; give "
            "it one, or select the series yourself\n"
            "s.yaml:61:18: error: the 'numerator' of alert 'Always' selects every series its "
            "'denominator' selects, so the ratio would always be 1; match only some of its "
            "values, e.g. 'match: {status: 5xx}'\n");
}

TEST(AlertsSection, ValuesAreCheckedAgainstTheLabelsSets) {
  EXPECT_EQ(errors_of(with_alerts(R"(
  Errors:
    ratio:
      numerator: {metric: requests_total, match: {status: 5xy}}
      denominator: {metric: requests_total}
    above: 0.1
    severity: info
    summary: S.
    description: D.
)")),
            "s.yaml:29:59: error: the 'numerator' of alert 'Errors' matches '5xy', which is not a "
            "value of label 'status'; did you mean '5xx'?\n");
}

TEST(AlertsSection, RawExpressionsAreCheckedAndNeedTests) {
  EXPECT_EQ(errors_of(with_alerts(R"(
  Raw:
    expr: sum by (route) (rate(requests_totl[5m])) / sum(rate(requests_total{stat="5xx", status="6xx"}[5m])) > 0 and on(job) up
    severity: info
    summary: S.
    description: D.
  Tested:
    expr: histogram_quantile(0.9, rate(request_seconds_bucket{le="0.5", route=~"/c|/d"}[5m])) > 1
    severity: info
    summary: S.
    description: D.
    tests:
      - series: {'rate(x)': '1'}
        at: 1m
        alerts: []
  Broken:
    expr: sum(requests_total{status="5xx) > 1
    severity: info
    summary: S.
    description: D.
)")),
            "s.yaml:28:11: error: the 'expr' of alert 'Raw' reads 'requests_totl', which the "
            "schema does not expose; did you mean 'requests_total'?\n"
            "s.yaml:28:11: error: the 'expr' of alert 'Raw' matches label 'stat', which metric "
            "'requests_total' does not have; did you mean 'status'?\n"
            "s.yaml:28:11: error: the 'expr' of alert 'Raw' matches '6xx' on label 'status', "
            "which is none of its values; did you mean '1xx'?\n"
            "s.yaml:28:11: error: alert 'Raw' has a raw 'expr' and no 'tests'; add at least one "
            "test in which it fires and one in which it stays quiet (alerts of the other kinds "
            "get their tests generated)\n"
            "s.yaml:33:11: error: the 'expr' of alert 'Tested' matches '/c|/d' against label "
            "'route', which matches none of its values; its values are '/a', '/b' or 'other'\n"
            "s.yaml:38:18: error: a test series of alert 'Tested' is 'rate(x)', not one series "
            "such as 'metric{label=\"value\"}' (only '=' matchers)\n"
            "s.yaml:42:11: error: the 'expr' of alert 'Broken' cannot be read: a string is not "
            "terminated (at character 27)\n");
}

TEST(AlertsSection, NamesOfSloAlertsAreTakenInTheRules) {
  diagnostics earlier("s.yaml");
  std::optional<schema> model = read_schema(with_alerts(R"(
  AvailabilityErrorBudgetBurn:
    absent: target
    severity: info
    summary: S.
    description: D.
slos:
  availability:
    objective: 99
    ratio: {tracker: request}
)"),
                                            earlier);
  ASSERT_TRUE(model);
  resolve(*model, earlier);
  EXPECT_EQ(earlier.format(), "");
  diagnostics diags("s.yaml");
  rules_output::check(*model, diags);
  EXPECT_EQ(diags.format(),
            "s.yaml:27:3: error: alert 'AvailabilityErrorBudgetBurn' has the name of an alert "
            "generated for SLO 'availability' (at 33:3); rename it\n");
}

}  // namespace
}  // namespace schemetric::codegen
