// The metric reference: the overview, metrics, trackers and labels; alerts, SLOs and recording
// rules are in emit/docs/rules_sections.cpp.
#include "emit/docs/docs_emitter.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "emit/docs/sections.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::docs {
namespace {

std::string metric_link(const metric_definition& metric) {
  return fmt::format("[{}](#{})", code_span(metric.name), heading_anchor("Metric " + metric.name));
}

std::string tracker_link(const tracker_definition& tracker) {
  return fmt::format("[{}](#{})", code_span(tracker.name),
                     heading_anchor("Tracker " + tracker.name));
}

std::string label_link(const label_definition& label) {
  return fmt::format("[{}](#{})", code_span(label.name), heading_anchor("Label " + label.name));
}

std::string joined(const std::vector<std::string>& items, std::string_view none = "none") {
  if (items.empty()) return std::string{none};
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
  return text;
}

// "1,234": thousands grouped as in the cardinality report.
std::string grouped(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

std::string label_values(const label_definition& label) {
  if (label.kind == label_kind::text) return "any text";
  if (label.kind == label_kind::bounded) {
    return fmt::format("up to {} values known at run time, then {}", label.max_values,
                       code_span(label.overflow_value));
  }
  std::vector<std::string> values;
  for (const label_value& value : label.values) values.push_back(code_span(value.text));
  return joined(values);
}

std::string overview(const schema& model, const schema_analysis& analysis,
                     const rules::rule_plan& plan) {
  std::size_t recordings = 0;
  std::size_t alerting = 0;
  for (const rules::rule_group& group : plan.groups) {
    for (const rules::rule& entry : group.rules) {
      (std::holds_alternative<rules::recording_rule>(entry) ? recordings : alerting) += 1;
    }
  }
  std::string text = fmt::format("# Metrics of {}\n\n", model.name);
  if (!model.help.empty()) text += markdown_text(model.help) + "\n\n";
  text += "| | |\n|---|---|\n";
  text += fmt::format("| Prometheus job | {} |\n", code_span(model.prometheus.job));
  text += fmt::format("| Metrics | {}{} |\n", model.metrics.size(),
                      model.process_metrics ? ", the process metrics included" : "");
  text += fmt::format(
      "| Worst-case series | {}{} |\n", grouped(analysis.cardinality.total),
      model.max_series ? fmt::format(" (budget: {})", grouped(*model.max_series)) : std::string{});
  text += fmt::format("| Trackers | {} |\n", model.trackers.size());
  text += fmt::format("| Alerts | {} in the schema, {} alerting rules in all |\n",
                      model.alerts.size(), alerting);
  text += fmt::format("| SLOs | {} |\n", model.slos.size());
  text += fmt::format("| Recording rules | {} |\n\n", recordings);
  text +=
      "Contents: [Metrics](#metrics) · [Trackers](#trackers) · [Alerts](#alerts) · "
      "[SLOs](#slos) · [Recording rules](#recording-rules) · [Labels](#labels)\n\n";
  return text;
}

// "as its `count`" for each role of each tracker that updates `metric`.
std::vector<std::string> updated_by(const schema& model, const metric_definition& metric) {
  std::vector<std::string> uses;
  for (const tracker_definition& tracker : model.trackers) {
    for (const metric_role_info& role : metric_roles) {
      if (tracker.metric(role.role).target == &metric) {
        uses.push_back(fmt::format("{} as its {}", tracker_link(tracker), code_span(role.key)));
      }
    }
  }
  return uses;
}

std::string metrics_section(const schema& model, const schema_analysis& analysis,
                            const rules::rule_plan& plan) {
  std::string text = "## Metrics\n\n| metric | type | unit | labels | worst-case series |\n";
  text += "|---|---|---|---|---|\n";
  for (const metric_series& entry : analysis.cardinality.metrics) {
    const metric_definition& metric = *entry.metric;
    std::vector<std::string> labels;
    for (const reference<label_definition>& label : metric.labels) labels.push_back(label.name);
    text += fmt::format("| {} | {} | {} | {} | {} |\n", metric_link(metric), to_string(metric.kind),
                        metric.unit.empty() ? "" : metric.unit, joined(labels, ""),
                        grouped(entry.series));
  }
  text += "\n";
  for (const metric_series& entry : analysis.cardinality.metrics) {
    const metric_definition& metric = *entry.metric;
    text += fmt::format("### Metric {}\n\n{}\n\n", metric.name, markdown_text(metric.help));
    std::string kind{to_string(metric.kind)};
    if ((metric.kind == metric_kind::counter || metric.kind == metric_kind::gauge) &&
        !metric.from_process) {
      kind += metric.value_type() == metric_value::floating ? " (float)" : " (integer)";
    }
    if (metric.callback) kind += ", read by a callback when scraped";
    if (metric.health) kind += ", component health (served on /health)";
    if (metric.from_build) kind += ", filled from the build";
    if (metric.from_process) {
      kind += ", a process metric the library reads from /proc when scraped (" +
              code_span("process_metrics: true") + ")";
    }
    text +=
        fmt::format("- Type: {}; unit: {}; worst case: {} series\n", kind,
                    metric.unit.empty() ? "none" : code_span(metric.unit), grouped(entry.series));
    if (!metric.buckets.empty()) {
      std::vector<std::string> bounds;
      for (const double bound : metric.buckets) bounds.push_back(fmt::format("{}", bound));
      text += fmt::format("- Buckets: {} and +Inf\n", joined(bounds));
    }
    if (!metric.quantiles.empty()) {
      std::vector<std::string> quantiles;
      for (const double q : metric.quantiles) quantiles.push_back(fmt::format("{}", q));
      text += fmt::format("- Quantiles: {} over the last {} s\n", joined(quantiles),
                          metric.max_age_seconds);
    }
    if (!metric.states.empty()) {
      std::vector<std::string> states;
      for (const label_value& state : metric.states) states.push_back(code_span(state.text));
      text += fmt::format("- States: {}\n", joined(states));
    }
    std::vector<std::string> labels;
    for (const reference<label_definition>& label : metric.labels) {
      labels.push_back(label_link(*label));
    }
    text += fmt::format("- Labels: {}\n", joined(labels));
    if (const auto uses = updated_by(model, metric); !uses.empty()) {
      text += fmt::format("- Updated by tracker {}\n", joined(uses));
    }
    text += readers_of(model, plan, metric);
    text += "\n";
  }
  return text;
}

std::string trackers_section(const schema& model) {
  std::string text = "## Trackers\n\n";
  if (model.trackers.empty()) return text + "None.\n\n";
  for (const tracker_definition& tracker : model.trackers) {
    text += fmt::format("### Tracker {}\n\n", tracker.name);
    if (!tracker.help.empty()) text += markdown_text(tracker.help) + "\n\n";
    text += fmt::format("- Kind: {} ({}); made with {}\n", code_span(to_string(tracker.kind)),
                        info(tracker.kind).operation,
                        code_span(fmt::format("track_{}(labels)", tracker.name)));
    std::vector<std::string> labels;
    for (const reference<label_definition>& label : tracker.labels) {
      labels.push_back(label_link(*label));
    }
    text += fmt::format("- Labels given when it starts: {}\n", joined(labels));
    for (const metric_role_info& role : metric_roles) {
      if (const auto& metric = tracker.metric(role.role); metric.target != nullptr) {
        text += fmt::format("- {}: {}\n", code_span(role.key), metric_link(*metric));
      }
    }
    for (const label_role_info& role : label_roles) {
      if (const auto& label = tracker.label(role.role); label.target != nullptr) {
        text += fmt::format("- {}: {}\n", code_span(role.key), label_link(*label));
      }
    }
    text += "\n";
  }
  return text;
}

std::string labels_section(const schema& model) {
  std::string text = "## Labels\n\n";
  for (const label_definition& label : model.labels) {
    text += fmt::format("### Label {}\n\n", label.name);
    if (!label.help.empty()) text += markdown_text(label.help) + "\n\n";
    text += fmt::format("- Kind: {}\n- Values: {}\n\n", code_span(to_string(label.kind)),
                        label_values(label));
  }
  return text;
}

}  // namespace

std::string markdown_text(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      escaped += ' ';
    } else if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) {
      escaped += '\\';
      escaped += c;
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string code_span(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  // A span that starts or ends with a backtick needs a space inside its fence.
  const bool padded = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (padded ? " " : "") + std::string{text} + (padded ? " " : "") + fence;
}

std::string heading_anchor(std::string_view heading) {
  std::string anchor;
  for (const char c : heading) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '_' || c == '-') {
      anchor += static_cast<char>(std::tolower(byte));
    } else if (c == ' ') {
      anchor += '-';
    }
  }
  return anchor;
}

std::vector<std::string> emit(const schema& model, const schema_analysis& analysis,
                              const emit_context& context) {
  const rules::rule_plan plan = rules::plan_rules(model);
  std::string text =
      fmt::format("<!-- Generated from {} by schemetric-gen {} -- do not edit. -->\n\n",
                  context.source_path, context.generator_version);
  text += overview(model, analysis, plan);
  text += metrics_section(model, analysis, plan);
  text += trackers_section(model);
  text += alerts_section(model, plan);
  text += slos_section(model, plan);
  text += recordings_section(plan);
  text += labels_section(model);
  text.pop_back();  // one final newline
  return {std::move(text)};
}

}  // namespace schemetric::codegen::docs
