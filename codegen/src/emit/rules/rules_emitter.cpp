// The `rules` emitter's entry and checks.
#include "emit/rules/rules_emitter.hpp"

#include <fmt/format.h>

#include "rules/series.hpp"
#include "rules/tests.hpp"
#include "support/text.hpp"

namespace schemetric::codegen::rules_output {

void check(const schema& model, diagnostics& diags) {
  for (const slo_definition& slo : model.slos) {
    const std::string name = rules::camel_case(slo.name);
    for (const std::string& generated : {name + "ErrorBudgetBurn", name + "EventsAbsent"}) {
      for (const alert_definition& alert : model.alerts) {
        if (alert.name != generated) continue;
        diags.error(alert.position,
                    fmt::format("alert '{}' has the name of an alert generated for SLO '{}' (at "
                                "{}); rename it",
                                alert.name, slo.name, position_text(slo.position)));
      }
    }
  }
}

std::vector<std::string> emit(const schema& model, const schema_analysis& /*analysis*/,
                              const emit_context& context) {
  const std::string banner = fmt::format("Generated from {} by schemetric-gen {} -- do not edit.",
                                         context.source_path, context.generator_version);
  const rules::rule_plan plan = rules::plan_rules(model);
  return {rules_file(plan, banner),
          tests_file(plan, rules::plan_tests(model, plan), context.file_names.at(0), banner)};
}

}  // namespace schemetric::codegen::rules_output
