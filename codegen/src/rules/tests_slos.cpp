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

// A series of an SLO test: a counter growing in phases.
struct slo_series {
  std::string name;
  label_list labels;
  std::vector<rate_phase> phases;
};

// The traffic of one group: per phase, all events and failing events per second.
struct traffic_phase {
  std::chrono::milliseconds length;
  double total;
  double failing;
};

}  // namespace

void test_builder::slo_tests(const slo_definition& slo) {
  const std::string& job = model_.prometheus.job;
  const std::chrono::milliseconds interval = tests_.evaluation_interval;
  const std::string alertname = camel_case(slo.name) + "ErrorBudgetBurn";
  const std::vector<const alerting_rule*> burn_rules = plan_.alerting_rules(alertname);
  const auto* ratio = std::get_if<slo_ratio>(&slo.sli);
  const bool same_series =
      ratio != nullptr && ratio->errors.metric.target == ratio->total.metric.target;
  const std::vector<std::string> level = level_labels(slo.by, false);
  const series_selection& total_selection =
      ratio != nullptr ? ratio->total : std::get<slo_latency>(slo.sli).histogram;

  // The series of one group for `traffic`.
  const auto group_series = [&](std::size_t group, const std::vector<traffic_phase>& traffic) {
    std::vector<rate_phase> failing;
    std::vector<rate_phase> passing;
    std::vector<rate_phase> all;
    for (const traffic_phase& phase : traffic) {
      failing.push_back({phase.length, phase.failing});
      passing.push_back({phase.length, phase.total - phase.failing});
      all.push_back({phase.length, phase.total});
    }
    const label_list by = group_labels(slo.by, group);
    std::vector<slo_series> series;
    if (same_series) {
      const metric_definition& metric = *ratio->total.metric;
      for (const bool fails : {true, false}) {
        label_list labels = by;
        if (const auto chosen = chosen_values(ratio->errors, ratio->total, fails)) {
          labels.insert(labels.end(), chosen->begin(), chosen->end());
        }
        series.push_back({event_series(metric),
                          series_labels(metric, nullptr, labels, job, test_instance),
                          fails ? failing : passing});
      }
    } else if (ratio != nullptr) {
      series.push_back(
          {event_series(*ratio->errors.metric),
           series_labels(*ratio->errors.metric, &ratio->errors, by, job, test_instance), failing});
      series.push_back({event_series(*ratio->total.metric),
                        series_labels(*ratio->total.metric, &ratio->total, by, job, test_instance),
                        all});
    } else {
      const auto& latency = std::get<slo_latency>(slo.sli);
      const metric_definition& histogram = *latency.histogram.metric;
      const label_list labels =
          series_labels(histogram, &latency.histogram, by, job, test_instance);
      label_list fast = labels;
      fast.emplace_back("le", bucket_bound_text(latency.threshold));
      label_list every = labels;
      every.emplace_back("le", "+Inf");
      series.push_back({histogram.name + "_bucket", fast, passing});
      series.push_back({histogram.name + "_bucket", every, all});
      series.push_back({histogram.name + "_count", labels, all});
    }
    return series;
  };
  // Rates Prometheus computes over `window` at `end` (a sample index) of each series.
  const auto rates_of = [&](const std::vector<slo_series>& series, std::chrono::milliseconds span,
                            std::chrono::milliseconds window) {
    std::vector<double> rates;
    for (const slo_series& s : series) {
      rates.push_back(prometheus_rate(counter_samples(s.phases, interval, span),
                                      static_cast<std::size_t>(span / interval), window, interval));
    }
    return rates;
  };
  // The error ratio and the rate of all events over `window` at the end of the series, as the
  // SLO's recordings compute them.
  const auto error_ratio = [&](const std::vector<slo_series>& series,
                               std::chrono::milliseconds span, std::chrono::milliseconds window) {
    const std::vector<double> r = rates_of(series, span, window);
    if (ratio == nullptr) return (r[2] - r[0]) / r[2];
    return same_series ? r[0] / (r[0] + r[1]) : r[0] / r[1];
  };
  const auto events_rate = [&](const std::vector<slo_series>& series,
                               std::chrono::milliseconds span, std::chrono::milliseconds window) {
    const std::vector<double> r = rates_of(series, span, window);
    if (ratio == nullptr) return r[2];
    return same_series ? r[0] + r[1] : r[1];
  };
  const auto add_inputs = [&](test_case& test, const std::vector<slo_series>& series,
                              std::chrono::milliseconds span, std::size_t dense_from = 0,
                              std::size_t stride = 1) {
    for (const slo_series& s : series) {
      test.inputs.push_back(
          {series_text(s.name, s.labels),
           expanding_notation(counter_samples(s.phases, interval, span), dense_from, stride)});
    }
  };
  // The burn alerts that fire at the end of `series`, as the rules decide.
  const auto burning = [&](const std::vector<slo_series>& series, std::chrono::milliseconds span) {
    std::vector<expected_alert> alerts;
    label_list result{{"job", job}};
    const label_list by = group_labels(slo.by, 0);
    result.insert(result.end(), by.begin(), by.end());
    for (std::size_t i = 0; i < burn_windows.size(); ++i) {
      const burn_window& window = burn_windows[i];
      const double threshold = burn_factor(window, slo.period) * slo.error_budget;
      const double long_ratio = error_ratio(series, span, window.long_window);
      const bool fires =
          long_ratio > threshold && error_ratio(series, span, window.short_window) > threshold &&
          (!slo.min_rate || events_rate(series, span, window.long_window) >= *slo.min_rate);
      if (fires) alerts.push_back(expect(*burn_rules[i], result, long_ratio));
    }
    return alerts;
  };

  // Every window's recording, over three days and two hours whose error ratio and traffic change
  // every five minutes in the last six hours and every hour before them (sampled hourly there).
  {
    const std::chrono::milliseconds span = burn_windows.back().long_window + 2h;
    const std::chrono::milliseconds dense = 6h;
    std::vector<traffic_phase> traffic;
    for (std::chrono::milliseconds at{0}; at < span;) {
      const bool in_dense = at >= span - dense;
      const std::chrono::milliseconds length = in_dense ? interval : 1h;
      // Multipliers without a short period, so that no two windows average alike.
      const auto step = static_cast<std::uint64_t>(at / interval);
      const double total =
          slo_test_rate * static_cast<double>(2 + ((step * 2654435761U) >> 11) % 5);
      const double errors = std::round(total * slo.error_budget *
                                       static_cast<double>(1 + ((step * 40503U) >> 5) % 11));
      traffic.push_back({length, total, std::min(errors, total)});
      at += length;
    }
    const std::vector<slo_series> series = group_series(0, traffic);
    test_case& windows = add_case(
        fmt::format("SLO {}: the error ratio of each window over changing traffic", slo.name),
        interval);
    add_inputs(windows, series, span, static_cast<std::size_t>((span - dense) / interval),
               static_cast<std::size_t>(1h / interval));
    label_list labels{{"job", job}};
    const label_list by = group_labels(slo.by, 0);
    labels.insert(labels.end(), by.begin(), by.end());
    const std::string level_text = level_name(level);
    std::vector<std::chrono::milliseconds> windows_checked;
    for (const burn_window& window : burn_windows) {
      for (const auto w : {window.short_window, window.long_window}) {
        if (std::find(windows_checked.begin(), windows_checked.end(), w) == windows_checked.end()) {
          windows_checked.push_back(w);
        }
      }
    }
    std::sort(windows_checked.begin(), windows_checked.end());
    for (const std::chrono::milliseconds w : windows_checked) {
      const std::string record =
          fmt::format("{}:slo_{}_errors:ratio_rate{}", level_text, slo.name, window_name(w));
      windows.expression_checks.push_back(
          {record, span, series_text(record, labels), error_ratio(series, span, w)});
      // The rate of all events, recorded for `min_rate` over the long windows.
      const std::string rate_record = fmt::format(
          "{}:{}:rate{}", level_text,
          selection_name(total_selection, event_series(*total_selection.metric)), window_name(w));
      if (plan_.recording(rate_record) != nullptr) {
        windows.expression_checks.push_back(
            {rate_record, span, series_text(rate_record, labels), events_rate(series, span, w)});
      }
    }
    const std::string remaining =
        fmt::format("{}:slo_{}:error_budget_remaining", level_text, slo.name);
    windows.expression_checks.push_back(
        {remaining, span, series_text(remaining, labels),
         1 - error_ratio(series, span, slo.period) / slo.error_budget});
  }

  // Each burn-rate alert just above and just below its threshold: the error ratio of the long
  // window is on one side of it for a day (or the last long window of the day).
  const std::chrono::milliseconds span = 24h;
  for (std::size_t i = 0; i < burn_windows.size(); ++i) {
    const burn_window& window = burn_windows[i];
    const std::chrono::milliseconds burst = std::min(window.long_window, span);
    const double threshold = burn_factor(window, slo.period) * slo.error_budget;
    for (const double side : {1 + margin, 1 - margin}) {
      const std::vector<traffic_phase> traffic{
          {span - burst, slo_test_rate, 0},
          {burst, slo_test_rate, std::round(slo_test_rate * threshold * side)}};
      const std::vector<slo_series> series = group_series(0, traffic);
      test_case& test =
          add_case(fmt::format("SLO {}: errors {} % {} the {} and {} burn threshold", slo.name,
                               promql::format_number(margin * 100), side > 1 ? "above" : "below",
                               window_name(window.long_window), window_name(window.short_window)),
                   interval);
      add_inputs(test, series, span);
      if (side > 1 && i == 0 && !slo.by.empty()) {
        add_inputs(test, group_series(1, {{span, slo_test_rate, 0}}), span);
      }
      test.checks.push_back({alertname, span, burning(series, span)});
    }
  }

  if (slo.min_rate) {
    const burn_window& page = burn_windows.front();
    const double low = *slo.min_rate / 2;
    const double threshold = burn_factor(page, slo.period) * slo.error_budget;
    const std::vector<slo_series> series =
        group_series(0, {{span - page.long_window, low, 0},
                         {page.long_window, low, low * std::min(1.0, threshold * 4)}});
    test_case& little =
        add_case(fmt::format("SLO {}: a fast burn below {} events per second fires nothing",
                             slo.name, promql::format_number(*slo.min_rate)),
                 interval);
    add_inputs(little, series, span);
    little.checks.push_back({alertname, span, burning(series, span)});
  }

  // Missing events: the absent alert after its `for`.
  const std::string absent_name = camel_case(slo.name) + "EventsAbsent";
  const alerting_rule& absent_rule = *plan_.alerting_rules(absent_name).front();
  test_case& missing =
      add_case(fmt::format("SLO {}: missing events are an alert", slo.name), interval);
  const std::chrono::milliseconds fires = evaluation_at(absent_rule.for_duration);
  missing.inputs.push_back(
      {series_text("up", {{"job", job}, {"instance", std::string{test_instance}}}),
       expanding_notation(constant_samples(1, interval, fires))});
  label_list absent_labels{{"job", job}};
  for (const value_match& match : total_selection.match) {
    if (match.values.size() == 1) absent_labels.emplace_back(match.label.name, match.values[0]);
  }
  missing.checks.push_back({absent_name, fires - interval, {}});
  missing.checks.push_back({absent_name, fires, {expect(absent_rule, absent_labels, 1)}});
}

}  // namespace schemetric::codegen::rules
