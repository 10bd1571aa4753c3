// Unit tests of the metric families: counters, gauges, histograms, statesets and info.
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

namespace {

using shop::method;
using shop::status;

class metrics_test : public ::testing::Test {
 protected:
  // A registry is large and not movable: tests allocate it.
  std::unique_ptr<shop::registry> owner_ = std::make_unique<shop::registry>();
  shop::registry& reg = *owner_;
};

TEST_F(metrics_test, counter_series_are_independent) {
  reg.requests_total({.method = method::get, .status = status::_200}).inc();
  reg.requests_total({.method = method::get, .status = status::_200}).inc(2);
  reg.requests_total({.method = method::post, .status = status::_200}).inc(std::size_t{5});
  EXPECT_EQ(reg.requests_total.value({.method = method::get, .status = status::_200}), 3u);
  EXPECT_EQ(reg.requests_total.value({.method = method::post, .status = status::_200}), 5u);
  EXPECT_EQ(reg.requests_total.value({.method = method::get, .status = status::_404}), 0u);
}

TEST_F(metrics_test, counter_handle_can_be_kept) {
  auto posts = reg.requests_total({.method = method::post, .status = status::_5_xx__});
  for (int i = 0; i < 10; ++i) posts.inc();
  EXPECT_EQ(reg.requests_total.value({.method = method::post, .status = status::_5_xx__}), 10u);
}

TEST_F(metrics_test, every_label_combination_is_a_series_exposed_in_schema_order) {
  EXPECT_EQ(decltype(reg.requests_total)::series_count, 6u);  // 2 methods x 3 statuses
  // A distinct count per combination: each lands in its own series.
  std::uint64_t amount = 1;
  for (const method m : {method::get, method::post}) {
    for (const status s : {status::_200, status::_404, status::_5_xx__}) {
      reg.requests_total({.method = m, .status = s}).inc(amount++);
    }
  }
  amount = 1;
  for (const method m : {method::get, method::post}) {
    for (const status s : {status::_200, status::_404, status::_5_xx__}) {
      EXPECT_EQ(reg.requests_total.value({.method = m, .status = s}), amount++);
    }
  }
  // The exposition lists the series with the first label changing slowest, values in schema
  // order.
  std::string text;
  schemetric::text_writer(reg).write(text);
  const std::size_t get_404 = text.find("requests_total{method=\"GET\",status=\"404\"} 2\n");
  const std::size_t post_200 = text.find("requests_total{method=\"POST\",status=\"200\"} 4\n");
  ASSERT_NE(get_404, std::string::npos) << text;
  ASSERT_NE(post_200, std::string::npos) << text;
  EXPECT_LT(text.find("requests_total{method=\"GET\",status=\"200\"} 1\n"), get_404);
  EXPECT_LT(get_404, post_200);
}

TEST_F(metrics_test, float_counter_adds_fractions) {
  reg.cost_dollars_total().inc(0.25);
  reg.cost_dollars_total().inc(0.5);
  reg.cost_dollars_total().inc(1);
  EXPECT_DOUBLE_EQ(reg.cost_dollars_total.value({}), 1.75);
}

TEST_F(metrics_test, gauge_sets_and_moves) {
  auto up = reg.up_now();
  up.set(5);
  up.inc();
  up.dec();
  up.dec();
  up.add(-0.5);
  EXPECT_DOUBLE_EQ(reg.up_now.value({}), 3.5);
  up.set(-std::numeric_limits<double>::infinity());
  EXPECT_EQ(reg.up_now.value({}), -std::numeric_limits<double>::infinity());
}

TEST_F(metrics_test, histogram_counts_each_observation_in_its_bucket) {
  auto latency = reg.latency_seconds({.method = method::get});
  latency.observe(0.05);  // le=0.1
  latency.observe(0.1);   // le=0.1: bounds are inclusive
  latency.observe(0.5);   // le=1
  latency.observe(10);    // le=10
  latency.observe(11);    // +Inf
  const auto snapshot = reg.latency_seconds.snapshot({.method = method::get});
  EXPECT_EQ(snapshot.bucket_counts, (std::array<std::uint64_t, 4>{2, 1, 1, 1}));
  EXPECT_EQ(snapshot.count(), 5u);
  EXPECT_DOUBLE_EQ(snapshot.sum, 21.65);
  EXPECT_EQ(reg.latency_seconds.snapshot({.method = method::post}).count(), 0u);
}

TEST_F(metrics_test, histogram_edge_values) {
  auto latency = reg.latency_seconds({.method = method::post});
  latency.observe(-1);  // below every bound: first bucket
  latency.observe(std::numeric_limits<double>::infinity());
  latency.observe(std::numeric_limits<double>::quiet_NaN());  // +Inf, as the Go client does
  latency.observe(0);
  const auto snapshot = reg.latency_seconds.snapshot({.method = method::post});
  EXPECT_EQ(snapshot.bucket_counts, (std::array<std::uint64_t, 4>{2, 0, 0, 2}));
  EXPECT_TRUE(std::isnan(snapshot.sum));
}

// latency_seconds' smallest bound is 0.1, so its sum counts units of 1e-7 s
// (detail::sum_decimals: 6 decimals more than 0.1 has).
static_assert(schemetric::detail::sum_decimals(shop::metrics::latency_seconds::buckets) == 7);

TEST_F(metrics_test, histogram_sum_of_decimals_is_exact) {
  auto latency = reg.latency_seconds({.method = method::get});
  for (int i = 0; i < 10; ++i) latency.observe(0.1);
  // Ten doubles 0.1 added as doubles make 0.9999999999999999.
  EXPECT_EQ(reg.latency_seconds.snapshot({.method = method::get}).sum, 1.0);
}

TEST_F(metrics_test, histogram_sum_error_is_at_most_half_a_unit_per_observation) {
  auto latency = reg.latency_seconds({.method = method::get});
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> seconds(0, 20);
  constexpr int observations = 100000;
  long double exact = 0;  // 64 bits of mantissa: exact enough to judge 1e-7 s per observation
  for (int i = 0; i < observations; ++i) {
    const double value = seconds(random);
    latency.observe(value);
    exact += value;
  }
  const double sum = reg.latency_seconds.snapshot({.method = method::get}).sum;
  const double error = std::fabs(static_cast<double>(static_cast<long double>(sum) - exact));
  // At most half a unit (0.5e-7) per observation, and the rounding of the result to a double.
  EXPECT_LE(error, observations * 0.5e-7 + 1e-15 * static_cast<double>(exact));
}

TEST_F(metrics_test, histogram_sum_adds_values_outside_its_units_as_doubles) {
  auto latency = reg.latency_seconds({.method = method::get});
  latency.observe(-1.5);  // negative
  latency.observe(1e9);   // more than 2^52 units of 1e-7 s
  latency.observe(0.25);
  EXPECT_EQ(reg.latency_seconds.snapshot({.method = method::get}).sum, -1.5 + 1e9 + 0.25);
  latency.observe(std::numeric_limits<double>::infinity());
  EXPECT_EQ(reg.latency_seconds.snapshot({.method = method::get}).sum,
            std::numeric_limits<double>::infinity());
}

TEST_F(metrics_test, histogram_sum_stays_exact_when_a_stripe_passes_2_to_the_63_units) {
  // 4e8 s is 4e15 units: about 2306 observations pass 2^63 units on this thread's stripe,
  // and the units move to the series' double, twice here.
  auto latency = reg.latency_seconds({.method = method::get});
  for (int i = 0; i < 5000; ++i) latency.observe(4e8);
  const auto snapshot = reg.latency_seconds.snapshot({.method = method::get});
  EXPECT_EQ(snapshot.count(), 5000u);
  EXPECT_EQ(snapshot.sum, 5000 * 4e8);
}

TEST(bucket_search, matches_a_linear_search_for_every_size) {
  // Sizes 1..17 cover trees of 1, 3, 7, 15 and 31 nodes, with and without padding.
  auto check = []<std::size_t N>(std::integral_constant<std::size_t, N>) {
    std::array<double, N> bounds{};
    for (std::size_t i = 0; i < N; ++i) bounds[i] = static_cast<double>(i) * 2.0;
    const schemetric::detail::bucket_bounds<N> search(bounds);
    for (double v = -1.0; v <= static_cast<double>(N) * 2.0 + 1; v += 0.5) {
      std::size_t expected = N;
      for (std::size_t i = 0; i < N; ++i) {
        if (v <= bounds[i]) {
          expected = i;
          break;
        }
      }
      EXPECT_EQ(search.index_of(v), expected) << "N=" << N << " v=" << v;
    }
    // NaN gets a slot of its own past N (or N itself when the tree has no padding), which
    // the histogram counts as +Inf.
    constexpr std::size_t nan_index = schemetric::detail::bucket_bounds<N>::nan_index;
    static_assert(nan_index >= N);
    EXPECT_EQ(search.index_of(std::numeric_limits<double>::quiet_NaN()), nan_index);
    EXPECT_EQ(search.index_of(std::numeric_limits<double>::infinity()), N);
    EXPECT_EQ(search.index_of(-std::numeric_limits<double>::infinity()), 0u);
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (check(std::integral_constant<std::size_t, I + 1>{}), ...);
  }
  (std::make_index_sequence<17>{});
}

TEST_F(metrics_test, stateset_starts_in_the_first_state_and_switches) {
  EXPECT_EQ(reg.health.state({.method = method::get}), shop::health_state::healthy);
  reg.health({.method = method::get}).set(shop::health_state::degraded);
  EXPECT_EQ(reg.health.state({.method = method::get}), shop::health_state::degraded);
  EXPECT_EQ(reg.health.state({.method = method::post}), shop::health_state::healthy);
}

TEST_F(metrics_test, info_copies_and_escapes_its_labels) {
  EXPECT_FALSE(reg.build_info.is_set());
  {
    std::string version = "1.2.0 \"rc\"";
    reg.build_info.set({.version = version, .revision = "abc\\def"});
    version = "overwritten";
  }
  EXPECT_TRUE(reg.build_info.is_set());
  EXPECT_EQ(reg.build_info.labels_text(), R"({version="1.2.0 \"rc\"",revision="abc\\def"})");
}

TEST(callback, owns_one_copy_of_its_callable_and_frees_it) {
  auto token = std::make_shared<int>(0);
  schemetric::detail::callback<int> held([token](const int& value) { *token += value; });
  EXPECT_EQ(token.use_count(), 2);
  ASSERT_TRUE(held);
  held(2);
  schemetric::detail::callback<int> moved(std::move(held));
  EXPECT_FALSE(held);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  moved(3);
  EXPECT_EQ(*token, 5);
  EXPECT_EQ(token.use_count(), 2);
  moved = [](const int&) {
  };
  EXPECT_EQ(token.use_count(), 1);  // the replaced callable is freed
  moved = nullptr;
  EXPECT_FALSE(moved);
}

TEST(label, spellings_come_from_the_schema) {
  EXPECT_EQ(schemetric::label_text(method::post), "POST");
  EXPECT_EQ(schemetric::label_text(status::_5_xx__), "5\"xx\\\n");
  EXPECT_EQ(schemetric::label_cardinality<status>, 3u);
  EXPECT_EQ(schemetric::detail::label_names<shop::labels::requests_total>(),
            (std::array<std::string_view, 2>{"method", "status"}));
}

}  // namespace
