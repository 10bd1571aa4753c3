// How the library reads what schemetric-gen generates: the members of a label struct (names,
// types, values) and the registry's lists of families and bounded labels. Every other header
// goes through these, so this is the one place that knows how generated code spells them.
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
template <class Labels>
struct label_struct;

template <plain_label_struct Labels>
struct label_struct<Labels> {
  using types = decltype(std::declval<const Labels&>().schemetric_labels(
      [](const auto&... member) { return type_list<std::remove_cvref_t<decltype(member)>...>{}; }));
  static constexpr std::size_t size = Labels::schemetric_label_names.size();
  static constexpr std::array<std::string_view, size> names = Labels::schemetric_label_names;

  template <class Visit>
  static constexpr decltype(auto) apply(const Labels& labels, Visit&& visit) {
    return labels.schemetric_labels(std::forward<Visit>(visit));
  }
};

/// A label struct adapted with BOOST_HANA_DEFINE_STRUCT (headers of earlier generators).
template <class Labels>
requires(!plain_label_struct<Labels>) struct label_struct<Labels> {
 private:
  template <class Accessor>
  using member = std::remove_cvref_t<decltype(boost::hana::second(std::declval<Accessor>())(
      std::declval<const Labels&>()))>;

 public:
  using types = decltype(boost::hana::unpack(boost::hana::accessors<Labels>(), [](auto... a) {
    return type_list<member<decltype(a)>...>{};
  }));
  static constexpr std::size_t size =
      decltype(boost::hana::length(boost::hana::accessors<Labels>()))::value;
  static constexpr std::array<std::string_view, size> names =
      boost::hana::unpack(boost::hana::accessors<Labels>(), [](auto... a) {
        return std::array<std::string_view, size>{
            std::string_view(boost::hana::to<const char*>(boost::hana::first(a)))...};
      });

  template <class Visit>
  static constexpr decltype(auto) apply(const Labels& labels, Visit&& visit) {
    return boost::hana::unpack(boost::hana::accessors<Labels>(), [&](auto... a) -> decltype(auto) {
      return std::forward<Visit>(visit)(boost::hana::second(a)(labels)...);
    });
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

template <class List>
inline constexpr bool is_family_list = false;
template <auto... Family>
inline constexpr bool is_family_list<family_list<Family...>> = true;

/// Calls visit(member) for each family member pointer the generated `Registry` lists.
template <class Registry, class Visit>
constexpr void for_each_family(Visit&& visit) {
  if constexpr (is_family_list<decltype(Registry::schemetric_families())>) {
    [&]<auto... Family>(family_list<Family...>) {
      (visit(Family), ...);
    }
    (Registry::schemetric_families());
  } else {  // a Boost.Hana tuple (headers of earlier generators)
    boost::hana::for_each(Registry::schemetric_families(), std::forward<Visit>(visit));
  }
}

/// How many families `Registry` lists.
template <class Registry>
inline constexpr std::size_t family_count = [] {
  std::size_t count = 0;
  for_each_family<Registry>([&](auto) { ++count; });
  return count;
}();

/// Calls visit(std::type_identity<Label>{}) for each bounded label type `Registry` lists.
template <class Registry, class Visit>
constexpr void for_each_bounded_label(Visit&& visit) {
  if constexpr (requires { Registry::schemetric_bounded_labels(); }) {
    using list = decltype(Registry::schemetric_bounded_labels());
    if constexpr (requires {
                    []<class... Label>(bounded_label_list<Label...>) {
                    }(list{});
                  }) {
      [&]<class... Label>(bounded_label_list<Label...>) {
        (visit(std::type_identity<Label>{}), ...);
      }(list{});
    } else {  // a Boost.Hana tuple of types (headers of earlier generators)
      boost::hana::for_each(Registry::schemetric_bounded_labels(), [&](auto label) {
        visit(std::type_identity<typename decltype(label)::type>{});
      });
    }
  }
}

/// How many bounded label types `Registry` lists.
template <class Registry>
inline constexpr std::size_t bounded_label_count = [] {
  std::size_t count = 0;
  for_each_bounded_label<Registry>([&](auto) { ++count; });
  return count;
}();

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
