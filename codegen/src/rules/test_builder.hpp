// Building the tests of a rule plan (internal to rules/): one builder, a file per family of
// alerts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/schema.hpp"
#include "rules/plan.hpp"
#include "rules/test_series.hpp"
#include "rules/tests.hpp"

namespace schemetric::codegen::rules {

class slo_series_maker;  // rules/tests_slos.cpp
struct slo_series;

class test_builder {
 public:
  test_builder(const schema& model, const rule_plan& plan) : model_(model), plan_(plan) {}

  void alert_tests(const alert_definition& alert);  ///< rules/tests_alerts.cpp
  void slo_tests(const slo_definition& slo);        ///< rules/tests_slos.cpp
  [[nodiscard]] test_plan take() { return std::move(tests_); }

 private:
  // rules/tests.cpp
  /// The alert `rule` fires as for series with `result` labels and `value`: its labels and its
  /// annotations rendered as Prometheus renders them.
  [[nodiscard]] expected_alert expect(const alerting_rule& rule, const label_list& result,
                                      double value) const;
  [[nodiscard]] const alerting_rule& rule_of(const alert_definition& alert) const;
  void raw_tests(const alert_definition& alert, const raw_indicator& raw);
  /// The first evaluation at or after `time`.
  [[nodiscard]] std::chrono::milliseconds evaluation_at(std::chrono::milliseconds time) const;
  /// A new test case whose series are sampled every `interval` (default: series_interval_).
  test_case& add_case(std::string name, std::chrono::milliseconds interval = {});

  // rules/tests_slos.cpp
  void slo_window_tests(const slo_definition& slo, const slo_series_maker& maker);
  void slo_burn_tests(const slo_definition& slo, const slo_series_maker& maker);
  void slo_absent_test(const slo_definition& slo, const slo_series_maker& maker);
  [[nodiscard]] std::vector<expected_alert> slo_burning(const slo_definition& slo,
                                                        const slo_series_maker& maker,
                                                        const std::vector<slo_series>& made) const;

  // rules/tests_alerts.cpp
  void ratio_tests(const alert_definition& alert, const ratio_indicator& ratio);
  void quantile_tests(const alert_definition& alert, const quantile_indicator& quantile);
  void gauge_tests(const alert_definition& alert, const gauge_indicator& gauge);
  void state_tests(const alert_definition& alert, const state_indicator& state);
  void absent_tests(const alert_definition& alert, const absent_indicator& absent);
  /// Adds the checks that an alert whose condition holds from `active` fires after its `for`
  /// with `alerts` and is still quiet one evaluation before.
  void add_for_checks(test_case& test, const alert_definition& alert,
                      std::chrono::milliseconds active, std::chrono::milliseconds fires,
                      std::vector<expected_alert> alerts) const;

  const schema& model_;
  const rule_plan& plan_;
  test_plan tests_;
  /// The spacing of the series of alert tests: a minute, so that a 5-minute window holds six
  /// samples as it does in production.
  std::chrono::milliseconds series_interval_{std::chrono::minutes(1)};
};

/// The labels by which the n-th group of a test differs: each `by` label's n-th value.
[[nodiscard]] label_list group_labels(std::span<const reference<label_definition>> by,
                                      std::size_t n);

/// The labels of `all` named in `names`, in the order of `names`.
[[nodiscard]] label_list labels_named(const label_list& all, std::span<const std::string> names);

}  // namespace schemetric::codegen::rules
