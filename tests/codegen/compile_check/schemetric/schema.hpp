// Test double of <schemetric/schema.hpp> for the generator's compile check: declares only the
// names a generated header uses, with the interface the header is written against (see
// schema/README.md, "What the generator emits"). The real library lives in include/; this file
// lets the generator's tests prove that generated headers compile without depending on it.
#pragma once

#include <array>
#include <cstddef>
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
template <class Metric>
struct summary_family : family<Metric> {};
template <class Metric>
struct callback_gauge_family : family<Metric> {};

/// A label of values known at run time, at most `MaxValues` of them (kind `bounded`); generated
/// code derives from it and inherits its constructors.
template <class Label, std::size_t MaxValues>
struct bounded_label {
  static constexpr std::size_t max_values = MaxValues;
  bounded_label() = default;
  bounded_label(std::string_view initial)
      : value(initial) {}                                 // NOLINT(google-explicit-constructor)
  bounded_label(const char* initial) : value(initial) {}  // NOLINT(google-explicit-constructor)
  std::string_view value;
};

namespace detail {

// Whether `path` matches the route template `pattern`, segment by segment; a `{param}` segment
// matches any non-empty one. Only what the compile check needs: no "most specific wins".
constexpr bool route_matches(std::string_view pattern, std::string_view path) noexcept {
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') {
      return false;
    }
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view expected = pattern.substr(0, pattern.find('/'));
    const std::string_view actual = path.substr(0, path.find('/'));
    const bool parameter =
        expected.size() >= 2 && expected.front() == '{' && expected.back() == '}';
    if (parameter ? actual.empty() : expected != actual) return false;
    pattern.remove_prefix(expected.size());
    path.remove_prefix(actual.size());
  }
  return true;
}

}  // namespace detail

/// The enumerator of the first template `path` matches, the last enumerator when none does.
template <class Enum>
constexpr Enum match_route(std::string_view path) noexcept {
  path = path.substr(0, path.find_first_of("?#"));
  const auto templates = schemetric_route_templates(Enum{});
  for (std::size_t i = 0; i < templates.size(); ++i) {
    if (detail::route_matches(templates[i], path)) return static_cast<Enum>(i);
  }
  return static_cast<Enum>(templates.size());
}

/// The class enumerator (`_1xx` to `_5xx`) of an HTTP status code from 100 to 599.
template <class Enum>
constexpr Enum status_class_of(int code) noexcept {
  static_assert(schemetric_status_classes(Enum{}));
  return static_cast<Enum>(code < 100 ? 0 : code > 599 ? 4 : code / 100 - 1);
}

/// The enumerator of an HTTP status code listed in the schema, the last (`other`) otherwise.
template <class Enum>
constexpr Enum status_code_of(int code) noexcept {
  const auto codes = schemetric_status_codes(Enum{});
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == code) return static_cast<Enum>(i);
  }
  return static_cast<Enum>(codes.size());
}

enum class tracker_kind { http, db, ai, cache, integration, mcp };

/// A started tracker: remembers its registry and start labels.
template <class Tracker>
class tracker {
 public:
  tracker(typename Tracker::registry& registry, const typename Tracker::labels& labels) noexcept
      : registry_(&registry), labels_(labels) {}
  [[nodiscard]] typename Tracker::registry& registry() const noexcept { return *registry_; }
  [[nodiscard]] const typename Tracker::labels& labels() const noexcept { return labels_; }

 private:
  typename Tracker::registry* registry_;
  typename Tracker::labels labels_;
};

}  // namespace schemetric
