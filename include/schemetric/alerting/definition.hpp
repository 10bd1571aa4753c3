// An alert of the schema as data: what the generator writes for each alert the library can
// evaluate in process (schemetric/alerting/evaluator.hpp), so that the evaluator reads the same
// definition the Prometheus rules come from, with no PromQL parsed at run time.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace alerting {

/// What an alert watches (the schema's `ratio:`, `quantile:`, `gauge:` and `state:` kinds).
enum class alert_kind : std::uint8_t {
  ratio,     ///< rate(first) / rate(second), each summed by the `by` labels
  quantile,  ///< histogram_quantile(quantile, rate of first's buckets summed by `le` and `by`)
  gauge,     ///< first summed by `by`, divided by second when it is given
  state,     ///< the stateset first is in `state` (1), for any series of a `by` group
};

/// How urgent an alert is: the `severity` label of its Prometheus rule.
enum class severity : std::uint8_t { critical, warning, info };

/// The text of `level`: "critical", "warning", "info".
[[nodiscard]] constexpr std::string_view to_string(severity level) noexcept {
  switch (level) {
    case severity::critical:
      return "critical";
    case severity::warning:
      return "warning";
    case severity::info:
      break;
  }
  return "info";
}

/// The values of one label a selection keeps.
struct label_match {
  std::string_view label{};
  std::span<const std::string_view> values{};
};

/// The series of one metric an alert reads; every label not in `match` takes all its values.
struct selection {
  std::string_view metric{};  ///< the metric's name; empty when not given
  std::span<const label_match> match{};
};

/// One alert of the schema (`alerts:`), as the generator writes it in the registry's header.
/// Every member has a default, so that designated initializers may leave any out.
struct definition {
  std::string_view name{};  ///< CamelCase, as in the rules and in Alertmanager
  /// The name's part of its environment variables: `SCHEMETRIC_ALERT_<env_name>_THRESHOLD`,
  /// `_FOR` and `_ENABLED` (HighErrorRate: HIGH_ERROR_RATE).
  std::string_view env_name{};
  alert_kind kind = alert_kind::ratio;
  severity level = severity::warning;
  bool below = false;  ///< fires below the threshold (`below:`) rather than above (`above:`)
  double threshold = 0;
  std::int64_t window_ms = 300'000;  ///< of rates (ratio, quantile)
  std::int64_t for_ms = 0;           ///< `for:`: how long the condition holds before it fires
  selection first{};                 ///< ratio: numerator; quantile: histogram; gauge; stateset
  selection second{};                ///< ratio: denominator; gauge: `divided_by` (may be empty)
  double quantile = 0;               ///< quantile alerts
  std::string_view state{};          ///< state alerts
  double min_rate = 0;  ///< ratio alerts: no alert while the denominator's rate is below this
  std::span<const std::string_view> by{};  ///< one alert per combination of these labels' values
  std::string_view summary{};
};

}  // namespace alerting
SCHEMETRIC_END_NAMESPACE
