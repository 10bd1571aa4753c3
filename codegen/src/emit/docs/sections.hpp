// The sections of the metric reference about rules (internal to emit/docs/).
#pragma once

#include <string>

#include "model/schema.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::docs {

/// "- Read by ..." lines: the alerts, SLOs and recording rules that read `metric`; empty when
/// none does.
[[nodiscard]] std::string readers_of(const schema& model, const rules::rule_plan& plan,
                                     const metric_definition& metric);

[[nodiscard]] std::string alerts_section(const schema& model, const rules::rule_plan& plan);
[[nodiscard]] std::string slos_section(const schema& model, const rules::rule_plan& plan);
[[nodiscard]] std::string recordings_section(const rules::rule_plan& plan);

}  // namespace schemetric::codegen::docs
