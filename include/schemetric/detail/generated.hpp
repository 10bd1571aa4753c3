// How the library reads what schemetric-gen generates: the members of a label struct (names,
// types, values) and the registry's lists of families and bounded labels. Every other header
// goes through these, so this is the one place that knows how generated code spells them.
// (The generated code is plain C++: reading it costs the compiler little, where Boost.Hana's
// adapted structs cost about 10 ms each.)
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/family_list.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

template <class... T>
struct type_list {};

/// A label struct as schemetric-gen writes it: its members, their names in
/// `schemetric_label_names`, and `schemetric_labels(visit)`, which calls visit(member...).
template <class Labels>
concept plain_label_struct = requires(const Labels& labels) {
  Labels::schemetric_label_names.size();
  labels.schemetric_labels([](const auto&...) {});
};

/// The members of label struct `Labels` in declaration order: `types` (a type_list), their
/// `names`, and apply(labels, visit), which calls visit(member...) with all of them.
template <plain_label_struct Labels>
struct label_struct {
  using types = decltype(std::declval<const Labels&>().schemetric_labels(
      [](const auto&... member) { return type_list<std::remove_cvref_t<decltype(member)>...>{}; }));
  static constexpr std::size_t size = Labels::schemetric_label_names.size();
  static constexpr std::array<std::string_view, size> names = Labels::schemetric_label_names;

  template <class Visit>
  static constexpr decltype(auto) apply(const Labels& labels, Visit&& visit) {
    return labels.schemetric_labels(std::forward<Visit>(visit));
  }
};

/// Calls visit(std::integral_constant<std::size_t, I>{}, std::type_identity<Member>{}) for
/// member I of `Labels`, in order.
template <class Labels, class Visit>
constexpr void for_each_label_type(Visit&& visit) {
  [&]<class... Member>(type_list<Member...>) {
    [&]<std::size_t... Index>(std::index_sequence<Index...>) {
      (visit(std::integral_constant<std::size_t, Index>{}, std::type_identity<Member>{}), ...);
    }
    (std::index_sequence_for<Member...>{});
  }(typename label_struct<Labels>::types{});
}

/// Calls visit(member) for each family member pointer the generated `Registry` lists.
template <class Registry, class Visit>
constexpr void for_each_family(Visit&& visit) {
  [&]<auto... Family>(family_list<Family...>) {
    (visit(Family), ...);
  }
  (Registry::schemetric_families());
}

/// How many families `Registry` lists.
template <class Registry>
inline constexpr std::size_t family_count = []<auto... Family>(family_list<Family...>) {
  return sizeof...(Family);
}
(Registry::schemetric_families());

/// Calls visit(std::type_identity<Label>{}) for each bounded label type `Registry` lists.
template <class Registry, class Visit>
constexpr void for_each_bounded_label(Visit&& visit) {
  [&]<class... Label>(bounded_label_list<Label...>) {
    (visit(std::type_identity<Label>{}), ...);
  }(Registry::schemetric_bounded_labels());
}

/// How many bounded label types `Registry` lists.
template <class Registry>
inline constexpr std::size_t bounded_label_count =
    []<class... Label>(bounded_label_list<Label...>) {
      return sizeof...(Label);
    }(Registry::schemetric_bounded_labels());

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
