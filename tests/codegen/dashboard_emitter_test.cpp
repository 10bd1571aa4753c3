// Tests of the dashboard output: the document (uid, variables, determinism), queries read from
// the rule plan, alert thresholds on the panels that show their quantity, the `dashboard:`
// section (rows, overrides) and its errors.
#include "emit/dashboard/dashboard_emitter.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "driver/pipeline.hpp"
#include "rules/plan.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen::dashboard {
namespace {

using nlohmann::json;

constexpr std::string_view service = R"(schemetric: 1
name: svc
help: A service.
labels:
  status: {kind: status}
  route: {kind: route, routes: [/a, /b]}
  result: {values: [hit, miss, error]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [route, status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, buckets: [0.1, 0.5],
                    labels: [route]}
  lookups_total: {type: counter, help: Look-ups., labels: [result]}
  lookup_seconds: {type: histogram, help: Look-up time., unit: seconds, buckets: [0.01]}
  queue_depth: {type: gauge, help: Waiting jobs.}
trackers:
  request: {kind: http, labels: [route], duration: request_seconds, count: requests_total,
            outcome_label: status}
  lookup: {kind: cache, duration: lookup_seconds, count: lookups_total, outcome_label: result}
alerts:
  Errors:
    ratio: {tracker: request}
    above: 0.05
    for: 5m
    severity: critical
    summary: Requests fail.
    description: "{{ $value | humanizePercentage }}"
  Slow:
    quantile: {metric: request_seconds, quantile: 0.95}
    above: 0.4
    severity: warning
    summary: Requests are slow.
    description: "{{ $value }}"
  Misses:
    ratio:
      numerator: {metric: lookups_total, match: {result: hit}}
      denominator: {metric: lookups_total, match: {result: [hit, miss]}}
    below: 0.5
    severity: info
    summary: Few hits.
    description: "{{ $value }}"
  Backlog:
    gauge: {metric: queue_depth}
    above: 100
    severity: warning
    summary: Jobs pile up.
    description: "{{ $value }}"
slos:
  available: {objective: 99.9, ratio: {tracker: request}}
)";

json dashboard_of(std::string_view yaml) {
  const schema model = codegen::testing::parse_valid(yaml);
  const schema_analysis analysis{compute_cardinality(model)};
  return json::parse(emit(model, analysis, {"s.yaml", "1.2.3", {"svc.dashboard.json"}}).at(0));
}

const json* panel_titled(const json& dashboard, std::string_view title) {
  for (const json& panel : dashboard["panels"]) {
    if (panel["title"] == title) return &panel;
  }
  ADD_FAILURE() << "no panel titled " << title;
  return nullptr;
}

std::vector<double> threshold_values(const json& panel) {
  std::vector<double> values;
  for (const json& step : panel["fieldConfig"]["defaults"]["thresholds"]["steps"]) {
    if (!step["value"].is_null()) values.push_back(step["value"].get<double>());
  }
  return values;
}

// Every diagnostic of the front end with the dashboard's checks.
std::string dashboard_errors_of(std::string_view yaml) {
  diagnostics diags("s.yaml");
  const std::vector<const emitter*> selected{find_emitter("dashboard")};
  (void)check_schema(codegen::testing::without_leading_newline(yaml), selected, diags);
  return diags.format();
}

TEST(DashboardEmitter, DocumentIsDeterministicWithAStableUid) {
  const json first = dashboard_of(service);
  EXPECT_EQ(first, dashboard_of(service));
  EXPECT_EQ(first["uid"], "schemetric-svc");
  EXPECT_EQ(first["schemaVersion"], 39);
  EXPECT_EQ(first["graphTooltip"], 1);
  EXPECT_EQ(first["description"],
            "Generated from s.yaml by schemetric-gen 1.2.3 -- do not edit. A service.");
  EXPECT_LE(dashboard_uid(std::string(60, 'a')).size(), 40u);
  EXPECT_NE(dashboard_uid(std::string(60, 'a')), dashboard_uid(std::string(59, 'a') + "b"));
}

TEST(DashboardEmitter, VariablesAreThoseTheLinterExpects) {
  const json variables = dashboard_of(service)["templating"]["list"];
  ASSERT_EQ(variables.size(), 3u);
  EXPECT_EQ(variables[0]["type"], "datasource");
  EXPECT_EQ(variables[0]["query"], "prometheus");
  for (const json& variable : {variables[1], variables[2]}) {
    EXPECT_EQ(variable["type"], "query");
    EXPECT_EQ(variable["allValue"], ".+");
    EXPECT_EQ(variable["multi"], true);
    EXPECT_EQ(variable["refresh"], 2);
    EXPECT_EQ(variable["datasource"]["uid"], "${datasource}");
  }
  EXPECT_EQ(variables[1]["current"]["value"], json::array({"svc"}));  // the job of the schema
}

TEST(DashboardEmitter, TrackerPanelsReadTheRecordingsOfThePlan) {
  const schema model = codegen::testing::parse_valid(service);
  const rules::rule_plan plan = rules::plan_rules(model);
  const json dashboard = dashboard_of(service);
  std::set<std::string> recordings_read;
  for (const json& panel : dashboard["panels"]) {
    for (const json& target : panel.value("targets", json::array())) {
      const std::string expr = target["expr"];
      EXPECT_NE(expr.find("job=~\"$job\""), std::string::npos) << expr;
      if (expr.find("rate(") != std::string::npos) {
        EXPECT_NE(expr.find("[$__rate_interval]"), std::string::npos) << expr;
      }
      for (const rules::tracker_recordings& tracker : plan.trackers) {
        for (const std::string& record :
             {tracker.failed_rate, tracker.all_rate, tracker.bucket_rate}) {
          if (!record.empty() && expr.find(record + "{") != std::string::npos) {
            recordings_read.insert(record);
          }
        }
      }
    }
  }
  EXPECT_EQ(
      recordings_read,
      (std::set<std::string>{
          "job_instance:requests_status_5xx:rate5m", "job_instance:requests:rate5m",
          "job_instance:request_seconds_bucket:rate5m", "job_instance:lookups_result_error:rate5m",
          "job_instance:lookups:rate5m", "job_instance:lookup_seconds_bucket:rate5m"}));
  for (const std::string& record : recordings_read) {
    EXPECT_NE(plan.recording(record), nullptr) << record;
  }
}

TEST(DashboardEmitter, AlertThresholdsAreDrawnWhereTheirQuantityIsShown) {
  const json dashboard = dashboard_of(service);
  EXPECT_EQ(threshold_values(*panel_titled(dashboard, "HTTP requests: error ratio")),
            std::vector<double>{0.05});
  EXPECT_EQ(threshold_values(*panel_titled(dashboard, "HTTP requests: latency")),
            std::vector<double>{0.4});
  const json& hits = *panel_titled(dashboard, "Cache look-ups: hit ratio");
  EXPECT_EQ(threshold_values(hits), std::vector<double>{0.5});
  // Below the threshold is bad: the base colour is the alert's, green from the threshold up.
  EXPECT_EQ(hits["fieldConfig"]["defaults"]["thresholds"]["steps"][0]["color"], "blue");
  EXPECT_EQ(hits["fieldConfig"]["defaults"]["thresholds"]["steps"][1]["color"], "green");
  EXPECT_EQ(threshold_values(*panel_titled(dashboard, "Queue depth")), std::vector<double>{100});
  const json& burn = *panel_titled(dashboard, "SLO available: burn rate");
  EXPECT_EQ(threshold_values(burn), (std::vector<double>{1, 3, 6, 14.4}));
  EXPECT_EQ(threshold_values(*panel_titled(dashboard, "SLO available: SLI")),
            std::vector<double>{0.999});
}

TEST(DashboardEmitter, PanelsDoNotOverlapAndIdsAreUnique) {
  const json dashboard = dashboard_of(service);
  std::set<int> ids;
  std::set<std::pair<int, int>> cells;
  for (const json& panel : dashboard["panels"]) {
    EXPECT_TRUE(ids.insert(panel["id"].get<int>()).second);
    const json& grid = panel["gridPos"];
    EXPECT_LE(grid["x"].get<int>() + grid["w"].get<int>(), 24);
    for (int x = grid["x"]; x < grid["x"].get<int>() + grid["w"].get<int>(); ++x) {
      for (int y = grid["y"]; y < grid["y"].get<int>() + grid["h"].get<int>(); ++y) {
        EXPECT_TRUE(cells.insert({x, y}).second) << panel["title"];
      }
    }
  }
}

TEST(DashboardEmitter, SectionSetsRowsTitlesTypesSplitsAndHides) {
  const std::string yaml = std::string(service) + R"(dashboard:
  title: Service overview
  tags: [team-a]
  rows:
    - title: Front door
      show: [request, queue_depth]
  panels:
    request.latency: {title: Latency by route, by: [route]}
    queue_depth: {type: gauge}
    request.rate: {hidden: true}
)";
  const json dashboard = dashboard_of(yaml);
  EXPECT_EQ(dashboard["title"], "Service overview");
  EXPECT_EQ(dashboard["tags"], json::array({"team-a"}));
  EXPECT_EQ(dashboard["panels"][0]["type"], "row");
  EXPECT_EQ(dashboard["panels"][0]["title"], "Front door");
  const json& latency = *panel_titled(dashboard, "Latency by route");
  EXPECT_EQ(
      latency["targets"][0]["expr"],
      "histogram_quantile(0.5, sum by (le, route) (rate(request_seconds_bucket{job=~\"$job\", "
      "instance=~\"$instance\"}[$__rate_interval])))");
  EXPECT_EQ(latency["targets"][0]["legendFormat"], "p50 {{route}}");
  EXPECT_EQ(panel_titled(dashboard, "Queue depth")->at("type"), "gauge");
  for (const json& panel : dashboard["panels"])
    EXPECT_NE(panel["title"], "HTTP requests: rate by status");
}

TEST(DashboardSection, ReadingErrorsSayWhereAndWhat) {
  EXPECT_EQ(dashboard_errors_of(std::string(service) + R"(dashboard:
  rows:
    - title: A
      show: [reqest, request]
    - title: B
      show: [request]
    - {show: []}
  panels:
    queue_depth: {type: pie, by: [rout]}
)"),
            "s.yaml:52:14: error: row 'A' of the dashboard shows unknown 'reqest'; did you mean "
            "'request'?\n"
            "s.yaml:54:14: error: 'request' is shown twice on the dashboard (first at 52:22); list "
            "it in one row only\n"
            "s.yaml:55:7: error: row 3 of 'dashboard' is missing 'title'; give the row's title, "
            "e.g. 'title: HTTP'\n"
            "s.yaml:57:25: error: unknown panel type 'pie' of panel 'queue_depth'; expected "
            "'timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap' or 'state-timeline'\n"
            "s.yaml:57:35: error: panel 'queue_depth' uses unknown label 'rout'; did you mean "
            "'route'?\n");
}

TEST(DashboardSection, OverridesMustFitTheirPanels) {
  EXPECT_EQ(dashboard_errors_of(std::string(service) + R"(dashboard:
  panels:
    request.latency: {by: [status]}
    request.heatmap: {type: timeseries}
    request.errors: {type: state-timeline}
    request.latncy: {hidden: true}
)"),
            "s.yaml:51:28: error: panel 'request.latency' cannot be split by 'status': metric "
            "'request_seconds' it reads has no such label; use one of its labels or remove it\n"
            "s.yaml:52:29: error: panel 'request.heatmap' is a heatmap and cannot be shown as a "
            "timeseries: a heatmap draws buckets and a state timeline states, which other panels "
            "cannot; remove 'type' (or hide the panel with 'hidden: true')\n"
            "s.yaml:53:28: error: panel 'request.errors' is a timeseries and cannot be shown as a "
            "state-timeline: a heatmap draws buckets and a state timeline states, which other "
            "panels cannot; remove 'type' (or hide the panel with 'hidden: true')\n"
            "s.yaml:54:5: error: the dashboard has no panel 'request.latncy'; did you mean "
            "'request.latency'?\n");
}

}  // namespace
}  // namespace schemetric::codegen::dashboard
