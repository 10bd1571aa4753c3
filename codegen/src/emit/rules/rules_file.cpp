// The rules file: the plan's groups in Prometheus' rule file format
// (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/).
#include <fmt/format.h>

#include "promql/expression.hpp"

#include "emit/rules/rules_emitter.hpp"
#include "support/yaml_output.hpp"

namespace schemetric::codegen::rules_output {
namespace {

void write_labels(YAML::Emitter& out, std::string_view key, const rules::label_list& labels) {
  if (labels.empty()) return;
  out << YAML::Key << std::string{key} << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : labels) write_entry(out, name, value);
  out << YAML::EndMap;
}

void write_expression(YAML::Emitter& out, const promql::expression& expr) {
  write_entry(out, "expr", expr.text_multiline());
}

void write_rule(YAML::Emitter& out, const rules::rule& entry) {
  out << YAML::BeginMap;
  if (const auto* recording = std::get_if<rules::recording_rule>(&entry)) {
    write_entry(out, "record", recording->record);
    write_expression(out, recording->expr);
    write_labels(out, "labels", recording->labels);
  } else {
    const auto& alerting = std::get<rules::alerting_rule>(entry);
    write_entry(out, "alert", alerting.alert);
    write_expression(out, alerting.expr);
    if (alerting.for_duration.count() > 0) {
      write_entry(out, "for", promql::format_duration(alerting.for_duration));
    }
    write_labels(out, "labels", alerting.labels);
    write_labels(out, "annotations",
                 {{"summary", alerting.summary},
                  {"description", alerting.description},
                  {"runbook_url", alerting.runbook_url}});
  }
  out << YAML::EndMap;
}

}  // namespace

std::string rules_file(const rules::rule_plan& plan, std::string_view banner) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
  for (const rules::rule_group& group : plan.groups) {
    out << YAML::BeginMap;
    write_entry(out, "name", group.name);
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const rules::rule& entry : group.rules) write_rule(out, entry);
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return document_with_banner(banner, out);
}

}  // namespace schemetric::codegen::rules_output
