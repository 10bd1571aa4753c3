// Route template labels: mapping a raw request path to the template it matches, so that an
// HTTP path becomes one of a few declared label values instead of one series per URL.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/route_match.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// An enum generated from a `kind: route` label: a closed label set whose enumerators are the
/// route templates in schema order followed by one "no match" value (the last enumerator);
/// `schemetric_route_templates(E)`, found by argument-dependent lookup, returns the templates
/// (`/api/tasks/{task_id}`) in enumerator order.
template <class E>
concept route_label_enum = closed_label_enum<E> && requires(E e) {
  { schemetric_route_templates(e) } -> std::convertible_to<std::span<const std::string_view>>;
};

namespace detail {

// The templates of `E`, prepared once per route enum (a constant, built at compile time).
template <route_label_enum E>
inline constexpr auto route_patterns_of = [] {
  static_assert(schemetric_route_templates(E{}).size() + 1 == label_cardinality<E>,
                "a route label has one enumerator per template plus a last 'no match' one");
  const auto declared = schemetric_route_templates(E{});
  const std::span<const std::string_view> templates(declared);
  std::array<std::string_view, label_cardinality<E> - 1> copied{};
  for (std::size_t i = 0; i < copied.size(); ++i) copied[i] = templates[i];
  return make_route_patterns(copied);
}();

}  // namespace detail

/// The enumerator of the route template `path` matches, the last enumerator ("other") when
/// none does. Generated code wraps it as `route_of(path)`.
///
/// Rules (the path normalization every HTTP service needs, kept cardinality-safe):
/// - `path` is a request target's path: from its first `?` on (query string) and its first `#`
///   on (fragment) it is ignored.
/// - The path and each template are split on `/`. A template segment that is exactly `{name}`
///   matches any one non-empty segment; every other segment matches only itself, byte for
///   byte: case-sensitive and without percent-decoding (`/a%2Fb` is one segment `a%2Fb`).
///   A parameter is a whole segment: `/files/{name}.json` has no parameter.
/// - One trailing slash is ignored, on the path and on the templates: `/api/tasks/` matches
///   `/api/tasks`. The root `/` matches only a `/` template (and so does `//`, which is the
///   root with a trailing slash); `/api/tasks//` keeps an empty last segment and matches no
///   `/api/tasks` template.
/// - An empty segment (as in `/api//run`) matches no `{param}`.
/// - An empty path, or one that does not start with `/` (`*`, `http://host/x`), matches
///   nothing.
/// - When several templates match, the most specific wins: compared segment by segment, the
///   first position where one has a literal and the other a parameter decides for the literal
///   (`/api/tasks/stats` beats `/api/tasks/{id}` for the path `/api/tasks/stats`). Templates
///   of the same shape tie; the first declared wins.
///
/// Failure behaviour: none; every input maps to an enumerator. Cost: no allocation, no
/// recursion, time linear in the path's length for each template with the same number of
/// segments as the path (a long path with an unexpected shape is rejected after one count of
/// its slashes). constexpr: usable in constant expressions. Thread safety: a pure function.
template <route_label_enum E>
constexpr E match_route(std::string_view path) noexcept {
  return static_cast<E>(detail::match_route_index(detail::route_patterns_of<E>, path));
}

SCHEMETRIC_END_NAMESPACE
