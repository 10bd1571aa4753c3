// Tests of the schema reader on whole documents: YAML errors, the top-level keys, the order of
// diagnostics.
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

TEST(SchemaDocument, ValidSchemaGivesTheModel) {
  const schema model = parse_valid(R"(
schemetric: 1
name: example
help: Example service
labels:
  method:
    help: HTTP request method.
    values: [GET, POST, DELETE]
  status:
    values: [2xx, "/api/x", 404, true]
  version:
    kind: text
    help: Release version.
  unused:
    kind: enum
    values: [a]
metrics:
  http_requests_total:
    type: counter
    help: Total HTTP requests handled.
    labels: [method, status]
  bytes_sent_bytes_total:
    type: counter
    unit: bytes
    value: float
    help: Bytes sent.
  http_request_duration_seconds:
    type: histogram
    unit: seconds
    help: Request duration.
    labels: [method]
    buckets: [0.005, .5, 1, 2.5e1, 0x40]
  component_health:
    type: stateset
    help: Health.
    states: [healthy, Degraded]
  temperature_celsius:
    type: gauge
    unit: celsius
    help: Temperature.
  build_info:
    type: info
    help: Build.
    labels: [version]
)");
  EXPECT_EQ(model.format_version, 1);
  EXPECT_EQ(model.name, "example");
  EXPECT_EQ(model.help, "Example service");

  ASSERT_EQ(model.labels.size(), 4u);
  const label_definition& method = model.labels[0];
  EXPECT_EQ(method.name, "method");
  EXPECT_EQ(method.kind, label_kind::enumeration);
  EXPECT_EQ(method.help, "HTTP request method.");
  EXPECT_EQ(method.position, (source_position{5, 3}));
  ASSERT_EQ(method.values.size(), 3u);
  EXPECT_EQ(method.values[0].text, "GET");
  EXPECT_EQ(method.values[0].position, (source_position{7, 14}));
  const label_definition& status = model.labels[1];
  ASSERT_EQ(status.values.size(), 4u);
  EXPECT_EQ(status.values[1].text, "/api/x");
  EXPECT_EQ(status.values[2].text, "404");  // a plain number is a fine value
  EXPECT_EQ(model.labels[2].kind, label_kind::text);
  EXPECT_TRUE(model.labels[2].values.empty());
  EXPECT_EQ(model.labels[3].kind, label_kind::enumeration);

  ASSERT_EQ(model.metrics.size(), 6u);
  const metric_definition& requests = model.metrics[0];
  EXPECT_EQ(requests.name, "http_requests_total");
  EXPECT_EQ(requests.kind, metric_kind::counter);
  EXPECT_EQ(requests.help, "Total HTTP requests handled.");
  EXPECT_EQ(requests.unit, "");
  EXPECT_EQ(requests.value_type(), metric_value::integer);
  EXPECT_EQ(testing::names_of(requests.labels), (std::vector<std::string>{"method", "status"}));
  // Resolved: the references point at the definitions.
  EXPECT_EQ(requests.labels[0].target, &model.labels[0]);
  EXPECT_EQ(requests.labels[1].target, &model.labels[1]);
  EXPECT_EQ(requests.position, (source_position{17, 3}));
  EXPECT_EQ(model.metrics[1].value_type(), metric_value::floating);
  EXPECT_EQ(model.metrics[1].unit, "bytes");
  const metric_definition& duration = model.metrics[2];
  EXPECT_EQ(duration.kind, metric_kind::histogram);
  EXPECT_EQ(duration.unit, "seconds");
  EXPECT_EQ(duration.buckets, (std::vector<double>{0.005, 0.5, 1.0, 25.0, 64.0}));
  const metric_definition& health = model.metrics[3];
  EXPECT_EQ(health.kind, metric_kind::stateset);
  ASSERT_EQ(health.states.size(), 2u);
  EXPECT_EQ(health.states[1].text, "Degraded");
  EXPECT_TRUE(health.labels.empty());
  EXPECT_EQ(model.metrics[4].kind, metric_kind::gauge);
  EXPECT_EQ(model.metrics[5].kind, metric_kind::info);
  EXPECT_EQ(testing::names_of(model.metrics[5].labels), (std::vector<std::string>{"version"}));
}

TEST(SchemaDocument, SmallestSchemaIsValid) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
metrics:
  up:
    type: gauge
    help: 1 when the service is up.
)");
  EXPECT_TRUE(model.labels.empty());
  ASSERT_EQ(model.metrics.size(), 1u);
  EXPECT_TRUE(model.metrics[0].labels.empty());
}

TEST(SchemaDocument, FlowStyleAndQuotedStringsAreValid) {
  const schema model = parse_valid(R"(
{schemetric: 1, name: "svc", metrics: {up: {type: 'gauge', help: "Up.\nReally."}}}
)");
  ASSERT_EQ(model.metrics.size(), 1u);
  EXPECT_EQ(model.metrics[0].help, "Up.\nReally.");
}

TEST(SchemaDocumentErrors, EmptyFile) {
  EXPECT_EQ(errors_of(""),
            "s.yaml:1:1: error: the schema is empty; it must be a mapping with the keys "
            "'schemetric', 'name' and 'metrics'\n");
  EXPECT_EQ(errors_of("# only a comment\n"),
            "s.yaml:1:1: error: the schema is empty; it must be a mapping with the keys "
            "'schemetric', 'name' and 'metrics'\n");
}

TEST(SchemaDocumentErrors, RootIsNotAMapping) {
  EXPECT_EQ(
      errors_of("- a\n- b\n"),
      "s.yaml:1:1: error: the schema must be a mapping with the keys 'schemetric', 'name' and "
      "'metrics', found a sequence\n");
}

TEST(SchemaDocumentErrors, SeveralDocuments) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
---
name: svc
)"),
            "s.yaml:3:1: error: the schema file must hold a single YAML document; remove the "
            "second one\n");
}

TEST(SchemaDocumentErrors, MalformedYaml) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: [svc
metrics: {}
)"),
            "s.yaml:3:8: error: invalid YAML: end of sequence flow not found\n");
  EXPECT_EQ(errors_of("schemetric: 1\nname: a: b\n"),
            "s.yaml:2:8: error: invalid YAML: illegal map value\n");
  EXPECT_EQ(errors_of("schemetric: *version\n"),
            "s.yaml:1:13: error: invalid YAML: the referenced anchor is not defined\n");
}

// --- top-level keys
// --------------------------------------------------------------------------------
TEST(SchemaDocumentErrors, MissingRequiredTopLevelKeys) {
  EXPECT_EQ(errors_of(R"(
help: Nothing else.
)"),
            "s.yaml:1:1: error: missing required key 'schemetric' in the schema; add 'schemetric: "
            "1' (the schema format version)\n"
            "s.yaml:1:1: error: missing required key 'name' in the schema; add the schema's name, "
            "e.g. 'name: my_service' (it becomes the C++ namespace)\n"
            "s.yaml:1:1: error: missing required key 'metrics' in the schema; add a 'metrics:' "
            "mapping with at least one metric\n");
}

TEST(SchemaDocumentErrors, UnknownTopLevelKey) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
hlep: Typo.
metric:
  up: {type: gauge, help: Up.}
owner: team-a
)"),
            "s.yaml:1:1: error: missing required key 'metrics' in the schema; add a 'metrics:' "
            "mapping with at least one metric\n"
            "s.yaml:3:1: error: unknown key 'hlep' in the schema; did you mean 'help'?\n"
            "s.yaml:4:1: error: unknown key 'metric' in the schema; did you mean 'metrics'?\n"
            "s.yaml:6:1: error: unknown key 'owner' in the schema; allowed keys are "
            "'schemetric', 'name', 'help', 'max_series', 'labels', 'metrics', 'process_metrics', "
            "'trackers', 'alerts', 'slos', 'prometheus' or 'dashboard'\n");
}

TEST(SchemaDocumentErrors, UserTextWithLineBreaksStaysOnOneLine) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
"two\nlines": 1
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:3:1: error: unknown key 'two\\nlines' in the schema; allowed keys are "
            "'schemetric', 'name', 'help', 'max_series', 'labels', 'metrics', 'process_metrics', "
            "'trackers', 'alerts', 'slos', 'prometheus' or 'dashboard'\n");
}

TEST(SchemaDocumentErrors, DuplicateTopLevelKey) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
name: other
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:3:1: error: duplicate key 'name' in the schema (first given at 2:1); remove "
            "one of them\n");
}

TEST(SchemaDocumentErrors, KeyThatIsNotAName) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
? [a, b]
: 1
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:3:3: error: keys must be names, found a sequence\n");
}

TEST(SchemaDocumentErrors, FormatVersion) {
  const std::string_view rest = "name: svc\nmetrics: {up: {type: gauge, help: Up.}}\n";
  EXPECT_EQ(errors_of("schemetric: 2\n" + std::string{rest}),
            "s.yaml:1:13: error: unsupported schema format version 2; this schemetric-gen supports "
            "version 1 (write 'schemetric: 1')\n");
  EXPECT_EQ(errors_of("schemetric: \"1\"\n" + std::string{rest}),
            "s.yaml:1:13: error: 'schemetric' must be the integer format version 1, found the "
            "string '1'\n");
  EXPECT_EQ(errors_of("schemetric: 1.5\n" + std::string{rest}),
            "s.yaml:1:13: error: 'schemetric' must be the integer format version 1, found the "
            "number 1.5\n");
  EXPECT_EQ(errors_of("schemetric:\n" + std::string{rest}),
            "s.yaml:1:1: error: 'schemetric' must be the integer format version 1, found an "
            "empty value\n");
}

TEST(SchemaDocumentErrors, SchemaName) {
  const std::string_view head = "schemetric: 1\n";
  const std::string_view tail = "metrics: {up: {type: gauge, help: Up.}}\n";
  const auto errors_for_name = [&](std::string_view name_line) {
    return errors_of(std::string{head} + std::string{name_line} + "\n" + std::string{tail});
  };
  EXPECT_EQ(errors_for_name("name: My-Service"),
            "s.yaml:2:7: error: invalid schema name 'My-Service': names must match "
            "[a-z][a-z0-9_]* (a lowercase letter, then lowercase letters, digits or '_'), e.g. "
            "'my_service'\n");
  EXPECT_EQ(errors_for_name("name: 9lives"),
            "s.yaml:2:7: error: invalid schema name '9lives': names must match [a-z][a-z0-9_]* (a "
            "lowercase letter, then lowercase letters, digits or '_')\n");
  EXPECT_EQ(errors_for_name("name: class"),
            "s.yaml:2:7: error: schema name 'class' is a C++ keyword; choose another name\n");
  EXPECT_EQ(errors_for_name("name: linux"),
            "s.yaml:2:7: error: schema name 'linux' is a macro predefined by C++ compilers or the "
            "standard library; choose another name\n");
  EXPECT_EQ(errors_for_name("name: std"),
            "s.yaml:2:7: error: schema name 'std' would clash with namespace 'std' in the "
            "generated header; choose another name\n");
  EXPECT_EQ(errors_for_name("name: [svc]"),
            "s.yaml:2:7: error: 'name' of the schema must be a string, found a sequence\n");
}

TEST(SchemaDocumentErrors, HelpWrongTypeOrEmpty) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
help: [x]
labels:
  method: {help: "  ", values: [GET]}
metrics:
  up:
    type: gauge
    help: ""
    labels: [method]
  down:
    type: gauge
    help: {text: x}
)"),
            "s.yaml:3:7: error: 'help' of the schema must be a string, found a sequence\n"
            "s.yaml:5:18: error: 'help' of label 'method' must not be empty; describe it in one "
            "sentence\n"
            "s.yaml:9:11: error: 'help' of metric 'up' must not be empty; describe it in one "
            "sentence\n"
            "s.yaml:13:11: error: 'help' of metric 'down' must be a string, found a mapping\n");
}

TEST(SchemaDocumentErrors, LabelsAndMetricsOfTheWrongType) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels: 5
metrics: [up]
)"),
            "s.yaml:3:9: error: 'labels' must be a mapping of label name to definition, found the "
            "number 5\n"
            "s.yaml:4:10: error: 'metrics' must be a mapping of metric name to definition, found "
            "a sequence\n");
}

TEST(SchemaDocumentErrors, MetricsEmptyOrMissingValue) {
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics: {}\n"),
            "s.yaml:3:10: error: 'metrics' must not be empty; define at least one metric\n");
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics:\n"),
            "s.yaml:3:1: error: 'metrics' must be a mapping of metric name to definition, found "
            "an empty value\n");
}

// --- labels
// ----------------------------------------------------------------------------------------
TEST(SchemaDocumentErrors, MaxSeriesValue) {
  const auto errors_for = [](std::string_view value) {
    return errors_of("schemetric: 1\nname: svc\nmax_series: " + std::string{value} +
                     "\nmetrics:\n  up: {type: gauge, help: Up.}\n");
  };
  const std::string message =
      "s.yaml:3:13: error: 'max_series' must be a positive integer, the most series the schema "
      "may expose (e.g. your Prometheus plan's series limit), found ";
  EXPECT_EQ(errors_for("0"), message + "the number 0\n");
  EXPECT_EQ(errors_for("-1"), message + "the number -1\n");
  EXPECT_EQ(errors_for("1.5"), message + "the number 1.5\n");
  EXPECT_EQ(errors_for("\"100\""), message + "the string '100'\n");
  EXPECT_EQ(errors_for("[100]"), message + "a sequence\n");
  EXPECT_EQ(errors_for("1"), "");  // one gauge without labels: one series
}

TEST(SchemaDocumentErrors, AllErrorsAreReportedSortedByPosition) {
  // Labels are read before metrics wherever they stand in the file, so `method` is known.
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  requests: {type: counter, help: R., labels: [method]}
  latency_seconds: {type: histogram, unit: seconds, help: L., buckets: [1, 0.5]}
labels:
  method: {values: [GET, GET]}
)"),
            "s.yaml:4:3: error: counter name 'requests' must end in '_total'; rename it to "
            "'requests_total'\n"
            "s.yaml:5:76: error: bucket bound 0.5 is not greater than the bound before it, 1; "
            "buckets must be strictly increasing\n"
            "s.yaml:7:26: error: duplicate value 'GET' in label 'method' (first at 7:21); remove "
            "one of them\n");
}

}  // namespace
}  // namespace schemetric::codegen
