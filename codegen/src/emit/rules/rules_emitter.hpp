// The `rules` emitter: the Prometheus rules file of a schema (`<name>.rules.yml`: recording rules,
// the schema's alerts, each SLO's burn-rate alerts) and its promtool unit tests
// (`<name>.rules.test.yml`), both from one rule plan (rules/plan.hpp).
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"
#include "rules/plan.hpp"
#include "rules/tests.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::rules_output {

/// Reports alert names the rules cannot hold: an alert of the schema named like an alert an SLO
/// generates (`<Slo>ErrorBudgetBurn`, `<Slo>EventsAbsent`).
void check(const schema& model, diagnostics& diags);

/// The emitter's entry: the rules file and its tests, named `context.file_names[0]` and `[1]`.
[[nodiscard]] std::vector<std::string> emit(const schema& model, const schema_analysis& analysis,
                                            const emit_context& context);

/// The rules file of a plan; `banner` is its first comment line.
[[nodiscard]] std::string rules_file(const rules::rule_plan& plan, std::string_view banner);

/// The promtool tests of a plan, reading the rules file `rules_file_name` (beside it).
[[nodiscard]] std::string tests_file(const rules::rule_plan& rules, const rules::test_plan& plan,
                                     std::string_view rules_file_name, std::string_view banner);

}  // namespace schemetric::codegen::rules_output
