// Matching a request path against route templates: segment walks without allocation or
// recursion, and the "most specific template wins" rule.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Marks a path or template that can match nothing (empty, or not starting with '/').
inline constexpr std::size_t no_route_segments = static_cast<std::size_t>(-1);

/// The part of `path` that routes are matched on: everything before the first '?' or '#',
/// with one trailing slash removed unless what remains is the root "/". Characters are kept
/// as they are: no percent-decoding, no case folding.
constexpr std::string_view route_match_path(std::string_view path) noexcept {
  path = path.substr(0, path.find_first_of("?#"));
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

/// The number of segments of a path already passed through route_match_path: 0 for the root
/// "/", one per '/' otherwise; no_route_segments when it does not start with '/'.
constexpr std::size_t route_segment_count(std::string_view path) noexcept {
  if (path.empty() || path.front() != '/') return no_route_segments;
  if (path.size() == 1) return 0;
  std::size_t count = 0;
  for (const char c : path) count += c == '/' ? 1 : 0;
  return count;
}

/// Whether a template segment is a parameter: the whole segment is `{name}`.
constexpr bool is_route_parameter(std::string_view segment) noexcept {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

/// Reads the segments of a normalized path one after another. `path` must start with '/'.
class route_segments {
 public:
  constexpr explicit route_segments(std::string_view path) noexcept : rest_(path.substr(1)) {}

  /// The next segment (possibly empty); only call it as often as route_segment_count says.
  constexpr std::string_view next() noexcept {
    const std::size_t end = rest_.find('/');
    const std::string_view segment = rest_.substr(0, end);
    rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
    return segment;
  }

 private:
  std::string_view rest_;
};

/// One route template prepared for matching: normalized like a path, with its segment count.
struct route_pattern {
  std::string_view text;
  std::size_t segments = no_route_segments;
};

/// Whether the normalized `path` with `segments` segments matches `pattern`. Runs over the
/// path once; stops at the first segment that differs.
constexpr bool route_pattern_matches(const route_pattern& pattern, std::string_view path,
                                     std::size_t segments) noexcept {
  if (pattern.segments != segments || segments == no_route_segments) return false;
  route_segments template_segments(pattern.text);
  route_segments path_segments(path);
  for (std::size_t i = 0; i < segments; ++i) {
    const std::string_view expected = template_segments.next();
    const std::string_view actual = path_segments.next();
    // An empty segment (from "//") is not a value for a parameter: a parameter of a web
    // framework does not match it either, and counting it under the template would hide it.
    if (is_route_parameter(expected) ? actual.empty() : expected != actual) return false;
  }
  return true;
}

/// Whether `candidate` is more specific than `best`, both having matched the same path (so
/// the same segment count): at the first segment where one has a literal and the other a
/// parameter, the literal wins. Equal shapes are not more specific (the first declared wins).
constexpr bool more_specific_route(const route_pattern& candidate,
                                   const route_pattern& best) noexcept {
  route_segments candidate_segments(candidate.text);
  route_segments best_segments(best.text);
  for (std::size_t i = 0; i < candidate.segments; ++i) {
    const bool candidate_parameter = is_route_parameter(candidate_segments.next());
    const bool best_parameter = is_route_parameter(best_segments.next());
    if (candidate_parameter != best_parameter) return best_parameter;
  }
  return false;
}

/// The route patterns of `templates`, in declaration order.
template <std::size_t N>
constexpr std::array<route_pattern, N> make_route_patterns(
    const std::array<std::string_view, N>& templates) noexcept {
  std::array<route_pattern, N> patterns{};
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view text = route_match_path(templates[i]);
    patterns[i] = route_pattern{text, route_segment_count(text)};
  }
  return patterns;
}

/// The index of the template of `patterns` that `path` matches (the most specific one, the
/// first declared among equally specific ones), N when none does. Time: the path's length
/// times the number of templates with its segment count, at most.
template <std::size_t N>
constexpr std::size_t match_route_index(const std::array<route_pattern, N>& patterns,
                                        std::string_view path) noexcept {
  path = route_match_path(path);
  const std::size_t segments = route_segment_count(path);
  std::size_t best = N;
  if (segments == no_route_segments) return best;
  for (std::size_t i = 0; i < N; ++i) {
    if (!route_pattern_matches(patterns[i], path, segments)) continue;
    if (best == N || more_specific_route(patterns[i], patterns[best])) best = i;
  }
  return best;
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
