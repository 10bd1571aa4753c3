// The tests file: a test plan in promtool's unit test format
// (https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/).
#include "emit/rules/rules_emitter.hpp"
#include "rules/tests.hpp"
#include "support/yaml_output.hpp"

namespace schemetric::codegen::rules_output {
namespace {

void write_map(YAML::Emitter& out, std::string_view key, const rules::label_list& entries) {
  out << YAML::Key << std::string{key} << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : entries) write_entry(out, name, value);
  out << YAML::EndMap;
}

void write_case(YAML::Emitter& out, const rules::test_case& test) {
  out << YAML::BeginMap;
  write_entry(out, "name", test.name);
  write_entry(out, "interval", promql::format_duration(test.interval));
  out << YAML::Key << "input_series" << YAML::Value << YAML::BeginSeq;
  for (const rules::input_series& input : test.inputs) {
    out << YAML::BeginMap;
    write_entry(out, "series", input.series);
    write_entry(out, "values", input.values);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "alert_rule_test" << YAML::Value << YAML::BeginSeq;
  for (const rules::alert_check& check : test.checks) {
    out << YAML::BeginMap;
    write_entry(out, "eval_time", promql::format_duration(check.at));
    write_entry(out, "alertname", check.alertname);
    out << YAML::Key << "exp_alerts" << YAML::Value;
    if (check.alerts.empty()) {
      out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    } else {
      out << YAML::BeginSeq;
      for (const rules::expected_alert& alert : check.alerts) {
        out << YAML::BeginMap;
        write_map(out, "exp_labels", alert.labels);
        write_map(out, "exp_annotations", alert.annotations);
        out << YAML::EndMap;
      }
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  if (!test.expression_checks.empty()) {
    out << YAML::Key << "promql_expr_test" << YAML::Value << YAML::BeginSeq;
    for (const rules::expression_check& check : test.expression_checks) {
      out << YAML::BeginMap;
      write_entry(out, "expr", check.expr);
      write_entry(out, "eval_time", promql::format_duration(check.at));
      out << YAML::Key << "exp_samples" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
      write_entry(out, "labels", check.series);
      out << YAML::Key << "value" << YAML::Value << promql::format_number(check.value);
      out << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string tests_file(const rules::rule_plan& rules, const rules::test_plan& plan,
                       std::string_view rules_file_name, std::string_view banner) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  out << YAML::Key << "rule_files" << YAML::Value << YAML::BeginSeq;
  write_string(out, rules_file_name);
  out << YAML::EndSeq;
  write_entry(out, "evaluation_interval", promql::format_duration(plan.evaluation_interval));
  // The groups in the file's order, as Prometheus would evaluate them were they one group:
  // without it promtool evaluates them in a random order, and an alert would see a recording of
  // the same evaluation only sometimes.
  out << YAML::Key << "group_eval_order" << YAML::Value << YAML::BeginSeq;
  for (const rules::rule_group& group : rules.groups) write_string(out, group.name);
  out << YAML::EndSeq;
  out << YAML::Key << "tests" << YAML::Value << YAML::BeginSeq;
  for (const rules::test_case& test : plan.cases) write_case(out, test);
  out << YAML::EndSeq << YAML::EndMap;
  return document_with_banner(banner, out);
}

}  // namespace schemetric::codegen::rules_output
