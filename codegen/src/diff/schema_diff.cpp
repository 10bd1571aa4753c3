// What changed between two versions of a schema, breaking or safe.
#include "diff/schema_diff.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "promql/expression.hpp"
#include "rules/plan.hpp"
#include "schema/expression_reads.hpp"

namespace schemetric::codegen {
namespace {

template <class Definition>
const Definition* find_named(const std::vector<Definition>& definitions, std::string_view name) {
  const auto it = std::find_if(definitions.begin(), definitions.end(),
                               [&](const Definition& d) { return d.name == name; });
  return it == definitions.end() ? nullptr : &*it;
}

std::vector<std::string> label_names(const metric_definition& metric) {
  std::vector<std::string> names;
  for (const reference<label_definition>& label : metric.labels) names.push_back(label.name);
  return names;
}

std::string numbers(const std::vector<double>& values) {
  std::string text;
  for (const double value : values) {
    text += (text.empty() ? "" : ", ") + promql::format_number(value);
  }
  return "[" + text + "]";
}

// Two metrics that differ only by name: a rename, for the diff.
bool same_but_name(const metric_definition& a, const metric_definition& b) {
  return a.kind == b.kind && a.unit == b.unit && label_names(a) == label_names(b) &&
         a.buckets == b.buckets && a.quantiles == b.quantiles;
}

const label_value* find_value(std::span<const label_value> values, std::string_view text) {
  const auto it = std::find_if(values.begin(), values.end(),
                               [&](const label_value& v) { return v.text == text; });
  return it == values.end() ? nullptr : &*it;
}

std::string list(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return "[" + text + "]";
}

std::vector<std::string> by_names(const std::vector<reference<label_definition>>& by) {
  std::vector<std::string> names;
  for (const reference<label_definition>& label : by) names.push_back(label.name);
  return names;
}

std::string threshold(const alert_definition& alert) {
  return fmt::format("{} {}", alert.compare == comparison::above ? "above" : "below",
                     promql::format_number(alert.threshold));
}

std::string selection_text(const series_selection& selection) {
  std::string text = selection.metric.name;
  for (const value_match& match : selection.match) {
    text += fmt::format("{}{}={}", text == selection.metric.name ? "{" : ",", match.label.name,
                        list(match.values));
  }
  return selection.match.empty() ? text : text + "}";
}

// An SLO's indicator in one line, for comparing and for the message.
std::string sli_text(const slo_definition& slo) {
  if (const auto* ratio = std::get_if<slo_ratio>(&slo.sli)) {
    return fmt::format("ratio {} / {}", selection_text(ratio->errors),
                       selection_text(ratio->total));
  }
  const auto& latency = std::get<slo_latency>(slo.sli);
  return fmt::format("latency of {} above {}", selection_text(latency.histogram),
                     promql::format_number(latency.threshold));
}

class differ {
 public:
  differ(const schema& old_model, const schema& new_model) : old_(old_model), new_(new_model) {}

  std::vector<schema_change> run() {
    if (old_.prometheus.job != new_.prometheus.job) {
      breaking("job-changed", new_.prometheus.job, change_side::new_schema, {},
               fmt::format("the scrape job changed from '{}' to '{}': every generated rule and "
                           "dashboard selects job=\"{}\", so those of the old schema find "
                           "nothing, and every stored series changes identity",
                           old_.prometheus.job, new_.prometheus.job, new_.prometheus.job));
    }
    metrics();
    labels();
    alerts();
    slos();
    generated_rules();
    return std::move(changes_);
  }

 private:
  void add(std::string_view kind, std::string_view subject, bool is_breaking, change_side side,
           source_position position, std::string message) {
    changes_.push_back(
        {std::string{kind}, std::string{subject}, is_breaking, side, position, std::move(message)});
  }
  void breaking(std::string_view kind, std::string_view subject, change_side side,
                source_position position, std::string message) {
    add(kind, subject, true, side, position, std::move(message));
  }
  void safe(std::string_view kind, std::string_view subject, source_position position,
            std::string message) {
    add(kind, subject, false, change_side::new_schema, position, std::move(message));
  }

  void metrics() {
    std::set<std::string> renamed_to;
    for (const metric_definition& before : old_.metrics) {
      if (const metric_definition* after = find_named(new_.metrics, before.name)) {
        compare(before, *after);
        continue;
      }
      const auto added = std::find_if(new_.metrics.begin(), new_.metrics.end(), [&](const auto& m) {
        return find_named(old_.metrics, m.name) == nullptr && !renamed_to.contains(m.name) &&
               same_but_name(before, m);
      });
      if (added != new_.metrics.end()) {
        renamed_to.insert(added->name);
        breaking("metric-renamed", before.name, change_side::new_schema, added->position,
                 fmt::format("metric '{}' is the former '{}' renamed (same type, unit and "
                             "labels): dashboards, alerts and rules that select '{}' find nothing, "
                             "and its stored series end",
                             added->name, before.name, before.name));
        continue;
      }
      breaking("metric-removed", before.name, change_side::old_schema, before.position,
               fmt::format("metric '{}' was removed: dashboards, alerts and rules that select it "
                           "find nothing, and its stored series end",
                           before.name));
    }
    for (const metric_definition& after : new_.metrics) {
      if (find_named(old_.metrics, after.name) == nullptr && !renamed_to.contains(after.name)) {
        safe("metric-added", after.name, after.position,
             fmt::format("metric '{}' was added", after.name));
      }
    }
  }

  void compare(const metric_definition& before, const metric_definition& after) {
    if (before.kind != after.kind) {
      breaking("metric-type-changed", after.name, change_side::new_schema, after.position,
               fmt::format("metric '{}' changed type from {} to {}: the queries written for a {} "
                           "break, and stored series mix both",
                           after.name, to_string(before.kind), to_string(after.kind),
                           to_string(before.kind)));
    }
    if (before.unit != after.unit) {
      const auto unit = [](const std::string& u) {
        return u.empty() ? std::string{"none"} : fmt::format("'{}'", u);
      };
      breaking("metric-unit-changed", after.name, change_side::new_schema, after.position,
               fmt::format("metric '{}' changed unit from {} to {}: thresholds and panels in the "
                           "old unit are wrong, and stored series mix both",
                           after.name, unit(before.unit), unit(after.unit)));
    }
    for (const reference<label_definition>& label : before.labels) {
      if (!after.has_label(label.name)) {
        breaking("metric-label-removed", fmt::format("{}.{}", after.name, label.name),
                 change_side::new_schema, after.position,
                 fmt::format("label '{}' was removed from metric '{}': queries that select or "
                             "group by it break, and every series of '{}' changes identity",
                             label.name, after.name, after.name));
      }
    }
    for (const reference<label_definition>& label : after.labels) {
      if (!before.has_label(label.name)) {
        breaking("metric-label-added", fmt::format("{}.{}", after.name, label.name),
                 change_side::new_schema, label.position,
                 fmt::format("label '{}' was added to metric '{}': every series of '{}' changes "
                             "identity (stored series end, new ones start), and rules that match "
                             "series one to one may no longer",
                             label.name, after.name, after.name));
      }
    }
    if (before.kind == after.kind && before.buckets != after.buckets) {
      breaking("buckets-changed", after.name, change_side::new_schema, after.position,
               fmt::format("the buckets of histogram '{}' changed from {} to {}: quantiles over a "
                           "window across the change are wrong, and queries of a removed bound "
                           "find nothing",
                           after.name, numbers(before.buckets), numbers(after.buckets)));
    }
    if (before.kind == after.kind && before.quantiles != after.quantiles) {
      breaking("quantiles-changed", after.name, change_side::new_schema, after.position,
               fmt::format("the quantiles of summary '{}' changed from {} to {}: queries of a "
                           "removed quantile find nothing",
                           after.name, numbers(before.quantiles), numbers(after.quantiles)));
    }
    values("state", "state", after.name, before.states, after.states);
    if (before.help != after.help) {
      safe("help-changed", after.name, after.position,
           fmt::format("the help of metric '{}' changed", after.name));
    }
  }

  // The values (or states, or route templates) of `owner` removed and added; changes of class
  // `kind`-removed and `kind`-added.
  void values(std::string_view kind, std::string_view noun, std::string_view owner,
              std::span<const label_value> before, std::span<const label_value> after) {
    for (const label_value& value : before) {
      if (find_value(after, value.text) == nullptr) {
        breaking(fmt::format("{}-removed", kind), fmt::format("{}={}", owner, value.text),
                 change_side::old_schema, value.position,
                 fmt::format("{} '{}' of '{}' was removed: queries and alerts that match it find "
                             "nothing, and its stored series end",
                             noun, value.text, owner));
      }
    }
    for (const label_value& value : after) {
      if (find_value(before, value.text) == nullptr) {
        safe(fmt::format("{}-added", kind), fmt::format("{}={}", owner, value.text), value.position,
             fmt::format("{} '{}' of '{}' was added", noun, value.text, owner));
      }
    }
  }

  void labels() {
    for (const label_definition& before : old_.labels) {
      const label_definition* after = find_named(new_.labels, before.name);
      if (after == nullptr) continue;  // its metrics report it
      if (before.kind != after->kind) {
        breaking("label-kind-changed", after->name, change_side::new_schema, after->position,
                 fmt::format("label '{}' changed kind from {} to {}: its values change",
                             after->name, to_string(before.kind), to_string(after->kind)));
      } else if (before.kind == label_kind::route) {
        values("route", "route", after->name, before.route_templates(), after->route_templates());
      } else if (before.is_closed_set()) {
        values("label-value", "value", after->name, before.values, after->values);
      }
    }
  }

  void alerts() {
    for (const alert_definition& before : old_.alerts) {
      const alert_definition* after = find_named(new_.alerts, before.name);
      if (after == nullptr) {
        breaking("alert-removed", before.name, change_side::old_schema, before.position,
                 fmt::format("alert '{}' was removed: Alertmanager routes, inhibitions and "
                             "silences that name it no longer match",
                             before.name));
      } else {
        compare(before, *after);
      }
    }
    for (const alert_definition& after : new_.alerts) {
      if (find_named(old_.alerts, after.name) == nullptr) {
        safe("alert-added", after.name, after.position,
             fmt::format("alert '{}' was added", after.name));
      }
    }
  }

  void compare(const alert_definition& before, const alert_definition& after) {
    const std::string& name = after.name;
    if (before.level != after.level) {
      breaking("alert-severity-changed", name, change_side::new_schema, after.position,
               fmt::format("the severity of alert '{}' changed from {} to {}: Alertmanager "
                           "routes that match the severity send it elsewhere",
                           name, to_string(before.level), to_string(after.level)));
    }
    if (before.kind() != after.kind()) {
      breaking("alert-kind-changed", name, change_side::new_schema, after.position,
               fmt::format("alert '{}' changed kind from {} to {}: it watches something else "
                           "under the same name",
                           name, alert_kind_keywords.text(before.kind()),
                           alert_kind_keywords.text(after.kind())));
    } else if (result_labels(before) != result_labels(after)) {
      breaking("alert-labels-changed", name, change_side::new_schema, after.position,
               fmt::format("the labels of alert '{}' changed from {} to {} ('by:'): "
                           "Alertmanager groups, routes, inhibitions and silences that match "
                           "its labels behave differently",
                           name, list(result_labels(before)), list(result_labels(after))));
    }
    if (before.compare != after.compare || before.threshold != after.threshold) {
      safe("alert-threshold-changed", name, after.threshold_position,
           fmt::format("the threshold of alert '{}' changed from {} to {}: it fires at other "
                       "values (its promtool tests and dashboard threshold follow)",
                       name, threshold(before), threshold(after)));
    }
    if (before.for_duration != after.for_duration) {
      safe("alert-for-changed", name, after.position,
           fmt::format("the 'for' of alert '{}' changed from {} to {}: it fires {} after its "
                       "condition starts",
                       name, promql::format_duration(before.for_duration),
                       promql::format_duration(after.for_duration),
                       after.for_duration > before.for_duration ? "later" : "sooner"));
    }
    if (before.window != after.window) {
      safe("alert-window-changed", name, after.position,
           fmt::format("the window of alert '{}' changed from {} to {}: its rates and quantiles "
                       "cover another span",
                       name, promql::format_duration(before.window),
                       promql::format_duration(after.window)));
    }
    const auto* raw_before = std::get_if<raw_indicator>(&before.indicator);
    const auto* raw_after = std::get_if<raw_indicator>(&after.indicator);
    if (raw_before && raw_after && raw_before->expr != raw_after->expr) {
      safe("alert-expr-changed", name, raw_after->position,
           fmt::format("the expression of alert '{}' changed", name));
    }
  }

  void slos() {
    for (const slo_definition& before : old_.slos) {
      const slo_definition* after = find_named(new_.slos, before.name);
      if (after == nullptr) {
        breaking("slo-removed", before.name, change_side::old_schema, before.position,
                 fmt::format("SLO '{}' was removed: its recording rules and burn-rate alerts are "
                             "gone, and dashboards that show them find nothing",
                             before.name));
      } else {
        compare(before, *after);
      }
    }
    for (const slo_definition& after : new_.slos) {
      if (find_named(old_.slos, after.name) == nullptr) {
        safe("slo-added", after.name, after.position,
             fmt::format("SLO '{}' was added", after.name));
      }
    }
  }

  void compare(const slo_definition& before, const slo_definition& after) {
    const std::string& name = after.name;
    if (sli_text(before) != sli_text(after)) {
      breaking("slo-indicator-changed", name, change_side::new_schema, after.position,
               fmt::format("the indicator of SLO '{}' changed from {} to {}: its recorded error "
                           "ratios mean something else under the same names, and the budget "
                           "spent so far mixes both",
                           name, sli_text(before), sli_text(after)));
    }
    if (by_names(before.by) != by_names(after.by)) {
      breaking("slo-labels-changed", name, change_side::new_schema, after.position,
               fmt::format("the 'by' labels of SLO '{}' changed from {} to {}: its recorded "
                           "series change identity, and its burn-rate alerts their labels",
                           name, list(by_names(before.by)), list(by_names(after.by))));
    }
    if (before.objective_percent != after.objective_percent || before.period != after.period) {
      safe("slo-objective-changed", name, after.objective_position,
           fmt::format("the objective of SLO '{}' changed from {}% over {} to {}% over {}: its "
                       "error budget and burn-rate thresholds follow",
                       name, promql::format_number(before.objective_percent),
                       promql::format_duration(before.period),
                       promql::format_number(after.objective_percent),
                       promql::format_duration(after.period)));
    }
  }

  // Past what the schemas say: the rules generated from the old schema (already loaded into
  // Prometheus, and read by the dashboards generated with them) against what the new schema
  // exposes and records. A recording the new rules no longer write, and an old rule that reads a
  // series or a label value the new schema does not expose, is reported once per rule.
  void generated_rules() {
    const rules::rule_plan old_plan = rules::plan_rules(old_);
    const rules::rule_plan new_plan = rules::plan_rules(new_);
    std::set<std::string> reported;
    for (const rules::rule_group& group : old_plan.groups) {
      for (const rules::rule& rule : group.rules) {
        std::visit([&](const auto& r) { check_old_rule(r, old_plan, new_plan, reported); }, rule);
      }
    }
  }

  void check_old_rule(const rules::recording_rule& rule, const rules::rule_plan& old_plan,
                      const rules::rule_plan& new_plan, std::set<std::string>& reported) {
    const auto owner = std::find_if(old_plan.slos.begin(), old_plan.slos.end(),
                                    [&](const auto& slo) { return records(slo, rule.record); });
    const source_position position = recording_position(rule, old_plan);
    // Already reported: a recording of a metric removed, or of an SLO removed or relabelled.
    const bool source_removed = std::any_of(rule.reads.begin(), rule.reads.end(),
                                            [&](const metric_definition* m) {
                                              return find_named(new_.metrics, m->name) == nullptr;
                                            }) ||
                                (owner != old_plan.slos.end() &&
                                 (reported_breaking("slo-removed", owner->slo->name) ||
                                  reported_breaking("slo-labels-changed", owner->slo->name)));
    if (!source_removed && new_plan.recording(rule.record, rule.labels) == nullptr &&
        reported.insert("recording:" + rule.record).second) {
      breaking("recording-removed", rule.record, change_side::old_schema, position,
               fmt::format("the rules of the new schema no longer record '{}': dashboards and "
                           "queries built on the old rules that read it find nothing",
                           rule.record));
    }
    check_reads(fmt::format("recording rule '{}'", rule.record), rule.record, rule.expr, position,
                reported);
  }

  // Where a recording is shown: at its SLO, else at the first alert of the schema that reads
  // it, else at the first metric it reads.
  static source_position recording_position(const rules::recording_rule& rule,
                                            const rules::rule_plan& plan) {
    for (const rules::slo_recordings& slo : plan.slos) {
      if (records(slo, rule.record)) return slo.slo->position;
    }
    for (const rules::rule_group& group : plan.groups) {
      for (const rules::rule& other : group.rules) {
        const auto* alerting = std::get_if<rules::alerting_rule>(&other);
        if (alerting != nullptr && alerting->alert_source != nullptr &&
            alerting->expr.text().find(rule.record) != std::string::npos) {
          return alerting->alert_source->position;
        }
      }
    }
    return rule.reads.empty() ? source_position{} : rule.reads.front()->position;
  }

  bool reported_breaking(std::string_view kind, std::string_view subject) const {
    return std::any_of(changes_.begin(), changes_.end(), [&](const schema_change& change) {
      return change.breaking && change.kind == kind && change.subject == subject;
    });
  }

  static bool records(const rules::slo_recordings& slo, std::string_view record) {
    return slo.budget_remaining == record ||
           std::any_of(slo.error_ratios.begin(), slo.error_ratios.end(),
                       [&](const auto& ratio) { return ratio.second == record; });
  }

  void check_old_rule(const rules::alerting_rule& rule, const rules::rule_plan&,
                      const rules::rule_plan&, std::set<std::string>& reported) {
    source_position position;
    if (rule.alert_source != nullptr) position = rule.alert_source->position;
    if (rule.slo_source != nullptr) position = rule.slo_source->position;
    check_reads(fmt::format("alerting rule '{}'", rule.alert), rule.alert, rule.expr, position,
                reported);
  }

  void check_reads(const std::string& rule, const std::string& subject,
                   const promql::expression& expr, source_position position,
                   std::set<std::string>& reported) {
    diagnostics problems("");
    check_expression_reads(new_, expr.text(), "it", {}, problems);
    if (!problems.has_errors() || !reported.insert("rule:" + subject).second) return;
    breaking("rule-broken", subject, change_side::old_schema, position,
             fmt::format("{} of the old schema's rules breaks: {}", rule,
                         problems.sorted().front().message));
  }

  const schema& old_;
  const schema& new_;
  std::vector<schema_change> changes_;
};

}  // namespace

std::vector<schema_change> diff_schemas(const schema& old_model, const schema& new_model) {
  return differ(old_model, new_model).run();
}

bool allows(std::string_view allow, const schema_change& change) {
  if (allow == change.kind) return true;
  return allow.size() == change.kind.size() + 1 + change.subject.size() &&
         allow.starts_with(change.kind) && allow[change.kind.size()] == ':' &&
         allow.ends_with(change.subject);
}

}  // namespace schemetric::codegen
