// Summaries under concurrency: eight writers and a reader taking snapshots; count and sum stay
// exact, also while sub-windows rotate under the writers. Run under TSan.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "example_metrics.hpp"

namespace {

using namespace std::chrono_literals;

constexpr int writers = 8;  // more threads than stripes: stripes are shared

/// Lets the writers start together, so that they overlap on a two-core machine too.
class start_line {
 public:
  void arrive_and_wait() {
    waiting_.fetch_add(1);
    while (waiting_.load() < writers) std::this_thread::yield();
  }

 private:
  std::atomic<int> waiting_{0};
};

TEST(summary_concurrency, eight_writers_and_a_snapshotting_reader_agree_on_exact_totals) {
  constexpr int iterations = 50'000;  // each thread observes 1..1000, 50 times over
  auto registry = std::make_unique<example::registry>();
  auto& family = registry->request_size_bytes;
  std::atomic<bool> done{false};
  std::atomic<int> snapshots{0};
  std::atomic<int> bad_snapshots{0};
  start_line start;

  std::thread reader([&] {
    std::uint64_t last_count = 0;
    while (!done.load()) {
      const auto snapshot = family.snapshot({});
      // Counts only grow; every estimate is NaN (nothing in the window yet) or near 1..1000.
      bool good = snapshot.count >= last_count;
      for (double estimate : snapshot.quantile_values) {
        good = good && (std::isnan(estimate) || (estimate >= 0.98 && estimate <= 1010));
      }
      if (!good) bad_snapshots.fetch_add(1);
      last_count = snapshot.count;
      snapshots.fetch_add(1);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&] {
      auto series = family();
      start.arrive_and_wait();
      for (int i = 0; i < iterations; ++i) series.observe(static_cast<double>(i % 1000 + 1));
    });
  }
  for (auto& thread : threads) thread.join();
  done = true;
  reader.join();

  EXPECT_GT(snapshots.load(), 0);
  EXPECT_EQ(bad_snapshots.load(), 0);
  const auto snapshot = family.snapshot({});
  constexpr std::uint64_t total = std::uint64_t{writers} * iterations;
  EXPECT_EQ(snapshot.count, total);
  // Integers: every partial sum is exact in a double.
  EXPECT_EQ(snapshot.sum, writers * (iterations / 1000) * 500'500.0);
  // Each of 1..1000 was observed total / 1000 times; the exact quantile of rank
  // floor(q (n - 1)) is rank / (n / 1000) + 1. (The family is new: its sub-windows are used
  // for the first time, which loses nothing, so the window holds every observation.)
  const auto& fractions = example::metrics::request_size_bytes::quantiles;
  for (std::size_t k = 0; k < fractions.size(); ++k) {
    const auto rank = static_cast<std::uint64_t>(fractions[k] * static_cast<double>(total - 1));
    const double exact = static_cast<double>(rank / (total / 1000) + 1);
    EXPECT_LE(std::abs(snapshot.quantile_values[k] - exact), 0.01 * exact * (1 + 1e-9))
        << "quantile " << fractions[k];
  }
}

TEST(summary_concurrency, rotations_under_contention_keep_count_and_sum_exact) {
  // Each writer drives its own time forward 50 ms per observation, so the 120 s sub-windows
  // rotate every 2400 observations, with writers in different sub-windows racing to rotate,
  // recording into sub-windows being cleared, and arriving a whole window late.
  constexpr int iterations = 40'000;
  auto registry = std::make_unique<example::registry>();
  auto& family = registry->customer_lifetime_value_dollars;
  const example::labels::customer_lifetime_value_dollars eu{.region = example::region::eu};
  const std::chrono::steady_clock::time_point epoch{1000h};
  start_line start;
  std::atomic<bool> done{false};
  std::atomic<int> snapshots{0};

  std::thread reader([&] {
    int round = 0;
    while (!done.load()) {
      const auto snapshot = family.snapshot(eu, epoch + 50ms * (round++ % iterations));
      for (double estimate : snapshot.quantile_values) {
        EXPECT_TRUE(std::isnan(estimate) || (estimate >= 0.98 && estimate <= 102));
      }
      snapshots.fetch_add(1);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&, t] {
      auto series = family(eu);
      start.arrive_and_wait();
      for (int i = 0; i < iterations; ++i) {
        // Odd threads run 5.5 sub-windows ahead: they rotate the sub-windows even threads are
        // still recording into, and even threads arrive a whole window late.
        const auto now = epoch + 50ms * i + (t % 2 ? 660s : 0s);
        series.observe(static_cast<double>(i % 100 + 1), now);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  done = true;
  reader.join();

  EXPECT_GT(snapshots.load(), 0);
  const auto snapshot = family.snapshot(eu, epoch + 50ms * iterations + 660s);
  EXPECT_EQ(snapshot.count, std::uint64_t{writers} * iterations);
  EXPECT_EQ(snapshot.sum, writers * (iterations / 100) * 5050.0);
  // Whatever survived in the window lies in 1..100.
  for (double estimate : snapshot.quantile_values) {
    EXPECT_TRUE(std::isnan(estimate) || (estimate >= 0.98 && estimate <= 102));
  }
  // The other series saw nothing.
  EXPECT_EQ(family.snapshot({.region = example::region::us}).count, 0u);
}

}  // namespace
