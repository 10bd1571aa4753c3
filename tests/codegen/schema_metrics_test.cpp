// Tests of the `metrics:` section: every metric type, the naming rules and their diagnostics.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::parse_valid;

TEST(MetricsSection, TheReaderReadsItsSectionAlone) {
  diagnostics diags("s.yaml");
  const schema model = testing::read_section(R"(
metrics:
  requests_total: {type: counter, help: R., labels: [method, nowhere, method]}
  latency_seconds: {type: histogram, unit: seconds, help: L., buckets: [0.1, 1]}
  odd: {type: timer, help: O.}
)",
                                             read_metrics, diags);
  // Labels are names until the resolver looks them up: an unknown one is not the reader's error.
  EXPECT_EQ(diags.format(),
            "s.yaml:2:71: error: label 'method' is listed twice in metric 'requests_total' (first "
            "at 2:54); remove the duplicate\n"
            "s.yaml:4:15: error: unknown metric type 'timer'; expected 'counter', 'gauge', "
            "'histogram', 'summary', 'info' or 'stateset'\n");
  ASSERT_EQ(model.metrics.size(), 3u);
  EXPECT_EQ(testing::names_of(model.metrics[0].labels),
            (std::vector<std::string>{"method", "nowhere"}));
  EXPECT_EQ(model.metrics[0].labels[0].target, nullptr);
  EXPECT_EQ(model.metrics[1].buckets, (std::vector<double>{0.1, 1}));
  EXPECT_FALSE(model.metrics[2].kind_known);
}

TEST(MetricsSection, TextLabelsAreAllowedOnInfoMetrics) {
  parse_valid(R"(
schemetric: 1
name: svc
labels:
  version: {kind: text}
  edition: {values: [community, enterprise]}
metrics:
  build_info:
    type: info
    help: Build.
    labels: [version, edition]
)");
}

TEST(MetricsSection, CounterSuffixCreatedBeforeTotalIsAllowed) {
  // Only the full name is checked against the reserved suffixes; a counter's ends in _total.
  parse_valid(R"(
schemetric: 1
name: svc
metrics:
  tasks_created_total: {type: counter, help: Tasks created.}
  queue_sum_total: {type: counter, help: Sum.}
)");
}

TEST(MetricsSection, BaseUnitsAreAccepted) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
metrics:
  load_ratio: {type: gauge, unit: ratio, help: Load.}
  payload_bytes: {type: histogram, unit: bytes, help: Size., buckets: [1]}
  cost_usd_total: {type: counter, unit: usd, value: float, help: Cost.}
)");
  ASSERT_EQ(model.metrics.size(), 3u);
  EXPECT_EQ(model.metrics[2].unit, "usd");
}

TEST(MetricsSection, NewMetricKeysGiveTheModel) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
max_series: 100
labels:
  version: {kind: text}
  build_type: {kind: text}
metrics:
  clv_dollars:
    type: summary
    unit: dollars
    help: Value.
    quantiles: [0.5, 0.9, 0.99]
  wait_seconds:
    type: summary
    unit: seconds
    help: Wait.
    quantiles: [.25]
    max_age_seconds: 0.5
    age_buckets: 60
  pool: {type: gauge, help: Pool., callback: true}
  queue: {type: gauge, help: Queue., callback: false}
  component_health:
    type: stateset
    help: Health.
    health: true
    states: [unknown, unhealthy, degraded, healthy]
  build_info: {type: info, help: Build., from_build: true, labels: [version, build_type]}
)");
  EXPECT_EQ(model.max_series, std::optional<std::uint64_t>{100});
  ASSERT_EQ(model.metrics.size(), 6u);
  const metric_definition& clv = model.metrics[0];
  EXPECT_EQ(clv.kind, metric_kind::summary);
  EXPECT_EQ(clv.unit, "dollars");
  EXPECT_EQ(clv.quantiles, (std::vector<double>{0.5, 0.9, 0.99}));
  EXPECT_EQ(clv.max_age_seconds, 600.0);  // the defaults
  EXPECT_EQ(clv.age_buckets, 5u);
  EXPECT_EQ(model.metrics[1].quantiles, (std::vector<double>{0.25}));
  EXPECT_EQ(model.metrics[1].max_age_seconds, 0.5);
  EXPECT_EQ(model.metrics[1].age_buckets, 60u);
  EXPECT_TRUE(model.metrics[2].callback);
  EXPECT_FALSE(model.metrics[3].callback);
  EXPECT_TRUE(model.metrics[4].health);
  EXPECT_TRUE(model.metrics[5].from_build);
  EXPECT_FALSE(model.metrics[4].from_build);
}

TEST(MetricsSectionErrors, TextLabelOnNonInfoMetric) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  version: {kind: text}
metrics:
  requests_total:
    type: counter
    help: Requests.
    labels: [version]
)"),
            "s.yaml:9:14: error: label 'version' has kind 'text', which only info metrics may use, "
            "but 'requests_total' is a counter; give the label a closed set of 'values' instead\n");
}

TEST(MetricsSectionErrors, DuplicateMetric) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up: {type: gauge, help: Up.}
  up: {type: gauge, help: Up again.}
)"),
            "s.yaml:5:3: error: duplicate metric 'up' (first defined at 4:3); metric names must be "
            "unique\n");
}

TEST(MetricsSectionErrors, MetricIsNotAMapping) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up: gauge
  down:
)"),
            "s.yaml:4:7: error: metric 'up' must be a mapping with 'type' and 'help', found the "
            "string 'gauge'\n"
            "s.yaml:5:3: error: metric 'down' must be a mapping with 'type' and 'help', found an "
            "empty value\n");
}

TEST(MetricsSectionErrors, MetricKeys) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up:
    typ: gauge
    help: Up.
    help: Up!
    owner: me
)"),
            "s.yaml:5:5: error: unknown key 'typ' in metric 'up'; did you mean 'type'?\n"
            "s.yaml:5:5: error: metric 'up' is missing required key 'type'; add 'type:' with one "
            "of 'counter', 'gauge', 'histogram', 'summary', 'info' or 'stateset'\n"
            "s.yaml:7:5: error: duplicate key 'help' in metric 'up' (first given at 6:5); remove "
            "one of them\n"
            "s.yaml:8:5: error: unknown key 'owner' in metric 'up'; allowed keys are 'type', "
            "'help', 'unit', 'labels', 'value', 'buckets', 'quantiles', 'max_age_seconds', "
            "'age_buckets', 'callback', 'health', 'from_build' or 'states'\n");
}

TEST(MetricsSectionErrors, MissingHelp) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up: {type: gauge}
)"),
            "s.yaml:4:7: error: metric 'up' is missing required key 'help'; add 'help:' with one "
            "sentence saying what it measures\n");
}

TEST(MetricsSectionErrors, MetricType) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_total: {type: countr, help: A.}
  b: {type: timer, help: B.}
  c: {type: [gauge], help: C.}
)"),
            "s.yaml:4:19: error: unknown metric type 'countr'; did you mean 'counter'?\n"
            "s.yaml:5:13: error: unknown metric type 'timer'; expected 'counter', 'gauge', "
            "'histogram', 'summary', 'info' or 'stateset'\n"
            "s.yaml:6:13: error: 'type' of metric 'c' must be a string, found a sequence\n");
}

TEST(MetricsSectionErrors, MetricNames) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  Queue-Depth: {type: gauge, help: Q.}
  delete: {type: gauge, help: D.}
  registry: {type: gauge, help: R.}
  labels: {type: gauge, help: L.}
  metrics: {type: gauge, help: M.}
  name: {type: gauge, help: N.}
  schema_name: {type: gauge, help: S.}
)"),
            "s.yaml:4:3: error: invalid metric name 'Queue-Depth': names must match "
            "[a-z][a-z0-9_]* (a lowercase letter, then lowercase letters, digits or '_'), e.g. "
            "'queue_depth'\n"
            "s.yaml:5:3: error: metric name 'delete' is a C++ keyword; choose another name\n"
            "s.yaml:6:3: error: metric name 'registry' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:7:3: error: metric name 'labels' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:8:3: error: metric name 'metrics' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:9:3: error: metric name 'name' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:10:3: error: metric name 'schema_name' collides with a name the generated "
            "header declares; choose another name\n");
}

TEST(MetricsSectionErrors, TypeSuffixes) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  http_requests: {type: counter, help: R.}
  build: {type: info, help: B.}
  queue_total: {type: gauge, help: Q.}
)"),
            "s.yaml:4:3: error: counter name 'http_requests' must end in '_total'; rename it to "
            "'http_requests_total'\n"
            "s.yaml:5:3: error: info metric name 'build' must end in '_info'; rename it to "
            "'build_info'\n"
            "s.yaml:6:3: error: metric name 'queue_total' ends in '_total', which is reserved for "
            "counters; make it a counter or choose another name\n");
}

TEST(MetricsSectionErrors, ReservedSuffixes) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_bucket: {type: gauge, help: A.}
  b_sum: {type: gauge, help: B.}
  c_count: {type: gauge, help: C.}
  d_created: {type: gauge, help: D.}
)"),
            "s.yaml:4:3: error: metric name 'a_bucket' ends in '_bucket', a suffix reserved for "
            "the bucket series of histograms; choose another name\n"
            "s.yaml:5:3: error: metric name 'b_sum' ends in '_sum', a suffix reserved for the sum "
            "series of histograms and summaries; choose another name\n"
            "s.yaml:6:3: error: metric name 'c_count' ends in '_count', a suffix reserved for the "
            "count series of histograms and summaries; choose another name\n"
            "s.yaml:7:3: error: metric name 'd_created' ends in '_created', a suffix reserved for "
            "the creation-time series of counters and histograms; choose another name\n");
}

TEST(MetricsSectionErrors, SameOpenMetricsFamily) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  jobs_total: {type: counter, help: J.}
  jobs: {type: gauge, help: J.}
  build_info: {type: info, help: B.}
  build: {type: gauge, help: B.}
)"),
            "s.yaml:5:3: error: metric 'jobs' and metric 'jobs_total' (at 4:3) are both exposed as "
            "the OpenMetrics family 'jobs'; rename one of them\n"
            "s.yaml:7:3: error: metric 'build' and metric 'build_info' (at 6:3) are both exposed "
            "as the OpenMetrics family 'build'; rename one of them\n");
}

TEST(MetricsSectionErrors, UnitValue) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_seconds: {type: gauge, unit: [seconds], help: A.}
  b_seconds: {type: gauge, unit: "", help: B.}
  c_seconds: {type: gauge, unit: Seconds, help: C.}
)"),
            "s.yaml:4:34: error: 'unit' of metric 'a_seconds' must be a string, found a sequence\n"
            "s.yaml:5:34: error: 'unit' must not be empty; name a base unit such as 'seconds' or "
            "'bytes', or remove it\n"
            "s.yaml:6:34: error: invalid unit 'Seconds': units must match [a-z][a-z0-9_]* (a "
            "lowercase letter, then lowercase letters, digits or '_')\n");
}

TEST(MetricsSectionErrors, NonBaseUnits) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_milliseconds: {type: gauge, unit: milliseconds, help: A.}
  b_microseconds: {type: gauge, unit: microseconds, help: B.}
  c_nanoseconds: {type: gauge, unit: nanoseconds, help: C.}
  d_minutes: {type: gauge, unit: minutes, help: D.}
  e_hours: {type: gauge, unit: hours, help: E.}
  f_days: {type: gauge, unit: days, help: F.}
  g_kilobytes: {type: gauge, unit: kilobytes, help: G.}
  h_megabytes: {type: gauge, unit: megabytes, help: H.}
  i_gigabytes: {type: gauge, unit: gigabytes, help: I.}
  j_kib: {type: gauge, unit: kib, help: J.}
  k_mib: {type: gauge, unit: mib, help: K.}
  l_bits: {type: gauge, unit: bits, help: L.}
  m_percent: {type: gauge, unit: percent, help: M.}
  n_fahrenheit: {type: gauge, unit: fahrenheit, help: N.}
)"),
            "s.yaml:4:39: error: unit 'milliseconds' is not a base unit; use 'seconds' and record "
            "values in seconds\n"
            "s.yaml:5:39: error: unit 'microseconds' is not a base unit; use 'seconds' and record "
            "values in seconds\n"
            "s.yaml:6:38: error: unit 'nanoseconds' is not a base unit; use 'seconds' and record "
            "values in seconds\n"
            "s.yaml:7:34: error: unit 'minutes' is not a base unit; use 'seconds' and record "
            "values in seconds\n"
            "s.yaml:8:32: error: unit 'hours' is not a base unit; use 'seconds' and record values "
            "in seconds\n"
            "s.yaml:9:31: error: unit 'days' is not a base unit; use 'seconds' and record values "
            "in seconds\n"
            "s.yaml:10:36: error: unit 'kilobytes' is not a base unit; use 'bytes' and record "
            "values in bytes\n"
            "s.yaml:11:36: error: unit 'megabytes' is not a base unit; use 'bytes' and record "
            "values in bytes\n"
            "s.yaml:12:36: error: unit 'gigabytes' is not a base unit; use 'bytes' and record "
            "values in bytes\n"
            "s.yaml:13:30: error: unit 'kib' is not a base unit; use 'bytes' and record values in "
            "bytes\n"
            "s.yaml:14:30: error: unit 'mib' is not a base unit; use 'bytes' and record values in "
            "bytes\n"
            "s.yaml:15:31: error: unit 'bits' is not a base unit; use 'bytes' and record values "
            "in bytes\n"
            "s.yaml:16:34: error: unit 'percent' is not a base unit; use 'ratio' and record values "
            "in ratio\n"
            "s.yaml:17:37: error: unit 'fahrenheit' is not a base unit; use 'celsius' and record "
            "values in celsius\n");
}

TEST(MetricsSectionErrors, NameMustEndWithTheUnit) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  request_duration: {type: histogram, unit: seconds, help: R., buckets: [1]}
  sent_total: {type: counter, unit: bytes, help: S.}
  received: {type: counter, unit: bytes, help: R.}
  uptime_seconds_total: {type: counter, unit: seconds, help: U.}
)"),
            "s.yaml:4:3: error: metric name 'request_duration' must end in '_seconds' because its "
            "unit is 'seconds'; rename it to 'request_duration_seconds'\n"
            "s.yaml:5:3: error: counter name 'sent_total' must end in '_bytes_total' because its "
            "unit is 'bytes'; rename it to 'sent_bytes_total'\n"
            "s.yaml:6:3: error: counter name 'received' must end in '_total'; rename it to "
            "'received_bytes_total'\n");
}

TEST(MetricsSectionErrors, UnitOnInfoOrStateset) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  build_info: {type: info, unit: seconds, help: B.}
  health: {type: stateset, unit: ratio, help: H., states: [ok]}
)"),
            "s.yaml:4:28: error: 'unit' is only allowed on counter, gauge, histogram and summary "
            "metrics, but 'build_info' is an info; remove it\n"
            "s.yaml:5:28: error: 'unit' is only allowed on counter, gauge, histogram and summary "
            "metrics, but 'health' is a stateset; remove it\n");
}

// --- a metric's labels
// ------------------------------------------------------------------------------
TEST(MetricsSectionErrors, MetricLabelsList) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  route: {values: [/]}
metrics:
  a_total: {type: counter, help: A., labels: 5}
  b_total: {type: counter, help: B., labels: [method, {route: 1}]}
  c_total: {type: counter, help: C., labels: [method, route, method]}
  d_total: {type: counter, help: D., labels: [methd, tenant]}
)"),
            "s.yaml:7:46: error: 'labels' of metric 'a_total' must be a sequence of label names, "
            "found the number 5\n"
            "s.yaml:8:55: error: each entry of 'labels' must be a label name, found a mapping\n"
            "s.yaml:9:62: error: label 'method' is listed twice in metric 'c_total' (first at "
            "9:47); remove the duplicate\n"
            "s.yaml:10:47: error: metric 'd_total' uses unknown label 'methd'; did you mean "
            "'method'?\n"
            "s.yaml:10:54: error: metric 'd_total' uses unknown label 'tenant'; define it under "
            "the top-level 'labels:'\n");
}

TEST(MetricsSectionErrors, BrokenLabelDefinitionIsNotAlsoUnknown) {
  // The label's own error is enough; its uses are not reported as unknown labels.
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  Method: {values: [GET]}
metrics:
  a_total: {type: counter, help: A., labels: [Method]}
)"),
            "s.yaml:4:3: error: invalid label name 'Method': names must match [a-z][a-z0-9_]* (a "
            "lowercase letter, then lowercase letters, digits or '_'), e.g. 'method'\n");
}

TEST(MetricsSectionErrors, KeysOfOtherMetricTypes) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_total: {type: counter, help: A., buckets: [1], states: [x]}
  b: {type: stateset, help: B., states: [x], value: float}
)"),
            "s.yaml:4:38: error: 'buckets' is only allowed on histogram metrics, but 'a_total' is "
            "a counter; remove it\n"
            "s.yaml:4:52: error: 'states' is only allowed on stateset metrics, but 'a_total' is a "
            "counter; remove it\n"
            "s.yaml:5:46: error: 'value' is only allowed on counter and gauge metrics, but 'b' "
            "is a stateset; remove it\n");
}

TEST(MetricsSection, GaugesAreFloatUnlessDeclaredInteger) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
metrics:
  queue: {type: gauge, help: Queue.}
  connections: {type: gauge, help: Connections., value: integer}
  load: {type: gauge, help: Load., value: float}
  a_total: {type: counter, help: A.}
)");
  EXPECT_EQ(model.metrics[0].value_type(), metric_value::floating);
  EXPECT_EQ(model.metrics[1].value_type(), metric_value::integer);
  EXPECT_EQ(model.metrics[2].value_type(), metric_value::floating);
  EXPECT_EQ(model.metrics[3].value_type(), metric_value::integer);
}

TEST(MetricsSectionErrors, GaugeValue) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a: {type: gauge, help: A., value: int}
  b: {type: gauge, help: B., callback: true, value: integer}
)"),
            "s.yaml:4:37: error: unknown gauge value type 'int'; expected 'integer' or 'float' "
            "(the default)\n"
            "s.yaml:5:53: error: gauge 'b' has 'callback: true', whose values are set as floats, "
            "so it cannot take 'value: integer'; remove 'value'\n");
}

TEST(MetricsSectionErrors, CounterValue) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_total: {type: counter, help: A., value: floot}
  b_total: {type: counter, help: B., value: double}
  c_total: {type: counter, help: C., value: [float]}
)"),
            "s.yaml:4:45: error: unknown counter value type 'floot'; did you mean 'float'?\n"
            "s.yaml:5:45: error: unknown counter value type 'double'; expected 'integer' (the "
            "default) or 'float'\n"
            "s.yaml:6:45: error: 'value' of metric 'c_total' must be a string, found a sequence\n");
}

TEST(MetricsSectionErrors, BucketsMissingOrWrongType) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_seconds: {type: histogram, unit: seconds, help: A.}
  b_seconds: {type: histogram, unit: seconds, help: B., buckets: 1}
  c_seconds: {type: histogram, unit: seconds, help: C., buckets: []}
)"),
            "s.yaml:4:14: error: histogram 'a_seconds' is missing required key 'buckets'; list the "
            "bucket upper bounds, e.g. 'buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, "
            "2.5, 5, 10]'\n"
            "s.yaml:5:66: error: 'buckets' must be a sequence of numbers, found the number 1\n"
            "s.yaml:6:66: error: 'buckets' of histogram 'c_seconds' must not be empty; list at "
            "least one upper bound (the +Inf bucket is implicit)\n");
}

TEST(MetricsSectionErrors, BucketBounds) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  latency_seconds:
    type: histogram
    unit: seconds
    help: Latency.
    buckets:
      - 0.1
      - a
      - "0.2"
      - true
      - [1]
      - .inf
      - .nan
      - 1e400
      - 1e-400
      - 0.05
      - 0.1
      - 0.5
)"),
            "s.yaml:10:9: error: each bucket bound must be a number, found the string 'a'\n"
            "s.yaml:11:9: error: each bucket bound must be a number, found the string '0.2'\n"
            "s.yaml:12:9: error: each bucket bound must be a number, found the boolean true\n"
            "s.yaml:13:9: error: each bucket bound must be a number, found a sequence\n"
            "s.yaml:14:9: error: bucket bound .inf is not a finite number; list finite upper "
            "bounds only (the +Inf bucket is implicit)\n"
            "s.yaml:15:9: error: bucket bound .nan is not a finite number; list finite upper "
            "bounds only (the +Inf bucket is implicit)\n"
            "s.yaml:16:9: error: bucket bound 1e400 is not a finite number; list finite upper "
            "bounds only (the +Inf bucket is implicit)\n"
            "s.yaml:17:9: error: bucket bound 1e-400 is too small to be represented as a double; "
            "use a larger bound\n"
            "s.yaml:18:9: error: bucket bound 0.05 is not greater than the bound before it, 0.1; "
            "buckets must be strictly increasing\n"
            "s.yaml:19:9: error: bucket bound 0.1 is not greater than the bound before it, 0.1; "
            "buckets must be strictly increasing\n");
}

TEST(MetricsSectionErrors, States) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a: {type: stateset, help: A.}
  b: {type: stateset, help: B., states: ok}
  c: {type: stateset, help: C., states: [ok, Ok, ok, ""]}
)"),
            "s.yaml:4:6: error: stateset 'a' is missing required key 'states'; list its states, "
            "e.g. 'states: [healthy, degraded, unhealthy]'\n"
            "s.yaml:5:41: error: 'states' must be a sequence of strings, found the string 'ok'\n"
            "s.yaml:6:46: error: states 'ok' (at 6:42) and 'Ok' of stateset 'c' both have the C++ "
            "spelling 'ok'; rename one of them\n"
            "s.yaml:6:50: error: duplicate state 'ok' in stateset 'c' (first at 6:42); remove one "
            "of them\n"
            "s.yaml:6:54: error: stateset 'c' has an empty state; states must be non-empty "
            "strings\n");
}

// --- label kinds, new metric keys, trackers, the budget
// --------------------------------------------------------------------------------
TEST(MetricsSection, QuantilesReachTheMinimumAndTheMaximum) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
metrics:
  size_bytes: {type: summary, unit: bytes, help: S., quantiles: [0, 0.5, 1]}
)");
  EXPECT_EQ(model.metrics[0].quantiles, (std::vector<double>{0, 0.5, 1}));
}

TEST(MetricsSectionErrors, Summaries) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_seconds: {type: summary, unit: seconds, help: A.}
  b_seconds: {type: summary, unit: seconds, help: B., quantiles: 0.5}
  c_seconds: {type: summary, unit: seconds, help: C., quantiles: []}
  d_seconds:
    type: summary
    unit: seconds
    help: D.
    quantiles: [0, 0.5, x, -0.5, 1.5, -0.1, .nan, 0.9, 0.9, 0.8, 1]
    max_age_seconds: 0
    age_buckets: 0
  e_seconds:
    {type: summary, unit: seconds, help: E., quantiles: [0.5], max_age_seconds: x, age_buckets: 61}
  f_seconds:
    {type: summary, unit: seconds, help: F., quantiles: [.5], max_age_seconds: .inf,
     age_buckets: 2.5}
  g_seconds: {type: summary, unit: seconds, help: G., quantiles: [0.5], max_age_seconds: -5}
  h: {type: summary, help: H., quantiles: [0.5], max_age_seconds: 0.25, age_buckets: 60}
  i_total: {type: counter, help: I., quantiles: [0.5], max_age_seconds: 1, age_buckets: 1}
  j_sum: {type: summary, help: J., quantiles: [0.5]}
)"),
      "s.yaml:4:14: error: summary 'a_seconds' is missing required key 'quantiles'; list the "
      "quantiles to report, e.g. 'quantiles: [0.5, 0.9, 0.99]'\n"
      "s.yaml:5:66: error: 'quantiles' must be a sequence of numbers, found the number 0.5\n"
      "s.yaml:6:66: error: 'quantiles' of summary 'c_seconds' must not be empty; list at least one "
      "quantile, e.g. 'quantiles: [0.5, 0.9, 0.99]'\n"
      "s.yaml:11:25: error: each quantile must be a number, found the string 'x'\n"
      "s.yaml:11:28: error: quantile -0.5 is not between 0 and 1; write the median as 0.5, the "
      "99th percentile as 0.99, the minimum as 0 and the maximum as 1\n"
      "s.yaml:11:34: error: quantile 1.5 is not between 0 and 1; write the median as 0.5, the "
      "99th percentile as 0.99, the minimum as 0 and the maximum as 1\n"
      "s.yaml:11:39: error: quantile -0.1 is not between 0 and 1; write the median as 0.5, the "
      "99th percentile as 0.99, the minimum as 0 and the maximum as 1\n"
      "s.yaml:11:45: error: quantile .nan is not between 0 and 1; write the median as 0.5, the "
      "99th percentile as 0.99, the minimum as 0 and the maximum as 1\n"
      "s.yaml:11:56: error: quantile 0.9 is not greater than the quantile before it, 0.9; "
      "quantiles must be strictly increasing\n"
      "s.yaml:11:61: error: quantile 0.8 is not greater than the quantile before it, 0.9; "
      "quantiles must be strictly increasing\n"
      "s.yaml:12:22: error: 'max_age_seconds' of summary 'd_seconds' must be a finite number of "
      "seconds greater than 0 (the window the quantiles cover, default 600), found the number 0\n"
      "s.yaml:13:18: error: 'age_buckets' of summary 'd_seconds' must be an integer from 1 to 60 "
      "(the slices of the window, default 5), found the number 0\n"
      "s.yaml:15:81: error: 'max_age_seconds' of summary 'e_seconds' must be a finite number of "
      "seconds greater than 0 (the window the quantiles cover, default 600), found the string 'x'\n"
      "s.yaml:15:97: error: 'age_buckets' of summary 'e_seconds' must be an integer from 1 to 60 "
      "(the slices of the window, default 5), found the number 61\n"
      "s.yaml:17:80: error: 'max_age_seconds' of summary 'f_seconds' must be a finite number of "
      "seconds greater than 0 (the window the quantiles cover, default 600), found the number "
      ".inf\n"
      "s.yaml:18:19: error: 'age_buckets' of summary 'f_seconds' must be an integer from 1 to 60 "
      "(the slices of the window, default 5), found the number 2.5\n"
      "s.yaml:19:90: error: 'max_age_seconds' of summary 'g_seconds' must be a finite number of "
      "seconds greater than 0 (the window the quantiles cover, default 600), found the number -5\n"
      "s.yaml:21:38: error: 'quantiles' is only allowed on summary metrics, but 'i_total' is a "
      "counter; remove it\n"
      "s.yaml:21:56: error: 'max_age_seconds' is only allowed on summary metrics, but 'i_total' is "
      "a counter; remove it\n"
      "s.yaml:21:76: error: 'age_buckets' is only allowed on summary metrics, but 'i_total' is a "
      "counter; remove it\n"
      "s.yaml:22:3: error: metric name 'j_sum' ends in '_sum', a suffix reserved for the sum "
      "series of histograms and summaries; choose another name\n");
}

TEST(MetricsSectionErrors, TypeFlags) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  version: {kind: text}
  host: {kind: text}
  edition: {values: [a]}
  compiler: {values: [gcc, clang]}
metrics:
  a_total: {type: counter, help: A., callback: true, health: true, from_build: true}
  b: {type: gauge, help: B., callback: yes}
  c: {type: gauge, help: C., callback: false}
  d: {type: stateset, help: D., states: [ok, degraded], health: true}
  e: {type: stateset, help: E., states: [healthy, degraded, unhealthy], health: 1}
  health: {type: stateset, help: H., states: [healthy, degraded, unhealthy], health: true}
  f: {type: stateset, help: F., states: [ok], health: true}
  g: {type: stateset, help: G., states: [unknown, unhealthy, healthy, degraded], health: true}
  build_info:
    type: info
    help: Build.
    from_build: true
    labels: [version, host, edition, compiler]
  other_info: {type: info, help: O., labels: [host], from_build: false}
)"),
      "s.yaml:9:38: error: 'callback' is only allowed on gauge metrics, but 'a_total' is a "
      "counter; remove it\n"
      "s.yaml:9:54: error: 'health' is only allowed on stateset metrics, but 'a_total' is a "
      "counter; remove it\n"
      "s.yaml:9:68: error: 'from_build' is only allowed on info metrics, but 'a_total' is a "
      "counter; remove it\n"
      "s.yaml:10:40: error: 'callback' of metric 'b' must be true or false, found the string "
      "'yes'\n"
      "s.yaml:12:65: error: stateset 'd' has 'health: true' but lacks the states 'healthy' and "
      "'unhealthy'; a health stateset has the states 'healthy', 'degraded' and 'unhealthy' (and "
      "may have more, e.g. 'unknown'): add the missing ones\n"
      "s.yaml:13:81: error: 'health' of metric 'e' must be true or false, found the number 1\n"
      "s.yaml:14:78: error: stateset 'health' cannot have 'health: true': its generated descriptor "
      "'metrics::health' would have a member of its own name; rename the metric, e.g. "
      "'component_health'\n"
      "s.yaml:15:55: error: stateset 'f' has 'health: true' but lacks the states 'healthy', "
      "'degraded' and 'unhealthy'; a health stateset has the states 'healthy', 'degraded' and "
      "'unhealthy' (and may have more, e.g. 'unknown'): add the missing ones\n"
      "s.yaml:21:23: error: info 'build_info' has 'from_build: true', so its labels must be 'kind: "
      "text' labels named 'version', 'revision', 'compiler' or 'build_type' (the library fills "
      "them from the build); label 'host' is not one of those names: remove it, or remove "
      "'from_build: true' and set the labels yourself\n"
      "s.yaml:21:29: error: info 'build_info' has 'from_build: true', so its labels must be 'kind: "
      "text' labels named 'version', 'revision', 'compiler' or 'build_type' (the library fills "
      "them from the build); label 'edition' is not one of those names: remove it, or remove "
      "'from_build: true' and set the labels yourself\n"
      "s.yaml:21:38: error: info 'build_info' has 'from_build: true', so its labels must be 'kind: "
      "text' labels named 'version', 'revision', 'compiler' or 'build_type' (the library fills "
      "them from the build); label 'compiler' is of kind 'enum': make it 'kind: text', or remove "
      "'from_build: true' and set the labels yourself\n");
}

}  // namespace
}  // namespace schemetric::codegen
