// What the generator computes from a resolved, checked model once per run, for the checks and
// every emitter to read instead of computing it again.
#pragma once

#include "analysis/cardinality.hpp"
#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// The results of analysing one schema. Refers to the model: keep it alive while using them.
struct schema_analysis {
  cardinality_report cardinality;  ///< worst-case series per metric and in total
};

/// Analyses a resolved model without errors and reports what the analysis finds wrong (a total
/// over the `max_series` budget).
[[nodiscard]] schema_analysis analyse(const schema& model, diagnostics& diags);

}  // namespace schemetric::codegen
