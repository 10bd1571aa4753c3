// Tests of the C++ emitter's checks: names the schema allows that would not compile in the header.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "emit/cpp/identifiers.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::label_of;
using testing::metric_of;
using testing::parse_valid;
using testing::tracker_of;

std::string check_errors(const schema& model) {
  diagnostics diags("s.yaml");
  cpp::check(model, diags);
  return diags.format();
}

TEST(CppChecks, OnAModelBuiltInTheTest) {
  schema model;
  model.name = "std";
  model.labels = {label_of("route", label_kind::route, {"/a", "other"}),
                  label_of("route_of", label_kind::enumeration, {"x"}),
                  label_of("states", label_kind::enumeration, {"a-b", "a_b"})};
  metric_definition health = metric_of("health", metric_kind::stateset, "H.");
  health.health = true;
  health.states = testing::values_of({"healthy", "degraded", "unhealthy"});
  model.metrics = {metric_of("buckets", metric_kind::gauge, "B."), health,
                   metric_of("track_ping", metric_kind::gauge, "T.")};
  model.trackers = {tracker_of("ping", tracker_kind::http, "p_seconds"),
                    tracker_of("count", tracker_kind::http, "p_seconds")};
  EXPECT_EQ(check_errors(model),
            "s.yaml: error: schema name 'std' would clash with namespace 'std' in the generated "
            "header; choose another name\n"
            "s.yaml: error: values 'a-b' (at 0:0) and 'a_b' of label 'states' both have the C++ "
            "spelling 'a_b'; rename one of them\n"
            "s.yaml: error: label name 'route_of' collides with the function 'route_of' generated "
            "for route label 'route' (at 0:0); rename the label\n"
            "s.yaml: error: metric name 'buckets' collides with a name the generated header "
            "declares; choose another name\n"
            "s.yaml: error: stateset 'health' cannot have 'health: true': its generated "
            "descriptor 'metrics::health' would have a member of its own name; rename the "
            "metric, e.g. 'component_health'\n"
            "s.yaml: error: tracker 'ping' generates the registry function 'track_ping', which "
            "collides with metric 'track_ping' (at 0:0); rename the tracker or the metric\n"
            "s.yaml: error: tracker name 'count' collides with a name the struct generated for it "
            "uses; choose another name\n");
}

TEST(CppChecks, NamesTheLibrarysHeadersAlreadyUse) {
  // The library's bounded_label base declares these; glibc and the standard library define
  // `assert`, `si_pid`, `stdin` as macros and declare `index`, `time`, namespaces `fmt`, `asio`.
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  index: {kind: bounded, max_values: 2}
  text_at: {kind: bounded, max_values: 2}
  known_count: {kind: bounded, max_values: 2}
  si_pid: {values: [a]}
  kind: {values: [stdin, assert, Index]}
metrics:
  assert: {type: gauge, help: A., labels: [index, text_at, known_count, si_pid, kind]}
trackers:
  stdin: {kind: http, duration: d_seconds}
)"),
            "s.yaml:4:3: error: bounded label name 'index' collides with a member of the struct "
            "generated for it or of its base schemetric::bounded_label; choose another name\n"
            "s.yaml:5:3: error: bounded label name 'text_at' collides with a member of the struct "
            "generated for it or of its base schemetric::bounded_label; choose another name\n"
            "s.yaml:6:3: error: bounded label name 'known_count' collides with a member of the "
            "struct generated for it or of its base schemetric::bounded_label; choose another "
            "name\n"
            "s.yaml:7:3: error: label name 'si_pid' is a macro predefined by C++ compilers or the "
            "standard library; choose another name\n"
            "s.yaml:10:3: error: metric name 'assert' is a macro predefined by C++ compilers or "
            "the standard library; choose another name\n"
            "s.yaml:12:3: error: tracker name 'stdin' is a macro predefined by C++ compilers or "
            "the standard library; choose another name\n"
            "s.yaml:12:33: error: tracker 'stdin' uses unknown metric 'd_seconds' as its "
            "'duration'; define it under 'metrics:'\n");
  // Values are spelled safely instead: stdin_, assert_, index (an enumerator may be `index`).
  label_definition kind = label_of("kind", label_kind::enumeration, {"stdin", "assert", "Index"});
  EXPECT_EQ(cpp::enumerators_of(kind), (std::vector<std::string>{"stdin_", "assert_", "index"}));
}

TEST(CppChecksErrors, LabelNamedLikeALabelStructMember) {
  EXPECT_EQ(errors_of(R"(
schemetric: 1
name: svc
labels:
  schemetric_labels: {values: [a]}
  schemetric_label_names: {values: [a]}
  visit: {values: [a]}
metrics:
  up: {type: gauge, help: Up., labels: [schemetric_labels, visit]}
)"),
            "s.yaml:4:3: error: label name 'schemetric_labels' collides with a member of the "
            "generated label structs; choose another name\n"
            "s.yaml:5:3: error: label name 'schemetric_label_names' collides with a member of the "
            "generated label structs; choose another name\n");
}

TEST(CppChecks, SchemaNameClashes) {
  const auto errors_for_name = [](std::string_view name) {
    return errors_of("schemetric: 1\nname: " + std::string{name} +
                     "\nmetrics: {up: {type: gauge, help: Up.}}\n");
  };
  EXPECT_EQ(errors_for_name("class"),
            "s.yaml:2:7: error: schema name 'class' is a C++ keyword; choose another name\n");
  EXPECT_EQ(errors_for_name("linux"),
            "s.yaml:2:7: error: schema name 'linux' is a macro predefined by C++ compilers or the "
            "standard library; choose another name\n");
  EXPECT_EQ(errors_for_name("std"),
            "s.yaml:2:7: error: schema name 'std' would clash with namespace 'std' in the "
            "generated header; choose another name\n");
  for (const std::string_view name : {"index", "time", "socket", "fmt", "asio"}) {
    EXPECT_EQ(errors_for_name(name),
              fmt::format("s.yaml:2:7: error: schema name '{}' would clash with '::{}', which the "
                          "C and C++ headers the generated header includes declare at global "
                          "scope; choose another name, e.g. '{}_service'\n",
                          name, name, name));
  }
  EXPECT_EQ(errors_for_name("index_service"), "");
  // None of them is the reader's concern.
  EXPECT_EQ(testing::read_errors_of("schemetric: 1\nname: class\nmetrics: {up: {type: gauge, "
                                    "help: Up.}}\n"),
            "");
}

TEST(CppChecksErrors, LabelNamedLikeAStateEnum) {
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

TEST(CppChecksErrors, LabelNamedLikeItsMetric) {
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
TEST(CppChecksErrors, NamesOfNewGeneratedDeclarations) {
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

TEST(CppChecksErrors, TrackerLabelNamedLikeItsStruct) {
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

}  // namespace
}  // namespace schemetric::codegen
