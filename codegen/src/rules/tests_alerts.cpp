// Generated tests of the schema's structured alerts: for each kind, series that make it fire
// with the exact labels and annotations expected, and series just on the other side of its
// threshold (or with too little traffic) that keep it quiet.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "promql/expression.hpp"
#include "rules/series.hpp"
#include "rules/test_builder.hpp"

namespace schemetric::codegen::rules {
namespace {

using namespace std::chrono_literals;

// Events per second of a ratio's denominator in tests: large enough that one event per second
// more or less moves the ratio by 0.1 %, and an integer, so that rates are exact.
constexpr double test_rate = 1000;

bool holds(comparison compare, double value, double threshold) {
  return compare == comparison::above ? value > threshold : value < threshold;
}

// A series of a ratio test: its counter grows in phases.
struct ratio_series {
  std::string name;
  label_list labels;
  std::vector<rate_phase> phases;
};

}  // namespace

void test_builder::alert_tests(const alert_definition& alert) {
  std::visit(
      [&](const auto& indicator) {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          ratio_tests(alert, indicator);
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          quantile_tests(alert, indicator);
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          gauge_tests(alert, indicator);
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          state_tests(alert, indicator);
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          absent_tests(alert, indicator);
        } else {
          raw_tests(alert, indicator);
        }
      },
      alert.indicator);
}

// --- ratio -----------------------------------------------------------------------------------

// A ratio or quantile alert's tests start calm (far on the quiet side), then switch to what is
// tested: the window then fills with it, so that a window longer than the rule's would fire
// later and fail the test.
std::chrono::milliseconds calm_until(const alert_definition& alert,
                                     std::chrono::milliseconds evaluation) {
  const std::chrono::milliseconds calm = 2 * alert.window;
  return (calm + evaluation - std::chrono::milliseconds(1)) / evaluation * evaluation;
}

void test_builder::ratio_tests(const alert_definition& alert, const ratio_indicator& ratio) {
  const alerting_rule& rule = rule_of(alert);
  const std::string& job = model_.prometheus.job;
  const series_selection& numerator = ratio.numerator;
  const series_selection& denominator = ratio.denominator;
  const bool same_series = numerator.metric.target == denominator.metric.target;
  const std::string numerator_name = event_series(*numerator.metric);
  const std::string denominator_name = event_series(*denominator.metric);
  const double total =
      alert.min_rate ? std::max(test_rate, std::ceil(*alert.min_rate * 2)) : test_rate;
  const std::chrono::milliseconds interval = series_interval_;
  const std::chrono::milliseconds evaluation = tests_.evaluation_interval;
  const std::chrono::milliseconds calm = calm_until(alert, evaluation);
  const double calm_failing = alert.compare == comparison::above ? 0 : total;
  // Long enough for the window to fill and `for` to pass twice over.
  const std::chrono::milliseconds limit =
      calm + evaluation_at(2 * (alert.window + alert.for_duration) + 2 * evaluation);

  // The series of one group of labels: calm, then `failing` events per second of `all`.
  const auto group_series = [&](const label_list& group, double failing, double all) {
    const std::array<rate_phase, 2> failing_phases{rate_phase{calm, calm_failing / total * all},
                                                   rate_phase{limit - calm, failing}};
    const auto passing = [&](double of_all) {
      return std::array<rate_phase, 2>{rate_phase{calm, of_all - failing_phases[0].per_second},
                                       rate_phase{limit - calm, of_all - failing}};
    };
    std::vector<ratio_series> series;
    if (same_series) {
      const auto fail = chosen_values(numerator, denominator, true);
      const auto pass = chosen_values(numerator, denominator, false);
      label_list fail_labels = group;
      fail_labels.insert(fail_labels.end(), fail->begin(), fail->end());
      series.push_back({numerator_name,
                        series_labels(*numerator.metric, nullptr, fail_labels, job, test_instance),
                        {failing_phases.begin(), failing_phases.end()}});
      if (pass) {
        label_list pass_labels = group;
        pass_labels.insert(pass_labels.end(), pass->begin(), pass->end());
        const auto phases = passing(all);
        series.push_back(
            {denominator_name,
             series_labels(*denominator.metric, nullptr, pass_labels, job, test_instance),
             {phases.begin(), phases.end()}});
      }
    } else {
      series.push_back({numerator_name,
                        series_labels(*numerator.metric, &numerator, group, job, test_instance),
                        {failing_phases.begin(), failing_phases.end()}});
      series.push_back({denominator_name,
                        series_labels(*denominator.metric, &denominator, group, job, test_instance),
                        {rate_phase{limit, all}}});
    }
    return series;
  };
  // The ratio Prometheus computes at evaluation `at` for a group's series; nothing before two
  // samples.
  const auto predicted = [&](const std::vector<ratio_series>& series,
                             std::chrono::milliseconds at) -> std::optional<double> {
    if (at < interval) return std::nullopt;
    const auto end = static_cast<std::size_t>(at / interval);
    std::vector<double> rates;
    for (const ratio_series& s : series) {
      rates.push_back(
          prometheus_rate(counter_samples(s.phases, interval, limit), end, alert.window, interval));
    }
    if (same_series) return rates[0] / (rates.size() > 1 ? rates[0] + rates[1] : rates[0]);
    return rates[0] / rates[1];
  };
  const auto condition = [&](const std::vector<ratio_series>& series) {
    return [&, series](std::chrono::milliseconds at) {
      const std::optional<double> value = predicted(series, at);
      return value && holds(alert.compare, *value, alert.threshold);
    };
  };
  // The failing rates closest to the threshold once the window is full of them: the first that
  // fires and the last that does not (the ratio grows with the failing events).
  std::optional<double> firing;
  std::optional<double> quiet;
  for (double failing = 0; failing <= total; ++failing) {
    const bool fired = condition(group_series({}, failing, total))(limit);
    if (alert.compare == comparison::above) {
      if (fired) {
        firing = failing;
        break;
      }
      quiet = failing;
    } else {
      if (!fired) {
        quiet = failing;
        break;
      }
      firing = failing;
    }
  }
  if (!firing) return;  // resolve rejects thresholds a ratio cannot cross
  const std::vector<ratio_series> firing_series =
      group_series(group_labels(alert.by, 0), *firing, total);
  const std::optional<firing_time> fired =
      first_firing(condition(firing_series), alert.for_duration, evaluation, limit);
  if (!fired) return;

  const auto add_inputs = [&](test_case& test, const std::vector<ratio_series>& series) {
    for (const ratio_series& s : series) {
      test.inputs.push_back(
          {series_text(s.name, s.labels),
           expanding_notation(counter_samples(s.phases, interval, fired->fires))});
    }
  };
  const std::vector<std::string> result = result_labels(alert);
  test_case& fire =
      add_case(fmt::format("{} fires {} {} once its window fills", alert.name,
                           alert.compare == comparison::above ? "just above" : "just below",
                           promql::format_number(alert.threshold)));
  add_inputs(fire, firing_series);
  if (!alert.by.empty() && quiet) {
    add_inputs(fire, group_series(group_labels(alert.by, 1), *quiet, total));
  }
  fire.checks.push_back({alert.name, fired->fires - evaluation, {}});
  fire.checks.push_back({alert.name,
                         fired->fires,
                         {expect(rule, labels_named(firing_series.front().labels, result),
                                 *predicted(firing_series, fired->fires))}});
  if (quiet) {
    test_case& stays = add_case(fmt::format("{} stays quiet just on the other side of {}",
                                            alert.name, promql::format_number(alert.threshold)));
    add_inputs(stays, group_series(group_labels(alert.by, 0), *quiet, total));
    stays.checks.push_back({alert.name, fired->fires, {}});
  }
  if (alert.min_rate) {
    test_case& little = add_case(fmt::format("{} stays quiet below {} events per second",
                                             alert.name, promql::format_number(*alert.min_rate)));
    const double low = *alert.min_rate / 2;
    add_inputs(little, group_series(group_labels(alert.by, 0), *firing / total * low, low));
    little.checks.push_back({alert.name, fired->fires, {}});
  }
}

// --- quantile --------------------------------------------------------------------------------

void test_builder::quantile_tests(const alert_definition& alert,
                                  const quantile_indicator& quantile) {
  const alerting_rule& rule = rule_of(alert);
  const metric_definition& histogram = *quantile.histogram.metric;
  const std::chrono::milliseconds interval = series_interval_;
  const std::chrono::milliseconds evaluation = tests_.evaluation_interval;
  const std::chrono::milliseconds calm = calm_until(alert, evaluation);
  const std::chrono::milliseconds limit =
      calm + evaluation_at(2 * (alert.window + alert.for_duration) + 2 * evaluation);
  std::vector<double> bounds = histogram.buckets;
  bounds.push_back(std::numeric_limits<double>::infinity());
  constexpr double observations = 100;  // per second, in every phase

  // Observations per second in each bucket (not cumulative), calm then tested.
  struct shape {
    std::vector<double> calm;
    std::vector<double> tested;
  };
  // The calm distribution: every observation in the bucket far on the quiet side.
  std::vector<double> calm_buckets(bounds.size(), 0);
  calm_buckets[alert.compare == comparison::above ? 0 : bounds.size() - 2] = observations;
  const auto cumulative_phases = [&](const shape& s, std::size_t bucket) {
    double calm_sum = 0;
    double tested_sum = 0;
    for (std::size_t i = 0; i <= bucket; ++i) {
      calm_sum += s.calm[i];
      tested_sum += s.tested[i];
    }
    return std::vector<rate_phase>{{calm, calm_sum}, {limit - calm, tested_sum}};
  };
  const auto predicted = [&](const shape& s,
                             std::chrono::milliseconds at) -> std::optional<double> {
    if (at < interval) return std::nullopt;
    const auto end = static_cast<std::size_t>(at / interval);
    std::vector<std::pair<double, double>> cumulative;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      cumulative.emplace_back(
          bounds[i], prometheus_rate(counter_samples(cumulative_phases(s, i), interval, limit), end,
                                     alert.window, interval));
    }
    const double value = bucket_quantile(quantile.quantile, cumulative);
    if (std::isnan(value)) return std::nullopt;
    return value;
  };
  // Two adjacent buckets share the observations: the distributions whose quantile is closest to
  // the threshold on either side, once the window is full of them.
  std::optional<shape> firing;
  std::optional<shape> quiet;
  std::optional<double> firing_value;
  std::optional<double> quiet_value;
  for (std::size_t lower = 0; lower + 1 < bounds.size(); ++lower) {
    for (int in_upper = 0; in_upper <= observations; ++in_upper) {
      shape candidate{calm_buckets, std::vector<double>(bounds.size(), 0)};
      candidate.tested[lower] = observations - in_upper;
      candidate.tested[lower + 1] = in_upper;
      const std::optional<double> value = predicted(candidate, limit);
      if (!value) continue;
      const bool fires = holds(alert.compare, *value, alert.threshold);
      auto& slot = fires ? firing : quiet;
      auto& slot_value = fires ? firing_value : quiet_value;
      if (!slot || std::fabs(*value - alert.threshold) < std::fabs(*slot_value - alert.threshold)) {
        slot = candidate;
        slot_value = value;
      }
    }
  }
  if (!firing) return;  // resolve rejects thresholds a histogram's quantile cannot cross
  const auto condition = [&](const shape& s) {
    return [&, s](std::chrono::milliseconds at) {
      const std::optional<double> value = predicted(s, at);
      return value && holds(alert.compare, *value, alert.threshold);
    };
  };
  const std::optional<firing_time> fired =
      first_firing(condition(*firing), alert.for_duration, evaluation, limit);
  if (!fired) return;

  const std::vector<std::string> result = result_labels(alert);
  const auto add_inputs = [&](test_case& test, const label_list& group, const shape& s) {
    const label_list labels =
        series_labels(histogram, &quantile.histogram, group, model_.prometheus.job, test_instance);
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      label_list with_le = labels;
      with_le.emplace_back("le", std::isinf(bounds[i]) ? "+Inf" : bucket_bound_text(bounds[i]));
      test.inputs.push_back(
          {series_text(histogram.name + "_bucket", with_le),
           expanding_notation(counter_samples(cumulative_phases(s, i), interval, fired->fires))});
    }
    return labels;
  };
  test_case& fire = add_case(fmt::format("{} fires with the {} quantile at {}", alert.name,
                                         promql::format_number(quantile.quantile),
                                         promql::format_number(*firing_value)));
  label_list fired_labels =
      labels_named(add_inputs(fire, group_labels(alert.by, 0), *firing), result);
  fired_labels.emplace_back("quantile", promql::format_number(quantile.quantile));
  if (!alert.by.empty() && quiet) add_inputs(fire, group_labels(alert.by, 1), *quiet);
  fire.checks.push_back({alert.name, fired->fires - evaluation, {}});
  fire.checks.push_back(
      {alert.name, fired->fires, {expect(rule, fired_labels, *predicted(*firing, fired->fires))}});
  if (quiet) {
    test_case& stays = add_case(fmt::format("{} stays quiet with the {} quantile at {}", alert.name,
                                            promql::format_number(quantile.quantile),
                                            promql::format_number(*quiet_value)));
    add_inputs(stays, group_labels(alert.by, 0), *quiet);
    stays.checks.push_back({alert.name, fired->fires, {}});
  }
}

// --- gauge -----------------------------------------------------------------------------------

void test_builder::gauge_tests(const alert_definition& alert, const gauge_indicator& gauge) {
  const alerting_rule& rule = rule_of(alert);
  const std::string& job = model_.prometheus.job;
  const metric_definition& metric = *gauge.gauge.metric;
  const std::chrono::milliseconds interval = series_interval_;
  const std::chrono::milliseconds active{0};  // a gauge holds from its first sample
  const std::chrono::milliseconds fires = evaluation_at(active + alert.for_duration);
  constexpr double divisor_value = 1000;
  // A value just past the threshold on the firing side (`side` 1) or the quiet one (-1).
  const auto value_at = [&](int side) {
    const double direction = alert.compare == comparison::above ? side : -side;
    if (gauge.divided_by.given()) {
      double value = std::round(alert.threshold * divisor_value) + direction;
      while (holds(alert.compare, value / divisor_value, alert.threshold) != (side > 0)) {
        value += direction;
      }
      return value;
    }
    return alert.threshold + direction * std::max(std::fabs(alert.threshold) * 0.01, 0.01);
  };
  const auto add_inputs = [&](test_case& test, std::size_t group, double value) {
    const label_list labels =
        series_labels(metric, &gauge.gauge, group_labels(alert.by, group), job, test_instance);
    test.inputs.push_back({series_text(metric.name, labels),
                           expanding_notation(constant_samples(value, interval, fires))});
    return labels;
  };
  const auto add_divisor = [&](test_case& test, std::size_t groups) {
    if (!gauge.divided_by.given()) return;
    const metric_definition& divisor = *gauge.divided_by.metric;
    const bool split = !alert.by.empty() && divisor.has_label(alert.by.front().name);
    for (std::size_t group = 0; group < (split ? groups : 1); ++group) {
      const label_list labels =
          series_labels(divisor, &gauge.divided_by,
                        split ? group_labels(alert.by, group) : label_list{}, job, test_instance);
      test.inputs.push_back({series_text(divisor.name, labels),
                             expanding_notation(constant_samples(divisor_value, interval, fires))});
    }
  };
  const double firing = value_at(1);
  const double quiet = value_at(-1);
  const double shown = gauge.divided_by.given() ? firing / divisor_value : firing;
  test_case& fire =
      add_case(fmt::format("{} fires at {}", alert.name, promql::format_number(shown)));
  const label_list fired = labels_named(add_inputs(fire, 0, firing), result_labels(alert));
  if (!alert.by.empty()) add_inputs(fire, 1, quiet);
  add_divisor(fire, alert.by.empty() ? 1 : 2);
  add_for_checks(fire, alert, active, fires, {expect(rule, fired, shown)});
  test_case& stays = add_case(
      fmt::format("{} stays quiet at {}", alert.name,
                  promql::format_number(gauge.divided_by.given() ? quiet / divisor_value : quiet)));
  add_inputs(stays, 0, quiet);
  add_divisor(stays, 1);
  stays.checks.push_back({alert.name, fires, {}});
}

// --- state -----------------------------------------------------------------------------------

void test_builder::state_tests(const alert_definition& alert, const state_indicator& state) {
  const alerting_rule& rule = rule_of(alert);
  const metric_definition& stateset = *state.stateset.metric;
  const std::chrono::milliseconds interval = series_interval_;
  const std::chrono::milliseconds fires = evaluation_at(alert.for_duration);
  // Another state than the watched one, for the series that stay quiet.
  const auto other = std::find_if(stateset.states.begin(), stateset.states.end(),
                                  [&](const label_value& s) { return s.text != state.state; });
  const auto add_inputs = [&](test_case& test, std::size_t group, std::string_view current) {
    const label_list labels =
        series_labels(stateset, &state.stateset, group_labels(alert.by, group),
                      model_.prometheus.job, test_instance);
    for (const label_value& each : stateset.states) {
      label_list with_state = labels;
      with_state.emplace_back(stateset.name, each.text);
      test.inputs.push_back(
          {series_text(stateset.name, with_state),
           expanding_notation(constant_samples(each.text == current ? 1 : 0, interval, fires))});
    }
    return labels;
  };
  test_case& fire = add_case(fmt::format("{} fires in state {}", alert.name, state.state));
  const label_list fired = labels_named(add_inputs(fire, 0, state.state), result_labels(alert));
  if (!alert.by.empty() && other != stateset.states.end()) add_inputs(fire, 1, other->text);
  add_for_checks(fire, alert, std::chrono::milliseconds{0}, fires, {expect(rule, fired, 1)});
  if (other != stateset.states.end()) {
    test_case& stays = add_case(fmt::format("{} stays quiet in state {}", alert.name, other->text));
    add_inputs(stays, 0, other->text);
    stays.checks.push_back({alert.name, fires, {}});
  }
}

// --- absent ----------------------------------------------------------------------------------

void test_builder::absent_tests(const alert_definition& alert, const absent_indicator& absent) {
  const alerting_rule& rule = rule_of(alert);
  const std::string& job = model_.prometheus.job;
  const std::chrono::milliseconds interval = series_interval_;
  const std::chrono::milliseconds fires = evaluation_at(alert.for_duration);
  const auto up = [&](std::string_view of_job, double value) {
    return input_series{
        series_text("up", {{"job", std::string{of_job}}, {"instance", std::string{test_instance}}}),
        expanding_notation(constant_samples(value, interval, fires))};
  };
  if (!absent.metric.given()) {
    test_case& down = add_case(fmt::format("{} fires when the target is down", alert.name));
    down.inputs.push_back(up(job, 0));
    add_for_checks(down, alert, std::chrono::milliseconds{0}, fires,
                   {expect(rule, {{"instance", std::string{test_instance}}, {"job", job}}, 0)});
    test_case& missing = add_case(fmt::format("{} fires when the target is missing", alert.name));
    missing.inputs.push_back(up("another_job", 1));
    add_for_checks(missing, alert, std::chrono::milliseconds{0}, fires,
                   {expect(rule, {{"job", job}}, 1)});
    test_case& running = add_case(fmt::format("{} stays quiet while the target is up", alert.name));
    running.inputs.push_back(up(job, 1));
    running.checks.push_back({alert.name, fires, {}});
    return;
  }
  const metric_definition& metric = *absent.metric.metric;
  label_list result{{"job", job}};
  for (const value_match& match : absent.metric.match) {
    if (match.values.size() == 1) result.emplace_back(match.label.name, match.values.front());
  }
  test_case& missing =
      add_case(fmt::format("{} fires without series of {}", alert.name, event_series(metric)));
  missing.inputs.push_back(up(job, 1));
  add_for_checks(missing, alert, std::chrono::milliseconds{0}, fires, {expect(rule, result, 1)});
  test_case& present =
      add_case(fmt::format("{} stays quiet with series of {}", alert.name, event_series(metric)));
  present.inputs.push_back(
      {series_text(event_series(metric),
                   series_labels(metric, &absent.metric, {}, job, test_instance)),
       expanding_notation(constant_samples(0, interval, fires))});
  present.checks.push_back({alert.name, fires, {}});
}

}  // namespace schemetric::codegen::rules
