// Tests of the `trackers:` section and the resolver's tracker checks, with exact text and position.
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

TEST(TrackersSection, TheReaderReadsItsSectionAlone) {
  diagnostics diags("s.yaml");
  const schema model = testing::read_section(R"(
trackers:
  request:
    kind: http
    labels: [method]
    duration: nowhere_seconds
    count: requests_total
    tokens: tokens_total
  call:
    kind: ai
    duration: call_seconds
    tokens: tokens_total
)",
                                             read_trackers, diags);
  // The metrics and labels named are the resolver's to check; the kinds' roles and the keys
  // that go together are the reader's.
  EXPECT_EQ(diags.format(),
            "s.yaml:3:5: error: tracker 'request' has 'count' but no 'outcome_label'; name the "
            "label it sets on that metric, e.g. 'outcome_label: status'\n"
            "s.yaml:7:5: error: 'tokens' is only allowed on trackers of kind 'ai', but tracker "
            "'request' is of kind 'http'; remove it\n"
            "s.yaml:9:5: error: tracker 'call' has 'tokens' but no 'token_label'; name the label "
            "it sets on that metric, e.g. 'token_label: token_type'\n");
  ASSERT_EQ(model.trackers.size(), 2u);
  const tracker_definition& request = model.trackers[0];
  EXPECT_EQ(request.metric(metric_role::duration).name, "nowhere_seconds");
  EXPECT_EQ(request.metric(metric_role::duration).position, (source_position{5, 15}));
  EXPECT_FALSE(request.metric(metric_role::tokens).given());
  EXPECT_EQ(model.trackers[1].metric(metric_role::tokens).name, "tokens_total");
}

TEST(TrackersSection, TrackersGiveTheModel) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET, POST]}
  route: {kind: route, routes: [/a]}
  status: {kind: status}
  model: {kind: bounded, max_values: 4}
  outcome: {values: [success, error, timeout]}
  category: {values: [timeout, connection, rate_limited, not_found, validation, other]}
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
  EXPECT_EQ(testing::names_of(http.labels), (std::vector<std::string>{"method", "route"}));
  EXPECT_EQ(http.metric(metric_role::duration).name, "http_seconds");
  EXPECT_EQ(http.metric(metric_role::duration).target->name, "http_seconds");  // resolved
  EXPECT_EQ(http.label(label_role::outcome).target->kind, label_kind::status);
  EXPECT_EQ(http.metric(metric_role::count).name, "http_total");
  EXPECT_EQ(http.metric(metric_role::in_progress).name, "http_in_progress");
  EXPECT_EQ(http.metric(metric_role::errors).name, "http_errors_total");
  EXPECT_EQ(http.metric(metric_role::request_size).name, "request_bytes");
  EXPECT_EQ(http.metric(metric_role::response_size).name, "response_bytes");
  EXPECT_EQ(http.metric(metric_role::tokens).name, "");
  EXPECT_EQ(http.label(label_role::outcome).name, "status");
  EXPECT_EQ(http.label(label_role::error).name, "category");
  EXPECT_EQ(http.label(label_role::token).name, "");
  EXPECT_EQ(http.position, (source_position{22, 3}));
  const tracker_definition& ai = model.trackers[1];
  EXPECT_EQ(ai.kind, tracker_kind::ai);
  EXPECT_EQ(ai.metric(metric_role::tokens).name, "tokens_total");
  EXPECT_EQ(ai.label(label_role::token).name, "token_type");
  EXPECT_EQ(ai.label(label_role::outcome).name, "outcome");  // on the duration as well as the count
  EXPECT_EQ(model.trackers[2].kind, tracker_kind::mcp);
  EXPECT_TRUE(model.trackers[2].labels.empty());
}

TEST(TrackersSection, InProgressGaugesCountInIntegersUnlessDeclaredFloat) {
  const schema model = parse_valid(R"(
schemetric: 1
name: svc
metrics:
  a_seconds: {type: histogram, unit: seconds, help: A., buckets: [1]}
  a_in_progress: {type: gauge, help: A.}
  b_in_progress: {type: gauge, help: B., value: float}
  other: {type: gauge, help: O.}
trackers:
  a: {kind: db, duration: a_seconds, in_progress: a_in_progress}
  b: {kind: db, duration: a_seconds, in_progress: b_in_progress}
)");
  EXPECT_EQ(model.metrics[1].value_type(), metric_value::integer);   // an in-progress count
  EXPECT_EQ(model.metrics[2].value_type(), metric_value::floating);  // as declared
  EXPECT_EQ(model.metrics[3].value_type(), metric_value::floating);  // no tracker's
}

TEST(TrackersSectionErrors, TrackerNamesKeysAndLabels) {
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

TEST(TrackersSectionErrors, TrackerMetricRoles) {
  EXPECT_EQ(
      errors_of(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET]}
  status: {kind: status}
  outcome: {values: [success, error]}
  category: {values: [timeout, connection, rate_limited, not_found, validation, other]}
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

TEST(TrackersSectionErrors, RoleOfAnotherKindIsReportedOnce) {
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

TEST(TrackersSectionErrors, TrackerLabelRoles) {
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
      "whose values include 'other', 'timeout', 'connection', 'rate_limited', 'not_found' and "
      "'validation' (the categories the error classifier returns); add 'other', 'rate_limited', "
      "'not_found' and 'validation' to its 'values'\n"
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
      "whose values include 'other', 'timeout', 'connection', 'rate_limited', 'not_found' and "
      "'validation' (the categories the error classifier returns); add 'other', 'rate_limited', "
      "'not_found' and 'validation' to its 'values'\n"
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
      "label (a closed set) whose values include 'other', 'timeout', 'connection', "
      "'rate_limited', 'not_found' and 'validation' (the categories the error classifier "
      "returns); 'status' is of kind 'status'\n"
      "s.yaml:82:18: error: the error label 'status' of tracker 'integration_a' is not a label of "
      "its 'errors' metric 'errors_total'; add 'status' to the metric's 'labels' or name another "
      "label\n");
}

TEST(TrackersSectionErrors, TrackersOfTheWrongShape) {
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

}  // namespace
}  // namespace schemetric::codegen
