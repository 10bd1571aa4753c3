// Tests of `process_metrics: true`: the key, the metrics it adds to the model and what they
// may not clash with, and what the outputs make of them.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <schemetric/process_metrics.hpp>

#include "emit/docs/docs_emitter.hpp"
#include "model/process_metrics.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::parse_valid;

constexpr std::string_view head = R"(
schemetric: 1
name: svc
metrics:
  queue_depth: {type: gauge, help: Waiting.}
)";

std::string with(std::string_view more) {
  return std::string{head} + std::string{more};
}

TEST(ProcessMetrics, TheKeyAddsTheSixAfterTheSchemasMetrics) {
  const schema model = parse_valid(with("process_metrics: true\n"));
  EXPECT_TRUE(model.process_metrics);
  ASSERT_EQ(model.metrics.size(), 7u);
  EXPECT_EQ(model.metrics[0].name, "queue_depth");
  EXPECT_FALSE(model.metrics[0].from_process);
  for (std::size_t i = 0; i < process_metrics.size(); ++i) {
    const metric_definition& metric = model.metrics[i + 1];
    EXPECT_EQ(metric.name, process_metrics[i].name);
    EXPECT_EQ(metric.kind, process_metrics[i].kind);
    EXPECT_EQ(metric.help, process_metrics[i].help);
    EXPECT_EQ(metric.unit, process_metrics[i].unit);
    EXPECT_TRUE(metric.from_process);
    EXPECT_TRUE(metric.labels.empty());
    // Positions point at the key's value, for diagnostics and `diff`.
    EXPECT_EQ(metric.position.line, 5u);
    EXPECT_EQ(metric.position.column, 18u);
  }
  EXPECT_EQ(model.metrics[1].name, "process_cpu_seconds_total");
  EXPECT_EQ(model.metrics[1].kind, metric_kind::counter);
}

TEST(ProcessMetrics, OffByDefaultAndWhenFalse) {
  EXPECT_EQ(parse_valid(head).metrics.size(), 1u);
  const schema off = parse_valid(with("process_metrics: false\n"));
  EXPECT_FALSE(off.process_metrics);
  EXPECT_EQ(off.metrics.size(), 1u);
}

TEST(ProcessMetrics, TheKeyTakesABooleanOnly) {
  EXPECT_EQ(errors_of(with("process_metrics: 1\n")),
            "s.yaml:5:18: error: 'process_metrics' of the schema must be true or false, found "
            "the number 1\n");
  EXPECT_EQ(errors_of(with("process_metrics: 'true'\n")),
            "s.yaml:5:18: error: 'process_metrics' of the schema must be true or false, found "
            "the string 'true'\n");
  EXPECT_EQ(errors_of(with("process_metrics: [true]\n")),
            "s.yaml:5:18: error: 'process_metrics' of the schema must be true or false, found a "
            "sequence\n");
  EXPECT_EQ(errors_of(with("proces_metrics: true\n")),
            "s.yaml:5:1: error: unknown key 'proces_metrics' in the schema; did you mean "
            "'process_metrics'?\n");
}

TEST(ProcessMetrics, AMetricOfTheSchemaMayNotTakeTheirNames) {
  const std::string own_metric = R"(
schemetric: 1
name: svc
process_metrics: true
metrics:
  process_open_fds: {type: gauge, help: Mine.}
)";
  EXPECT_EQ(errors_of(own_metric),
            "s.yaml:5:3: error: metric 'process_open_fds' is one of the process metrics that "
            "'process_metrics: true' (at 3:18) adds; remove it from 'metrics:' (the library reads "
            "it from /proc), or remove 'process_metrics: true' to define it yourself\n");
  // Without the key the name is the schema's to use.
  std::string off = own_metric;
  off.replace(off.find("true"), 4, "false");
  EXPECT_EQ(errors_of(off), "");
}

TEST(ProcessMetrics, NorTheirOpenMetricsFamilies) {
  EXPECT_EQ(errors_of(with(R"(  process_cpu_seconds: {type: gauge, unit: seconds, help: Mine.}
  process_max_fds_total: {type: counter, help: Mine.}
process_metrics: true
)")),
            "s.yaml:5:3: error: metric 'process_cpu_seconds' is exposed as the OpenMetrics "
            "family 'process_cpu_seconds', which the process metric 'process_cpu_seconds_total' "
            "uses ('process_metrics: true' at 7:18); rename the metric\n"
            "s.yaml:6:3: error: metric 'process_max_fds_total' is exposed as the OpenMetrics "
            "family 'process_max_fds', which the process metric 'process_max_fds' uses "
            "('process_metrics: true' at 7:18); rename the metric\n");
}

TEST(ProcessMetrics, TheRegistryMemberNameIsReserved) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  schemetric_process_metrics: {type: gauge, help: Mine.}
)"),
            "s.yaml:4:3: error: metric name 'schemetric_process_metrics' collides with a name the "
            "generated header declares; choose another name\n");
}

TEST(ProcessMetrics, TrackersCannotUpdateThem) {
  EXPECT_EQ(errors_of(with(R"(  d_seconds: {type: histogram, unit: seconds, help: D., buckets: [1]}
process_metrics: true
trackers:
  job: {kind: mcp, duration: d_seconds, in_progress: process_open_fds}
)")),
            "s.yaml:8:54: error: the 'in_progress' of tracker 'job' is 'process_open_fds', a "
            "process metric the library reads from /proc; a tracker updates metrics defined under "
            "'metrics:', so name one of those\n");
}

constexpr std::string_view alerts = R"(process_metrics: true
alerts:
  HighMemory:
    gauge: {metric: process_resident_memory_bytes}
    above: 2147483648
    for: 10m
    severity: warning
    summary: Memory is high.
    description: "{{ $value | humanize1024 }}B"
  FileDescriptorsNearLimit:
    gauge: {metric: process_open_fds, divided_by: {metric: process_max_fds}}
    above: 0.8
    severity: warning
    summary: Few file descriptors are left.
    description: "{{ $value | humanizePercentage }}"
)";

TEST(ProcessMetrics, AlertsReadThem) {
  const schema model = parse_valid(with(alerts));
  ASSERT_EQ(model.alerts.size(), 2u);
  // Without the key they are unknown metrics.
  std::string off = with(alerts);
  off.replace(off.find("true"), 4, "false");
  const std::string errors = errors_of(off);
  EXPECT_NE(errors.find("s.yaml:8:21: error: the 'gauge' of alert 'HighMemory' reads unknown "
                        "metric 'process_resident_memory_bytes'; define it under 'metrics:'\n"),
            std::string::npos)
      << errors;
}

TEST(ProcessMetrics, TheHeaderDeclaresOneMemberForThemAndListsItLast) {
  const schema model = parse_valid(with("process_metrics: true\n"));
  const std::string header = cpp::registry(model);
  EXPECT_NE(header.find("  schemetric::process_metrics_family schemetric_process_metrics;\n"),
            std::string::npos)
      << header;
  EXPECT_NE(header.find("    return schemetric::family_list<&registry::queue_depth, "
                        "&registry::schemetric_process_metrics>{};\n"),
            std::string::npos)
      << header;
  // No family, descriptor or label set of their own.
  const std::string descriptors = cpp::metric_descriptors(model) + cpp::label_sets(model);
  EXPECT_EQ(header.find("process_open_fds"), std::string::npos);
  EXPECT_EQ(descriptors.find("process_"), std::string::npos) << descriptors;
  // Off: no member.
  EXPECT_EQ(cpp::registry(parse_valid(head)).find("process"), std::string::npos);
}

TEST(ProcessMetrics, TheReferenceDescribesThem) {
  const schema model = parse_valid(with(alerts));
  const schema_analysis analysis{compute_cardinality(model)};
  const std::string text = docs::emit(model, analysis, {"s.yaml", "1.2.3", {"svc.md"}}).at(0);
  EXPECT_NE(text.find("| Metrics | 7, the process metrics included |"), std::string::npos);
  EXPECT_NE(text.find("### Metric process_resident_memory_bytes\n\nResident memory size in "
                      "bytes.\n\n- Type: gauge, a process metric the library reads from /proc "
                      "when scraped (`process_metrics: true`); unit: `bytes`; worst case: 1 "
                      "series\n- Labels: none\n- Read by alerts: [HighMemory](#alert-highmemory)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("### Metric process_cpu_seconds_total\n"), std::string::npos);
}

// The generator's table and the library's must name the same metrics, in the same order.
TEST(ProcessMetrics, TheGeneratorsTableIsTheLibrarys) {
  ASSERT_EQ(process_metrics.size(), schemetric::process_metric_descriptions.size());
  for (std::size_t i = 0; i < process_metrics.size(); ++i) {
    const schemetric::process_metric_description& library =
        schemetric::process_metric_descriptions[i];
    EXPECT_EQ(process_metrics[i].name, library.name);
    EXPECT_EQ(process_metrics[i].help, library.help);
    EXPECT_EQ(process_metrics[i].unit, library.unit);
    EXPECT_EQ(to_string(process_metrics[i].kind),
              library.kind == schemetric::metric_kind::counter ? "counter" : "gauge");
  }
}

}  // namespace
}  // namespace schemetric::codegen
