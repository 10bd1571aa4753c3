// Google Benchmark of the hot paths and the scrape, in the shapes of PERFORMANCE.md.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <benchmark/benchmark.h>

#include "bench_metrics.hpp"
#include "schemetric/schemetric.hpp"
#if SCHEMETRIC_ENABLED
#include "scrape_counters_metrics.hpp"
#include "scrape_histograms_metrics.hpp"
#endif

namespace {

bench::registry& registry() {
  static const auto instance = std::make_unique<bench::registry>();
  return *instance;
}

void counter_inc_cached(benchmark::State& state) {
  auto counter =
      registry().requests_total({.method = bench::method::get, .status = bench::status::_200});
  for (auto _ : state) counter.inc();
}
BENCHMARK(counter_inc_cached);

void counter_inc_two_labels_per_call(benchmark::State& state) {
  bench::method method = bench::method::post;
  bench::status status = bench::status::_404;
  for (auto _ : state) {
    benchmark::DoNotOptimize(method);  // labels known only at run time
    benchmark::DoNotOptimize(status);
    registry().requests_total({.method = method, .status = status}).inc();
  }
}
BENCHMARK(counter_inc_two_labels_per_call);

void histogram_observe_cached(benchmark::State& state) {
  auto histogram = registry().request_duration_seconds(
      {.method = bench::method::get, .status = bench::status::_200});
  double value = 0.07;
  for (auto _ : state) {
    benchmark::DoNotOptimize(value);
    histogram.observe(value);
  }
}
BENCHMARK(histogram_observe_cached);

void histogram_observe_two_labels_per_call(benchmark::State& state) {
  bench::method method = bench::method::post;
  bench::status status = bench::status::_404;
  double value = 0.07;
  for (auto _ : state) {
    benchmark::DoNotOptimize(method);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(value);
    registry().request_duration_seconds({.method = method, .status = status}).observe(value);
  }
}
BENCHMARK(histogram_observe_two_labels_per_call);

// Both threads increment the same series; the time reported is per operation of each thread.
void counter_inc_same_series_two_threads(benchmark::State& state) {
  auto counter =
      registry().requests_total({.method = bench::method::put, .status = bench::status::_200});
  for (auto _ : state) counter.inc();
}
BENCHMARK(counter_inc_same_series_two_threads)->Threads(2)->UseRealTime();

// The floor of a tracker on this machine: the two clock reads it makes.
void two_clock_reads(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
  }
}
BENCHMARK(two_clock_reads);

// A request tracker: start (clock, in-progress +1) and stop (clock, duration, count with the
// status, in-progress -1). Run with SCHEMETRIC_ENABLED=false in the environment for the cost
// of the run-time switch, and as schemetric_bench_compiled_out for metrics compiled out.
void tracker_start_stop(benchmark::State& state) {
  bench::method method = bench::method::get;
  for (auto _ : state) {
    benchmark::DoNotOptimize(method);
    auto request = registry().track_http_request({.method = method});
    request.status(200);
  }
  state.SetLabel(schemetric::enabled() ? "metrics on" : "metrics off");
}
BENCHMARK(tracker_start_stop);

#if SCHEMETRIC_ENABLED
template <class Registry, class Fill>
void scrape(benchmark::State& state, Fill fill) {
  static const auto reg = std::make_unique<Registry>();
  fill(*reg);
  const schemetric::text_writer writer(*reg);
  std::string out;
  for (auto _ : state) {
    out.clear();  // the buffer is reused, as the exporter does
    writer.write(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes"] = static_cast<double>(out.size());
}

void scrape_1000_counter_series(benchmark::State& state) {
  scrape<scrape_counters::registry>(state, [](auto& reg) {
    for (std::size_t i = 0; i < 1000; ++i) {
      reg.requests_total(
             schemetric::detail::labels_of_series<scrape_counters::labels::requests_total>(i))
          .inc(i * 7919);
    }
  });
}
BENCHMARK(scrape_1000_counter_series);

void scrape_1000_histogram_series(benchmark::State& state) {
  scrape<scrape_histograms::registry>(state, [](auto& reg) {
    for (std::size_t i = 0; i < 1000; ++i) {
      auto series = reg.request_duration_seconds(
          schemetric::detail::labels_of_series<scrape_histograms::labels::request_duration_seconds>(
              i));
      for (std::size_t k = 0; k < i % 20; ++k) series.observe(0.001 * static_cast<double>(i * k));
    }
  });
}
BENCHMARK(scrape_1000_histogram_series);
#endif  // SCHEMETRIC_ENABLED

}  // namespace

BENCHMARK_MAIN();
