// The metric reference's sections about rules: alerts, SLOs and recording rules.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "promql/expression.hpp"

#include "emit/docs/docs_emitter.hpp"
#include "emit/docs/sections.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::docs {
namespace {

std::string alert_link(std::string_view name) {
  return fmt::format("[{}](#{})", name, heading_anchor(fmt::format("Alert {}", name)));
}

std::string slo_link(std::string_view name) {
  return fmt::format("[{}](#{})", code_span(name), heading_anchor(fmt::format("SLO {}", name)));
}

// `series{label=value}` of a selection, by default of the series that counts its events.
std::string selection_text(const series_selection& selection, std::string_view series = {}) {
  std::string text = series.empty() ? rules::event_series(*selection.metric) : std::string{series};
  if (!selection.match.empty()) {
    text += '{';
    for (std::size_t i = 0; i < selection.match.size(); ++i) {
      const value_match& match = selection.match[i];
      if (i > 0) text += ", ";
      text += match.label.name + (match.values.size() == 1 ? "=" : " in ");
      for (std::size_t v = 0; v < match.values.size(); ++v) {
        text += (v > 0 ? "|" : "") + match.values[v];
      }
    }
    text += '}';
  }
  return code_span(text);
}

std::string comparison_text(const alert_definition& alert) {
  return fmt::format("{} {}", alert.compare == comparison::above ? "above" : "below",
                     promql::format_number(alert.threshold));
}

// What an alert watches and when it fires, in one line.
std::string condition(const alert_definition& alert) {
  return std::visit(
      [&](const auto& indicator) -> std::string {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          std::string text = fmt::format(
              "the ratio of {} to {} over {} is {}", selection_text(indicator.numerator),
              selection_text(indicator.denominator), promql::format_duration(alert.window),
              comparison_text(alert));
          if (indicator.tracker.given()) {
            text += fmt::format(" (the failures of tracker {})", code_span(indicator.tracker.name));
          }
          if (alert.min_rate) {
            text += fmt::format(", while the denominator is at least {} per second",
                                promql::format_number(*alert.min_rate));
          }
          return text;
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          return fmt::format("the {} quantile of {} over {} is {}",
                             promql::format_number(indicator.quantile),
                             selection_text(indicator.histogram, indicator.histogram.metric->name),
                             promql::format_duration(alert.window), comparison_text(alert));
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          if (!indicator.divided_by.given()) {
            return fmt::format("{} is {}", selection_text(indicator.gauge), comparison_text(alert));
          }
          return fmt::format("{} divided by {} is {}", selection_text(indicator.gauge),
                             selection_text(indicator.divided_by), comparison_text(alert));
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          return fmt::format("{} is in state {}", selection_text(indicator.stateset),
                             code_span(indicator.state));
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          if (!indicator.metric.given()) return "the scrape target is down or missing";
          return fmt::format("{} has no series", selection_text(indicator.metric));
        } else {
          return "its expression (below) has a result";
        }
      },
      alert.indicator);
}

std::string expression_block(const promql::expression& expr) {
  return fmt::format("```promql\n{}\n```\n\n", expr.text_multiline());
}

std::string minutes_text(double minutes) {
  return fmt::format("{:.4g} minutes", minutes);
}

}  // namespace

std::string readers_of(const schema& model, const rules::rule_plan& plan,
                       const metric_definition& metric) {
  std::vector<std::string> alerts;
  std::vector<std::string> slos;
  std::vector<std::string> recordings;
  for (const rules::rule_group& group : plan.groups) {
    for (const rules::rule& entry : group.rules) {
      if (const auto* recording = std::get_if<rules::recording_rule>(&entry)) {
        const bool reads = std::find(recording->reads.begin(), recording->reads.end(), &metric) !=
                           recording->reads.end();
        const std::string name = code_span(recording->record);
        if (reads && std::find(recordings.begin(), recordings.end(), name) == recordings.end()) {
          recordings.push_back(name);
        }
        continue;
      }
      const auto& alerting = std::get<rules::alerting_rule>(entry);
      if (std::find(alerting.reads.begin(), alerting.reads.end(), &metric) ==
          alerting.reads.end()) {
        continue;
      }
      if (alerting.alert_source != nullptr) {
        alerts.push_back(alert_link(alerting.alert));
      } else if (const std::string link = slo_link(alerting.slo_source->name);
                 std::find(slos.begin(), slos.end(), link) == slos.end()) {
        slos.push_back(link);
      }
    }
  }
  (void)model;
  std::string text;
  const auto line = [&](std::string_view what, const std::vector<std::string>& items) {
    if (items.empty()) return;
    text += fmt::format("- Read by {}: ", what);
    for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
    text += "\n";
  };
  line("alerts", alerts);
  line("SLOs", slos);
  line("recording rules", recordings);
  return text;
}

std::string alerts_section(const schema& model, const rules::rule_plan& plan) {
  std::string text = "## Alerts\n\n";
  if (model.alerts.empty()) return text + "None in the schema; SLOs add theirs below.\n\n";
  text += "| alert | severity | for | fires when |\n|---|---|---|---|\n";
  for (const alert_definition& alert : model.alerts) {
    text += fmt::format("| {} | {} | {} | {} |\n", alert_link(alert.name), to_string(alert.level),
                        promql::format_duration(alert.for_duration), condition(alert));
  }
  text += "\n";
  for (const alert_definition& alert : model.alerts) {
    const rules::alerting_rule& rule = *plan.alerting_rules(alert.name).front();
    text += fmt::format("### Alert {}\n\n{}\n\n", alert.name, markdown_text(alert.summary));
    text += fmt::format("- Severity: **{}**; fires when {} for {}\n", to_string(alert.level),
                        condition(alert), promql::format_duration(alert.for_duration));
    if (!alert.by.empty()) {
      std::vector<std::string> labels;
      for (const reference<label_definition>& label : alert.by) labels.push_back(label.name);
      text += fmt::format("- One alert per job and {}\n", fmt::join(labels, ", "));
    }
    text += fmt::format("- Description: {}\n", code_span(alert.description));
    if (evaluated_in_process(alert.kind())) {
      const std::string variable = "SCHEMETRIC_ALERT_" + environment_name(alert.name);
      text += fmt::format(
          "- In process (`schemetric::alerting::evaluator`): evaluated; `{}_THRESHOLD`, `{}_FOR` "
          "and `{}_ENABLED` override its threshold, `for` and enablement at start-up\n\n",
          variable, variable, variable);
    } else {
      text += "- In process: not evaluated (it needs Prometheus)\n\n";
    }
    text += expression_block(rule.expr);
    if (!alert.runbook.empty())
      text += fmt::format("**Runbook.** {}\n\n", markdown_text(alert.runbook));
  }
  return text;
}

std::string slos_section(const schema& model, const rules::rule_plan& plan) {
  std::string text = "## SLOs\n\n";
  if (model.slos.empty()) return text + "None.\n\n";
  for (const slo_definition& slo : model.slos) {
    text += fmt::format("### SLO {}\n\n", slo.name);
    if (!slo.help.empty()) text += markdown_text(slo.help) + "\n\n";
    const double period_minutes = std::chrono::duration<double, std::ratio<60>>(slo.period).count();
    text += fmt::format(
        "- Objective: {:.12g} % of events good over {}: an error budget of {:.12g} %, {} of "
        "total failure per {}\n",
        slo.objective_percent, promql::format_duration(slo.period), slo.error_budget * 100,
        minutes_text(slo.error_budget * period_minutes), promql::format_duration(slo.period));
    if (const auto* ratio = std::get_if<slo_ratio>(&slo.sli)) {
      text += fmt::format("- Bad events: {} of all events {}{}\n", selection_text(ratio->errors),
                          selection_text(ratio->total),
                          ratio->tracker.given() ? fmt::format(" (the failures of tracker {})",
                                                               code_span(ratio->tracker.name))
                                                 : std::string{});
    } else {
      const auto& latency = std::get<slo_latency>(slo.sli);
      text += fmt::format("- Bad events: observations of {} above {}\n",
                          selection_text(latency.histogram, latency.histogram.metric->name),
                          promql::format_number(latency.threshold));
    }
    if (!slo.by.empty()) {
      std::vector<std::string> labels;
      for (const reference<label_definition>& label : slo.by) labels.push_back(label.name);
      text += fmt::format("- One objective per job and {}\n", fmt::join(labels, ", "));
    }
    if (slo.min_rate) {
      text += fmt::format("- No burn-rate alert while fewer than {} events per second happen\n",
                          promql::format_number(*slo.min_rate));
    }
    text += "\n| alert | severity | windows | burn rate | budget spent in the long window |\n";
    text += "|---|---|---|---|---|\n";
    const std::string burn = rules::camel_case(slo.name) + "ErrorBudgetBurn";
    for (const rules::burn_window& window : rules::burn_windows) {
      text += fmt::format(
          "| {} | {} | {} and {} | {} | {} % |\n", burn, to_string(window.level),
          promql::format_duration(window.long_window), promql::format_duration(window.short_window),
          promql::format_number(rules::burn_factor(window, slo.period)), window.budget_percent);
    }
    const std::string absent = rules::camel_case(slo.name) + "EventsAbsent";
    if (const auto rules = plan.alerting_rules(absent); !rules.empty()) {
      text += fmt::format("| {} | warning | no events for {} | | |\n\n", absent,
                          promql::format_duration(rules.front()->for_duration));
    }
  }
  return text;
}

std::string recordings_section(const rules::rule_plan& plan) {
  std::string text = "## Recording rules\n\n| group | record | labels | expression |\n";
  text += "|---|---|---|---|\n";
  for (const rules::rule_group& group : plan.groups) {
    for (const rules::rule& entry : group.rules) {
      const auto* recording = std::get_if<rules::recording_rule>(&entry);
      if (recording == nullptr) continue;
      std::string labels;
      for (const auto& [name, value] : recording->labels) {
        labels += fmt::format("{}{}", labels.empty() ? "" : ", ", code_span(name + "=" + value));
      }
      text += fmt::format("| {} | {} | {} | {} |\n", code_span(group.name),
                          code_span(recording->record), labels, code_span(recording->expr.text()));
    }
  }
  return text + "\n";
}

}  // namespace schemetric::codegen::docs
