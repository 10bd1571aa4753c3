// Worst-case series counts of a schema's metrics: what the `max_series` budget is checked
// against, and the table `schemetric-gen --cardinality` prints. Computed once per run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// The number of values a label can take in the worst case: an enum label's value count, a
/// route label's templates + 1 (its no-match value), 5 for status classes, a status label's
/// codes + 1 (`other`), a bounded label's `max_values` + 1 (its overflow value), 1 for text.
[[nodiscard]] std::uint64_t label_cardinality(const label_definition& label) noexcept;

/// The series a metric exposes for one combination of label values: 1 for counters, gauges
/// and info metrics; buckets + 3 for histograms (+Inf, `_sum`, `_count`); quantiles + 2 for
/// summaries (`_sum`, `_count`); one per state for statesets.
[[nodiscard]] std::uint64_t series_per_label_set(const metric_definition& metric) noexcept;

/// One metric's worst case: the product of its labels' cardinalities times its series per
/// label set. Arithmetic saturates at the largest std::uint64_t instead of wrapping. The
/// metric's labels must be resolved.
[[nodiscard]] std::uint64_t worst_case_series(const metric_definition& metric) noexcept;

/// The worst case of one metric.
struct metric_series {
  const metric_definition* metric = nullptr;
  std::uint64_t series = 0;
};

/// The worst case of every metric of a schema, in schema order, and their (saturating) sum.
/// Refers to the model's metrics: keep the model alive while using it.
struct cardinality_report {
  std::vector<metric_series> metrics;
  std::uint64_t total = 0;

  /// Up to `count` metrics with the most series, most first; ties keep schema order.
  [[nodiscard]] std::vector<metric_series> biggest(std::size_t count) const;
};

/// The report for a resolved model.
[[nodiscard]] cardinality_report compute_cardinality(const schema& model);

/// Reports a total over the schema's `max_series` budget at the budget's position, naming the
/// biggest metrics.
void check_budget(const schema& model, const cardinality_report& report, diagnostics& diags);

/// The report as a table: a header line, one line per metric (name, type, series) in schema
/// order, then the total and, when the schema sets one, the budget. Ends with a newline.
[[nodiscard]] std::string format_cardinality_table(const schema& model,
                                                   const cardinality_report& report);

}  // namespace schemetric::codegen
