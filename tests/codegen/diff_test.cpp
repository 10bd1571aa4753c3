// Tests of `schemetric-gen diff`: one pair of schemas per change class (the old one is `base`,
// the new one `base` with one edit), run through the command line, and the options and errors
// of the command.
#include "diff/diff_command.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::cli_result;
using testing::scratch_directory;
using testing::write_file;

constexpr std::string_view base = R"(schemetric: 1
name: shop
labels:
  method: {values: [get, put]}
  route: {kind: route, routes: [/a, "/b/{id}"]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [method]}
  latency_seconds: {type: histogram, unit: seconds, help: Latency., labels: [route], buckets: [0.1, 1]}
  size_bytes: {type: summary, unit: bytes, help: Sizes., quantiles: [0.5, 0.9]}
  queue_depth: {type: gauge, help: Waiting.}
alerts:
  QueueDeep: {gauge: {metric: queue_depth}, above: 100, for: 5m, severity: warning, summary: Deep., description: 'Depth {{ $value }}.'}
slos:
  fast: {help: Fast., objective: 99, latency: {metric: latency_seconds, threshold: 1}}
)";

// `base` with `from` replaced by `to` (`from` must be in it once; nothing: `base` unchanged).
std::string edited(std::string_view from, std::string_view to) {
  std::string text{base};
  if (from.empty()) return text;
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Runs `schemetric-gen diff OLD.yaml NEW.yaml` (and `options`) on the two texts; in the output
// the files are named OLD and NEW.
cli_result diff(std::string_view old_text, std::string_view new_text,
                const std::vector<std::string>& options = {}) {
  const scratch_directory scratch;
  const std::string old_path = (scratch.path() / "OLD").string();
  const std::string new_path = (scratch.path() / "NEW").string();
  write_file(old_path, old_text);
  write_file(new_path, new_text);
  std::vector<std::string> arguments{"diff", old_path, new_path};
  arguments.insert(arguments.end(), options.begin(), options.end());
  cli_result result = testing::run(arguments);
  const std::string prefix = scratch.path().string() + "/";
  for (std::string* text : {&result.out, &result.err}) {
    for (std::size_t at = text->find(prefix); at != std::string::npos; at = text->find(prefix)) {
      text->erase(at, prefix.size());
    }
  }
  return result;
}

struct change_case {
  std::string_view name;
  std::string_view from;  ///< the edit of `base` that makes the new schema
  std::string_view to;
  bool reversed;              ///< compare the edited schema (as OLD) with `base` (as NEW)
  std::string_view expected;  ///< stdout
};

class DiffChange : public ::testing::TestWithParam<change_case> {};

TEST_P(DiffChange, IsClassifiedWithItsPosition) {
  const change_case& c = GetParam();
  const std::string changed = edited(c.from, c.to);
  const cli_result result = c.reversed ? diff(changed, base) : diff(base, changed);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, c.expected);
  const bool breaking = c.expected.find(": error: ") != std::string_view::npos;
  EXPECT_EQ(result.status, breaking ? exit_breaking_change : exit_no_breaking_change);
}

constexpr std::string_view size_line =
    "  size_bytes: {type: summary, unit: bytes, help: Sizes., quantiles: [0.5, 0.9]}\n";
constexpr std::string_view slos_section =
    "slos:\n  fast: {help: Fast., objective: 99, latency: {metric: latency_seconds, threshold: "
    "1}}\n";

const change_case change_cases[] = {
    {"Nothing", "", "", false, "schemetric-gen diff: 0 breaking, 0 allowed, 0 safe\n"},
    // Breaking.
    {"MetricRemoved", size_line, "", false,
     "OLD:9:3: error: metric 'size_bytes' was removed: dashboards, alerts and rules that select "
     "it find nothing, and its stored series end [metric-removed:size_bytes]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"MetricRenamed", "size_bytes:", "payload_bytes:", false,
     "NEW:9:3: error: metric 'payload_bytes' is the former 'size_bytes' renamed (same type, unit "
     "and labels): dashboards, alerts and rules that select 'size_bytes' find nothing, and its "
     "stored series end [metric-renamed:size_bytes]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"TypeChanged", "type: summary, unit: bytes, help: Sizes., quantiles: [0.5, 0.9]",
     "type: histogram, unit: bytes, help: Sizes., buckets: [100, 1000]", false,
     "NEW:9:3: error: metric 'size_bytes' changed type from summary to histogram: the queries "
     "written for a summary break, and stored series mix both [metric-type-changed:size_bytes]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"UnitChanged", "type: summary, unit: bytes,", "type: summary,", false,
     "NEW:9:3: error: metric 'size_bytes' changed unit from 'bytes' to none: thresholds and "
     "panels in the old unit are wrong, and stored series mix both "
     "[metric-unit-changed:size_bytes]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"LabelRemovedFromMetric", "help: Requests., labels: [method]}", "help: Requests.}", false,
     "NEW:7:3: error: label 'method' was removed from metric 'requests_total': queries that "
     "select or group by it break, and every series of 'requests_total' changes identity "
     "[metric-label-removed:requests_total.method]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"LabelAddedToMetric", "help: Waiting.}", "help: Waiting., labels: [method]}", false,
     "NEW:10:55: error: label 'method' was added to metric 'queue_depth': every series of "
     "'queue_depth' changes identity (stored series end, new ones start), and rules that match "
     "series one to one may no longer [metric-label-added:queue_depth.method]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"LabelValueRemoved", "values: [get, put]", "values: [get]", false,
     "OLD:4:26: error: value 'put' of 'method' was removed: queries and alerts that match it find "
     "nothing, and its stored series end [label-value-removed:method=put]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"LabelKindChanged", "method: {values: [get, put]}", "method: {kind: status}", false,
     "NEW:4:3: error: label 'method' changed kind from enum to status: its values change "
     "[label-kind-changed:method]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"RouteRemoved", "routes: [/a, ", "routes: [", false,
     "OLD:5:33: error: route '/a' of 'route' was removed: queries and alerts that match it find "
     "nothing, and its stored series end [route-removed:route=/a]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"BucketsChanged", "buckets: [0.1, 1]", "buckets: [0.1, 0.5, 1]", false,
     "NEW:8:3: error: the buckets of histogram 'latency_seconds' changed from [0.1, 1] to [0.1, "
     "0.5, 1]: quantiles over a window across the change are wrong, and queries of a removed "
     "bound find nothing [buckets-changed:latency_seconds]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"QuantilesChanged", "quantiles: [0.5, 0.9]", "quantiles: [0.5, 0.99]", false,
     "NEW:9:3: error: the quantiles of summary 'size_bytes' changed from [0.5, 0.9] to [0.5, "
     "0.99]: queries of a removed quantile find nothing [quantiles-changed:size_bytes]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"AlertRemoved", "alerts:\n",
     "alerts:\n  QueueFull: {gauge: {metric: queue_depth}, above: "
     "900, severity: critical, summary: Full., description: 'Depth {{ $value }}.'}\n",
     true,
     "OLD:12:3: error: alert 'QueueFull' was removed: Alertmanager routes, inhibitions and "
     "silences that name it no longer match [alert-removed:QueueFull]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"AlertSeverityChanged", "severity: warning", "severity: critical", false,
     "NEW:12:3: error: the severity of alert 'QueueDeep' changed from warning to critical: "
     "Alertmanager routes that match the severity send it elsewhere "
     "[alert-severity-changed:QueueDeep]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"SloRemoved", slos_section, "", false,
     "OLD:14:3: error: SLO 'fast' was removed: its recording rules and burn-rate alerts are gone, "
     "and dashboards that show them find nothing [slo-removed:fast]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"JobChanged", "slos:\n", "prometheus: {job: shop_v2}\nslos:\n", false,
     "NEW: error: the scrape job changed from 'shop' to 'shop_v2': every generated rule and "
     "dashboard selects job=\"shop_v2\", so those of the old schema find nothing, and every "
     "stored series changes identity [job-changed:shop_v2]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    {"AlertKindChanged", "{gauge: {metric: queue_depth}, above: 100,",
     "{quantile: {metric: latency_seconds, quantile: 0.9}, above: 0.5,", false,
     "NEW:12:3: error: alert 'QueueDeep' changed kind from gauge to quantile: it watches "
     "something else under the same name [alert-kind-changed:QueueDeep]\n"
     "NEW:12:74: note: the threshold of alert 'QueueDeep' changed from above 100 to above 0.5: it "
     "fires at other values (its promtool tests and dashboard threshold follow) "
     "[alert-threshold-changed:QueueDeep]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 1 safe\n"},
    {"SloIndicatorChanged", "threshold: 1}}", "threshold: 0.1}}", false,
     "NEW:14:3: error: the indicator of SLO 'fast' changed from latency of latency_seconds above 1 "
     "to latency of latency_seconds above 0.1: its recorded error ratios mean something else "
     "under the same names, and the budget spent so far mixes both "
     "[slo-indicator-changed:fast]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    // Its recordings change names too: reported once, as this change.
    {"SloLabelsChanged", "threshold: 1}}", "threshold: 1}, by: [route]}", false,
     "NEW:14:3: error: the 'by' labels of SLO 'fast' changed from [] to [route]: its recorded "
     "series change identity, and its burn-rate alerts their labels [slo-labels-changed:fast]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 0 safe\n"},
    // A safe change of the schema that renames a recording of the rules generated from it.
    {"SloPeriodChanged", "objective: 99,", "objective: 99, period: 28d,", false,
     "NEW:14:34: note: the objective of SLO 'fast' changed from 99% over 30d to 99% over 28d: its "
     "error budget and burn-rate thresholds follow [slo-objective-changed:fast]\n"
     "OLD:14:3: error: the rules of the new schema no longer record "
     "'job:slo_fast_errors:ratio_rate30d': dashboards and queries built on the old rules that "
     "read it find nothing [recording-removed:job:slo_fast_errors:ratio_rate30d]\n"
     "schemetric-gen diff: 1 breaking, 0 allowed, 1 safe\n"},
    // Safe.
    {"MetricAdded",
     "  queue_depth:", "  errors_total: {type: counter, help: Errors.}\n  queue_depth:", false,
     "NEW:10:3: note: metric 'errors_total' was added [metric-added:errors_total]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"LabelValueAdded", "values: [get, put]", "values: [get, put, post]", false,
     "NEW:4:31: note: value 'post' of 'method' was added [label-value-added:method=post]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"RouteAdded", "\"/b/{id}\"]", "\"/b/{id}\", /c]", false,
     "NEW:5:48: note: route '/c' of 'route' was added [route-added:route=/c]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"HelpChanged", "help: Waiting.", "help: Jobs waiting.", false,
     "NEW:10:3: note: the help of metric 'queue_depth' changed [help-changed:queue_depth]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"AlertAdded", "alerts:\n",
     "alerts:\n  QueueFull: {gauge: {metric: queue_depth}, above: "
     "900, severity: critical, summary: Full., description: 'Depth {{ $value }}.'}\n",
     false,
     "NEW:12:3: note: alert 'QueueFull' was added [alert-added:QueueFull]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"SloAdded", slos_section, "", true,
     "NEW:14:3: note: SLO 'fast' was added [slo-added:fast]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"AlertThresholdChanged", "above: 100", "above: 150", false,
     "NEW:12:52: note: the threshold of alert 'QueueDeep' changed from above 100 to above 150: it "
     "fires at other values (its promtool tests and dashboard threshold follow) "
     "[alert-threshold-changed:QueueDeep]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"AlertForChanged", "for: 5m", "for: 10m", false,
     "NEW:12:3: note: the 'for' of alert 'QueueDeep' changed from 5m to 10m: it fires later after "
     "its condition starts [alert-for-changed:QueueDeep]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
    {"SloObjectiveChanged", "objective: 99,", "objective: 99.5,", false,
     "NEW:14:34: note: the objective of SLO 'fast' changed from 99% over 30d to 99.5% over 30d: "
     "its error budget and burn-rate thresholds follow [slo-objective-changed:fast]\n"
     "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n"},
};

INSTANTIATE_TEST_SUITE_P(Classes, DiffChange, ::testing::ValuesIn(change_cases),
                         [](const ::testing::TestParamInfo<change_case>& info) {
                           return std::string{info.param.name};
                         });

// The rules generated from the old schema, checked against the new one: a recording the new
// rules no longer write, and a rule that reads a value the new schema does not have.
TEST(Diff, RulesOfTheOldSchemaAgainstTheNewOne) {
  constexpr std::string_view old_text = R"(schemetric: 1
name: shop
labels:
  method: {values: [get, put, post]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [method]}
alerts:
  SomeFail: {ratio: {numerator: {metric: requests_total, match: {method: put}}, denominator: {metric: requests_total}}, above: 0.1, for: 5m, severity: warning, summary: Fails., description: 'Ratio {{ $value }}.'}
)";
  std::string new_text{old_text};
  new_text.replace(new_text.find("get, put, post"), 14, "get, post");
  new_text.replace(new_text.find("method: put}"), 12, "method: post}");
  const cli_result result = diff(old_text, new_text);
  EXPECT_EQ(result.status, exit_breaking_change);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "OLD:4:26: error: value 'put' of 'method' was removed: queries and alerts that match "
            "it find nothing, and its stored series end [label-value-removed:method=put]\n"
            "OLD:8:3: error: the rules of the new schema no longer record "
            "'job:requests_method_put_per_requests:ratio_rate5m': dashboards and queries built on "
            "the old rules that read it find nothing "
            "[recording-removed:job:requests_method_put_per_requests:ratio_rate5m]\n"
            "OLD:8:3: error: recording rule 'job:requests_method_put_per_requests:ratio_rate5m' of "
            "the old schema's rules breaks: it matches 'put' on label 'method', which is none of "
            "its values; its values are 'get' or 'post' "
            "[rule-broken:job:requests_method_put_per_requests:ratio_rate5m]\n"
            "schemetric-gen diff: 3 breaking, 0 allowed, 0 safe\n");
}

TEST(Diff, ExpressionOfARawAlert) {
  constexpr std::string_view old_text = R"(schemetric: 1
name: s
metrics:
  stamp: {type: gauge, help: Last run.}
alerts:
  Stale:
    expr: time() - stamp > 60
    severity: warning
    summary: Stale.
    description: "{{ $value }} s"
    tests:
      - series: {'stamp': '0x10'}
        at: 5m
        alerts: [{labels: {job: s, instance: a}, value: 300}]
)";
  std::string new_text{old_text};
  new_text.replace(new_text.find("> 60"), 4, "> 120");
  const cli_result result = diff(old_text, new_text);
  EXPECT_EQ(result.status, exit_no_breaking_change) << result.err;
  EXPECT_EQ(result.out,
            "NEW:7:11: note: the expression of alert 'Stale' changed [alert-expr-changed:Stale]\n"
            "schemetric-gen diff: 0 breaking, 0 allowed, 1 safe\n");
}

TEST(Diff, StatesOfAStateset) {
  constexpr std::string_view old_text =
      "schemetric: 1\nname: s\nmetrics:\n  mode: {type: stateset, help: Mode., states: [on, "
      "off]}\n";
  const std::string new_text =
      "schemetric: 1\nname: s\nmetrics:\n  mode: {type: stateset, help: "
      "Mode., states: [on, idle]}\n";
  const cli_result result = diff(old_text, new_text);
  EXPECT_EQ(result.status, exit_breaking_change);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "OLD:4:52: error: state 'off' of 'mode' was removed: queries and alerts that match it "
            "find nothing, and its stored series end [state-removed:mode=off]\n"
            "NEW:4:52: note: state 'idle' of 'mode' was added [state-added:mode=idle]\n"
            "schemetric-gen diff: 1 breaking, 0 allowed, 1 safe\n");
}

TEST(Diff, AllowAcceptsAClassOrOneChange) {
  const std::string changed = edited("values: [get, put]", "values: [post]");
  const cli_result refused = diff(base, changed);
  EXPECT_EQ(refused.status, exit_breaking_change);
  EXPECT_EQ(refused.out,
            "OLD:4:21: error: value 'get' of 'method' was removed: queries and alerts that match "
            "it find nothing, and its stored series end [label-value-removed:method=get]\n"
            "OLD:4:26: error: value 'put' of 'method' was removed: queries and alerts that match "
            "it find nothing, and its stored series end [label-value-removed:method=put]\n"
            "NEW:4:21: note: value 'post' of 'method' was added [label-value-added:method=post]\n"
            "schemetric-gen diff: 2 breaking, 0 allowed, 1 safe\n");
  // One change by its subject: the other still fails.
  const cli_result one = diff(base, changed, {"--allow", "label-value-removed:method=get"});
  EXPECT_EQ(one.status, exit_breaking_change);
  EXPECT_EQ(one.out.substr(0, one.out.find('\n')),
            "OLD:4:21: warning: value 'get' of 'method' was removed: queries and alerts that match "
            "it find nothing, and its stored series end [label-value-removed:method=get]");
  EXPECT_NE(one.out.find("OLD:4:26: error: "), std::string::npos);
  EXPECT_NE(one.out.find("schemetric-gen diff: 1 breaking, 1 allowed, 1 safe\n"),
            std::string::npos);
  // The whole class, and a subject given with '=' too.
  const cli_result all = diff(base, changed, {"--allow=label-value-removed"});
  EXPECT_EQ(all.status, exit_no_breaking_change);
  EXPECT_NE(all.out.find("schemetric-gen diff: 0 breaking, 2 allowed, 1 safe\n"),
            std::string::npos);
  EXPECT_EQ(all.err, "");
  // An --allow that names nothing is told (a typo would otherwise pass unnoticed)...
  const cli_result stale = diff(base, changed,
                                {"--allow", "label-value-removed", "--allow", "metric-removed:x",
                                 "--allow", "label-value-removed:method=ge"});
  EXPECT_EQ(stale.status, exit_no_breaking_change);
  EXPECT_EQ(stale.err,
            "schemetric-gen diff: note: --allow metric-removed:x matches no breaking change\n"
            "schemetric-gen diff: note: --allow label-value-removed:method=ge matches no "
            "breaking change\n");
  // ...and safe changes need no --allow.
  EXPECT_EQ(diff(base, changed, {"--allow", "label-value-added"}).err,
            "schemetric-gen diff: note: --allow label-value-added matches no breaking change\n");
}

TEST(Diff, SchemasWithErrorsAreNotCompared) {
  const cli_result result = diff(base, edited("help: Waiting.", "hlep: Waiting."));
  EXPECT_EQ(result.status, exit_diff_failed);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "NEW:10:16: error: metric 'queue_depth' is missing required key 'help'; add 'help:' "
            "with one sentence saying what it measures\n"
            "NEW:10:30: error: unknown key 'hlep' in metric 'queue_depth'; did you mean 'help'?\n");
  const cli_result invalid = diff("schemetric: 1\nname: a\xff\n", base);
  EXPECT_EQ(invalid.status, exit_diff_failed);
  EXPECT_EQ(invalid.err,
            "OLD:2:8: error: invalid UTF-8 (byte 0xff); a schema must be UTF-8 text: save the "
            "file as UTF-8\n");
}

// The process metrics are metrics of the schema: turning them off breaks what reads them.
TEST(Diff, ProcessMetricsAddedAndRemoved) {
  const std::string with_process = edited("alerts:\n", "process_metrics: true\nalerts:\n");
  const cli_result added = diff(base, with_process);
  EXPECT_EQ(added.status, exit_no_breaking_change);
  EXPECT_NE(added.out.find("NEW:11:18: note: metric 'process_open_fds' was added "
                           "[metric-added:process_open_fds]\n"),
            std::string::npos)
      << added.out;
  EXPECT_TRUE(added.out.ends_with("schemetric-gen diff: 0 breaking, 0 allowed, 6 safe\n"))
      << added.out;
  const cli_result removed = diff(with_process, base);
  EXPECT_EQ(removed.status, exit_breaking_change);
  EXPECT_NE(removed.out.find("OLD:11:18: error: metric 'process_cpu_seconds_total' was removed: "
                             "dashboards, alerts and rules that select it find nothing, and its "
                             "stored series end [metric-removed:process_cpu_seconds_total]\n"),
            std::string::npos)
      << removed.out;
  EXPECT_TRUE(removed.out.ends_with("schemetric-gen diff: 6 breaking, 0 allowed, 0 safe\n"))
      << removed.out;
}

TEST(Diff, CommandLine) {
  const cli_result one = testing::run({"diff", "a.yaml"});
  EXPECT_EQ(one.status, exit_diff_failed);
  EXPECT_EQ(one.err,
            "schemetric-gen diff: error: give two schemas, the old one and the new one (1 given)\n"
            "Usage: schemetric-gen diff OLD.yaml NEW.yaml [--allow KIND[:SUBJECT]]...\n"
            "Run 'schemetric-gen diff --help' for more information.\n");
  EXPECT_EQ(testing::run({"diff", "a", "b", "--allow"}).status, exit_diff_failed);
  EXPECT_EQ(testing::run({"diff", "a", "b", "--allow="}).status, exit_diff_failed);
  EXPECT_EQ(testing::run({"diff", "a", "b", "--emit", "cpp"}).status, exit_diff_failed);
  const cli_result help = testing::run({"diff", "--help"});
  EXPECT_EQ(help.status, exit_no_breaking_change);
  EXPECT_EQ(help.out.rfind("Usage: schemetric-gen diff OLD.yaml NEW.yaml", 0), 0u);
  const cli_result missing = testing::run({"diff", "/nonexistent/a.yaml", "/nonexistent/b.yaml"});
  EXPECT_EQ(missing.status, exit_diff_failed);
  EXPECT_EQ(missing.err,
            "/nonexistent/a.yaml: error: cannot read: No such file or directory\n"
            "/nonexistent/b.yaml: error: cannot read: No such file or directory\n");
}

}  // namespace
}  // namespace schemetric::codegen
