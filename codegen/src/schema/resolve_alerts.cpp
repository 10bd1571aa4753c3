// Resolves what each alert reads and checks it: metric kinds for the alert's kind, labels and
// values, thresholds, `by:` labels, and the labels its description prints.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "promql/alert_template.hpp"
#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

constexpr std::array rate_kinds{metric_kind::counter, metric_kind::histogram, metric_kind::summary};
constexpr std::string_view rate_kinds_text =
    "a counter, or a histogram or summary (whose count is taken): a rate of events";
constexpr std::array histogram_kind{metric_kind::histogram};
constexpr std::array gauge_kind{metric_kind::gauge};
constexpr std::array stateset_kind{metric_kind::stateset};

// What one alert reads, for the `by:` check; null entries are not read.
using metrics_read = std::vector<const metric_definition*>;

const metric_definition* target_of(const series_selection& selection) {
  return selection.metric.target;
}

metrics_read resolve_ratio(alert_definition& alert, ratio_indicator& ratio,
                           const definitions_by_name& names, diagnostics& diags) {
  const std::string owner = fmt::format("alert '{}'", alert.name);
  if (ratio.tracker.given()) {
    if (auto derived = resolve_tracker_ratio(ratio.tracker, names, owner, diags)) {
      ratio.numerator = std::move(derived->failed);
      ratio.denominator = std::move(derived->all);
    }
  } else {
    resolve_selection(ratio.numerator, names,
                      {fmt::format("the 'numerator' of {}", owner), rate_kinds, rate_kinds_text},
                      diags);
    resolve_selection(ratio.denominator, names,
                      {fmt::format("the 'denominator' of {}", owner), rate_kinds, rate_kinds_text},
                      diags);
    check_part_of_whole(ratio.numerator, ratio.denominator,
                        fmt::format("the 'numerator' of {} selects", owner), "its 'denominator'",
                        diags);
  }
  if (alert.compare == comparison::above ? !(alert.threshold >= 0 && alert.threshold < 1)
                                         : !(alert.threshold > 0 && alert.threshold <= 1)) {
    diags.error(alert.threshold_position,
                fmt::format("the threshold of ratio alert '{}' is {}, which a ratio can never "
                            "cross this way; a ratio is between 0 and 1: write 5 % as 0.05",
                            alert.name, alert.threshold));
  }
  return {target_of(ratio.numerator), target_of(ratio.denominator)};
}

// histogram_quantile interpolates within the finite buckets, from 0 (or the first bound when
// it is not above 0) to the largest bound, which it gives for the +Inf bucket too: a threshold
// outside that range can never be crossed.
void check_quantile_threshold(const alert_definition& alert, const metric_definition& histogram,
                              diagnostics& diags) {
  if (histogram.buckets.empty()) return;
  const double lowest = std::min(0.0, histogram.buckets.front());
  const double highest = histogram.buckets.back();
  const bool above = alert.compare == comparison::above;
  if (above ? alert.threshold < highest : alert.threshold > lowest) return;
  diags.error(alert.threshold_position,
              fmt::format("alert '{}' can never fire: a quantile of histogram '{}' is never {} {} "
                          "(histogram_quantile gives values from {} to its largest bucket bound, "
                          "{}); {}",
                          alert.name, histogram.name, above ? "above" : "below", alert.threshold,
                          lowest, highest,
                          above ? "add a larger bucket bound or lower the threshold"
                                : "raise the threshold"));
}

metrics_read resolve_indicator(const schema& model, alert_definition& alert,
                               const definitions_by_name& names, diagnostics& diags) {
  const std::string owner = fmt::format("alert '{}'", alert.name);
  return std::visit(
      [&](auto& indicator) -> metrics_read {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          return resolve_ratio(alert, indicator, names, diags);
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          if (resolve_selection(indicator.histogram, names,
                                {fmt::format("the 'quantile' of {}", owner), histogram_kind,
                                 "a histogram (a summary's quantiles cannot be aggregated)"},
                                diags)) {
            check_quantile_threshold(alert, *indicator.histogram.metric, diags);
          }
          return {target_of(indicator.histogram)};
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          resolve_selection(indicator.gauge, names,
                            {fmt::format("the 'gauge' of {}", owner), gauge_kind, "a gauge"},
                            diags);
          if (indicator.divided_by.given()) {
            resolve_selection(indicator.divided_by, names,
                              {fmt::format("the 'divided_by' of {}", owner), gauge_kind, "a gauge"},
                              diags);
          }
          // The divisor is matched on the job alone when it lacks the `by` labels.
          return {target_of(indicator.gauge)};
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          if (resolve_selection(
                  indicator.stateset, names,
                  {fmt::format("the 'state' of {}", owner), stateset_kind, "a stateset"}, diags)) {
            const metric_definition& stateset = *indicator.stateset.metric;
            std::vector<std::string_view> states;
            for (const label_value& state : stateset.states) states.push_back(state.text);
            if (!indicator.state.empty() &&
                std::find(states.begin(), states.end(), indicator.state) == states.end()) {
              std::string hint = did_you_mean(indicator.state, states);
              if (hint.empty()) hint = fmt::format("; its states are {}", quoted_or_list(states));
              diags.error(indicator.state_position,
                          fmt::format("alert '{}' watches state '{}', which stateset '{}' does "
                                      "not have{}",
                                      alert.name, indicator.state, stateset.name, hint));
            }
          }
          return {target_of(indicator.stateset)};
        } else if constexpr (std::is_same_v<type, absent_indicator>) {
          if (indicator.metric.given()) {
            resolve_selection(indicator.metric, names,
                              {fmt::format("the 'absent' of {}", owner), {}, ""}, diags);
          }
          return {};
        } else {
          check_raw_alert(model, alert, indicator, names, diags);
          return {};
        }
      },
      alert.indicator);
}

// The description may print only labels the alert's series have: any other prints nothing.
void check_description_labels(const alert_definition& alert, diagnostics& diags) {
  if (alert.description.empty() || alert.kind() == alert_kind::expr) return;
  const std::vector<std::string> available = result_labels(alert);
  const auto parsed = promql::parse_alert_template(alert.description);
  const auto* description = std::get_if<promql::alert_template>(&parsed);
  if (description == nullptr) return;  // reported by the reader
  std::vector<std::string> reported;
  for (const std::string& name : description->label_names()) {
    if (std::find(available.begin(), available.end(), name) != available.end() ||
        std::find(reported.begin(), reported.end(), name) != reported.end()) {
      continue;
    }
    reported.push_back(name);
    std::vector<std::string_view> names(available.begin(), available.end());
    const bool splittable = alert.kind() != alert_kind::absent;
    diags.error(
        alert.description_position,
        fmt::format("the 'description' of alert '{}' prints label '{}', which its alerts "
                    "do not have (they have {}){}",
                    alert.name, name, quoted_and_list(names),
                    splittable ? fmt::format("; add '{}' to 'by' or print another label", name)
                               : std::string{"; print one of those"}));
  }
}

}  // namespace

void resolve_alerts(schema& model, const definitions_by_name& names, diagnostics& diags) {
  for (alert_definition& alert : model.alerts) {
    if (!alert.kind_known) continue;
    const metrics_read read = resolve_indicator(model, alert, names, diags);
    if (alert.kind() == alert_kind::absent || alert.kind() == alert_kind::expr) {
      for (const reference<label_definition>& label : alert.by) {
        diags.error(label.position, fmt::format("'by' is not allowed on {} alert '{}': {}",
                                                alert_kind_keywords.text(alert.kind()), alert.name,
                                                alert.kind() == alert_kind::absent
                                                    ? "an absent series has no labels to split by"
                                                    : "a raw expression says its own aggregation"));
        break;
      }
      continue;
    }
    resolve_by(alert.by, read, names, fmt::format("alert '{}'", alert.name), diags);
    check_description_labels(alert, diags);
  }
}

}  // namespace schemetric::codegen
