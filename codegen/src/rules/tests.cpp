// The tests of a rule plan: expected alerts rendered as Prometheus renders them, raw alerts'
// tests from the schema, and the driver over every alert and SLO.
#include "rules/tests.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "promql/alert_template.hpp"
#include "promql/selectors.hpp"
#include "rules/test_builder.hpp"

namespace schemetric::codegen::rules {
namespace {

std::string render_template(std::string_view text, double value, const label_list& labels) {
  const auto parsed = promql::parse_alert_template(text);
  std::map<std::string, std::string, std::less<>> by_name(labels.begin(), labels.end());
  return promql::render(std::get<promql::alert_template>(parsed), value, by_name);
}

}  // namespace

label_list group_labels(std::span<const reference<label_definition>> by, std::size_t n) {
  label_list labels;
  for (const reference<label_definition>& label : by) {
    labels.emplace_back(label.name, label_value_for(*label, n));
  }
  return labels;
}

label_list labels_named(const label_list& all, std::span<const std::string> names) {
  label_list picked;
  for (const std::string& name : names) {
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const auto& entry) { return entry.first == name; });
    if (it != all.end()) picked.push_back(*it);
  }
  return picked;
}

expected_alert test_builder::expect(const alerting_rule& rule, const label_list& result,
                                    double value) const {
  expected_alert alert;
  alert.labels = result;
  for (const auto& [name, text] : rule.labels) {
    const auto it = std::find_if(alert.labels.begin(), alert.labels.end(),
                                 [&name = name](const auto& entry) { return entry.first == name; });
    if (it != alert.labels.end()) {
      it->second = text;
    } else {
      alert.labels.emplace_back(name, text);
    }
  }
  alert.annotations = {{"summary", render_template(rule.summary, value, result)},
                       {"description", render_template(rule.description, value, result)},
                       {"runbook_url", rule.runbook_url}};
  return alert;
}

const alerting_rule& test_builder::rule_of(const alert_definition& alert) const {
  return *plan_.alerting_rules(alert.name).front();
}

std::chrono::milliseconds test_builder::evaluation_at(std::chrono::milliseconds time) const {
  const std::chrono::milliseconds step = tests_.evaluation_interval;
  return (time + step - std::chrono::milliseconds(1)) / step * step;
}

test_case& test_builder::add_case(std::string name, std::chrono::milliseconds interval) {
  return tests_.cases.emplace_back(
      test_case{std::move(name), interval.count() > 0 ? interval : series_interval_, {}, {}, {}});
}

void test_builder::add_for_checks(test_case& test, const alert_definition& alert,
                                  std::chrono::milliseconds active, std::chrono::milliseconds fires,
                                  std::vector<expected_alert> alerts) const {
  const std::chrono::milliseconds first_firing = evaluation_at(active + alert.for_duration);
  if (alert.for_duration >= tests_.evaluation_interval) {
    test.checks.push_back({alert.name, first_firing - tests_.evaluation_interval, {}});
  }
  test.checks.push_back({alert.name, std::max(fires, first_firing), std::move(alerts)});
}

void test_builder::raw_tests(const alert_definition& alert, const raw_indicator& raw) {
  const alerting_rule& rule = rule_of(alert);
  for (std::size_t i = 0; i < raw.tests.size(); ++i) {
    const raw_test& given = raw.tests[i];
    test_case& test = add_case(fmt::format("{}: test {} of the schema", alert.name, i + 1));
    for (const raw_test_series& input : given.series) {
      // The series as written (checked to be one selector with `=` matchers), with the job's
      // labels unless it gives its own.
      const promql::found_selector written = promql::find_selectors(input.series).selectors.at(0);
      label_list labels;
      for (const promql::label_matcher& matcher : written.matchers) {
        labels.emplace_back(matcher.label, matcher.value);
      }
      for (const auto& [name, value] :
           {std::pair<std::string, std::string>{"job", model_.prometheus.job},
            {"instance", std::string{test_instance}}}) {
        if (std::none_of(labels.begin(), labels.end(),
                         [&name = name](const auto& entry) { return entry.first == name; })) {
          labels.emplace_back(name, value);
        }
      }
      test.inputs.push_back({series_text(written.metric, labels), input.values});
    }
    std::vector<expected_alert> alerts;
    for (const raw_test_alert& expected : given.alerts) {
      label_list labels(expected.labels.begin(), expected.labels.end());
      alerts.push_back(expect(rule, labels, expected.value));
    }
    test.checks.push_back({alert.name, given.at, std::move(alerts)});
  }
}

test_plan plan_tests(const schema& model, const rule_plan& plan) {
  test_builder builder(model, plan);
  for (const alert_definition& alert : model.alerts) builder.alert_tests(alert);
  for (const slo_definition& slo : model.slos) builder.slo_tests(slo);
  return builder.take();
}

}  // namespace schemetric::codegen::rules
