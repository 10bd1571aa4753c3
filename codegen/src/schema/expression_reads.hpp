// What a PromQL expression reads, checked against a schema: the check of raw alert expressions,
// also run by `schemetric-gen diff` on the rules generated from the old schema.
#pragma once

#include <string_view>

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// Reports to `diags`, at `position` and naming the expression `where`: an expression that
/// cannot be read, each series it selects that `model` does not expose, each label it matches
/// that the series does not have, and each value outside a closed label's set. Recording rules
/// (names with ':') and selectors without a metric name are not checked.
void check_expression_reads(const schema& model, std::string_view expression,
                            std::string_view where, source_position position, diagnostics& diags);

}  // namespace schemetric::codegen
