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

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

template <class... T>
struct type_list {};

/// The members of label struct `Labels` in declaration order: `types` (a type_list), their
/// `names`, and apply(labels, visit), which calls visit(member...) with all of them.
template <class Labels>
struct label_struct {
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

/// Calls visit(member) for each family member pointer the generated `Registry` lists.
template <class Registry, class Visit>
void for_each_family(Visit&& visit) {
  boost::hana::for_each(Registry::schemetric_families(), std::forward<Visit>(visit));
}

/// How many families `Registry` lists.
template <class Registry>
inline constexpr std::size_t family_count =
    decltype(boost::hana::length(Registry::schemetric_families()))::value;

/// Calls visit(std::type_identity<Label>{}) for each bounded label type `Registry` lists.
template <class Registry, class Visit>
void for_each_bounded_label(Visit&& visit) {
  if constexpr (requires { Registry::schemetric_bounded_labels(); }) {
    boost::hana::for_each(Registry::schemetric_bounded_labels(), [&](auto label) {
      visit(std::type_identity<typename decltype(label)::type>{});
    });
  }
}

/// How many bounded label types `Registry` lists.
template <class Registry>
inline constexpr std::size_t bounded_label_count = [] {
  if constexpr (requires { Registry::schemetric_bounded_labels(); }) {
    return decltype(boost::hana::length(Registry::schemetric_bounded_labels()))::value;
  } else {
    return std::size_t{0};
  }
}();

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
