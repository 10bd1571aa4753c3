// Summary descriptors written by hand in the shape schemetric-gen emits, for the summary tests.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/hana/define_struct.hpp>

#include "schemetric/label.hpp"
#include "schemetric/summary.hpp"

namespace example {

// --- labels ------------------------------------------------------------------

/// Where a customer is billed.
enum class region : std::uint8_t { eu, us, apac };
constexpr std::array<std::string_view, 3> schemetric_label_values(region) noexcept {
  return {"eu", "us", "apac"};
}

namespace labels {

/// Labels of customer_lifetime_value_dollars.
struct customer_lifetime_value_dollars {
  BOOST_HANA_DEFINE_STRUCT(customer_lifetime_value_dollars,
                           (schemetric::label<::example::region>, region));
};

/// Labels of request_size_bytes: none.
using request_size_bytes = schemetric::no_labels;

/// Labels of single_bucket_seconds: none.
using single_bucket_seconds = schemetric::no_labels;

}  // namespace labels

// --- metric descriptors ------------------------------------------------------
namespace metrics {

/// Lifetime value of a customer (the generator's example).
struct customer_lifetime_value_dollars {
  static constexpr std::string_view name = "customer_lifetime_value_dollars";
  static constexpr std::string_view help = "Lifetime value of a customer.";
  static constexpr std::string_view unit = "dollars";
  using labels = ::example::labels::customer_lifetime_value_dollars;
  static constexpr std::array<double, 3> quantiles{0.5, 0.9, 0.99};
  static constexpr double max_age_seconds = 600;
  static constexpr std::size_t age_buckets = 5;
};

/// Request sizes, with many quantiles including the minimum and the maximum.
struct request_size_bytes {
  static constexpr std::string_view name = "request_size_bytes";
  static constexpr std::string_view help = "Size of a request.";
  static constexpr std::string_view unit = "bytes";
  using labels = ::example::labels::request_size_bytes;
  static constexpr std::array<double, 11> quantiles{0,   0.01, 0.1,  0.25,  0.5, 0.75,
                                                    0.9, 0.95, 0.99, 0.999, 1};
  static constexpr double max_age_seconds = 600;
  static constexpr std::size_t age_buckets = 5;
};

/// A window of one age bucket (the whole window expires at once), unsorted quantiles.
struct single_bucket_seconds {
  static constexpr std::string_view name = "single_bucket_seconds";
  static constexpr std::string_view help = "One age bucket.";
  static constexpr std::string_view unit = "seconds";
  using labels = ::example::labels::single_bucket_seconds;
  static constexpr std::array<double, 2> quantiles{0.9, 0.1};
  static constexpr double max_age_seconds = 0.5;
  static constexpr std::size_t age_buckets = 1;
};

}  // namespace metrics

/// A clock the tests set by hand (the summary's Clock parameter).
struct manual_clock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<manual_clock>;
  static constexpr bool is_steady = false;

  static time_point now() noexcept { return time_point(duration(ticks.load())); }
  static void set(duration since_epoch) noexcept { ticks.store(since_epoch.count()); }

  static inline std::atomic<std::int64_t> ticks{0};
};

// --- the registry ------------------------------------------------------------
/// Every summary family of the tests. Large (about 96 KiB per series): allocate it.
struct registry {
  schemetric::summary_family<::example::metrics::customer_lifetime_value_dollars>
      customer_lifetime_value_dollars;
  schemetric::summary_family<::example::metrics::request_size_bytes> request_size_bytes;
  schemetric::summary_family<::example::metrics::single_bucket_seconds> single_bucket_seconds;
  schemetric::summary_family<::example::metrics::request_size_bytes, manual_clock>
      manual_request_size_bytes;
};

}  // namespace example
