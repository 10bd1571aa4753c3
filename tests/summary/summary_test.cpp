// Summaries: quantile estimates within the documented bound of the exact sample quantiles,
// exact count and sum, the sliding window driven by explicit times and by a manual clock.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "example_metrics.hpp"

namespace {

using namespace std::chrono_literals;
using clv_family = schemetric::summary_family<example::metrics::customer_lifetime_value_dollars>;
using size_family = schemetric::summary_family<example::metrics::request_size_bytes>;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

static_assert(clv_family::kind == schemetric::metric_kind::summary);
static_assert(clv_family::series_count == 3);
static_assert(clv_family::quantile_count == 3);
static_assert(size_family::series_count == 1);
static_assert(size_family::quantile_count == 11);
static_assert(std::is_same_v<clv_family::snapshot_type, schemetric::summary_snapshot<3>>);
static_assert(
    std::is_same_v<clv_family::labels_type, example::labels::customer_lifetime_value_dollars>);
static_assert(
    std::is_same_v<clv_family::metric, example::metrics::customer_lifetime_value_dollars>);
static_assert(std::is_same_v<decltype(std::declval<clv_family&>()({.region = example::region::eu})),
                             schemetric::summary<example::metrics::customer_lifetime_value_dollars,
                                                 std::chrono::steady_clock>>);
static_assert(clv_family::relative_accuracy == 0.01);
// A handle may be kept and copied; the family is not copyable.
static_assert(
    std::is_trivially_copyable_v<schemetric::summary<example::metrics::request_size_bytes>>);
static_assert(!std::is_copy_constructible_v<clv_family>);

/// A clock the tests set by hand (the summary's Clock parameter).
struct manual_clock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<manual_clock>;
  static constexpr bool is_steady = false;

  static time_point now() noexcept { return time_point(duration(ticks.load())); }
  static void set(duration since_epoch) noexcept { ticks.store(since_epoch.count()); }

  static inline std::atomic<std::int64_t> ticks{0};
};

/// The generated request_size_bytes descriptor with the manual clock.
using manual_size_family =
    schemetric::summary_family<example::metrics::request_size_bytes, manual_clock>;

/// The start of a sub-window: the example descriptors' sub-windows are 600 s / 5 = 120 s long
/// and aligned to the clock's epoch.
const std::chrono::steady_clock::time_point t0{120s * 1000};

/// The exact q-quantile as summary_family defines it: the observation of rank
/// floor(q (n - 1)) in increasing order.
double exact_quantile(const std::vector<double>& sorted, double fraction) {
  return sorted[static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1))];
}

/// Checks every estimate of `snapshot` against the exact quantile of `values`:
/// |estimate - exact| <= alpha |exact| (a tolerance of 1e-9 relative for rounding).
template <class Snapshot, std::size_t K>
void expect_within_bound(const Snapshot& snapshot, const std::array<double, K>& fractions,
                         std::vector<double> values) {
  std::sort(values.begin(), values.end());
  for (std::size_t k = 0; k < K; ++k) {
    const double exact = exact_quantile(values, fractions[k]);
    const double estimate = snapshot.quantile_values[k];
    EXPECT_LE(std::abs(estimate - exact), 0.01 * std::abs(exact) * (1 + 1e-9))
        << "quantile " << fractions[k] << ": estimate " << estimate << ", exact " << exact;
  }
}

/// Observes every value into the unlabeled request_size_bytes at t0 and checks the snapshot.
void check_distribution(const std::vector<double>& values) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  for (double value : values) series.observe(value, t0);
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0 + 1s);
  EXPECT_EQ(snapshot.count, values.size());
  // One thread adds to one stripe in order, so the sum is the sequential sum, bit for bit.
  EXPECT_EQ(snapshot.sum, std::accumulate(values.begin(), values.end(), 0.0));
  expect_within_bound(snapshot, example::metrics::request_size_bytes::quantiles, values);
}

TEST(summary_accuracy, uniform_integers_1_to_100000_shuffled) {
  std::vector<double> values(100'000);
  std::iota(values.begin(), values.end(), 1.0);
  std::shuffle(values.begin(), values.end(), std::mt19937_64(20240601));
  check_distribution(values);

  auto registry = std::make_unique<example::registry>();
  for (double value : values) registry->request_size_bytes().observe(value, t0);
  const auto snapshot = registry->request_size_bytes.snapshot_at(0, t0);
  EXPECT_EQ(snapshot.count, 100'000u);
  EXPECT_EQ(snapshot.sum, 5'000'050'000.0);
  EXPECT_NEAR(snapshot.quantile_values[0], 1, 0.01);         // the minimum
  EXPECT_NEAR(snapshot.quantile_values[4], 50'000, 500);     // the median
  EXPECT_NEAR(snapshot.quantile_values[10], 100'000, 1000);  // the maximum
}

TEST(summary_accuracy, exponential) {
  std::mt19937_64 random(7);
  std::exponential_distribution<double> distribution(4.0);  // mean 0.25
  std::vector<double> values(200'000);
  for (double& value : values) value = distribution(random);
  check_distribution(values);
}

TEST(summary_accuracy, log_normal_over_many_decades) {
  std::mt19937_64 random(11);
  std::lognormal_distribution<double> distribution(0.0, 2.5);
  std::vector<double> values(200'000);
  for (double& value : values) value = distribution(random);
  ASSERT_LT(*std::min_element(values.begin(), values.end()), 1e-3);
  ASSERT_GT(*std::max_element(values.begin(), values.end()), 1e3);
  check_distribution(values);
}

TEST(summary_accuracy, constant) {
  check_distribution(std::vector<double>(1000, 42.5));

  auto registry = std::make_unique<example::registry>();
  for (int i = 0; i < 1000; ++i) registry->request_size_bytes().observe(42.5, t0);
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0);
  for (double estimate : snapshot.quantile_values) {
    EXPECT_EQ(estimate, snapshot.quantile_values[0]);  // one bucket, one value
  }
  EXPECT_EQ(snapshot.sum, 42'500.0);
}

TEST(summary_accuracy, negative_values) {
  std::vector<double> values(50'000);
  std::iota(values.begin(), values.end(), -50'000.0);  // -50000 .. -1
  std::shuffle(values.begin(), values.end(), std::mt19937_64(3));
  check_distribution(values);
}

TEST(summary_accuracy, mixed_signs_and_zeros) {
  std::mt19937_64 random(5);
  std::normal_distribution<double> distribution(0.0, 100.0);
  std::vector<double> values(100'000);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = i % 10 == 0 ? 0.0 : distribution(random);
  }
  check_distribution(values);
}

TEST(summary_accuracy, zeros_read_back_exactly) {
  auto registry = std::make_unique<example::registry>();
  for (int i = 0; i < 100; ++i) registry->request_size_bytes().observe(i % 2 ? 0.0 : -0.0, t0);
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0);
  for (double estimate : snapshot.quantile_values) EXPECT_EQ(estimate, 0.0);
  EXPECT_EQ(snapshot.count, 100u);
  EXPECT_EQ(snapshot.sum, 0.0);
}

TEST(summary_accuracy, one_age_bucket) {
  auto registry = std::make_unique<example::registry>();
  std::vector<double> values(1000);
  std::iota(values.begin(), values.end(), 1.0);
  for (double value : values) registry->single_bucket_seconds().observe(value, t0);
  const auto snapshot = registry->single_bucket_seconds.snapshot({}, t0);
  expect_within_bound(snapshot, example::metrics::single_bucket_seconds::quantiles, values);
  EXPECT_LT(snapshot.quantile_values[0], snapshot.quantile_values[1]);  // {0.1, 0.9}
  // 0.5 s sub-windows: the whole window expires at once.
  EXPECT_TRUE(
      std::isnan(registry->single_bucket_seconds.snapshot({}, t0 + 500ms).quantile_values[0]));
  EXPECT_EQ(registry->single_bucket_seconds.snapshot({}, t0 + 500ms).count, 1000u);
}

TEST(summary_range, magnitudes_outside_the_range_are_clamped_into_the_end_buckets) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  series.observe(1e-12, t0);
  series.observe(1e15, t0);
  auto snapshot = registry->request_size_bytes.snapshot({}, t0);
  EXPECT_GT(snapshot.quantile_values[0], 0);
  EXPECT_LE(snapshot.quantile_values[0], 1.03e-9);  // read back as about 1e-9
  EXPECT_NEAR(snapshot.quantile_values[10], 1e12, 0.03e12);
  EXPECT_EQ(snapshot.sum, 1e15 + 1e-12);

  auto& family = registry->customer_lifetime_value_dollars;
  family({.region = example::region::us}).observe(inf, t0);
  family({.region = example::region::eu}).observe(-inf, t0);
  family({.region = example::region::eu}).observe(-1e13, t0);
  const auto positive = family.snapshot({.region = example::region::us}, t0);
  const auto negative = family.snapshot({.region = example::region::eu}, t0);
  for (double estimate : positive.quantile_values) EXPECT_NEAR(estimate, 1e12, 0.03e12);
  for (double estimate : negative.quantile_values) EXPECT_NEAR(estimate, -1e12, 0.03e12);
  EXPECT_EQ(positive.sum, inf);
  EXPECT_EQ(negative.count, 2u);
  EXPECT_EQ(negative.sum, -inf);
}

TEST(summary_range, nan_counts_in_count_and_sum_but_not_in_the_window) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  for (int i = 0; i < 3; ++i) series.observe(5.0, t0);
  series.observe(nan, t0);
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0);
  EXPECT_EQ(snapshot.count, 4u);
  EXPECT_TRUE(std::isnan(snapshot.sum));
  for (double estimate : snapshot.quantile_values) EXPECT_NEAR(estimate, 5.0, 0.05);
}

TEST(summary_window, an_empty_series_reads_nan_quantiles_and_zero_totals) {
  auto registry = std::make_unique<example::registry>();
  const auto snapshot =
      registry->customer_lifetime_value_dollars.snapshot({.region = example::region::eu});
  for (double estimate : snapshot.quantile_values) EXPECT_TRUE(std::isnan(estimate));
  EXPECT_EQ(snapshot.count, 0u);
  EXPECT_EQ(snapshot.sum, 0.0);
  // A value-initialized snapshot is the empty one.
  const schemetric::summary_snapshot<2> empty{};
  EXPECT_TRUE(std::isnan(empty.quantile_values[0]) && std::isnan(empty.quantile_values[1]));
}

TEST(summary_window, old_observations_leave_the_quantiles_but_stay_in_count_and_sum) {
  auto registry = std::make_unique<example::registry>();
  auto& family = registry->customer_lifetime_value_dollars;
  const example::labels::customer_lifetime_value_dollars eu{.region = example::region::eu};
  for (int i = 0; i < 100; ++i) family(eu).observe(1000.0, t0);       // sub-window 0
  for (int i = 0; i < 100; ++i) family(eu).observe(10.0, t0 + 240s);  // sub-window 2

  auto snapshot = family.snapshot(eu, t0 + 599s);      // sub-window 4: both live
  EXPECT_NEAR(snapshot.quantile_values[0], 10, 0.1);   // rank 99 of 200
  EXPECT_NEAR(snapshot.quantile_values[1], 1000, 10);  // rank 179
  EXPECT_NEAR(snapshot.quantile_values[2], 1000, 10);
  EXPECT_EQ(snapshot.count, 200u);
  EXPECT_EQ(snapshot.sum, 101'000.0);

  snapshot = family.snapshot(eu, t0 + 600s);  // sub-window 5: sub-window 0 has expired
  for (double estimate : snapshot.quantile_values) EXPECT_NEAR(estimate, 10, 0.1);
  EXPECT_EQ(snapshot.count, 200u);
  EXPECT_EQ(snapshot.sum, 101'000.0);

  snapshot = family.snapshot(eu, t0 + 839s);  // sub-window 6: sub-window 2 still live
  for (double estimate : snapshot.quantile_values) EXPECT_NEAR(estimate, 10, 0.1);

  snapshot = family.snapshot(eu, t0 + 840s);  // sub-window 7: nothing live
  for (double estimate : snapshot.quantile_values) EXPECT_TRUE(std::isnan(estimate));
  EXPECT_EQ(snapshot.count, 200u);
  EXPECT_EQ(snapshot.sum, 101'000.0);
}

TEST(summary_window, the_window_reaches_back_at_least_max_age_minus_one_sub_window) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  series.observe(7.0, t0 + 119s + 999ms);  // the end of sub-window 0
  // 480 s later, at the start of sub-window 4: still in the window.
  EXPECT_NEAR(registry->request_size_bytes.snapshot({}, t0 + 480s).quantile_values[4], 7, 0.07);
  EXPECT_NEAR(registry->request_size_bytes.snapshot({}, t0 + 599s).quantile_values[4], 7, 0.07);
  // 480 s + 1 ms later, at the start of sub-window 5: gone.
  EXPECT_TRUE(std::isnan(registry->request_size_bytes.snapshot({}, t0 + 600s).quantile_values[4]));
}

TEST(summary_window, a_reused_sub_window_starts_empty) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  for (int i = 0; i < 10; ++i) series.observe(1000.0, t0);
  for (int i = 0; i < 10; ++i) series.observe(5.0, t0 + 600s);  // same ring place as t0's
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0 + 600s);
  for (double estimate : snapshot.quantile_values) EXPECT_NEAR(estimate, 5, 0.05);
  EXPECT_EQ(snapshot.count, 20u);
  EXPECT_EQ(snapshot.sum, 10'050.0);
  // Read as of an earlier time, the sub-window now holds a later slot: left out.
  EXPECT_TRUE(std::isnan(registry->request_size_bytes.snapshot({}, t0 + 1s).quantile_values[4]));
}

TEST(summary_window, an_observation_a_whole_window_late_is_left_out_of_the_quantiles) {
  auto registry = std::make_unique<example::registry>();
  auto series = registry->request_size_bytes();
  series.observe(5.0, t0 + 600s);
  series.observe(1000.0, t0);  // its sub-window already holds t0 + 600 s
  const auto snapshot = registry->request_size_bytes.snapshot({}, t0 + 600s);
  EXPECT_NEAR(snapshot.quantile_values[10], 5, 0.05);
  EXPECT_EQ(snapshot.count, 2u);
  EXPECT_EQ(snapshot.sum, 1005.0);
}

TEST(summary_window, a_manual_clock_drives_observe_and_snapshot) {
  auto manual_family = std::make_unique<manual_size_family>();
  auto& family = *manual_family;
  manual_clock::set(1000h);
  auto series = family();
  static_assert(std::is_same_v<decltype(series)::clock, manual_clock>);
  for (int i = 1; i <= 100; ++i) series.observe(i);
  manual_clock::set(1000h + 5min);
  auto snapshot = family.snapshot({});
  EXPECT_NEAR(snapshot.quantile_values[10], 100, 1);
  EXPECT_EQ(snapshot.count, 100u);
  EXPECT_EQ(snapshot.sum, 5050.0);
  manual_clock::set(1000h + 10min);
  snapshot = family.snapshot_at(0);
  EXPECT_TRUE(std::isnan(snapshot.quantile_values[10]));
  EXPECT_EQ(snapshot.count, 100u);
}

TEST(summary_window, sub_windows_before_the_clock_epoch_are_floored) {
  auto manual_family = std::make_unique<manual_size_family>();
  auto& family = *manual_family;
  using time_point = manual_clock::time_point;
  // -1 ns and +1 ns are in sub-windows -1 and 0; -120 s is in -1 too, -120 s - 1 ns in -2.
  family().observe(1.0, time_point(-1ns));
  family().observe(2.0, time_point(-120s - 1ns));
  auto snapshot = family.snapshot({}, time_point(-1ns));
  EXPECT_NEAR(snapshot.quantile_values[0], 1, 0.01);  // the minimum
  EXPECT_NEAR(snapshot.quantile_values[10], 2, 0.02);
  // Sub-window -2 leaves the window at sub-window 3 (t = 360 s), sub-window -1 at 4.
  snapshot = family.snapshot({}, time_point(360s));
  EXPECT_NEAR(snapshot.quantile_values[10], 1, 0.01);
  snapshot = family.snapshot({}, time_point(480s));
  EXPECT_TRUE(std::isnan(snapshot.quantile_values[10]));
  EXPECT_EQ(snapshot.count, 2u);
}

TEST(summary_series, series_are_independent) {
  auto registry = std::make_unique<example::registry>();
  auto& family = registry->customer_lifetime_value_dollars;
  std::vector<double> eu_values(1000);
  std::iota(eu_values.begin(), eu_values.end(), 1.0);
  for (double value : eu_values) family({.region = example::region::eu}).observe(value, t0);
  for (int i = 0; i < 10; ++i) family({.region = example::region::us}).observe(1e6, t0);

  const auto eu = family.snapshot({.region = example::region::eu}, t0);
  expect_within_bound(eu, example::metrics::customer_lifetime_value_dollars::quantiles, eu_values);
  EXPECT_EQ(eu.count, 1000u);
  EXPECT_EQ(eu.sum, 500'500.0);
  const auto us = family.snapshot_at(1, t0);  // series index of region us
  for (double estimate : us.quantile_values) EXPECT_NEAR(estimate, 1e6, 1e4);
  EXPECT_EQ(us.count, 10u);
  const auto apac = family.snapshot({.region = example::region::apac}, t0);
  for (double estimate : apac.quantile_values) EXPECT_TRUE(std::isnan(estimate));
  EXPECT_EQ(apac.count, 0u);
  // Other families are untouched.
  EXPECT_EQ(registry->request_size_bytes.snapshot({}, t0).count, 0u);
}

TEST(summary_series, handles_of_the_same_labels_share_a_series) {
  auto registry = std::make_unique<example::registry>();
  auto& family = registry->customer_lifetime_value_dollars;
  auto first = family({.region = example::region::apac});
  auto second = family({.region = example::region::apac});
  first.observe(3.0, t0);
  second.observe(4.0, t0);
  const auto snapshot = family.snapshot({.region = example::region::apac}, t0);
  EXPECT_EQ(snapshot.count, 2u);
  EXPECT_EQ(snapshot.sum, 7.0);
}

}  // namespace
