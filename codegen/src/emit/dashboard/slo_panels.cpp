// The panels of an SLO, from its recording rules: the SLI over time against the objective, the
// error budget left over the period, and the burn rates its alerts watch, with their factors.
// SLO recordings keep the job (and the SLO's `by` labels), not the instance: an objective is the
// service's, so these queries match `$job` only.
#include <set>

#include <fmt/format.h>

#include "emit/dashboard/panels.hpp"
#include "emit/dashboard/queries.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::dashboard {
namespace {

using promql::expression;
using promql::label_matcher;
using promql::match_op;
using namespace std::chrono_literals;

// The windows the SLI panel draws: a fast one and a steadier one.
constexpr std::array sli_windows{std::chrono::milliseconds(5min), std::chrono::milliseconds(1h)};

expression job_recording(const std::string& record) {
  return expression::selector(record, {{"job", match_op::regex, "$job"}});
}

const std::string* ratio_over(const rules::slo_recordings& recorded,
                              std::chrono::milliseconds window) {
  for (const auto& [span, record] : recorded.error_ratios) {
    if (span == window) return &record;
  }
  return nullptr;
}

std::vector<std::string> by_labels(const rules::slo_recordings& recorded) {
  return {recorded.level.begin() + 1, recorded.level.end()};  // the level starts with the job
}

panel_spec sli_panel(const slo_definition& slo, const rules::slo_recordings& recorded) {
  panel_spec spec = new_panel(slo.name + ".sli", fmt::format("SLO {}: SLI", slo.name),
                              panel_type::timeseries, "percentunit");
  spec.width = 10;
  spec.description = fmt::format(
      "{} The share of good events over 5 minutes and over 1 hour, against the objective of "
      "{} %, from the recording rules of the SLO.",
      slo.help.empty() ? std::string{} : slo.help, promql::format_number(slo.objective_percent));
  const std::vector<std::string> by = by_labels(recorded);
  for (const std::chrono::milliseconds window : sli_windows) {
    const std::string* record = ratio_over(recorded, window);
    if (record == nullptr) continue;
    spec.queries.push_back(
        {expression::binary("-", expression::number(1), job_recording(*record)).text(),
         legend(by, fmt::format("SLI over {}", rules::window_name(window)))});
  }
  spec.thresholds.push_back(
      {1 - slo.error_budget, "red", true, fmt::format("objective of SLO {}", slo.name)});
  return spec;
}

panel_spec budget_panel(const slo_definition& slo, const rules::slo_recordings& recorded) {
  panel_spec spec =
      new_panel(slo.name + ".budget", fmt::format("SLO {}: error budget left", slo.name),
                panel_type::stat, "percentunit");
  spec.width = 4;
  spec.description = fmt::format(
      "Share of the error budget of the {} period ({} % of events may fail) that its errors have "
      "not spent, from {}. Below 0 the objective is missed.",
      rules::window_name(slo.period), promql::format_number(100 - slo.objective_percent),
      recorded.budget_remaining);
  spec.queries.push_back({job_recording(recorded.budget_remaining).text(),
                          legend(by_labels(recorded), "", "budget left")});
  spec.thresholds = {{0, "red", true, "budget spent"}, {0.25, "orange", true, "budget low"}};
  return spec;
}

panel_spec burn_panel(const slo_definition& slo, const rules::slo_recordings& recorded) {
  panel_spec spec = new_panel(slo.name + ".burn", fmt::format("SLO {}: burn rate", slo.name),
                              panel_type::timeseries, "short");
  spec.width = 10;
  std::set<std::chrono::milliseconds> long_windows;
  for (const rules::burn_window& window : rules::burn_windows) {
    long_windows.insert(window.long_window);
    spec.thresholds.push_back(
        {rules::burn_factor(window, slo.period), severity_color(window.level), false,
         fmt::format("burn-rate alert over {} and {}", rules::window_name(window.long_window),
                     rules::window_name(window.short_window))});
  }
  const std::vector<std::string> by = by_labels(recorded);
  for (const std::chrono::milliseconds window : long_windows) {
    const std::string* record = ratio_over(recorded, window);
    if (record == nullptr) continue;
    spec.queries.push_back(
        {expression::binary("/", job_recording(*record), expression::number(slo.error_budget))
             .text(),
         legend(by, fmt::format("over {}", rules::window_name(window)))});
  }
  spec.description = fmt::format(
      "How many times faster than the rate that spends exactly the budget of the {} period the "
      "errors burn it: the error ratio over each long window of the burn-rate alerts divided by "
      "the budget ({}). Each alert fires when both its windows burn faster than its factor.",
      rules::window_name(slo.period), promql::format_number(slo.error_budget));
  return spec;
}

}  // namespace

std::vector<panel_spec> slo_panels(const build_context& context, const slo_definition& slo) {
  for (const rules::slo_recordings& recorded : context.plan().slos) {
    if (recorded.slo != &slo) continue;
    return {sli_panel(slo, recorded), budget_panel(slo, recorded), burn_panel(slo, recorded)};
  }
  return {};
}

}  // namespace schemetric::codegen::dashboard
