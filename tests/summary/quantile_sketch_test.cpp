// The summary's estimator alone: bucket geometry, the relative error bound for every value,
// ordering, special values, and the sliding window's handling of a racing rotation.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <type_traits>

#include <gtest/gtest.h>

#include "schemetric/detail/quantile_sketch.hpp"

namespace {

namespace log_buckets = schemetric::detail::log_buckets;
using schemetric::detail::windowed_quantile_sketch;

constexpr double alpha = log_buckets::relative_accuracy;
constexpr double gamma_ = (1 + alpha) / (1 - alpha);

double read_back(double value) {
  return log_buckets::cell_value(log_buckets::cell_of(value));
}

TEST(log_buckets, constants) {
  EXPECT_NEAR(log_buckets::ln_gamma, std::log(gamma_), 1e-16);
  EXPECT_NEAR(log_buckets::buckets_per_octave, 35.0, 0.01);
  EXPECT_EQ(log_buckets::magnitude_bucket_count, 2443u);
  EXPECT_EQ(log_buckets::cell_count, 2 * 2443u + 1);
}

TEST(log_buckets, every_bucket_spans_a_ratio_of_at_most_gamma) {
  for (std::int64_t index = log_buckets::min_index; index <= log_buckets::max_index; ++index) {
    const double lower =
        log_buckets::magnitude_at(static_cast<double>(index - 1) / log_buckets::buckets_per_octave);
    const double upper =
        log_buckets::magnitude_at(static_cast<double>(index) / log_buckets::buckets_per_octave);
    ASSERT_LT(lower, upper) << index;
    ASSERT_LE(upper / lower, gamma_ * (1 + 1e-12)) << index;
    // And not much narrower: at most 4% narrower where the cubic is steepest.
    ASSERT_GE(upper / lower, 1 + 0.95 * (gamma_ - 1)) << index;
    const std::size_t cell =
        log_buckets::zero_cell + static_cast<std::size_t>(index - log_buckets::min_index + 1);
    const double value = log_buckets::cell_value(cell);
    ASSERT_LE(std::abs(value - lower), alpha * lower * (1 + 1e-12)) << index;
    ASSERT_LE(std::abs(value - upper), alpha * upper * (1 + 1e-12)) << index;
  }
}

TEST(log_buckets, every_value_in_range_reads_back_within_alpha) {
  // Log-spaced over [1e-9, 1e12], then random magnitudes: |x' - x| <= alpha |x|, mirrored for
  // negative values.
  const double step = std::pow(1e21, 1.0 / 300'000);
  std::size_t checked = 0;
  for (double value = 1e-9; value <= 1e12; value *= step, ++checked) {
    const double estimate = read_back(value);
    ASSERT_LE(std::abs(estimate - value), alpha * value * (1 + 1e-12)) << value;
    ASSERT_EQ(read_back(-value), -estimate) << value;
  }
  EXPECT_GT(checked, 299'000u);
  std::mt19937_64 random(1);
  std::uniform_real_distribution<double> exponent(-9, 12);
  for (int i = 0; i < 200'000; ++i) {
    const double value = std::pow(10.0, exponent(random));
    ASSERT_LE(std::abs(read_back(value) - value), alpha * value * (1 + 1e-12)) << value;
  }
  // Both ends of the range.
  EXPECT_LE(std::abs(read_back(1e-9) - 1e-9), alpha * 1e-9);
  EXPECT_LE(std::abs(read_back(1e12) - 1e12), alpha * 1e12);
}

TEST(log_buckets, cells_follow_the_order_of_values) {
  std::size_t previous = 0;
  const double step = std::pow(1e26, 1.0 / 200'000);
  for (double magnitude = 1e13; magnitude >= 1e-13; magnitude /= step) {
    const std::size_t cell = log_buckets::cell_of(-magnitude);
    ASSERT_GE(cell, previous) << -magnitude;
    previous = cell;
  }
  ASSERT_GE(log_buckets::cell_of(0.0), previous);
  previous = log_buckets::cell_of(0.0);
  for (double magnitude = 1e-13; magnitude <= 1e13; magnitude *= step) {
    const std::size_t cell = log_buckets::cell_of(magnitude);
    ASSERT_GE(cell, previous) << magnitude;
    previous = cell;
  }
}

TEST(log_buckets, special_values) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t top = log_buckets::cell_count - 1;
  EXPECT_EQ(log_buckets::cell_of(0.0), log_buckets::zero_cell);
  EXPECT_EQ(log_buckets::cell_of(-0.0), log_buckets::zero_cell);
  EXPECT_EQ(log_buckets::cell_value(log_buckets::zero_cell), 0.0);
  EXPECT_EQ(log_buckets::cell_of(inf), top);
  EXPECT_EQ(log_buckets::cell_of(-inf), 0u);
  EXPECT_EQ(log_buckets::cell_of(std::numeric_limits<double>::max()), top);
  EXPECT_EQ(log_buckets::cell_of(1e12), top);
  EXPECT_EQ(log_buckets::cell_of(std::numeric_limits<double>::denorm_min()),
            log_buckets::zero_cell + 1);
  EXPECT_EQ(log_buckets::cell_of(-std::numeric_limits<double>::denorm_min()),
            log_buckets::zero_cell - 1);
  EXPECT_EQ(log_buckets::cell_of(1e-12), log_buckets::zero_cell + 1);
  EXPECT_EQ(log_buckets::cell_of(1e-9), log_buckets::zero_cell + 1);
  EXPECT_LE(log_buckets::cell_value(log_buckets::zero_cell + 1), 1.03e-9);
  EXPECT_NEAR(log_buckets::cell_value(top), 1e12, 0.03e12);
  EXPECT_NEAR(log_buckets::cell_value(0), -1e12, 0.03e12);
}

// The tests reach a sketch's sub-windows through its first (only) member.
using sketch5 = windowed_quantile_sketch<5>;
static_assert(std::is_standard_layout_v<sketch5>);
static_assert(sizeof(sketch5) == 5 * sizeof(schemetric::detail::sub_window_sketch));

schemetric::detail::sub_window_sketch& sub_window_of(sketch5& sketch, std::int64_t slot) {
  return reinterpret_cast<schemetric::detail::sub_window_sketch*>(
      &sketch)[schemetric::detail::stamp_of_slot(slot) % 5];
}

TEST(windowed_quantile_sketch,
     an_observation_meeting_a_rotation_counts_in_the_previous_sub_window) {
  auto sketch = std::make_unique<sketch5>();
  constexpr std::array<double, 2> min_max{0, 1};
  std::array<double, 2> values{};
  sketch->record(1.0, 100);
  // Another thread is clearing the sub-window of slot 101.
  sub_window_of(*sketch, 101).stamp.store(schemetric::detail::rotating_stamp);
  sketch->record(2.0, 101);
  sketch->quantiles(min_max, 101, values);
  EXPECT_NEAR(values[0], 1, 0.01);
  EXPECT_NEAR(values[1], 2, 0.02);
  sketch->quantiles(min_max, 104, values);
  EXPECT_NEAR(values[1], 2, 0.02);
  sketch->quantiles(min_max, 105, values);  // slot 100 has left: so has the 2 counted in it
  EXPECT_TRUE(std::isnan(values[1]));
  // The rotation finishes; later observations of slot 101 go to their own sub-window.
  sub_window_of(*sketch, 101).stamp.store(schemetric::detail::stamp_of_slot(101));
  sketch->record(3.0, 101);
  sketch->quantiles(min_max, 105, values);
  EXPECT_NEAR(values[0], 3, 0.03);
}

TEST(windowed_quantile_sketch, without_a_live_previous_sub_window_it_counts_in_the_rotating_one) {
  auto sketch = std::make_unique<sketch5>();
  constexpr std::array<double, 1> median{0.5};
  std::array<double, 1> values{};
  sub_window_of(*sketch, 200).stamp.store(schemetric::detail::rotating_stamp);
  sketch->record(4.0, 200);
  sub_window_of(*sketch, 200).stamp.store(schemetric::detail::stamp_of_slot(200));
  sketch->quantiles(median, 200, values);
  EXPECT_NEAR(values[0], 4, 0.04);
}

TEST(windowed_quantile_sketch, rotation_clears_the_expired_slot) {
  auto sketch = std::make_unique<sketch5>();
  constexpr std::array<double, 2> min_max{0, 1};
  std::array<double, 2> values{};
  for (int i = 0; i < 5; ++i) sketch->record(-8.0, 10);
  sketch->record(9.0, 15);  // same sub-window as slot 10
  sketch->quantiles(min_max, 15, values);
  EXPECT_NEAR(values[0], 9, 0.09);
  EXPECT_NEAR(values[1], 9, 0.09);
  EXPECT_EQ(sub_window_of(*sketch, 15).stamp.load(), schemetric::detail::stamp_of_slot(15));
}

}  // namespace
