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

#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

template <class T>
struct closed_label_traits : std::false_type {};
template <class E>
struct closed_label_traits<label<E>> : std::true_type {
  static constexpr std::size_t cardinality = label_cardinality<E>;
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
    if (position++ == label) {
      text = label_text(static_cast<typename member::value_type>(value_index));
    }
  });
  return text;
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
    return Labels{
        std::remove_cvref_t<decltype(boost::hana::second(accessor)(std::declval<const Labels&>()))>(
            static_cast<typename std::remove_cvref_t<decltype(boost::hana::second(accessor)(
                std::declval<const Labels&>()))>::value_type>(value_indexes[position++]))...};
  });
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
