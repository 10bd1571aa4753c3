// What changed between two versions of a schema, breaking or safe.
#include "diff/schema_diff.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "promql/expression.hpp"

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
      } else if (before.level != after->level) {
        breaking("alert-severity-changed", after->name, change_side::new_schema, after->position,
                 fmt::format("the severity of alert '{}' changed from {} to {}: Alertmanager "
                             "routes that match the severity send it elsewhere",
                             after->name, to_string(before.level), to_string(after->level)));
      }
    }
    for (const alert_definition& after : new_.alerts) {
      if (find_named(old_.alerts, after.name) == nullptr) {
        safe("alert-added", after.name, after.position,
             fmt::format("alert '{}' was added", after.name));
      }
    }
  }

  void slos() {
    for (const slo_definition& before : old_.slos) {
      if (find_named(new_.slos, before.name) == nullptr) {
        breaking("slo-removed", before.name, change_side::old_schema, before.position,
                 fmt::format("SLO '{}' was removed: its recording rules and burn-rate alerts are "
                             "gone, and dashboards that show them find nothing",
                             before.name));
      }
    }
    for (const slo_definition& after : new_.slos) {
      if (find_named(old_.slos, after.name) == nullptr) {
        safe("slo-added", after.name, after.position,
             fmt::format("SLO '{}' was added", after.name));
      }
    }
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
