// The operations of PERFORMANCE.md, each in its own function, for valgrind --tool=callgrind
// to count instructions (deterministic, unlike time). Run by instruction_gate.py.
#include <cstddef>
#include <memory>
#include <string>

#include "bench_metrics.hpp"
#include "schemetric/schemetric.hpp"
#include "scrape_counters_metrics.hpp"

namespace {

constexpr std::size_t operations = 100000;

// Keeps the compiler from folding the loop or the labels into constants.
template <class T>
void opaque(T& value) {
  asm volatile("" : "+m"(value));
}

}  // namespace

// Each function runs `operations` iterations of the same loop around its operation;
// `loop_baseline` is that loop alone, whose cost the gate subtracts.
extern "C" {
[[gnu::noinline]] void loop_baseline() {
  for (std::size_t i = 0; i < operations; ++i) {
    bench::method method = bench::method::post;
    opaque(method);
    double value = 0.07;
    opaque(value);
  }
}

[[gnu::noinline]] void counter_inc_cached(bench::registry& reg) {
  auto counter = reg.requests_total({.method = bench::method::get, .status = bench::status::_200});
  for (std::size_t i = 0; i < operations; ++i) {
    bench::method method = bench::method::post;
    opaque(method);
    double value = 0.07;
    opaque(value);
    counter.inc();
  }
}

[[gnu::noinline]] void counter_inc_two_labels_per_call(bench::registry& reg) {
  for (std::size_t i = 0; i < operations; ++i) {
    bench::method method = bench::method::post;
    opaque(method);
    double value = 0.07;
    opaque(value);
    reg.requests_total({.method = method, .status = bench::status::_404}).inc();
  }
}

[[gnu::noinline]] void histogram_observe_cached(bench::registry& reg) {
  auto histogram =
      reg.request_duration_seconds({.method = bench::method::get, .status = bench::status::_200});
  for (std::size_t i = 0; i < operations; ++i) {
    bench::method method = bench::method::post;
    opaque(method);
    double value = 0.07;
    opaque(value);
    histogram.observe(value);
  }
}

[[gnu::noinline]] void histogram_observe_two_labels_per_call(bench::registry& reg) {
  for (std::size_t i = 0; i < operations; ++i) {
    bench::method method = bench::method::post;
    opaque(method);
    double value = 0.07;
    opaque(value);
    reg.request_duration_seconds({.method = method, .status = bench::status::_404}).observe(value);
  }
}

// One scrape of 1,000 counter series (not divided by `operations`).
[[gnu::noinline]] void scrape_1000_counter_series(
    const schemetric::text_writer<scrape_counters::registry>& writer, std::string& out) {
  out.clear();
  writer.write(out);
}
}

int main() {
  const auto reg = std::make_unique<bench::registry>();
  const auto scrape_reg = std::make_unique<scrape_counters::registry>();
  for (std::size_t i = 0; i < 1000; ++i) {
    scrape_reg
        ->requests_total(
            schemetric::detail::labels_of_series<scrape_counters::labels::requests_total>(i))
        .inc(i * 7919);
  }
  const schemetric::text_writer writer(*scrape_reg);
  std::string out;
  writer.write(out);  // first write: sizes the buffer, as a running exporter's is
  schemetric::detail::this_thread_stripe_offset();  // assigns this thread's stripe once, up front
  loop_baseline();
  counter_inc_cached(*reg);
  counter_inc_two_labels_per_call(*reg);
  histogram_observe_cached(*reg);
  histogram_observe_two_labels_per_call(*reg);
  scrape_1000_counter_series(writer, out);
  return reg->requests_total.value({.method = bench::method::get, .status = bench::status::_200}) ==
                 operations
             ? 0
             : 1;
}
