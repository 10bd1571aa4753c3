// Several threads increment and observe while another serializes; the final totals are exact.
// Run under TSan in CI (the `tsan` preset).
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

namespace {

using shop::method;
using shop::status;

TEST(concurrency, writers_and_a_scraper_agree_on_exact_totals) {
  auto owner = std::make_unique<shop::registry>();
  shop::registry& reg = *owner;
  constexpr int writers = 6;  // more threads than stripes: stripes are shared
  constexpr int iterations = 20000;
  const schemetric::text_writer writer(reg);
  std::atomic<bool> done{false};
  std::atomic<int> scrapes{0};

  std::thread scraper([&] {
    std::string out;
    while (!done.load()) {
      out.clear();
      writer.write(out);
      writer.write(out, schemetric::exposition_format::openmetrics);
      scrapes.fetch_add(1);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&, t] {
      auto shared = reg.requests_total({.method = method::get, .status = status::_200});
      for (int i = 0; i < iterations; ++i) {
        shared.inc();
        reg.requests_total({.method = t % 2 ? method::post : method::get, .status = status::_404})
            .inc(2);
        reg.latency_seconds({.method = method::get}).observe(i % 3 == 0 ? 0.5 : 20.0);
        reg.cost_dollars_total().inc(0.5);
        reg.up_now().inc();
        reg.health({.method = method::get}).set(shop::health_state::degraded);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  done = true;
  scraper.join();

  EXPECT_GT(scrapes.load(), 0);
  EXPECT_EQ(reg.requests_total.value({.method = method::get, .status = status::_200}),
            std::uint64_t{writers} * iterations);
  EXPECT_EQ(reg.requests_total.value({.method = method::get, .status = status::_404}),
            std::uint64_t{writers / 2} * iterations * 2);
  EXPECT_EQ(reg.requests_total.value({.method = method::post, .status = status::_404}),
            std::uint64_t{writers / 2} * iterations * 2);
  const auto latency = reg.latency_seconds.snapshot({.method = method::get});
  EXPECT_EQ(latency.count(), std::uint64_t{writers} * iterations);
  EXPECT_EQ(latency.bucket_counts[1], std::uint64_t{writers} * ((iterations + 2) / 3));
  EXPECT_EQ(latency.sum, writers * ((iterations + 2) / 3 * 0.5 + (iterations - (iterations + 2) / 3) * 20.0));
  EXPECT_DOUBLE_EQ(reg.cost_dollars_total.value({}), writers * iterations * 0.5);
  EXPECT_DOUBLE_EQ(reg.up_now.value({}), writers * iterations);

  std::string out;
  writer.write(out);
  EXPECT_NE(out.find("requests_total{method=\"GET\",status=\"200\"} 120000\n"), std::string::npos);
  EXPECT_NE(out.find("latency_seconds_count{method=\"GET\"} 120000\n"), std::string::npos);
}

TEST(concurrency, histogram_sum_never_goes_back_while_stripes_move_their_units) {
  auto owner = std::make_unique<shop::registry>();
  shop::registry& reg = *owner;
  constexpr int writers = 6;
  constexpr int iterations = 6000;  // 4e8 s each: stripes pass 2^63 units of 1e-7 s
  std::atomic<bool> done{false};
  std::atomic<int> decreases{0};
  std::thread scraper([&] {
    double last = 0;
    while (!done.load()) {
      const double sum = reg.latency_seconds.snapshot({.method = method::post}).sum;
      if (sum < last) decreases.fetch_add(1);
      last = sum;
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&] {
      auto latency = reg.latency_seconds({.method = method::post});
      for (int i = 0; i < iterations; ++i) latency.observe(4e8);
    });
  }
  for (auto& thread : threads) thread.join();
  done = true;
  scraper.join();
  EXPECT_EQ(decreases.load(), 0);
  EXPECT_EQ(reg.latency_seconds.snapshot({.method = method::post}).sum, writers * iterations * 4e8);
}

}  // namespace
