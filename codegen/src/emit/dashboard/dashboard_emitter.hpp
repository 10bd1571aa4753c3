// The `dashboard` emitter: a Grafana dashboard (`<name>.dashboard.json`, Grafana's dashboard
// model, schemaVersion 39) with panels derived from the schema and queries from the rule plan.
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::dashboard {

/// Reports per-panel overrides of the `dashboard:` section that name no panel, change a panel to
/// a type it cannot have, or split it by a label its metrics lack. Runs once the rest of the
/// schema is free of errors (the panels exist only for a valid schema).
void check(const schema& model, diagnostics& diags);

/// The emitter's entry: the dashboard's JSON text.
[[nodiscard]] std::vector<std::string> emit(const schema& model, const schema_analysis& analysis,
                                            const emit_context& context);

/// A stable Grafana uid of the dashboard of schema `name` (at most 40 characters).
[[nodiscard]] std::string dashboard_uid(std::string_view name);

}  // namespace schemetric::codegen::dashboard
