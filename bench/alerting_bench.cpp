// The in-process alert evaluator's cost: one evaluation of the example schema's alerts over a
// registry with traffic on every route, method and status (what evaluator::start() does every
// interval), and the memory its samples take per watched series, printed as counters.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>

#include <schemetric/alerting/evaluator.hpp>

#include "example_metrics.hpp"

namespace {

// Every series of the metrics the example's alerts read gets traffic.
void traffic(example::registry& reg) {
  for (std::size_t m = 0; m < schemetric::label_cardinality<example::method>; ++m) {
    for (std::size_t r = 0; r < schemetric::label_cardinality<example::route>; ++r) {
      for (std::size_t s = 0; s < schemetric::label_cardinality<example::status>; ++s) {
        const auto method = static_cast<example::method>(m);
        const auto route = static_cast<example::route>(r);
        reg.http_requests_total(
               {.method = method, .route = route, .status = static_cast<example::status>(s)})
            .inc(3);
        reg.http_request_duration_seconds({.method = method, .route = route}).observe(0.2);
      }
    }
  }
}

void evaluate_example_alerts(benchmark::State& state) {
  auto reg = std::make_unique<example::registry>();
  schemetric::alerting::evaluator_options options;
  options.environment = nullptr;
  schemetric::alerting::evaluator alerts(*reg, example::alerts::all, options);
  std::int64_t now = 1'764'000'000'000;
  // A full window of samples first (the memory then stays the same).
  for (int i = 0; i < 7; ++i) {
    traffic(*reg);
    alerts.evaluate(now);
    now += 60'000;
  }
  for (auto _ : state) {
    alerts.evaluate(now);
    now += 60'000;
  }
  const auto status = alerts.status();
  state.counters["watched_series"] = static_cast<double>(status.watched_series);
  state.counters["bytes_per_series"] =
      static_cast<double>(status.memory_bytes) / static_cast<double>(status.watched_series);
}
BENCHMARK(evaluate_example_alerts)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
