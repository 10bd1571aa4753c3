// The summary API with metrics compiled out: this file is built with SCHEMETRIC_ENABLED=0.
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <gtest/gtest.h>

#include "disabled_example_metrics.hpp"

static_assert(!SCHEMETRIC_ENABLED, "build this file with SCHEMETRIC_ENABLED=0");

namespace {

using wait_family = schemetric::summary_family<disabled_example::metrics::queue_wait_seconds>;
using batch_family = schemetric::summary_family<disabled_example::metrics::batch_size>;
static_assert(std::is_empty_v<wait_family>);
static_assert(std::is_empty_v<batch_family>);
static_assert(wait_family::kind == schemetric::metric_kind::summary);
static_assert(wait_family::series_count == 2);
static_assert(wait_family::quantile_count == 2);

TEST(summary_disabled, same_api_records_nothing) {
  wait_family waits;
  batch_family batches;
  const auto now = std::chrono::steady_clock::now();
  waits({.shard = disabled_example::shard::a}).observe(1.0);
  waits({.shard = disabled_example::shard::b}).observe(2.0, now);
  batches().observe(3.0);
  const auto snapshot = waits.snapshot({.shard = disabled_example::shard::a});
  EXPECT_TRUE(std::isnan(snapshot.quantile_values[0]) && std::isnan(snapshot.quantile_values[1]));
  EXPECT_EQ(snapshot.count, 0u);
  EXPECT_EQ(snapshot.sum, 0.0);
  EXPECT_EQ(waits.snapshot({.shard = disabled_example::shard::b}, now).count, 0u);
  EXPECT_EQ(waits.snapshot_at(1).count, 0u);
  EXPECT_EQ(batches.snapshot_at(0, now).count, 0u);
}

}  // namespace
