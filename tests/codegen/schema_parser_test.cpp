// Tests of the schema parser: every diagnostic, with its exact text and position, and the model
// of valid schemas.
#include "schema_parser.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
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

TEST(SchemaParser, LabelKindsGiveTheirClosedSets) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
labels:
  route:
    kind: route
    help: Route.
    routes: [/, /api/tasks, "/api/tasks/{task_id}/run", /delete, /2fa]
  fallback:
    kind: route
    routes: [/x]
    other: not found
  status: {kind: status}
  code: {kind: status, codes: [404, 200]}
  model: {kind: bounded, max_values: 8}
  tool: {kind: bounded, max_values: 1, overflow: rest}
metrics:
  up: {type: gauge, help: Up., labels: [route, fallback, status, code, model, tool]}
)");
  ASSERT_EQ(model.labels.size(), 6u);
  const label_definition& route = model.labels[0];
  EXPECT_EQ(route.kind, label_kind::route);
  EXPECT_EQ(route.help, "Route.");
  EXPECT_TRUE(route.is_closed_set());
  ASSERT_EQ(route.values.size(), 6u);
  std::vector<std::string> identifiers;
  for (const label_value& value : route.values) identifiers.push_back(value.identifier);
  EXPECT_EQ(identifiers, (std::vector<std::string>{"root", "api_tasks", "api_tasks_task_id_run",
                                                   "delete_", "_2fa", "other"}));
  EXPECT_EQ(route.values[2].text, "/api/tasks/{task_id}/run");
  EXPECT_EQ(route.values[2].position, (source_position{7, 29}));
  EXPECT_EQ(route.values[5].text, "other");  // the default no-match value
  ASSERT_EQ(route.route_templates().size(), 5u);
  EXPECT_EQ(route.route_templates().back().text, "/2fa");
  const label_definition& fallback = model.labels[1];
  ASSERT_EQ(fallback.values.size(), 2u);
  EXPECT_EQ(fallback.values[1].text, "not found");
  EXPECT_EQ(fallback.values[1].identifier, "not_found");
  EXPECT_EQ(fallback.values[1].position, (source_position{11, 12}));

  const label_definition& status = model.labels[2];
  EXPECT_EQ(status.kind, label_kind::status);
  EXPECT_TRUE(status.is_status_classes());
  ASSERT_EQ(status.values.size(), 5u);
  EXPECT_EQ(status.values[0].text, "1xx");
  EXPECT_EQ(status.values[4].identifier, "_5xx");
  const label_definition& code = model.labels[3];
  EXPECT_FALSE(code.is_status_classes());
  EXPECT_EQ(code.status_codes, (std::vector<int>{404, 200}));  // schema order
  ASSERT_EQ(code.values.size(), 3u);
  EXPECT_EQ(code.values[0].text, "404");
  EXPECT_EQ(code.values[0].identifier, "_404");
  EXPECT_EQ(code.values[2].text, "other");

  const label_definition& bounded = model.labels[4];
  EXPECT_EQ(bounded.kind, label_kind::bounded);
  EXPECT_FALSE(bounded.is_closed_set());
  EXPECT_EQ(bounded.max_values, 8u);
  EXPECT_EQ(bounded.overflow_value, "other");
  EXPECT_TRUE(bounded.values.empty());
  EXPECT_EQ(model.labels[5].max_values, 1u);
  EXPECT_EQ(model.labels[5].overflow_value, "rest");
  EXPECT_EQ(model.metrics[0].label_positions[1], (source_position{17, 48}));
}

TEST(SchemaParser, NewMetricKeysGiveTheModel) {
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
  EXPECT_EQ(clv.type, metric_type::summary);
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

TEST(SchemaParser, TrackersGiveTheModel) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET, POST]}
  route: {kind: route, routes: [/a]}
  status: {kind: status}
  model: {kind: bounded, max_values: 4}
  outcome: {values: [success, error, timeout]}
  category: {values: [timeout, other]}
  token_type: {values: [input, output, cached]}
metrics:
  http_seconds: {type: histogram, unit: seconds, help: H., labels: [method, route], buckets: [1]}
  http_total: {type: counter, help: H., labels: [method, route, status]}
  http_in_progress: {type: gauge, help: H., labels: [method]}
  http_errors_total: {type: counter, help: H., labels: [route, category]}
  request_bytes: {type: histogram, unit: bytes, help: R., buckets: [1]}
  response_bytes: {type: histogram, unit: bytes, help: R., labels: [route], buckets: [1]}
  ai_seconds: {type: histogram, unit: seconds, help: A., labels: [model, outcome], buckets: [1]}
  ai_total: {type: counter, help: A., labels: [model, outcome]}
  tokens_total: {type: counter, help: T., labels: [model, token_type]}
trackers:
  http_request:
    kind: http
    help: One HTTP request.
    labels: [method, route]
    duration: http_seconds
    count: http_total
    in_progress: http_in_progress
    errors: http_errors_total
    outcome_label: status
    error_label: category
    request_size: request_bytes
    response_size: response_bytes
  ai_call:
    kind: ai
    labels: [model]
    duration: ai_seconds
    count: ai_total
    outcome_label: outcome
    tokens: tokens_total
    token_label: token_type
  ping:
    kind: mcp
    labels: []
    duration: request_bytes
)");
  ASSERT_EQ(model.trackers.size(), 3u);
  const tracker_definition& http = model.trackers[0];
  EXPECT_EQ(http.name, "http_request");
  EXPECT_EQ(http.kind, tracker_kind::http);
  EXPECT_EQ(http.help, "One HTTP request.");
  EXPECT_EQ(http.label_names, (std::vector<std::string>{"method", "route"}));
  EXPECT_EQ(http.duration, "http_seconds");
  EXPECT_EQ(http.count, "http_total");
  EXPECT_EQ(http.in_progress, "http_in_progress");
  EXPECT_EQ(http.errors, "http_errors_total");
  EXPECT_EQ(http.request_size, "request_bytes");
  EXPECT_EQ(http.response_size, "response_bytes");
  EXPECT_EQ(http.tokens, "");
  EXPECT_EQ(http.outcome_label, "status");
  EXPECT_EQ(http.error_label, "category");
  EXPECT_EQ(http.token_label, "");
  EXPECT_EQ(http.position, (source_position{22, 3}));
  const tracker_definition& ai = model.trackers[1];
  EXPECT_EQ(ai.kind, tracker_kind::ai);
  EXPECT_EQ(ai.tokens, "tokens_total");
  EXPECT_EQ(ai.token_label, "token_type");
  EXPECT_EQ(ai.outcome_label, "outcome");  // on the duration as well as the count
  EXPECT_EQ(model.trackers[2].kind, tracker_kind::mcp);
  EXPECT_TRUE(model.trackers[2].label_names.empty());
}

TEST(SchemaParser, BudgetThatFitsExactlyIsValid) {
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
            "'schemetric', 'name', 'help', 'max_series', 'labels', 'metrics' or 'trackers'\n");
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
            "'schemetric', 'name', 'help', 'max_series', 'labels', 'metrics' or 'trackers'\n");
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
            "'kind', 'help', 'values', 'routes', 'other', 'codes', 'max_values' or 'overflow'\n");
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
            "set of values), 'text', 'route', 'status' or 'bounded'\n"
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
            "of 'counter', 'gauge', 'histogram', 'summary', 'info' or 'stateset'\n"
            "s.yaml:7:5: error: duplicate key 'help' in metric 'up' (first given at 6:5); remove "
            "one of them\n"
            "s.yaml:8:5: error: unknown key 'owner' in metric 'up'; allowed keys are 'type', "
            "'help', 'unit', 'labels', 'value', 'buckets', 'quantiles', 'max_age_seconds', "
            "'age_buckets', 'callback', 'health', 'from_build' or 'states'\n");
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
  b: {type: timer, help: B.}
  c: {type: [gauge], help: C.}
)"),
            "s.yaml:4:19: error: unknown metric type 'countr'; did you mean 'counter'?\n"
            "s.yaml:5:13: error: unknown metric type 'timer'; expected 'counter', 'gauge', "
            "'histogram', 'summary', 'info' or 'stateset'\n"
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
            "s.yaml:4:28: error: 'unit' is only allowed on counter, gauge, histogram and summary "
            "metrics, but 'build_info' is an info; remove it\n"
            "s.yaml:5:28: error: 'unit' is only allowed on counter, gauge, histogram and summary "
            "metrics, but 'health' is a stateset; remove it\n");
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

// --- label kinds, new metric keys, trackers, the budget
// --------------------------------------------------------------------------------

TEST(SchemaParserErrors, LabelKeysOfOtherKinds) {
  // Each kind takes only its own keys; 'values' on a text label keeps its own message.
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET], routes: [/a], codes: [200]}
  route: {kind: route, routes: [/a], values: [x], max_values: 3}
  status: {kind: status, other: x, overflow: y}
  model: {kind: bounded, max_values: 2, values: [a]}
  version: {kind: text, routes: [/a]}
metrics:
  up: {type: gauge, help: Up.}
)"),
      "s.yaml:4:27: error: 'routes' is only allowed on labels of kind 'route', but label 'method' "
      "is of kind 'enum'; remove it (an 'enum' label takes 'kind', 'help' or 'values')\n"
      "s.yaml:4:41: error: 'codes' is only allowed on labels of kind 'status', but label 'method' "
      "is of kind 'enum'; remove it (an 'enum' label takes 'kind', 'help' or 'values')\n"
      "s.yaml:5:38: error: 'values' is only allowed on labels of kind 'enum', but label 'route' is "
      "of kind 'route'; remove it (a 'route' label takes 'kind', 'help', 'routes' or 'other')\n"
      "s.yaml:5:51: error: 'max_values' is only allowed on labels of kind 'bounded', but label "
      "'route' is of kind 'route'; remove it (a 'route' label takes 'kind', 'help', 'routes' or "
      "'other')\n"
      "s.yaml:6:26: error: 'other' is only allowed on labels of kind 'route', but label 'status' "
      "is of kind 'status'; remove it (a 'status' label takes 'kind', 'help' or 'codes')\n"
      "s.yaml:6:36: error: 'overflow' is only allowed on labels of kind 'bounded', but label "
      "'status' is of kind 'status'; remove it (a 'status' label takes 'kind', 'help' or 'codes')\n"
      "s.yaml:7:41: error: 'values' is only allowed on labels of kind 'enum', but label 'model' is "
      "of kind 'bounded'; remove it (a 'bounded' label takes 'kind', 'help', 'max_values' or "
      "'overflow')\n"
      "s.yaml:8:25: error: 'routes' is only allowed on labels of kind 'route', but label 'version' "
      "is of kind 'text'; remove it (a 'text' label takes 'kind' or 'help')\n");
}

TEST(SchemaParserErrors, RouteTemplates) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  a: {kind: route}
  b: {kind: route, routes: /x}
  c: {kind: route, routes: []}
  d:
    kind: route
    routes:
      - api/tasks
      - /search?q=1
      - /page#top
      - /api//x
      - /api/
      - /x/{}
      - "/x/{a-b}"
      - "/files/{name}.json"
      - "/x/{1id}"
      - "/x/y}"
      - ""
      - [/x]
      - /api/x
      - /api/x
      - /api_x
      - /
      - "/{id}"
metrics:
  up: {type: gauge, help: Up.}
)"),
      "s.yaml:4:6: error: label 'a' of kind 'route' is missing required key 'routes'; list the "
      "route templates of the service, e.g. 'routes: [/api/tasks, /api/tasks/{task_id}]'\n"
      "s.yaml:5:28: error: 'routes' must be a sequence of route templates, found the string '/x'\n"
      "s.yaml:6:28: error: 'routes' of label 'c' must not be empty; list at least one route "
      "template\n"
      "s.yaml:10:9: error: route template 'api/tasks' must start with '/', e.g. '/api/tasks'\n"
      "s.yaml:11:9: error: route template '/search?q=1' contains '?'; a template is a path only, "
      "without query string or fragment: remove everything from '?' on\n"
      "s.yaml:12:9: error: route template '/page#top' contains '#'; a template is a path only, "
      "without query string or fragment: remove everything from '#' on\n"
      "s.yaml:13:9: error: route template '/api//x' has an empty segment; remove the doubled or "
      "trailing '/'\n"
      "s.yaml:14:9: error: route template '/api/' has an empty segment; remove the doubled or "
      "trailing '/'\n"
      "s.yaml:15:9: error: route template '/x/{}' has a malformed parameter in segment '{}'; a "
      "parameter is a whole segment '{name}' with an identifier inside\n"
      "s.yaml:16:9: error: route template '/x/{a-b}' has a malformed parameter in segment '{a-b}'; "
      "a parameter is a whole segment '{name}' with an identifier inside\n"
      "s.yaml:17:9: error: route template '/files/{name}.json' has a malformed parameter in "
      "segment '{name}.json'; a parameter is a whole segment '{name}' with an identifier inside\n"
      "s.yaml:18:9: error: route template '/x/{1id}' has a malformed parameter in segment '{1id}'; "
      "a parameter is a whole segment '{name}' with an identifier inside\n"
      "s.yaml:19:9: error: route template '/x/y}' has a malformed parameter in segment 'y}'; a "
      "parameter is a whole segment '{name}' with an identifier inside\n"
      "s.yaml:20:9: error: label 'd' has an empty route template; templates start with '/', e.g. "
      "'/api/tasks'\n"
      "s.yaml:21:9: error: each entry of 'routes' must be a route template such as "
      "'/api/tasks/{task_id}', found a sequence\n"
      "s.yaml:23:9: error: duplicate route template '/api/x' in label 'd' (first at 22:9); remove "
      "one of them\n"
      "s.yaml:24:9: error: route templates '/api/x' (at 22:9) and '/api_x' of label 'd' both have "
      "the C++ spelling 'api_x'; rename one of them\n");
}

TEST(SchemaParserErrors, RouteOtherValue) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  a: {kind: route, routes: [/x, /y], other: /y}
  b: {kind: route, routes: [/x, /unmatched], other: unmatched}
  c: {kind: route, routes: [/x], other: ""}
  d: {kind: route, routes: [/x], other: [o]}
  e: {kind: route, routes: [/x], other: none}
metrics:
  up: {type: gauge, help: Up.}
)"),
      "s.yaml:4:45: error: 'other' of label 'a' is '/y', which is also one of its route templates "
      "(at 4:33); choose a value that is not a template, e.g. 'other'\n"
      "s.yaml:5:53: error: the no-match value 'unmatched' and route template '/unmatched' (at "
      "5:33) of label 'b' both have the C++ spelling 'unmatched'; choose another 'other' value\n"
      "s.yaml:6:41: error: 'other' of label 'c' must not be empty; name the value of paths that "
      "match no template, e.g. 'other'\n"
      "s.yaml:7:41: error: 'other' of label 'd' must be a string, found a sequence\n");
}

TEST(SchemaParserErrors, StatusCodes) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  a: {kind: status, codes: 200}
  b: {kind: status, codes: []}
  c: {kind: status, codes: [200, "404", 99, 600, 2.5e2, 201.0, ok, 200]}
  d: {kind: stats}
  e: {kind: status}
metrics:
  up: {type: gauge, help: Up.}
)"),
      "s.yaml:4:28: error: 'codes' must be a sequence of HTTP status codes, found the number 200\n"
      "s.yaml:5:28: error: 'codes' of label 'b' must not be empty; list the exact codes to keep, "
      "e.g. 'codes: [200, 404, 500]', or remove 'codes' for the classes 1xx to 5xx\n"
      "s.yaml:6:34: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the string '404'\n"
      "s.yaml:6:41: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the number 99\n"
      "s.yaml:6:45: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the number 600\n"
      "s.yaml:6:50: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the number 2.5e2\n"
      "s.yaml:6:57: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the number 201.0\n"
      "s.yaml:6:64: error: each entry of 'codes' must be an HTTP status code, an integer from 100 "
      "to 599, found the string 'ok'\n"
      "s.yaml:6:68: error: duplicate status code 200 in label 'c' (first at 6:29); remove one of "
      "them\n"
      "s.yaml:7:13: error: unknown kind 'stats' of label 'd'; did you mean 'status'?\n");
}

TEST(SchemaParserErrors, BoundedLabels) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  a: {kind: bounded}
  b: {kind: bounded, max_values: 0}
  c: {kind: bounded, max_values: 65536}
  d: {kind: bounded, max_values: "8"}
  e: {kind: bounded, max_values: 1.5, overflow: ""}
  f: {kind: bounded, max_values: 65535, overflow: [x]}
  label_name: {kind: bounded, max_values: 2}
  overflow_value: {kind: bounded, max_values: 2}
  bounded_label: {kind: bounded, max_values: 2}
metrics:
  up: {type: gauge, help: Up.}
)"),
            "s.yaml:4:6: error: label 'a' of kind 'bounded' is missing required key 'max_values'; "
            "give the number of distinct values that get their own series, e.g. 'max_values: 8'\n"
            "s.yaml:5:34: error: 'max_values' of label 'b' must be an integer from 1 to 65535, "
            "found the number 0\n"
            "s.yaml:6:34: error: 'max_values' of label 'c' must be an integer from 1 to 65535, "
            "found the number 65536\n"
            "s.yaml:7:34: error: 'max_values' of label 'd' must be an integer from 1 to 65535, "
            "found the string '8'\n"
            "s.yaml:8:34: error: 'max_values' of label 'e' must be an integer from 1 to 65535, "
            "found the number 1.5\n"
            "s.yaml:8:49: error: 'overflow' of label 'e' must not be empty; name the value that "
            "values past 'max_values' fold into, e.g. 'other'\n"
            "s.yaml:9:51: error: 'overflow' of label 'f' must be a string, found a sequence\n"
            "s.yaml:10:3: error: bounded label name 'label_name' collides with a member of the "
            "struct generated for it; choose another name\n"
            "s.yaml:11:3: error: bounded label name 'overflow_value' collides with a member of the "
            "struct generated for it; choose another name\n"
            "s.yaml:12:3: error: bounded label name 'bounded_label' collides with a member of the "
            "struct generated for it; choose another name\n");
}

TEST(SchemaParserErrors, NamesOfNewGeneratedDeclarations) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  trackers: {values: [a]}
  schemetric_route_templates: {values: [a]}
  schemetric_status_classes: {values: [a]}
  schemetric_status_codes: {values: [a]}
  route: {kind: route, routes: [/a]}
  route_of: {values: [a]}
  status: {kind: status}
  status_of: {kind: bounded, max_values: 3}
  label_name: {values: [a]}
metrics:
  up: {type: gauge, help: Up.}
  trackers: {type: gauge, help: T.}
  quantiles: {type: gauge, help: Q.}
  max_age_seconds: {type: gauge, unit: seconds, help: M.}
  age_buckets: {type: gauge, help: A.}
  from_build: {type: gauge, help: F.}
  schemetric_bounded_labels: {type: gauge, help: S.}
)"),
            "s.yaml:4:3: error: label name 'trackers' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:5:3: error: label name 'schemetric_route_templates' collides with a name the "
            "generated header uses in the schema's namespace; choose another name\n"
            "s.yaml:6:3: error: label name 'schemetric_status_classes' collides with a name the "
            "generated header uses in the schema's namespace; choose another name\n"
            "s.yaml:7:3: error: label name 'schemetric_status_codes' collides with a name the "
            "generated header uses in the schema's namespace; choose another name\n"
            "s.yaml:9:3: error: label name 'route_of' collides with the function 'route_of' "
            "generated for route label 'route' (at 8:3); rename the label\n"
            "s.yaml:11:3: error: label name 'status_of' collides with the function 'status_of' "
            "generated for status label 'status' (at 10:3); rename the label\n"
            "s.yaml:15:3: error: metric name 'trackers' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:16:3: error: metric name 'quantiles' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml:17:3: error: metric name 'max_age_seconds' collides with a name the generated "
            "header declares; choose another name\n"
            "s.yaml:18:3: error: metric name 'age_buckets' collides with a name the generated "
            "header declares; choose another name\n"
            "s.yaml:19:3: error: metric name 'from_build' collides with a name the generated "
            "header declares; choose another name\n"
            "s.yaml:20:3: error: metric name 'schemetric_bounded_labels' collides with a name the "
            "generated header declares; choose another name\n");
}

TEST(SchemaParserErrors, Summaries) {
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
    quantiles: [0.5, x, 0, 1, 1.5, -0.1, .nan, 0.9, 0.9, 0.8, 0.99]
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
      "s.yaml:11:22: error: each quantile must be a number, found the string 'x'\n"
      "s.yaml:11:25: error: quantile 0 is not between 0 and 1 (both excluded); write the median as "
      "0.5 and the 99th percentile as 0.99\n"
      "s.yaml:11:28: error: quantile 1 is not between 0 and 1 (both excluded); write the median as "
      "0.5 and the 99th percentile as 0.99\n"
      "s.yaml:11:31: error: quantile 1.5 is not between 0 and 1 (both excluded); write the median "
      "as 0.5 and the 99th percentile as 0.99\n"
      "s.yaml:11:36: error: quantile -0.1 is not between 0 and 1 (both excluded); write the median "
      "as 0.5 and the 99th percentile as 0.99\n"
      "s.yaml:11:42: error: quantile .nan is not between 0 and 1 (both excluded); write the median "
      "as 0.5 and the 99th percentile as 0.99\n"
      "s.yaml:11:53: error: quantile 0.9 is not greater than the quantile before it, 0.9; "
      "quantiles must be strictly increasing\n"
      "s.yaml:11:58: error: quantile 0.8 is not greater than the quantile before it, 0.9; "
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

TEST(SchemaParserErrors, TypeFlags) {
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

TEST(SchemaParserErrors, TrackerNamesKeysAndLabels) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  version: {kind: text}
  status: {kind: status}
metrics:
  req_seconds: {type: histogram, unit: seconds, help: R., labels: [method], buckets: [1]}
  track_ping: {type: gauge, help: T.}
trackers:
  ping:
    kind: htp
    labels: [method, method, methd, version, [x]]
    duration: req_seconds
    owner: me
  Bad-Name: {kind: http, duration: req_seconds}
  class: {kind: http, duration: req_seconds}
  registry: {kind: http, duration: req_seconds}
  a: 5
  b: {duration: req_seconds}
  c: {kind: grpc}
  d: {kind: http, duration: req_seconds, labels: method}
  d: {kind: http, duration: req_seconds}
  e: {kind: http, duration: req_seconds, labels: []}
  f: {kind: http, duration: req_seconds, labels:}
)"),
      "s.yaml:11:3: error: tracker 'ping' generates the registry function 'track_ping', which "
      "collides with metric 'track_ping' (at 9:3); rename the tracker or the metric\n"
      "s.yaml:12:11: error: unknown kind 'htp' of tracker 'ping'; did you mean 'http'?\n"
      "s.yaml:13:22: error: label 'method' is listed twice in tracker 'ping' (first at 13:14); "
      "remove the duplicate\n"
      "s.yaml:13:30: error: tracker 'ping' uses unknown label 'methd'; did you mean 'method'?\n"
      "s.yaml:13:37: error: label 'version' has kind 'text', which trackers cannot take; a tracker "
      "starts with enum, route, status or bounded labels\n"
      "s.yaml:13:46: error: each entry of 'labels' must be a label name, found a sequence\n"
      "s.yaml:15:5: error: unknown key 'owner' in tracker 'ping'; allowed keys are 'kind', 'help', "
      "'labels', 'duration', 'count', 'in_progress', 'errors', 'outcome_label', 'error_label', "
      "'request_size', 'response_size', 'tokens' or 'token_label'\n"
      "s.yaml:16:3: error: invalid tracker name 'Bad-Name': names must match [a-z][a-z0-9_]* (a "
      "lowercase letter, then lowercase letters, digits or '_'), e.g. 'bad_name'\n"
      "s.yaml:16:36: error: tracker 'Bad-Name' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:17:3: error: tracker name 'class' is a C++ keyword; choose another name\n"
      "s.yaml:17:33: error: tracker 'class' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:18:3: error: tracker name 'registry' collides with a name the struct generated for "
      "it uses; choose another name\n"
      "s.yaml:18:36: error: tracker 'registry' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:19:6: error: tracker 'a' must be a mapping with 'kind' and 'duration', found the "
      "number 5\n"
      "s.yaml:20:6: error: tracker 'b' is missing required key 'kind'; add 'kind:' with one of "
      "'http', 'db', 'ai', 'cache', 'integration' or 'mcp'\n"
      "s.yaml:20:17: error: tracker 'b' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:21:6: error: tracker 'c' is missing required key 'duration'; name the histogram that "
      "records how long each tracked operation takes\n"
      "s.yaml:21:13: error: unknown kind 'grpc' of tracker 'c'; expected 'http', 'db', 'ai', "
      "'cache', 'integration' or 'mcp'\n"
      "s.yaml:22:29: error: tracker 'd' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:22:50: error: 'labels' of tracker 'd' must be a sequence of label names, found the "
      "string 'method'\n"
      "s.yaml:23:3: error: duplicate tracker 'd' (first defined at 22:3); tracker names must be "
      "unique\n"
      "s.yaml:24:29: error: tracker 'e' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:25:29: error: tracker 'f' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n");
}

TEST(SchemaParserErrors, TrackerMetricRoles) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  status: {kind: status}
  outcome: {values: [success, error]}
  category: {values: [timeout, other]}
  token_type: {values: [input, output]}
metrics:
  req_seconds: {type: histogram, unit: seconds, help: R., labels: [method], buckets: [1]}
  req_total: {type: counter, help: R., labels: [method, status]}
  pool: {type: gauge, callback: true, help: P.}
  busy: {type: gauge, help: B.}
  errors_total: {type: counter, help: E., labels: [category]}
  tokens_total: {type: counter, help: T., labels: [token_type]}
  size_bytes: {type: histogram, unit: bytes, help: S., buckets: [1]}
  broken: {type: weird, help: B.}
trackers:
  a:
    kind: http
    labels: [method]
    duration: req_total
    count: req_secnds
    in_progress: pool
    errors: busy
    request_size: nowhere
    response_size: broken
    tokens: tokens_total
    token_label: token_type
  b:
    kind: db
    duration: req_seconds
    request_size: size_bytes
    in_progress: [busy]
)"),
      "s.yaml:17:18: error: unknown metric type 'weird'; expected 'counter', 'gauge', 'histogram', "
      "'summary', 'info' or 'stateset'\n"
      "s.yaml:20:5: error: tracker 'a' has 'count' but no 'outcome_label'; name the label it sets "
      "on that metric, e.g. 'outcome_label: status'\n"
      "s.yaml:20:5: error: tracker 'a' has 'errors' but no 'error_label'; name the label it sets "
      "on that metric, e.g. 'error_label: error_category'\n"
      "s.yaml:22:15: error: the 'duration' of tracker 'a' must be a histogram, but 'req_total' is "
      "a counter; name a histogram\n"
      "s.yaml:23:12: error: tracker 'a' uses unknown metric 'req_secnds' as its 'count'; did you "
      "mean 'req_seconds'?\n"
      "s.yaml:24:18: error: the 'in_progress' of tracker 'a' must be a gauge the tracker sets, but "
      "'pool' is a callback gauge (read at scrape time); name a gauge without 'callback: true'\n"
      "s.yaml:25:13: error: the 'errors' of tracker 'a' must be a counter, but 'busy' is a gauge; "
      "name a counter\n"
      "s.yaml:26:19: error: tracker 'a' uses unknown metric 'nowhere' as its 'request_size'; "
      "define it under 'metrics:'\n"
      "s.yaml:28:5: error: 'tokens' is only allowed on trackers of kind 'ai', but tracker 'a' is "
      "of kind 'http'; remove it\n"
      "s.yaml:29:5: error: 'token_label' is only allowed on trackers of kind 'ai', but tracker 'a' "
      "is of kind 'http'; remove it\n"
      "s.yaml:32:15: error: tracker 'b' cannot set label 'method' of its 'duration' metric "
      "'req_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'method' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:33:5: error: 'request_size' is only allowed on trackers of kind 'http', but tracker "
      "'b' is of kind 'db'; remove it\n"
      "s.yaml:34:18: error: 'in_progress' of tracker 'b' must be a string, found a sequence\n");
}

TEST(SchemaParserErrors, RoleOfAnotherKindIsReportedOnce) {
  // 'tokens' on an http tracker: no second error asking for its 'token_label'.
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  token_type: {values: [input, output]}
metrics:
  request_seconds: {type: histogram, unit: seconds, help: R., buckets: [1]}
  tokens_total: {type: counter, help: T., labels: [token_type]}
trackers:
  request:
    kind: http
    duration: request_seconds
    tokens: tokens_total
)"),
            "s.yaml:12:5: error: 'tokens' is only allowed on trackers of kind 'ai', but tracker "
            "'request' is of kind 'http'; remove it\n");
}

TEST(SchemaParserErrors, TrackerLabelRoles) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  status: {kind: status}
  outcome: {values: [success, error]}
  result: {values: [ok, failed]}
  cache_result: {values: [hit, error]}
  category: {values: [timeout, connection]}
  token_type: {values: [prompt, completion]}
  model: {kind: bounded, max_values: 4}
metrics:
  req_seconds: {type: histogram, unit: seconds, help: R., labels: [method], buckets: [1]}
  req_total: {type: counter, help: R., labels: [method, status]}
  outcomes_total: {type: counter, help: O., labels: [outcome]}
  results_total: {type: counter, help: O., labels: [result]}
  cache_total: {type: counter, help: C., labels: [cache_result]}
  errors_total: {type: counter, help: E., labels: [category, outcome]}
  tokens_total: {type: counter, help: T., labels: [token_type]}
  busy: {type: gauge, help: B., labels: [method, status]}
  plain_total: {type: counter, help: P.}
  model_seconds: {type: histogram, unit: seconds, help: M., labels: [model, outcome], buckets: [1]}
trackers:
  http_a:
    kind: http
    labels: [method]
    duration: req_seconds
    count: outcomes_total
    in_progress: busy
    outcome_label: outcome
  http_b:
    kind: http
    labels: [method, status]
    duration: req_seconds
    count: req_total
    outcome_label: status
    error_label: category
  db_a:
    kind: db
    duration: model_seconds
    labels: [model]
    count: results_total
    outcome_label: result
    errors: errors_total
    error_label: category
  cache_a:
    kind: cache
    duration: req_seconds
    labels: [method]
    count: cache_total
    outcome_label: cache_result
  cache_b:
    kind: cache
    duration: req_seconds
    labels: [method]
    count: plain_total
    outcome_label: statuss
  ai_a:
    kind: ai
    duration: model_seconds
    labels: [model]
    outcome_label: outcome
    tokens: tokens_total
    token_label: token_type
  ai_b:
    kind: ai
    duration: model_seconds
    labels: [model]
    tokens: tokens_total
  mcp_a:
    kind: mcp
    duration: model_seconds
    labels: [model]
    count: plain_total
    outcome_label: model
  integration_a:
    kind: integration
    duration: req_seconds
    labels: [method]
    outcome_label: outcome
    errors: errors_total
    error_label: status
)"),
      "s.yaml:29:18: error: tracker 'http_a' cannot set label 'status' of its 'in_progress' metric "
      "'busy': that metric may have only the tracker's 'labels'; add 'status' to the tracker's "
      "'labels' or remove it from the metric\n"
      "s.yaml:30:20: error: tracker 'http_a' is of kind 'http', so its outcome label 'outcome' "
      "must be a 'kind: status' label (set from the response status); 'outcome' is of kind 'enum'\n"
      "s.yaml:36:20: error: the 'outcome_label' of tracker 'http_b', 'status', is also one of its "
      "'labels'; the tracker sets it itself, so remove it from 'labels'\n"
      "s.yaml:37:5: error: tracker 'http_b' has 'error_label' but no 'errors' metric to set it on; "
      "add 'errors:' or remove 'error_label'\n"
      "s.yaml:37:18: error: the error label 'category' of tracker 'http_b' must be an enum label "
      "whose values include 'other'; add 'other' to its 'values'\n"
      "s.yaml:40:15: error: tracker 'db_a' cannot set label 'outcome' of its 'duration' metric "
      "'model_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'outcome' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:43:20: error: tracker 'db_a' is of kind 'db', so its outcome label 'result' must be "
      "an enum label whose values include 'success' and 'error'; add 'success' and 'error' to its "
      "'values'\n"
      "s.yaml:44:13: error: tracker 'db_a' cannot set label 'outcome' of its 'errors' metric "
      "'errors_total': that metric may have only the tracker's 'labels' and its 'error_label'; add "
      "'outcome' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:45:18: error: the error label 'category' of tracker 'db_a' must be an enum label "
      "whose values include 'other'; add 'other' to its 'values'\n"
      "s.yaml:51:20: error: tracker 'cache_a' is of kind 'cache', so its outcome label "
      "'cache_result' must be an enum label whose values include 'hit' and 'miss'; add 'miss' to "
      "its 'values'\n"
      "s.yaml:57:20: error: tracker 'cache_b' uses unknown label 'statuss' as its 'outcome_label'; "
      "did you mean 'status'?\n"
      "s.yaml:64:18: error: the token label 'token_type' of tracker 'ai_a' must be an enum label "
      "whose values include 'input' and 'output'; add 'input' and 'output' to its 'values'\n"
      "s.yaml:66:5: error: tracker 'ai_b' has 'tokens' but no 'token_label'; name the label it "
      "sets on that metric, e.g. 'token_label: token_type'\n"
      "s.yaml:67:15: error: tracker 'ai_b' cannot set label 'outcome' of its 'duration' metric "
      "'model_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'outcome' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:72:15: error: tracker 'mcp_a' cannot set label 'outcome' of its 'duration' metric "
      "'model_seconds': that metric may have only the tracker's 'labels' and its 'outcome_label'; "
      "add 'outcome' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:75:20: error: the 'outcome_label' of tracker 'mcp_a', 'model', is also one of its "
      "'labels'; the tracker sets it itself, so remove it from 'labels'\n"
      "s.yaml:75:20: error: tracker 'mcp_a' is of kind 'mcp', so its outcome label 'model' must be "
      "an enum label (a closed set) whose values include 'success' and 'error'; 'model' is of kind "
      "'bounded'\n"
      "s.yaml:75:20: error: the outcome label 'model' of tracker 'mcp_a' is not a label of its "
      "'count' metric 'plain_total'; add 'model' to the metric's 'labels' or name another label\n"
      "s.yaml:80:20: error: the outcome label 'outcome' of tracker 'integration_a' is not a label "
      "of its 'duration' metric 'req_seconds'; add 'outcome' to the metric's 'labels' or name "
      "another label\n"
      "s.yaml:81:13: error: tracker 'integration_a' cannot set label 'category' of its 'errors' "
      "metric 'errors_total': that metric may have only the tracker's 'labels' and its "
      "'error_label'; add 'category' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:81:13: error: tracker 'integration_a' cannot set label 'outcome' of its 'errors' "
      "metric 'errors_total': that metric may have only the tracker's 'labels' and its "
      "'error_label'; add 'outcome' to the tracker's 'labels' or remove it from the metric\n"
      "s.yaml:82:18: error: the error label 'status' of tracker 'integration_a' must be an enum "
      "label (a closed set) whose values include 'other'; 'status' is of kind 'status'\n"
      "s.yaml:82:18: error: the error label 'status' of tracker 'integration_a' is not a label of "
      "its 'errors' metric 'errors_total'; add 'status' to the metric's 'labels' or name another "
      "label\n");
}

TEST(SchemaParserErrors, TrackerLabelNamedLikeItsStruct) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  track_ping: {values: [a]}
metrics:
  ping_seconds: {type: histogram, unit: seconds, help: P., labels: [track_ping], buckets: [1]}
trackers:
  ping:
    kind: http
    labels: [track_ping]
    duration: ping_seconds
  none:
  bad: [1]
)"),
      "s.yaml:11:14: error: tracker 'ping' cannot have a label named 'track_ping': the generated "
      "'labels::track_ping' struct would have a member of its own name; rename the label\n"
      "s.yaml:13:3: error: tracker 'none' must be a mapping with 'kind' and 'duration', found an "
      "empty value\n"
      "s.yaml:14:8: error: tracker 'bad' must be a mapping with 'kind' and 'duration', found a "
      "sequence\n");
}

TEST(SchemaParserErrors, CardinalityBudget) {
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

TEST(SchemaParserErrors, MaxSeriesValue) {
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

TEST(SchemaParserErrors, BudgetIsCheckedOnlyForAnOtherwiseValidSchema) {
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

TEST(SchemaParserErrors, TrackersOfTheWrongShape) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
metrics:
  up: {type: gauge, help: Up.}
trackers: [a]
)"),
            "s.yaml:5:11: error: 'trackers' must be a mapping of tracker name to definition, found "
            "a sequence\n");
  // An empty `trackers:` is no trackers.
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics:\n  up: {type: gauge, help: Up.}\n"
                      "trackers:\n"),
            "");
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
