// Tests of the worst-case series counts and the --cardinality table.
#include "cardinality.hpp"

#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace schemetric::codegen {
namespace {

label_definition closed_label(std::string name, label_kind kind, std::size_t value_count) {
  label_definition label;
  label.name = std::move(name);
  label.kind = kind;
  for (std::size_t i = 0; i < value_count; ++i) {
    label.values.push_back(label_value{"v" + std::to_string(i), "v" + std::to_string(i), {}});
  }
  return label;
}

metric_definition metric(std::string name, metric_type type, std::vector<std::string> labels) {
  metric_definition result;
  result.name = std::move(name);
  result.type = type;
  result.label_names = std::move(labels);
  return result;
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
  EXPECT_EQ(series_per_label_set(metric("a_total", metric_type::counter, {})), 1u);
  EXPECT_EQ(series_per_label_set(metric("a", metric_type::gauge, {})), 1u);
  EXPECT_EQ(series_per_label_set(metric("a_info", metric_type::info, {})), 1u);
  metric_definition histogram = metric("a_seconds", metric_type::histogram, {});
  histogram.buckets = {0.1, 1, 10};
  EXPECT_EQ(series_per_label_set(histogram), 6u);  // 3 buckets, +Inf, _sum, _count
  metric_definition summary = metric("b_seconds", metric_type::summary, {});
  summary.quantiles = {0.5, 0.99};
  EXPECT_EQ(series_per_label_set(summary), 4u);  // 2 quantiles, _sum, _count
  metric_definition stateset = metric("health", metric_type::stateset, {});
  stateset.states = {label_value{"a", "a", {}}, label_value{"b", "b", {}}};
  EXPECT_EQ(series_per_label_set(stateset), 2u);
}

TEST(Cardinality, WorstCaseIsTheProductOfTheLabelsTimesTheSeriesPerSet) {
  schema model;
  model.labels = {closed_label("method", label_kind::enumeration, 5),
                  closed_label("route", label_kind::route, 7)};
  label_definition model_label;
  model_label.name = "model";
  model_label.kind = label_kind::bounded;
  model_label.max_values = 8;
  model.labels.push_back(model_label);
  metric_definition latency =
      metric("latency_seconds", metric_type::histogram, {"method", "route"});
  latency.buckets = {0.1, 1};
  model.metrics = {metric("requests_total", metric_type::counter, {"method", "route", "model"}),
                   latency, metric("up", metric_type::gauge, {})};
  EXPECT_EQ(worst_case_series(model, model.metrics[0]), 5u * 7u * 9u);
  EXPECT_EQ(worst_case_series(model, model.metrics[1]), 5u * 7u * 5u);
  EXPECT_EQ(worst_case_series(model, model.metrics[2]), 1u);

  const cardinality_report report = compute_cardinality(model);
  ASSERT_EQ(report.metrics.size(), 3u);
  EXPECT_EQ(report.metrics[1].name, "latency_seconds");
  EXPECT_EQ(report.metrics[1].type, metric_type::histogram);
  EXPECT_EQ(report.total, 315u + 175u + 1u);
  const std::vector<metric_series> biggest = report.biggest(2);
  ASSERT_EQ(biggest.size(), 2u);
  EXPECT_EQ(biggest[0].name, "requests_total");
  EXPECT_EQ(biggest[1].name, "latency_seconds");
  EXPECT_EQ(report.biggest(10).size(), 3u);
}

TEST(Cardinality, BiggestKeepsSchemaOrderOnTies) {
  schema model;
  model.metrics = {metric("a", metric_type::gauge, {}), metric("b", metric_type::gauge, {}),
                   metric("c", metric_type::gauge, {})};
  const std::vector<metric_series> biggest = compute_cardinality(model).biggest(2);
  ASSERT_EQ(biggest.size(), 2u);
  EXPECT_EQ(biggest[0].name, "a");
  EXPECT_EQ(biggest[1].name, "b");
}

TEST(Cardinality, SaturatesInsteadOfWrapping) {
  schema model;
  for (int i = 0; i < 5; ++i) {
    model.labels.push_back(closed_label("l" + std::to_string(i), label_kind::enumeration, 65536));
  }
  model.metrics = {metric("a_total", metric_type::counter, {"l0", "l1", "l2", "l3", "l4"}),
                   metric("b_total", metric_type::counter, {"l0"})};
  constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(worst_case_series(model, model.metrics[0]), most);
  EXPECT_EQ(compute_cardinality(model).total, most);
}

TEST(Cardinality, Table) {
  schema model;
  model.labels = {closed_label("method", label_kind::enumeration, 5)};
  metric_definition latency =
      metric("http_request_duration_seconds", metric_type::histogram, {"method"});
  latency.buckets = {0.1, 1};
  model.metrics = {metric("requests_total", metric_type::counter, {"method"}), latency};
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
  model.metrics = {metric("up", metric_type::gauge, {})};
  EXPECT_EQ(format_cardinality_table(model, compute_cardinality(model)),
            "metric    type       series\n"
            "up        gauge           1\n"
            "total                     1\n"
            "budget (max_series)   20000\n");
}

}  // namespace
}  // namespace schemetric::codegen
