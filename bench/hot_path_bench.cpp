// Google Benchmark of the operations of PERFORMANCE.md (operations.hpp), for schemetric and,
// when built with prometheus-cpp, for prometheus-cpp in the same process. Run it with random
// interleaving (bench/side_by_side.py does) so that both libraries meet the same machine load.
#include <chrono>
#include <string>

#include <benchmark/benchmark.h>

#include "operations.hpp"

namespace {

template <class Side>
Side& side() {
  static Side instance;
  return instance;
}

// Labels and values read from memory at every call: known only at run time.
template <class Side, class Operation>
void with_inputs(benchmark::State& state, Operation operation) {
  Side& library = side<Side>();
  operations::inputs in;
  for (auto _ : state) {
    benchmark::DoNotOptimize(in);
    (library.*operation)(in);
  }
}

template <class Side>
void counter_inc_cached(benchmark::State& state) {
  Side& library = side<Side>();
  for (auto _ : state) library.counter_inc_cached();
}

#if SCHEMETRIC_ENABLED
template <class Side>
void scrape(benchmark::State& state, bool histograms) {
  Side& library = side<Side>();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto& text = histograms ? library.scrape_histograms() : library.scrape_counters();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
#endif

template <class Side>
void register_side() {
  const std::string suffix = std::string("/") + Side::name;
  auto add = [&](const char* operation, auto function) {
    return benchmark::RegisterBenchmark((operation + suffix).c_str(), function);
  };
  add("counter_inc_cached", counter_inc_cached<Side>);
  add("counter_inc_two_labels_per_call", [](benchmark::State& state) {
    with_inputs<Side>(state, &Side::counter_inc_two_labels_per_call);
  });
  add("histogram_observe_cached",
      [](benchmark::State& state) { with_inputs<Side>(state, &Side::histogram_observe_cached); });
  add("histogram_observe_two_labels_per_call", [](benchmark::State& state) {
    with_inputs<Side>(state, &Side::histogram_observe_two_labels_per_call);
  });
  // Google Benchmark 1.7 reports UseRealTime() with threads as wall time per operation of
  // all threads together: the time of one increment when two threads share the series.
  add("counter_inc_same_series_two_threads", counter_inc_cached<Side>)->Threads(2)->UseRealTime();
#if SCHEMETRIC_ENABLED
  add("scrape_1000_counter_series", [](benchmark::State& state) { scrape<Side>(state, false); });
  add("scrape_1000_histogram_series", [](benchmark::State& state) { scrape<Side>(state, true); });
#endif
  // Run with SCHEMETRIC_ENABLED=false in the environment for the cost of the run-time
  // switch, and as schemetric_bench_compiled_out for metrics compiled out.
  add("tracker_http",
      [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_http); });
  add("tracker_db", [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_db); });
  add("tracker_cache",
      [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_cache); });
  add("tracker_ai", [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_ai); });
  add("tracker_integration",
      [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_integration); });
  add("tracker_mcp", [](benchmark::State& state) { with_inputs<Side>(state, &Side::tracker_mcp); });
}

// The floor of a tracker built on std::chrono::steady_clock: the two clock reads.
void two_steady_clock_reads(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_side<operations::ours>();
#if SCHEMETRIC_BENCH_PROMETHEUS
  register_side<operations::theirs>();
#endif
  benchmark::RegisterBenchmark("two_steady_clock_reads", two_steady_clock_reads);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
