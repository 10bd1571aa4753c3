// The handler of plain.cpp recording the same metrics with prometheus-cpp's core headers: the
// tracker written by hand (clock, duration, count by status, in-progress), a counter with
// labels and a histogram.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

struct metrics {
  prometheus::Family<prometheus::Histogram>& durations;
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Gauge>& in_progress;
  prometheus::Family<prometheus::Counter>& tasks_created;
  prometheus::Family<prometheus::Histogram>& request_sizes;
};

int handle_request(metrics& m, std::string_view path, int status, std::vector<std::string>& log) {
  const auto start = std::chrono::steady_clock::now();
  auto& in_progress = m.in_progress.Add({{"method", "GET"}});
  in_progress.Increment();
  m.tasks_created.Add({{"task_priority", "high"}}).Increment();
  m.request_sizes
      .Add({{"method", "GET"}, {"route", "other"}},
           prometheus::Histogram::BucketBoundaries{100, 1000})
      .Observe(512);
  m.durations
      .Add({{"method", "GET"}, {"route", std::string(path)}},
           prometheus::Histogram::BucketBoundaries{0.1, 1})
      .Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  m.requests.Add({{"method", "GET"}, {"status", std::to_string(status / 100) + "xx"}}).Increment();
  in_progress.Decrement();
  log.emplace_back(path);
  return status >= 500 ? 1 : 0;
}
