// Building the input series of generated tests, and computing what Prometheus 2.x computes from
// them (internal to rules/): counters that grow in phases, rates over windows whose bounds fall
// on samples, histogram_quantile's interpolation, and the concrete labels of series.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/schema.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::rules {

/// The `instance` label of the series of generated tests.
inline constexpr std::string_view test_instance = "service-1";

/// A stretch of time in which a counter grows at a constant rate (per second).
struct rate_phase {
  std::chrono::milliseconds length;
  double per_second;
};

/// A counter sampled every `interval` from 0 to `until`, growing through `phases` in order, then
/// flat: its samples.
[[nodiscard]] std::vector<double> counter_samples(std::span<const rate_phase> phases,
                                                  std::chrono::milliseconds interval,
                                                  std::chrono::milliseconds until);

/// A constant value sampled every `interval` until `until`.
[[nodiscard]] std::vector<double> constant_samples(double value, std::chrono::milliseconds interval,
                                                   std::chrono::milliseconds until);

/// Samples in promtool's expanding notation (`0+60x10 660+0x5`): runs of equal steps folded.
/// Before sample `dense_from`, only every `stride`-th sample is given (the others are `_`,
/// omitted): long histories stay cheap for promtool while windows starting on a kept sample see
/// the same increase.
[[nodiscard]] std::string expanding_notation(std::span<const double> samples,
                                             std::size_t dense_from = 0, std::size_t stride = 1);

/// When an alert whose condition is `holds(t)` at each evaluation `t` (every `evaluation`, up to
/// `limit`) first fires with `for_duration`: the evaluation it became active and the one it
/// fires at. Nothing when it does not fire by `limit`.
struct firing_time {
  std::chrono::milliseconds active;
  std::chrono::milliseconds fires;
};
[[nodiscard]] std::optional<firing_time> first_firing(
    const std::function<bool(std::chrono::milliseconds)>& holds,
    std::chrono::milliseconds for_duration, std::chrono::milliseconds evaluation,
    std::chrono::milliseconds limit);

/// What Prometheus 2.x's rate() gives over `window` ending at sample `end` (every `interval`) of
/// a counter starting at 0, when the window starts on a sample or before the first one: the
/// increase times (1 / window in seconds), computed as Prometheus does it, so that a test can
/// expect the exact value.
[[nodiscard]] double prometheus_rate(std::span<const double> samples, std::size_t end,
                                     std::chrono::milliseconds window,
                                     std::chrono::milliseconds interval);

/// histogram_quantile's interpolation (Prometheus 2.x bucketQuantile) of cumulative counts by
/// upper bound, the last bound +Inf.
[[nodiscard]] double bucket_quantile(double q, std::span<const std::pair<double, double>> buckets);

/// `name{label="value", ...}` with PromQL quoting.
[[nodiscard]] std::string series_text(std::string_view name, const label_list& labels);

/// The value the n-th group of a test gives a label: the n-th of a closed set (wrapping), or
/// `value_n` for a bounded label.
[[nodiscard]] std::string label_value_for(const label_definition& label, std::size_t n);

/// The labels of one series of `metric`: `job` and `instance` first, then for each of its
/// labels the value `chosen` gives, else the first value `selection` matches, else the first of
/// its set.
[[nodiscard]] label_list series_labels(const metric_definition& metric,
                                       const series_selection* selection, const label_list& chosen,
                                       std::string_view job, std::string_view instance);

/// The values to give the labels of a series of the one metric both sides of a ratio read, so
/// that it counts in the numerator and the denominator (`failing`), or in the denominator alone:
/// that one differs from the numerator's values on the first label where the denominator allows
/// it. Nothing when no series counts in the denominator alone.
[[nodiscard]] std::optional<label_list> chosen_values(const series_selection& numerator,
                                                      const series_selection& denominator,
                                                      bool failing);

}  // namespace schemetric::codegen::rules
