// What counts as a failed operation of a tracker, for alerts and SLOs that name a tracker
// (`ratio: {tracker: http_request}`) and for the trackers' own recording rules.
#pragma once

#include <optional>

#include "model/alerts.hpp"
#include "model/definitions.hpp"

namespace schemetric::codegen {

/// A tracker's failed operations and all its operations, as selections of its metrics.
struct tracker_failures {
  series_selection failed;
  series_selection all;
};

/// For a resolved tracker: the failed operations are its count with a failed outcome (HTTP:
/// `5xx`, or the codes from 500; the others: `error`), else its `errors` metric; all operations
/// are its count, else its duration histogram's count. Nothing when it records no failures or
/// its metrics are not resolved. `position` is given to the selections made.
[[nodiscard]] std::optional<tracker_failures> failures_of(const tracker_definition& tracker,
                                                          source_position position);

}  // namespace schemetric::codegen
