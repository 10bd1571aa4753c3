// The promtool unit tests of a rule plan (`promtool test rules`), generated from what each alert
// watches: input series that make it fire, with the exact labels and annotations expected, and
// series that keep it quiet (just on the other side of its threshold, too little traffic, a
// burn rate the error budget allows). A raw `expr` alert's tests come from the schema.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "model/schema.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::rules {

/// An input series: `metric{labels}` and its values in promtool's expanding notation.
struct input_series {
  std::string series;
  std::string values;
};

/// A firing alert a check expects.
struct expected_alert {
  label_list labels;       ///< the alert's labels but `alertname`
  label_list annotations;  ///< rendered as Prometheus renders them
};

/// The alerts of one name firing at one evaluation time (none: it must be quiet).
struct alert_check {
  std::string alertname;
  std::chrono::milliseconds at{0};
  std::vector<expected_alert> alerts;
};

/// The value an expression must have at one evaluation time (a recording rule's value).
struct expression_check {
  std::string expr;
  std::chrono::milliseconds at{0};
  std::string series;  ///< the one series expected, `name{labels}`
  double value = 0;
};

/// One test group: series sampled every `interval`, and checks on them.
struct test_case {
  std::string name;
  std::chrono::milliseconds interval{std::chrono::minutes(1)};
  std::vector<input_series> inputs;
  std::vector<alert_check> checks;
  std::vector<expression_check> expression_checks;
};

/// Every test of a plan. Rules are evaluated every 5 minutes in the tests (not every minute, as
/// Prometheus usually does): the SLO tests cover a day of traffic, and promtool evaluates every
/// rule at every step of every test, so that a minute would make them take minutes.
struct test_plan {
  std::chrono::milliseconds evaluation_interval{std::chrono::minutes(5)};
  std::vector<test_case> cases;
};

/// The tests of `plan`, made from `model` (the plan's source). Deterministic.
[[nodiscard]] test_plan plan_tests(const schema& model, const rule_plan& plan);

}  // namespace schemetric::codegen::rules
