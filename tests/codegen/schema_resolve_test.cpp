// Tests of the resolver on models built in the test: references linked to their definitions,
// unknown names with suggestions, and the checks that span sections.
#include "schema/resolve.hpp"

#include <string>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::label_of;
using testing::metric_of;
using testing::tracker_of;

// A model named svc with `method` (an enum label), `status` (status classes) and `version` (a
// free text label).
schema base_model() {
  schema model;
  model.name = "svc";
  model.labels = {label_of("method", label_kind::enumeration, {"GET"}),
                  label_of("status", label_kind::status, {"1xx", "2xx", "3xx", "4xx", "5xx"}),
                  label_of("version", label_kind::text)};
  return model;
}

std::string resolve_errors(schema& model) {
  diagnostics diags("s.yaml");
  resolve(model, diags);
  return diags.format();
}

TEST(Resolve, LinksEveryReference) {
  schema model = base_model();
  model.metrics = {metric_of("requests_total", metric_kind::counter, "R.", {"method", "status"}),
                   metric_of("latency_seconds", metric_kind::histogram, "L.", {"method"})};
  tracker_definition tracker =
      tracker_of("request", tracker_kind::http, "latency_seconds", {"method"});
  tracker.metric(metric_role::count).name = "requests_total";
  tracker.label(label_role::outcome).name = "status";
  model.trackers = {tracker};
  EXPECT_EQ(resolve_errors(model), "");
  EXPECT_EQ(model.metrics[0].labels[0].target, &model.labels[0]);
  EXPECT_EQ(model.metrics[0].labels[1].target, &model.labels[1]);
  const tracker_definition& resolved = model.trackers[0];
  EXPECT_EQ(resolved.labels[0].target, &model.labels[0]);
  EXPECT_EQ(resolved.metric(metric_role::duration).target, &model.metrics[1]);
  EXPECT_EQ(resolved.metric(metric_role::count).target, &model.metrics[0]);
  EXPECT_EQ(resolved.metric(metric_role::errors).target, nullptr);  // not given
  EXPECT_EQ(resolved.label(label_role::outcome).target, &model.labels[1]);
}

TEST(Resolve, UnknownNamesAreReportedWithTheClosestName) {
  schema model = base_model();
  model.metrics = {metric_of("requests_total", metric_kind::counter, "R.", {"methd", "zone"})};
  model.metrics[0].labels[0].position = {3, 10};
  model.metrics[0].labels[1].position = {3, 17};
  tracker_definition tracker = tracker_of("request", tracker_kind::http, "request_total");
  tracker.metric(metric_role::duration).position = {6, 15};
  model.trackers = {tracker};
  EXPECT_EQ(resolve_errors(model),
            "s.yaml:3:10: error: metric 'requests_total' uses unknown label 'methd'; did you mean "
            "'method'?\n"
            "s.yaml:3:17: error: metric 'requests_total' uses unknown label 'zone'; define it "
            "under the top-level 'labels:'\n"
            "s.yaml:6:15: error: tracker 'request' uses unknown metric 'request_total' as its "
            "'duration'; did you mean 'requests_total'?\n");
}

TEST(Resolve, ReferencesToBrokenDefinitionsAreLinkedNotReportedAgain) {
  schema model = base_model();
  model.labels[2].kind_known = false;  // `version`: its kind could not be read
  model.metrics = {metric_of("up", metric_kind::gauge, "Up.", {"version"})};
  EXPECT_EQ(resolve_errors(model), "");
  EXPECT_EQ(model.metrics[0].labels[0].target, &model.labels[2]);
}

TEST(Resolve, LabelKindsMetricsMayUse) {
  schema model = base_model();
  model.metrics = {metric_of("up", metric_kind::gauge, "Up.", {"version"}),
                   metric_of("build_info", metric_kind::info, "B.", {"version", "method"})};
  model.metrics[1].from_build = true;
  EXPECT_EQ(resolve_errors(model),
            "s.yaml: error: label 'version' has kind 'text', which only info metrics may use, but "
            "'up' is a gauge; give the label a closed set of 'values' instead\n"
            "s.yaml: error: info 'build_info' has 'from_build: true', so its labels must be "
            "'kind: text' labels named 'version', 'revision', 'compiler' or 'build_type' (the "
            "library fills them from the build); label 'method' is not one of those names: "
            "remove it, or remove 'from_build: true' and set the labels yourself\n");
}

TEST(Resolve, TrackerMetricsOfTheWrongTypeAndOutcomeLabels) {
  schema model = base_model();
  model.metrics = {metric_of("requests_total", metric_kind::counter, "R.", {"method"}),
                   metric_of("busy", metric_kind::gauge, "B.")};
  model.metrics[1].callback = true;
  tracker_definition tracker = tracker_of("request", tracker_kind::db, "requests_total");
  tracker.metric(metric_role::in_progress).name = "busy";
  tracker.metric(metric_role::count).name = "requests_total";
  tracker.label(label_role::outcome).name = "method";
  model.trackers = {tracker};
  EXPECT_EQ(resolve_errors(model),
            "s.yaml: error: the 'duration' of tracker 'request' must be a histogram, but "
            "'requests_total' is a counter; name a histogram\n"
            "s.yaml: error: the 'in_progress' of tracker 'request' must be a gauge the tracker "
            "sets, but 'busy' is a callback gauge (read at scrape time); name a gauge without "
            "'callback: true'\n"
            "s.yaml: error: tracker 'request' is of kind 'db', so its outcome label 'method' must "
            "be an enum label whose values include 'success' and 'error'; add 'success' and "
            "'error' to its 'values'\n");
}

}  // namespace
}  // namespace schemetric::codegen
