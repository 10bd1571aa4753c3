// Tests of the analysis: worst-case series counts on models built in the test, the
// --cardinality table, and the `max_series` budget check on whole schemas.
#include "analysis/analysis.hpp"

#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::parse_valid;
using testing::resolved;

label_definition closed_label(std::string name, label_kind kind, std::size_t value_count) {
  label_definition label;
  label.name = std::move(name);
  label.kind = kind;
  for (std::size_t i = 0; i < value_count; ++i) {
    label.values.push_back(label_value{"v" + std::to_string(i), {}});
  }
  return label;
}

metric_definition metric(std::string name, metric_kind kind,
                         std::initializer_list<std::string_view> labels) {
  return testing::metric_of(std::move(name), kind, "Help.", labels);
}

TEST(Cardinality, LabelCardinalityPerKind) {
  EXPECT_EQ(label_cardinality(closed_label("method", label_kind::enumeration, 5)), 5u);
  // A route label's closed set holds its templates and the no-match value: templates + 1.
  EXPECT_EQ(label_cardinality(closed_label("route", label_kind::route, 4 + 1)), 5u);
  // Status classes (1xx to 5xx); codes + `other`.
  EXPECT_EQ(label_cardinality(closed_label("status", label_kind::status, 5)), 5u);
  EXPECT_EQ(label_cardinality(closed_label("code", label_kind::status, 3 + 1)), 4u);
  label_definition bounded;
  bounded.kind = label_kind::bounded;
  bounded.max_values = 8;
  EXPECT_EQ(label_cardinality(bounded), 9u);  // max_values + the overflow value
  label_definition text;
  text.kind = label_kind::text;
  EXPECT_EQ(label_cardinality(text), 1u);
}

TEST(Cardinality, SeriesPerLabelSet) {
  EXPECT_EQ(series_per_label_set(metric("a_total", metric_kind::counter, {})), 1u);
  EXPECT_EQ(series_per_label_set(metric("a", metric_kind::gauge, {})), 1u);
  EXPECT_EQ(series_per_label_set(metric("a_info", metric_kind::info, {})), 1u);
  metric_definition histogram = metric("a_seconds", metric_kind::histogram, {});
  histogram.buckets = {0.1, 1, 10};
  EXPECT_EQ(series_per_label_set(histogram), 6u);  // 3 buckets, +Inf, _sum, _count
  metric_definition summary = metric("b_seconds", metric_kind::summary, {});
  summary.quantiles = {0.5, 0.99};
  EXPECT_EQ(series_per_label_set(summary), 4u);  // 2 quantiles, _sum, _count
  metric_definition stateset = metric("health", metric_kind::stateset, {});
  stateset.states = testing::values_of({"a", "b"});
  EXPECT_EQ(series_per_label_set(stateset), 2u);
}

TEST(Cardinality, WorstCaseIsTheProductOfTheLabelsTimesTheSeriesPerSet) {
  schema built;
  built.labels = {closed_label("method", label_kind::enumeration, 5),
                  closed_label("route", label_kind::route, 7)};
  label_definition model_label;
  model_label.name = "model";
  model_label.kind = label_kind::bounded;
  model_label.max_values = 8;
  built.labels.push_back(model_label);
  metric_definition latency =
      metric("latency_seconds", metric_kind::histogram, {"method", "route"});
  latency.buckets = {0.1, 1};
  built.metrics = {metric("requests_total", metric_kind::counter, {"method", "route", "model"}),
                   latency, metric("up", metric_kind::gauge, {})};
  const schema model = resolved(std::move(built));
  EXPECT_EQ(worst_case_series(model.metrics[0]), 5u * 7u * 9u);
  EXPECT_EQ(worst_case_series(model.metrics[1]), 5u * 7u * 5u);
  EXPECT_EQ(worst_case_series(model.metrics[2]), 1u);

  const cardinality_report report = compute_cardinality(model);
  ASSERT_EQ(report.metrics.size(), 3u);
  EXPECT_EQ(report.metrics[1].metric, &model.metrics[1]);
  EXPECT_EQ(report.total, 315u + 175u + 1u);
  const std::vector<metric_series> biggest = report.biggest(2);
  ASSERT_EQ(biggest.size(), 2u);
  EXPECT_EQ(biggest[0].metric->name, "requests_total");
  EXPECT_EQ(biggest[1].metric->name, "latency_seconds");
  EXPECT_EQ(report.biggest(10).size(), 3u);
}

TEST(Cardinality, BiggestKeepsSchemaOrderOnTies) {
  schema model;
  model.metrics = {metric("a", metric_kind::gauge, {}), metric("b", metric_kind::gauge, {}),
                   metric("c", metric_kind::gauge, {})};
  const std::vector<metric_series> biggest = compute_cardinality(model).biggest(2);
  ASSERT_EQ(biggest.size(), 2u);
  EXPECT_EQ(biggest[0].metric->name, "a");
  EXPECT_EQ(biggest[1].metric->name, "b");
}

TEST(Cardinality, SaturatesInsteadOfWrapping) {
  schema built;
  for (int i = 0; i < 5; ++i) {
    built.labels.push_back(closed_label("l" + std::to_string(i), label_kind::enumeration, 65536));
  }
  built.metrics = {metric("a_total", metric_kind::counter, {"l0", "l1", "l2", "l3", "l4"}),
                   metric("b_total", metric_kind::counter, {"l0"})};
  const schema model = resolved(std::move(built));
  constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(worst_case_series(model.metrics[0]), most);
  EXPECT_EQ(compute_cardinality(model).total, most);
}

TEST(Cardinality, Table) {
  schema built;
  built.labels = {closed_label("method", label_kind::enumeration, 5)};
  metric_definition latency =
      metric("http_request_duration_seconds", metric_kind::histogram, {"method"});
  latency.buckets = {0.1, 1};
  built.metrics = {metric("requests_total", metric_kind::counter, {"method"}), latency};
  schema model = resolved(std::move(built));
  EXPECT_EQ(format_cardinality_table(model, compute_cardinality(model)),
            "metric                         type       series\n"
            "requests_total                 counter         5\n"
            "http_request_duration_seconds  histogram      25\n"
            "total                                         30\n");
  model.max_series = 20000;
  EXPECT_EQ(format_cardinality_table(model, compute_cardinality(model)),
            "metric                         type       series\n"
            "requests_total                 counter         5\n"
            "http_request_duration_seconds  histogram      25\n"
            "total                                         30\n"
            "budget (max_series)                        20000\n");
  // Short names: the budget line still fits its column.
  model.metrics = {metric("up", metric_kind::gauge, {})};
  EXPECT_EQ(format_cardinality_table(model, compute_cardinality(model)),
            "metric    type       series\n"
            "up        gauge           1\n"
            "total                     1\n"
            "budget (max_series)   20000\n");
}

TEST(Budget, BudgetThatFitsExactlyIsValid) {
  // 2 methods x 5 status classes + (1 bucket + 3) x 2 methods = 18 series.
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
max_series: 18
labels:
  method: {values: [GET, POST]}
  status: {kind: status}
metrics:
  requests_total: {type: counter, help: R., labels: [method, status]}
  latency_seconds: {type: histogram, unit: seconds, help: L., labels: [method], buckets: [1]}
)");
  EXPECT_EQ(model.max_series, std::optional<std::uint64_t>{18});
}

TEST(BudgetErrors, CardinalityBudget) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
max_series: 125
labels:
  method: {values: [GET, POST, PUT]}
  route: {kind: route, routes: [/a, /b, "/c/{id}"]}
  status: {kind: status}
  code: {kind: status, codes: [200, 404]}
  model: {kind: bounded, max_values: 9}
  version: {kind: text}
metrics:
  req_total: {type: counter, help: R., labels: [method, route, status]}
  req_seconds: {type: histogram, unit: seconds, help: R., labels: [route], buckets: [0.1, 1]}
  codes_total: {type: counter, help: C., labels: [code, model]}
  lat_seconds: {type: summary, unit: seconds, help: L., labels: [method], quantiles: [0.5, 0.9]}
  health: {type: stateset, help: H., states: [a, b, c]}
  build_info: {type: info, help: B., labels: [version]}
)"),
            "s.yaml:3:13: error: the worst case is 126 series, over the budget of 125; the "
            "biggest: req_total (60), codes_total (30), req_seconds (20); remove labels or label "
            "values from them (or lower their 'max_values'), or raise 'max_series'\n");
}

TEST(BudgetErrors, BudgetIsCheckedOnlyForAnOtherwiseValidSchema) {
  // The worst case of a broken schema would be a guess; its other errors come first.
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
max_series: 1
labels:
  method: {values: [GET, POST, GET]}
metrics:
  requests_total: {type: counter, help: R., labels: [method]}
)"),
            "s.yaml:5:32: error: duplicate value 'GET' in label 'method' (first at 5:21); remove "
            "one of them\n");
}

TEST(Budget, AnalysisReportsTheBudgetAtItsPosition) {
  schema built;
  built.labels = {closed_label("method", label_kind::enumeration, 3)};
  built.metrics = {metric("requests_total", metric_kind::counter, {"method"})};
  built.max_series = 2;
  built.max_series_position = {4, 13};
  const schema model = resolved(std::move(built));
  diagnostics diags("s.yaml");
  const schema_analysis analysis = analyse(model, diags);
  EXPECT_EQ(analysis.cardinality.total, 3u);
  EXPECT_EQ(diags.format(),
            "s.yaml:4:13: error: the worst case is 3 series, over the budget of 2; the biggest: "
            "requests_total (3); remove labels or label values from them (or lower their "
            "'max_values'), or raise 'max_series'\n");
}

}  // namespace
}  // namespace schemetric::codegen
