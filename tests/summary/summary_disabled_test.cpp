// The summary API with metrics compiled out: this file is built with SCHEMETRIC_ENABLED=0.
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <gtest/gtest.h>
#include <boost/hana/define_struct.hpp>

#include "schemetric/label.hpp"
#include "schemetric/summary.hpp"

static_assert(!SCHEMETRIC_ENABLED, "build this file with SCHEMETRIC_ENABLED=0");

namespace disabled_example {

enum class shard : std::uint8_t { a, b };
constexpr std::array<std::string_view, 2> schemetric_label_values(shard) noexcept {
  return {"a", "b"};
}
namespace labels {
struct queue_wait_seconds {
  BOOST_HANA_DEFINE_STRUCT(queue_wait_seconds,
                           (schemetric::label<::disabled_example::shard>, shard));
};
}  // namespace labels
namespace metrics {
struct queue_wait_seconds {
  static constexpr std::string_view name = "queue_wait_seconds";
  static constexpr std::string_view help = "Wait.";
  static constexpr std::string_view unit = "seconds";
  using labels = ::disabled_example::labels::queue_wait_seconds;
  static constexpr std::array<double, 2> quantiles{0.5, 0.99};
  static constexpr double max_age_seconds = 60;
  static constexpr std::size_t age_buckets = 3;
};
struct batch_size {
  static constexpr std::string_view name = "batch_size";
  static constexpr std::string_view help = "Batch.";
  static constexpr std::string_view unit = "";
  using labels = schemetric::no_labels;
  static constexpr std::array<double, 1> quantiles{0.5};
  static constexpr double max_age_seconds = 60;
  static constexpr std::size_t age_buckets = 3;
};
}  // namespace metrics

}  // namespace disabled_example

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
