// The rule plan: trackers' recordings, the schema's alerts with the recordings they read, and
// each SLO's group (rules/plan_slos.cpp).
#include "rules/plan.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "rules/plan_builder.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::rules {
namespace {

using promql::expression;
using namespace std::chrono_literals;

// The quantiles recorded for every tracker's duration, for dashboards.
constexpr std::array tracker_quantiles{0.5, 0.95, 0.99};
constexpr std::chrono::milliseconds tracker_window = 5min;

std::string quantile_text(double quantile) {
  return promql::format_number(quantile);
}

expression compare(expression value, comparison compare, double threshold) {
  return expression::binary(compare == comparison::above ? ">" : "<", std::move(value),
                            expression::number(threshold));
}

}  // namespace

// --- recordings shared by trackers and alerts ------------------------------------------------

expression plan_builder::ratio_recording(const series_selection& numerator,
                                         const series_selection& denominator,
                                         std::span<const std::string> level,
                                         std::chrono::milliseconds window) {
  const std::string record = fmt::format(
      "{}:{}_per_{}:ratio_rate{}", level_name(level),
      selection_name(numerator, event_series(*numerator.metric)),
      selection_name(denominator, event_series(*denominator.metric)), window_name(window));
  add_recording({record,
                 expression::binary("/", event_rate(numerator, job_, level, window),
                                    event_rate(denominator, job_, level, window)),
                 {},
                 {numerator.metric.target, denominator.metric.target}});
  return expression::selector(record);
}

std::string plan_builder::record_rate(const series_selection& selection,
                                      std::span<const std::string> level,
                                      std::chrono::milliseconds window) {
  std::string record =
      fmt::format("{}:{}:rate{}", level_name(level),
                  selection_name(selection, event_series(*selection.metric)), window_name(window));
  add_recording(
      {record, event_rate(selection, job_, level, window), {}, {selection.metric.target}});
  return record;
}

expression plan_builder::rate_recording(const series_selection& selection,
                                        std::span<const std::string> level,
                                        std::chrono::milliseconds window) {
  return expression::selector(record_rate(selection, level, window));
}

std::string plan_builder::record_bucket_rate(const series_selection& histogram,
                                             std::span<const std::string> level,
                                             std::chrono::milliseconds window) {
  const std::string series = histogram.metric->name + "_bucket";
  std::vector<std::string> with_le(level.begin(), level.end());
  with_le.emplace_back("le");
  std::string buckets = fmt::format("{}:{}:rate{}", level_name(level),
                                    selection_name(histogram, series), window_name(window));
  add_recording(
      {buckets,
       expression::aggregate(
           "sum", with_le, expression::call("rate", {select(series, histogram, job_, {}, window)})),
       {},
       {histogram.metric.target}});
  return buckets;
}

expression plan_builder::quantile_recording(const series_selection& histogram, double quantile,
                                            std::span<const std::string> level,
                                            std::chrono::milliseconds window) {
  const std::string buckets = record_bucket_rate(histogram, level, window);
  const std::string record =
      fmt::format("{}:{}:quantile_rate{}", level_name(level),
                  selection_name(histogram, histogram.metric->name), window_name(window));
  const label_list labels{{"quantile", quantile_text(quantile)}};
  add_recording({record,
                 expression::call("histogram_quantile",
                                  {expression::number(quantile), expression::selector(buckets)}),
                 labels,
                 {histogram.metric.target}});
  return expression::selector(record, {{"quantile", promql::match_op::equal, labels[0].second}});
}

void plan_builder::add_recording(recording_rule recording) {
  const auto key = std::pair{recording.record, recording.labels};
  if (const auto it = recorded_.find(key); it != recorded_.end()) return;  // recorded already
  recorded_.emplace(key, recording.expr.text());
  current_->rules.emplace_back(std::move(recording));
}

void plan_builder::start_group(std::string name) {
  current_ = &plan_.groups.emplace_back(rule_group{std::move(name), {}});
}

// --- trackers --------------------------------------------------------------------------------

void plan_builder::plan_trackers() {
  const std::vector<std::string> level{"job"};
  const std::vector<std::string> instance_level{"job", "instance"};
  for (const tracker_definition& tracker : model_.trackers) {
    start_group(fmt::format("{}.tracker.{}", model_.name, tracker.name));
    tracker_recordings recorded{&tracker, {}, {}, {}};
    series_selection duration;
    duration.metric = tracker.metric(metric_role::duration);
    if (const auto ratio = tracker_failure_ratio(tracker)) {
      ratio_recording(ratio->failed, ratio->all, level, tracker_window);
      recorded.failed_rate = record_rate(ratio->failed, instance_level, tracker_window);
      recorded.all_rate = record_rate(ratio->all, instance_level, tracker_window);
    }
    for (const double quantile : tracker_quantiles) {
      quantile_recording(duration, quantile, level, tracker_window);
    }
    recorded.bucket_rate = record_bucket_rate(duration, instance_level, tracker_window);
    plan_.trackers.push_back(std::move(recorded));
  }
}

// --- alerts ----------------------------------------------------------------------------------

std::string plan_builder::runbook_url(std::string_view anchor) const {
  return fmt::format("{}{}.md#{}", model_.prometheus.runbook_base_url, model_.name, anchor);
}

expression plan_builder::alert_expression(const alert_definition& alert) {
  const std::vector<std::string> level = level_labels(alert.by, false);
  const std::vector<std::string> instance_level = level_labels(alert.by, true);
  return std::visit(
      [&](const auto& indicator) -> expression {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          expression fired = compare(
              ratio_recording(indicator.numerator, indicator.denominator, level, alert.window),
              alert.compare, alert.threshold);
          if (!alert.min_rate) return fired;
          return expression::binary(
              "and", std::move(fired),
              expression::binary(">=", rate_recording(indicator.denominator, level, alert.window),
                                 expression::number(*alert.min_rate)));
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          return compare(
              quantile_recording(indicator.histogram, indicator.quantile, level, alert.window),
              alert.compare, alert.threshold);
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          return compare(gauge_value(indicator, instance_level), alert.compare, alert.threshold);
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          const std::string& stateset = indicator.stateset.metric->name;
          return expression::binary(
              "==",
              expression::aggregate("max", instance_level,
                                    select(stateset, indicator.stateset, job_,
                                           {{stateset, promql::match_op::equal, indicator.state}})),
              expression::number(1));
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          if (!indicator.metric.given()) {
            const expression up =
                expression::selector("up", {{"job", promql::match_op::equal, job_}});
            return expression::binary("or", expression::binary("==", up, expression::number(0)),
                                      expression::call("absent", {up}));
          }
          return expression::call(
              "absent", {select(event_series(*indicator.metric.metric), indicator.metric, job_)});
        } else {
          return expression::raw(indicator.expr);
        }
      },
      alert.indicator);
}

expression plan_builder::gauge_value(const gauge_indicator& gauge,
                                     std::span<const std::string> level) {
  const expression value = expression::aggregate(
      "sum", {level.begin(), level.end()}, select(gauge.gauge.metric->name, gauge.gauge, job_));
  if (!gauge.divided_by.given()) return value;
  // A divisor without the `by` labels (a pool's maximum) is matched per instance.
  const metric_definition& divisor = *gauge.divided_by.metric;
  const bool has_level = std::all_of(level.begin() + 2, level.end(),
                                     [&](const std::string& l) { return divisor.has_label(l); });
  const std::vector<std::string> divisor_level =
      has_level ? std::vector<std::string>(level.begin(), level.end())
                : std::vector<std::string>{"job", "instance"};
  promql::vector_matching matching;
  if (!has_level) matching = {promql::vector_matching::kind::on, divisor_level, true};
  const std::string record = fmt::format("{}:{}_per_{}:ratio", level_name(level),
                                         selection_name(gauge.gauge, gauge.gauge.metric->name),
                                         selection_name(gauge.divided_by, divisor.name));
  add_recording(
      {record,
       expression::binary("/", value,
                          expression::aggregate("sum", divisor_level,
                                                select(divisor.name, gauge.divided_by, job_)),
                          matching),
       {},
       {gauge.gauge.metric.target, gauge.divided_by.metric.target}});
  return expression::selector(record);
}

void plan_builder::plan_alerts() {
  if (model_.alerts.empty()) return;
  start_group(fmt::format("{}.alerts", model_.name));
  for (const alert_definition& alert : model_.alerts) {
    const std::size_t before = current_->rules.size();
    alerting_rule rule{alert.name,
                       alert_expression(alert),
                       alert.for_duration,
                       {{"severity", std::string(to_string(alert.level))}},
                       alert.summary,
                       alert.description,
                       runbook_url("alert-" + lowercase(alert.name)),
                       &alert,
                       nullptr,
                       metrics_read(alert)};
    keep_group_small(before);
    current_->rules.emplace_back(std::move(rule));
  }
}

// A group holds at most 20 rules (mixtool's lint): when an alert and its new recordings would
// not fit, they move to a new group of their own.
void plan_builder::keep_group_small(std::size_t alert_start) {
  constexpr std::size_t most_rules = 20;
  if (current_->rules.size() + 1 <= most_rules) return;
  std::vector<rule> moved(std::make_move_iterator(current_->rules.begin() + alert_start),
                          std::make_move_iterator(current_->rules.end()));
  current_->rules.erase(current_->rules.begin() + alert_start, current_->rules.end());
  const std::size_t number = ++alert_groups_;
  start_group(fmt::format("{}.alerts.{}", model_.name, number + 1));
  current_->rules = std::move(moved);
}

std::vector<const metric_definition*> plan_builder::metrics_read(const alert_definition& alert) {
  std::vector<const metric_definition*> read;
  const auto add = [&](const series_selection& selection) {
    if (selection.given() && selection.metric.target != nullptr) {
      read.push_back(selection.metric.target);
    }
  };
  std::visit(
      [&](const auto& indicator) {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          add(indicator.numerator);
          add(indicator.denominator);
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          add(indicator.histogram);
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          add(indicator.gauge);
          add(indicator.divided_by);
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          add(indicator.stateset);
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          add(indicator.metric);
        }
      },
      alert.indicator);
  return read;
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// --- the plan --------------------------------------------------------------------------------

double burn_factor(const burn_window& window, std::chrono::milliseconds period) {
  // Integers until the one division, so that 30 days give exactly 14.4, 6, 3 and 1.
  return static_cast<double>(window.budget_percent * period.count()) /
         static_cast<double>(100 * window.long_window.count());
}

std::vector<const alerting_rule*> rule_plan::alerting_rules(std::string_view alert) const {
  std::vector<const alerting_rule*> found;
  for (const rule_group& group : groups) {
    for (const rule& entry : group.rules) {
      if (const auto* alerting = std::get_if<alerting_rule>(&entry);
          alerting != nullptr && alerting->alert == alert) {
        found.push_back(alerting);
      }
    }
  }
  return found;
}

const recording_rule* rule_plan::recording(std::string_view record,
                                           const label_list& labels) const {
  for (const rule_group& group : groups) {
    for (const rule& entry : group.rules) {
      if (const auto* recording = std::get_if<recording_rule>(&entry);
          recording != nullptr && recording->record == record && recording->labels == labels) {
        return recording;
      }
    }
  }
  return nullptr;
}

rule_plan plan_rules(const schema& model) {
  plan_builder builder(model);
  builder.plan_trackers();
  builder.plan_alerts();
  builder.plan_slos();
  return builder.take();
}

}  // namespace schemetric::codegen::rules
