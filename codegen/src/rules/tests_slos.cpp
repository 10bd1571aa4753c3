// Generated tests of an SLO's rules (rules/plan_slos.cpp): the value of every window's recording
// over three days of traffic whose error ratio changes every step, so that any other window gives
// another value; each burn-rate alert just above and just below its threshold; too little traffic
// (with `min_rate`); and missing events.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "promql/expression.hpp"
#include "rules/series.hpp"
#include "rules/test_builder.hpp"

namespace schemetric::codegen::rules {
namespace {

using namespace std::chrono_literals;

// Events per second in SLO tests: error ratios of a fraction of a percent still give whole
// failing events per second.
constexpr double slo_test_rate = 1e6;
// How far past (or short of) a burn threshold the alert tests put the error ratio.
constexpr double margin = 0.05;
// The day the alert tests cover: long enough for every window but the last, which sees it all.
constexpr std::chrono::milliseconds alert_span = 24h;

}  // namespace

// The traffic of one group of an SLO test: per phase, all events and failing events per second.
struct slo_traffic_phase {
  std::chrono::milliseconds length;
  double total;
  double failing;
};

// A counter of an SLO test and its phases.
struct slo_series {
  std::string name;
  label_list labels;
  std::vector<rate_phase> phases;
};

// The series an SLO reads, made for test traffic, and what its rules compute from them.
class slo_series_maker {
 public:
  slo_series_maker(const slo_definition& slo, std::string_view job,
                   std::chrono::milliseconds interval)
      : slo_(slo), job_(job), interval_(interval), ratio_(std::get_if<slo_ratio>(&slo.sli)) {}

  using series = slo_series;

  [[nodiscard]] const series_selection& total() const {
    return ratio_ != nullptr ? ratio_->total : std::get<slo_latency>(slo_.sli).histogram;
  }

  // The series of group `group` (its `by` labels) with `traffic`.
  [[nodiscard]] std::vector<series> make(std::size_t group,
                                         const std::vector<slo_traffic_phase>& traffic) const {
    std::vector<rate_phase> failing;
    std::vector<rate_phase> passing;
    std::vector<rate_phase> all;
    for (const slo_traffic_phase& phase : traffic) {
      failing.push_back({phase.length, phase.failing});
      passing.push_back({phase.length, phase.total - phase.failing});
      all.push_back({phase.length, phase.total});
    }
    const label_list by = group_labels(slo_.by, group);
    if (same_series()) {
      const metric_definition& metric = *ratio_->total.metric;
      std::vector<series> made;
      for (const bool fails : {true, false}) {
        label_list labels = by;
        if (const auto chosen = chosen_values(ratio_->errors, ratio_->total, fails)) {
          labels.insert(labels.end(), chosen->begin(), chosen->end());
        }
        made.push_back(
            {event_series(metric), labels_of(metric, nullptr, labels), fails ? failing : passing});
      }
      return made;
    }
    if (ratio_ != nullptr) {
      return {{event_series(*ratio_->errors.metric),
               labels_of(*ratio_->errors.metric, &ratio_->errors, by), failing},
              {event_series(*ratio_->total.metric),
               labels_of(*ratio_->total.metric, &ratio_->total, by), all}};
    }
    const auto& latency = std::get<slo_latency>(slo_.sli);
    const metric_definition& histogram = *latency.histogram.metric;
    const label_list labels = labels_of(histogram, &latency.histogram, by);
    label_list fast = labels;
    fast.emplace_back("le", bucket_bound_text(latency.threshold));
    label_list every = labels;
    every.emplace_back("le", "+Inf");
    return {{histogram.name + "_bucket", fast, passing},
            {histogram.name + "_bucket", every, all},
            {histogram.name + "_count", labels, all}};
  }

  // The error ratio the SLO's recording of `window` has at the end (`span`) of `made`.
  [[nodiscard]] double error_ratio(const std::vector<series>& made, std::chrono::milliseconds span,
                                   std::chrono::milliseconds window) const {
    const std::vector<double> r = rates(made, span, window);
    if (ratio_ == nullptr) return (r[2] - r[0]) / r[2];
    return same_series() ? r[0] / (r[0] + r[1]) : r[0] / r[1];
  }

  // The rate of all events over `window` at the end of `made`.
  [[nodiscard]] double events_rate(const std::vector<series>& made, std::chrono::milliseconds span,
                                   std::chrono::milliseconds window) const {
    const std::vector<double> r = rates(made, span, window);
    if (ratio_ == nullptr) return r[2];
    return same_series() ? r[0] + r[1] : r[1];
  }

  // Adds `made` to `test`, sampled up to `span` (only every `stride`-th sample before
  // `dense_from`).
  void add_inputs(test_case& test, const std::vector<series>& made, std::chrono::milliseconds span,
                  std::size_t dense_from = 0, std::size_t stride = 1) const {
    for (const series& s : made) {
      test.inputs.push_back(
          {series_text(s.name, s.labels),
           expanding_notation(counter_samples(s.phases, interval_, span), dense_from, stride)});
    }
  }

 private:
  [[nodiscard]] bool same_series() const {
    return ratio_ != nullptr && ratio_->errors.metric.target == ratio_->total.metric.target;
  }
  [[nodiscard]] label_list labels_of(const metric_definition& metric,
                                     const series_selection* selection,
                                     const label_list& chosen) const {
    return series_labels(metric, selection, chosen, job_, test_instance);
  }
  [[nodiscard]] std::vector<double> rates(const std::vector<series>& made,
                                          std::chrono::milliseconds span,
                                          std::chrono::milliseconds window) const {
    std::vector<double> result;
    for (const series& s : made) {
      result.push_back(prometheus_rate(counter_samples(s.phases, interval_, span),
                                       static_cast<std::size_t>(span / interval_), window,
                                       interval_));
    }
    return result;
  }

  const slo_definition& slo_;
  std::string job_;
  std::chrono::milliseconds interval_;
  const slo_ratio* ratio_;
};

void test_builder::slo_tests(const slo_definition& slo) {
  const slo_series_maker maker(slo, model_.prometheus.job, tests_.evaluation_interval);
  slo_window_tests(slo, maker);
  slo_burn_tests(slo, maker);
  slo_absent_test(slo, maker);
}

// Every window's recording, over three days and two hours whose error ratio and traffic change
// every five minutes in the last six hours and every hour before them (sampled hourly there).
void test_builder::slo_window_tests(const slo_definition& slo, const slo_series_maker& maker) {
  const std::chrono::milliseconds interval = tests_.evaluation_interval;
  const std::chrono::milliseconds span = burn_windows.back().long_window + 2h;
  const std::chrono::milliseconds dense = 6h;
  std::vector<slo_traffic_phase> traffic;
  for (std::chrono::milliseconds at{0}; at < span;) {
    const std::chrono::milliseconds length = at >= span - dense ? interval : 1h;
    // Multipliers without a short period, so that no two windows average alike.
    const auto step = static_cast<std::uint64_t>(at / interval);
    const double total = slo_test_rate * static_cast<double>(2 + ((step * 2654435761U) >> 11) % 5);
    const double errors =
        std::round(total * slo.error_budget * static_cast<double>(1 + ((step * 40503U) >> 5) % 11));
    traffic.push_back({length, total, std::min(errors, total)});
    at += length;
  }
  const auto made = maker.make(0, traffic);
  test_case& test = add_case(
      fmt::format("SLO {}: the error ratio of each window over changing traffic", slo.name),
      interval);
  maker.add_inputs(test, made, span, static_cast<std::size_t>((span - dense) / interval),
                   static_cast<std::size_t>(1h / interval));
  label_list labels{{"job", model_.prometheus.job}};
  const label_list by = group_labels(slo.by, 0);
  labels.insert(labels.end(), by.begin(), by.end());
  const std::string level = level_name(level_labels(slo.by, false));
  const auto check = [&](const std::string& record, double value) {
    test.expression_checks.push_back({record, span, series_text(record, labels), value});
  };
  std::vector<std::chrono::milliseconds> windows;
  for (const burn_window& window : burn_windows) {
    windows.push_back(window.short_window);
    windows.push_back(window.long_window);
  }
  std::sort(windows.begin(), windows.end());
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
  for (const std::chrono::milliseconds w : windows) {
    check(fmt::format("{}:slo_{}_errors:ratio_rate{}", level, slo.name, window_name(w)),
          maker.error_ratio(made, span, w));
    // The rate of all events, recorded for `min_rate` over the long windows.
    const series_selection& total = maker.total();
    const std::string rate = fmt::format(
        "{}:{}:rate{}", level, selection_name(total, event_series(*total.metric)), window_name(w));
    if (plan_.recording(rate) != nullptr) check(rate, maker.events_rate(made, span, w));
  }
  check(fmt::format("{}:slo_{}:error_budget_remaining", level, slo.name),
        1 - maker.error_ratio(made, span, slo.period) / slo.error_budget);
}

// The burn alerts that fire at the end of `made`, as the rules decide.
std::vector<expected_alert> test_builder::slo_burning(const slo_definition& slo,
                                                      const slo_series_maker& maker,
                                                      const std::vector<slo_series>& made) const {
  const auto rules = plan_.alerting_rules(camel_case(slo.name) + "ErrorBudgetBurn");
  label_list result{{"job", model_.prometheus.job}};
  const label_list by = group_labels(slo.by, 0);
  result.insert(result.end(), by.begin(), by.end());
  std::vector<expected_alert> alerts;
  for (std::size_t i = 0; i < burn_windows.size(); ++i) {
    const burn_window& window = burn_windows[i];
    const double threshold = burn_factor(window, slo.period) * slo.error_budget;
    const double long_ratio = maker.error_ratio(made, alert_span, window.long_window);
    const bool fires =
        long_ratio > threshold &&
        maker.error_ratio(made, alert_span, window.short_window) > threshold &&
        (!slo.min_rate || maker.events_rate(made, alert_span, window.long_window) >= *slo.min_rate);
    if (fires) alerts.push_back(expect(*rules[i], result, long_ratio));
  }
  return alerts;
}

// Each burn-rate alert just above and just below its threshold: the error ratio of its long
// window (or of the day, when the window is longer) is on one side of it; then too little
// traffic, with `min_rate`.
void test_builder::slo_burn_tests(const slo_definition& slo, const slo_series_maker& maker) {
  const std::chrono::milliseconds interval = tests_.evaluation_interval;
  const std::string alertname = camel_case(slo.name) + "ErrorBudgetBurn";
  for (std::size_t i = 0; i < burn_windows.size(); ++i) {
    const burn_window& window = burn_windows[i];
    const std::chrono::milliseconds burst = std::min(window.long_window, alert_span);
    const double threshold = burn_factor(window, slo.period) * slo.error_budget;
    for (const double side : {1 + margin, 1 - margin}) {
      const auto made =
          maker.make(0, {{alert_span - burst, slo_test_rate, 0},
                         {burst, slo_test_rate, std::round(slo_test_rate * threshold * side)}});
      test_case& test =
          add_case(fmt::format("SLO {}: errors {} % {} the {} and {} burn threshold", slo.name,
                               promql::format_number(margin * 100), side > 1 ? "above" : "below",
                               window_name(window.long_window), window_name(window.short_window)),
                   interval);
      maker.add_inputs(test, made, alert_span);
      if (side > 1 && i == 0 && !slo.by.empty()) {
        maker.add_inputs(test, maker.make(1, {{alert_span, slo_test_rate, 0}}), alert_span);
      }
      test.checks.push_back({alertname, alert_span, slo_burning(slo, maker, made)});
    }
  }
  if (!slo.min_rate) return;
  const burn_window& page = burn_windows.front();
  const double low = *slo.min_rate / 2;
  const double threshold = burn_factor(page, slo.period) * slo.error_budget;
  const auto made = maker.make(0, {{alert_span - page.long_window, low, 0},
                                   {page.long_window, low, low * std::min(1.0, threshold * 4)}});
  test_case& little =
      add_case(fmt::format("SLO {}: a fast burn below {} events per second fires nothing", slo.name,
                           promql::format_number(*slo.min_rate)),
               interval);
  maker.add_inputs(little, made, alert_span);
  little.checks.push_back({alertname, alert_span, slo_burning(slo, maker, made)});
}

// Missing events: the absent alert after its `for`.
void test_builder::slo_absent_test(const slo_definition& slo, const slo_series_maker& maker) {
  const std::chrono::milliseconds interval = tests_.evaluation_interval;
  const std::string& job = model_.prometheus.job;
  const std::string name = camel_case(slo.name) + "EventsAbsent";
  const alerting_rule& rule = *plan_.alerting_rules(name).front();
  test_case& missing =
      add_case(fmt::format("SLO {}: missing events are an alert", slo.name), interval);
  const std::chrono::milliseconds fires = evaluation_at(rule.for_duration);
  missing.inputs.push_back(
      {series_text("up", {{"job", job}, {"instance", std::string{test_instance}}}),
       expanding_notation(constant_samples(1, interval, fires))});
  label_list labels{{"job", job}};
  for (const value_match& match : maker.total().match) {
    if (match.values.size() == 1) labels.emplace_back(match.label.name, match.values[0]);
  }
  missing.checks.push_back({name, fires - interval, {}});
  missing.checks.push_back({name, fires, {expect(rule, labels, 1)}});
}

}  // namespace schemetric::codegen::rules
