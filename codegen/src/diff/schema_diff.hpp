// What changed between two versions of a schema, and which changes break what users built on
// the old one: dashboards, alerts and recording rules that select its series, and the series
// already stored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// Where a change is shown: in the new schema, or in the old one for what was removed.
enum class change_side { old_schema, new_schema };

/// One change between two schemas.
struct schema_change {
  /// The change's class ("metric-removed", "label-value-added", ...): what `--allow` names.
  std::string kind;
  /// What changed ("http_requests_total", "method=get"): `--allow KIND:SUBJECT` names one change.
  std::string subject;
  bool breaking = false;
  change_side side = change_side::new_schema;
  source_position position;
  std::string message;  ///< one line: what changed and what it breaks
};

/// Every change from `old_model` to `new_model`, two schemas without errors: removals and
/// changes in the order of the old schema, then additions in the order of the new one, section
/// by section; last, the rules generated from the old schema checked against the new one
/// (recordings no longer written, rules reading what it does not expose). A metric
/// removed and another added with the same type, unit, labels, buckets and quantiles are
/// reported as one rename. Pure; thread-safe for distinct arguments.
[[nodiscard]] std::vector<schema_change> diff_schemas(const schema& old_model,
                                                      const schema& new_model);

/// True when `allow` ("KIND" or "KIND:SUBJECT") names `change`.
[[nodiscard]] bool allows(std::string_view allow, const schema_change& change);

}  // namespace schemetric::codegen
