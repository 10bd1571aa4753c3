// Generic operations on a generated label struct: its series count, a series' dense index,
// and the label names and value spellings of every series.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana/accessors.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/unpack.hpp>

#include "schemetric/bounded_label.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// How the series index treats a label type: its cardinality and the text of each index.
/// Closed sets (`label<E>`: enums, routes, status) are static; bounded sets learn their
/// values at run time, so an index may not be in use yet (`live`).
template <class T>
struct closed_label_traits : std::false_type {};

template <class E>
struct closed_label_traits<label<E>> : std::true_type {
  static constexpr std::size_t cardinality = label_cardinality<E>;
  static constexpr bool dynamic = false;
  static std::string_view text(std::size_t index) noexcept {
    return label_text(static_cast<E>(index));
  }
  static bool live(std::size_t) noexcept { return true; }
  static label<E> from_index(std::size_t index) noexcept { return static_cast<E>(index); }
};

template <bounded_label_type T>
struct closed_label_traits<T> : std::true_type {
  static constexpr std::size_t cardinality = T::cardinality;
  static constexpr bool dynamic = true;
  static std::string_view text(std::size_t index) noexcept { return T::text_at(index); }
  /// An index is in use once a value resolved to it (the overflow: once one folded).
  static bool live(std::size_t index) noexcept {
    return index < T::known_count() || (index == T::max_values && T::overflow_count() > 0);
  }
  /// Precondition: `index` is live (resolving its text yields it again).
  static T from_index(std::size_t index) noexcept { return T(T::text_at(index)); }
};

template <class Labels>
constexpr auto label_accessors() noexcept {
  return boost::hana::accessors<Labels>();
}

/// Whether every label of `Labels` is a closed set, so that its series are dense.
template <class Labels>
inline constexpr bool all_closed_labels =
    boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
      return (closed_label_traits<std::remove_cvref_t<decltype(boost::hana::second(a)(
                  std::declval<const Labels&>()))>>::value &&
              ...);
    });

/// How many labels `Labels` has.
template <class Labels>
inline constexpr std::size_t label_count =
    decltype(boost::hana::length(label_accessors<Labels>()))::value;

/// The label names of `Labels`, in declaration order.
template <class Labels>
constexpr std::array<std::string_view, label_count<Labels>> label_names() noexcept {
  return boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
    return std::array<std::string_view, label_count<Labels>>{
        std::string_view(boost::hana::to<const char*>(boost::hana::first(a)))...};
  });
}

/// The cardinality of each closed label of `Labels`, in declaration order.
template <class Labels>
requires all_closed_labels<Labels>
constexpr std::array<std::size_t, label_count<Labels>> label_cardinalities() noexcept {
  return boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
    return std::array<std::size_t, label_count<Labels>>{closed_label_traits<std::remove_cvref_t<
        decltype(boost::hana::second(a)(std::declval<const Labels&>()))>>::cardinality...};
  });
}

/// The number of series of a family whose labels are all closed sets: the product of the
/// cardinalities, 1 without labels.
template <class Labels>
requires all_closed_labels<Labels>
inline constexpr std::size_t series_count = [] {
  std::size_t count = 1;
  for (std::size_t cardinality : label_cardinalities<Labels>()) count *= cardinality;
  return count;
}();

/// The dense index of the series `labels` names: row-major over the labels in declaration
/// order. A few instructions; constant-folded when the label values are constants.
template <class Labels>
requires all_closed_labels<Labels>
constexpr std::size_t series_index(const Labels& labels) noexcept {
  std::size_t index = 0;
  boost::hana::for_each(label_accessors<Labels>(), [&](auto accessor) {
    const auto& value = boost::hana::second(accessor)(labels);
    using traits = closed_label_traits<std::remove_cvref_t<decltype(value)>>;
    index = index * traits::cardinality + value.index();
  });
  return index;
}

/// The exposition spelling of label number `label` of series `series`.
template <class Labels>
requires all_closed_labels<Labels> std::string_view series_label_text(std::size_t series,
                                                                      std::size_t label)
noexcept {
  constexpr auto cardinalities = label_cardinalities<Labels>();
  std::size_t value_index = series;
  for (std::size_t i = cardinalities.size(); i-- > label + 1;) value_index /= cardinalities[i];
  value_index %= cardinalities[label];
  std::string_view text;
  std::size_t position = 0;
  boost::hana::for_each(label_accessors<Labels>(), [&](auto accessor) {
    using member =
        std::remove_cvref_t<decltype(boost::hana::second(accessor)(std::declval<const Labels&>()))>;
    if (position++ == label) text = closed_label_traits<member>::text(value_index);
  });
  return text;
}

/// Whether `Labels` has a bounded label, whose series come into use at run time.
template <class Labels>
requires all_closed_labels<Labels>
inline constexpr bool has_dynamic_labels =
    boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
      return (closed_label_traits<std::remove_cvref_t<decltype(boost::hana::second(a)(
                  std::declval<const Labels&>()))>>::dynamic ||
              ...);
    });

/// Whether series number `series` is in use: every bounded label's value index of it has
/// been resolved to (always true without bounded labels).
template <class Labels>
requires all_closed_labels<Labels>
bool series_is_live(std::size_t series) noexcept {
  constexpr auto cardinalities = label_cardinalities<Labels>();
  std::array<std::size_t, cardinalities.size()> value_indexes{};
  for (std::size_t i = cardinalities.size(); i-- > 0;) {
    value_indexes[i] = series % cardinalities[i];
    series /= cardinalities[i];
  }
  bool live = true;
  std::size_t position = 0;
  boost::hana::for_each(label_accessors<Labels>(), [&](auto accessor) {
    using member =
        std::remove_cvref_t<decltype(boost::hana::second(accessor)(std::declval<const Labels&>()))>;
    live = live && closed_label_traits<member>::live(value_indexes[position++]);
  });
  return live;
}

/// The label struct of series number `series` (the inverse of series_index).
template <class Labels>
requires all_closed_labels<Labels> Labels labels_of_series(std::size_t series)
noexcept {
  constexpr auto cardinalities = label_cardinalities<Labels>();
  std::array<std::size_t, cardinalities.size()> value_indexes{};
  for (std::size_t i = cardinalities.size(); i-- > 0;) {
    value_indexes[i] = series % cardinalities[i];
    series /= cardinalities[i];
  }
  return boost::hana::unpack(label_accessors<Labels>(), [&](auto... accessor) {
    std::size_t position = 0;
    // Braced initializers are evaluated left to right, so `position` follows the members.
    return Labels{closed_label_traits<std::remove_cvref_t<decltype(boost::hana::second(accessor)(
        std::declval<const Labels&>()))>>::from_index(value_indexes[position++])...};
  });
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
