// Tests of the schema parser: every diagnostic, with its exact text and position, and the model
// of valid schemas.
#include "schema_parser.hpp"

#include <cmath>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace schemetric::codegen {
namespace {

// Raw string literals in these tests start with a line break for readability; line 1 is the
// line after `R"(`.
std::string without_leading_newline(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return std::string{text};
}

// The diagnostics for `yaml`, formatted as schemetric-gen prints them.
std::string errors_of(std::string_view yaml) {
  diagnostics diags("s.yaml");
  const std::optional<schema> model = parse_schema(without_leading_newline(yaml), diags);
  EXPECT_EQ(model.has_value(), !diags.has_errors());
  return diags.format();
}

schema parse_valid(std::string_view yaml) {
  diagnostics diags("s.yaml");
  std::optional<schema> model = parse_schema(without_leading_newline(yaml), diags);
  EXPECT_EQ(diags.format(), "");
  return model.value_or(schema{});
}

// --- valid schemas -------------------------------------------------------------------------------

TEST(SchemaParser, ValidSchemaGivesTheModel) {
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
  EXPECT_EQ(method.values[0].identifier, "get");
  EXPECT_EQ(method.values[0].position, (source_position{7, 14}));
  EXPECT_EQ(method.values[2].identifier, "delete_");
  const label_definition& status = model.labels[1];
  ASSERT_EQ(status.values.size(), 4u);
  EXPECT_EQ(status.values[0].identifier, "_2xx");
  EXPECT_EQ(status.values[1].text, "/api/x");
  EXPECT_EQ(status.values[1].identifier, "_api_x");
  EXPECT_EQ(status.values[2].text, "404");  // a plain number is a fine value
  EXPECT_EQ(status.values[2].identifier, "_404");
  EXPECT_EQ(status.values[3].identifier, "true_");
  EXPECT_EQ(model.labels[2].kind, label_kind::text);
  EXPECT_TRUE(model.labels[2].values.empty());
  EXPECT_EQ(model.labels[3].kind, label_kind::enumeration);

  ASSERT_EQ(model.metrics.size(), 6u);
  const metric_definition& requests = model.metrics[0];
  EXPECT_EQ(requests.name, "http_requests_total");
  EXPECT_EQ(requests.type, metric_type::counter);
  EXPECT_EQ(requests.help, "Total HTTP requests handled.");
  EXPECT_EQ(requests.unit, "");
  EXPECT_EQ(requests.value, counter_value::integer);
  EXPECT_EQ(requests.label_names, (std::vector<std::string>{"method", "status"}));
  EXPECT_EQ(requests.position, (source_position{17, 3}));
  EXPECT_EQ(model.metrics[1].value, counter_value::floating);
  EXPECT_EQ(model.metrics[1].unit, "bytes");
  const metric_definition& duration = model.metrics[2];
  EXPECT_EQ(duration.type, metric_type::histogram);
  EXPECT_EQ(duration.unit, "seconds");
  EXPECT_EQ(duration.buckets, (std::vector<double>{0.005, 0.5, 1.0, 25.0, 64.0}));
  const metric_definition& health = model.metrics[3];
  EXPECT_EQ(health.type, metric_type::stateset);
  ASSERT_EQ(health.states.size(), 2u);
  EXPECT_EQ(health.states[1].text, "Degraded");
  EXPECT_EQ(health.states[1].identifier, "degraded");
  EXPECT_TRUE(health.label_names.empty());
  EXPECT_EQ(model.metrics[4].type, metric_type::gauge);
  EXPECT_EQ(model.metrics[5].type, metric_type::info);
  EXPECT_EQ(model.metrics[5].label_names, (std::vector<std::string>{"version"}));
}

TEST(SchemaParser, SmallestSchemaIsValid) {
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
  EXPECT_TRUE(model.metrics[0].label_names.empty());
}

TEST(SchemaParser, FlowStyleAndQuotedStringsAreValid) {
  const schema model = parse_valid(R"(
{schemetric: 1, name: "svc", metrics: {up: {type: 'gauge', help: "Up.\nReally."}}}
)");
  ASSERT_EQ(model.metrics.size(), 1u);
  EXPECT_EQ(model.metrics[0].help, "Up.\nReally.");
}

TEST(SchemaParser, TextLabelsAreAllowedOnInfoMetrics) {
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

TEST(SchemaParser, CounterSuffixCreatedBeforeTotalIsAllowed) {
  // Only the full name is checked against the reserved suffixes; a counter's ends in _total.
  parse_valid(R"(
schemetric: 1
name: svc
metrics:
  tasks_created_total: {type: counter, help: Tasks created.}
  queue_sum_total: {type: counter, help: Sum.}
)");
}

TEST(SchemaParser, BaseUnitsAreAccepted) {
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

TEST(SchemaParser, ManyValuesAreAllowed) {
  std::string yaml = "schemetric: 1\nname: svc\nlabels:\n  code:\n    values: [";
  for (int i = 0; i < 65536; ++i) yaml += (i > 0 ? ", v" : "v") + std::to_string(i);
  yaml += "]\nmetrics:\n  x_total: {type: counter, help: X., labels: [code]}\n";
  const schema model = parse_valid(yaml);
  ASSERT_EQ(model.labels.size(), 1u);
  EXPECT_EQ(model.labels[0].values.size(), 65536u);
}

// --- the file as a whole
// --------------------------------------------------------------------------

TEST(SchemaParserErrors, EmptyFile) {
  EXPECT_EQ(errors_of(""),
            "s.yaml:1:1: error: the schema is empty; it must be a mapping with the keys "
            "'schemetric', 'name' and 'metrics'\n");
  EXPECT_EQ(errors_of("# only a comment\n"),
            "s.yaml:1:1: error: the schema is empty; it must be a mapping with the keys "
            "'schemetric', 'name' and 'metrics'\n");
}

TEST(SchemaParserErrors, RootIsNotAMapping) {
  EXPECT_EQ(
      errors_of("- a\n- b\n"),
      "s.yaml:1:1: error: the schema must be a mapping with the keys 'schemetric', 'name' and "
      "'metrics', found a sequence\n");
}

TEST(SchemaParserErrors, SeveralDocuments) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
---
name: svc
)"),
            "s.yaml:3:1: error: the schema file must hold a single YAML document; remove the "
            "second one\n");
}

TEST(SchemaParserErrors, MalformedYaml) {
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

TEST(SchemaParserErrors, MissingRequiredTopLevelKeys) {
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

TEST(SchemaParserErrors, UnknownTopLevelKey) {
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
            "'schemetric', 'name', 'help', 'labels' or 'metrics'\n");
}

TEST(SchemaParserErrors, UserTextWithLineBreaksStaysOnOneLine) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
"two\nlines": 1
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:3:1: error: unknown key 'two\\nlines' in the schema; allowed keys are "
            "'schemetric', 'name', 'help', 'labels' or 'metrics'\n");
}

TEST(SchemaParserErrors, DuplicateTopLevelKey) {
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

TEST(SchemaParserErrors, KeyThatIsNotAName) {
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

TEST(SchemaParserErrors, FormatVersion) {
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

TEST(SchemaParserErrors, SchemaName) {
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

TEST(SchemaParserErrors, HelpWrongTypeOrEmpty) {
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

TEST(SchemaParserErrors, LabelsAndMetricsOfTheWrongType) {
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

TEST(SchemaParserErrors, MetricsEmptyOrMissingValue) {
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics: {}\n"),
            "s.yaml:3:10: error: 'metrics' must not be empty; define at least one metric\n");
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics:\n"),
            "s.yaml:3:1: error: 'metrics' must be a mapping of metric name to definition, found "
            "an empty value\n");
}

// --- labels
// ----------------------------------------------------------------------------------------

TEST(SchemaParserErrors, DuplicateLabel) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  method: {values: [POST]}
metrics:
  up: {type: gauge, help: Up., labels: [method]}
)"),
            "s.yaml:5:3: error: duplicate label 'method' (first defined at 4:3); label names must "
            "be unique\n");
}

TEST(SchemaParserErrors, LabelNames) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  Method: {values: [a]}
  __meta: {values: [a]}
  le: {values: [a]}
  quantile: {values: [a]}
  class: {values: [a]}
  unix: {values: [a]}
  registry: {values: [a]}
  labels: {values: [a]}
  metrics: {values: [a]}
  schemetric: {values: [a]}
  std: {values: [a]}
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:4:3: error: invalid label name 'Method': names must match [a-z][a-z0-9_]* (a "
            "lowercase letter, then lowercase letters, digits or '_'), e.g. 'method'\n"
            "s.yaml:5:3: error: label name '__meta' is reserved: names starting with '__' are for "
            "Prometheus' internal use; choose another name\n"
            "s.yaml:6:3: error: label name 'le' is reserved for the bucket bounds of histograms; "
            "choose another name\n"
            "s.yaml:7:3: error: label name 'quantile' is reserved for the quantiles of summaries; "
            "choose another name\n"
            "s.yaml:8:3: error: label name 'class' is a C++ keyword; choose another name\n"
            "s.yaml:9:3: error: label name 'unix' is a macro predefined by C++ compilers or the "
            "standard library; choose another name\n"
            "s.yaml:10:3: error: label name 'registry' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:11:3: error: label name 'labels' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:12:3: error: label name 'metrics' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:13:3: error: label name 'schemetric' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:14:3: error: label name 'std' collides with a name the generated header uses "
            "in the schema's namespace; choose another name\n");
}

TEST(SchemaParserErrors, LabelNamedLikeAStateEnum) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  health_state: {values: [a]}
metrics:
  health:
    type: stateset
    help: Health.
    states: [ok, failing]
)"),
            "s.yaml:4:3: error: label name 'health_state' collides with the state enum generated "
            "for stateset 'health' (at 6:3); rename the label\n");
}

TEST(SchemaParserErrors, LabelDefinitionKeys) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  method:
    vaules: [GET]
  status: [200, 404]
  code:
  route:
    values: [a]
    values: [b]
    description: Route.
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:5:5: error: unknown key 'vaules' in label 'method'; did you mean 'values'?\n"
            "s.yaml:5:5: error: label 'method' is missing required key 'values'; list its closed "
            "set of values, e.g. 'values: [a, b]', or add 'kind: text' for a free string (info "
            "metrics only)\n"
            "s.yaml:6:11: error: label 'status' must be a mapping with 'values' (a closed set) or "
            "'kind: text', found a sequence\n"
            "s.yaml:7:3: error: label 'code' must be a mapping with 'values' (a closed set) or "
            "'kind: text', found an empty value\n"
            "s.yaml:10:5: error: duplicate key 'values' in label 'route' (first given at 9:5); "
            "remove one of them\n"
            "s.yaml:11:5: error: unknown key 'description' in label 'route'; allowed keys are "
            "'kind', 'help' or 'values'\n");
}

TEST(SchemaParserErrors, LabelKind) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  version: {kind: txt}
  tenant: {kind: free}
  region: {kind: [text]}
  edition: {kind: text, values: [a, b]}
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:4:19: error: unknown kind 'txt' of label 'version'; did you mean 'text'?\n"
            "s.yaml:5:18: error: unknown kind 'free' of label 'tenant'; expected 'enum' (a closed "
            "set of values) or 'text'\n"
            "s.yaml:6:18: error: 'kind' of label 'region' must be a string, found a sequence\n"
            "s.yaml:7:25: error: 'values' is not allowed on label 'edition' of kind 'text'; remove "
            "it, or remove 'kind: text' to make the label a closed set\n");
}

TEST(SchemaParserErrors, LabelValuesShape) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  a: {values: GET}
  b: {values: []}
  c: {values: [x, [y], {z: 1}]}
  d:
    values:
      - x
      -
      - ""
      - ~
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:4:15: error: 'values' must be a sequence of strings, found the string 'GET'\n"
            "s.yaml:5:15: error: 'values' of label 'b' must not be empty; list at least one value\n"
            "s.yaml:6:19: error: each entry of 'values' must be a string, found a sequence\n"
            "s.yaml:6:24: error: each entry of 'values' must be a string, found a mapping\n"
            "s.yaml:10:7: error: label 'd' has an empty value; values must be non-empty strings\n"
            "s.yaml:11:9: error: label 'd' has an empty value; values must be non-empty strings\n"
            "s.yaml:12:9: error: label 'd' has an empty value; values must be non-empty strings\n");
}

TEST(SchemaParserErrors, EmptyLastEntryBeforeAKeyStartingWithN) {
  // yaml-cpp marks the empty entry at the next token, `name`; the error points at its "-".
  EXPECT_EQ(errors_of(R"(
schemetric: 1
metrics:
  up: {type: gauge, help: Up.}
labels:
  a:
    values:
      - x
      -
name: svc
)"),
            "s.yaml:8:7: error: label 'a' has an empty value; values must be non-empty strings\n");
}

TEST(SchemaParserErrors, DuplicateLabelValues) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET, POST, GET]}
  route: {values: [/api/x, _api_x, "/api x"]}
  code: {values: [200, "200"]}
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:4:32: error: duplicate value 'GET' in label 'method' (first at 4:21); remove "
            "one of them\n"
            "s.yaml:5:28: error: values '/api/x' (at 5:20) and '_api_x' of label 'route' both have "
            "the C++ spelling '_api_x'; rename one of them\n"
            "s.yaml:5:36: error: values '/api/x' (at 5:20) and '/api x' of label 'route' both "
            "have the C++ spelling '_api_x'; rename one of them\n"
            "s.yaml:6:24: error: duplicate value '200' in label 'code' (first at 6:19); remove one "
            "of them\n");
}

TEST(SchemaParserErrors, TooManyLabelValues) {
  std::string yaml = "schemetric: 1\nname: svc\nlabels:\n  code:\n    values: [";
  for (int i = 0; i < 65537; ++i) yaml += (i > 0 ? ", v" : "v") + std::to_string(i);
  yaml += "]\nmetrics:\n  up: {type: gauge, help: Up.}\n";
  EXPECT_EQ(errors_of(yaml),
            "s.yaml:5:13: error: label 'code' has 65537 values; at most 65536 are supported\n");
}

TEST(SchemaParserErrors, TextLabelOnNonInfoMetric) {
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

// --- metrics -------------------------------------------------------------------------------------

TEST(SchemaParserErrors, DuplicateMetric) {
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

TEST(SchemaParserErrors, MetricIsNotAMapping) {
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

TEST(SchemaParserErrors, MetricKeys) {
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
            "of 'counter', 'gauge', 'histogram', 'info' or 'stateset'\n"
            "s.yaml:7:5: error: duplicate key 'help' in metric 'up' (first given at 6:5); remove "
            "one of them\n"
            "s.yaml:8:5: error: unknown key 'owner' in metric 'up'; allowed keys are 'type', "
            "'help', 'unit', 'labels', 'value', 'buckets' or 'states'\n");
}

TEST(SchemaParserErrors, MissingHelp) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up: {type: gauge}
)"),
            "s.yaml:4:7: error: metric 'up' is missing required key 'help'; add 'help:' with one "
            "sentence saying what it measures\n");
}

TEST(SchemaParserErrors, MetricType) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_total: {type: countr, help: A.}
  b: {type: summary, help: B.}
  c: {type: [gauge], help: C.}
)"),
            "s.yaml:4:19: error: unknown metric type 'countr'; did you mean 'counter'?\n"
            "s.yaml:5:13: error: unknown metric type 'summary'; expected 'counter', 'gauge', "
            "'histogram', 'info' or 'stateset'\n"
            "s.yaml:6:13: error: 'type' of metric 'c' must be a string, found a sequence\n");
}

TEST(SchemaParserErrors, MetricNames) {
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

TEST(SchemaParserErrors, TypeSuffixes) {
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

TEST(SchemaParserErrors, ReservedSuffixes) {
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

TEST(SchemaParserErrors, SameOpenMetricsFamily) {
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

// --- units ---------------------------------------------------------------------------------------

TEST(SchemaParserErrors, UnitValue) {
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

TEST(SchemaParserErrors, NonBaseUnits) {
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

TEST(SchemaParserErrors, NameMustEndWithTheUnit) {
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

TEST(SchemaParserErrors, UnitOnInfoOrStateset) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  build_info: {type: info, unit: seconds, help: B.}
  health: {type: stateset, unit: ratio, help: H., states: [ok]}
)"),
            "s.yaml:4:28: error: 'unit' is only allowed on counter, gauge and histogram metrics, "
            "but 'build_info' is an info; remove it\n"
            "s.yaml:5:28: error: 'unit' is only allowed on counter, gauge and histogram metrics, "
            "but 'health' is a stateset; remove it\n");
}

// --- a metric's labels
// ------------------------------------------------------------------------------

TEST(SchemaParserErrors, MetricLabelsList) {
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

TEST(SchemaParserErrors, BrokenLabelDefinitionIsNotAlsoUnknown) {
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

TEST(SchemaParserErrors, LabelNamedLikeItsMetric) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  health: {values: [a]}
  level: {values: [a]}
metrics:
  health:
    type: stateset
    help: Health.
    labels: [health]
    states: [ok, failing]
  level:
    type: gauge
    help: Level.
    labels: [level]
)"),
            "s.yaml:10:14: error: stateset 'health' cannot have a label named like itself: its "
            "state label is exposed under the metric's name; rename the label\n"
            "s.yaml:15:14: error: metric 'level' cannot have a label named like itself: the "
            "generated 'labels::level' struct would have a member of its own name; rename the "
            "label\n");
}

// --- type-specific keys
// ---------------------------------------------------------------------------

TEST(SchemaParserErrors, KeysOfOtherMetricTypes) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  a_total: {type: counter, help: A., buckets: [1], states: [x]}
  b: {type: gauge, help: B., value: float}
)"),
            "s.yaml:4:38: error: 'buckets' is only allowed on histogram metrics, but 'a_total' is "
            "a counter; remove it\n"
            "s.yaml:4:52: error: 'states' is only allowed on stateset metrics, but 'a_total' is a "
            "counter; remove it\n"
            "s.yaml:5:30: error: 'value' is only allowed on counter metrics, but 'b' is a gauge; "
            "remove it\n");
}

TEST(SchemaParserErrors, CounterValue) {
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

TEST(SchemaParserErrors, BucketsMissingOrWrongType) {
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

TEST(SchemaParserErrors, BucketBounds) {
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

TEST(SchemaParserErrors, States) {
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

// --- everything at once
// ----------------------------------------------------------------------------

TEST(SchemaParserErrors, AllErrorsAreReportedSortedByPosition) {
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
