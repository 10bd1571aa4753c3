// Test double of <schemetric/schema.hpp> for the generator's compile check: declares only the
// names a generated header uses, with the interface the header is written against (see
// schema/README.md, "What the generator emits"). The real library lives in include/; this file
// lets the generator's tests prove that generated headers compile without depending on it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <boost/hana/define_struct.hpp>
#include <boost/hana/tuple.hpp>

#define SCHEMETRIC_VERSION_MAJOR 0
#define SCHEMETRIC_VERSION_MINOR 1

namespace schemetric {

/// A label of a closed set: holds one enumerator; built implicitly from it so designated
/// initializers read `{.method = example::method::get}`.
template <class Enum>
struct label {
  label() = default;
  label(Enum initial) : value(initial) {}  // NOLINT(google-explicit-constructor)
  Enum value{};
};

/// A free text label (info metrics only).
struct text_label {
  text_label() = default;
  text_label(std::string_view initial) : value(initial) {}  // NOLINT(google-explicit-constructor)
  // A literal needs its own constructor: char[N] -> string_view -> text_label would be two
  // user-defined conversions.
  text_label(const char* initial) : value(initial) {}  // NOLINT(google-explicit-constructor)
  std::string_view value;
};

struct no_labels {};

/// A family: non-copyable, callable with the metric's label set.
template <class Metric>
struct family {
  family() = default;
  family(const family&) = delete;
  family& operator=(const family&) = delete;
  using metric = Metric;
  typename Metric::labels last_labels{};
  void operator()(const typename Metric::labels& labels) { last_labels = labels; }
};

template <class Metric>
struct counter_family : family<Metric> {};
template <class Metric>
struct gauge_family : family<Metric> {};
template <class Metric>
struct histogram_family : family<Metric> {};
template <class Metric>
struct stateset_family : family<Metric> {};
template <class Metric>
struct info_family : family<Metric> {};

}  // namespace schemetric
