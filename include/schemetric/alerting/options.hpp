// How the in-process alert evaluator runs: its interval, its history, and the environment it
// reads overrides from (SCHEMETRIC_ALERT_INTERVAL, SCHEMETRIC_ALERT_<NAME>_THRESHOLD and
// SCHEMETRIC_ALERT_<NAME>_ENABLED).
#pragma once

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace alerting {

/// `text` as a finite number (all of it), or nothing.
[[nodiscard]] inline std::optional<double> parse_number(const char* text) {
  if (text == nullptr || *text == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text, &end);
  if (*end != '\0' || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// `text` as a switch: true, false, 1, 0, yes, no, on, off (any case), or nothing.
[[nodiscard]] inline std::optional<bool> parse_bool(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

/// `text` as a duration: a number of seconds ("30", "0.5") or a number with a unit of ms, s,
/// m, h or d ("500ms", "30s", "1m"), from `min_ms` to `max_ms`; or nothing.
[[nodiscard]] inline std::optional<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                                             double min_ms,
                                                                             double max_ms) {
  double scale = 1000;
  for (const auto& [suffix, factor] :
       {std::pair{std::string_view{"ms"}, 1.0}, std::pair{std::string_view{"s"}, 1000.0},
        std::pair{std::string_view{"m"}, 60'000.0}, std::pair{std::string_view{"h"}, 3'600'000.0},
        std::pair{std::string_view{"d"}, 86'400'000.0}}) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      text.remove_suffix(suffix.size());
      scale = factor;
      break;
    }
  }
  const std::optional<double> number = parse_number(std::string(text).c_str());
  if (!number) return std::nullopt;
  const double ms = *number * scale;
  if (!(ms >= min_ms && ms <= max_ms)) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(ms)));
}

/// `text` as an evaluation interval: a duration from 100 ms to 24 h; or nothing.
[[nodiscard]] inline std::optional<std::chrono::milliseconds> parse_interval(
    std::string_view text) {
  return parse_duration(text, 100, 86'400'000);
}

/// std::getenv, as the options take it.
inline const char* read_environment(const char* name) {
  return std::getenv(name);
}

/// The evaluator's settings.
struct evaluator_options {
  /// How often the thread started by evaluator::start() evaluates (Prometheus' evaluation
  /// interval); rates keep one sample per interval.
  std::chrono::milliseconds interval{std::chrono::seconds(60)};
  /// Transitions kept for evaluator::transitions() and `/monitoring/alerts` (the oldest go).
  std::size_t history = 1000;
  /// Reads the environment's overrides of each alert (std::getenv; nullptr: none).
  const char* (*environment)(const char*) = &read_environment;
  /// What the environment set wrongly; each kept the default (one sentence each).
  std::vector<std::string> problems;
};

/// `defaults` with SCHEMETRIC_ALERT_INTERVAL from its `environment` applied.
[[nodiscard]] inline evaluator_options from_environment(evaluator_options defaults = {}) {
  if (defaults.environment == nullptr) return defaults;
  if (const char* text = defaults.environment("SCHEMETRIC_ALERT_INTERVAL")) {
    if (const auto interval = parse_interval(text)) {
      defaults.interval = *interval;
    } else {
      defaults.problems.push_back(std::string("SCHEMETRIC_ALERT_INTERVAL=\"") + text +
                                  "\" is not an interval from 100ms to 24h (e.g. 30s, 1m, 60); "
                                  "the interval stays " +
                                  std::to_string(defaults.interval.count()) + "ms");
    }
  }
  return defaults;
}

}  // namespace alerting
SCHEMETRIC_END_NAMESPACE
