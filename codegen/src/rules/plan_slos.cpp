// The rules of an SLO: its error ratio over each window of its burn-rate alerts and over its
// period, the error budget remaining, the multiwindow multi-burn-rate alerts (Google SRE
// workbook), and an alert when its events are not reported at all.
#include <set>

#include <fmt/format.h>

#include "rules/plan_builder.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::rules {
namespace {

using promql::expression;
using namespace std::chrono_literals;

constexpr std::chrono::milliseconds absent_for = 10min;

// "99.9", "99": a percentage as people write it.
std::string percent_text(double percent) {
  return fmt::format("{:.12g}", percent);
}

const series_selection& total_events(const slo_definition& slo) {
  if (const auto* ratio = std::get_if<slo_ratio>(&slo.sli)) return ratio->total;
  return std::get<slo_latency>(slo.sli).histogram;
}

// " for route={{ $labels.route }}" for an SLO split by labels, else "".
std::string by_text(const slo_definition& slo) {
  std::string text;
  for (const reference<label_definition>& label : slo.by) {
    text += fmt::format("{}{}={{{{ $labels.{} }}}}", text.empty() ? " for " : ", ", label.name,
                        label.name);
  }
  return text;
}

}  // namespace

std::string plan_builder::slo_error_ratio_name(const slo_definition& slo,
                                               std::span<const std::string> level,
                                               std::chrono::milliseconds window) {
  return fmt::format("{}:slo_{}_errors:ratio_rate{}", level_name(level), slo.name,
                     window_name(window));
}

expression plan_builder::slo_error_ratio(const slo_definition& slo,
                                         std::span<const std::string> level,
                                         std::chrono::milliseconds window) {
  const std::string record = slo_error_ratio_name(slo, level, window);
  expression ratio = expression::number(0);
  std::vector<const metric_definition*> reads;
  if (const auto* sli = std::get_if<slo_ratio>(&slo.sli)) {
    ratio = expression::binary("/", event_rate(sli->errors, job_, level, window),
                               event_rate(sli->total, job_, level, window));
    reads = {sli->errors.metric.target, sli->total.metric.target};
  } else {
    // The events slower than the threshold: all events minus those in its bucket.
    const auto& latency = std::get<slo_latency>(slo.sli);
    const metric_definition& histogram = *latency.histogram.metric;
    const expression all = event_rate(latency.histogram, job_, level, window);
    const expression fast = expression::aggregate(
        "sum", {level.begin(), level.end()},
        expression::call(
            "rate", {select(histogram.name + "_bucket", latency.histogram, job_,
                            {{"le", promql::match_op::equal, bucket_bound_text(latency.threshold)}},
                            window)}));
    ratio = expression::binary("/", expression::binary("-", all, fast), all);
    reads = {&histogram};
  }
  add_recording({record, std::move(ratio), {}, std::move(reads)});
  return expression::selector(record);
}

void plan_builder::plan_slo(const slo_definition& slo) {
  start_group(fmt::format("{}.slo.{}", model_.name, slo.name));
  const std::vector<std::string> level = level_labels(slo.by, false);
  const std::string level_text = level_name(level);
  std::set<std::chrono::milliseconds> windows;
  for (const burn_window& window : burn_windows) {
    windows.insert(window.short_window);
    windows.insert(window.long_window);
  }
  windows.insert(slo.period);
  slo_recordings recorded{&slo, level, {}, {}};
  for (const std::chrono::milliseconds window : windows) {
    slo_error_ratio(slo, level, window);
    recorded.error_ratios.emplace_back(window, slo_error_ratio_name(slo, level, window));
  }

  // The budget left: the share of the period's budget the period's errors have not spent.
  const expression period_ratio = slo_error_ratio(slo, level, slo.period);
  recorded.budget_remaining = fmt::format("{}:slo_{}:error_budget_remaining", level_text, slo.name);
  plan_.slos.push_back(std::move(recorded));
  add_recording({fmt::format("{}:slo_{}:error_budget_remaining", level_text, slo.name),
                 expression::binary(
                     "-", expression::number(1),
                     expression::binary("/", period_ratio, expression::number(slo.error_budget))),
                 {},
                 {total_events(slo).metric.target}});

  const std::string name = camel_case(slo.name);
  const std::string objective = percent_text(slo.objective_percent);
  const std::string period = window_name(slo.period);
  for (const burn_window& window : burn_windows) {
    const double factor = burn_factor(window, slo.period);
    const auto over = [&](std::chrono::milliseconds span) {
      return expression::binary(">", slo_error_ratio(slo, level, span),
                                expression::binary("*", expression::number(factor),
                                                   expression::number(slo.error_budget)));
    };
    expression fired =
        expression::binary("and", over(window.long_window), over(window.short_window));
    if (slo.min_rate) {
      fired = expression::binary(
          "and", std::move(fired),
          expression::binary(">=", rate_recording(total_events(slo), level, window.long_window),
                             expression::number(*slo.min_rate)));
    }
    const std::string long_text = window_name(window.long_window);
    const std::string short_text = window_name(window.short_window);
    current_->rules.emplace_back(alerting_rule{
        name + "ErrorBudgetBurn",
        std::move(fired),
        0ms,
        {{"severity", std::string(to_string(window.level))},
         {"slo", slo.name},
         {"long_window", long_text},
         {"short_window", short_text}},
        fmt::format("SLO {} burns its error budget fast enough to spend {}% of it in {}.", slo.name,
                    window.budget_percent, long_text),
        fmt::format("{{{{ $value | humanizePercentage }}}} of the events of {{{{ $labels.job }}}}"
                    "{} failed in the last {} (and in the last {}): {} times the rate that "
                    "spends the whole error budget of SLO {} ({}% over {}) in {}.",
                    by_text(slo), long_text, short_text, promql::format_number(factor), slo.name,
                    objective, period, period),
        runbook_url("slo-" + lowercase(slo.name)),
        nullptr,
        &slo,
        {total_events(slo).metric.target}});
  }

  const series_selection& total = total_events(slo);
  current_->rules.emplace_back(alerting_rule{
      name + "EventsAbsent",
      expression::call("absent", {select(event_series(*total.metric), total, job_)}),
      absent_for,
      {{"severity", "warning"}, {"slo", slo.name}},
      fmt::format("The events of SLO {} are not reported.", slo.name),
      fmt::format("Prometheus has had no series {} of job {{{{ $labels.job }}}} for {}: SLO {} "
                  "cannot be measured and its burn-rate alerts cannot fire.",
                  event_series(*total.metric), window_name(absent_for), slo.name),
      runbook_url("slo-" + lowercase(slo.name)),
      nullptr,
      &slo,
      {total.metric.target}});
}

void plan_builder::plan_slos() {
  for (const slo_definition& slo : model_.slos) plan_slo(slo);
}

}  // namespace schemetric::codegen::rules
