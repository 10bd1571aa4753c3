// Generic operations on a generated label struct: its series count, a series' dense index,
// and the label names and value spellings of every series.
#pragma once

#include <array>
#include <concepts>
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

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// A label type a series index can hold: it describes its value set by index (`label<E>`,
/// bounded labels). Closed sets know every value; bounded sets learn theirs at run time, so
/// an index may not be in use yet.
template <class T>
concept indexed_label = requires(const T& value, std::size_t index) {
  { T::cardinality } -> std::convertible_to<std::size_t>;
  { T::learns_values } -> std::convertible_to<bool>;
  { T::text_at(index) } -> std::convertible_to<std::string_view>;
  { T::in_use(index) } -> std::same_as<bool>;
  { T::from_index(index) } -> std::same_as<T>;
  { value.index() } -> std::convertible_to<std::size_t>;
};

/// The type of a label struct's member `accessor` names.
template <class Labels, class Accessor>
using member_type = std::remove_cvref_t<decltype(boost::hana::second(std::declval<Accessor>())(
    std::declval<const Labels&>()))>;

template <class Labels>
constexpr auto label_accessors() noexcept {
  return boost::hana::accessors<Labels>();
}

/// Whether every label of `Labels` has an index, so that its series are dense.
template <class Labels>
inline constexpr bool all_indexed_labels =
    boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
      return (indexed_label<member_type<Labels, decltype(a)>> && ...);
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

/// The cardinality of each label of `Labels`, in declaration order.
template <class Labels>
requires all_indexed_labels<Labels>
constexpr std::array<std::size_t, label_count<Labels>> label_cardinalities() noexcept {
  return boost::hana::unpack(label_accessors<Labels>(), [](auto... a) {
    return std::array<std::size_t, label_count<Labels>>{
        member_type<Labels, decltype(a)>::cardinality...};
  });
}

/// The number of series of a family whose labels all have an index: the product of the
/// cardinalities, 1 without labels.
template <class Labels>
requires all_indexed_labels<Labels>
inline constexpr std::size_t series_count = [] {
  std::size_t count = 1;
  for (std::size_t cardinality : label_cardinalities<Labels>()) count *= cardinality;
  return count;
}();

/// The dense index of the series `labels` names: row-major over the labels in declaration
/// order. A few instructions; constant-folded when the label values are constants.
template <class Labels>
requires all_indexed_labels<Labels>
constexpr std::size_t series_index(const Labels& labels) noexcept {
  std::size_t index = 0;
  boost::hana::for_each(label_accessors<Labels>(), [&](auto accessor) {
    const auto& value = boost::hana::second(accessor)(labels);
    index = index * std::remove_cvref_t<decltype(value)>::cardinality + value.index();
  });
  return index;
}

/// The exposition spelling of label number `label` of series `series`.
template <class Labels>
requires all_indexed_labels<Labels> std::string_view series_label_text(std::size_t series,
                                                                       std::size_t label)
noexcept {
  constexpr auto cardinalities = label_cardinalities<Labels>();
  std::size_t value_index = series;
  for (std::size_t i = cardinalities.size(); i-- > label + 1;) value_index /= cardinalities[i];
  value_index %= cardinalities[label];
  std::string_view text;
  std::size_t position = 0;
  boost::hana::for_each(label_accessors<Labels>(), [&](auto accessor) {
    if (position++ == label) text = member_type<Labels, decltype(accessor)>::text_at(value_index);
  });
  return text;
}

/// Whether `Labels` has a bounded label, whose series come into use at run time.
template <class Labels>
requires all_indexed_labels<Labels>
inline constexpr bool has_dynamic_labels = boost::hana::unpack(
    label_accessors<Labels>(),
    [](auto... a) { return (member_type<Labels, decltype(a)>::learns_values || ...); });

/// Whether series number `series` is in use: every bounded label's value index of it has
/// been resolved to (always true without bounded labels).
template <class Labels>
requires all_indexed_labels<Labels>
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
    live = live && member_type<Labels, decltype(accessor)>::in_use(value_indexes[position++]);
  });
  return live;
}

/// The label struct of series number `series` (the inverse of series_index).
template <class Labels>
requires all_indexed_labels<Labels> Labels labels_of_series(std::size_t series)
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
        member_type<Labels, decltype(accessor)>::from_index(value_indexes[position++])...};
  });
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
