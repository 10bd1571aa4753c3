// Tests of the `labels:` section: every label kind and its diagnostics, with exact text and
// position.
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

TEST(LabelsSection, TheReaderReadsItsSectionAlone) {
  diagnostics diags("s.yaml");
  const schema model = testing::read_section(R"(
labels:
  method: {values: [GET, POST]}
  route: {kind: route, routes: [/a], other: none}
  broken: {kind: free}
  not_a_mapping: 5
)",
                                             read_labels, diags);
  EXPECT_EQ(diags.format(),
            "s.yaml:4:18: error: unknown kind 'free' of label 'broken'; expected 'enum' (a closed "
            "set of values), 'text', 'route', 'status' or 'bounded'\n"
            "s.yaml:5:18: error: label 'not_a_mapping' must be a mapping with 'values' (a closed "
            "set) or 'kind: text', found the number 5\n");
  // Every label declared is in the model, so that references to it are not reported as unknown;
  // those whose kind could not be read say so.
  ASSERT_EQ(model.labels.size(), 4u);
  EXPECT_EQ(model.labels[0].values.size(), 2u);
  EXPECT_EQ(model.labels[1].values.back().text, "none");
  EXPECT_EQ(model.labels[1].values.back().position, (source_position{3, 45}));
  EXPECT_TRUE(model.labels[1].kind_known);
  EXPECT_FALSE(model.labels[2].kind_known);
  EXPECT_FALSE(model.labels[3].kind_known);
}

TEST(LabelsSection, CppRulesAreNotTheReaders) {
  // A keyword, a name the header declares, values with one C++ spelling: fine for Prometheus,
  // reported by the C++ emitter's checks only.
  constexpr std::string_view yaml = R"(
schemetric: 1
name: svc
labels:
  class: {values: [a]}
  registry: {values: [ok, OK]}
metrics:
  up: {type: gauge, help: Up., labels: [class, registry]}
)";
  EXPECT_EQ(testing::resolve_errors_of(yaml), "");
  EXPECT_EQ(testing::cpp_errors_of(yaml),
            "s.yaml:4:3: error: label name 'class' is a C++ keyword; choose another name\n"
            "s.yaml:5:3: error: label name 'registry' collides with a name the generated header "
            "uses in the schema's namespace; choose another name\n"
            "s.yaml:5:27: error: values 'ok' (at 5:23) and 'OK' of label 'registry' both have the "
            "C++ spelling 'ok'; rename one of them\n");
}

TEST(LabelsSection, ManyValuesAreAllowed) {
  std::string yaml = "schemetric: 1\nname: svc\nlabels:\n  code:\n    values: [";
  for (int i = 0; i < 65536; ++i) yaml += (i > 0 ? ", v" : "v") + std::to_string(i);
  yaml += "]\nmetrics:\n  x_total: {type: counter, help: X., labels: [code]}\n";
  const schema model = parse_valid(yaml);
  ASSERT_EQ(model.labels.size(), 1u);
  EXPECT_EQ(model.labels[0].values.size(), 65536u);
}

TEST(LabelsSection, LabelKindsGiveTheirClosedSets) {
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
  std::vector<std::string> texts;
  for (const label_value& value : route.values) texts.push_back(value.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"/", "/api/tasks", "/api/tasks/{task_id}/run",
                                             "/delete", "/2fa", "other"}));
  EXPECT_EQ(route.values[2].text, "/api/tasks/{task_id}/run");
  EXPECT_EQ(route.values[2].position, (source_position{7, 29}));
  EXPECT_EQ(route.values[5].text, "other");  // the default no-match value
  ASSERT_EQ(route.route_templates().size(), 5u);
  EXPECT_EQ(route.route_templates().back().text, "/2fa");
  const label_definition& fallback = model.labels[1];
  ASSERT_EQ(fallback.values.size(), 2u);
  EXPECT_EQ(fallback.values[1].text, "not found");
  EXPECT_EQ(fallback.values[1].position, (source_position{11, 12}));

  const label_definition& status = model.labels[2];
  EXPECT_EQ(status.kind, label_kind::status);
  EXPECT_TRUE(status.is_status_classes());
  ASSERT_EQ(status.values.size(), 5u);
  EXPECT_EQ(status.values[0].text, "1xx");
  const label_definition& code = model.labels[3];
  EXPECT_FALSE(code.is_status_classes());
  EXPECT_EQ(code.status_codes, (std::vector<int>{404, 200}));  // schema order
  ASSERT_EQ(code.values.size(), 3u);
  EXPECT_EQ(code.values[0].text, "404");
  EXPECT_EQ(code.values[2].text, "other");

  const label_definition& bounded = model.labels[4];
  EXPECT_EQ(bounded.kind, label_kind::bounded);
  EXPECT_FALSE(bounded.is_closed_set());
  EXPECT_EQ(bounded.max_values, 8u);
  EXPECT_EQ(bounded.overflow_value, "other");
  EXPECT_TRUE(bounded.values.empty());
  EXPECT_EQ(model.labels[5].max_values, 1u);
  EXPECT_EQ(model.labels[5].overflow_value, "rest");
  EXPECT_EQ(model.metrics[0].labels[1].position, (source_position{17, 48}));
}

TEST(LabelsSectionErrors, DuplicateLabel) {
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

TEST(LabelsSectionErrors, LabelNames) {
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

TEST(LabelsSectionErrors, LabelDefinitionKeys) {
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

TEST(LabelsSectionErrors, LabelKind) {
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

TEST(LabelsSectionErrors, LabelValuesShape) {
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

TEST(LabelsSectionErrors, EmptyLastEntryBeforeAKeyStartingWithN) {
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

TEST(LabelsSectionErrors, DuplicateLabelValues) {
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

TEST(LabelsSectionErrors, TooManyLabelValues) {
  std::string yaml = "schemetric: 1\nname: svc\nlabels:\n  code:\n    values: [";
  for (int i = 0; i < 65537; ++i) yaml += (i > 0 ? ", v" : "v") + std::to_string(i);
  yaml += "]\nmetrics:\n  up: {type: gauge, help: Up.}\n";
  EXPECT_EQ(errors_of(yaml),
            "s.yaml:5:13: error: label 'code' has 65537 values; at most 65536 are supported\n");
}

TEST(LabelsSectionErrors, LabelKeysOfOtherKinds) {
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

TEST(LabelsSectionErrors, RouteTemplates) {
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

TEST(LabelsSectionErrors, RouteOtherValue) {
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

TEST(LabelsSectionErrors, StatusCodes) {
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

TEST(LabelsSectionErrors, BoundedLabels) {
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
            "struct generated for it or of its base schemetric::bounded_label; choose another "
            "name\n"
            "s.yaml:11:3: error: bounded label name 'overflow_value' collides with a member of the "
            "struct generated for it or of its base schemetric::bounded_label; choose another "
            "name\n"
            "s.yaml:12:3: error: bounded label name 'bounded_label' collides with a member of the "
            "struct generated for it or of its base schemetric::bounded_label; choose another "
            "name\n");
}

}  // namespace
}  // namespace schemetric::codegen
