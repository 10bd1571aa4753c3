// Alerts on the dashboard: each alert's threshold is drawn on the panels that show what it
// watches (the same quantity key); a state alert colours its state; an alert whose quantity no
// panel shows gets a panel of its own, next to the metric it reads.
#include <fmt/format.h>

#include "emit/dashboard/panels.hpp"
#include "emit/dashboard/queries.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::dashboard {
namespace {

using promql::expression;

std::string event_name(const series_selection& selection) {
  return rules::selection_name(selection, rules::event_series(*selection.metric));
}

std::vector<std::string> by_names(const alert_definition& alert) {
  std::vector<std::string> names;
  for (const reference<label_definition>& label : alert.by) names.push_back(label.name);
  return names;
}

// "fires above 5 % for 5m"
std::string condition_text(const alert_definition& alert, bool percent) {
  const std::string value =
      percent ? percent_text(alert.threshold) : promql::format_number(alert.threshold);
  std::string text = fmt::format("{} fires {} {}", alert.name,
                                 alert.compare == comparison::above ? "above" : "below", value);
  if (alert.for_duration.count() > 0) {
    text += fmt::format(" for {}", promql::format_duration(alert.for_duration));
  }
  return text;
}

// The panel of an alert whose quantity no other panel shows: the quantity computed from the
// metrics with the dashboard's variables.
std::optional<alert_panel> own_panel(const alert_definition& alert) {
  const std::vector<std::string> by = by_names(alert);
  panel_spec spec = new_panel(alert.name, fmt::format("Alert {}: {}", alert.name, alert.summary),
                              panel_type::timeseries, "short");
  const metric_definition* near = nullptr;
  if (const auto* ratio = std::get_if<ratio_indicator>(&alert.indicator)) {
    near = ratio->numerator.metric.target;
    spec.unit = "percentunit";
    spec.queries.push_back(
        {expression::binary(
             "/", rate_sum(rules::event_series(*ratio->numerator.metric), &ratio->numerator, by),
             rate_sum(rules::event_series(*ratio->denominator.metric), &ratio->denominator, by))
             .text(),
         legend(by, "", "ratio")});
  } else if (const auto* quantile = std::get_if<quantile_indicator>(&alert.indicator)) {
    near = quantile->histogram.metric.target;
    spec.unit = unit_of(*near);
    spec.queries.push_back({quantile_over(quantile->quantile, quantile->histogram, by).text(),
                            legend(by, percentile_name(quantile->quantile))});
  } else if (const auto* gauge = std::get_if<gauge_indicator>(&alert.indicator)) {
    near = gauge->gauge.metric.target;
    std::vector<std::string> level{"instance"};
    level.insert(level.end(), by.begin(), by.end());
    expression value = expression::aggregate(
        "sum", level, scoped_series(gauge->gauge.metric->name, &gauge->gauge));
    if (gauge->divided_by.given()) {
      // As the rule does: a divisor without the `by` labels is matched per instance.
      const metric_definition& divisor = *gauge->divided_by.metric;
      bool has_level = true;
      for (const std::string& label : by) has_level = has_level && divisor.has_label(label);
      promql::vector_matching matching;
      if (!has_level) matching = {promql::vector_matching::kind::on, {"instance"}, true};
      value = expression::binary(
          "/", value,
          expression::aggregate("sum", has_level ? level : std::vector<std::string>{"instance"},
                                scoped_series(divisor.name, &gauge->divided_by)),
          matching);
      spec.unit = "percentunit";
    } else {
      spec.unit = unit_of(*near);
    }
    spec.queries.push_back({value.text(), legend(level)});
  } else {
    return std::nullopt;
  }
  spec.shows = quantity_of(alert);
  spec.description = fmt::format("What alert {} watches, for the instances selected.", alert.name);
  return alert_panel{std::move(spec), near};
}

void draw(panel_spec& panel, const alert_definition& alert) {
  panel.thresholds.push_back({alert.threshold, severity_color(alert.level),
                              alert.compare == comparison::below,
                              fmt::format("alert {}", alert.name)});
  panel.description +=
      fmt::format(" Alert {}.", condition_text(alert, panel.unit == "percentunit"));
}

// Colours the state a state alert watches with the alert's severity.
bool colour_state(panel_spec& panel, const alert_definition& alert) {
  const auto& state = std::get<state_indicator>(alert.indicator);
  bool found = false;
  for (state_mapping& mapping : panel.states) {
    if (mapping.text != state.state) continue;
    mapping.color = severity_color(alert.level);
    found = true;
  }
  if (found)
    panel.description += fmt::format(" Alert {} fires in state {}.", alert.name, state.state);
  return found;
}

}  // namespace

std::string severity_color(severity level) {
  switch (level) {
    case severity::critical:
      return "red";
    case severity::warning:
      return "orange";
    case severity::info:
      return "blue";
  }
  return "red";
}

quantity_key ratio_key(const series_selection& numerator, const series_selection& denominator) {
  return fmt::format("ratio:{}/{}", event_name(numerator), event_name(denominator));
}

quantity_key quantile_key(const series_selection& histogram) {
  return "quantile:" + rules::selection_name(histogram, histogram.metric->name);
}

quantity_key gauge_key(const series_selection& gauge, const series_selection* divided_by) {
  std::string key = "gauge:" + rules::selection_name(gauge, gauge.metric->name);
  if (divided_by != nullptr && divided_by->given()) {
    key += "/" + rules::selection_name(*divided_by, divided_by->metric->name);
  }
  return key;
}

quantity_key quantity_of(const alert_definition& alert) {
  return std::visit(
      [&](const auto& indicator) -> quantity_key {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          return ratio_key(indicator.numerator, indicator.denominator);
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          return quantile_key(indicator.histogram);
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          return gauge_key(indicator.gauge, &indicator.divided_by);
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          return "state:" + indicator.stateset.metric->name;
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          return indicator.metric.given() ? quantity_key{} : quantity_key{"target"};
        } else {
          return {};
        }
      },
      alert.indicator);
}

std::vector<alert_panel> apply_alerts(const build_context& context, std::vector<row_spec>& rows) {
  std::vector<alert_panel> extra;
  for (const alert_definition& alert : context.model().alerts) {
    const quantity_key key = quantity_of(alert);
    if (key.empty()) continue;
    bool shown = false;
    for (row_spec& row : rows) {
      for (panel_spec& panel : row.panels) {
        if (panel.shows != key) continue;
        if (alert.kind() == alert_kind::state) {
          shown = colour_state(panel, alert) || shown;
        } else if (alert.kind() == alert_kind::absent) {
          panel.thresholds.push_back(
              {1, severity_color(alert.level), true, fmt::format("alert {}", alert.name)});
          panel.description += fmt::format(" Alert {} fires when a target is down.", alert.name);
          shown = true;
        } else {
          draw(panel, alert);
          shown = true;
        }
      }
    }
    if (shown) continue;
    if (std::optional<alert_panel> own = own_panel(alert)) {
      draw(own->panel, alert);
      extra.push_back(std::move(*own));
    }
  }
  return extra;
}

}  // namespace schemetric::codegen::dashboard
