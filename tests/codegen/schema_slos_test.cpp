// Tests of the `slos:` and `prometheus:` sections and the resolver's SLO checks, with exact text
// and position.
#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;
using testing::parse_valid;

// A service every test adds its SLOs to; the first SLO of a test has its key on line 20.
std::string with_slos(std::string_view slos) {
  return std::string{R"(schemetric: 1
name: svc
labels:
  status: {kind: status}
  route: {kind: route, routes: [/a, /b]}
  tenant: {kind: bounded, max_values: 4}
metrics:
  requests_total: {type: counter, help: Requests., labels: [route, status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, labels: [route], buckets: [0.1, 0.5, 1]}
  failures_total: {type: counter, help: Failures., labels: [tenant]}
  work_total: {type: counter, help: Work., labels: [tenant]}
trackers:
  request:
    kind: http
    labels: [route]
    duration: request_seconds
    count: requests_total
    outcome_label: status
slos:
)"} + testing::without_leading_newline(slos);
}

TEST(SlosSection, EveryIndicatorGivesTheModel) {
  const schema model = parse_valid(with_slos(R"(
  availability:
    help: Requests without a server error.
    objective: 99.9
    ratio: {tracker: request}
    by: [route]
    min_rate: 0.1
  work:
    objective: 99.95
    period: 28d
    ratio:
      errors: {metric: failures_total}
      total: {metric: work_total}
  latency:
    objective: 99
    period: 7d
    latency: {metric: request_seconds, threshold: 0.5, match: {route: /a}}
prometheus:
  job: svc_api
  runbook_base_url: https://example.com/runbooks/
)"));
  ASSERT_EQ(model.slos.size(), 3u);
  const slo_definition& availability = model.slos[0];
  EXPECT_EQ(availability.objective_percent, 99.9);
  EXPECT_EQ(availability.error_budget, 0.001);  // rounded: 1 - 0.999 is not 0.001 in binary
  EXPECT_EQ(availability.period, std::chrono::hours(24 * 30));
  EXPECT_EQ(availability.min_rate, 0.1);
  EXPECT_EQ(availability.help, "Requests without a server error.");
  const auto& ratio = std::get<slo_ratio>(availability.sli);
  EXPECT_EQ(ratio.errors.match[0].values, std::vector<std::string>{"5xx"});
  EXPECT_EQ(ratio.total.metric.target, &model.metrics[0]);
  EXPECT_EQ(model.slos[1].error_budget, 0.0005);
  EXPECT_EQ(model.slos[1].period, std::chrono::hours(24 * 28));
  const auto& latency = std::get<slo_latency>(model.slos[2].sli);
  EXPECT_EQ(latency.bucket, 1u);
  EXPECT_EQ(latency.threshold, 0.5);
  EXPECT_EQ(model.prometheus.job, "svc_api");
  EXPECT_EQ(model.prometheus.runbook_base_url, "https://example.com/runbooks/");
}

TEST(SlosSection, TheJobIsTheSchemasNameUnlessGiven) {
  EXPECT_EQ(parse_valid(with_slos("  a: {objective: 99, ratio: {tracker: request}}\n"))
                .prometheus.job,
            "svc");
}

TEST(SlosSection, TheReaderReportsEachMistakeWhereItIs) {
  EXPECT_EQ(errors_of(with_slos(R"(
  Availability:
    objective: 100
    period: 1d
    ratio: {tracker: request, errors: {metric: failures_total}}
    latency: {metric: request_seconds, threshold: 0.5}
  empty:
    period: 30d
  ratio_only:
    objective: 99
    ratio: {errors: {metric: failures_total}}
    min_rate: 0
  latency_only:
    objective: 99
    latency: {metric: request_seconds}
prometheus: {job: ""}
)")),
            "s.yaml:20:3: error: invalid SLO name 'Availability': names must match "
            "[a-z][a-z0-9_]* (a lowercase letter, then lowercase letters, digits or '_'), e.g. "
            "'availability'\n"
            "s.yaml:21:16: error: 'objective' of SLO 'Availability' is 100, not a percentage "
            "between 0 and 100 (both excluded); write 99.9 % as 'objective: 99.9'\n"
            "s.yaml:22:13: error: 'period' of SLO 'Availability' is 1d, shorter than the 3d "
            "window of its slowest burn-rate alert; give at least '3d' (usually '30d' or "
            "'28d')\n"
            "s.yaml:23:31: error: the 'ratio' of SLO 'Availability' has both 'tracker' and "
            "'errors'; the tracker gives both errors and total: remove 'errors' or 'tracker'\n"
            "s.yaml:24:5: error: SLO 'Availability' has both 'ratio' and 'latency'; an SLO has "
            "one indicator: make a second SLO\n"
            "s.yaml:26:5: error: SLO 'empty' is missing required key 'objective'; give the share "
            "of good events in percent, e.g. 'objective: 99.9'\n"
            "s.yaml:26:5: error: SLO 'empty' has no indicator; add 'ratio' (bad events over all "
            "events) or 'latency' (events slower than a bucket bound)\n"
            "s.yaml:29:12: error: the 'ratio' of SLO 'ratio_only' is missing 'total'; give the "
            "bad events as 'errors' and all events as 'total', or 'tracker: NAME'\n"
            "s.yaml:30:15: error: 'min_rate' of SLO 'ratio_only' must be greater than 0 (events "
            "per second), found 0; remove it to alert at any traffic\n"
            "s.yaml:33:14: error: the 'latency' of SLO 'latency_only' is missing 'threshold'; "
            "give the bucket bound slower events exceed, e.g. 'threshold: 0.5'\n"
            "s.yaml:34:19: error: 'job' of 'prometheus' must not be empty; give the scrape job's "
            "name, or remove it\n");
}

TEST(SlosSection, TheResolverChecksThresholdsAndSelections) {
  EXPECT_EQ(errors_of(with_slos(R"(
  latency:
    objective: 99
    latency: {metric: request_seconds, threshold: 0.4}
  by_tenant:
    objective: 99
    ratio: {tracker: requst}
    by: [tenant]
  same:
    objective: 99
    ratio:
      errors: {metric: requests_total, match: {route: [/a, /b, other]}}
      total: {metric: requests_total}
    by: [tenant]
)")),
            "s.yaml:22:51: error: the threshold 0.4 of SLO 'latency' is not a bucket bound of "
            "histogram 'request_seconds', whose bounds are 0.1, 0.5 and 1: the share of events "
            "above a threshold is exact only at a bound; use one, or add it to the histogram's "
            "'buckets'; did you mean 0.5?\n"
            "s.yaml:25:22: error: SLO 'by_tenant' uses unknown tracker 'requst'; did you mean "
            "'request'?\n"
            "s.yaml:30:15: error: the 'errors' of SLO 'same' select every series its 'total' "
            "selects, so the ratio would always be 1; match only some of its values, e.g. "
            "'match: {status: 5xx}'\n"
            "s.yaml:32:10: error: SLO 'same' is split by label 'tenant', which metric "
            "'requests_total' does not have (it has the labels 'route' and 'status'); remove it "
            "from 'by' or read a metric that has it\n");
}

}  // namespace
}  // namespace schemetric::codegen
