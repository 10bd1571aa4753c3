// What Prometheus 2.x computes from samples, for alerts evaluated in process to give the answers
// Prometheus gives: rate() over a window (promql/functions.go extrapolatedRate) and
// histogram_quantile() over classic buckets (promql/quantile.go bucketQuantile).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// One sample of a series: milliseconds and value.
struct sample {
  std::int64_t time_ms;
  double value;
};

/// rate() of a counter at `end_ms` over `range_ms` (Prometheus 2.40 and later, in its order of
/// operations, so that the rounding is the same), from its samples in [end - range, end] in
/// time order: the increase (counter resets added back), extrapolated to the window's bounds
/// when the first and last samples are near them, and divided by the range. Nothing with fewer
/// than two samples, as Prometheus drops such a series.
[[nodiscard]] inline std::optional<double> extrapolated_rate(std::span<const sample> samples,
                                                             std::int64_t end_ms,
                                                             std::int64_t range_ms) {
  if (samples.size() < 2) return std::nullopt;
  const std::int64_t range_start = end_ms - range_ms;
  double result = samples.back().value - samples.front().value;
  double previous = samples.front().value;
  for (const sample& s : samples.subspan(1)) {
    if (s.value < previous) result += previous;  // a reset: the counter started again from 0
    previous = s.value;
  }
  double duration_to_start = static_cast<double>(samples.front().time_ms - range_start) / 1000;
  const double duration_to_end = static_cast<double>(end_ms - samples.back().time_ms) / 1000;
  const double sampled_interval =
      static_cast<double>(samples.back().time_ms - samples.front().time_ms) / 1000;
  const double average_between_samples = sampled_interval / static_cast<double>(samples.size() - 1);
  if (result > 0 && samples.front().value >= 0) {
    // A counter cannot be negative: extrapolate no further back than its zero.
    const double duration_to_zero = sampled_interval * (samples.front().value / result);
    if (duration_to_zero < duration_to_start) duration_to_start = duration_to_zero;
  }
  const double threshold = average_between_samples * 1.1;
  double extrapolate_to = sampled_interval;
  extrapolate_to += duration_to_start < threshold ? duration_to_start : average_between_samples / 2;
  extrapolate_to += duration_to_end < threshold ? duration_to_end : average_between_samples / 2;
  double factor = extrapolate_to / sampled_interval;
  // time.Duration.Seconds(): whole seconds plus the fraction, as Go computes it.
  factor /= static_cast<double>(range_ms / 1000) + static_cast<double>(range_ms % 1000) / 1e3;
  return result * factor;
}

/// One bucket of a classic histogram: its upper bound and its cumulative count.
struct bucket {
  double upper_bound;
  double count;
};

/// histogram_quantile(q) of classic buckets (any order; one must be +Inf): linear interpolation
/// within the bucket the rank falls in, from 0 for the first bucket when its bound is positive;
/// the largest finite bound when the rank falls in +Inf; NaN without observations, without a
/// +Inf bucket or with fewer than two buckets; -Inf below q = 0, +Inf above q = 1.
[[nodiscard]] inline double bucket_quantile(double q, std::vector<bucket> buckets) {
  if (std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
  if (q < 0) return -std::numeric_limits<double>::infinity();
  if (q > 1) return std::numeric_limits<double>::infinity();
  if (buckets.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::stable_sort(buckets.begin(), buckets.end(),
                   [](const bucket& a, const bucket& b) { return a.upper_bound < b.upper_bound; });
  if (!std::isinf(buckets.back().upper_bound) || buckets.back().upper_bound < 0) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  // Coalesce buckets of one bound, then make the counts monotonic (rounding in rates can
  // make a bucket's count fall below the previous one's).
  std::vector<bucket> merged{buckets.front()};
  for (std::size_t i = 1; i < buckets.size(); ++i) {
    if (buckets[i].upper_bound == merged.back().upper_bound) {
      merged.back().count += buckets[i].count;
    } else {
      merged.push_back(buckets[i]);
    }
  }
  double max = merged.front().count;
  for (bucket& b : merged) {
    if (b.count > max) {
      max = b.count;
    } else if (b.count < max) {
      b.count = max;
    }
  }
  if (merged.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  const double observations = merged.back().count;
  if (observations == 0) return std::numeric_limits<double>::quiet_NaN();
  double rank = q * observations;
  std::size_t b = 0;
  while (b < merged.size() - 1 && merged[b].count < rank) ++b;
  if (b == merged.size() - 1) return merged[merged.size() - 2].upper_bound;
  if (b == 0 && merged[0].upper_bound <= 0) return merged[0].upper_bound;
  double start = 0;
  const double end = merged[b].upper_bound;
  double count = merged[b].count;
  if (b > 0) {
    start = merged[b - 1].upper_bound;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return start + (end - start) * (rank / count);
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
