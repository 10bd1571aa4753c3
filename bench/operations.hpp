// The operations of PERFORMANCE.md, written once for each library: `ours` (schemetric) and,
// when prometheus-cpp is available (SCHEMETRIC_BENCH_PROMETHEUS), `theirs`, the same work
// written as a prometheus-cpp user would write it. hot_path_bench.cpp times them (Google
// Benchmark) and instruction_count.cpp counts their instructions (callgrind), so both measure
// the same code.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bench_metrics.hpp"
#include "schemetric/schemetric.hpp"
#if SCHEMETRIC_ENABLED
#include "scrape_counters_metrics.hpp"
#include "scrape_histograms_metrics.hpp"
#endif

#if SCHEMETRIC_BENCH_PROMETHEUS
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#endif

namespace operations {

/// The label values an operation is given, each read from memory at every call so that the
/// compiler cannot fold them (the benchmark loops hide them behind an optimization barrier).
struct inputs {
  bench::method method = bench::method::post;
  bench::status status = bench::status::_404;
  double value = 0.07;
};

/// The observations of histogram series `series` in the scrape benchmark: i % 20 values.
template <class Observe>
void fill_histogram_series(std::size_t series, Observe observe) {
  for (std::size_t k = 0; k < series % 20; ++k) observe(0.001 * static_cast<double>(series * k));
}

/// The value of counter series `series` in the scrape benchmark.
inline std::uint64_t counter_series_value(std::size_t series) {
  return series * 7919;
}

/// schemetric, as its README shows it.
class ours {
 public:
  static constexpr const char* name = "schemetric";

  ours() {
#if SCHEMETRIC_ENABLED
    for (std::size_t i = 0; i < 1000; ++i) {
      scrape_counters_->requests_total(labels_of<scrape_counters::labels::requests_total>(i))
          .inc(counter_series_value(i));
      auto series = scrape_histograms_->request_duration_seconds(
          labels_of<scrape_histograms::labels::request_duration_seconds>(i));
      fill_histogram_series(i, [&](double value) { series.observe(value); });
    }
    scrape_counters();  // the first write sizes the buffer, as a running exporter's is
    scrape_histograms();
#endif
  }

  void counter_inc_cached() {
    counter_.inc();
  }

  void counter_inc_two_labels_per_call(const inputs& in) {
    reg_->requests_total({.method = in.method, .status = in.status}).inc();
  }

  void histogram_observe_cached(const inputs& in) {
    histogram_.observe(in.value);
  }

  void histogram_observe_two_labels_per_call(const inputs& in) {
    reg_->request_duration_seconds({.method = in.method, .status = in.status}).observe(in.value);
  }

  void tracker_http(const inputs& in) {
    auto request = reg_->track_http_request({.method = in.method});
    request.status(200);
  }
  void tracker_db(const inputs&) {
    auto query = reg_->track_db_query({.operation = bench::operation::select});
  }
  void tracker_cache(const inputs&) {
    auto lookup = reg_->track_cache_lookup({.cache = bench::cache::sessions});
    lookup.hit();
  }
  void tracker_ai(const inputs&) {
    auto call = reg_->track_ai_request({.model = bench::model::small});
  }
  void tracker_integration(const inputs&) {
    auto call = reg_->track_integration_call({.integration = bench::integration::slack});
  }
  void tracker_mcp(const inputs&) {
    auto call = reg_->track_mcp_tool_call({.tool = bench::tool::search});
  }

#if SCHEMETRIC_ENABLED
  /// One scrape into a reused buffer, as the exporter does; returns the text.
  const std::string& scrape_counters() {
    out_.clear();
    counters_writer_.write(out_);
    return out_;
  }
  const std::string& scrape_histograms() {
    out_.clear();
    histograms_writer_.write(out_);
    return out_;
  }
#endif

  std::uint64_t cached_counter_value() const {
    return reg_->requests_total.value(
        {.method = bench::method::get, .status = bench::status::_200});
  }

 private:
  template <class Labels>
  static Labels labels_of(std::size_t series) {
    return schemetric::detail::labels_of_series<Labels>(series);
  }

  std::unique_ptr<bench::registry> reg_ = std::make_unique<bench::registry>();
  schemetric::counter<bench::metrics::requests_total> counter_ =
      reg_->requests_total({.method = bench::method::get, .status = bench::status::_200});
  schemetric::histogram<bench::metrics::request_duration_seconds> histogram_ =
      reg_->request_duration_seconds({.method = bench::method::get, .status = bench::status::_200});
#if SCHEMETRIC_ENABLED
  std::unique_ptr<scrape_counters::registry> scrape_counters_ =
      std::make_unique<scrape_counters::registry>();
  std::unique_ptr<scrape_histograms::registry> scrape_histograms_ =
      std::make_unique<scrape_histograms::registry>();
  schemetric::text_writer<scrape_counters::registry> counters_writer_{*scrape_counters_};
  schemetric::text_writer<scrape_histograms::registry> histograms_writer_{*scrape_histograms_};
  std::string out_;
#endif
};

#if SCHEMETRIC_BENCH_PROMETHEUS

/// prometheus-cpp, as its README shows it: label sets are maps of strings, a series is
/// looked up (or created) by Family::Add, and a kept handle is a reference to the series.
/// The trackers are written by hand with kept handles, doing what schemetric's trackers do.
class theirs {
 public:
  static constexpr const char* name = "prometheus-cpp";

  theirs() {
    for (std::size_t m = 0; m < method_names.size(); ++m) {
      tracked_[m].duration = &http_durations_.Add({{"method", method_names[m]}}, buckets_);
      tracked_[m].in_progress = &http_in_progress_.Add({{"method", method_names[m]}});
      for (std::size_t c = 0; c < 5; ++c) {
        tracked_[m].by_class[c] = &http_requests_.Add(
            {{"method", method_names[m]}, {"status_class", std::to_string(c + 1) + "xx"}});
      }
    }
    for (std::size_t i = 0; i < 1000; ++i) {
      const prometheus::Labels labels{{"method", method_names[i / 100]},
                                      {"shard", shard_name(i % 100)}};
      scrape_counters_.Add(labels).Increment(static_cast<double>(counter_series_value(i)));
      auto& series = scrape_histograms_.Add(labels, buckets_);
      fill_histogram_series(i, [&](double value) { series.Observe(value); });
    }
  }

  void counter_inc_cached() { counter_.Increment(); }

  void counter_inc_two_labels_per_call(const inputs& in) {
    requests_
        .Add({{"method", method_names[static_cast<std::size_t>(in.method)]},
              {"status", status_names[static_cast<std::size_t>(in.status)]}})
        .Increment();
  }

  void histogram_observe_cached(const inputs& in) { histogram_.Observe(in.value); }

  void histogram_observe_two_labels_per_call(const inputs& in) {
    durations_
        .Add({{"method", method_names[static_cast<std::size_t>(in.method)]},
              {"status", status_names[static_cast<std::size_t>(in.status)]}},
             buckets_)
        .Observe(in.value);
  }

  void tracker_http(const inputs& in) {
    const handles& h = tracked_[static_cast<std::size_t>(in.method)];
    const auto start = std::chrono::steady_clock::now();
    h.in_progress->Increment();
    const int status = 200;
    h.duration->Observe(seconds_since(start));
    h.by_class[static_cast<std::size_t>(status / 100 - 1)]->Increment();
    h.in_progress->Decrement();
  }
  void tracker_db(const inputs&) { timed(db_duration_, nullptr); }
  void tracker_cache(const inputs&) { timed(cache_duration_, &cache_hits_); }
  void tracker_ai(const inputs&) { timed(ai_duration_, &ai_successes_); }
  void tracker_integration(const inputs&) { timed(integration_duration_, &integration_successes_); }
  void tracker_mcp(const inputs&) { timed(mcp_duration_, &mcp_successes_); }

  /// One scrape as prometheus-cpp's exposer makes it: collect, then serialize.
  std::string scrape_counters() const {
    return serializer_.Serialize(counters_registry_.Collect());
  }
  std::string scrape_histograms() const {
    return serializer_.Serialize(histograms_registry_.Collect());
  }

 private:
  static constexpr std::array<const char*, 10> method_names{
      "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "OTHER"};
  static constexpr std::array<const char*, 2> status_names{"200", "404"};

  static std::string shard_name(std::size_t shard) {
    return std::string("s") + static_cast<char>('0' + shard / 10) +
           static_cast<char>('0' + shard % 10);
  }

  static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  /// A tracker without an in-progress gauge: the duration, and a count of the outcome.
  static void timed(prometheus::Histogram& duration, prometheus::Counter* count) {
    const auto start = std::chrono::steady_clock::now();
    duration.Observe(seconds_since(start));
    if (count != nullptr) count->Increment();
  }

  prometheus::Family<prometheus::Histogram>& histogram_family(prometheus::Registry& registry,
                                                              const char* name) {
    return prometheus::BuildHistogram().Name(name).Help("A histogram.").Register(registry);
  }
  prometheus::Family<prometheus::Counter>& counter_family(prometheus::Registry& registry,
                                                          const char* name) {
    return prometheus::BuildCounter().Name(name).Help("A counter.").Register(registry);
  }

  struct handles {
    prometheus::Histogram* duration;
    prometheus::Gauge* in_progress;
    std::array<prometheus::Counter*, 5> by_class;
  };

  const prometheus::Histogram::BucketBoundaries buckets_{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                         0.5,   1,    2.5,   5,    10};
  prometheus::Registry registry_;
  prometheus::Family<prometheus::Counter>& requests_ = counter_family(registry_, "requests_total");
  prometheus::Family<prometheus::Histogram>& durations_ =
      histogram_family(registry_, "request_duration_seconds");
  prometheus::Counter& counter_ = requests_.Add({{"method", "GET"}, {"status", "200"}});
  prometheus::Histogram& histogram_ =
      durations_.Add({{"method", "GET"}, {"status", "200"}}, buckets_);

  prometheus::Family<prometheus::Counter>& http_requests_ =
      counter_family(registry_, "http_requests_total");
  prometheus::Family<prometheus::Histogram>& http_durations_ =
      histogram_family(registry_, "http_request_duration_seconds");
  prometheus::Family<prometheus::Gauge>& http_in_progress_ = prometheus::BuildGauge()
                                                                 .Name("http_requests_in_progress")
                                                                 .Help("A gauge.")
                                                                 .Register(registry_);
  std::array<handles, method_names.size()> tracked_{};

  prometheus::Histogram& db_duration_ = histogram_family(registry_, "db_query_duration_seconds")
                                            .Add({{"operation", "select"}}, buckets_);
  prometheus::Histogram& cache_duration_ =
      histogram_family(registry_, "cache_lookup_duration_seconds")
          .Add({{"cache", "sessions"}}, buckets_);
  prometheus::Counter& cache_hits_ = counter_family(registry_, "cache_lookups_total")
                                         .Add({{"cache", "sessions"}, {"cache_result", "hit"}});
  prometheus::Histogram& ai_duration_ = histogram_family(registry_, "ai_request_duration_seconds")
                                            .Add({{"model", "small"}}, buckets_);
  prometheus::Counter& ai_successes_ = counter_family(registry_, "ai_requests_total")
                                           .Add({{"model", "small"}, {"outcome", "success"}});
  prometheus::Histogram& integration_duration_ =
      histogram_family(registry_, "integration_call_duration_seconds")
          .Add({{"integration", "slack"}}, buckets_);
  prometheus::Counter& integration_successes_ =
      counter_family(registry_, "integration_calls_total")
          .Add({{"integration", "slack"}, {"outcome", "success"}});
  prometheus::Histogram& mcp_duration_ =
      histogram_family(registry_, "mcp_tool_call_duration_seconds")
          .Add({{"tool", "search"}}, buckets_);
  prometheus::Counter& mcp_successes_ = counter_family(registry_, "mcp_tool_calls_total")
                                            .Add({{"tool", "search"}, {"outcome", "success"}});

  prometheus::Registry counters_registry_;
  prometheus::Registry histograms_registry_;
  prometheus::Family<prometheus::Counter>& scrape_counters_ =
      prometheus::BuildCounter()
          .Name("requests_total")
          .Help("1,000 series of a service's counter.")
          .Register(counters_registry_);
  prometheus::Family<prometheus::Histogram>& scrape_histograms_ =
      prometheus::BuildHistogram()
          .Name("request_duration_seconds")
          .Help("1,000 series of a service's histogram.")
          .Register(histograms_registry_);
  prometheus::TextSerializer serializer_;
};

#endif  // SCHEMETRIC_BENCH_PROMETHEUS

}  // namespace operations
