// Generated tests of the schema's structured alerts: for each kind, series that make it fire
// with the exact labels and annotations expected, and series just on the other side of its
// threshold (or with too little traffic) that keep it quiet.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

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

// --- ratio and quantile ----------------------------------------------------------------------

namespace {

// A ratio or quantile alert's tests start calm (far on the quiet side), then switch to what is
// tested: the window then fills with it, so that a window longer than the rule's would fire
// later and fail the test.
struct tested_time {
  std::chrono::milliseconds calm;   ///< the calm part, two windows
  std::chrono::milliseconds limit;  ///< long enough for the window to fill and `for` to pass
};

tested_time tested_time_of(const alert_definition& alert, std::chrono::milliseconds evaluation) {
  const auto rounded = [&](std::chrono::milliseconds t) {
    return (t + evaluation - std::chrono::milliseconds(1)) / evaluation * evaluation;
  };
  const std::chrono::milliseconds calm = rounded(2 * alert.window);
  return {calm, calm + rounded(2 * (alert.window + alert.for_duration) + 2 * evaluation)};
}

// The series of a ratio alert's tests, and the ratio Prometheus computes from them.
class ratio_scenario {
 public:
  ratio_scenario(const alert_definition& alert, const ratio_indicator& ratio, std::string job,
                 std::chrono::milliseconds interval, tested_time time)
      : alert_(alert),
        ratio_(ratio),
        job_(std::move(job)),
        interval_(interval),
        time_(time),
        total_(alert.min_rate ? std::max(test_rate, std::ceil(*alert.min_rate * 2)) : test_rate) {}

  [[nodiscard]] double total() const { return total_; }

  // The series of one group of labels: calm, then `failing` events per second of `all`.
  [[nodiscard]] std::vector<ratio_series> make(const label_list& group, double failing,
                                               double all) const {
    const double calm = alert_.compare == comparison::above ? 0 : all;
    const std::vector<rate_phase> failing_phases{{time_.calm, calm},
                                                 {time_.limit - time_.calm, failing}};
    const series_selection& numerator = ratio_.numerator;
    const series_selection& denominator = ratio_.denominator;
    if (!same_series()) {
      return {{event_series(*numerator.metric),
               series_labels(*numerator.metric, &numerator, group, job_, test_instance),
               failing_phases},
              {event_series(*denominator.metric),
               series_labels(*denominator.metric, &denominator, group, job_, test_instance),
               {{time_.limit, all}}}};
    }
    std::vector<ratio_series> made;
    for (const bool fails : {true, false}) {
      const auto chosen = chosen_values(numerator, denominator, fails);
      if (!chosen) continue;
      label_list labels = group;
      labels.insert(labels.end(), chosen->begin(), chosen->end());
      made.push_back({event_series(*numerator.metric),
                      series_labels(*numerator.metric, nullptr, labels, job_, test_instance),
                      fails ? failing_phases
                            : std::vector<rate_phase>{{time_.calm, all - calm},
                                                      {time_.limit - time_.calm, all - failing}}});
    }
    return made;
  }

  // The samples of each series of `made`, computed once for every evaluation of them.
  [[nodiscard]] std::vector<std::vector<double>> samples_of(
      const std::vector<ratio_series>& made) const {
    std::vector<std::vector<double>> samples;
    for (const ratio_series& s : made) {
      samples.push_back(counter_samples(s.phases, interval_, time_.limit));
    }
    return samples;
  }

  // The ratio at evaluation `at`; nothing before two samples.
  [[nodiscard]] std::optional<double> value(const std::vector<std::vector<double>>& samples,
                                            std::chrono::milliseconds at) const {
    if (at < interval_) return std::nullopt;
    std::vector<double> rates;
    for (const std::vector<double>& series : samples) {
      rates.push_back(prometheus_rate(series, static_cast<std::size_t>(at / interval_),
                                      alert_.window, interval_));
    }
    if (same_series()) return rates[0] / (rates.size() > 1 ? rates[0] + rates[1] : rates[0]);
    return rates[0] / rates[1];
  }

  [[nodiscard]] bool holds(const std::vector<std::vector<double>>& samples,
                           std::chrono::milliseconds at) const {
    const std::optional<double> v = value(samples, at);
    return v && rules::holds(alert_.compare, *v, alert_.threshold);
  }

  // The failing rates closest to the threshold once the window is full of them: the one that
  // fires and the one on the other side. The ratio grows with the failing events, so the first
  // rate on the firing side of an 'above' threshold (on the quiet side of a 'below' one) is
  // found by bisection: a large `min_rate` makes the denominator's rate, and the rates to try,
  // as large as it.
  [[nodiscard]] std::pair<std::optional<double>, std::optional<double>> closest() const {
    const bool above = alert_.compare == comparison::above;
    const auto past = [&](double failing) {
      return holds(samples_of(make({}, failing, total_)), time_.limit) == above;
    };
    double low = 0;  // the first rate past the boundary is in [low, high]; high: none is
    double high = total_ + 1;
    while (low < high) {
      const double middle = std::floor(low + (high - low) / 2);
      if (past(middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    std::optional<double> beyond;  // the first rate past the boundary
    std::optional<double> before;  // the last rate before it
    if (low <= total_) beyond = low;
    if (low > 0) before = low - 1;
    return above ? std::pair{beyond, before} : std::pair{before, beyond};
  }

  void add_inputs(test_case& test, const std::vector<ratio_series>& made,
                  std::chrono::milliseconds until) const {
    for (const ratio_series& s : made) {
      test.inputs.push_back({series_text(s.name, s.labels),
                             expanding_notation(counter_samples(s.phases, interval_, until))});
    }
  }

 private:
  [[nodiscard]] bool same_series() const {
    return ratio_.numerator.metric.target == ratio_.denominator.metric.target;
  }

  const alert_definition& alert_;
  const ratio_indicator& ratio_;
  std::string job_;
  std::chrono::milliseconds interval_;
  tested_time time_;
  double total_;
};

}  // namespace

void test_builder::ratio_tests(const alert_definition& alert, const ratio_indicator& ratio) {
  const std::chrono::milliseconds evaluation = tests_.evaluation_interval;
  const tested_time time = tested_time_of(alert, evaluation);
  const ratio_scenario scenario(alert, ratio, model_.prometheus.job, series_interval_, time);
  const auto [firing, quiet] = scenario.closest();
  if (!firing) return;  // resolve rejects thresholds a ratio cannot cross
  const auto firing_series = scenario.make(group_labels(alert.by, 0), *firing, scenario.total());
  const auto firing_samples = scenario.samples_of(firing_series);
  const std::optional<firing_time> fired =
      first_firing([&](std::chrono::milliseconds at) { return scenario.holds(firing_samples, at); },
                   alert.for_duration, evaluation, time.limit);
  if (!fired) return;

  test_case& fire =
      add_case(fmt::format("{} fires {} {} once its window fills", alert.name,
                           alert.compare == comparison::above ? "just above" : "just below",
                           promql::format_number(alert.threshold)));
  scenario.add_inputs(fire, firing_series, fired->fires);
  if (!alert.by.empty() && quiet) {
    scenario.add_inputs(fire, scenario.make(group_labels(alert.by, 1), *quiet, scenario.total()),
                        fired->fires);
  }
  fire.checks.push_back({alert.name, fired->fires - evaluation, {}});
  fire.checks.push_back(
      {alert.name,
       fired->fires,
       {expect(rule_of(alert), labels_named(firing_series.front().labels, result_labels(alert)),
               *scenario.value(firing_samples, fired->fires))}});
  if (quiet) {
    test_case& stays = add_case(fmt::format("{} stays quiet just on the other side of {}",
                                            alert.name, promql::format_number(alert.threshold)));
    scenario.add_inputs(stays, scenario.make(group_labels(alert.by, 0), *quiet, scenario.total()),
                        fired->fires);
    stays.checks.push_back({alert.name, fired->fires, {}});
  }
  if (alert.min_rate) {
    test_case& little = add_case(fmt::format("{} stays quiet below {} events per second",
                                             alert.name, promql::format_number(*alert.min_rate)));
    const double low = *alert.min_rate / 2;
    scenario.add_inputs(
        little, scenario.make(group_labels(alert.by, 0), *firing / scenario.total() * low, low),
        fired->fires);
    little.checks.push_back({alert.name, fired->fires, {}});
  }
}

namespace {

// The bucket series of a quantile alert's tests (calm observations, then the tested ones), and
// the quantile Prometheus computes from them.
class quantile_scenario {
 public:
  // Observations per second in each bucket (not cumulative), calm and then tested.
  struct shape {
    std::vector<double> calm;
    std::vector<double> tested;
  };
  static constexpr double observations = 100;  // per second, in every phase

  quantile_scenario(const alert_definition& alert, const quantile_indicator& quantile,
                    std::chrono::milliseconds interval, tested_time time)
      : alert_(alert), quantile_(quantile), interval_(interval), time_(time) {
    bounds_ = quantile.histogram.metric->buckets;
    bounds_.push_back(std::numeric_limits<double>::infinity());
  }

  // Every observation in the bucket far on the quiet side, then `tested`.
  [[nodiscard]] shape with(std::vector<double> tested) const {
    std::vector<double> calm(bounds_.size(), 0);
    calm[alert_.compare == comparison::above ? 0 : bounds_.size() - 2] = observations;
    return {std::move(calm), std::move(tested)};
  }

  // The cumulative samples of each bucket of `s`, computed once for every evaluation of them.
  using bucket_samples = std::vector<std::vector<double>>;
  [[nodiscard]] bucket_samples samples_of(const shape& s) const {
    bucket_samples samples;
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
      samples.push_back(counter_samples(cumulative_phases(s, i), interval_, time_.limit));
    }
    return samples;
  }

  [[nodiscard]] std::optional<double> value(const bucket_samples& samples,
                                            std::chrono::milliseconds at) const {
    if (at < interval_) return std::nullopt;
    std::vector<std::pair<double, double>> cumulative;
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
      cumulative.emplace_back(bounds_[i],
                              prometheus_rate(samples[i], static_cast<std::size_t>(at / interval_),
                                              alert_.window, interval_));
    }
    const double result = bucket_quantile(quantile_.quantile, cumulative);
    if (std::isnan(result)) return std::nullopt;
    return result;
  }
  [[nodiscard]] std::optional<double> value(const shape& s, std::chrono::milliseconds at) const {
    return value(samples_of(s), at);
  }

  [[nodiscard]] bool holds(const bucket_samples& samples, std::chrono::milliseconds at) const {
    const std::optional<double> v = value(samples, at);
    return v && rules::holds(alert_.compare, *v, alert_.threshold);
  }

  // Two adjacent buckets share the observations: the distributions whose quantile, once the
  // window is full of them, is closest to the threshold on the firing side and on the other
  // (the first in order of `lower`, then `in_upper`, among equally close ones).
  [[nodiscard]] std::pair<std::optional<shape>, std::optional<shape>> closest() const {
    struct candidate_slot {
      std::optional<shape> found;
      double distance = 0;
      std::size_t order = 0;
    };
    candidate_slot firing;
    candidate_slot quiet;
    // A pair's quantile stays within the bounds of its two buckets: pairs whose bounds are
    // further from the threshold than both candidates found cannot be closer. Visiting pairs
    // nearest first, only a few are computed, whatever the number of buckets.
    std::vector<std::size_t> pairs(bounds_.size() - 1);
    std::iota(pairs.begin(), pairs.end(), std::size_t{0});
    std::stable_sort(pairs.begin(), pairs.end(),
                     [&](std::size_t a, std::size_t b) { return reach(a) < reach(b); });
    for (const std::size_t lower : pairs) {
      if (firing.found && quiet.found && reach(lower) > std::max(firing.distance, quiet.distance)) {
        break;
      }
      for (int in_upper = 0; in_upper <= observations; ++in_upper) {
        std::vector<double> tested(bounds_.size(), 0);
        tested[lower] = observations - in_upper;
        tested[lower + 1] = in_upper;
        shape candidate = with(std::move(tested));
        const std::optional<double> v = value(candidate, time_.limit);
        if (!v) continue;
        candidate_slot& slot = rules::holds(alert_.compare, *v, alert_.threshold) ? firing : quiet;
        const double distance = std::fabs(*v - alert_.threshold);
        const std::size_t order = lower * (observations + 1) + static_cast<std::size_t>(in_upper);
        if (!slot.found || distance < slot.distance ||
            (distance == slot.distance && order < slot.order)) {
          slot = {std::move(candidate), distance, order};
        }
      }
    }
    return {firing.found, quiet.found};
  }

  // Adds the bucket series of `s` for a group of labels; gives the group's labels.
  label_list add_inputs(test_case& test, const label_list& group, const shape& s,
                        std::string_view job, std::chrono::milliseconds until) const {
    const metric_definition& histogram = *quantile_.histogram.metric;
    const label_list labels =
        series_labels(histogram, &quantile_.histogram, group, job, test_instance);
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
      label_list with_le = labels;
      with_le.emplace_back("le", std::isinf(bounds_[i]) ? "+Inf" : bucket_bound_text(bounds_[i]));
      test.inputs.push_back(
          {series_text(histogram.name + "_bucket", with_le),
           expanding_notation(counter_samples(cumulative_phases(s, i), interval_, until))});
    }
    return labels;
  }

 private:
  // How close to the threshold the quantile of observations in buckets `lower` and `lower + 1`
  // can come, less a margin for the rounding of the interpolation.
  [[nodiscard]] double reach(std::size_t lower) const {
    const double low = lower == 0 ? -std::numeric_limits<double>::infinity() : bounds_[lower - 1];
    const double high = bounds_[lower + 1];
    const double t = alert_.threshold;
    const double gap = std::max({0.0, low - t, t - high});
    double scale = std::max(1.0, std::fabs(t));
    if (std::isfinite(low)) scale = std::max(scale, std::fabs(low));
    if (std::isfinite(high)) scale = std::max(scale, std::fabs(high));
    return std::max(0.0, gap - 1e-9 * scale);
  }

  [[nodiscard]] std::vector<rate_phase> cumulative_phases(const shape& s,
                                                          std::size_t bucket) const {
    double calm = 0;
    double tested = 0;
    for (std::size_t i = 0; i <= bucket; ++i) {
      calm += s.calm[i];
      tested += s.tested[i];
    }
    return {{time_.calm, calm}, {time_.limit - time_.calm, tested}};
  }

  const alert_definition& alert_;
  const quantile_indicator& quantile_;
  std::chrono::milliseconds interval_;
  tested_time time_;
  std::vector<double> bounds_;
};

}  // namespace

void test_builder::quantile_tests(const alert_definition& alert,
                                  const quantile_indicator& quantile) {
  const std::chrono::milliseconds evaluation = tests_.evaluation_interval;
  const tested_time time = tested_time_of(alert, evaluation);
  const quantile_scenario scenario(alert, quantile, series_interval_, time);
  // Not a structured binding: clang 14 cannot capture one in the lambda below.
  const auto closest = scenario.closest();
  const std::optional<quantile_scenario::shape>& firing = closest.first;
  const std::optional<quantile_scenario::shape>& quiet = closest.second;
  if (!firing) return;  // resolve rejects thresholds a histogram's quantile cannot cross
  const auto firing_samples = scenario.samples_of(*firing);
  const std::optional<firing_time> fired =
      first_firing([&](std::chrono::milliseconds at) { return scenario.holds(firing_samples, at); },
                   alert.for_duration, evaluation, time.limit);
  if (!fired) return;
  const std::string& job = model_.prometheus.job;
  const std::string q = promql::format_number(quantile.quantile);

  test_case& fire =
      add_case(fmt::format("{} fires with the {} quantile at {}", alert.name, q,
                           promql::format_number(*scenario.value(firing_samples, time.limit))));
  label_list fired_labels =
      labels_named(scenario.add_inputs(fire, group_labels(alert.by, 0), *firing, job, fired->fires),
                   result_labels(alert));
  fired_labels.emplace_back("quantile", q);
  if (!alert.by.empty() && quiet) {
    scenario.add_inputs(fire, group_labels(alert.by, 1), *quiet, job, fired->fires);
  }
  fire.checks.push_back({alert.name, fired->fires - evaluation, {}});
  fire.checks.push_back(
      {alert.name,
       fired->fires,
       {expect(rule_of(alert), fired_labels, *scenario.value(firing_samples, fired->fires))}});
  if (quiet) {
    test_case& stays =
        add_case(fmt::format("{} stays quiet with the {} quantile at {}", alert.name, q,
                             promql::format_number(*scenario.value(*quiet, time.limit))));
    scenario.add_inputs(stays, group_labels(alert.by, 0), *quiet, job, fired->fires);
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
        // Past 2^53 adding one changes nothing: step to the next double instead.
        const double next = value + direction;
        value = next != value
                    ? next
                    : std::nextafter(value, direction * std::numeric_limits<double>::infinity());
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
