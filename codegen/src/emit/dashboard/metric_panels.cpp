// The panels of a metric no tracker shows, chosen by its type: counters as rates by their main
// labels, gauges as series (or a stat when unlabelled), histograms as quantiles and a heatmap,
// summaries as their quantiles, statesets as a state timeline, info metrics as a table; and
// whether the scrape targets are up.
#include <fmt/format.h>

#include "emit/dashboard/panels.hpp"
#include "emit/dashboard/queries.hpp"

namespace schemetric::codegen::dashboard {
namespace {

using promql::expression;
using promql::match_op;

constexpr std::array<double, 3> quantiles{0.5, 0.95, 0.99};

// "Rate limit violations" from rate_limit_violations_total.
std::string humanize(std::string_view name) {
  std::string text{name};
  if (text.ends_with("_total")) text.resize(text.size() - 6);
  for (char& c : text) c = c == '_' ? ' ' : c;
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string with_split(std::string title, std::span<const std::string> split) {
  if (split.empty()) return title;
  return fmt::format("{} by {}", title, fmt::join(split, ", "));
}

// A gauge holding a point in time (a start time, the time of the last success).
bool is_timestamp(const metric_definition& metric) {
  return metric.unit == "seconds" &&
         (metric.name.ends_with("_time_seconds") || metric.name.ends_with("_timestamp_seconds"));
}

std::string state_color(std::string_view state) {
  if (state == "healthy") return "green";
  if (state == "degraded") return "orange";
  if (state == "unhealthy") return "red";
  return "text";
}

panel_spec counter_panel(const build_context& context, const metric_definition& metric) {
  const std::vector<std::string> split = context.split(metric.name, main_labels(metric));
  panel_spec spec = new_panel(metric.name, with_split(humanize(metric.name), split),
                              panel_type::timeseries, rate_unit_of(metric));
  spec.description = fmt::format("{} Per second, from {}.", metric.help, metric.name);
  const series_selection all = whole(metric);
  spec.queries.push_back({rate_sum(metric.name, &all, split).text(), legend(split, "", "all")});
  spec.splittable_by = {&metric};
  return spec;
}

panel_spec gauge_panel(const build_context& context, const metric_definition& metric) {
  if (is_timestamp(metric)) {
    panel_spec spec =
        new_panel(metric.name, humanize(metric.name), panel_type::stat, "dateTimeFromNow");
    spec.description = fmt::format("{} The latest of the instances selected.", metric.help);
    // Grafana's date units read milliseconds since the epoch.
    spec.queries.push_back(
        {expression::binary("*", expression::aggregate("max", {}, scoped_series(metric.name)),
                            expression::number(1000))
             .text(),
         "latest"});
    spec.shows = gauge_key(whole(metric));
    return spec;
  }
  const std::vector<std::string> split = context.split(metric.name, label_names(metric));
  const panel_type type = metric.labels.empty() ? panel_type::stat : panel_type::timeseries;
  panel_spec spec =
      new_panel(metric.name, with_split(humanize(metric.name), split), type, unit_of(metric));
  spec.description =
      fmt::format("{} Summed over the instances selected, from {}.", metric.help, metric.name);
  spec.queries.push_back({expression::aggregate("sum", split, scoped_series(metric.name)).text(),
                          legend(split, "", "total")});
  spec.shows = gauge_key(whole(metric));
  spec.splittable_by = {&metric};
  return spec;
}

std::vector<panel_spec> histogram_panels(const build_context& context,
                                         const metric_definition& metric) {
  const std::vector<std::string> split = context.split(metric.name, {});
  panel_spec spec = new_panel(metric.name, with_split(humanize(metric.name), split),
                              panel_type::timeseries, unit_of(metric));
  spec.description =
      fmt::format("50th, 95th and 99th percentiles of {}. {}", metric.name, metric.help);
  for (const double quantile : quantiles) {
    spec.queries.push_back({quantile_over(quantile, whole(metric), split).text(),
                            legend(split, percentile_name(quantile))});
  }
  spec.shows = quantile_key(whole(metric));
  spec.splittable_by = {&metric};

  panel_spec heatmap =
      new_panel(metric.name + ".heatmap", fmt::format("{}: distribution", humanize(metric.name)),
                panel_type::heatmap, unit_of(metric));
  heatmap.fixed_type = true;
  heatmap.description =
      fmt::format("Observations per second in each bucket of {}. {}", metric.name, metric.help);
  const series_selection all = whole(metric);
  heatmap.queries.push_back(
      {rate_sum(metric.name + "_bucket", &all, {"le"}).text(), "{{le}}", "heatmap"});
  return {std::move(spec), std::move(heatmap)};
}

panel_spec summary_panel(const build_context& context, const metric_definition& metric) {
  std::vector<std::string> split{"quantile", "instance"};
  const std::vector<std::string> labels = context.split(metric.name, main_labels(metric));
  split.insert(split.end(), labels.begin(), labels.end());
  panel_spec spec =
      new_panel(metric.name, humanize(metric.name), panel_type::timeseries, unit_of(metric));
  spec.description = fmt::format(
      "{} The quantiles each instance computes over its sliding window (summaries cannot be "
      "aggregated across instances).",
      metric.help);
  spec.queries.push_back(
      {expression::aggregate("max", split, scoped_series(metric.name)).text(), legend(split)});
  spec.splittable_by = {&metric};
  return spec;
}

panel_spec stateset_panel(const build_context& context, const metric_definition& metric) {
  std::vector<std::string> split{"instance"};
  const std::vector<std::string> labels = context.split(metric.name, label_names(metric));
  split.insert(split.end(), labels.begin(), labels.end());
  // The index of the state that is set: each state's series times its index, of which only the
  // set one is not 0.
  std::optional<expression> states;
  panel_spec spec =
      new_panel(metric.name, humanize(metric.name), panel_type::state_timeline, "none");
  for (std::size_t i = 0; i < metric.states.size(); ++i) {
    const std::string& state = metric.states[i].text;
    expression indexed = expression::binary(
        "*", scoped_series(metric.name, nullptr, {{metric.name, match_op::equal, state}}),
        expression::number(static_cast<double>(i)));
    states = states ? expression::binary("or", *states, indexed) : indexed;
    spec.states.push_back({static_cast<int>(i), state, state_color(state)});
  }
  spec.fixed_type = true;
  spec.shows = "state:" + metric.name;
  spec.description =
      fmt::format("{} The state each instance reports, from {}.", metric.help, metric.name);
  if (states) {
    spec.queries.push_back({expression::aggregate("max", split, *states).text(), legend(split)});
  }
  spec.splittable_by = {&metric};
  return spec;
}

panel_spec info_panel(const metric_definition& metric) {
  panel_spec spec = new_panel(metric.name, humanize(metric.name), panel_type::table, "none");
  spec.width = 24;
  spec.height = 6;
  spec.description = fmt::format("{} One line per instance, from {}.", metric.help, metric.name);
  spec.queries.push_back({scoped_series(metric.name).text(), "", "table", true});
  return spec;
}

}  // namespace

std::vector<panel_spec> metric_panels(const build_context& context,
                                      const metric_definition& metric) {
  switch (metric.kind) {
    case metric_kind::counter:
      return {counter_panel(context, metric)};
    case metric_kind::gauge:
      return {gauge_panel(context, metric)};
    case metric_kind::histogram:
      return histogram_panels(context, metric);
    case metric_kind::summary:
      return {summary_panel(context, metric)};
    case metric_kind::stateset:
      return {stateset_panel(context, metric)};
    case metric_kind::info:
      return {info_panel(metric)};
  }
  return {};
}

panel_spec targets_panel(const build_context& /*context*/) {
  panel_spec spec = new_panel("targets", "Targets up", panel_type::stat, "none");
  spec.description =
      "Whether Prometheus reached each instance at its last scrape (up is 1), one per instance.";
  spec.queries.push_back({scoped_series("up").text(), "{{instance}}"});
  spec.states = {{0, "down", "red"}, {1, "up", "green"}};
  spec.shows = "target";
  return spec;
}

}  // namespace schemetric::codegen::dashboard
