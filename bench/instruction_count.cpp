// The operations of operations.hpp, each in a function of its own, for valgrind
// --tool=callgrind to count instructions (deterministic, unlike time). Run by
// instruction_gate.py, which reads the inclusive cost of each function and subtracts the cost
// of the loop around the operation (`loop_baseline`).
//
// Usage: instruction_count [ITERATIONS]   (default 10000)
#include <cstddef>
#include <cstdlib>
#include <string>

#include "operations.hpp"

namespace {

std::size_t iterations = 10000;

// Keeps the compiler from folding the loop or the inputs into constants.
template <class T>
void opaque(T& value) {
  asm volatile("" : "+m"(value));
}

template <class Side, class Operation>
void repeat(Side& side, Operation operation) {
  for (std::size_t i = 0; i < iterations; ++i) {
    operations::inputs in;
    opaque(in);
    operation(side, in);
  }
}

}  // namespace

// Each function is named <library>_<operation>; the gate finds them by these names.
#define SCHEMETRIC_BENCH_COUNT(library, side_type, operation)                          \
  extern "C" [[gnu::noinline]] void library##_##operation(side_type& side) {           \
    repeat(side, [](side_type& s, const operations::inputs& in) { s.operation(in); }); \
  }
#define SCHEMETRIC_BENCH_COUNT_NO_INPUTS(library, side_type, operation)           \
  extern "C" [[gnu::noinline]] void library##_##operation(side_type& side) {      \
    repeat(side, [](side_type& s, const operations::inputs&) { s.operation(); }); \
  }
// One scrape (not divided by the iterations).
#define SCHEMETRIC_BENCH_COUNT_ONCE(library, side_type, operation)                  \
  extern "C" [[gnu::noinline]] std::size_t library##_##operation(side_type& side) { \
    return side.operation().size();                                                 \
  }
#define SCHEMETRIC_BENCH_COUNT_ALL(library, side_type)                              \
  SCHEMETRIC_BENCH_COUNT_NO_INPUTS(library, side_type, counter_inc_cached)          \
  SCHEMETRIC_BENCH_COUNT(library, side_type, counter_inc_two_labels_per_call)       \
  SCHEMETRIC_BENCH_COUNT(library, side_type, histogram_observe_cached)              \
  SCHEMETRIC_BENCH_COUNT(library, side_type, histogram_observe_two_labels_per_call) \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_http)                          \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_db)                            \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_cache)                         \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_ai)                            \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_integration)                   \
  SCHEMETRIC_BENCH_COUNT(library, side_type, tracker_mcp)                           \
  SCHEMETRIC_BENCH_COUNT_ONCE(library, side_type, scrape_counters)                  \
  SCHEMETRIC_BENCH_COUNT_ONCE(library, side_type, scrape_histograms)

extern "C" [[gnu::noinline]] void loop_baseline(operations::ours& side) {
  repeat(side, [](operations::ours&, const operations::inputs&) {});
}

SCHEMETRIC_BENCH_COUNT_ALL(ours, operations::ours)
#if SCHEMETRIC_BENCH_PROMETHEUS
SCHEMETRIC_BENCH_COUNT_ALL(theirs, operations::theirs)
#endif

namespace {

/// Runs every operation of `Side` once before counting, so that first-use costs (a stripe
/// assigned to the thread, a series created) stay out of the figures.
template <class Side>
void warm_up(Side& side) {
  operations::inputs in;
  side.counter_inc_cached();
  side.counter_inc_two_labels_per_call(in);
  side.histogram_observe_cached(in);
  side.histogram_observe_two_labels_per_call(in);
  side.tracker_http(in);
  side.tracker_db(in);
  side.tracker_cache(in);
  side.tracker_ai(in);
  side.tracker_integration(in);
  side.tracker_mcp(in);
}

}  // namespace

#define SCHEMETRIC_BENCH_RUN_ALL(library, side)          \
  warm_up(side);                                         \
  library##_counter_inc_cached(side);                    \
  library##_counter_inc_two_labels_per_call(side);       \
  library##_histogram_observe_cached(side);              \
  library##_histogram_observe_two_labels_per_call(side); \
  library##_tracker_http(side);                          \
  library##_tracker_db(side);                            \
  library##_tracker_cache(side);                         \
  library##_tracker_ai(side);                            \
  library##_tracker_integration(side);                   \
  library##_tracker_mcp(side);                           \
  library##_scrape_counters(side);                       \
  library##_scrape_histograms(side)

int main(int argc, char** argv) {
  if (argc > 1) iterations = std::strtoul(argv[1], nullptr, 10);
  operations::ours ours;
  loop_baseline(ours);
  SCHEMETRIC_BENCH_RUN_ALL(ours, ours);
#if SCHEMETRIC_BENCH_PROMETHEUS
  operations::theirs theirs;
  SCHEMETRIC_BENCH_RUN_ALL(theirs, theirs);
#endif
  // The kept counter was incremented once per iteration and once by the warm-up.
  return ours.cached_counter_value() == iterations + 1 ? 0 : 1;
}
