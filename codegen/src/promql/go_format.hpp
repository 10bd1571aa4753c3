// Numbers as Prometheus prints them in alert templates: Go's `%v` and `%.4g` of a float64, and
// the `humanize*` template functions of Prometheus 2.x (template/template.go).
#pragma once

#include <string>

namespace schemetric::codegen::promql {

/// `fmt.Sprint(value)` in Go, what `{{ $value }}` prints: the shortest decimal that reads back
/// as `value`, in exponent form (`1e+06`) when the decimal exponent is below -4 or at least 6
/// (strconv's `'g'` with precision -1); `NaN`, `+Inf` and `-Inf` for the special values.
[[nodiscard]] std::string go_value(double value);

/// `fmt.Sprintf("%.4g", value)` in Go.
[[nodiscard]] std::string go_g4(double value);

/// Prometheus's `humanize`: four significant digits with an SI prefix (k, M, ... or m, u, ...).
[[nodiscard]] std::string humanize(double value);

/// Prometheus's `humanize1024`: four significant digits with a binary prefix (ki, Mi, ...).
[[nodiscard]] std::string humanize_1024(double value);

/// Prometheus's `humanizePercentage`: `value * 100` with four significant digits and `%`.
[[nodiscard]] std::string humanize_percentage(double value);

/// Prometheus's `humanizeDuration`: seconds as `1d 2h 3m 4s`, `1m 30s`, `2.5s` or `250ms`.
[[nodiscard]] std::string humanize_duration(double seconds);

}  // namespace schemetric::codegen::promql
