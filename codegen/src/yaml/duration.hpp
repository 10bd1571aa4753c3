// Durations in Prometheus' syntax (`5m`, `1h30m`, `30d`), as alert `for:` clauses, SLO periods
// and rule windows are written.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace schemetric::codegen::yaml {

/// Parses a Prometheus duration (prometheus/common model.ParseDuration): one or more
/// `<integer><unit>` terms with the units `y` (365 days), `w`, `d`, `h`, `m`, `s` and `ms`, each
/// at most once and largest first (`1h30m`, not `30m1h`), or `0` alone. Nothing for anything
/// else, including a number without a unit, and for a duration past 2^63 - 1 milliseconds.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The shortest Prometheus spelling of a non-negative duration, largest unit first, as
/// Prometheus prints durations: `1h30m`, `30d`, `1y2w`, `1s500ms`; `0s` for zero.
[[nodiscard]] std::string format_duration(std::chrono::milliseconds duration);

}  // namespace schemetric::codegen::yaml
