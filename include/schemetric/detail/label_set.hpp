// Generic operations on a generated label struct: its series count, a series' dense index,
// and the label names and value spellings of every series.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/generated.hpp"

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

/// Whether every label of `Labels` has an index, so that its series are dense.
template <class Labels>
inline constexpr bool all_indexed_labels = []<class... Member>(type_list<Member...>) {
  return (indexed_label<Member> && ...);
}(typename label_struct<Labels>::types{});

/// How many labels `Labels` has.
template <class Labels>
inline constexpr std::size_t label_count = label_struct<Labels>::size;

/// The label names of `Labels`, in declaration order.
template <class Labels>
constexpr std::array<std::string_view, label_count<Labels>> label_names() noexcept {
  return label_struct<Labels>::names;
}

/// The cardinality of each label of `Labels`, in declaration order.
template <class Labels>
requires all_indexed_labels<Labels>
constexpr std::array<std::size_t, label_count<Labels>> label_cardinalities() noexcept {
  return []<class... Member>(type_list<Member...>) {
    return std::array<std::size_t, label_count<Labels>>{Member::cardinality...};
  }(typename label_struct<Labels>::types{});
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
  return label_struct<Labels>::apply(labels, [](const auto&... member) {
    std::size_t index = 0;
    ((index = index * std::remove_cvref_t<decltype(member)>::cardinality + member.index()), ...);
    return index;
  });
}

/// The index within its label of each label of series number `series`.
template <class Labels>
requires all_indexed_labels<Labels>
constexpr std::array<std::size_t, label_count<Labels>> value_indexes_of(
    std::size_t series) noexcept {
  constexpr auto cardinalities = label_cardinalities<Labels>();
  std::array<std::size_t, cardinalities.size()> value_indexes{};
  for (std::size_t i = cardinalities.size(); i-- > 0;) {
    value_indexes[i] = series % cardinalities[i];
    series /= cardinalities[i];
  }
  return value_indexes;
}

/// The exposition spelling of label number `label` of series `series`.
template <class Labels>
requires all_indexed_labels<Labels> std::string_view series_label_text(std::size_t series,
                                                                       std::size_t label)
noexcept {
  const auto value_indexes = value_indexes_of<Labels>(series);
  std::string_view text;
  for_each_label_type<Labels>([&](auto position, auto member) {
    if (position == label) text = decltype(member)::type::text_at(value_indexes[position]);
  });
  return text;
}

/// Whether `Labels` has a bounded label, whose series come into use at run time.
template <class Labels>
requires all_indexed_labels<Labels>
inline constexpr bool has_dynamic_labels = []<class... Member>(type_list<Member...>) {
  return (Member::learns_values || ...);
}(typename label_struct<Labels>::types{});

/// Whether series number `series` is in use: every bounded label's value index of it has
/// been resolved to (always true without bounded labels).
template <class Labels>
requires all_indexed_labels<Labels>
bool series_is_live(std::size_t series) noexcept {
  const auto value_indexes = value_indexes_of<Labels>(series);
  bool live = true;
  for_each_label_type<Labels>([&](auto position, auto member) {
    live = live && decltype(member)::type::in_use(value_indexes[position]);
  });
  return live;
}

/// The label struct of series number `series` (the inverse of series_index).
template <class Labels>
requires all_indexed_labels<Labels> Labels labels_of_series(std::size_t series)
noexcept {
  const auto value_indexes = value_indexes_of<Labels>(series);
  return [&]<class... Member, std::size_t... Position>(type_list<Member...>,
                                                       std::index_sequence<Position...>) {
    return Labels{Member::from_index(value_indexes[Position])...};
  }(typename label_struct<Labels>::types{}, std::make_index_sequence<label_count<Labels>>{});
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
